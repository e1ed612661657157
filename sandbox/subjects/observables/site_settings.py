"""Checks on the site vitrine's settings: social icons (on/off, placement, addresses), the SEO extension's
breadcrumb, the SEO of a category or tag, and the contact details of « Réglages › Général »."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.models import PostCategory, Tag, get_setting
from sandbox.services.seo_settings import breadcrumb_options, seo_active
from sandbox.services.site_general import contact_details
from sandbox.services.site_settings import SOCIAL_KEYS, SOCIAL_POSITIONS
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, quote
from sandbox.subjects.params import Param, text

NETWORK_NAMES = {"facebook": "Facebook", "instagram": "Instagram", "pinterest": "Pinterest",
                 "linkedin": "LinkedIn", "youtube": "YouTube", "x": "X (Twitter)", "tiktok": "TikTok"}


@check(
    "site.social",
    label="Icônes des réseaux sociaux (affichage, emplacement, adresses)",
    features=("S-APP-4",),
    params={
        "network": Param("choice", "le réseau", False, choices=SOCIAL_KEYS),
        "url_contains": text('"instagram.com/linetnature" (adresse attendue)', required=False),
        "shown": opt_bool("true si les icônes doivent être affichées (par défaut avec un réseau), false si "
                          "elles doivent être masquées"),
        "position": Param("choice", "l'emplacement attendu des icônes", False,
                          choices=tuple(SOCIAL_POSITIONS)),
    },
)
def site_social(ctx: ObserveContext, p: dict) -> Observation:
    """Social icons on or off, where the theme shows them, and one network's address."""
    shown = get_setting(ctx.db, "site.social_icons", "0") == "1"
    position = get_setting(ctx.db, "site.social_position", "footer") or "footer"
    filled = [NETWORK_NAMES[k] for k in SOCIAL_KEYS if get_setting(ctx.db, f"social.{k}").strip()]
    where = SOCIAL_POSITIONS.get(position, position).lower()
    facts = (f"Icônes des réseaux sociaux {'affichées ' + where if shown else 'masquées'} ; réseaux "
             f"renseignés : {', '.join(filled) if filled else 'aucun'}")
    misses = []
    expect_shown = p.get("shown", True if "network" in p or "position" in p else None)
    if expect_shown is not None and shown != expect_shown:
        misses.append("icônes affichées" if expect_shown else "icônes masquées")
    if "position" in p and position != p["position"]:
        misses.append(f"icônes {SOCIAL_POSITIONS[p['position']].lower()}")
    if "network" in p:
        url = get_setting(ctx.db, f"social.{p['network']}").strip()
        name = NETWORK_NAMES[p["network"]]
        facts += f" ; {name} : {url or '(vide)'}"
        if not url:
            misses.append(f"une adresse {name}")
        elif "url_contains" in p and fold(p["url_contains"]) not in fold(url):
            misses.append(f"adresse {name} contenant {quote(p['url_contains'])}")
    return verdict(facts, misses, compared=bool(p))


@check(
    "site.breadcrumb",
    label="Fil d'Ariane de l'extension SEO",
    features=("S-NAV-4",),
    params={
        "enabled": Param("bool", "false si le fil d'Ariane doit rester désactivé", False, True),
        "home_label": text('"Accueil" (texte attendu du lien vers l\'accueil)', required=False),
        "separator": text('"»" (séparateur attendu)', required=False),
    },
)
def site_breadcrumb(ctx: ObserveContext, p: dict) -> Observation:
    """Whether the theme shows the breadcrumb (SEO extension active, breadcrumb on) and its texts."""
    active, options = seo_active(ctx.db), breadcrumb_options(ctx.db)
    shown = active and options.enabled
    facts = (f"Extension SEO {'activée' if active else 'désactivée'} ; fil d'Ariane "
             f"{'activé' if options.enabled else 'désactivé'} : "
             f"{'affiché' if shown else 'non affiché'} sur le site "
             f"(« {options.home_label} {options.separator} … »)")
    misses = []
    if shown != p["enabled"]:
        misses.append("fil d'Ariane affiché" if p["enabled"] else "fil d'Ariane désactivé")
        if p["enabled"] and not active:
            misses.append("extension SEO activée")
    if "home_label" in p and fold(p["home_label"]) != fold(options.home_label):
        misses.append(f"accueil nommé {quote(p['home_label'])}")
    if "separator" in p and p["separator"].strip() != options.separator:
        misses.append(f"séparateur {quote(p['separator'])}")
    return verdict(facts, misses)


