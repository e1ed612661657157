"""Checks of the small tables (taxes, states, groups, carriers, staff, users, towns) and generation rules."""

from __future__ import annotations

from sandbox.seeding.validate import ROLES, STATE_CODES, Checker

TRAFFIC_SOURCES = ("direct", "search", "social", "email", "referral", "ads")
PAYMENTS = ("Carte bancaire", "Chèque", "Virement bancaire")


def check_tables(c: Checker) -> None:
    """Reference tables and accounts."""
    taxes = c.csv("taxes.csv")
    if taxes is not None:
        ids = c.ids("taxes.csv", taxes)
        for line, t in enumerate(taxes, start=2):
            c.decimal("taxes.csv", f"rate_percent (ligne {line})", t["rate_percent"], example="5,5")
        if 1 not in ids:
            c.add("taxes.csv", "id", "la taxe 1 (TVA 20 %) est absente", "ajoutez la ligne 1,TVA FR 20 %,20")
    states = c.csv("order_states.csv")
    if states is not None:
        c.ids("order_states.csv", states)
        codes = [s["code"] for s in states]
        for code in STATE_CODES:
            if code not in codes:
                c.add(
                    "order_states.csv",
                    "code",
                    f"l'état « {code} » est absent",
                    f"ajoutez une ligne avec le code {code} (codes attendus : {', '.join(STATE_CODES)})",
                )
        for line, s in enumerate(states, start=2):
            c.colour("order_states.csv", f"color (ligne {line})", s["color"])
            c.flag("order_states.csv", f"paid (ligne {line})", s["paid"])
            c.flag("order_states.csv", f"shipped (ligne {line})", s["shipped"])
    groups = c.csv("groups.csv")
    if groups is not None:
        ids = c.ids("groups.csv", groups)
        for gid, name in ((1, "Visiteur"), (2, "Invité"), (3, "Particuliers")):
            if gid not in ids:
                c.add(
                    "groups.csv",
                    "id",
                    f"le groupe {gid} ({name}) est absent",
                    "gardez les groupes 1 Visiteur, 2 Invité et 3 Clients/Particuliers comme PrestaShop",
                )
        for line, g in enumerate(groups, start=2):
            c.decimal("groups.csv", f"reduction_percent (ligne {line})", g["reduction_percent"], example="10")
            c.integer("groups.csv", f"share_percent (ligne {line})", g["share_percent"])
            if g["price_display"] not in ("ht", "ttc"):
                c.add(
                    "groups.csv",
                    f"price_display (ligne {line})",
                    f"« {g['price_display']} » est inconnu",
                    "écrivez ht ou ttc",
                )
        if ids and not any(
            g["share_percent"].isdigit() and int(g["share_percent"]) > 0 and gid != 2
            for gid, g in ids.items()
        ):
            c.add(
                "groups.csv",
                "share_percent",
                "aucun groupe ne reçoit de clients inscrits",
                "donnez une part (en %) au groupe 3 au moins",
            )
    _carriers(c)
    _accounts(c)
    communes = c.csv("communes.csv")
    if communes is not None:
        for line, town in enumerate(communes, start=2):
            if not (len(town["postcode"]) == 5 and town["postcode"].isdigit()):
                c.add(
                    "communes.csv",
                    f"postcode (ligne {line})",
                    f"« {town['postcode']} » n'est pas un code postal",
                    "écrivez 5 chiffres, par exemple 59100",
                )
            c.integer("communes.csv", f"weight (ligne {line})", town["weight"], minimum=1)
        if not communes:
            c.add(
                "communes.csv", "", "aucune commune", "ajoutez au moins une ligne (ville, code postal, poids)"
            )


def _carriers(c: Checker) -> None:
    carriers = c.csv("carriers.csv")
    if carriers is None:
        return
    c.ids("carriers.csv", carriers)
    for line, carrier in enumerate(carriers, start=2):
        c.decimal("carriers.csv", f"price_ttc (ligne {line})", carrier["price_ttc"], example="6,90")
        if carrier["free_above_ttc"]:
            c.decimal(
                "carriers.csv", f"free_above_ttc (ligne {line})", carrier["free_above_ttc"], example="80,00"
            )
        c.flag("carriers.csv", f"active (ligne {line})", carrier["active"])
        c.integer("carriers.csv", f"share_percent (ligne {line})", carrier["share_percent"])


