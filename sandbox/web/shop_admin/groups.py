"""Clients › Groupes (discount, price display, prices shown) and the groups of one customer."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from sandbox.formatting import format_percent
from sandbox.models import Customer, CustomerGroup, CustomerGroupMember
from sandbox.services import ServiceError
from sandbox.services.categories import category_tree
from sandbox.services.groups import (
    DISPLAYS,
    category_reductions,
    delete_category_reduction,
    save_group,
    set_category_reduction,
    set_customer_groups,
)
from sandbox.web.choice_fields import SelectField
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm, PercentField
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.promotion_forms import Checkboxes

FEATURES = ["B-CUS-1"]  # feature ids of this screen (coverage report)
ANCHOR = "#reductions-categorie"


class GroupForm(AdminForm):
    """A customer group."""

    name = StringField(
        "Nom du groupe",
        validators=[
            DataRequired("Le nom du groupe est obligatoire."),
            Length(max=80, message="80 caractères au plus."),
        ],
    )
    reduction = PercentField("Réduction (%)")
    price_display = SelectField("Affichage des prix", default="ttc")
    show_prices = BooleanField("Afficher les prix", default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.price_display.choices = list(DISPLAYS.items())  # WTForms 3.3: no tuples at class level


class CategoryReductionForm(AdminForm):
    """« Ajouter une réduction par catégorie »: a category and a percentage."""

    category_id = SelectField("Catégorie", coerce=int, validate_choice=False, default=0)
    reduction = PercentField("Réduction sur la catégorie (%)", render_kw={"inputmode": "decimal"})


def reduction_form(formdata=None) -> CategoryReductionForm:
    """The add form, prefixed so that its ids never clash with the group form's on the same page."""
    return CategoryReductionForm(formdata=formdata, prefix="categorie")


class MembershipForm(AdminForm):
    """The groups of a customer and the default one."""

    group_ids = Checkboxes("Groupes du client", coerce=int, validate_choice=False)
    default_group_id = SelectField("Groupe par défaut", coerce=int, validate_choice=False)


@bp.get("/clients/groupes")
def groups():
    """Customer groups with their discount, price display and number of members."""
    members = dict(
        g.db.execute(
            select(CustomerGroupMember.group_id, func.count()).group_by(CustomerGroupMember.group_id)
        ).all()
    )
    rows = g.db.scalars(select(CustomerGroup).order_by(CustomerGroup.id)).all()
    return render_template("shop_admin/groups.html", groups=rows, members=members, displays=DISPLAYS)


def _group_edit(group: CustomerGroup | None):
    form = GroupForm()
    if request.method == "GET" and group is not None:
        form.name.data, form.price_display.data = group.name, group.price_display
        form.reduction.data, form.show_prices.data = Decimal(group.reduction_bp) / 100, group.show_prices
    elif request.method == "POST" and form.validate_on_submit():
        try:
            save_group(
                g.db,
                group,
                form.name.data or "",
                form.reduction.data,
                form.price_display.data,
                form.show_prices.data,
            )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Le groupe a été créé." if group is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.groups"))
    status = 422 if request.method == "POST" else 200
    return _render(form, group, reduction_form(None)), status


def _render(form: GroupForm, group: CustomerGroup | None, add_form: CategoryReductionForm) -> str:
    """The group sheet with its « Réduction par catégorie » section (existing groups only)."""
    add_form.category_id.choices = [(0, "Choisir une catégorie")] + [
        (c.id, c.name) for c, _depth in category_tree(g.db)
    ]
    rows = category_reductions(g.db, group) if group is not None else []
    return render_template("shop_admin/group_edit.html", form=form, group=group,
                           reduction_form=add_form, reductions=rows, delete_form=ConfirmForm())


def _load_group(group_id: int) -> CustomerGroup:
    group = g.db.get(CustomerGroup, group_id)
    if group is None:
        abort(404, description="Ce groupe n'existe pas (ou plus).")
    return group


@bp.post("/clients/groupes/<int:group_id>/reductions-categorie")
def group_category_reduction(group_id: int):
    """Add (or change) the group's reduction on one category."""
    group = _load_group(group_id)
    add_form = reduction_form(request.form)
    if add_form.validate_on_submit():
        try:
            row = set_category_reduction(
                g.db, group, add_form.category_id.data, add_form.reduction.data
            )
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, add_form)
        else:
            flash(f"Réduction de {format_percent(row.reduction_bp)} enregistrée pour cette catégorie.",
                  "success")
            return redirect(url_for("seat.shop_admin.group_edit", group_id=group.id) + ANCHOR)
    form = GroupForm(formdata=None)
    form.name.data, form.price_display.data = group.name, group.price_display
    form.reduction.data, form.show_prices.data = Decimal(group.reduction_bp) / 100, group.show_prices
    return _render(form, group, add_form), 422


@bp.post("/clients/groupes/<int:group_id>/reductions-categorie/<int:reduction_id>/supprimer")
def group_category_reduction_delete(group_id: int, reduction_id: int):
    """Remove one of the group's reductions per category."""
    group = _load_group(group_id)
    if ConfirmForm().validate_on_submit():
        try:
            delete_category_reduction(g.db, group, reduction_id)
            g.db.commit()
            flash("La réduction par catégorie a été supprimée.", "success")
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
    return redirect(url_for("seat.shop_admin.group_edit", group_id=group.id) + ANCHOR)


@bp.route("/clients/groupes/nouveau", methods=["GET", "POST"])
def group_new():
    """Ajouter un groupe de clients."""
    return _group_edit(None)


@bp.route("/clients/groupes/<int:group_id>", methods=["GET", "POST"])
def group_edit(group_id: int):
    """Modifier un groupe de clients."""
    return _group_edit(_load_group(group_id))


@bp.route("/clients/<int:customer_id>/groupes", methods=["GET", "POST"])
def customer_groups(customer_id: int):
    """Choose the groups of a customer and its default group."""
    customer = g.db.get(Customer, customer_id)
    if customer is None:
        abort(404, description="Ce client n'existe pas dans ce poste.")
    form = MembershipForm()
    choices = [(x.id, x.name) for x in g.db.scalars(select(CustomerGroup).order_by(CustomerGroup.id))]
    form.group_ids.choices, form.default_group_id.choices = choices, choices
    if request.method == "GET":
        form.group_ids.data = [x.id for x in customer.groups]
        form.default_group_id.data = customer.default_group_id
    elif form.validate_on_submit():
        try:
            set_customer_groups(g.db, customer, form.group_ids.data or [], form.default_group_id.data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash(f"Les groupes de {customer.full_name} ont été enregistrés.", "success")
            return redirect(url_for("seat.shop_admin.customer", customer_id=customer.id))
    return render_template("shop_admin/customer_groups.html", form=form, customer=customer), (
        422 if request.method == "POST" else 200
    )
