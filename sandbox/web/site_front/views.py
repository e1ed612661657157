"""Lists of the site vitrine: home, blog, category and tag archives, search; shared request hooks."""

from __future__ import annotations

from flask import abort, g, render_template, request, url_for
from sqlalchemy import Select, select

from sandbox.activity.actor import Actor
from sandbox.clock import seat_now
from sandbox.content import queries
from sandbox.content.links import local_link
from sandbox.content.sanitize import sanitize_rich
from sandbox.models import Post, PostCategory, Tag
from sandbox.web.context import sign_changes
from sandbox.web.errors import french_error, seat_error_page
from sandbox.web.site_front import bp
from sandbox.web.site_front.chrome import (
    chrome,
    content_url,
    current_site_user,
    featured,
    front_page_id,
    posts_per_page,
)
from sandbox.web.site_front.posts import render_page


@bp.before_request
def _sign_site_user():
    """Changes made on the public site by a logged-in site user are signed with their name."""
    user = current_site_user()
    if user is not None:
        sign_changes(Actor("site_user", user.id, user.display_name))


def page_url(number: int) -> str:
    """The current list at another page number, keeping its other arguments (search words…)."""
    args = {**(request.view_args or {}), **request.args.to_dict(), "page": number}
    if number == 1:
        args.pop("page")
    return url_for(request.endpoint, **args)


@bp.context_processor
def _site_context():
    if "db" not in g:  # an unknown seat: the generic error page needs nothing from the site
        return {}
    return {"site": chrome(g.db), "content_url": content_url, "featured": featured,
            "summary": queries.excerpt_of, "page_url": page_url,
            "rich": lambda html: sanitize_rich(html, local_link)}


@bp.errorhandler(404)
def _not_found(error):
    if "db" not in g:  # the seat itself is unknown: no site to dress the page with
        return seat_error_page(*french_error(error)), 404
    return render_template("site_front/not_found.html"), 404


def _page_number() -> int:
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    return page


def _post_list(template: str, stmt: Select, **context):
    """Render one page of a list of posts; a page past the end is a 404, as in WordPress."""
    paged = queries.paginate(g.db, stmt, _page_number(), posts_per_page(g.db))
    if not paged.items and paged.page > 1:
        abort(404)
    return render_template(template, paged=paged, **context)


@bp.get("/")
def index():
    """Home: the static page chosen in the reading settings, else the latest posts (sticky first)."""
    front_id = front_page_id(g.db)
    if front_id is not None:
        front = g.db.get(Post, front_id)
        if front is not None and front.kind == "page" and queries.is_public(front, seat_now(g.db)):
            return render_page(front, is_front=True)
    return _post_list("site_front/index.html", queries.latest_posts(seat_now(g.db)))


@bp.get("/blog")
def blog():
    """The blog: latest posts, sticky first, paginated."""
    return _post_list("site_front/blog.html", queries.latest_posts(seat_now(g.db)))


@bp.get("/categorie/<slug>")
def category(slug: str):
    """Posts of a category and of its sub-categories."""
    stmt = select(PostCategory).where(PostCategory.slug == slug).order_by(PostCategory.id)
    cat = g.db.scalars(stmt).first()
    if cat is None:
        abort(404)
    stmt = queries.in_categories(seat_now(g.db), queries.category_ids_below(g.db, cat))
    return _post_list("site_front/category.html", stmt, category=cat)


@bp.get("/etiquette/<slug>")
def tag(slug: str):
    """Posts carrying a tag."""
    found = g.db.scalars(select(Tag).where(Tag.slug == slug).order_by(Tag.id)).first()
    if found is None:
        abort(404)
    return _post_list("site_front/tag.html", queries.with_tag(seat_now(g.db), found.id), tag=found)


@bp.get("/recherche")
def search():
    """« Rechercher »: posts and pages containing every word typed."""
    text = request.args.get("s", "").strip()[:200]
    results = queries.search(g.db, text, seat_now(g.db)) if text else []
    per_page = posts_per_page(g.db)
    page = _page_number()
    pages = max(1, -(-len(results) // per_page))
    if page > pages:
        abort(404)
    paged = queries.Paged(results[(page - 1) * per_page:page * per_page], page, pages, len(results))
    return render_template("site_front/search.html", query=text, paged=paged)
