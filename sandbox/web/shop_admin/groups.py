"""Clients › Groupes (discount, price display, prices shown) and the groups of one customer."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from sandbox.models import Customer, CustomerGroup, CustomerGroupMember
from sandbox.services import ServiceError
from sandbox.services.groups import DISPLAYS, save_group, set_customer_groups
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, AmountField
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.promotion_forms import Checkboxes

FEATURES = ["B-CUS-1"]  # feature ids of this screen (coverage report)


class GroupForm(AdminForm):
    """A customer group."""

    name = StringField(
        "Nom du groupe",
        validators=[
            DataRequired("Le nom du groupe est obligatoire."),
            Length(max=80, message="80 caractères au plus."),
        ],
    )
    reduction = AmountField("Réduction (%)")
    price_display = SelectField("Affichage des prix", default="ttc")
    show_prices = BooleanField("Afficher les prix", default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.price_display.choices = list(DISPLAYS.items())  # WTForms 3.3: no tuples at class level


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
    return render_template("shop_admin/group_edit.html", form=form, group=group), (
        422 if request.method == "POST" else 200
    )


@bp.route("/clients/groupes/nouveau", methods=["GET", "POST"])
def group_new():
    """Ajouter un groupe de clients."""
    return _group_edit(None)


@bp.route("/clients/groupes/<int:group_id>", methods=["GET", "POST"])
def group_edit(group_id: int):
    """Modifier un groupe de clients."""
    group = g.db.get(CustomerGroup, group_id)
    if group is None:
        abort(404, description="Ce groupe n'existe pas (ou plus).")
    return _group_edit(group)


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
