"""Shop modules (B-MOD-1..8): which exist, whether they are on, their configuration, and home block order.

Six modules keep their state in a Module row. Two (product comments, cheque payment) keep it in the settings
the shop already reads (product_comments.*, payment.cheque.*), so that there is one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.models.modules import HookPosition, Module
from sandbox.services import ServiceError

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


def _spec(code: str) -> ModuleSpec:
    spec = MODULES.get(code)
    if spec is None:
        raise ServiceError("Ce module n'existe pas.")
    return spec


def _from_setting(option: Option | None, raw: str) -> Any:
    if option is None or option.kind == "bool":
        return raw == "1"
    return raw


def module_state(db: Session, code: str) -> tuple[bool, dict[str, Any]]:
    """Whether a module is on, and its configuration (defaults filled in)."""
    spec = _spec(code)
    config = {o.key: o.default for o in spec.options}
    if spec.settings:
        options = {o.key: o for o in spec.options}
        for key, setting in spec.settings.items():
            default = ("1" if (options[key].default if key in options else spec.active) else "0") \
                if key == "active" or options[key].kind == "bool" else (options[key].default or "")
            config[key] = _from_setting(options.get(key), get_setting(db, setting, default))
        return config.pop("active"), config
    row = db.get(Module, code)
    if row is None:
        return spec.active, config
    return row.active, {**config, **{k: v for k, v in (row.config or {}).items() if k in config}}


def module_active(db: Session, code: str) -> bool:
    """Whether a module is switched on."""
    return module_state(db, code)[0]


def module_config(db: Session, code: str) -> dict[str, Any]:
    """A module's configuration (defaults filled in)."""
    return module_state(db, code)[1]


def _row(db: Session, code: str) -> Module:
    spec = _spec(code)
    row = db.get(Module, code)
    if row is None:
        row = Module(code=code, name=spec.name, active=spec.active,
                     config={o.key: o.default for o in spec.options})
        db.add(row)
    return row


def set_module_active(db: Session, code: str, active: bool) -> None:
    """Switch a module on or off."""
    spec = _spec(code)
    if spec.settings:
        set_setting(db, spec.settings["active"], "1" if active else "0")
    else:
        _row(db, code).active = active
    db.flush()


def configure_module(db: Session, code: str, values: dict[str, Any]) -> None:
    """Save a module's configuration, checked against its options (French errors, nothing saved)."""
    spec = _spec(code)
    clean: dict[str, Any] = {}
    for option in spec.options:
        value = values.get(option.key, option.default)
        if option.kind == "int":
            if not isinstance(value, int) or (option.low is not None and value < option.low) \
                    or (option.high is not None and value > option.high):
                raise ServiceError(f"Indiquez un nombre entier entre {option.low} et {option.high}.",
                                   option.key)
        elif option.kind in ("text", "textarea", "html"):
            value = (value or "").strip()
            if option.key == "payee" and not value:
                raise ServiceError("Indiquez à l'ordre de qui les chèques doivent être libellés.", option.key)
        elif option.kind == "networks":
            value = [n for n in NETWORKS if n in (value or [])]
        elif option.kind == "bool":
            value = bool(value)
        clean[option.key] = value
    if spec.settings:
        for key, value in clean.items():
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            set_setting(db, spec.settings[key], text)
    else:
        row = _row(db, code)
        row.config = {**(row.config or {}), **clean}
    db.flush()


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


def home_order(db: Session) -> list[str]:
    """Codes of the home blocks in their configured order (blocks never placed keep their default rank)."""
    rows = db.scalars(select(HookPosition).where(HookPosition.hook == "home"))
    placed = {r.block: r.position for r in rows}
    default = {code: (i + 1) * 10 for i, code in enumerate(HOME_BLOCKS)}
    return sorted(HOME_BLOCKS, key=lambda c: (placed.get(c, default[c]), default[c]))


def set_home_order(db: Session, positions: dict[str, int]) -> None:
    """Place the home blocks: positions 1..n, each used once."""
    if set(positions) != set(HOME_BLOCKS):
        raise ServiceError("Indiquez une position pour chaque bloc de la page d'accueil.")
    used = sorted(positions.values())
    if used != list(range(1, len(HOME_BLOCKS) + 1)):
        raise ServiceError(f"Chaque position de 1 à {len(HOME_BLOCKS)} doit être utilisée une seule fois.",
                           "positions")
    for code, position in positions.items():
        row = db.get(HookPosition, ("home", code))
        if row is None:
            db.add(HookPosition(hook="home", block=code, position=position * 10))
        elif row.position != position * 10:
            row.position = position * 10
    db.flush()


def home_blocks(db: Session) -> list[str]:
    """Home blocks to render, in order: those whose module is off are left out."""
    return [code for code in home_order(db)
            if HOME_BLOCKS[code][1] is None or module_active(db, HOME_BLOCKS[code][1])]
