"""Clients › Segments: RFM segments of the customers, the list of one segment and its CSV export."""

from __future__ import annotations

from flask import abort, g, render_template, request

from sandbox.services.segments import SEGMENTS, rfm, segment_counts
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.csv_export import csv_response

FEATURES = ["X-STA-2"]
SHOWN = 200


@bp.get("/clients/segments")
def segments():
    """Segment counts and the customers of the chosen segment."""
    customers = rfm(g.db)
    chosen = request.args.get("segment", "champions")
    if chosen not in SEGMENTS:
        chosen = "champions"
    members = [c for c in customers if c.segment == chosen]
    return render_template("shop_admin/segments.html", counts=segment_counts(customers), chosen=chosen,
                           label=SEGMENTS[chosen], members=members[:SHOWN], total=len(members))


@bp.get("/clients/segments/<code>.csv")
def segment_csv(code: str):
    """The customers of one segment as a CSV file."""
    if code not in SEGMENTS:
        abort(404, description="Ce segment n'existe pas.")
    rows = [(c.customer_id, c.name, c.email, c.last_order, c.recency_days, c.orders, c.amount_ttc)
            for c in rfm(g.db) if c.segment == code]
    header = ["Id client", "Client", "E-mail", "Dernière commande", "Récence (jours)", "Commandes valides",
              "Montant TTC"]
    return csv_response(f"segment-{code}.csv", header, rows)
