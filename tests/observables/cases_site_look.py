"""Site check types on appearance and settings (identity, header, social icons, breadcrumb, contact,
reading, layout, menus, widgets, pop-ups, discussion), each proven ✓ and ✗ on a real seat.

The seeded seat: title « Lin & Nature », logo logo-lin-et-nature.png, no icon, no header; social icons off
(five networks filled); SEO extension and breadcrumb off; home shows the latest posts, 10 per page; side
column on posts; « Menu principal » (7 items, « Notre atelier » under « À propos ») at the primary location;
the « Portes ouvertes de juin » pop-up is switched off.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import Menu, MenuItem, Popup, PostCategory, get_setting
from sandbox.services import comments, menus, seo_settings, site_general, site_settings, widgets
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.site_settings import SOCIAL_KEYS
from tests.observables.both_ways import Case
from tests.observables.site_seat import media, plugin, post


def _identity(db):
    logo, icon = media(db, "logo-lin-et-nature-2027.png"), media(db, "icone-site.png")
    site_settings.save_identity(db, "Lin & Nature", "Tissé pour durer", str(logo.id), str(icon.id))


def _header(text, filename=""):
    def arrange(db):
        site_settings.save_header(db, text, str(media(db, filename).id) if filename else "")
    return arrange


PHOTO = _header("Portes ouvertes les 5 et 6 juin", "atelier-de-confection-roubaix.jpg")


def _social(enabled=True, position="header"):
    def arrange(db):
        urls = {k: get_setting(db, f"social.{k}") for k in SOCIAL_KEYS}
        site_settings.save_social(db, enabled, urls, position)
    return arrange


def _breadcrumb(extension=True):
    def arrange(db):
        plugin(db, "seo", extension)
        seo_settings.save_breadcrumb(db, True, "»", "Lin & Nature", "")
    return arrange


def _phone(db):
    contact = site_general.contact_details(db)
    values = {"address1": "27 rue de l'Épeule", "address2": "", "postcode": "59100", "city": "Roubaix",
              "phone": "03 20 99 88 77", "email": contact.email, "hours": contact.hours}
    site_general.save_general(db, "Lin & Nature", get_setting(db, "site.tagline"), values)


def _static_home(db):
    site_settings.save_reading(db, "page", str(post(db, "a-propos").id), "6")


def _menu_category(db):
    primary = db.scalar(select(Menu).where(Menu.name == "Menu principal"))
    blog = db.scalar(select(MenuItem).where(MenuItem.label == "Blog"))
    category = db.scalar(select(PostCategory).where(PostCategory.name == "Conseils d'entretien"))
    menus.add_item(db, primary, "category", target_id=category.id, parent_id=blog.id)


def _twin_items(db):
    """Older items first: « Notre atelier » again as a custom link of the primary menu and of the footer's,
    and the category « Conseils d'entretien » under a label of its own (newest items are looked at first)."""
    primary, footer = (db.scalar(select(Menu).where(Menu.name == name)) for name in ("Menu principal",
                                                                                      "Pied de page"))
    category = db.scalar(select(PostCategory).where(PostCategory.name == "Conseils d'entretien"))
    menus.add_item(db, primary, "category", target_id=category.id, label="Entretien")
    menus.add_item(db, primary, "custom", url="/atelier", label="Notre atelier")
    menus.add_item(db, footer, "custom", url="/atelier", label="Notre atelier")


def _social_menu_shown(db):
    menus.set_locations(db, {"social": db.scalar(select(Menu.id).where(Menu.name == "Réseaux sociaux"))})


def _footer_widget(db):
    widgets.add_widget(db, "footer", "recent_posts", "À lire aussi", {"count": "3", "excerpt_words": "20"})


def _two_footer_widgets(db):
    """The widget with the expected title is the older of two of the same type."""
    _footer_widget(db)
    widgets.add_widget(db, "footer", "recent_posts", "Derniers articles", {"count": "5"})


def _popup(**changes):
    def arrange(db):
        popup = db.scalar(select(Popup).where(Popup.name == "Portes ouvertes de juin"))
        fields = {f.name: getattr(popup, f.name) for f in dataclasses.fields(PopupInput)}
        fields["active"] = True
        for key, value in changes.items():
            fields[key] = value(db) if callable(value) else value
        save_popup(db, PopupInput(**fields), popup)
    return arrange


