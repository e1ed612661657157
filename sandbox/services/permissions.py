"""Back-office permissions: tabs, the rights of profiles on them, and the self-lockout guards.

Every shop back-office endpoint belongs to a tab through the module of its view function
(``TAB_OF_MODULE``); its action is « view » for reading, and « add », « edit » or « delete » for a change,
guessed from the endpoint's name or given in ``ACTION_OF_ENDPOINT``. SuperAdmin has every right.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Employee, Profile, ProfilePermission
from sandbox.models.team import TABS  # the tab keys live with the model (its summaries read them)
from sandbox.services import ServiceError

SUPERADMIN_ID = 1
ACTIONS = {"view": "Voir", "add": "Ajouter", "edit": "Modifier", "delete": "Supprimer"}
# Module of a view (sandbox.web.shop_admin.<module>) → tab. Modules open to every employee are listed in
# OPEN_MODULES; a module in neither (a new screen) counts as « Paramètres », so it is never open by mistake.
OPEN_MODULES = {"auth", "dashboard"}
TAB_OF_MODULE = {
    "orders": "orders",
    "order_create": "orders",
    "returns": "orders",
    "credit_slips": "orders",
    "customers": "customers",
    "customers_edit": "customers",
    "groups": "customers",
    "customer_groups": "customers",
    "customer_service": "customer_service",
    "products": "catalog",
    "combinations": "catalog",
    "categories": "catalog",
    "attributes": "catalog",
    "features": "catalog",
    "brands": "catalog",
    "catalog": "catalog",
    "stock": "stock",
    "cart_rules": "promotions",
    "promotions": "promotions",
    "price_rules": "catalog",
    "product_extras": "catalog",
    "reviews": "catalog",
    "appearance": "design",
    "shop_pages": "design",
    "carriers": "shipping",
    "shipping": "shipping",
    "modules": "modules",
    "payment": "modules",
    "main_menu": "modules",
    "settings": "settings",
    "shop_settings": "settings",
    "preferences": "settings",
    "stats": "stats",
    "statistics": "stats",
    "segments": "customers",
    "gdpr": "customers",
    "team": "team",
}
# Endpoints whose action cannot be guessed from their name.
ACTION_OF_ENDPOINT: dict[str, str] = {}
ADD_WORDS = ("new", "create", "add", "nouveau", "nouvelle", "ajouter")
DELETE_WORDS = ("delete", "remove", "supprimer")


def tab_of(module: str) -> str | None:
    """The tab a view module belongs to (None: open to every logged-in employee)."""
    name = module.rsplit(".", 1)[-1]
    if name in OPEN_MODULES or not module.startswith("sandbox.web.shop_admin."):
        return None
    return TAB_OF_MODULE.get(name, "settings")


def action_of(endpoint: str, method: str) -> str:
    """What a request does on its tab: view for reading (add for a creation form), else add/edit/delete."""
    if endpoint in ACTION_OF_ENDPOINT:
        return ACTION_OF_ENDPOINT[endpoint]
    words = set(endpoint.rsplit(".", 1)[-1].lower().split("_"))
    if method in ("GET", "HEAD", "OPTIONS"):
        return "add" if words & set(ADD_WORDS) else "view"
    if words & set(DELETE_WORDS):
        return "delete"
    if words & set(ADD_WORDS):
        return "add"
    return "edit"


def rights_of(db: Session, profile_id: int) -> dict[str, set[str]]:
    """The actions a profile may do, by tab."""
    if profile_id == SUPERADMIN_ID:
        return {tab: set(ACTIONS) for tab in TABS}
    rights: dict[str, set[str]] = {tab: set() for tab in TABS}
    for row in db.scalars(select(ProfilePermission).where(ProfilePermission.profile_id == profile_id)):
        rights.setdefault(row.tab, set()).update(a for a in ACTIONS if getattr(row, f"can_{a}"))
    return rights


def allowed(db: Session, profile_id: int, tab: str | None, action: str = "view") -> bool:
    """Whether a profile may do that action on that tab (a tab of None is open to all)."""
    return tab is None or action in rights_of(db, profile_id).get(tab, set())


def refusal(tab: str, action: str) -> str:
    """The French sentence of a refused request."""
    return (
        f"Vous n'avez pas l'autorisation de {ACTIONS[action].lower()} dans l'onglet "
        f"« {TABS.get(tab, tab)} ». Demandez à un administrateur de modifier votre profil."
    )


def save_permissions(db: Session, profile: Profile, rights: dict[str, set[str]], editor: Employee) -> None:
    """Replace a profile's rights; refused when the editor would lock their own profile out of Équipe."""
    if profile.id == SUPERADMIN_ID:
        raise ServiceError("Le profil SuperAdmin a toutes les permissions : elles ne se modifient pas.")
    unknown = [t for t in rights if t not in TABS] + [
        a for acts in rights.values() for a in acts if a not in ACTIONS
    ]
    if unknown:
        raise ServiceError(f"Permission inconnue : {', '.join(unknown)}.")
    if editor.profile_id == profile.id and not {"view", "edit"} <= rights.get("team", set()):
        raise ServiceError(
            "Vous ne pouvez pas retirer à votre propre profil l'accès à l'onglet « Équipe » "
            "(voir et modifier) : vous ne pourriez plus revenir en arrière. Rien n'a été "
            "enregistré.",
            "team",
        )
    for tab in TABS:
        acts = rights.get(tab, set())
        row = db.get(ProfilePermission, (profile.id, tab))
        if row is None:
            if not acts:
                continue
            row = ProfilePermission(profile_id=profile.id, tab=tab)
            db.add(row)
        for action in ACTIONS:
            if getattr(row, f"can_{action}") != (action in acts):
                setattr(row, f"can_{action}", action in acts)
    db.flush()
