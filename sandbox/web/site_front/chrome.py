"""What every page of the site vitrine shows around its content: identity, menu, footer, links to content."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, request, url_for
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.content.links import exit_url, media_url
from sandbox.content.queries import child_pages, page_path, setting_int
from sandbox.models import Media, Post, SiteUser, get_setting
from sandbox.services.site_general import contact_details
from sandbox.web.context import login_id

# Networks shown in the footer when their URL setting (social.<key>) is filled in and site.social_icons is on.
SOCIAL_NETWORKS = [
    ("facebook", "Facebook", "f"), ("instagram", "Instagram", "IG"), ("pinterest", "Pinterest", "P"),
    ("linkedin", "LinkedIn", "in"), ("youtube", "YouTube", "▶"), ("x", "X (Twitter)", "X"),
    ("tiktok", "TikTok", "TT"),
]


@dataclass
class MenuItem:
    """One entry of the main menu."""

    label: str
    url: str
    current: bool = False
    children: list = field(default_factory=list)


@dataclass
class SiteChrome:
    """Header and footer data of the public site."""

    title: str
    tagline: str
    logo: Media | None
    icon: Media | None
    menu: list[MenuItem]
    legal: list[str]
    contact: list[str]
    email: str
    social: list[tuple[str, str, str]] = field(default_factory=list)
    social_position: str = "footer"


def current_site_user() -> SiteUser | None:
    """The site vitrine account logged in on this seat, if any."""
    if "site_user" not in g:
        user_id = login_id("site_user")
        g.site_user = g.db.get(SiteUser, user_id) if user_id else None
    return g.site_user


def _page_on_front(db: Session) -> int | None:
    value = get_setting(db, "reading.page_on_front").strip()
    return int(value) if value.isdigit() else None


def front_page_id(db: Session) -> int | None:
    """The static home page chosen in the reading settings, when the home is not the latest posts."""
    if get_setting(db, "reading.show_on_front", "posts") != "page":
        return None
    return _page_on_front(db)


def posts_per_page(db: Session) -> int:
    """Reading setting « Les pages du site doivent afficher au plus … articles »."""
    return setting_int(db, "reading.posts_per_page", 10)


def content_url(post: Post) -> str:
    """Public URL of a post or a page (the static home page is the site's home)."""
    if post.kind == "page":
        if post.id == front_page_id(g.db):
            return url_for("seat.site_front.index")
        return url_for("seat.site_front.page", path=page_path(g.db, post))
    return url_for("seat.site_front.post", slug=post.slug)


def featured(post: Post) -> tuple[str, str] | None:
    """(URL, alt text) of a post's featured image, when it is an image of the media library."""
    media = g.db.get(Media, post.featured_media_id) if post.featured_media_id else None
    if media is None or not media.mime.startswith("image/"):
        return None
    return media_url(media), media.alt


def _image_setting(db: Session, key: str) -> Media | None:
    """The media-library image a setting points to (site.logo_media_id…), if it still exists."""
    value = get_setting(db, key).strip()
    media = db.get(Media, int(value)) if value.isdigit() else None
    return media if media is not None and media.mime.startswith("image/") else None


def _menu(db: Session) -> list[MenuItem]:
    # The page meant as home (« Accueil ») would duplicate the « Accueil » entry, whichever home is shown.
    front = _page_on_front(db)
    items = [MenuItem("Accueil", url_for("seat.site_front.index"))]
    items += [MenuItem(p.title, content_url(p)) for p in child_pages(db, None, seat_now(db)) if p.id != front]
    items.append(MenuItem("Blog", url_for("seat.site_front.blog")))
    for item in items:
        item.current = request.path == item.url
    items[-1].current = request.path.startswith(items[-1].url)  # the blog and its posts
    return items


def _primary_menu(db: Session) -> list:
    """The menu assigned to the primary location (Apparence › Menus), else the theme's default menu."""
    from sandbox.web.site_front.appearance import nav  # appearance imports this module

    assigned = nav(db, "primary", content_url)
    return _menu(db) if assigned is None else assigned


def _company(db: Session, key: str) -> str:
    return get_setting(db, f"company.{key}").strip()


def _legal(db: Session) -> list[str]:
    name = _company(db, "legal_name") or _company(db, "name")
    form, capital = _company(db, "legal_form"), _company(db, "capital")
    head = [name, f"— {form}" if form else "", f"au capital de {capital}" if capital else ""]
    lines = [" ".join(filter(None, head))]
    ids = [("SIRET", _company(db, "siret")), ("", _company(db, "rcs")),
           ("TVA intracommunautaire", _company(db, "vat_number"))]
    lines.append(" · ".join(f"{label} {value}".strip() for label, value in ids if value))
    # The LCEN's « directeur de la publication », which a French company's site names in its legal notice.
    if director := _company(db, "president"):
        lines.append(f"Directeur de la publication : {director}")
    return [line for line in lines if line]


def social_links(db: Session) -> list[tuple[str, str, str]]:
    """(label, abbreviation, exit-page URL) of every network whose address is filled in, on or off."""
    return [(label, abbr, exit_url(url)) for key, label, abbr in SOCIAL_NETWORKS
            if (url := get_setting(db, f"social.{key}").strip())]


def chrome(db: Session) -> SiteChrome:
    """Everything around the content, read once per request."""
    if "site_chrome" not in g:
        details = contact_details(db)
        social = social_links(db)
        if get_setting(db, "site.social_icons", "0").strip() != "1":
            social = []
        g.site_chrome = SiteChrome(
            title=get_setting(db, "site.title") or _company(db, "name") or "Site vitrine",
            tagline=get_setting(db, "site.tagline"), logo=_image_setting(db, "site.logo_media_id"),
            icon=_image_setting(db, "site.icon_media_id"), menu=_primary_menu(db), legal=_legal(db),
            contact=details.lines(), email=details.email, social=social,
            social_position=get_setting(db, "site.social_position", "footer") or "footer",
        )
    return g.site_chrome