def _accounts(c: Checker) -> None:
    profiles = c.csv("profiles.csv")
    profile_ids = c.ids("profiles.csv", profiles) if profiles is not None else {}
    employees = c.csv("employees.csv")
    if employees is not None:
        ids = c.ids("employees.csv", employees)
        first = ids.get(1)
        if not first or first["first_name"] != "Candidat" or first["profile_id"] != "1":
            c.add(
                "employees.csv",
                "id (ligne 2)",
                "l'employé 1 doit être le compte du candidat",
                "première ligne : 1,Candidat,Stagiaire,candidat@<domaine>,1,1 (profil 1 SuperAdmin)",
            )
        emails = set()
        for line, e in enumerate(employees, start=2):
            c.ref(
                "employees.csv", line, "profile_id", e["profile_id"], profile_ids, "le profil", "profiles.csv"
            )
            if "@" not in e["email"] or e["email"] in emails:
                c.add(
                    "employees.csv",
                    f"email (ligne {line})",
                    f"adresse « {e['email']} » invalide ou en double",
                    "donnez à chaque employé une adresse e-mail différente",
                )
            emails.add(e["email"])
    users = c.csv("site_users.csv")
    if users is not None:
        ids = c.ids("site_users.csv", users)
        first = ids.get(1)
        if not first or first["login"] != "candidat" or first["role"] != "administrator":
            c.add(
                "site_users.csv",
                "id (ligne 2)",
                "l'utilisateur 1 doit être le compte du candidat",
                "première ligne : 1,candidat,Candidat,<e-mail>,administrator,",
            )
        logins = set()
        for line, u in enumerate(users, start=2):
            if u["role"] not in ROLES:
                c.add(
                    "site_users.csv",
                    f"role (ligne {line})",
                    f"rôle « {u['role']} » inconnu",
                    f"choisissez parmi {', '.join(ROLES)}",
                )
            if u["login"] in logins:
                c.add(
                    "site_users.csv",
                    f"login (ligne {line})",
                    f"identifiant « {u['login']} » en double",
                    "donnez à chaque utilisateur un identifiant différent",
                )
            logins.add(u["login"])


def _weights(c: Checker, rel: str, field: str, values: object, count: int) -> None:
    if not (
        isinstance(values, list)
        and len(values) == count
        and all(isinstance(v, int | float) and v >= 0 for v in values)
    ):
        c.add(
            rel,
            field,
            f"il faut une liste de {count} nombres positifs",
            f"écrivez {field} = [1.0, …] ({count} valeurs)",
        )


def check_generation(c: Checker) -> None:
    """Rules that drive generated data (customers.toml, orders.toml) and what the sizes ask of them."""
    customers = c.toml("customers.toml")
    if customers is not None:
        for key in (
            "email_domains",
            "pro_kinds",
            "pro_names",
            "cse_companies",
            "second_address_aliases",
            "notes",
            "address_complements",
            "streets",
        ):
            if not customers.get(key):
                c.add("customers.toml", key, "liste absente ou vide", f"ajoutez au moins une valeur à {key}")
    orders = c.toml("orders.toml")
    if orders is not None:
        _weights(c, "orders.toml", "month_weights", orders.get("month_weights"), 12)
        _weights(c, "orders.toml", "weekday_weights", orders.get("weekday_weights"), 7)
        if not isinstance(orders.get("yearly_growth"), int | float) or orders["yearly_growth"] <= 0:
            c.add(
                "orders.toml",
                "yearly_growth",
                "taux de croissance absent ou négatif",
                "écrivez par exemple 1.25",
            )
        for table in ("default", "pro"):
            payments = orders.get("payments", {}).get(table, {})
            if not payments or any(p not in PAYMENTS for p in payments):
                c.add(
                    "orders.toml",
                    f"payments.{table}",
                    "moyens de paiement absents ou inconnus",
                    f"utilisez {', '.join(PAYMENTS)} avec un poids en %",
                )
        traffic = orders.get("traffic", {})
        for key in ("conversion_percent", "pages_per_visit", "visits_per_visitor"):
            if not isinstance(traffic.get(key), int | float) or traffic[key] <= 0:
                c.add(
                    "orders.toml", f"traffic.{key}", "valeur absente ou nulle", "indiquez un nombre positif"
                )
        for n, source in enumerate(traffic.get("sources", [])):
            if source.get("code") not in TRAFFIC_SOURCES:
                c.add(
                    "orders.toml",
                    f"traffic.sources[{n}].code",
                    f"source « {source.get('code')} » inconnue",
                    f"choisissez parmi {', '.join(TRAFFIC_SOURCES)}",
                )
        if not orders.get("messages", {}).get("lines"):
            c.add("orders.toml", "messages.lines", "liste absente", "ajoutez quelques messages de clients")
    sizes = c.sizes
    if sizes.get("orders", 0) and sizes.get("customers", 0) < 1:
        c.add("context.toml", "sizes.customers", "des commandes sans clients", "indiquez au moins 1 client")
    if sizes.get("return_requests", 0) > max(sizes.get("orders", 0) // 20, 0):
        c.add(
            "context.toml",
            "sizes.return_requests",
            "trop de retours pour le nombre de commandes",
            "gardez au plus une demande de retour pour 20 commandes",
        )
    if sizes.get("product_comments", 0) > sizes.get("orders", 0):
        c.add(
            "context.toml",
            "sizes.product_comments",
            "plus d'avis que de commandes",
            "les avis viennent de clients ayant été livrés : réduisez leur nombre",
        )
    if not 1 <= sizes.get("months", 1) <= 60:
        c.add(
            "context.toml", "sizes.months", "la période doit durer de 1 à 60 mois", "indiquez par exemple 18"
        )
