"""Change types of the site vitrine and of both sites: blog comments, posts, settings, media files."""

from __future__ import annotations

import re

from sandbox.models import Comment, Media, Post, Setting, SiteUser
from sandbox.services.catalogue import slugify
from sandbox.subjects.changes import WHEN, ChangeContext, ChangeFailure, change
from sandbox.subjects.labels import COMMENT_STATUSES, POST_STATUSES
from sandbox.subjects.params import Param, ref, text
from sandbox.subjects.refs import load

HEADING = re.compile(r"^(#{2,4})\s+(.+)$")


@change(
    "comment.create",
    label="Commentaire d'un visiteur sur le site",
    produces="Comment",
    params={
        "post": ref("post", '"bien-choisir-son-linge-de-lit" (identifiant de l\'article)'),
        "author_name": text('"Marc Durand" (nom affiché)'),
        "author_email": text('"marc.durand@example.fr"', default="visiteur@example.fr"),
        "body": text('"…" (texte du commentaire)'),
        "status": Param("choice", "l'état du commentaire", False, "pending", choices=tuple(COMMENT_STATUSES)),
        "parent": ref("comment", "le commentaire auquel il répond (facultatif)", False),
        "at": WHEN,
    },
)
def create_comment(ctx: ChangeContext, p: dict) -> Comment:
    """A visitor's comment on a post (an insult, a person's name…), pending moderation by default."""
    post = ctx.get("post", "post", p["post"])
    parent = ctx.get("comment", "parent", p["parent"]) if "parent" in p else None
    if parent is not None and parent.post_id != post.id:
        raise ChangeFailure(
            "parent", "ce commentaire est sur un autre article", "choisissez un commentaire du même article"
        )
    comment = Comment(
        post_id=post.id,
        parent_id=parent.id if parent else None,
        author_name=p["author_name"],
        author_email=p["author_email"],
        body=p["body"],
        status=p["status"],
        created_at=ctx.at(p["at"]),
    )
    ctx.db.add(comment)
    return comment


def markdown_blocks(text_: str) -> list[dict]:
    """Headings (##, ###, ####) and paragraphs of a short Markdown text as editor blocks."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text_.strip()):
        chunk = " ".join(chunk.split("\n")).strip()
        match = HEADING.match(chunk)
        if match:
            blocks.append({"type": "heading", "level": len(match.group(1)), "text": match.group(2).strip()})
        elif chunk:
            blocks.append({"type": "paragraph", "html": chunk})
    return blocks


@change(
    "post.create",
    label="Article ou page du site",
    produces="Post",
    params={
        "kind": Param("choice", "le genre de contenu", False, "post", choices=("post", "page")),
        "title": text('"Nos conseils d\'entretien" (titre)'),
        "body": text(
            '"## Intertitre\\n\\nParagraphe…" (Markdown simple : ## intertitres et paragraphes)', default=""
        ),
        "status": Param("choice", "l'état", False, "draft", choices=tuple(POST_STATUSES)),
        "author": text('"lucie.martin" (identifiant de l\'auteur)', default="lucie.martin"),
        "at": WHEN,
    },
)
def create_post(ctx: ChangeContext, p: dict) -> Post:
    """A post or page (a draft to finish, an article to comment on) written by a site user."""
    from sqlalchemy import select

    author = ctx.db.scalar(select(SiteUser).where(SiteUser.login == p["author"]))
    if author is None:
        raise ChangeFailure(
            "author",
            f"l'utilisateur « {p['author']} » n'existe pas",
            "écrivez l'identifiant d'un utilisateur du site (par exemple lucie.martin)",
        )
    when = ctx.at(p["at"])
    post = Post(
        kind=p["kind"],
        title=p["title"],
        slug=slugify(p["title"]),
        blocks=markdown_blocks(p["body"]),
        status=p["status"],
        author_id=author.id,
        updated_at=when,
        published_at=when if p["status"] == "publish" else None,
    )
    ctx.db.add(post)
    return post


@change(
    "setting.set",
    label="Réglage",
    produces="Setting",
    named=False,
    params={
        "key": text('"returns.days" (clé du réglage)'),
        "value": text('"14" (nouvelle valeur)'),
        "create": Param("bool", "true pour créer un réglage absent du contexte", False, False),
    },
)
def set_value(ctx: ChangeContext, p: dict) -> Setting:
    """Set a setting of the seat (a 14-day return window to extend, a payee to correct…)."""
    row = load(ctx.db, "setting", p["key"], ctx.objects)
    if row is None:
        if not p["create"]:
            raise ChangeFailure(
                "key",
                f"le réglage « {p['key']} » n'existe pas dans le contexte",
                "corrigez la clé, ou ajoutez create = true pour le créer",
            )
        row = Setting(key=p["key"], value="")
        ctx.db.add(row)
    row.value = p["value"]
    return row


@change(
    "media.add",
    label="Fichier de la médiathèque",
    produces="Media",
    params={
        "file": Param("file", '"files/logo-2027.png" (fichier du pack)'),
        "title": text('"Nouveau logo" (titre)', default=""),
        "alt": text('"…" (texte alternatif)', default=""),
        "caption": text('"…" (légende)', default=""),
        "description": text('"…" (description)', default=""),
    },
)
def add_media(ctx: ChangeContext, p: dict) -> Media:
    """A pack file (image, PDF, audio) placed in the seat's media library."""
    return ctx.media(p["file"], p["title"], p["alt"], p["caption"], p["description"])
