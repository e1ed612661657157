"""« Apparence › Personnaliser »: identity, header, home page, layout, social icons; one form per section."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from sqlalchemy import select

from sandbox.models import Media, Post, get_setting
from sandbox.services import ServiceError
from sandbox.services.site_roles import MESSAGES, can
from sandbox.services.site_settings import (
    LAYOUTS,
    SOCIAL_KEYS,
    SOCIAL_POSITIONS,
    save_header,
    save_identity,
    save_layout,
    save_reading,
    save_social,
)
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import HeaderForm, HomeForm, IdentityForm, LayoutForm, SocialForm
from sandbox.web.site_admin.nav import NAV, NavEntry, add_entry

# Feature ids of this screen (coverage report).
FEATURES = ["S-APP-1", "S-APP-2", "S-APP-4", "S-APP-6", "S-NAV-2"]

for _label, _endpoint, _match in [("Personnaliser", "appearance", "appearance"), ("Menus", "menus", "menu"),
                                  ("Widgets", "widgets", "widget"),
                                  ("Fenêtres surgissantes", "popups", "popup")]:
    add_entry(NavEntry(_label, _endpoint, (_match,), "manage_settings"), parent="Apparence")
next(e for e in NAV if e.label == "Apparence").match += ("popup",)


def media_choices(kinds: tuple[str, ...], empty: str) -> list[tuple[str, str]]:
    """Media of the library of some MIME types, as select choices."""
    rows = g.db.execute(select(Media.id, Media.title, Media.filename, Media.mime).order_by(Media.id.desc()))
    return [("", empty)] + [(str(i), f"{t or f} ({f})") for i, t, f, m in rows if m.startswith(kinds)]


def page_choices() -> list[tuple[str, str]]:
    """Published pages, as select choices."""
    rows = g.db.execute(select(Post.id, Post.title).where(Post.kind == "page", Post.status == "publish")
                        .order_by(Post.title))
    return [("", "— Choisir —")] + [(str(i), t) for i, t in rows]


def _forms(post_section: str | None = None):
    s = {key: get_setting(g.db, key) for key in (
        "site.title", "site.tagline", "site.logo_media_id", "site.icon_media_id", "site.header_text",
        "site.header_media_id", "reading.show_on_front", "reading.page_on_front", "reading.posts_per_page",
        "site.sidebar", "site.social_icons", "site.social_position")}
    defaults = {
        "identity": {"title": s["site.title"], "tagline": s["site.tagline"], "logo": s["site.logo_media_id"],
                     "icon": s["site.icon_media_id"]},
        "header": {"header_text": s["site.header_text"], "header_media": s["site.header_media_id"]},
        "home": {"show_on_front": s["reading.show_on_front"] or "posts", "page_on_front":
                 s["reading.page_on_front"], "posts_per_page": s["reading.posts_per_page"] or "10"},
        "layout": {"layout": s["site.sidebar"] or "none"},
        "social": {"enabled": s["site.social_icons"] == "1",
                   "position": s["site.social_position"] or "footer",
                   **{k: get_setting(g.db, f"social.{k}") for k in SOCIAL_KEYS}},
    }
    classes = {"identity": IdentityForm, "header": HeaderForm, "home": HomeForm, "layout": LayoutForm,
               "social": SocialForm}
    forms = {}
    for name, cls in classes.items():
        posted = name == post_section
        forms[name] = cls(prefix=name) if posted else cls(formdata=None, prefix=name, data=defaults[name])
    images = media_choices(("image/",), "(aucun)")
    forms["identity"].logo.choices = images
    forms["identity"].icon.choices = images
    forms["header"].header_media.choices = media_choices(("image/", "video/"), "(aucune)")
    forms["home"].page_on_front.choices = page_choices()
    forms["layout"].layout.choices = list(LAYOUTS.items())
    forms["social"].position.choices = list(SOCIAL_POSITIONS.items())
    return forms


def _save(section: str, form) -> None:
    if section == "identity":
        save_identity(g.db, form.title.data, form.tagline.data, form.logo.data, form.icon.data)
    elif section == "header":
        save_header(g.db, form.header_text.data, form.header_media.data)
    elif section == "home":
        save_reading(g.db, form.show_on_front.data, form.page_on_front.data, form.posts_per_page.data)
    elif section == "layout":
        save_layout(g.db, form.layout.data)
    else:
        position = form.position.data or get_setting(g.db, "site.social_position", "footer")
        save_social(g.db, form.enabled.data, {k: form[k].data for k in SOCIAL_KEYS}, position)


@bp.get("/apparence")
def appearance():
    """The customizer: one form per section (identity, header, home page, layout, social networks)."""
    return appearance_save(None)


@bp.post("/apparence/<any(identity, header, home, layout, social):section>")
def appearance_save(section: str | None):
    """Save one section; errors stay next to the field with what was typed."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    forms = _forms(section)
    if section is not None:
        form = forms[section]
        if form.validate_on_submit():
            try:
                _save(section, form)
                g.db.commit()
                flash("Modifications publiées sur le site.", "success")
                return redirect(url_for(".appearance", _anchor=section))
            except ServiceError as exc:
                g.db.rollback()
                target = getattr(form, exc.field or "", None)
                if target is None or not hasattr(target, "errors"):
                    target = next(f for f in form if f.name != f"{section}-csrf_token")
                target.errors = [*target.errors, exc.message]
    return render_template("site_admin/appearance.html", forms=forms, section=section)
