"""French names of the seat's settings, so that the console never shows a raw key (« social.tiktok »).

Each key has the thing a reader knows (« Réseau social TikTok »), the part that changed (« adresse »), its
gender and number (for « ajoutée », « activés »…) and how to show its value. A screen that stores a new
setting adds its key here (append only: several people edit this registry); a key missing from it still
reads as French, from its group, never as the raw key.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default


@dataclass(frozen=True)
class SettingLabel:
    """How one setting reads in a summary."""

    subject: str  # « Réseau social TikTok »
    field: str = ""  # « adresse »; empty when the subject alone says it (« Extension SEO activée »)
    gender: str = "m"  # m, f, mp, fp: agreement of « ajouté », « activé »…
    kind: str = "text"  # text, long, bool, number, choice, media, page, hidden
    on: str = "activé"  # words of a yes/no setting (agreed with the gender)
    off: str = "désactivé"
    choices: dict[str, str] = default(default_factory=dict)
    default: str = ""  # the value the shop reads when the key is absent: storing it changes nothing


def agree(word: str, gender: str) -> str:
    """« créé » agreed with a gender and number: créé, créée, créés, créées."""
    return word + {"m": "", "f": "e", "mp": "s", "fp": "es"}.get(gender, "")


def _company(name: str, gender: str = "m") -> SettingLabel:
    return SettingLabel("Coordonnées de l'entreprise", name, gender)


def _shop(name: str, gender: str = "m", kind: str = "text") -> SettingLabel:
    return SettingLabel("Coordonnées de la boutique", name, gender, kind)


SOCIAL = {"facebook": "Facebook", "instagram": "Instagram", "pinterest": "Pinterest",
          "linkedin": "LinkedIn", "youtube": "YouTube", "x": "X (Twitter)", "tiktok": "TikTok",
          "whatsapp": "WhatsApp"}
SIDEBAR = {"none": "aucune", "posts": "sur les articles", "pages": "sur les pages",
           "both": "sur les articles et les pages"}
SOCIAL_PLACES = {"header": "dans l'en-tête", "below_header": "sous l'en-tête",
                 "footer": "dans le pied de page"}

EVERY = {"*": "tous"}
PAYMENT_MODULES = {"cheque": "Paiement par chèque", "wire": "Virement bancaire"}


def _payment(module: str, name: str) -> dict[str, SettingLabel]:
    """The settings every payment module has: on/off and who may use it (« * »: everybody)."""
    return {
        f"payment.{module}.enabled": SettingLabel(f"Module {name}", kind="bool"),
        f"payment.{module}.groups": SettingLabel(name, "groupes de clients autorisés", "mp", default="*",
                                                 choices=EVERY),
        f"payment.{module}.carriers": SettingLabel(name, "transporteurs autorisés", "mp", default="*",
                                                   choices=EVERY),
    }


SETTING_LABELS: dict[str, SettingLabel] = {
    "clock.today": SettingLabel("Horloge du poste", "date du jour", "f", "hidden"),
    "company.name": _company("nom commercial"),
    "company.legal_name": _company("raison sociale", "f"),
    "company.legal_form": _company("forme juridique", "f"),
    "company.address1": _company("adresse", "f"),
    "company.address2": _company("complément d'adresse"),
    "company.postcode": _company("code postal"),
    "company.city": _company("ville", "f"),
    "company.country": _company("pays"),
    "company.phone": _company("téléphone"),
    "company.email": _company("adresse e-mail", "f"),
    "company.domain": _company("nom de domaine"),
    "company.website": _company("site web"),
    "company.capital": _company("capital"),
    "company.founded": _company("année de création", "f"),
    "company.founders": _company("fondateurs", "mp"),
    "company.president": _company("président"),
    "company.headcount": _company("effectif"),
    "company.history": SettingLabel("Coordonnées de l'entreprise", "histoire", "f", "long"),
    "company.values": SettingLabel("Coordonnées de l'entreprise", "valeurs", "fp", "long"),
    "company.slogan": _company("slogan"),
    "company.opening_hours": _company("horaires d'ouverture", "mp"),
    "company.naf": _company("code NAF"),
    "company.rcs": _company("immatriculation RCS", "f"),
    "company.siren": _company("numéro SIREN"),
    "company.siret": _company("numéro SIRET"),
    "company.vat_number": _company("numéro de TVA intracommunautaire"),
    "seat.name": SettingLabel("Poste", "nom", kind="hidden"),
    "seat.epoch": SettingLabel("Poste", "remise à zéro", "f", "hidden"),
    "context.id": SettingLabel("Contexte de référence", "identifiant", kind="hidden"),
    "context.title": SettingLabel("Contexte de référence", "titre", kind="hidden"),
    "context.version": SettingLabel("Contexte de référence", "version", "f", "hidden"),
    "context.checksum": SettingLabel("Contexte de référence", "empreinte", "f", "hidden"),
    "context.scale": SettingLabel("Contexte de référence", "taille", "f", "hidden"),
    "discussion.comments_open": SettingLabel("Réglages des commentaires", "commentaires sur les articles",
                                             "mp", "bool", on="autorisé", off="fermé"),
    "discussion.moderation": SettingLabel("Réglages des commentaires",
                                          "approbation manuelle des commentaires", "f", "bool"),
    "orders.minimum_ttc": SettingLabel("Paramètres des commandes", "montant minimum d'achat (TTC)",
                                       kind="number", default="0"),
    "payment.cheque.payee": SettingLabel("Paiement par chèque", "ordre du chèque"),
    "payment.cheque.address": SettingLabel("Paiement par chèque", "adresse d'envoi", "f", "long"),
    "payment.wire.owner": SettingLabel("Virement bancaire", "titulaire du compte"),
    "payment.wire.bank": SettingLabel("Virement bancaire", "banque", "f"),
    "payment.wire.iban": SettingLabel("Virement bancaire", "IBAN"),
    "payment.wire.bic": SettingLabel("Virement bancaire", "BIC"),
    "payment.wire.details": SettingLabel("Virement bancaire", "informations complémentaires", "fp", "long"),
    **{key: label for module, name in PAYMENT_MODULES.items()
       for key, label in _payment(module, name).items()},
    "plugins.seo": SettingLabel("Extension SEO Facile", gender="f", kind="bool"),
    "privacy.page_id": SettingLabel("Confidentialité", "page de politique de confidentialité", "f", "page"),
    "product_comments.enabled": SettingLabel("Module Avis produits", kind="bool"),
    "product_comments.moderation": SettingLabel("Avis produits", "validation des avis avant publication",
                                                "f", "bool"),
    "product_comments.allow_guests": SettingLabel("Avis produits", "avis des visiteurs non connectés", "mp",
                                                  "bool", on="autorisé", off="refusé"),
    "reading.show_on_front": SettingLabel("Réglages de lecture", "la page d'accueil affiche", kind="choice",
                                          choices={"posts": "les derniers articles",
                                                   "page": "une page statique"}),
    "reading.page_on_front": SettingLabel("Réglages de lecture", "page d'accueil", "f", "page"),
    "reading.posts_per_page": SettingLabel("Réglages de lecture", "nombre d'articles par page",
                                           kind="number"),
    "returns.enabled": SettingLabel("Retours produits", "retours de marchandise", "mp", "bool"),
    "returns.days": SettingLabel("Retours produits", "délai de retour (jours)", kind="number"),
    "returns.instructions": SettingLabel("Retours produits", "instructions de retour", "fp", "long"),
    "shop.name": SettingLabel("Boutique", "nom"),
    "shop.logo_media_id": SettingLabel("Boutique", "logo", kind="media"),
    "shop.icon_media_id": SettingLabel("Boutique", "icône (favicon)", "f", "media"),
    "shop.email": _shop("adresse e-mail", "f"),
    "shop.phone": _shop("téléphone"),
    "shop.country": _shop("pays"),
    "shop.new_product_days": SettingLabel("Paramètres des produits", "durée « Nouveau » (jours)", "f",
                                          "number"),
    "stock.allow_out_of_stock_orders": SettingLabel("Paramètres des produits",
                                                    "commandes de produits hors stock", "fp", "bool",
                                                    on="autorisé", off="refusé", default="0"),
    "site.title": SettingLabel("Identité du site", "titre du site"),
    "site.tagline": SettingLabel("Identité du site", "slogan"),
    "site.logo_media_id": SettingLabel("Identité du site", "logo", kind="media"),
    "site.icon_media_id": SettingLabel("Identité du site", "icône du site", "f", "media"),
    "site.header_media_id": SettingLabel("En-tête du site", "image ou vidéo", "f", "media"),
    "site.header_text": SettingLabel("En-tête du site", "texte"),
    "site.sidebar": SettingLabel("Mise en page", "colonne latérale", "f", "choice", choices=SIDEBAR,
                                 default="none"),
    "site.social_icons": SettingLabel("Icônes des réseaux sociaux", gender="fp", kind="bool", on="affiché",
                                      off="masqué"),
    **{f"social.{key}": SettingLabel(f"Réseau social {name}", "adresse", "f")
       for key, name in SOCIAL.items()},
    # Site settings, SEO extension (site-settings).
    "site.social_position": SettingLabel("Icônes des réseaux sociaux", "emplacement", kind="choice",
                                         choices=SOCIAL_PLACES),
    "seo.breadcrumbs": SettingLabel("Fil d'Ariane de l'extension SEO", kind="bool"),
    "seo.breadcrumbs_separator": SettingLabel("Fil d'Ariane", "séparateur"),
    "seo.breadcrumbs_home": SettingLabel("Fil d'Ariane", "texte du lien vers l'accueil"),
    "seo.breadcrumbs_prefix": SettingLabel("Fil d'Ariane", "préfixe"),
    # The shop's contact details (shop-menu's screen; labelled here so that the key walk stays green).
    "shop.address1": _shop("adresse", "f"),
    "shop.address2": _shop("complément d'adresse"),
    "shop.postcode": _shop("code postal"),
    "shop.city": _shop("ville", "f"),
    "shop.opening_hours": _shop("horaires d'ouverture", "mp"),
}

# The groups of keys, for a key nobody labelled yet (« Réglages de la boutique : un réglage modifié »).
GROUPS = {"clock": "Horloge du poste", "company": "Coordonnées de l'entreprise",
          "context": "Contexte de référence", "discussion": "Réglages des commentaires",
          "orders": "Paramètres des commandes", "payment": "Paiement", "plugins": "Extensions du site",
          "privacy": "Confidentialité", "product_comments": "Avis produits",
          "reading": "Réglages de lecture", "returns": "Retours produits", "shop": "Réglages de la boutique",
          "site": "Réglages du site", "social": "Réseaux sociaux", "stock": "Paramètres des stocks",
          "subject": "Sujet", "seo": "Référencement", "seat": "Poste"}


def label_for(key: str) -> SettingLabel:
    """The label of a key; an unknown key reads as « <its group> : réglage » (never the key itself)."""
    known = SETTING_LABELS.get(key)
    if known is not None:
        return known
    group = GROUPS.get(key.split(".", 1)[0], "Réglages")
    return SettingLabel(group, "réglage")
