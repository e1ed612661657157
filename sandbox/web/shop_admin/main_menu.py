"""Modules › Menu principal › Configurer: the menu's entries, in order — add a category or a page from the
available items, add a custom link, move an entry up or down, remove one (PrestaShop's ps_mainmenu)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from sandbox.services import ServiceError
from sandbox.services import main_menu as menu
from sandbox.web.choice_fields import SelectField
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-MOD-3", "B-LNK-1"]
ACTIONS = {"monter": -1, "descendre": 1}


class MenuItemForm(AdminForm):
    """Add one of the available items (a category or a shop page)."""

    item = SelectField("Éléments disponibles", validate_choice=False,
                       validators=[DataRequired("Choisissez un élément à ajouter au menu.")])


class MenuLinkForm(AdminForm):
    """Add a custom link."""

    label = StringField("Libellé du lien", validators=[
        DataRequired("Indiquez le libellé du lien."), Length(max=120, message="120 caractères au plus.")])
    url = StringField("Lien (adresse)", validators=[
        DataRequired("Indiquez l'adresse du lien (par exemple https://www.exemple.fr/magasins)."),
        Length(max=300, message="300 caractères au plus.")])


def menu_context(item_form: MenuItemForm | None = None, link_form: MenuLinkForm | None = None) -> dict:
    """What the main menu's configuration page shows below the module's settings."""
    item_form = item_form or MenuItemForm()
    item_form.item.choices = {group: rows for group, rows in menu.available(g.db).items() if rows}
    return {"menu_entries": menu.entries(g.db), "item_form": item_form,
            "link_form": link_form or MenuLinkForm()}


def _back():
    return redirect(url_for("seat.shop_admin.module_configure", code="main_menu", _anchor="elements-menu"))


def _page(**forms):
    from sandbox.web.shop_admin.modules import module_page  # late: modules imports this module's context

    return module_page("main_menu", menu_forms=forms)


@bp.post("/modules/main_menu/elements")
def main_menu_add():
    """Add a category or a shop page at the end of the menu."""
    form = MenuItemForm()
    if form.validate_on_submit():
        try:
            row = menu.add_choice(g.db, form.item.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"« {row.label} » a été ajouté au menu principal.", "success")
            return _back()
    return _page(item_form=form)


@bp.post("/modules/main_menu/liens")
def main_menu_link_add():
    """Add a custom link at the end of the menu."""
    form = MenuLinkForm()
    if form.validate_on_submit():
        try:
            row = menu.add_link(g.db, form.label.data, form.url.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Le lien « {row.label} » a été ajouté au menu principal.", "success")
            return _back()
    return _page(link_form=form)


@bp.post("/modules/main_menu/elements/<int:item_id>/<action>")
def main_menu_move(item_id: int, action: str):
    """Move an entry one place up or down."""
    if not ConfirmForm().validate_on_submit() or action not in ACTIONS:
        abort(400)
    try:
        row = menu.move(g.db, item_id, ACTIONS[action])
        g.db.commit()
        flash(f"« {row.label} » est en position {row.position} du menu principal.", "success")
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
    return _back()


@bp.post("/modules/main_menu/elements/<int:item_id>/supprimer")
def main_menu_remove(item_id: int):
    """Take one entry out of the menu."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        label = menu.remove(g.db, item_id)
        g.db.commit()
        flash(f"« {label} » a été retiré du menu principal.", "success")
    except ServiceError as error:
        g.db.rollback()
        flash(error.message, "error")
    return _back()
