"""Checks on the site vitrine: posts and pages (published, length, headings, images, SEO), comments."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.content.blocks import plain_text
from sandbox.formatting import format_date
from sandbox.models import Comment, Media, Post, SiteUser
from sandbox.subjects.labels import COMMENT_STATUSES, POST_STATUSES
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import chars, fold, length_misses, opt_bool, opt_int, plural, quote
from sandbox.subjects.params import Param, ref, text

KIND_WORDS = {"post": "Article", "page": "Page"}
POST_PARAMS = {
    "post": ref("post", "\"@brouillon\" ou l'identifiant (slug) d'un article", False),
    "title_contains": text('"linge de lit" (mots du titre)', required=False, names="Post"),
    "kind": Param("choice", "le genre de contenu", False, "post", choices=("post", "page")),
}
ONE_OF = ("post", "title_contains")


def _post(ctx: ObserveContext, p: dict) -> tuple[Post | None, str]:
    if "post" in p:
        return ctx.get("post", p["post"]), f"Contenu {quote(p['post'])} introuvable"
    wanted = fold(p["title_contains"])
    rows = ctx.db.execute(
        select(Post.id, Post.title, Post.status).where(Post.kind == p["kind"]).order_by(Post.id.desc())
    ).all()
    # A published match wins over a draft with the same title (the candidate may have left both).
    matches = sorted(
        (pid for pid, title, status in rows if wanted in fold(title)),
        key=lambda pid: next(s for i, _t, s in rows if i == pid) != "publish",
    )
    word = "Aucun article" if p["kind"] == "post" else "Aucune page"
    return (
        ctx.db.get(Post, matches[0]) if matches else None
    ), f"{word} dont le titre contient {quote(p['title_contains'])}"


def _images(ctx: ObserveContext, post: Post) -> tuple[int, int]:
    """(images, images with an alternative text) among the post's image blocks."""
    total = with_alt = 0
    for block in post.blocks if isinstance(post.blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "image":
            total += 1
            media = (
                ctx.db.get(Media, block.get("media_id")) if isinstance(block.get("media_id"), int) else None
            )
            if str(block.get("alt") or "").strip() or (media is not None and media.alt.strip()):
                with_alt += 1
    return total, with_alt


@check(
    "post.published",
    label="Article ou page publié",
    one_of=ONE_OF,
    params={
        **POST_PARAMS,
        "min_words": opt_int("nombre minimal de mots"),
        "min_headings": opt_int("nombre minimal d'intertitres"),
        "min_images_alt": opt_int("nombre minimal d'images avec un texte alternatif"),
        "keyphrase": text('"linge de lit en lin" (requête cible attendue)', required=False),
        "published": Param("bool", "false si le contenu doit rester en brouillon", False, True),
    },
)
def post_published(ctx: ObserveContext, p: dict) -> Observation:
    """A post or page: status, word count, headings, images with alt text, focus key phrase."""
    post, missing = _post(ctx, p)
    if post is None:
        return Observation(False, missing)
    blocks = post.blocks if isinstance(post.blocks, list) else []
    words = len(plain_text(blocks).split())
    headings = sum(1 for b in blocks if isinstance(b, dict) and b.get("type") == "heading")
    images, with_alt = _images(ctx, post)
    state = POST_STATUSES.get(post.status, post.status)
    if post.status == "publish" and post.published_at:
        state += f" le {format_date(post.published_at)}"
    facts = (
        f"{KIND_WORDS.get(post.kind, 'Contenu')} {quote(post.title)} {state} : {plural(words, 'mot')}, "
        f"{plural(headings, 'intertitre')}, {plural(images, 'image')} dont {with_alt} avec texte alternatif, "
        f"requête cible {quote(post.focus_keyphrase) if post.focus_keyphrase else '(vide)'}"
    )
    misses = []
    if p["published"] != (post.status == "publish"):
        misses.append("publié" if p["published"] else "non publié")
    if words < p.get("min_words", 0):
        misses.append(f"au moins {p['min_words']} mots")
    if headings < p.get("min_headings", 0):
        misses.append(f"au moins {p['min_headings']} intertitres")
    if with_alt < p.get("min_images_alt", 0):
        misses.append(f"au moins {p['min_images_alt']} image(s) avec texte alternatif")
    if "keyphrase" in p and fold(p["keyphrase"]) not in fold(post.focus_keyphrase):
        misses.append(f"requête cible {quote(p['keyphrase'])}")
    return verdict(facts, misses)


@check(
    "post.seo",
    label="Référencement d'un article ou d'une page",
    one_of=ONE_OF,
    params={
        **POST_PARAMS,
        "keyphrase_in_title": opt_bool("true si la requête cible doit figurer dans le titre"),
        "meta_description_min": opt_int("longueur minimale de la méta description"),
        "meta_description_max": opt_int("longueur maximale de la méta description"),
        "seo_title": opt_bool("true si un titre SEO est attendu"),
    },
)
def post_seo(ctx: ObserveContext, p: dict) -> Observation:
    """Focus key phrase, SEO title and meta description of a post or page."""
    post, missing = _post(ctx, p)
    if post is None:
        return Observation(False, missing)
    keyphrase, description = post.focus_keyphrase.strip(), chars(post.meta_description)
    seo_title = quote(post.seo_title) if post.seo_title else "(vide)"
    facts = (
        f"{KIND_WORDS.get(post.kind, 'Contenu')} {quote(post.title)} : requête cible "
        f"{quote(keyphrase) if keyphrase else '(vide)'}, titre SEO {seo_title}, "
        f"méta description {plural(description, 'caractère')}"
    )
    misses = [] if keyphrase else ["une requête cible"]
    if (
        p.get("keyphrase_in_title")
        and keyphrase
        and fold(keyphrase) not in fold(post.seo_title or post.title)
    ):
        misses.append("la requête cible dans le titre")
    if p.get("seo_title") and not post.seo_title.strip():
        misses.append("un titre SEO")
    misses += length_misses(
        "méta description", description, p.get("meta_description_min", 1), p.get("meta_description_max")
    )
    return verdict(facts, misses)


@check(
    "comment.status",
    label="Modération d'un commentaire du site",
    params={
        "comment": ref("comment", '"@insulte" (commentaire créé dans changes.toml)'),
        "status": Param("choice", "l'état attendu", choices=tuple(COMMENT_STATUSES)),
    },
)
def comment_status(ctx: ObserveContext, p: dict) -> Observation:
    """Moderation state of a comment (deleted for good counts as in the trash)."""
    comment = ctx.get("comment", p["comment"])
    status = comment.status if comment is not None else "trash"
    who = f"de {comment.author_name}" if comment is not None else quote(p["comment"])
    facts = f"Commentaire {who} : {COMMENT_STATUSES.get(status, status)}" + ("" if comment else " (supprimé)")
    return verdict(facts, [] if status == p["status"] else [COMMENT_STATUSES[p["status"]]])


@check(
    "comment.reply",
    label="Réponse à un commentaire du site",
    params={
        "comment": ref("comment", '"@question" (commentaire créé dans changes.toml)'),
        "contains": Param("list", '["merci"] (mots attendus dans la réponse)', False),
    },
)
def comment_reply(ctx: ObserveContext, p: dict) -> Observation:
    """An approved reply to a comment, written by a user of the site."""
    comment = ctx.get("comment", p["comment"])
    if comment is None:
        return Observation(False, f"Commentaire {quote(p['comment'])} introuvable")
    replies = list(
        ctx.db.scalars(select(Comment).where(Comment.parent_id == comment.id).order_by(Comment.id))
    )
    # Only a reply signed by a site account answers for the company: another visitor's does not.
    mine = [r for r in replies if r.user_id is not None]
    head = f"Commentaire de {comment.author_name}"
    if not mine:
        others = f" ({plural(len(replies), 'réponse')} de visiteurs)" if replies else ""
        return Observation(False, f"{head} : aucune réponse du site{others} — attendu : une réponse du site")
    reply = mine[-1]
    user = ctx.db.get(SiteUser, reply.user_id)
    author = user.display_name if user else reply.author_name
    facts = f"{head} : réponse de {author} ({COMMENT_STATUSES.get(reply.status, reply.status)})"
    misses = [] if reply.status == "approved" else ["une réponse approuvée"]
    misses += [f"le mot {quote(w)}" for w in p.get("contains", []) if fold(w) not in fold(reply.body)]
    return verdict(facts, misses)