def _ended(db):
    return seat_today(db) - timedelta(days=1)


def _started(db):
    return seat_today(db) - timedelta(days=10)


ID, HEAD, SOC, BC = "site.identity", "site.header", "site.social", "site.breadcrumb"
CASES: list[Case] = [
    # site.identity: title, tagline, logo and icon of « Personnaliser › Identité du site ».
    Case(ID, {"title": "lin & nature", "tagline_contains": "confectionné dans le Nord",
              "logo": "logo-lin-et-nature.png"}, True, why="seeded identity"),
    Case(ID, {"title": "Lin et Nature", "logo": "logo-lin-et-nature.png"}, False, only="title",
         why="another title"),
    Case(ID, {"title": "Lin & Nature", "tagline_contains": "tissé pour durer"}, False,
         only="tagline_contains", why="another tagline"),
    Case(ID, {"title": "Lin & Nature", "logo": "logo-lin-et-nature-2027.png"}, False, only="logo",
         why="old logo still there"),
    Case(ID, {"title": "Lin & Nature", "icon": "icone-site.png"}, False, only="icon", why="no icon"),
    Case(ID, {"tagline_contains": "tissé pour durer", "logo": "logo-lin-et-nature-2027.png",
              "icon": "icone-site.png"}, True, arrange=_identity, why="new tagline, logo and icon"),
    # site.header: text and photo or video of the header.
    Case(HEAD, {"text_contains": "Portes ouvertes"}, False, why="seeded: no header text"),
    Case(HEAD, {"text_contains": "portes ouvertes", "media": "atelier-de-confection-roubaix.jpg",
                "kind": "image"}, True, arrange=PHOTO, why="text and photo"),
    Case(HEAD, {"text_contains": "portes ouvertes", "kind": "video"}, False, arrange=PHOTO, only="kind",
         why="a photo, a video expected"),
    Case(HEAD, {"text_contains": "portes ouvertes", "media": "visite-de-l-atelier.webm"}, False,
         arrange=PHOTO, only="media", why="another file"),
    Case(HEAD, {"kind": "image", "text_contains": "soldes"}, False, arrange=PHOTO, only="text_contains",
         why="another text"),
    Case(HEAD, {"media": "visite-de-l-atelier.webm", "kind": "video"}, True,
         arrange=_header("", "visite-de-l-atelier.webm"), why="a video without text"),
    Case(HEAD, {"kind": "image"}, False, arrange=_header("Bienvenue"), why="text without photo"),
    # site.social: icons shown, where, and one network's address.
    Case(SOC, {"network": "instagram"}, False, why="seeded: icons hidden"),
    Case(SOC, {"shown": False}, True, why="hidden, expected hidden"),
    Case(SOC, {"network": "instagram", "url_contains": "instagram.com/linetnature", "position": "header",
               "shown": True}, True, arrange=_social(), why="shown in the header"),
    Case(SOC, {"network": "instagram", "position": "footer"}, False, arrange=_social(), only="position",
         why="in the header, footer expected"),
    Case(SOC, {"network": "instagram", "url_contains": "instagram.com/lin-et-nature"}, False,
         arrange=_social(), only="url_contains", why="another address"),
    Case(SOC, {"network": "tiktok"}, False, arrange=_social(), why="network without address"),
    Case(SOC, {"position": "header", "shown": False}, False, arrange=_social(), only="shown",
         why="shown though expected hidden"),
    # site.breadcrumb: shown (extension on and breadcrumb on), home text, separator.
    Case(BC, {}, False, why="seeded: off"),
    Case(BC, {"enabled": False}, True, why="off, expected off"),
    Case(BC, {"home_label": "Lin & Nature"}, False, arrange=_breadcrumb(extension=False),
         why="breadcrumb on but the SEO extension off"),
    Case(BC, {"home_label": "lin & nature", "separator": "»"}, True, arrange=_breadcrumb(),
         why="on, with its texts"),
    Case(BC, {"home_label": "Lin & Nature", "separator": "›"}, False, arrange=_breadcrumb(), only="separator",
         why="another separator"),
    Case(BC, {"home_label": "Accueil", "separator": "»"}, False, arrange=_breadcrumb(), only="home_label",
         why="another home text"),
    Case(BC, {"enabled": False}, False, arrange=_breadcrumb(), why="shown though expected off"),
    # site.contact: the contact details of « Réglages › Général ».
    Case("site.contact", {"address_contains": "27 rue de l'Epeule", "phone": "03.20.45.67.89",
                          "email": "CONTACT@lin-et-nature.fr", "hours_contains": "du mardi au samedi"}, True,
         why="seeded details, written another way"),
    *[Case("site.contact", {"email": "contact@lin-et-nature.fr", key: value}, False, only=key,
           why=f"{key} differs")
      for key, value in (("address_contains", "rue Nationale"), ("phone", "03 20 00 00 00"),
                         ("hours_contains", "le dimanche"))],
    Case("site.contact", {"phone": "03 20 45 67 89", "email": "info@lin-et-nature.fr"}, False, only="email",
         why="another e-mail"),
    Case("site.contact", {"phone": "03 20 99 88 77", "address_contains": "Roubaix"}, True, arrange=_phone,
         why="phone changed by the candidate"),
    # site.home: what the home page shows and posts per page (« Réglages › Lecture »).
    Case("site.home", {"show_on_front": "posts", "posts_per_page": 10}, True, why="seeded reading settings"),
    Case("site.home", {"show_on_front": "page", "posts_per_page": 10}, False, only="show_on_front",
         why="latest posts, a static page expected"),
    Case("site.home", {"show_on_front": "posts", "posts_per_page": 5}, False, only="posts_per_page",
         why="10 per page, 5 expected"),
    Case("site.home", {"page": "accueil"}, False, why="page chosen but latest posts shown"),
    Case("site.home", {"show_on_front": "page", "page": "a-propos", "posts_per_page": 6}, True,
         arrange=_static_home, why="static page set"),
    Case("site.home", {"show_on_front": "page", "page": "accueil"}, False, arrange=_static_home, only="page",
         why="another static page"),
    # site.layout: where the side column is shown (« both » covers posts and pages).
    Case("site.layout", {"sidebar": "posts"}, True, why="seeded on posts"),
    Case("site.layout", {"sidebar": "pages"}, False, why="on posts, pages expected"),
    Case("site.layout", {"sidebar": "pages"}, True, arrange=lambda db: site_settings.save_layout(db, "both"),
         why="both covers pages"),
    Case("site.layout", {"sidebar": "none"}, False, arrange=lambda db: site_settings.save_layout(db, "both"),
         why="both, full width expected"),
    # menu.item: an item by label or target, its kind, parent, location and address.
    Case("menu.item", {"label": "Notre atelier", "kind": "page", "parent": "À propos", "location": "primary"},
         True, why="seeded sub-item"),
    Case("menu.item", {"label": "Notre atelier", "kind": "page", "parent": "Blog"}, False, only="parent",
         why="under another item"),
    Case("menu.item", {"label": "Notre atelier", "kind": "custom", "parent": "À propos"}, False, only="kind",
         why="a page, a custom link expected"),
    Case("menu.item", {"label": "Notre atelier", "kind": "page", "location": "footer"}, False,
         only="location", why="in the primary menu, footer expected"),
    Case("menu.item", {"label": "Facebook", "kind": "social", "url_contains": "facebook.com/linetnature"},
         True, why="social link by address"),
    Case("menu.item", {"label": "Facebook", "kind": "social", "url_contains": "instagram.com"}, False,
         only="url_contains", why="another address"),
    Case("menu.item", {"label": "Conseils d'entretien", "kind": "category", "parent": "Blog",
                       "location": "primary"}, True, arrange=_menu_category, why="category added under Blog"),
    Case("menu.item", {"label": "Conseils d'entretien"}, False, why="no such item"),
    Case("menu.item", {"label": "Conseils d'entretien", "kind": "category"}, True, arrange=_twin_items,
         why="found by its target under another label"),
    Case("menu.item", {"label": "Notre atelier", "kind": "page"}, True,
         arrange=_twin_items, why="the item of the expected kind wins over newer twins"),
    Case("menu.item", {"label": "Notre atelier", "kind": "custom", "location": "primary"}, True,
         arrange=_twin_items, why="the item at the expected location wins over a newer twin"),
    Case("menu.item", {"label": "Notre atelier", "parent": "À propos"}, True,
         arrange=_twin_items, why="the item under the expected parent wins over newer twins"),
    # menu.location: which menu a location shows, with how many items.
    Case("menu.location", {"location": "primary", "menu": "menu principal", "min_items": 7}, True,
         why="seeded primary menu"),
    Case("menu.location", {"location": "primary", "menu": "Menu principal", "min_items": 8}, False,
         only="min_items", why="7 items, 8 expected"),
    Case("menu.location", {"location": "primary", "menu": "Pied de page"}, False, only="menu",
         why="another menu"),
    Case("menu.location", {"location": "social"}, False, why="no menu there"),
    Case("menu.location", {"location": "social", "menu": "Réseaux sociaux", "min_items": 3}, True,
         arrange=_social_menu_shown, why="menu assigned by the candidate"),
    # widget.present: a widget of a type in an area, with its title and options.
    Case("widget.present", {"area": "sidebar", "kind": "recent_posts", "title_contains": "récents",
                            "count": 5, "excerpt_words": 0}, True, why="seeded sidebar widget"),
    Case("widget.present", {"area": "sidebar", "kind": "recent_posts", "count": 3}, False, only="count",
         why="5 shown, 3 expected"),
    Case("widget.present", {"area": "sidebar", "kind": "recent_posts", "excerpt_words": 20}, False,
         only="excerpt_words", why="no excerpt, 20 words expected"),
    Case("widget.present", {"area": "sidebar", "kind": "recent_posts", "title_contains": "À lire aussi"},
         False, only="title_contains", why="another title"),
    Case("widget.present", {"area": "footer", "kind": "recent_posts"}, False, why="not in the footer"),
    Case("widget.present", {"area": "footer", "kind": "recent_posts", "title_contains": "à lire aussi",
                            "count": 3, "excerpt_words": 20}, True, arrange=_footer_widget,
         why="added to the footer"),
    Case("widget.present", {"area": "footer", "kind": "recent_posts", "title_contains": "à lire aussi",
                            "count": 3}, True, arrange=_two_footer_widgets,
         why="the widget with the expected title wins over a newer one"),
    # popup.active: active, kind, pages, delay, frequency, dates.
    Case("popup.active", {"contains": "portes ouvertes"}, False, why="seeded switched off"),
    Case("popup.active", {"contains": "Portes ouvertes", "kind": "modal", "pages": "home", "delay_seconds": 5,
                          "frequency": "session"}, True, arrange=_popup(), why="switched on"),
    *[Case("popup.active", {"contains": "portes ouvertes", "kind": "modal", key: value}, False,
           arrange=_popup(), only=key, why=f"{key} differs")
      for key, value in (("pages", "all"), ("delay_seconds", 10), ("frequency", "once"))],
    Case("popup.active", {"contains": "portes ouvertes", "kind": "bar", "pages": "home"}, False,
         arrange=_popup(), only="kind", why="a pop-up, a bar expected"),
    Case("popup.active", {"contains": "portes ouvertes", "pages": "nos-engagements"}, True,
         arrange=_popup(pages=lambda db: str(post(db, "nos-engagements").id)), why="shown on one page"),
    Case("popup.active", {"contains": "portes ouvertes", "kind": "modal", "pages": "faq"}, False,
         arrange=_popup(pages=lambda db: str(post(db, "nos-engagements").id)), only="pages",
         why="shown on another page"),
    Case("popup.active", {"contains": "portes ouvertes", "kind": "modal"}, False,
         arrange=_popup(starts_on=_started, ends_on=_ended), why="active but its end date has passed"),
    Case("popup.active", {"contains": "portes ouvertes", "kind": "modal"}, True,
         arrange=_popup(starts_on=_started, ends_on=seat_today), why="its last day is today"),
    Case("popup.active", {"contains": "soldes"}, False, why="no such pop-up"),
    # discussion.settings: manual approval; comments closed on a post.
    Case("discussion.settings", {"moderation": True}, True, why="seeded manual approval"),
    Case("discussion.settings", {"moderation": False}, False, why="manual approval still on"),
    Case("discussion.settings", {"moderation": False}, True,
         arrange=lambda db: site_settings.save_discussion(db, False, True), why="approval switched off"),
    Case("discussion.settings", {"moderation": True, "closed_on": "soldes-d-hiver-2026"}, False,
         only="closed_on", why="comments still open"),
    Case("discussion.settings", {"closed_on": "soldes-d-hiver-2026"}, True,
         arrange=lambda db: comments.set_comments_open(db, post(db, "soldes-d-hiver-2026"), False),
         why="comments closed on the post"),
]
