"""Livraison › Zones: list, create, edit (with their countries), delete."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from sandbox.models import (
    CarrierZone,
    Country,
    Zone,
)
from sandbox.services import ServiceError
from sandbox.services.carriers import (
    delete_zone,
    save_zone,
)
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.carriers import get_or_404
from sandbox.web.shop_admin.forms import ConfirmForm
from sandbox.web.shop_admin.products import attach_error
from sandbox.web.shop_admin.shipping_forms import ZoneForm

FEATURES = ["B-SHP-1"]  # feature ids of this screen (coverage report)


@bp.get("/livraison/zones")
def zones():
    """Zones with their countries and how many carriers deliver them."""
    rows = list(g.db.scalars(select(Zone).order_by(Zone.id)))
    countries: dict[int, list[str]] = {}
    for name, zone_id in g.db.execute(select(Country.name, Country.zone_id).order_by(Country.name)).all():
        countries.setdefault(zone_id, []).append(name)
    carriers = dict(
        g.db.execute(select(CarrierZone.zone_id, func.count()).group_by(CarrierZone.zone_id)).all()
    )
    return render_template(
        "shop_admin/zones.html", zones=rows, countries=countries, carriers=carriers, form=ConfirmForm()
    )


def _zone_edit(zone: Zone | None):
    form = ZoneForm(obj=zone) if request.method == "GET" and zone else ZoneForm()
    all_countries = list(g.db.scalars(select(Country).order_by(Country.name)))
    zone_names = dict(g.db.execute(select(Zone.id, Zone.name)).all())
    form.country_ids.choices = [(c.id, f"{c.name} ({zone_names.get(c.zone_id, '?')})") for c in all_countries]
    if request.method == "GET" and zone is not None:
        form.country_ids.data = [c.id for c in all_countries if c.zone_id == zone.id]
    elif request.method == "POST" and form.validate_on_submit():
        try:
            save_zone(g.db, zone, form.name.data or "", form.active.data, form.country_ids.data or [])
            g.db.commit()
        except ServiceError as error:
            g.db.rollback()
            attach_error(error, form)
        else:
            flash("La zone a été créée." if zone is None else "Mise à jour réussie.", "success")
            return redirect(url_for("seat.shop_admin.zones"))
    return render_template("shop_admin/zone_edit.html", form=form, zone=zone), (
        422 if request.method == "POST" else 200
    )


@bp.route("/livraison/zones/nouvelle", methods=["GET", "POST"])
def zone_new():
    """Ajouter une zone."""
    return _zone_edit(None)


@bp.route("/livraison/zones/<int:zone_id>", methods=["GET", "POST"])
def zone_edit(zone_id: int):
    """Modifier une zone."""
    return _zone_edit(get_or_404(Zone, zone_id, "Cette zone n'existe pas (ou plus)."))


@bp.post("/livraison/zones/<int:zone_id>/supprimer")
def zone_delete(zone_id: int):
    """Delete a zone without countries."""
    zone = get_or_404(Zone, zone_id, "Cette zone n'existe pas (ou plus).")
    if ConfirmForm().validate_on_submit():
        try:
            name = zone.name
            delete_zone(g.db, zone)
            g.db.commit()
            flash(f"La zone « {name} » a été supprimée.", "success")
        except ServiceError as error:
            g.db.rollback()
            flash(error.message, "error")
    return redirect(url_for("seat.shop_admin.zones"))
