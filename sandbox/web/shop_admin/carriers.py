"""Livraison › Transporteurs: billing, zones, price or weight ranges, products; delete."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from sandbox.models import (
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Product,
    ProductCarrier,
    Zone,
)
from sandbox.services import ServiceError
from sandbox.services.carriers import (
    METHODS,
    CarrierInput,
    delete_carrier,
    save_carrier,
    save_ranges,
)
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.shipping_forms import CarrierForm, read_ranges

FEATURES = ["B-SHP-1"]  # feature ids of this screen (coverage report)


def get_or_404(model, ident: int, message: str):
    row = g.db.get(model, ident)
    if row is None or getattr(row, "deleted", False):
        abort(404, description=message)
    return row


@bp.get("/livraison/transporteurs")
def carriers():
    """Carriers: name, delay, billing, zones, free shipping, active."""
    rows = g.db.scalars(
        select(Carrier).where(Carrier.deleted.is_(False)).order_by(Carrier.position, Carrier.id)
    )
    zone_names = dict(g.db.execute(select(Zone.id, Zone.name)).all())
    zones: dict[int, list[str]] = {}
    for carrier_id, zone_id in g.db.execute(select(CarrierZone.carrier_id, CarrierZone.zone_id)).all():
        zones.setdefault(carrier_id, []).append(zone_names.get(zone_id, "?"))
    return render_template(
        "shop_admin/carriers.html", carriers=list(rows), zones=zones, methods=METHODS, form=ConfirmForm()
    )


def _ranges(carrier: Carrier):
    """The carrier's ranges with their price per zone id, and the zones it delivers."""
    zones = list(
        g.db.scalars(
            select(Zone)
            .join(CarrierZone, CarrierZone.zone_id == Zone.id)
            .where(CarrierZone.carrier_id == carrier.id)
            .order_by(Zone.id)
        )
    )
    ranges = list(
        g.db.scalars(
            select(CarrierRange).where(CarrierRange.carrier_id == carrier.id).order_by(CarrierRange.lower)
        )
    )
    prices = {
        (p.range_id, p.zone_id): p.price_ht
        for p in g.db.scalars(
            select(CarrierRangePrice).where(CarrierRangePrice.range_id.in_([r.id for r in ranges]))
        )
    }
    return zones, ranges, prices


def _carrier_page(form: CarrierForm, carrier: Carrier | None, typed=None, status: int = 200):
    zones, ranges, prices = _ranges(carrier) if carrier else ([], [], {})
    return render_template(
        "shop_admin/carrier_edit.html",
        form=form,
        carrier=carrier,
        zones=zones,
        ranges=ranges,
        prices=prices,
        typed=typed,
        confirm=ConfirmForm(),
    ), status


def _carrier_edit(carrier: Carrier | None):
    form = CarrierForm()
    form.zone_ids.choices = [(z.id, z.name) for z in g.db.scalars(select(Zone).order_by(Zone.id))]
    form.product_ids.choices = list(
        tuple(r) for r in g.db.execute(select(Product.id, Product.name).order_by(Product.name))
    )
    if request.method == "GET" and carrier is not None:
        for name in (
            "name",
            "delay",
            "active",
            "is_free",
            "free_above_ttc",
            "shipping_method",
            "out_of_range",
            "price_ht",
        ):
            form[name].data = getattr(carrier, name)
        form.zone_ids.data = list(
            g.db.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id))
        )
        form.product_ids.data = list(
            g.db.scalars(select(ProductCarrier.product_id).where(ProductCarrier.carrier_id == carrier.id))
        )
    elif request.method == "POST" and form.validate_on_submit():
        data = CarrierInput(
            name=form.name.data or "",
            delay=form.delay.data or "",
            active=form.active.data,
            is_free=form.is_free.data,
            free_above_ttc=form.free_above_ttc.data,
            shipping_method=form.shipping_method.data,
            out_of_range=form.out_of_range.data,
            price_ht=form.price_ht.data,
            zone_ids=form.zone_ids.data or [],
            product_ids=form.product_ids.data or [],
        )
        try:
            saved = save_carrier(g.db, carrier, data)
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("Le transporteur a été créé." if carrier is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.carrier_edit", carrier_id=saved.id))
    return _carrier_page(form, carrier, status=422 if request.method == "POST" else 200)


@bp.route("/livraison/transporteurs/nouveau", methods=["GET", "POST"])
def carrier_new():
    """Ajouter un transporteur."""
    return _carrier_edit(None)


@bp.route("/livraison/transporteurs/<int:carrier_id>", methods=["GET", "POST"])
def carrier_edit(carrier_id: int):
    """Modifier un transporteur."""
    return _carrier_edit(get_or_404(Carrier, carrier_id, "Ce transporteur n'existe pas (ou plus)."))


@bp.post("/livraison/transporteurs/<int:carrier_id>/tranches")
def carrier_ranges(carrier_id: int):
    """Save the ranges table of a carrier (bounds and price per zone)."""
    carrier = get_or_404(Carrier, carrier_id, "Ce transporteur n'existe pas (ou plus).")
    zones, ranges, _prices = _ranges(carrier)
    error = None
    if ConfirmForm().validate_on_submit():
        try:
            save_ranges(
                g.db, carrier, read_ranges(request.form, [r.id for r in ranges], [z.id for z in zones])
            )
            g.db.commit()
        except (ServiceError, ValueError) as exc:
            g.db.rollback()
            error = exc.message if isinstance(exc, ServiceError) else str(exc)
        else:
            flash("Les tranches et les prix par zone ont été enregistrés.", "success")
            return redirect(
                url_for("seat.shop_admin.carrier_edit", carrier_id=carrier.id, _anchor="tranches")
            )
    else:
        error = "La page a expiré : rechargez-la et recommencez."
    form = CarrierForm(obj=carrier, formdata=None)
    form.zone_ids.choices = [(z.id, z.name) for z in g.db.scalars(select(Zone).order_by(Zone.id))]
    form.zone_ids.data = [z.id for z in zones]
    form.product_ids.choices = []
    g.ranges_error = error
    return _carrier_page(form, carrier, typed=request.form, status=422)


@bp.post("/livraison/transporteurs/<int:carrier_id>/supprimer")
def carrier_delete(carrier_id: int):
    """Delete a carrier (kept hidden for the orders that used it)."""
    carrier = get_or_404(Carrier, carrier_id, "Ce transporteur n'existe pas (ou plus).")
    if ConfirmForm().validate_on_submit():
        name = carrier.name
        delete_carrier(g.db, carrier)
        g.db.commit()
        flash(f"Le transporteur « {name} » a été supprimé.", "success")
    return redirect(url_for("seat.shop_admin.carriers"))
