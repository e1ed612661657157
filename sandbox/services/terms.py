"""Categories and tags of the blog: name, slug, description (shown as meta description), parent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import PostCategory, Tag
from sandbox.services import ServiceError
from sandbox.services.posts import slugify
from sandbox.services.site_roles import require

SEO_FIELDS = {"focus_keyphrase": 120, "seo_title": 200, "meta_description": 300}


def save_term(db: Session, user, model: type, term, name: str, slug: str, description: str,
              parent_id: int | None = None, seo: dict[str, str] | None = None):
    """Create or update a category (model PostCategory) or a tag (model Tag); seo: the SEO extension's
    fields (focus_keyphrase, seo_title, meta_description), left alone when None (extension off)."""
    require(user, "manage_categories")
    name = (name or "").strip()
    if not name:
        raise ServiceError("Le nom est obligatoire.", "name")
    slug = slugify(slug or name)
    if not slug:
        raise ServiceError("L'identifiant doit contenir des lettres ou des chiffres.", "slug")
    other = db.scalar(select(model.id).where(model.slug == slug))
    if other is not None and (term is None or other != term.id):
        raise ServiceError(f"L'identifiant « {slug} » est déjà utilisé : choisissez-en un autre.", "slug")
    if term is None:
        term = model(name=name, slug=slug, description="")
        db.add(term)
    term.name, term.slug, term.description = name[:120], slug[:140], (description or "").strip()
    for field, limit in (SEO_FIELDS.items() if seo is not None else ()):
        value = " ".join((seo.get(field) or "").split())
        if len(value) > limit:
            raise ServiceError(f"Texte trop long ({limit} caractères au plus).", field)
        setattr(term, field, value)
    if model is PostCategory:
        if parent_id and term.id is not None and parent_id == term.id:
            raise ServiceError("Une catégorie ne peut pas être sa propre parente.", "parent_id")
        if parent_id and db.get(PostCategory, parent_id) is None:  # a forged or stale choice
            raise ServiceError("Cette catégorie parente n'existe plus : choisissez-en une dans la liste.",
                               "parent_id")
        term.parent_id = parent_id or None
    db.flush()
    return term


def delete_term(db: Session, user, term) -> None:
    """Delete a category or tag (posts keep existing; sub-categories move up)."""
    require(user, "manage_categories")
    if isinstance(term, PostCategory):
        db.execute(PostCategory.__table__.update().where(PostCategory.parent_id == term.id)
                   .values(parent_id=term.parent_id))
    db.delete(term)
    db.flush()


MODELS = {"categories": PostCategory, "etiquettes": Tag}
