"""Site vitrine content: posts and pages (stored as blocks), categories, tags and comments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sandbox.db.base import Base, JSONText


class PostCategory(Base):
    """A blog category."""

    __tablename__ = "post_category"
    __activity__ = {"label": "Catégorie d'articles", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("post_category.id"))
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    slug: Mapped[str] = mapped_column(String(140), info={"label": "identifiant"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    # The SEO extension's fields of the archive page (shown in its <head>).
    seo_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "titre SEO"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})
    focus_keyphrase: Mapped[str] = mapped_column(String(120), default="", info={"label": "requête cible"})


class Tag(Base):
    """A blog tag (étiquette)."""

    __tablename__ = "tag"
    __activity__ = {"label": "Étiquette", "gender": "f", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), info={"label": "nom"})
    slug: Mapped[str] = mapped_column(String(140), info={"label": "identifiant"})
    description: Mapped[str] = mapped_column(Text, default="", info={"label": "description"})
    # The SEO extension's fields of the archive page (shown in its <head>).
    seo_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "titre SEO"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})
    focus_keyphrase: Mapped[str] = mapped_column(String(120), default="", info={"label": "requête cible"})


class Post(Base):
    """A post (article) or a page; its content is a list of blocks ({"type": ..., ...})."""

    __tablename__ = "post"
    __activity__ = {"label_by": "kind", "labels": {"post": "Article", "page": "Page"},
                    "gender": {"page": "f"}, "title": "title", "touch": ["updated_at"]}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), default="post")
    title: Mapped[str] = mapped_column(String(200), info={"label": "titre"})
    slug: Mapped[str] = mapped_column(String(200), info={"label": "identifiant"})
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSONText, default=list, info={"label": "contenu"})
    excerpt: Mapped[str] = mapped_column(Text, default="", info={"label": "extrait"})
    status: Mapped[str] = mapped_column(String(10), default="draft", info={"label": "état"})
    author_id: Mapped[int] = mapped_column(ForeignKey("site_user.id"), info={"label": "auteur"})
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("post.id"), info={"label": "page parente"})
    menu_order: Mapped[int] = mapped_column(Integer, default=0, info={"label": "ordre"})
    sticky: Mapped[bool] = mapped_column(Boolean, default=False, info={"label": "mis en avant"})
    comments_open: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "commentaires ouverts"})
    featured_media_id: Mapped[int | None] = mapped_column(
        ForeignKey("media.id"), info={"label": "image mise en avant"}
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime, info={"label": "date de publication"})
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    seo_title: Mapped[str] = mapped_column(String(200), default="", info={"label": "titre SEO"})
    meta_description: Mapped[str] = mapped_column(String(300), default="", info={"label": "méta description"})
    focus_keyphrase: Mapped[str] = mapped_column(String(120), default="", info={"label": "requête cible"})

    author: Mapped["SiteUser"] = relationship()  # noqa: F821, UP037
    categories: Mapped[list[PostCategory]] = relationship(
        secondary="post_category_link", order_by="PostCategory.id"
    )
    tags: Mapped[list[Tag]] = relationship(secondary="post_tag", order_by="Tag.id")

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Article « Portes ouvertes 2027 » publié — 162 mots, 3 sous-titres, … »."""
        from sandbox.content.post_summary import post_activity_summary

        return post_activity_summary(self, action, changes)

    def activity_unchanged(self, action: str, changes: dict) -> bool:
        """Content saved unchanged: the editor only wrote the blocks' default options out in full."""
        from sandbox.content.post_summary import same_blocks

        return action == "update" and set(changes) <= {"blocks", "updated_at"} and same_blocks(
            *changes.get("blocks", ([], [])))


class PostCategoryLink(Base):
    """A post in a category."""

    __tablename__ = "post_category_link"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("post_category.id", ondelete="CASCADE"), primary_key=True
    )


class PostTag(Base):
    """A tag on a post."""

    __tablename__ = "post_tag"

    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)


class Comment(Base):
    """A visitor's comment on a post (approved, pending, spam or trash)."""

    __tablename__ = "comment"
    __activity__ = {"label": "Commentaire", "title": "author_name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("site_user.id"))
    author_name: Mapped[str] = mapped_column(String(120), info={"label": "auteur"})
    author_email: Mapped[str] = mapped_column(String(160), default="", info={"label": "adresse e-mail"})
    body: Mapped[str] = mapped_column(Text, info={"label": "commentaire"})
    status: Mapped[str] = mapped_column(String(10), default="pending", info={"label": "état"})
    created_at: Mapped[datetime] = mapped_column(DateTime)
