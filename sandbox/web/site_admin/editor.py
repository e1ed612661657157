"""The edit screen shared by posts and pages: block editor, publish box, author, taxonomies, SEO."""

from __future__ import annotations

import json

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.activity.actor import current_actor
from sandbox.content.block_schema import BLOCK_LABELS, validate_blocks
from sandbox.content.blocks import render_blocks
from sandbox.content.links import media_url_builder, web_render_context
from sandbox.content.sanitize import sanitize_inline
from sandbox.models import Media, Post, PostCategory, SiteUser, get_setting
from sandbox.services import ServiceError
from sandbox.services.autosave import discard_autosave, newer_autosave
from sandbox.services.comments import comments_open_by_default
from sandbox.services.posts import STATUS_LABELS, PostInput, save_post
from sandbox.services.revisions import keep_original, keep_revision, revision_count
from sandbox.services.seo_analysis import analyse
from sandbox.services.site_roles import MESSAGES, WRITERS, can
from sandbox.web.site_admin import forbidden
from sandbox.web.site_admin.forms import PostForm
from sandbox.web.site_admin.post_drafts import NEW, autosave_formdata, autosave_url, editor_url

# Feature ids of this screen (coverage report): the block editor and its sidebar.
FEATURES = [
    "S-CON-2", "S-CON-3", "S-CON-4", "S-CON-5", "S-CON-6",
    "S-SEO-1", "S-SEO-2", "S-SEO-3", "S-SEO-4", "S-USR-3",
]

WORDS = {"post": ("l'article", "Article"), "page": ("la page", "Page")}
DONE = {"publish": "publié", "future": "planifié", "draft": "enregistré comme brouillon",
        "pending": "soumis à la relecture", "trash": "mis à la corbeille"}


