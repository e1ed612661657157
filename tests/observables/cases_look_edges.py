"""Edges of the look check types (site identity, contact, reading, layout, discussion, menus, widgets; the
shop's featured products, carousel, home order and main menu) that mutation testing found unread: an empty
value said « (vide) », an unknown reference, a second twin, nothing to compare (facts alone).

The seeded seat is described in ``cases_site_look.py`` and ``cases_site_relations.py``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import Category, Menu, PostCategory, get_setting, set_setting
from sandbox.services import home_blocks, main_menu, menus, site_general, site_settings, widgets
from sandbox.services.categories import CategoryInput, delete_category, save_category
from sandbox.services.modules import configure_module, set_module_active
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.posts import delete_post
from sandbox.services.terms import delete_term
from tests.observables.both_ways import Case
from tests.observables.cases_site import TERM_SEO, _term
from tests.observables.cases_site_look import _popup
from tests.observables.cases_site_relations import _png
from tests.observables.site_seat import admin, post, write_post

PENDING: set[str] = set()


def _blank_identity(db):
    """Tagline emptied, logo removed (« Personnaliser › Identité du site »)."""
    site_settings.save_identity(db, "Lin & Nature", "", "", "")


def _blank_contact(db):
    """Every contact detail of « Réglages › Général » emptied (each is optional)."""
    site_general.save_general(db, "Lin & Nature", get_setting(db, "site.tagline"), {})


def _static_home(db):
    site_settings.save_reading(db, "page", str(post(db, "a-propos").id), "6")


def _no_home_page(db):
    """What the seeding writes for a context without a page « accueil »: no page id at all."""
    set_setting(db, "reading.page_on_front", "")


def _both_sides(db):
    site_settings.save_layout(db, "both")


def _newer_twin_widget(db):
    """A second « Articles récents » in the side column, newer than the seeded one (5 posts)."""
    widgets.add_widget(db, "sidebar", "recent_posts", "Derniers articles", {"count": "3"})


def _social_menu(*links):
    def arrange(db):
        menu = menus.create_menu(db, "Nos réseaux")
        for label, url in links:
            menus.add_item(db, menu, "custom", url=url, label=label)
        menus.set_locations(db, {"social": menu.id})
    return arrange


def _category(db, name: str) -> Category:
    return db.scalar(select(Category).where(Category.name == name))


def _featured_bed_linen(db):
    bed_linen = _category(db, "Linge de lit")
    configure_module(db, "featured", {"count": 8, "category_id": bed_linen.id, "random": True})


def _featured_off(db):
    set_module_active(db, "featured", False)


def _featured_category_deleted(db):
    """The candidate shows a new category's products, then deletes that category."""
    category = save_category(db, None, CategoryInput(name="Sélection de printemps", parent_id=1))
    configure_module(db, "featured", {"count": 8, "category_id": category.id, "random": False})
    delete_category(db, category)


def _slide_without_product(db):
    home_blocks.add_slide(db, ("nouveautes.png", _png()), "Nouveautés", "", None, None)


def _bath_linen_hidden(db):
    """« Linge de bain », in the menu, hidden (« Afficher : non » in the category form)."""
    _category(db, "Linge de bain").active = False


def _no_social_address(db):
    site_settings.save_social(db, False, {}, "footer")


def _no_sharing_network(db):
    configure_module(db, "social_sharing", {"networks": []})


def _september_popup(active: bool):
    """A newer pop-up with the same words as the seeded one (« Portes ouvertes de juin », switched on)."""
    def arrange(db):
        _popup()(db)
        save_popup(db, PopupInput("Portes ouvertes de septembre", "bar", "Portes ouvertes",
                                  "Portes ouvertes de l'atelier les 12 et 13 septembre.", active=active,
                                  delay_seconds=0, frequency="always"))
    return arrange


def _two_pages(db):
    return f"{post(db, 'nos-engagements').id},{post(db, 'faq').id}"


def _in_a_month(db):
    return seat_today(db) + timedelta(days=30)


def _menu(db, name: str) -> Menu:
    return db.scalar(select(Menu).where(Menu.name == name))


def _faq_under_its_own_label(db):
    menus.add_item(db, _menu(db, "Pied de page"), "page", target_id=post(db, "faq").id, label="Questions")


def _sales_post_in_menu(db):
    menus.add_item(db, _menu(db, "Menu principal"), "post", target_id=post(db, "soldes-d-hiver-2026").id,
                   label="Soldes")


def _deleted_page_in_menu(db):
    """A page put in the menu, then trashed and deleted for good: the item stays, pointing at nothing."""
    page = write_post(db, "Recrutement", [{"type": "paragraph", "html": "Nous recrutons."}], kind="page")
    menus.add_item(db, _menu(db, "Pied de page"), "page", target_id=page.id, label="Nous rejoindre")
    page.status = "trash"
    delete_post(db, admin(db), page)


