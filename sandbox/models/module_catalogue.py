"""The catalogue of shop modules (B-MOD-1..8) and of home-page blocks, and the French wording of a module's
changes: plain data, so the models' activity summaries read it without importing the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NETWORKS = {"facebook": "Facebook", "x": "X (Twitter)", "pinterest": "Pinterest", "linkedin": "LinkedIn",
            "whatsapp": "WhatsApp"}
ROOT_CATEGORY_ID = 1


@dataclass(frozen=True)
class Option:
    """One configuration value of a module: key, French label, kind (int, bool, text, html, category,
    networks), default, bounds for ints."""

    key: str
    label: str
    kind: str
    default: Any = None
    low: int | None = None
    high: int | None = None
    hint: str = ""


@dataclass(frozen=True)
class ModuleSpec:
    """A module of the shop: code, French name and description, options, settings it lives in (if any)."""

    code: str
    name: str
    description: str
    options: tuple[Option, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)  # option key (or « active ») → setting key
    active: bool = True


MODULES: dict[str, ModuleSpec] = {s.code: s for s in (
    ModuleSpec("featured", "Produits phares", "Affiche une sélection de produits sur la page d'accueil.", (
        Option("count", "Nombre de produits à afficher", "int", 8, 1, 24),
        Option("category_id", "Catégorie des produits à afficher", "category", ROOT_CATEGORY_ID,
               hint="Les produits de cette catégorie sont affichés (Accueil : la sélection de la page "
                    "d'accueil)."),
        Option("random", "Afficher les produits dans un ordre aléatoire", "bool", False),
    )),
    ModuleSpec("carousel", "Carrousel d'images", "Diaporama en haut de la page d'accueil.", (
        Option("speed", "Vitesse (millisecondes entre deux diapositives)", "int", 5000, 1000, 20000),
        Option("pause", "Pause au survol", "bool", True),
    )),
    # Its entries (categories, pages, links, in order) are rows of their own: sandbox.services.main_menu.
    ModuleSpec("main_menu", "Menu principal", "Menu horizontal en haut de toutes les pages de la boutique."),
    ModuleSpec("text_block", "Bloc de texte personnalisé", "Un texte libre sur la page d'accueil.", (
        Option("title", "Titre du bloc", "text", "Notre savoir-faire"),
        Option("content", "Contenu du bloc", "html", ""),
    )),
    ModuleSpec("reassurance", "Réassurance", "Rassure les clients : livraison, paiement sécurisé, retours.", (
        Option("on_product", "Afficher aussi sur les pages produits", "bool", True),
    )),
    ModuleSpec("social_sharing", "Boutons de partage social", "Boutons de partage sur les pages produits.", (
        Option("networks", "Réseaux proposés", "networks", ["facebook", "x", "pinterest"]),
    )),
    ModuleSpec("product_comments", "Commentaires produits", "Avis des clients sur les pages produits.", (
        Option("moderation", "Valider les commentaires avant publication", "bool", True),
        Option("allow_guests", "Autoriser les commentaires des visiteurs non connectés", "bool", False),
    ), settings={"active": "product_comments.enabled", "moderation": "product_comments.moderation",
                 "allow_guests": "product_comments.allow_guests"}),
    ModuleSpec("cheque", "Paiement par chèque", "Propose le paiement par chèque à la commande.", (
        Option("payee", "À l'ordre de", "text", ""),
        Option("address", "Adresse d'envoi du chèque", "textarea", ""),
    ), settings={"active": "payment.cheque.enabled", "payee": "payment.cheque.payee",
                 "address": "payment.cheque.address"}),
)}

# Blocks of the home page, in their default order; the module that switches each on (None: always there).
HOME_BLOCKS = {"carousel": ("Carrousel d'images", "carousel"), "text_block": ("Bloc de texte", "text_block"),
               "featured": ("Produits phares", "featured"), "categories": ("Nos univers", None),
               "new_products": ("Nouveaux produits", None), "reassurance": ("Réassurance", "reassurance")}


def describe_module_changes(code: str, changes: dict) -> str:
    """French wording of a Module row's changes (config keys by their labels)."""
    spec = MODULES.get(code)
    labels = {o.key: o.label.lower() for o in spec.options} if spec else {}
    parts = []
    for name, (old, new) in changes.items():
        if name == "active":
            parts.append("activé" if new else "désactivé")
        elif name == "config":
            old, new = old or {}, new or {}
            for key in new:
                if old.get(key) != new.get(key):
                    before, after = (("oui" if v else "non") if isinstance(v, bool) else v
                                     for v in (old.get(key, "—"), new[key]))
                    parts.append(f"{labels.get(key, key)} {before} → {after}")
    return " ; ".join(parts) or "modifié"
