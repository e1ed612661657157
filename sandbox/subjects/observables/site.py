"""Checks on the site back office: structure of a post (blocks, headings, links), sticky and author,
category/tag descriptions, users and roles, media texts, active extensions."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.content.block_schema import BLOCK_LABELS
from sandbox.content.focal import focal_position
from sandbox.models import Media, PostCategory, SiteUser, Tag, get_setting
from sandbox.services.seo_analysis import _links
from sandbox.services.site_roles import ROLES
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.observables.common import fold, opt_bool, opt_int, plural, quote
from sandbox.subjects.observables.content import KIND_WORDS, ONE_OF, POST_PARAMS, _post
from sandbox.subjects.params import Param, text


def _named(post) -> str:
    """How a sentence names the observed content: Article « titre » or Page « titre »."""
    return f"{KIND_WORDS.get(post.kind, 'Contenu')} {quote(post.title)}"


@check(
    "post.structure",
    label="Structure d'un article ou d'une page (blocs, intertitres, liens)",
    one_of=ONE_OF,
    features=("S-CON-2", "S-CON-3", "S-CON-6", "S-SEO-1"),
    params={
        **POST_PARAMS,
        "blocks": Param("list", '["button", "table"] (types de blocs attendus)', False),
        "min_h2": opt_int("nombre minimal d'intertitres H2"),
        "min_h3": opt_int("nombre minimal d'intertitres H3"),
        "min_internal_links": opt_int("nombre minimal de liens internes"),
        "min_external_links": opt_int("nombre minimal de liens externes"),
    },
)
def post_structure(ctx: ObserveContext, p: dict) -> Observation:
    """Block types present, H2/H3 counts and internal/external links of a post or page."""
    post, missing = _post(ctx, p)
    if post is None:
        return Observation(False, missing)
    blocks = [b for b in (post.blocks or []) if isinstance(b, dict)]
    types = sorted({str(b.get("type")) for b in blocks})
    h2 = sum(1 for b in blocks if b.get("type") == "heading" and b.get("level") == 2)
    h3 = sum(1 for b in blocks if b.get("type") == "heading" and b.get("level") == 3)
    internal, external = _links(blocks)
    names = ", ".join(BLOCK_LABELS.get(t, t) for t in types) or "aucun"
    facts = (
        f"{_named(post)} : blocs {names} ; {h2} H2, {h3} H3 ; "
        f"{plural(internal, 'lien interne', 'liens internes')}, "
        f"{plural(external, 'lien externe', 'liens externes')}"
    )
    misses = [f"un bloc {BLOCK_LABELS.get(t, t)}" for t in p.get("blocks", []) if t not in types]
    for key, value, word in (
        ("min_h2", h2, "H2"),
        ("min_h3", h3, "H3"),
        ("min_internal_links", internal, "liens internes"),
        ("min_external_links", external, "liens externes"),
    ):
        if value < p.get(key, 0):
            misses.append(f"au moins {p[key]} {word}")
    return verdict(
        facts,
        misses,
        compared=bool(misses)
        or any(k in p for k in ("blocks", "min_h2", "min_h3", "min_internal_links", "min_external_links")),
    )


@check(
    "post.meta",
    label="Article mis en avant ou auteur d'un contenu",
    one_of=ONE_OF,
    features=("S-CON-8", "S-USR-3"),
    params={
        **POST_PARAMS,
        "sticky": opt_bool("true si l'article doit être mis en avant"),
        "author": text('"thomas.delannoy" (identifiant de l\'auteur attendu)', required=False),
    },
)
def post_meta(ctx: ObserveContext, p: dict) -> Observation:
    """Sticky flag and author of a post or page."""
    post, missing = _post(ctx, p)
    if post is None:
        return Observation(False, missing)
    author = ctx.db.get(SiteUser, post.author_id)
    facts = (
        f"{_named(post)} : {'mis en avant' if post.sticky else 'non mis en avant'}, auteur "
        f"{author.display_name} ({author.login})"
        if author
        else f"{_named(post)} : auteur inconnu"
    )
    misses = []
    if "sticky" in p and bool(post.sticky) != p["sticky"]:
        misses.append("mis en avant" if p["sticky"] else "non mis en avant")
    if "author" in p and (
        author is None or fold(p["author"]) not in (fold(author.login), fold(author.display_name))
    ):
        misses.append(f"auteur {quote(p['author'])}")
    return verdict(facts, misses)


@check(
    "term.description",
    label="Catégorie ou étiquette avec description",
    features=("S-SEO-3",),
    params={
        "name": text('"Linge de lit" (nom de la catégorie ou de l\'étiquette)'),
        "kind": Param("choice", "category ou tag", False, "category", choices=("category", "tag")),
        "min_chars": opt_int("longueur minimale de la description"),
    },
)
def term_description(ctx: ObserveContext, p: dict) -> Observation:
    """A category or tag exists and carries a description."""
    model = PostCategory if p["kind"] == "category" else Tag
    word = "Catégorie" if p["kind"] == "category" else "Étiquette"
    term = next((t for t in ctx.db.scalars(select(model)) if fold(t.name) == fold(p["name"])), None)
    if term is None:
        return Observation(False, f"{word} {quote(p['name'])} introuvable")
    size = len(term.description.strip())
    facts = f"{word} {quote(term.name)} : description de {plural(size, 'caractère')}"
    return verdict(facts, [] if size >= max(1, p.get("min_chars", 1)) else ["une description"])


@check(
    "site_user.role",
    label="Utilisateur du site avec un rôle",
    features=("S-USR-1", "S-USR-2"),
    params={
        "login": text('"nina.roux" (identifiant ou adresse e-mail)'),
        "role": Param("choice", "le rôle attendu", False, None, choices=tuple(ROLES)),
    },
)
def site_user_role(ctx: ObserveContext, p: dict) -> Observation:
    """A site account exists, with the expected role."""
    wanted = fold(p["login"])
    user = next(
        (u for u in ctx.db.scalars(select(SiteUser)) if wanted in (fold(u.login), fold(u.email))), None
    )
    if user is None:
        return Observation(False, f"Aucun utilisateur {quote(p['login'])}")
    facts = f"Utilisateur {quote(user.login)} : {ROLES.get(user.role, user.role)}"
    return verdict(facts, [] if p.get("role") in (None, user.role) else [ROLES[p["role"]]])


@check(
    "media.texts",
    label="Média avec texte alternatif, titre, légende",
    features=("S-MED-1", "S-MED-3"),
    params={
        "filename_contains": text('"portes-ouvertes" (mots du nom de fichier ou du titre)'),
        "alt": opt_bool("true si un texte alternatif est attendu"),
        "caption": opt_bool("true si une légende est attendue"),
        "title": opt_bool("true si un titre est attendu"),
    },
)
def media_texts(ctx: ObserveContext, p: dict) -> Observation:
    """The newest media item whose file name or title matches, and its texts."""
    wanted = fold(p["filename_contains"])
    rows = ctx.db.execute(select(Media.id, Media.filename, Media.title).order_by(Media.id.desc())).all()
    found = next((i for i, f, t in rows if wanted in fold(f) or wanted in fold(t)), None)
    if found is None:
        return Observation(False, f"Aucun média dont le nom contient {quote(p['filename_contains'])}")
    media = ctx.db.get(Media, found)
    facts = (
        f"Média {quote(media.filename)} : texte alternatif {quote(media.alt) if media.alt else '(vide)'}, "
        f"titre {quote(media.title) if media.title else '(vide)'}, "
        f"légende {quote(media.caption) if media.caption else '(vide)'}"
    )
    misses = [
        label
        for key, label in (("alt", "un texte alternatif"), ("title", "un titre"), ("caption", "une légende"))
        if p.get(key) and not getattr(media, key).strip()
    ]
    return verdict(facts, misses)


@check(
    "media.focal_point",
    label="Point focal d'une image (recadrage)",
    features=("S-MED-2",),
    params={
        "filename_contains": text('"portes-ouvertes" (mots du nom de fichier ou du titre)'),
        "x": Param("int", "point focal horizontal attendu (%, 0 = gauche)", False, minimum=0, maximum=100),
        "y": Param("int", "point focal vertical attendu (%, 0 = haut)", False, minimum=0, maximum=100),
        "tolerance": Param("int", "écart toléré en points de pourcentage", False, 10, minimum=0),
    },
)
def media_focal_point(ctx: ObserveContext, p: dict) -> Observation:
    """The newest matching image's focal point; without x/y, it must simply differ from the centre."""
    wanted = fold(p["filename_contains"])
    rows = ctx.db.execute(select(Media.id, Media.filename, Media.title).order_by(Media.id.desc())).all()
    found = next((i for i, f, t in rows if wanted in fold(f) or wanted in fold(t)), None)
    if found is None:
        return Observation(False, f"Aucun média dont le nom contient {quote(p['filename_contains'])}")
    media = ctx.db.get(Media, found)
    x, y = focal_position(media)
    facts = f"Média {quote(media.filename)} : point focal {x} % horizontal, {y} % vertical"
    tolerance = p.get("tolerance", 10)
    misses = [
        f"{word} à {p[key]} % (± {tolerance})"
        for key, value, word in (("x", x, "horizontal"), ("y", y, "vertical"))
        if key in p and p[key] is not None and abs(value - p[key]) > tolerance
    ]
    if p.get("x") is None and p.get("y") is None and (x, y) == (50, 50):
        misses.append("un point focal déplacé (il est encore au centre)")
    return verdict(facts, misses)


@check(
    "plugin.active",
    label="Extension du site activée",
    features=("S-SEO-4",),
    params={
        "plugin": Param("choice", "l'extension", False, "seo", choices=("seo",)),
        "active": Param("bool", "false si l'extension doit rester désactivée", False, True),
    },
)
def plugin_active(ctx: ObserveContext, p: dict) -> Observation:
    """Whether a site extension (the SEO one) is active."""
    active = get_setting(ctx.db, f"plugins.{p['plugin']}", "0") == "1"
    facts = f"Extension SEO : {'activée' if active else 'désactivée'}"
    return verdict(facts, [] if active == p["active"] else ["activée" if p["active"] else "désactivée"])