def _deleted_category_in_menu(db):
    """A blog category put in the menu under a label of its own, then deleted: the item stays."""
    category = db.scalar(select(PostCategory).where(PostCategory.name == "Conseils d'entretien"))
    menus.add_item(db, _menu(db, "Menu principal"), "category", target_id=category.id, label="Astuces")
    delete_term(db, admin(db), category)


def _two_contact_links(db):
    for url in ("/contact", "https://www.lin-et-nature.fr/contact"):
        menus.add_item(db, _menu(db, "Menu principal"), "custom", url=url, label="Nous écrire")


def _link_in_a_hidden_menu(db):
    menu = menus.create_menu(db, "Menu des magasins")
    menus.add_item(db, menu, "custom", url="/magasins", label="Nos magasins")


def _primary_menu_twice(db):
    menus.set_locations(db, {"off_canvas": _menu(db, "Menu principal").id})


SALES = "Soldes d'hiver : jusqu'à -30 % sur le linge de lit"
ENTRETIEN = "Conseils d'entretien"


def _featured_random(db):
    configure_module(db, "featured", {"count": 8, "category_id": 1, "random": True})


LONG_TITLE = "Notre savoir-faire : du champ de lin des Flandres à l'atelier de Roubaix"


def _long_block_title(db):
    configure_module(db, "text_block", {"title": LONG_TITLE, "content": "<p>Tissé et cousu à Roubaix.</p>"})


def _main_menu_emptied(db):
    for item in main_menu.items(db):
        main_menu.remove(db, item.id)


