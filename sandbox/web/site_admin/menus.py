"""« Apparence › Menus »: create menus, add items of every kind, nest and reorder with buttons, locations."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import Menu, MenuItem, MenuLocation, Post, PostCategory
from sandbox.models.appearance import MENU_ITEM_KINDS, MENU_LOCATIONS
from sandbox.services import ServiceError
from sandbox.services.menus import (
    add_item,
    create_menu,
    delete_item,
    delete_menu,
    move_item,
    set_locations,
    tree,
)
from sandbox.services.site_roles import MESSAGES, can
from sandbox.web.site_admin import bp, forbidden
from sandbox.web.site_admin.look_forms import MenuItemForm, MenuNameForm

FEATURES = ["S-MEN-1", "S-MEN-2", "S-MEN-3", "S-APP-3"]  # feature ids of this screen (coverage report)

MOVES = {"up": "Monter", "down": "Descendre", "right": "En sous-élément", "left": "Remonter d'un niveau"}


def _choices(kind: str) -> list[tuple[str, str]]:
    rows = g.db.execute(select(Post.id, Post.title).where(Post.kind == kind).order_by(Post.title))
    return [("", "— Choisir —")] + [(str(i), t) for i, t in rows]


def _item_form(menu: Menu | None) -> MenuItemForm:
    form = MenuItemForm(prefix="item")
    form.page_id.choices = _choices("page")
    form.post_id.choices = _choices("post")
    cats = g.db.execute(select(PostCategory.id, PostCategory.name).order_by(PostCategory.name))
    form.category_id.choices = [("", "— Choisir —")] + [(str(i), n) for i, n in cats]
    items = tree(menu) if menu is not None else []
    form.parent_id.choices = [("", "(premier niveau)")] + [(str(i.id), "— " * d + i.label) for i, d in items]
    return form


def _redirect(menu: Menu | None):
    return redirect(url_for(".menus", menu=menu.id if menu else None))


@bp.route("/apparence/menus", methods=["GET", "POST"])
def menus():
    """Edit one menu (?menu=id), create a menu, add items, assign locations."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    all_menus = list(g.db.scalars(select(Menu).order_by(Menu.name)))
    raw = request.args.get("menu", "")
    menu = g.db.get(Menu, int(raw)) if raw.isdigit() else (all_menus[0] if all_menus else None)
    name_form = MenuNameForm(prefix="new")
    item_form = _item_form(menu)
    action = request.form.get("action")
    if request.method == "POST":
        try:
            if action == "create" and name_form.validate_on_submit():
                menu = create_menu(g.db, name_form.name.data)
                g.db.commit()
                flash(f"Menu « {menu.name} » créé : ajoutez-lui des éléments.", "success")
                return _redirect(menu)
            if action == "add_item" and menu is not None and item_form.validate_on_submit():
                kind = item_form.kind.data
                target = {"page": item_form.page_id.data, "post": item_form.post_id.data,
                          "category": item_form.category_id.data}.get(kind) or ""
                parent = item_form.parent_id.data or ""
                item = add_item(g.db, menu, kind, target_id=int(target) if target.isdigit() else None,
                                url=item_form.url.data or "", label=item_form.label.data or "",
                                parent_id=int(parent) if parent.isdigit() else None)
                g.db.commit()
                flash(f"« {item.label} » ajouté au menu.", "success")
                return _redirect(menu)
            if action == "locations":
                chosen = {loc: request.form.get(f"location-{loc}", "") for loc in MENU_LOCATIONS}
                set_locations(g.db, {k: int(v) if v.isdigit() else None for k, v in chosen.items()})
                g.db.commit()
                flash("Emplacements des menus enregistrés.", "success")
                return _redirect(menu)
        except ServiceError as exc:
            g.db.rollback()
            form = name_form if action == "create" else item_form
            names = {"target_id": {"page": "page_id", "post": "post_id", "category": "category_id"}.get(
                item_form.kind.data, "label")}
            target = getattr(form, names.get(exc.field or "", exc.field or ""), None)
            if target is None or not hasattr(target, "errors"):
                flash(exc.message, "error")
            else:
                target.errors = [*target.errors, exc.message]
    locations = {row.location: row.menu_id for row in g.db.scalars(select(MenuLocation))}
    return render_template("site_admin/menus.html", menus=all_menus, menu=menu, name_form=name_form,
                           item_form=item_form, items=tree(menu) if menu else [], moves=MOVES,
                           kinds=MENU_ITEM_KINDS, locations=MENU_LOCATIONS, assigned=locations)


def _item(item_id: int) -> MenuItem:
    item = g.db.get(MenuItem, item_id)
    if item is None:
        abort(404)
    return item


@bp.post("/apparence/menus/element/<int:item_id>/<any(up, down, right, left, delete):move>")
def menu_item_move(item_id: int, move: str):
    """Reorder, nest or remove an item (buttons: usable with the keyboard, no drag and drop needed)."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    item = _item(item_id)
    menu = g.db.get(Menu, item.menu_id)
    try:
        if move == "delete":
            delete_item(g.db, item)
        else:
            move_item(g.db, item, move)
        g.db.commit()
    except ServiceError as exc:
        g.db.rollback()
        flash(exc.message, "error")
    return redirect(url_for(".menus", menu=menu.id, _anchor="elements"))


@bp.post("/apparence/menus/<int:menu_id>/supprimer")
def menu_delete(menu_id: int):
    """Delete a whole menu."""
    if not can(g.site_user, "manage_settings"):
        return forbidden(MESSAGES["manage_settings"])
    menu = g.db.get(Menu, menu_id)
    if menu is None:
        abort(404)
    delete_menu(g.db, menu)
    g.db.commit()
    flash("Menu supprimé.", "success")
    return redirect(url_for(".menus"))
