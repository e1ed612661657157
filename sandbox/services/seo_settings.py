"""Settings of the SEO extension (« SEO › Réglages »): the breadcrumb (« Fil d'Ariane »)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.services import ServiceError

DEFAULT_SEPARATOR = "›"
DEFAULT_HOME = "Accueil"


@dataclass
class BreadcrumbOptions:
    """The breadcrumb's settings as the screen and the theme read them."""

    enabled: bool
    separator: str
    home_label: str
    prefix: str


def seo_active(db: Session) -> bool:
    """Whether the SEO extension is active (« Extensions »)."""
    return get_setting(db, "plugins.seo", "0") == "1"


def breadcrumb_options(db: Session) -> BreadcrumbOptions:
    """The breadcrumb settings (seo.breadcrumbs*), with the extension's defaults."""
    return BreadcrumbOptions(
        enabled=get_setting(db, "seo.breadcrumbs", "0") == "1",
        separator=get_setting(db, "seo.breadcrumbs_separator") or DEFAULT_SEPARATOR,
        home_label=get_setting(db, "seo.breadcrumbs_home") or DEFAULT_HOME,
        prefix=get_setting(db, "seo.breadcrumbs_prefix"),
    )


def breadcrumb_shown(db: Session) -> bool:
    """Whether the theme shows the breadcrumb: extension active and breadcrumb switched on."""
    return seo_active(db) and breadcrumb_options(db).enabled


def save_breadcrumb(db: Session, enabled: bool, separator: str, home_label: str, prefix: str) -> None:
    """« Fil d'Ariane »: on/off, separator, text of the home link, prefix (unchanged values write nothing)."""
    separator, home_label = (separator or "").strip(), (home_label or "").strip()
    prefix = (prefix or "").strip()
    if len(separator) > 5:
        raise ServiceError("Le séparateur tient en 5 caractères au plus (par exemple › ou »).", "separator")
    if len(home_label) > 60:
        raise ServiceError("Le texte de l'accueil est trop long (60 caractères au plus).", "home_label")
    if len(prefix) > 60:
        raise ServiceError("Le préfixe est trop long (60 caractères au plus).", "prefix")
    set_setting(db, "seo.breadcrumbs", "1" if enabled else "0")
    set_setting(db, "seo.breadcrumbs_separator", "" if separator == DEFAULT_SEPARATOR else separator)
    set_setting(db, "seo.breadcrumbs_home", "" if home_label == DEFAULT_HOME else home_label)
    set_setting(db, "seo.breadcrumbs_prefix", prefix)
    db.flush()
