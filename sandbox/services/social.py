"""The company's simulated social-network page (X-REL-4): publish a post, answer followers' comments."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Media, SocialComment, SocialPost
from sandbox.services import ServiceError

NETWORKS = {"facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn"}
MAX_TEXT = 2000


def publish_post(db: Session, network: str, body: str, media_id: int | None = None) -> SocialPost:
    """Publish a post (text, optionally an image of the media library) on the company's page."""
    body = (body or "").strip()
    if network not in NETWORKS:
        raise ServiceError("Choisissez le réseau social.", "network")
    if not body:
        raise ServiceError("Écrivez le texte de la publication.", "body")
    if len(body) > MAX_TEXT:
        raise ServiceError(f"Le texte est trop long ({MAX_TEXT} caractères au plus).", "body")
    if media_id:
        media = db.get(Media, media_id)
        if media is None or not media.mime.startswith("image/"):
            raise ServiceError("Choisissez une image de la médiathèque.", "media_id")
    post = SocialPost(network=network, body=body, media_id=media_id or None, created_at=seat_now(db))
    db.add(post)
    db.flush()
    return post


def answer(db: Session, comment: SocialComment, body: str, company_name: str) -> SocialComment:
    """The company answers a follower's comment under one of its posts."""
    body = (body or "").strip()
    if not body:
        raise ServiceError("Écrivez votre réponse.", "body")
    if len(body) > MAX_TEXT:
        raise ServiceError(f"La réponse est trop longue ({MAX_TEXT} caractères au plus).", "body")
    if comment.from_company:
        raise ServiceError("Répondez au commentaire d'un abonné, pas à une réponse de l'entreprise.")
    reply = SocialComment(post_id=comment.post_id, parent_id=comment.id, author_name=company_name,
                          body=body, from_company=True, created_at=seat_now(db))
    db.add(reply)
    db.flush()
    return reply
