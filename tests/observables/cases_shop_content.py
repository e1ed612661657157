"""Shop modules, main menu, contact details, search aliases, shop pages and return settings, ✓ and ✗."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import set_setting
from sandbox.models.modules import ShopPage
from sandbox.services import main_menu
from sandbox.services.modules import set_module_active
from tests.observables.both_ways import Case, each_unmet


def _returns_off(db: Session) -> None:
    set_setting(db, "returns.enabled", "0")
    set_setting(db, "returns.days", "")


def _page(db: Session, title: str) -> ShopPage:
    return db.scalar(select(ShopPage).where(ShopPage.title == title))


def _delivery_page_in_menu(db: Session) -> None:
    main_menu.add_target(db, "page", _page(db, "Livraison").id)


def _stores_link_in_menu(db: Session) -> None:
    main_menu.add_link(db, "Nos magasins", "https://www.lin-et-nature.fr/magasins")


def _menu_off(db: Session) -> None:
    set_module_active(db, "main_menu", False)


def _delivery_page_meta(db: Session) -> None:
    page = _page(db, "Livraison")
    page.meta_title = "Livraison | Lin & Nature"
    page.meta_description = "Délais et frais de livraison de la boutique Lin & Nature."


CASES: list[Case] = [
    *each_unmet("module.state", {"module": "featured", "active": True, "key": "count", "value": "8"},
                {"active": False, "value": "4"}),
    Case("module.state", {"module": "social_sharing", "active": False}, True, why="a module switched off"),
    Case("module.state", {"module": "featured", "value": "8"}, False, why="a value without its option"),
    *each_unmet("module.featured", {"count": 8, "category": "Accueil", "random": False},
                {"count": 4, "category": "Linge de lit", "random": True}),
    *each_unmet("main_menu.entry", {"category": "linge de bain", "present": True, "position": 2},
                {"present": False, "position": 3}),
    Case("main_menu.entry", {"category": "Draps housses", "present": False}, True, why="absent as expected"),
    Case("main_menu.entry", {"category": "Draps housses"}, False, why="not in the menu"),
    Case("main_menu.entry", {"page": "Livraison", "position": 7}, True, _delivery_page_in_menu, why="a page"),
    Case("main_menu.entry", {"page": "Livraison"}, False, why="page not in the menu"),
    Case("main_menu.entry", {"link": "nos magasins"}, True, _stores_link_in_menu, why="a custom link"),
    Case("main_menu.entry", {"link": "Nos magasins"}, False, why="link not in the menu"),
    Case("main_menu.entry", {"category": "Linge de bain"}, False, _menu_off, why="menu module switched off"),
    *each_unmet("shop.contact", {"field": "phone", "equals": "0320456789", "contains": "45 67"},
                {"equals": "03 20 45 67 90", "contains": "45 68"}),
    Case("shop.contact", {"field": "opening_hours", "contains": "samedi"}, True, why="opening hours"),
    Case("shop.contact", {"field": "opening_hours", "contains": "dimanche"}, False, why="opening hours"),
    *each_unmet("search.alias", {"alias": "Couverture", "search": "plaid"}, {"search": "housse de couette"}),
    Case("search.alias", {"alias": "couette"}, False, why="no such alias"),
    *each_unmet("shop_page.exists", {"title": "livraison", "active": True, "min_chars": 167},
                {"active": False, "min_chars": 168, "meta_title": True, "meta_description": True}),
    Case("shop_page.exists", {"title": "Livraison", "meta_title": True, "meta_description": True}, True,
         _delivery_page_meta, why="meta tags written"),
    Case("shop_page.exists", {"title": "Nos magasins"}, False, why="no such page"),
    *each_unmet("returns.conditions", {"enabled": True, "days": 30, "instructions_contains": "étiquette"},
                {"enabled": False, "days": 14, "instructions_contains": "transporteur"}),
    Case("returns.conditions", {"enabled": True}, False, _returns_off, why="returns switched off, no delay",
         says="désactivés, délai ? jours — attendu : retours activés"),
    Case("returns.conditions", {}, None, why="nothing compared", says="Retours produits : activés"),
]
