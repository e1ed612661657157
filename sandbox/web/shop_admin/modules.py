"""Modules › Gestionnaire de modules: the shop's 8 modules, switch them on/off, « Configurer » each one."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import Category, Media, Product
from sandbox.services import ServiceError
from sandbox.services import home_blocks as blocks
from sandbox.services.categories import category_tree
from sandbox.services.modules import MODULES, configure_module, module_state, set_module_active
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.main_menu import menu_context
from sandbox.web.shop_admin.module_forms import ICON_GLYPHS, ICONS, ReassuranceForm, SlideForm, config_form
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-MOD-1", "B-MOD-2", "B-MOD-3", "B-MOD-4", "B-MOD-5", "B-MOD-6", "B-MOD-7", "B-MOD-8"]


def _spec(code: str):
    spec = MODULES.get(code)
    if spec is None:
        abort(404, description="Ce module n'existe pas.")
    return spec


def _back(code: str, anchor: str | None = None):
    return redirect(url_for("seat.shop_admin.module_configure", code=code, _anchor=anchor))


@bp.get("/modules")
def modules():
    """Every module with its state and its actions."""
    rows = [(spec, module_state(g.db, code)[0]) for code, spec in MODULES.items()]
    return render_template("shop_admin/modules.html", rows=rows, form=ConfirmForm())


@bp.post("/modules/<code>/activer")
def module_toggle(code: str):
    """Switch a module on or off."""
    spec = _spec(code)
    if ConfirmForm().validate_on_submit():
        active = request.form.get("active") == "1"
        set_module_active(g.db, code, active)
        g.db.commit()
        flash(f"Le module « {spec.name} » est {'activé' if active else 'désactivé'}.", "success")
    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/s/{g.seat}/") else url_for("seat.shop_admin.modules"))


def _slide_form() -> SlideForm:
    form = SlideForm()
    products = g.db.execute(select(Product.id, Product.name).order_by(Product.name)).all()
    form.product_id.choices = [(0, "Aucun produit"), *((pid, name) for pid, name in products)]
    form.category_id.choices = [(0, "Aucune catégorie"),
                                *(((c.id, "\u2014 " * d + c.name) for c, d in category_tree(g.db)))]
    return form


def module_page(code: str, form=None, slide_form=None, item_form=None, menu_forms: dict | None = None):
    """The configuration page of a module (form: its settings; the other forms: its lists' add forms)."""
    active, config = module_state(g.db, code)
    form = form or config_form(_spec(code), _categories(), config)
    extra = {}
    if code == "carousel":
        slides = blocks.slides(g.db)
        found = g.db.scalars(select(Media).where(Media.id.in_({s.media_id for s in slides})))
        media = {m.id: m for m in found}
        extra = {"slides": slides, "slide_form": slide_form or _slide_form(),
                 "images": {s.id: url_for("seat.media.file", media_id=s.media_id,
                                          filename=media[s.media_id].filename)
                            for s in slides if s.media_id in media},
                 "names": {p.id: p.name for p in g.db.scalars(select(Product).where(
                     Product.id.in_({s.product_id for s in slides if s.product_id})))},
                 "cats": {c.id: c.name for c in g.db.scalars(select(Category).where(
                     Category.id.in_({s.category_id for s in slides if s.category_id})))}}
    elif code == "main_menu":
        extra = menu_context(**(menu_forms or {}))
    elif code == "reassurance":
        extra = {"items": blocks.reassurance_items(g.db), "item_form": item_form or ReassuranceForm(),
                 "icons": ICONS, "glyphs": ICON_GLYPHS}
    return render_template("shop_admin/module_configure.html", spec=_spec(code), form=form, active=active,
                           toggle=ConfirmForm(), **extra)


def _categories() -> list[tuple[int, str]]:
    return [(c.id, "\u2014 " * d + c.name) for c, d in category_tree(g.db)]


@bp.route("/modules/<code>/configurer", methods=["GET", "POST"])
def module_configure(code: str):
    """Configure a module: its options, and the slides / items of the carousel and reassurance modules."""
    spec = _spec(code)
    form = config_form(spec, _categories(), module_state(g.db, code)[1] if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            configure_module(g.db, code, {o.key: form[o.key].data for o in spec.options})
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"La configuration du module « {spec.name} » a été enregistrée.", "success")
            return _back(code)
    return module_page(code, form)


@bp.post("/modules/carousel/diapositives")
def slide_add():
    """Add a carousel slide."""
    form = _slide_form()
    if form.validate_on_submit():
        upload = form.image.data
        image = (upload.filename or "diapositive", upload.read()) \
            if upload and getattr(upload, "filename", "") else None
        try:
            blocks.add_slide(g.db, image, form.title.data, form.caption.data, form.product_id.data,
                             form.category_id.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La diapositive a été ajoutée au carrousel.", "success")
            return _back("carousel", "diapositives")
    config = config_form(MODULES["carousel"], _categories(), module_state(g.db, "carousel")[1])
    return module_page("carousel", config, slide_form=form)


@bp.post("/modules/carousel/diapositives/<int:slide_id>/<action>")
def slide_action(slide_id: int, action: str):
    """Move a slide up or down, or delete it."""
    if not ConfirmForm().validate_on_submit() or action not in ("monter", "descendre", "supprimer"):
        abort(400)
    try:
        if action == "supprimer":
            flash(f"La diapositive « {blocks.delete_slide(g.db, slide_id)} » a été supprimée.", "success")
        else:
            blocks.move_slide(g.db, slide_id, -1 if action == "monter" else 1)
        g.db.commit()
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
    return _back("carousel", "diapositives")


@bp.post("/modules/reassurance/elements")
def reassurance_add():
    """Add a reassurance item."""
    form = ReassuranceForm()
    if form.validate_on_submit():
        try:
            blocks.add_reassurance(g.db, form.icon.data, form.text.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("L'élément de réassurance a été ajouté.", "success")
            return _back("reassurance", "elements")
    spec = MODULES["reassurance"]
    return module_page("reassurance", config_form(spec, _categories(), module_state(g.db, "reassurance")[1]),
                 item_form=form)


@bp.post("/modules/reassurance/elements/<int:item_id>/supprimer")
def reassurance_delete(item_id: int):
    """Delete a reassurance item."""
    if ConfirmForm().validate_on_submit():
        try:
            blocks.delete_reassurance(g.db, item_id)
            g.db.commit()
            flash("L'élément de réassurance a été supprimé.", "success")
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
    return _back("reassurance", "elements")
