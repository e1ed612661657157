"""Newsletter (X-REL-1): subscriber segments, campaigns written and « sent » with simulated opens and clicks.

Nothing leaves the machine: sending creates one CampaignSend per recipient whose open and click are drawn
from a hash of the seat's seed, the campaign and the address, so the same send gives the same results on
every seat of a session.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Campaign, CampaignSend, Customer, Subscriber, get_setting
from sandbox.models.campaigns import SEGMENT_LABELS, segment_label
from sandbox.services import ServiceError
from sandbox.spreadsheet import csv_text

OPEN_RATE, CLICK_RATE = 0.38, 0.30  # clicks: share of the opens


def _draw(seed: str, campaign_id: int, email: str, what: str) -> float:
    digest = hashlib.sha256(f"{seed}|{campaign_id}|{email.lower()}|{what}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def simulated_result(seed: str, campaign_id: int, email: str) -> tuple[bool, bool]:
    """(opened, clicked) of one recipient, deterministic."""
    opened = _draw(seed, campaign_id, email, "open") < OPEN_RATE
    return opened, opened and _draw(seed, campaign_id, email, "click") < CLICK_RATE


def seat_seed(db: Session) -> str:
    """The seed the simulations of this seat derive from (the context's id and version)."""
    return get_setting(db, "context.id") + get_setting(db, "context.version")


def tags(db: Session) -> list[str]:
    """Every tag carried by a subscriber, sorted."""
    found: set[str] = set()
    for value in db.scalars(select(Subscriber.tags).where(Subscriber.tags != "")):
        found.update(t.strip() for t in value.split(",") if t.strip())
    return sorted(found)


def segments(db: Session) -> list[tuple[str, str]]:
    """(value, French label) of every segment a campaign may target."""
    return [*SEGMENT_LABELS.items(), *((f"tag:{t}", segment_label(f"tag:{t}")) for t in tags(db))]


def recipients(db: Session, segment: str) -> list[Subscriber]:
    """Active subscribers of a segment."""
    rows = list(db.scalars(select(Subscriber).where(Subscriber.active.is_(True)).order_by(Subscriber.id)))
    if segment == "all":
        return rows
    if segment in ("customers", "prospects"):
        emails = {e.lower() for e in db.scalars(select(Customer.email))}
        return [s for s in rows if (s.email.lower() in emails) == (segment == "customers")]
    if segment.startswith("tag:"):
        tag = segment[4:]
        return [s for s in rows if tag in [t.strip() for t in s.tags.split(",")]]
    raise ServiceError("Choisissez un segment d'abonnés.", "segment")


def save_campaign(db: Session, subject: str, body: str, segment: str,
                  campaign: Campaign | None = None) -> Campaign:
    """Create or update a draft campaign."""
    subject, body = (subject or "").strip(), (body or "").strip()
    if campaign is not None and campaign.status == "sent":
        raise ServiceError("Cette campagne est déjà envoyée : elle ne peut plus être modifiée.")
    if not subject:
        raise ServiceError("Indiquez l'objet de l'e-mail.", "subject")
    if len(subject) > 200:
        raise ServiceError("L'objet est trop long (200 caractères au plus).", "subject")
    if not body:
        raise ServiceError("Écrivez le contenu de la campagne.", "body")
    if segment not in dict(segments(db)):
        raise ServiceError("Choisissez un segment d'abonnés.", "segment")
    if campaign is None:
        campaign = Campaign(subject=subject, created_at=seat_now(db))
        db.add(campaign)
    campaign.subject, campaign.body, campaign.segment = subject, body, segment
    db.flush()
    return campaign


def send_campaign(db: Session, campaign: Campaign) -> int:
    """« Send » a draft to its segment (simulated); returns the number of recipients."""
    if campaign.status == "sent":
        raise ServiceError("Cette campagne a déjà été envoyée.")
    people = recipients(db, campaign.segment)
    if not people:
        raise ServiceError("Ce segment ne contient aucun abonné actif : choisissez-en un autre.", "segment")
    seed = seat_seed(db)
    for person in people:
        opened, clicked = simulated_result(seed, campaign.id, person.email)
        db.add(CampaignSend(campaign_id=campaign.id, email=person.email, opened=opened, clicked=clicked))
    campaign.status, campaign.sent_at = "sent", seat_now(db)
    db.flush()
    return len(people)


@dataclass
class Results:
    """Figures of a sent campaign."""

    sent: int
    opened: int
    clicked: int

    @property
    def open_bp(self) -> int:
        """Open rate in basis points (the `percent` filter's unit)."""
        return round(self.opened * 10000 / self.sent) if self.sent else 0

    @property
    def click_bp(self) -> int:
        """Click rate in basis points."""
        return round(self.clicked * 10000 / self.sent) if self.sent else 0


def results(db: Session, campaign: Campaign) -> Results:
    """Recipients, opens and clicks of a campaign."""
    # Cast: a SUM of a Boolean column would come back as a Boolean.
    stmt = select(func.count(CampaignSend.id), func.sum(cast(CampaignSend.opened, Integer)),
                  func.sum(cast(CampaignSend.clicked, Integer)))
    row = db.execute(stmt.where(CampaignSend.campaign_id == campaign.id)).one()
    return Results(row[0] or 0, int(row[1] or 0), int(row[2] or 0))


def export_csv(db: Session) -> str:
    """Subscribers as CSV (BOM, semicolons, as French spreadsheets expect)."""
    rows = ([s.email, s.name, s.active, s.tags, s.created_at.date()]
            for s in db.scalars(select(Subscriber).order_by(Subscriber.id)))
    return csv_text(["email", "prenom", "actif", "etiquettes", "inscription"], rows)
