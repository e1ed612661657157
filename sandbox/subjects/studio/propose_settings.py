"""Settings the author changed, said as the check made for what they configure (see ``propose``): the shop's
contact details, the return conditions; any other key as ``setting.equals``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.models import get_setting

Candidate = dict


def _contact(db: Session, key: str, value: str) -> list[Candidate]:
    from sandbox.services.shop_contact import FIELDS

    field = key.split(".", 1)[1]
    return [{"check": "shop.contact", "field": field, "equals": value}] if field in FIELDS and value else []


def _returns(db: Session, key: str, value: str) -> list[Candidate]:
    entry: Candidate = {"check": "returns.conditions", "enabled": get_setting(db, "returns.enabled") == "1"}
    days = get_setting(db, "returns.days")
    if days.isdigit():
        entry["days"] = int(days)
    return [entry]


def _media_file(db: Session, raw: str) -> str | None:
    from sandbox.models import Media

    media = db.get(Media, int(raw)) if raw.isdigit() else None
    return media.filename if media is not None else None


def _site(db: Session, key: str, value: str) -> list[Candidate]:
    """The site's identity, header and layout."""
    if key == "site.sidebar":
        return [{"check": "site.layout", "sidebar": value}]
    if key in ("site.tagline", "site.title") and value:
        return [{"check": "site.identity", "tagline_contains" if key == "site.tagline" else "title": value}]
    if key in ("site.logo_media_id", "site.icon_media_id") and _media_file(db, value):
        return [{"check": "site.identity", key.split(".")[1].split("_")[0]: _media_file(db, value)}]
    if key == "site.header_text" and value:
        return [{"check": "site.header", "text_contains": value}]
    if key == "site.header_media_id" and _media_file(db, value):
        return [{"check": "site.header", "media": _media_file(db, value)}]
    if key == "site.social_icons":
        return [{"check": "site.social", "shown": value == "1"}]
    return []


def _social(db: Session, key: str, value: str) -> list[Candidate]:
    network = key.split(".", 1)[1]
    return [{"check": "site.social", "network": network, "url_contains": value}] if value else []


def _reading(db: Session, key: str, value: str) -> list[Candidate]:
    if key == "reading.posts_per_page" and value.isdigit():
        return [{"check": "site.home", "posts_per_page": int(value)}]
    if key == "reading.show_on_front":
        entry = {"check": "site.home", "show_on_front": value}
        page = get_setting(db, "reading.page_on_front")
        if value == "page" and page.isdigit():
            from sandbox.models import Post

            entry["page"] = db.get(Post, int(page)).slug
        return [entry]
    return []


def _discussion(db: Session, key: str, value: str) -> list[Candidate]:
    return (
        [{"check": "discussion.settings", "moderation": value == "1"}]
        if key == "discussion.moderation"
        else []
    )


def _breadcrumb(db: Session, key: str, value: str) -> list[Candidate]:
    from sandbox.services.seo_settings import breadcrumb_options

    options = breadcrumb_options(db)
    entry = {"check": "site.breadcrumb", "enabled": options.enabled}
    return [entry | ({"home_label": options.home_label} if options.enabled else {})]


def _plugin(db: Session, key: str, value: str) -> list[Candidate]:
    return [{"check": "plugin.active", "plugin": key.split(".", 1)[1], "active": value == "1"}]


# Setting key prefix → the check made for what it configures.
BY_PREFIX = {
    "shop.": _contact,
    "returns.": _returns,
    "site.": _site,
    "social.": _social,
    "reading.": _reading,
    "discussion.": _discussion,
    "seo.breadcrumbs": _breadcrumb,
    "plugins.": _plugin,
}


# Back-office settings an author may also want said by their key (the returns' delay, « returns.days »).
KEEP_EQUALS = ("returns.",)


def setting_checks(db: Session, key: str, value: str) -> list[Candidate]:
    """Checks for a changed setting: the dedicated one for what it configures; its raw value when no
    dedicated check says it (a media id or a « 1 » would mean nothing to an author)."""
    special = next((f for prefix, f in BY_PREFIX.items() if key.startswith(prefix)), None)
    found = special(db, key, value) if special else []
    if found and not key.startswith(KEEP_EQUALS):
        return found
    return [*found, {"check": "setting.equals", "key": key, "value": value}]
