"""« Apparence › Fenêtres surgissantes »: pop-ups and info bars with their content and display rules."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.formatting import format_date
from sandbox.models import Popup, Post
from sandbox.models.appearance import POPUP_FREQUENCIES, POPUP_KINDS
from sandbox.services import ServiceError
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import PopupForm

FEATURES = ["S-CON-7"]  # feature ids of this screen (coverage report)


def _pages_choices() -> list[tuple[str, str]]:
    rows = g.db.execute(select(Post.id, Post.title, Post.kind).where(Post.status == "publish")
                        .order_by(Post.kind.desc(), Post.title))
    return [("all", "Toutes les pages"), ("home", "La page d'accueil seulement")] + [
        (str(i), f"{'Page' if k == 'page' else 'Article'} : {t}") for i, t, k in rows]


def _describe(popup: Popup, choices: dict[str, str]) -> str:
    where = ", ".join(choices.get(p, p) for p in popup.pages.split(","))
    dates = ""
    if popup.starts_on or popup.ends_on:
        start = format_date(popup.starts_on) if popup.starts_on else "…"
        end = format_date(popup.ends_on) if popup.ends_on else "…"
        dates = f", du {start} au {end}"
    return f"{where} · {POPUP_FREQUENCIES.get(popup.frequency, popup.frequency).lower()}{dates}"


@bp.route("/apparence/fenetres", methods=["GET", "POST"], defaults={"popup_id": None})
@bp.route("/apparence/fenetres/<int:popup_id>", methods=["GET", "POST"])
def popups(popup_id: int | None):
    """The list of pop-ups and bars, and the editor (new one, or ?popup_id)."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    popup = g.db.get(Popup, popup_id) if popup_id else None
    if popup_id and popup is None:
        abort(404)
    form = PopupForm(obj=popup if request.method == "GET" else None)
    form.pages.choices = _pages_choices()
    if form.validate_on_submit():
        data = PopupInput(
            name=form.name.data or "", kind=form.kind.data, title=form.title.data or "",
            body=form.body.data or "", button_label=form.button_label.data or "",
            button_url=form.button_url.data or "", active=form.active.data, pages=form.pages.data or "all",
            delay_seconds=form.delay_seconds.data or 0,
            frequency=form.frequency.data, starts_on=form.starts_on.data, ends_on=form.ends_on.data)
        try:
            saved = save_popup(g.db, data, popup)
            g.db.commit()
            state = "et activée" if saved.active else "(désactivée)"
            flash(f"« {saved.name} » enregistrée {state}.", "success")
            return redirect(url_for(".popups"))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "", None) or form.body
            target.errors = [*target.errors, exc.message]
    choices = {choice.value: choice.label for choice in form.pages.choices}
    rows = [(p, _describe(p, choices)) for p in g.db.scalars(select(Popup).order_by(Popup.id))]
    return render_template("site_admin/popups.html", form=form, popup=popup, rows=rows, kinds=POPUP_KINDS)