@check(
    "term.seo",
    label="SEO d'une catégorie ou d'une étiquette (titre SEO, méta description, requête cible)",
    features=("S-SEO-3", "S-SEO-4"),
    params={
        "name": text('"Linge de lit" (nom de la catégorie ou de l\'étiquette)'),
        "kind": Param("choice", "category ou tag", False, "category", choices=("category", "tag")),
        "focus_keyphrase": text('"linge de lit en lin" (requête cible attendue)', required=False),
        "title_contains": text('"linge de lit" (mots attendus dans le titre SEO)', required=False),
        "description_contains": text('"lin lavé" (mots attendus dans la méta description)', required=False),
        "description_min": opt_int("longueur minimale de la méta description (caractères)"),
        "description_max": opt_int("longueur maximale de la méta description (caractères)"),
    },
)
def term_seo(ctx: ObserveContext, p: dict) -> Observation:
    """A category or tag's SEO title, meta description and focus key phrase (its archive's head)."""
    model, word = (PostCategory, "Catégorie") if p["kind"] == "category" else (Tag, "Étiquette")
    rows = ctx.db.scalars(select(model).order_by(model.id))
    term = next((t for t in rows if fold(t.name) == fold(p["name"])), None)
    if term is None:
        return Observation(False, f"{word} {quote(p['name'])} introuvable")
    title, description = term.seo_title.strip(), term.meta_description.strip()
    key = term.focus_keyphrase.strip()
    facts = (f"{word} {quote(term.name)} : titre SEO {quote(title) if title else '(vide)'}, méta description "
             f"{f'de {len(description)} caractères' if description else '(vide)'}, requête cible "
             f"{quote(key) if key else '(vide)'}")
    misses = []
    if "focus_keyphrase" in p and fold(p["focus_keyphrase"]) != fold(key):
        misses.append(f"requête cible {quote(p['focus_keyphrase'])}")
    if "title_contains" in p and fold(p["title_contains"]) not in fold(title):
        misses.append(f"titre SEO contenant {quote(p['title_contains'])}")
    if "description_contains" in p and fold(p["description_contains"]) not in fold(description):
        misses.append(f"méta description contenant {quote(p['description_contains'])}")
    if len(description) < max(1, p.get("description_min", 1)):
        misses.append(f"une méta description d'au moins {max(1, p.get('description_min', 1))} caractères")
    if "description_max" in p and len(description) > p["description_max"]:
        misses.append(f"une méta description de {p['description_max']} caractères au plus")
    if not any(k in p for k in ("focus_keyphrase", "title_contains")) and not title:
        misses.append("un titre SEO")
    return verdict(facts, misses)


@check(
    "site.contact",
    label="Coordonnées du site (Réglages › Général : adresse, téléphone, e-mail, horaires)",
    features=("S-APP-1",),
    params={
        "address_contains": text('"27 rue de l\'Épeule" (mots attendus dans l\'adresse)', required=False),
        "phone": text('"03 20 45 67 89" (téléphone attendu)', required=False),
        "email": text('"contact@lin-et-nature.fr" (adresse e-mail attendue)', required=False),
        "hours_contains": text('"du mardi au samedi" (mots attendus dans les horaires)', required=False),
    },
)
def site_contact(ctx: ObserveContext, p: dict) -> Observation:
    """The contact details the site's footer and contact page show."""
    d = contact_details(ctx.db)
    address = ", ".join(filter(None, [d.street, d.town]))
    facts = (f"Coordonnées : adresse {quote(address) if address else '(vide)'}, téléphone "
             f"{d.phone or '(vide)'}, e-mail {d.email or '(vide)'}, "
             f"horaires {quote(d.hours) if d.hours else '(vides)'}")
    digits = "".join(ch for ch in d.phone if ch.isdigit())
    misses = []
    if "address_contains" in p and fold(p["address_contains"]) not in fold(address):
        misses.append(f"adresse contenant {quote(p['address_contains'])}")
    if "phone" in p and "".join(ch for ch in p["phone"] if ch.isdigit()) != digits:
        misses.append(f"téléphone {p['phone']}")
    if "email" in p and fold(p["email"]) != fold(d.email):
        misses.append(f"e-mail {p['email']}")
    if "hours_contains" in p and fold(p["hours_contains"]) not in fold(d.hours):
        misses.append(f"horaires contenant {quote(p['hours_contains'])}")
    return verdict(facts, misses, compared=bool(p))
