"""Edges of the site content checks, each a case that a mutation of the check would get wrong: images whose
alt text is on the block, on the media item or nowhere, a scheduled post, contents without block or with
two internal links, two contents of the same title, two media of the same words, a centred image with one
coordinate expected, a reply whose author changed their name (scripts/mutation.sh observables-site)."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.services import media_library
from sandbox.services.site_users import save_user
from tests.observables.both_ways import Case
from tests.observables.cases_site import LAVER, _guide, _reply
from tests.observables.site_seat import admin, media, write_post

P, T, M = "post.published", "post.structure", "post.meta"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 90, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _gallery(db: Session) -> None:
    """Three images: alt text on the block only, on the media item only, nowhere (and no text at all)."""
    bare = media_library.upload(db, admin(db), "metier-a-tisser.png", _png())
    described = media(db, "champ-de-lin-en-fleur.jpg")  # seeded with its alt text
    write_post(db, "Galerie de l'atelier", [
        {"type": "image", "media_id": bare.id, "alt": "Le métier à tisser de l'atelier"},
        {"type": "image", "media_id": described.id},
        {"type": "image", "media_id": bare.id},
    ])


def _scheduled(db: Session) -> None:
    write_post(db, "Soldes d'été", [{"type": "paragraph", "html": "Bientôt les soldes."}],
               publish_at=seat_now(db) + timedelta(days=10))


def _blank(db: Session) -> None:
    write_post(db, "Page blanche", [])


def _two_internal_links(db: Session) -> None:
    html = 'Voir <a href="/boutique">la boutique</a> et <a href="/contact">nous écrire</a>.'
    write_post(db, "Où nous trouver", [{"type": "paragraph", "html": html}])


def _two_drafts(db: Session) -> None:
    """Two drafts of the same title: the newer one (four words) is the one read."""
    for text in ("Premier jet", "Second jet plus long"):
        write_post(db, "Carnet de voyage", [{"type": "paragraph", "html": text}], action="draft")


def _draft_then_published(db: Session) -> None:
    """A draft, then a published post of the same title: the published one wins, though older ids come
    first in no order."""
    write_post(db, "Journal de l'atelier", [{"type": "paragraph", "html": "Brouillon"}], action="draft")
    write_post(db, "Journal de l'atelier", [{"type": "paragraph", "html": "Le journal publié"}])


def _newer_showroom(db: Session) -> None:
    """The seeded showroom photo's focal point moved, then a newer image of the same words (centred, no
    alt text): the newer one is the one read."""
    media_library.set_focal_point(db, admin(db), media(db, "showroom-roubaix.jpg"), "30", "70")
    media_library.upload(db, admin(db), "showroom-roubaix-facade.png", _png())


def _reply_then_rename(db: Session) -> dict:
    """A reply from the back office, then its author's display name changed: the sentence says the new one."""
    named = _reply()(db)
    me = admin(db)
    save_user(db, me, me, login=me.login, email=me.email, display_name="Camille Lefèvre", role=me.role)
    return named


CASES: list[Case] = [
    Case(P, {"title_contains": "Galerie de l'atelier"}, True, _gallery,
         why="three images, alt text on the block, on the media item, nowhere",
         says="0 mot, 0 intertitre, 3 images dont 2 avec texte alternatif"),
    Case(P, {"title_contains": "Soldes d'été"}, False, _scheduled, why="scheduled, not published yet",
         says="« Soldes d'été » planifié : "),
    Case(P, {"title_contains": "Carnet de voyage", "published": False}, True, _two_drafts,
         why="the newer of two drafts of the same title", says="4 mots"),
    Case(P, {"title_contains": "Journal de l'atelier"}, True, _draft_then_published,
         why="a published post wins over an older draft twin"),
    Case(P, {"post": "@ailleurs"}, False, why="a content deleted",
         arrange=lambda db: {"ailleurs": {"type": "Post", "id": 99999}},
         says="Contenu « @ailleurs » introuvable"),
    Case(P, {"title_contains": "inexistant", "kind": "page"}, False, why="no such page",
         says="Aucune page dont le titre contient « inexistant »"),
    Case(T, {"title_contains": "Page blanche"}, None, _blank, why="no block, nothing compared",
         says="blocs aucun"),
    Case(T, {"title_contains": "Où nous trouver", "min_internal_links": 2}, True, _two_internal_links,
         why="two internal links", says="2 liens internes"),
    Case(T, {"title_contains": "Où nous trouver", "min_internal_links": 1}, True, _two_internal_links,
         why="internal links alone expected"),
    Case(T, {"title_contains": "Guide des tailles", "min_external_links": 1}, True, _guide,
         why="external links alone expected"),
    Case(T, {"post": LAVER, "blocks": ["carrousel"]}, False, why="an unknown block type expected",
         says="— attendu : un bloc carrousel"),
    Case(M, {"title_contains": "inexistant"}, False, why="no such post",
         says="Aucun article dont le titre contient « inexistant »"),
    Case("media.focal_point", {"filename_contains": "showroom"}, False, _newer_showroom,
         why="the newer of two images of the same words", says="showroom-roubaix-facade"),
    Case("media.texts", {"filename_contains": "showroom", "alt": True}, False, _newer_showroom,
         why="the newer of two media of the same words", says="showroom-roubaix-facade"),
    Case("media.focal_point", {"filename_contains": "Marché de créateurs", "x": 50, "y": 50}, True,
         why="found by the words of its title"),
    Case("media.focal_point", {"filename_contains": "showroom-roubaix", "x": 50}, True,
         why="centred, only the horizontal point expected"),
    Case("media.focal_point", {"filename_contains": "showroom-roubaix", "y": 50}, True,
         why="centred, only the vertical point expected"),
    Case("comment.reply", {"comment": "@question"}, True, _reply_then_rename,
         why="the replier's display name changed since", says="réponse de Camille Lefèvre"),
]
