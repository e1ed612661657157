"""Comments on the site vitrine: a visitor (or a logged-in site user) posts one, moderated per the settings.

Setting ``discussion.moderation``: "1" (the default) holds visitors' comments for approval (status
"pending"), "0" publishes them at once ("approved"). Administrators and editors are never held, as in
WordPress. A post whose ``comments_open`` is off refuses new comments.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.content.queries import is_public
from sandbox.models import Comment, Post, SiteUser, get_setting
from sandbox.services import ServiceError

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
OFF = {"", "0", "false", "no", "non", "off"}
TRUSTED_ROLES = {"administrator", "editor"}
MAX_BODY = 5000


def _checked_author(name: str, email: str) -> tuple[str, str]:
    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise ServiceError("Indiquez votre nom.", "author_name")
    if len(name) > 120:
        raise ServiceError("Votre nom est trop long (120 caractères au plus).", "author_name")
    if not EMAIL.match(email) or len(email) > 160:
        raise ServiceError("Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.",
                           "author_email")
    return name, email


def moderation_required(db: Session) -> bool:
    """Whether visitors' comments wait for approval (setting discussion.moderation)."""
    return get_setting(db, "discussion.moderation", "1").strip().lower() not in OFF


def comments_open_by_default(db: Session, kind: str) -> bool:
    """Whether a new article starts with « Autoriser les commentaires » ticked (Réglages › Discussion).

    WordPress's default_comment_status: it applies to new articles only, an existing one keeps its own.
    Pages keep the box ticked as before (this sandbox has no per-type default)."""
    if kind != "post":
        return True
    return get_setting(db, "discussion.comments_open", "1").strip().lower() not in OFF


def post_comment(db: Session, post: Post, *, body: str, author_name: str = "", author_email: str = "",
                 parent_id: int | None = None, user: SiteUser | None = None) -> Comment:
    """Add a comment (pending or approved) to a public post whose comments are open; caller commits."""
    now = seat_now(db)
    if not is_public(post, now):
        raise ServiceError("Cet article n'est pas publié : il ne peut pas recevoir de commentaire.")
    if not post.comments_open:
        raise ServiceError("Les commentaires sont fermés sur cet article.")
    body = (body or "").strip()
    if not body:
        raise ServiceError("Écrivez votre commentaire avant de l'envoyer.", "body")
    if len(body) > MAX_BODY:
        raise ServiceError(f"Votre commentaire est trop long ({len(body)} caractères, {MAX_BODY} au plus).",
                           "body")
    if user is not None:
        author_name, author_email = user.display_name, user.email
    author_name, author_email = _checked_author(author_name, author_email)
    if parent_id is not None:
        parent = db.get(Comment, parent_id)
        if parent is None or parent.post_id != post.id or parent.status != "approved":
            raise ServiceError("Le commentaire auquel vous répondez n'existe plus.")
    duplicate = db.scalar(select(Comment.id).where(
        Comment.post_id == post.id, Comment.body == body, Comment.author_email == author_email))
    if duplicate is not None:
        raise ServiceError("Vous avez déjà envoyé ce commentaire.", "body")
    trusted = user is not None and user.role in TRUSTED_ROLES
    comment = Comment(
        post_id=post.id, parent_id=parent_id, user_id=user.id if user else None, author_name=author_name,
        author_email=author_email, body=body, created_at=now,
        status="approved" if trusted or not moderation_required(db) else "pending",
    )
    db.add(comment)
    db.flush()
    return comment


# Moderation from the back office (« Commentaires »).
MODERATION_ACTIONS = {"approve": "approved", "unapprove": "pending", "spam": "spam", "trash": "trash",
                      "restore": "pending"}


def moderate(db: Session, comment: Comment, action: str) -> None:
    """Approve, unapprove, mark as spam, trash or restore a comment."""
    status = MODERATION_ACTIONS.get(action)
    if status is None:
        raise ServiceError("Action de modération inconnue.")
    comment.status = status
    db.flush()


def edit_comment(db: Session, comment: Comment, *, body: str, author_name: str, author_email: str) -> None:
    """Correct a comment's text or its author's name and e-mail."""
    body = (body or "").strip()
    if not body:
        raise ServiceError("Le commentaire ne peut pas être vide.", "body")
    if len(body) > MAX_BODY:
        raise ServiceError(f"Le commentaire est trop long ({MAX_BODY} caractères au plus).", "body")
    comment.author_name, comment.author_email = _checked_author(author_name, author_email)
    comment.body = body
    db.flush()


def reply_as_site(db: Session, comment: Comment, user: SiteUser, body: str) -> Comment:
    """Publish a reply of the site (a back-office user) under a comment, approving the comment if needed."""
    body = (body or "").strip()
    if not body:
        raise ServiceError("Écrivez votre réponse.", "body")
    if len(body) > MAX_BODY:
        raise ServiceError(f"La réponse est trop longue ({MAX_BODY} caractères au plus).", "body")
    if comment.status in ("spam", "trash"):
        raise ServiceError("On ne répond pas à un commentaire indésirable ou mis à la corbeille.")
    if comment.status == "pending":
        comment.status = "approved"  # as in WordPress: replying approves the comment answered
    reply = Comment(post_id=comment.post_id, parent_id=comment.id, user_id=user.id,
                    author_name=user.display_name, author_email=user.email, body=body,
                    status="approved", created_at=seat_now(db))
    db.add(reply)
    db.flush()
    return reply


def set_comments_open(db: Session, post: Post, is_open: bool) -> None:
    """Open or close the comments of one post."""
    post.comments_open = is_open
    db.flush()