CASES: list[Case] = [
    Case("site.identity", {"title": "Lin & Nature", "logo": "logo-lin-et-nature.png"}, False, _blank_identity,
         why="tagline and logo removed", says="slogan (vide), logo (aucun), icône (aucune)"),
    Case("site.identity", {}, None, why="nothing compared"),
    Case("site.contact", {"phone": "03 20 45 67 89"}, False, _blank_contact, why="every detail emptied",
         says="adresse (vide), téléphone (vide), e-mail (vide), horaires (vides)"),
    Case("site.contact", {}, None, why="nothing compared"),
    Case("site.home", {"show_on_front": "posts"}, False, _static_home,
         why="a static page, latest posts expected", says="les derniers articles"),
    Case("site.home", {"page": "page-inexistante"}, False, why="no such page"),
    Case("site.home", {"show_on_front": "posts", "posts_per_page": 10}, True, _no_home_page,
         why="no home page id at all"),
    Case("site.home", {}, None, why="nothing compared"),
    Case("site.layout", {"sidebar": "posts"}, True, _both_sides, why="both covers posts"),
    Case("discussion.settings", {"moderation": True}, False,
         lambda db: site_settings.save_discussion(db, False, True), why="approval switched off, expected on",
         says="— attendu : approbation manuelle"),
    Case("discussion.settings", {"closed_on": "article-inexistant"}, False, why="no such post",
         says="article « article-inexistant » introuvable"),
    Case("discussion.settings", {}, None, why="nothing compared"),
    Case("widget.present", {"area": "sidebar", "kind": "search"}, True,
         why="seeded search widget without title",
         says="Widget Recherche (sans titre) dans la zone Colonne latérale — conforme"),
    Case("widget.present", {"area": "sidebar", "kind": "recent_posts", "count": 3}, True, _newer_twin_widget,
         why="the newer of two widgets of a type"),
    Case("menu.location", {"location": "social"}, False, _social_menu(), why="an empty menu there",
         says="— attendu : au moins 1 élément"),
    Case("menu.location", {"location": "social"}, True,
         _social_menu(("Instagram", "https://www.instagram.com/linetnature")), why="a menu of one item"),
    Case("module.featured", {"category": "Linge de lit", "random": True}, True, _featured_bed_linen,
         why="another category, random order"),
    Case("module.featured", {"count": 8}, True, _featured_off, why="module switched off",
         says="Produits phares désactivé"),
    Case("module.featured", {"count": 8}, True, _featured_category_deleted, why="its category deleted",
         says="catégorie « ? »"),
    Case("module.featured", {"category": "Catégorie inexistante"}, False, why="no such category"),
    Case("module.featured", {}, None, why="nothing compared"),
    Case("carousel.slide", {"product": "REF-INCONNUE"}, False, why="no such product",
         says="aucune menant au produit attendu"),
    Case("carousel.slide", {"title": "Nouveautés"}, True, _slide_without_product,
         why="a slide without product", says="lien : aucun produit"),
    Case("home.order", {"before": "featured", "after": "featured"}, True, why="a block is not after itself"),
    Case("home.order", {}, None, why="nothing compared"),
    Case("main_menu.entry", {"category": "Linge de bain", "present": False}, True, _bath_linen_hidden,
         why="a hidden category is not shown"),
    Case("site.header", {}, None, why="nothing compared"),
    Case("site.social", {}, None, why="nothing compared"),
    Case("site.social", {"position": "footer"}, False, why="a place expects the icons shown",
         says="— attendu : icônes affichées"),
    Case("site.social", {"shown": False}, True, _no_social_address, why="no address left",
         says="réseaux renseignés : aucun"),
    Case("module.state", {"module": "social_sharing", "key": "networks", "value": "facebook, x, pinterest"},
         True, why="a list option"),
    Case("module.state", {"module": "social_sharing", "key": "networks"}, None, _no_sharing_network,
         why="an empty list option, nothing compared", says="réseaux proposés (aucun)"),
    Case("module.state", {"module": "featured", "key": "random", "value": "0"}, True, why="a yes/no option"),
    Case("module.state", {"module": "featured", "key": "random", "value": "oui"}, False,
         why="a yes/no option unmet", says="ordre aléatoire non"),
    Case("module.state", {"module": "text_block", "key": "title", "value": "notre savoir-faire"}, True,
         why="a text option", says="« Notre savoir-faire »"),
    Case("module.state", {"module": "featured", "key": "random", "value": "oui"}, True, _featured_random,
         why="a yes/no option switched on", says="ordre aléatoire oui"),
    Case("module.state", {"module": "social_sharing", "active": True}, False, why="off, expected on",
         says="— attendu : activé"),
    Case("module.state", {"module": "text_block", "key": "title", "value": LONG_TITLE}, True,
         _long_block_title, why="a text option longer than the sentence shows"),
    Case("module.state", {"module": "featured", "key": "couleur", "value": "rouge"}, False,
         why="an unknown option", says="couleur (option inconnue) — attendu : couleur « rouge »"),
    Case("popup.active", {"contains": "portes ouvertes", "kind": "modal"}, True,
         _september_popup(active=False), why="the active one wins over a newer one switched off"),
    Case("popup.active", {"contains": "portes ouvertes", "kind": "bar"}, True, _september_popup(active=True),
         why="the newer of two active ones"),
    Case("popup.active", {"contains": "portes ouvertes", "pages": "all"}, True, _popup(pages="all"),
         why="shown on every page", says="toutes les pages"),
    Case("popup.active", {"contains": "portes ouvertes", "pages": "faq"}, True, _popup(pages=_two_pages),
         why="shown on two pages"),
    Case("popup.active", {"contains": "portes ouvertes"}, True, _popup(starts_on=None, ends_on=None),
         why="without dates"),
    Case("popup.active", {"contains": "portes ouvertes"}, True, _popup(starts_on=None, ends_on=_in_a_month),
         why="an end date only", says="du … au "),
    Case("popup.active", {"contains": "portes ouvertes"}, True, _popup(ends_on=None),
         why="a start date only", says=" au …"),
    Case("menu.item", {"label": "faq", "kind": "page"}, True, _faq_under_its_own_label,
         why="a page found by its title under a label of its own", says="Élément « Questions » (Page)"),
    Case("menu.item", {"label": SALES, "kind": "post"}, True, _sales_post_in_menu,
         why="a post found by its title", says="Élément « Soldes » (Article)"),
    Case("menu.item", {"label": "Nous rejoindre", "kind": "page"}, True, _deleted_page_in_menu,
         why="an item whose page was deleted"),
    Case("menu.item", {"label": "Astuces", "kind": "category"}, True, _deleted_category_in_menu,
         why="an item whose category was deleted"),
    Case("menu.item", {"label": "Nous écrire", "url_contains": "lin-et-nature.fr"}, True, _two_contact_links,
         why="the newer of two twins"),
    Case("menu.item", {"label": "atelier", "kind": "page"}, True, why="found by a part of its label",
         says="Élément « Notre atelier »"),
    Case("menu.item", {"label": "Nos magasins", "location": "primary"}, False, _link_in_a_hidden_menu,
         why="in a menu shown nowhere",
         says="menu affiché nulle part — attendu : emplacement Menu principal"),
    Case("menu.item", {"label": "Blog", "location": "off_canvas"}, True, _primary_menu_twice,
         why="a menu shown at two places"),
    Case("term.seo", {"name": ENTRETIEN, "description_min": 111, "description_max": 111}, True,
         _term(PostCategory, ENTRETIEN, seo=TERM_SEO), why="a description exactly as long as asked"),
    Case("term.seo", {"name": ENTRETIEN}, True, _term(PostCategory, ENTRETIEN, seo={**TERM_SEO,
                                                                                    "meta_description": "L"}),
         why="a one-letter description is one (default minimum 1)"),
    Case("term.seo", {"name": ENTRETIEN, "focus_keyphrase": "entretien du linge en lin"}, True,
         _term(PostCategory, ENTRETIEN, seo={**TERM_SEO, "seo_title": ""}),
         why="no SEO title needed when the key phrase is asked"),
    Case("term.seo", {"name": ENTRETIEN, "title_contains": "conseils"}, False,
         _term(PostCategory, ENTRETIEN, seo={**TERM_SEO, "seo_title": ""}),
         why="no SEO title, words expected"),
    Case("main_menu.entry", {"link": "Nos magasins"}, False, _main_menu_emptied, why="every entry removed",
         says="Menu principal (activé) : (vide)"),
]
