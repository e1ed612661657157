"""Paiement › Moyens de paiement (on/off, bank transfer details) and › Préférences (restrictions)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from sandbox.models import Carrier, CustomerGroup
from sandbox.services import ServiceError
from sandbox.services import payment as payments
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import AdminForm, ConfirmForm
from sandbox.web.shop_admin.products import attach_error

FEATURES = ["B-MOD-8"]
KINDS = ("groups", "carriers")


class WireForm(AdminForm):
    """Bank transfer details shown to the customer after the order."""

    owner = StringField("Titulaire du compte", validators=[Length(max=120)])
    iban = StringField("IBAN", validators=[Length(max=42)], render_kw={"autocomplete": "off"})
    bic = StringField("BIC", validators=[Length(max=15)])
    bank = TextAreaField("Adresse de la banque", validators=[Length(max=300)])
    details = TextAreaField("Informations complémentaires", validators=[Length(max=1000)])


@bp.get("/paiement")
def payment_methods():
    """The payment methods with their state, Activer/Désactiver and Configurer."""
    rows = [(code, name, payments.is_enabled(g.db, code)) for code, name in payments.MODULES.items()]
    return render_template("shop_admin/payment_methods.html", rows=rows, form=ConfirmForm())


@bp.post("/paiement/<code>/activer")
def payment_toggle(code: str):
    """Switch a payment method on or off (never the last active one)."""
    if code not in payments.MODULES:
        abort(404)
    if ConfirmForm().validate_on_submit():
        enabled = request.form.get("active") == "1"
        try:
            payments.set_enabled(g.db, code, enabled)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
        else:
            word = "activé" if enabled else "désactivé"
            flash(f"Le moyen de paiement « {payments.MODULES[code]} » est {word}.", "success")
    return redirect(url_for("seat.shop_admin.payment_methods"))


@bp.route("/paiement/virement", methods=["GET", "POST"])
def payment_wire():
    """Configure the bank transfer: account holder, IBAN, BIC, bank address, extra information."""
    form = WireForm(data=payments.wire_details(g.db) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            payments.configure_wire(g.db, {k: form[k].data for k in payments.WIRE_FIELDS})
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Les coordonnées bancaires du virement ont été enregistrées.", "success")
            return redirect(url_for("seat.shop_admin.payment_methods"))
    active = payments.is_enabled(g.db, "wire")
    return render_template("shop_admin/payment_wire.html", form=form, active=active)


def _choices() -> dict[str, list[tuple[int, str]]]:
    groups = g.db.execute(select(CustomerGroup.id, CustomerGroup.name).order_by(CustomerGroup.id)).all()
    carriers = g.db.execute(
        select(Carrier.id, Carrier.name)
        .where(Carrier.deleted.is_(False))
        .order_by(Carrier.position, Carrier.id)
    ).all()
    return {"groups": [tuple(r) for r in groups], "carriers": [tuple(r) for r in carriers]}


@bp.route("/paiement/preferences", methods=["GET", "POST"])
def payment_preferences():
    """Which payment methods each customer group and each carrier may use."""
    choices = _choices()
    form = ConfirmForm()
    if form.validate_on_submit():
        for code in payments.MODULES:
            for kind in KINDS:
                every = {i for i, _ in choices[kind]}
                ticked = {int(v) for v in request.form.getlist(f"{kind}-{code}") if v.isdigit()}
                payments.set_restriction(g.db, code, kind, ticked & every, every)
        g.db.commit()
        flash("Les restrictions des moyens de paiement ont été enregistrées.", "success")
        return redirect(url_for("seat.shop_admin.payment_preferences"))
    allowed = {
        (kind, code): payments.restriction(g.db, code, kind) for kind in KINDS for code in payments.MODULES
    }
    return render_template(
        "shop_admin/payment_preferences.html", form=form, choices=choices, allowed=allowed,
        methods=payments.MODULES,
    )