def _used_media_ids(node, found: set[int]) -> set[int]:
    """Every media id a block tree refers to (media_id, media_ids, at any depth: slides, columns…)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "media_id" and isinstance(value, int):
                found.add(value)
            elif key == "media_ids" and isinstance(value, list):
                found.update(i for i in value if isinstance(i, int))
            else:
                _used_media_ids(value, found)
    elif isinstance(node, list):
        for item in node:
            _used_media_ids(item, found)
    return found


def _media_list(blocks_json: str | None) -> list[dict]:
    """The media the blocks already use; any other comes from the media picker, on demand (as WordPress)."""
    try:
        ids = _used_media_ids(json.loads(blocks_json or "[]"), set())
    except ValueError:
        ids = set()
    if not ids:
        return []
    rows = g.db.execute(select(Media.id, Media.filename, Media.title, Media.mime, Media.alt)
                        .where(Media.id.in_(ids)).order_by(Media.id.desc())).all()
    url = media_url_builder()
    return [{"id": i, "filename": f, "title": t or f, "mime": m, "alt": a, "url": url(i, f)}
            for i, f, t, m, a in rows]


def _featured_choices(form: PostForm) -> None:
    """« Image mise en avant » lists only the chosen image: the media picker offers the library on demand."""
    chosen = form.featured_media_id.data or 0
    if not chosen:
        form.featured_media_id.choices = [(0, "(aucune)")]
        return
    row = g.db.execute(select(Media.title, Media.filename).where(Media.id == chosen)).first()
    form.featured_media_id.choices = [(0, "(aucune)")] + ([(chosen, row[0] or row[1])] if row else [])


def _pairs(query) -> list[tuple]:
    return [tuple(row) for row in g.db.execute(query)]


def _choices(form: PostForm, kind: str, post: Post | None) -> None:
    # Plain columns, not rows: the choices need only ids and names.
    form.author_id.choices = _pairs(select(SiteUser.id, SiteUser.display_name)
                                    .where(SiteUser.role.in_(WRITERS)).order_by(SiteUser.display_name))
    form.category_ids.choices = _pairs(select(PostCategory.id, PostCategory.name).order_by(PostCategory.name))
    form.featured_media_id.choices = [(0, "(aucune)")]  # completed by _featured_choices once known
    pages = [] if kind != "page" else _pairs(  # only a page has a parent page
        select(Post.id, Post.title).where(Post.kind == "page", Post.status != "trash",
                                          Post.id != (post.id if post else 0)))
    form.parent_id.choices = [(0, "(aucune : page principale)"), *pages]


def editable_blocks(blocks) -> list:
    """Blocks as the editor may load them: cleaned again, since the editor puts paragraph HTML in the page."""
    try:
        return validate_blocks(blocks or [])
    except ServiceError:  # older content the schema refuses: keep it, with its HTML sanitised
        rows = blocks if isinstance(blocks, list) else []
        return [{**b, "html": str(sanitize_inline(b.get("html")))} if isinstance(b, dict) and "html" in b
                else b for b in rows]


def _clean_blocks(raw: str | None) -> str:
    """Autosaved blocks as the editor may load them (they come from the browser: cleaned again)."""
    try:
        blocks = json.loads(raw or "[]")
    except ValueError:
        blocks = []
    return json.dumps(editable_blocks(blocks if isinstance(blocks, list) else []), ensure_ascii=False)


def _fill(form: PostForm, post: Post) -> None:
    form.title.data, form.slug.data, form.excerpt.data = post.title, post.slug, post.excerpt
    form.blocks.data = json.dumps(editable_blocks(post.blocks), ensure_ascii=False)
    form.author_id.data, form.category_ids.data = post.author_id, [c.id for c in post.categories]
    form.tags.data = ", ".join(t.name for t in post.tags)
    form.featured_media_id.data = post.featured_media_id or 0
    form.comments_open.data, form.sticky.data = post.comments_open, post.sticky
    form.parent_id.data, form.menu_order.data = post.parent_id or 0, post.menu_order
    form.publish_at.data = post.published_at if post.status == "future" else None
    form.focus_keyphrase.data, form.seo_title.data = post.focus_keyphrase, post.seo_title
    form.meta_description.data = post.meta_description


def _input(form: PostForm, seo: bool) -> PostInput:
    return PostInput(
        title=form.title.data or "", blocks=form.blocks.data or "[]", slug=form.slug.data or "",
        excerpt=form.excerpt.data or "", author_id=form.author_id.data or None,
        category_ids=list(form.category_ids.data or []), tags=form.tags.data or "",
        featured_media_id=form.featured_media_id.data or None, comments_open=bool(form.comments_open.data),
        sticky=bool(form.sticky.data), publish_at=form.publish_at.data, parent_id=form.parent_id.data or None,
        menu_order=form.menu_order.data or 0,
        seo={"focus_keyphrase": form.focus_keyphrase.data or "", "seo_title": form.seo_title.data or "",
             "meta_description": form.meta_description.data or ""} if seo else None,
    )


def public_url(post: Post) -> str:
    """Public address of a post or a page."""
    from sandbox.web.site_front.chrome import content_url

    return content_url(post)


def edit_screen(kind: str, post: Post | None):
    """GET shows the editor; POST saves with the clicked button's action (« Publier », « Brouillon »…)."""
    user = g.site_user
    if kind == "page" and not can(user, "edit_pages"):
        return forbidden("Seuls les éditeurs et les administrateurs gèrent les pages.")
    if post is not None and not can(user, "edit_post", post):
        return forbidden(MESSAGES["edit_post"])
    if post is None and not can(user, "create_post"):
        return forbidden("Votre rôle ne permet pas de rédiger des contenus.")
    seo = get_setting(g.db, "plugins.seo", "0") == "1"
    key = str(post.id) if post else NEW
    draft = newer_autosave(g.db, current_actor(g.db), kind, key, post.updated_at if post else None)
    restored = request.method == "GET" and draft is not None and request.args.get("autosave") == "restaurer"
    form = PostForm(formdata=autosave_formdata(draft)) if restored else PostForm()
    _choices(form, kind, post)
    if restored:
        form.blocks.data = _clean_blocks(form.blocks.data)
    elif request.method == "GET":
        if post is not None:
            _fill(form, post)
        else:
            form.author_id.data = user.id
            form.comments_open.data = comments_open_by_default(g.db, kind)
    error, error_block = None, None
    if form.validate_on_submit():
        action = request.form.get("action", "save")
        was_published = post is not None and post.status == "publish"
        try:
            if post is not None:
                keep_original(g.db, post)
            saved = save_post(g.db, user, kind, post, _input(form, seo), action)
            discard_autosave(g.db, current_actor(g.db), kind, key)  # saved: nothing newer to offer
            keep_revision(g.db, saved, user.display_name)
            g.db.commit()
        except ServiceError as exc:
            g.db.rollback()
            if exc.field and exc.field in form and exc.field != "blocks":
                form[exc.field].errors = [*form[exc.field].errors, exc.message]
            else:
                error = exc.message
                error_block = getattr(exc, "index", None)  # a BlockError: shown inside that block too
        else:
            word = WORDS[kind][1]
            # WordPress says « Page mise à jour » when a published page is saved again.
            updated = was_published and saved.status == "publish"
            done = "mis à jour" if updated else DONE.get(saved.status, "enregistré")
            # A page is feminine: the participle agrees (« enregistrée comme brouillon », « mise à jour »).
            participle, _, rest = done.partition(" ")
            participle += "e" if kind == "page" else ""
            flash(f"{word} « {saved.title} » {participle} {rest}".rstrip() + ".", "success")
            return redirect(url_for(f".{kind}_edit", post_id=saved.id))
    elif request.method == "POST" and not form.errors:
        error = "Le formulaire a expiré : rechargez la page."
    _featured_choices(form)
    return render_template(
        "site_admin/post_edit.html", form=form, post=post, kind=kind, word=WORDS[kind], error=error,
        media_json=_media_list(form.blocks.data), block_labels=BLOCK_LABELS, status_labels=STATUS_LABELS,
        error_block=error_block,
        preview=render_blocks(post.blocks, web_render_context(g.db)) if post else "",
        analysis=analyse(g.db, post, public_url(post)) if (seo and post) else None,
        view_url=public_url(post) if post and post.status == "publish" else None,
        can_publish=can(user, "publish_post", post or Post(kind=kind, author_id=user.id)),
        can_change_author=can(user, "change_author"), seo=seo,
        autosave_url=autosave_url(kind, post), restored=restored,
        revision_count=revision_count(g.db, post) if post else 0,
        draft=draft if not restored and request.method == "GET" else None,
        ignore_url=url_for(".post_autosave_ignore", kind=kind, key=key),
        restore_url=editor_url(kind, key, autosave="restaurer"),
    )
