"""Newsletter campaigns with their simulated sends, and the company's simulated social-network timeline."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base

# Segments: "all", "customers" (subscribers who are customers of the shop), "prospects" (the others),
# "tag:<tag>" (subscribers carrying that tag).
SEGMENT_LABELS = {"all": "Tous les abonnés", "customers": "Clients", "prospects": "Prospects"}


def segment_label(segment: str) -> str:
    """French name of a segment (« Étiquette « salon » » for tag segments)."""
    if segment.startswith("tag:"):
        return f"Étiquette « {segment[4:]} »"
    return SEGMENT_LABELS.get(segment, segment)


class Campaign(Base):
    """A newsletter campaign: draft until « sent » (simulated) to a segment of subscribers."""

    __tablename__ = "campaign"
    __activity__ = {"label": "Campagne", "gender": "f", "title": "subject"}

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200), info={"label": "objet"})
    body: Mapped[str] = mapped_column(Text, default="", info={"label": "contenu"})
    segment: Mapped[str] = mapped_column(String(80), default="all", info={"label": "segment"})
    status: Mapped[str] = mapped_column(String(10), default="draft", info={"label": "état"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "date d'envoi"})

    sends: Mapped[list[CampaignSend]] = relationship(order_by="CampaignSend.id", cascade="all, delete-orphan")

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Campagne « Portes ouvertes » envoyée au segment Étiquette « salon » (envoi simulé) »."""
        if action == "update" and "status" in changes and self.status == "sent":
            segment = segment_label(self.segment)
            return f"Campagne « {self.subject} » envoyée au segment {segment} (envoi simulé)"
        return None


class CampaignSend(Base):
    """One simulated delivery of a campaign to a subscriber, with its simulated open and click."""

    __tablename__ = "campaign_send"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(160))
    opened: Mapped[bool] = mapped_column(Boolean, default=False)
    clicked: Mapped[bool] = mapped_column(Boolean, default=False)


class SocialPost(Base):
    """A post of the company on its (simulated) social-network page."""

    __tablename__ = "social_post"
    __activity__ = {"label": "Publication sur les réseaux sociaux", "gender": "f", "title": "body"}

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(20), default="facebook", info={"label": "réseau"})
    body: Mapped[str] = mapped_column(Text, info={"label": "texte"})
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), info={"label": "image"})
    likes: Mapped[int] = mapped_column(Integer, default=0, info={"label": "mentions J'aime"})
    created_at: Mapped[datetime] = mapped_column(DateTime, info={"label": "date"})

    comments: Mapped[list[SocialComment]] = relationship(
        order_by="SocialComment.id", cascade="all, delete-orphan")


class SocialComment(Base):
    """A comment under a social post, by a follower or by the company (from_company) answering one."""

    __tablename__ = "social_comment"
    __activity__ = {"label": "Commentaire sur les réseaux sociaux", "title": "author_name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("social_post.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("social_comment.id"))
    author_name: Mapped[str] = mapped_column(String(120), info={"label": "auteur"})
    body: Mapped[str] = mapped_column(Text, info={"label": "texte"})
    from_company: Mapped[bool] = mapped_column(
        Boolean, default=False, info={"label": "réponse de l'entreprise"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
