"""Reference tables and accounts: taxes, order states, customer groups, carriers, staff, users, settings."""

from __future__ import annotations

from sandbox.models import (
    Carrier,
    CustomerGroup,
    Employee,
    OrderState,
    Profile,
    Setting,
    SiteUser,
    Tax,
)
from sandbox.money import ht_from_ttc, to_cents
from sandbox.seeding.common import DEMO_PASSWORD_HASH, Run, amount


def seed_reference(run: Run) -> None:
    """Taxes, order states, customer groups and carriers."""
    r = run.reader
    run.insert(
        Tax,
        [
            {"id": int(t["id"]), "name": t["name"], "rate_bp": int(amount(t["rate_percent"]) * 100)}
            for t in r.csv("taxes.csv")
        ],
    )
    states = r.csv("order_states.csv")
    run.insert(
        OrderState,
        [
            {
                "id": int(s["id"]),
                "code": s["code"],
                "name": s["name"],
                "color": s["color"].lower(),
                "paid": s["paid"] == "1",
                "shipped": s["shipped"] == "1",
            }
            for s in states
        ],
    )
    run.keys["state"] = {s["code"]: int(s["id"]) for s in states}
    groups = r.csv("groups.csv")
    run.insert(
        CustomerGroup,
        [
            {
                "id": int(g["id"]),
                "name": g["name"],
                "reduction_bp": int(amount(g["reduction_percent"]) * 100),
                "price_display": g["price_display"],
                "show_prices": True,
            }
            for g in groups
        ],
    )
    run.data["groups"] = groups
    carriers = []
    for position, c in enumerate(r.csv("carriers.csv")):
        carriers.append(
            {
                "id": int(c["id"]),
                "name": c["name"],
                "delay": c["delay"],
                "price_ht": to_cents(ht_from_ttc(amount(c["price_ttc"]), 2000)),
                "tax_id": 1,
                "free_above_ttc": amount(c["free_above_ttc"]) if c["free_above_ttc"] else None,
                "active": c["active"] == "1",
                "position": position,
            }
        )
    run.insert(Carrier, carriers)
    run.data["carriers"] = carriers
    run.data["carrier_shares"] = {int(c["id"]): int(c["share_percent"]) for c in r.csv("carriers.csv")}


def seed_accounts(run: Run) -> None:
    """Back-office profiles and employees, and site vitrine users (id 1 of each is the candidate)."""
    r = run.reader
    run.insert(Profile, [{"id": int(p["id"]), "name": p["name"]} for p in r.csv("profiles.csv")])
    employees = r.csv("employees.csv")
    run.insert(
        Employee,
        [
            {
                "id": int(e["id"]),
                "first_name": e["first_name"],
                "last_name": e["last_name"],
                "email": e["email"],
                "password_hash": DEMO_PASSWORD_HASH,
                "profile_id": int(e["profile_id"]),
                "active": e["active"] == "1",
            }
            for e in employees
        ],
    )
    run.data["employees"] = {int(e["id"]): e for e in employees}
    run.data["staff"] = staff_roles(run.reader.csv("profiles.csv"), employees)
    users = r.csv("site_users.csv")
    run.insert(
        SiteUser,
        [
            {
                "id": int(u["id"]),
                "login": u["login"],
                "display_name": u["display_name"],
                "email": u["email"],
                "role": u["role"],
                "password_hash": DEMO_PASSWORD_HASH,
                "bio": u["bio"],
            }
            for u in users
        ],
    )
    run.data["site_users"] = {int(u["id"]): u for u in users}


# Who does what in the seeded history, found by profile name (the candidate only when nobody else fits).
ROLE_PROFILES = {
    "admin": "Administrateur",
    "logistics": "Logisticien",
    "service": "SAV",
    "sales": "Commercial",
}


def staff_roles(profiles: list[dict[str, str]], employees: list[dict[str, str]]) -> dict[str, int]:
    """{"admin" | "logistics" | "service" | "sales": employee id} for the seeded order and service history."""
    names = {p["id"]: p["name"] for p in profiles}
    others = [e for e in employees if e["id"] != "1"]
    roles = {}
    for role, word in ROLE_PROFILES.items():
        match = next((e for e in others if word.lower() in names.get(e["profile_id"], "").lower()), None)
        roles[role] = int((match or (others[0] if others else {"id": "1"}))["id"])
    return roles


def seed_settings(run: Run) -> None:
    """Every setting the seat starts with (keys documented in the package docstring)."""
    company = run.reader.toml("company.toml")
    ctx = run.manifest["context"]
    media = run.keys["media"]
    values: dict[str, object] = {
        "clock.today": run.ref.isoformat(),
        "context.id": ctx["id"],
        "context.title": ctx["title"],
        "context.version": ctx["version"],
    }
    values.update({f"company.{k}": v for k, v in company["company"].items()})
    values.update({f"social.{k}": v for k, v in company["social"].items()})
    shop, site = company["shop"], company["site"]
    values.update(
        {
            "shop.name": shop["name"],
            "shop.email": shop["email"],
            "shop.phone": company["company"]["phone"],
            # Coordonnées of the shop (Paramètres de la boutique › Contact): the company's, until edited.
            **{f"shop.{k}": company["company"][k] for k in ("address1", "address2", "postcode", "city",
                                                             "country", "opening_hours")},
            "shop.logo_media_id": media["logo"],
            "shop.icon_media_id": media["icon"],
            "shop.new_product_days": shop["new_product_days"],
            "payment.cheque.enabled": 1,
            "payment.cheque.payee": shop["cheque_payee"],
            "payment.cheque.address": shop["cheque_address"],
            "payment.wire.enabled": 1,
            "payment.wire.owner": shop["wire_owner"],
            "payment.wire.bank": shop["wire_bank"],
            "payment.wire.iban": shop["wire_iban"],
            "payment.wire.bic": shop["wire_bic"],
            "returns.enabled": 1,
            "returns.days": shop["return_days"],
            "returns.instructions": (
                f"Vous disposez de {shop['return_days']} jours après la réception de votre commande pour "
                "nous retourner un article neuf et non lavé. Faites votre demande depuis votre compte ; "
                "l'étiquette de retour vous est envoyée par e-mail dès que la demande est acceptée."
            ),
            "product_comments.enabled": 1,
            "product_comments.moderation": 1,
            "product_comments.allow_guests": 0,
            "site.title": site["title"],
            "site.tagline": site["tagline"],
            "site.logo_media_id": media["logo"],
            # The starting look of the national subjects' sites: no site icon, social icons off (in the
            # footer once switched on), blog sidebar on with the stock widgets, breadcrumb off.
            "site.icon_media_id": "",
            "site.social_icons": 0,
            "site.social_position": "footer",
            "site.sidebar": "posts",
            "seo.breadcrumbs": 0,
            "reading.show_on_front": "posts",
            "reading.page_on_front": run.keys["post"].get("accueil", ""),
            "reading.posts_per_page": site["posts_per_page"],
            "discussion.moderation": 1,
            "discussion.comments_open": 1,
            "plugins.seo": 0,  # the SEO extension (Extensions), off until the candidate turns it on
        }
    )
    run.insert(Setting, [{"key": k, "value": str(v)} for k, v in sorted(values.items())])
