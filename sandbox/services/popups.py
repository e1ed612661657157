"""Pop-ups and info bars of the site vitrine: save with their display rules, pick the one a page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Popup
from sandbox.models.appearance import POPUP_FREQUENCIES, POPUP_KINDS
from sandbox.services import ServiceError


@dataclass
class PopupInput:
    """What the pop-up form gives."""

    name: str
    kind: str
    title: str
    body: str
    button_label: str = ""
    button_url: str = ""
    active: bool = False
    pages: str = "all"
    delay_seconds: int = 0
    frequency: str = "session"
    starts_on: date | None = None
    ends_on: date | None = None


def _pages(value: str) -> str:
    value = (value or "").replace(" ", "").strip().lower() or "all"
    if value in ("all", "home"):
        return value
    parts = value.split(",")
    if not all(p.isdigit() for p in parts):
        raise ServiceError("Choisissez « Toutes les pages », « Accueil » ou des pages précises.", "pages")
    return ",".join(parts)


def save_popup(db: Session, data: PopupInput, popup: Popup | None = None) -> Popup:
    """Create or update a pop-up after checking its content and rules."""
    name = data.name.strip()
    if not name:
        raise ServiceError("Donnez un nom à la fenêtre (pour la retrouver dans la liste).", "name")
    if data.kind not in POPUP_KINDS:
        raise ServiceError("Choisissez le type : fenêtre surgissante ou barre d'information.", "kind")
    if not data.body.strip():
        raise ServiceError("Écrivez le contenu affiché aux visiteurs.", "body")
    if data.frequency not in POPUP_FREQUENCIES:
        raise ServiceError("Choisissez la fréquence d'affichage.", "frequency")
    if not 0 <= data.delay_seconds <= 120:
        raise ServiceError("Le délai doit être compris entre 0 et 120 secondes.", "delay_seconds")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise ServiceError("La date de fin précède la date de début.", "ends_on")
    url = data.button_url.strip()
    if url and not url.startswith(("http://", "https://", "/")):
        raise ServiceError("Indiquez une adresse commençant par https://, http:// ou /.", "button_url")
    if popup is None:
        popup = Popup(name=name)
        db.add(popup)
    popup.name, popup.kind, popup.title = name, data.kind, data.title.strip()[:200]
    popup.body, popup.button_label, popup.button_url = data.body.strip(), data.button_label.strip()[:80], url
    popup.active, popup.pages, popup.delay_seconds = data.active, _pages(data.pages), data.delay_seconds
    popup.frequency, popup.starts_on, popup.ends_on = data.frequency, data.starts_on, data.ends_on
    db.flush()
    return popup


def shows_on(popup: Popup, page_id: int | None, is_home: bool) -> bool:
    """Whether a pop-up's page rule covers the page being shown."""
    if popup.pages == "all":
        return True
    if popup.pages == "home":
        return is_home
    return page_id is not None and str(page_id) in popup.pages.split(",")


def popups_for(db: Session, today: date, page_id: int | None, is_home: bool) -> list[Popup]:
    """Active pop-ups and bars within their dates whose rules cover this page."""
    rows = db.scalars(select(Popup).where(Popup.active.is_(True)).order_by(Popup.id))
    return [p for p in rows if (p.starts_on is None or p.starts_on <= today)
            and (p.ends_on is None or today <= p.ends_on) and shows_on(p, page_id, is_home)]
