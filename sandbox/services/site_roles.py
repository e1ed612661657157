"""Roles of the site vitrine and what each may do: the ONE place where rights are decided.

Every view and service asks ``can(user, action, obj)`` (or ``require`` to raise a French error), so a
right refused in the menu is also refused on a crafted request.
"""

from __future__ import annotations

from typing import Any

from sandbox.services import ServiceError

ROLES = {
    "administrator": "Administrateur",
    "editor": "Éditeur",
    "author": "Auteur",
    "contributor": "Contributeur",
    "subscriber": "Abonné",
}
WRITERS = ("administrator", "editor", "author", "contributor")

# Rights that do not depend on an object, per role.
_GRANTS: dict[str, set[str]] = {
    "administrator": {"access_admin", "create_post", "edit_others", "publish_others", "edit_pages",
                      "manage_categories", "upload_media", "edit_others_media", "change_author",
                      "manage_users", "manage_settings", "manage_plugins", "publish", "moderate_comments"},
    "editor": {"access_admin", "create_post", "edit_others", "publish_others", "edit_pages",
               "manage_categories", "upload_media", "edit_others_media", "change_author", "publish",
               "moderate_comments"},
    "author": {"access_admin", "create_post", "upload_media", "publish"},
    "contributor": {"access_admin", "create_post"},
    "subscriber": {"access_admin"},
}

MESSAGES = {
    "publish_post": "Votre rôle ne permet pas de publier ce contenu : soumettez-le à la relecture.",
    "edit_post": "Votre rôle ne permet pas de modifier ce contenu (il appartient à un autre utilisateur).",
    "delete_post": "Votre rôle ne permet pas de supprimer ce contenu.",
    "create_post": "Votre rôle ne permet pas de rédiger des articles.",
    "edit_pages": "Seuls les éditeurs et les administrateurs gèrent les pages.",
    "manage_categories": "Seuls les éditeurs et les administrateurs gèrent les catégories et étiquettes.",
    "upload_media": "Votre rôle ne permet pas d'ajouter des médias.",
    "edit_media": "Votre rôle ne permet pas de modifier ce média.",
    "change_author": "Seuls les éditeurs et les administrateurs peuvent changer l'auteur d'un contenu.",
    "manage_users": "Seuls les administrateurs gèrent les utilisateurs.",
    "manage_settings": "Seuls les administrateurs modifient les réglages.",
    "manage_plugins": "Seuls les administrateurs gèrent les extensions.",
}


def role_label(role: str) -> str:
    """French name of a role."""
    return ROLES.get(role, role)


def _owns(user: Any, obj: Any) -> bool:
    return obj is None or getattr(obj, "author_id", None) in (None, user.id)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether the site user may do ``action`` (on ``obj``, a Post or a Media, when it matters)."""
    if user is None:
        return False
    grants = _GRANTS.get(user.role, set())
    if action in grants:
        return True
    is_page = getattr(obj, "kind", "post") == "page"
    if is_page and action in ("edit_post", "publish_post", "delete_post"):
        return "edit_pages" in grants
    if action == "edit_post":
        if getattr(obj, "status", "draft") == "publish" and "publish" not in grants:
            return False  # a contributor may not change a post once it is published
        return "create_post" in grants and ("edit_others" in grants or _owns(user, obj))
    if action == "publish_post":
        return "publish" in grants and ("publish_others" in grants or _owns(user, obj))
    if action == "delete_post":
        return can(user, "edit_post", obj)
    if action == "edit_media":
        return "edit_others_media" in grants or (
            "upload_media" in grants and getattr(obj, "uploaded_by", user.id) in (None, user.id))
    return False


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise a French ServiceError when the user may not do ``action``."""
    if not can(user, action, obj):
        raise ServiceError(MESSAGES.get(action, "Votre rôle ne permet pas cette action."))
