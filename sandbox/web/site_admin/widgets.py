"""« Apparence › Widgets »: widgets of the footer and of the sidebar — add, configure, reorder, remove."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from sandbox.models import Widget
from sandbox.models.appearance import WIDGET_AREAS, WIDGET_TYPES
from sandbox.services import ServiceError
from sandbox.services.site_roles import MESSAGES, can
from sandbox.services.widgets import add_widget, move_widget, update_widget, widgets_in
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.appearance import media_choices
from sandbox.web.site_admin.look_forms import WidgetForm

FEATURES = ["S-APP-5"]  # feature ids of this screen (coverage report)

OPTIONS = ("count", "excerpt_words", "text", "url", "media_ids")


def _form(widget: Widget | None = None) -> WidgetForm:
    if widget is not None and request.method == "GET":
        config = widget.config or {}
        data = {k: ([str(i) for i in v] if isinstance(v, list) else str(v)) for k, v in config.items()}
        form = WidgetForm(formdata=None, prefix="widget", data={"title": widget.title, **data})
    else:
        form = WidgetForm(prefix="widget")
    form.area.choices = list(WIDGET_AREAS.items())
    form.kind.choices = list(WIDGET_TYPES.items())
    form.media_ids.choices = media_choices(("image/",), "")[1:]  # chosen with the media picker
    return form


def _raw(form: WidgetForm) -> dict:
    return {k: form[k].data or "" for k in OPTIONS}


@bp.route("/apparence/widgets", methods=["GET", "POST"])
def widgets():
    """Both areas with their widgets, and « Ajouter un widget »."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    form = _form()
    if form.validate_on_submit():
        try:
            widget = add_widget(g.db, form.area.data, form.kind.data, form.title.data, _raw(form))
            g.db.commit()
            flash(f"Widget « {WIDGET_TYPES[widget.kind]} » ajouté à la zone {WIDGET_AREAS[widget.area]}.",
                  "success")
            return redirect(url_for(".widgets"))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "title", None) or form.title
            target.errors = [*target.errors, exc.message]
    areas = [(code, label, widgets_in(g.db, code)) for code, label in WIDGET_AREAS.items()]
    return render_template("site_admin/widgets.html", form=form, areas=areas, types=WIDGET_TYPES)


def _widget(widget_id: int) -> Widget:
    widget = g.db.get(Widget, widget_id)
    if widget is None:
        abort(404)
    return widget


@bp.route("/apparence/widgets/<int:widget_id>", methods=["GET", "POST"])
def widget_edit(widget_id: int):
    """Configure one widget."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    widget = _widget(widget_id)
    form = _form(widget)
    if form.validate_on_submit():
        try:
            update_widget(g.db, widget, form.title.data, _raw(form))
            g.db.commit()
            flash("Widget enregistré.", "success")
            return redirect(url_for(".widgets"))
        except ServiceError as exc:
            g.db.rollback()
            target = getattr(form, exc.field or "title", None) or form.title
            target.errors = [*target.errors, exc.message]
    return render_template("site_admin/widget_edit.html", form=form, widget=widget, types=WIDGET_TYPES,
                           areas=WIDGET_AREAS)


@bp.post("/apparence/widgets/<int:widget_id>/<any(up, down, delete):move>")
def widget_move(widget_id: int, move: str):
    """Move a widget up or down in its area, or remove it."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    widget = _widget(widget_id)
    try:
        if move == "delete":
            g.db.delete(widget)
            g.db.flush()
        else:
            move_widget(g.db, widget, move)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        flash(exc.message, "error")
    return redirect(url_for(".widgets"))
