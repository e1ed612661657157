"""Statistics: figures against a hand computation on the seeded data, period comparison, pages, CSV."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sandbox.models import Cart, Order, TrafficDay
from sandbox.money import to_cents
from sandbox.services import statistics as stats
from tests.integration.shop_admin_helpers import ADMIN, login, seat_db, text

APRIL = stats.Period(date(2027, 4, 1), date(2027, 4, 30))


def _valid(order: Order) -> bool:
    return order.state.paid and order.state.code != "refunded"


def test_figures_match_a_hand_computation(data, seat):
    db = seat_db(data, seat.name)
    start, end = datetime(2027, 4, 1), datetime(2027, 5, 1)
    orders = db.scalars(select(Order).options(selectinload(Order.state), selectinload(Order.lines))).all()
    sales = [o for o in orders if start <= o.created_at < end and _valid(o)]
    traffic = db.scalars(select(TrafficDay).where(TrafficDay.day >= APRIL.start,
                                                  TrafficDay.day <= APRIL.end)).all()
    figures = stats.figures(db, APRIL)

    assert figures.orders == len(sales) > 0
    assert figures.revenue_ht == sum((o.total_ht for o in sales), Decimal(0))
    assert figures.revenue_ttc == sum((o.total_ttc for o in sales), Decimal(0))
    assert figures.visits == sum(t.visits for t in traffic)
    assert figures.visitors == sum(t.visitors for t in traffic)
    assert figures.conversion == (Decimal(len(sales) * 100) / figures.visits).quantize(Decimal("0.01"))
    assert figures.average_basket == to_cents(figures.revenue_ttc / len(sales))
    assert len(figures.by_day) == 30 and sum(r[3] for r in figures.by_day) == len(sales)

    first: dict[int, datetime] = {}
    for o in sorted((o for o in orders if _valid(o)), key=lambda o: o.created_at):
        first.setdefault(o.customer_id, o.created_at)
    buyers = {o.customer_id for o in sales}
    assert figures.new_customers == sum(1 for c in buyers if first[c] >= start)
    assert figures.returning_customers == sum(1 for c in buyers if first[c] < start)

    cutoff = datetime(2027, 5, 20, 8) - timedelta(hours=stats.ABANDONED_HOURS)
    carts = [c for c in db.scalars(select(Cart).options(selectinload(Cart.lines)))
             if start <= c.created_at < end and c.lines]
    assert figures.carts == len(carts)
    abandoned = [c for c in carts if c.order_id is None and c.updated_at < cutoff]
    assert figures.abandoned_carts == len(abandoned) > 0

    per_product: dict[int, Decimal] = defaultdict(Decimal)
    for o in sales:
        for line in o.lines:
            per_product[line.product_id] += line.unit_price_ht * line.quantity
    top = stats.top_products(db, APRIL, limit=3)
    best = sorted(per_product.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert [(t["product_id"], t["sales_ht"]) for t in top] == [(pid, to_cents(v)) for pid, v in best]
    db.close()


def test_presets_and_previous_period():
    today = date(2027, 5, 20)
    assert stats.preset_period("7j", today) == stats.Period(date(2027, 5, 14), today)
    assert stats.preset_period("mois", today) == stats.Period(date(2027, 5, 1), today)
    assert stats.preset_period("mois-precedent", today) == APRIL
    assert stats.preset_period("12m", today).days == 365
    assert APRIL.previous() == stats.Period(date(2027, 3, 2), date(2027, 3, 31))
    assert stats.evolution(Decimal("110"), Decimal("100")) == Decimal("10.00")
    assert stats.evolution(5, 0) is None


@pytest.mark.feature("X-STA-1")
def test_statistics_page_compares_periods_and_exports_csv(client, seat):
    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/statistiques?periode=mois-precedent").get_data(as_text=True)
    words = text(page)
    assert "Du 01/04/2027 au 30/04/2027" in words
    assert "période précédente du 02/03/2027 au 31/03/2027" in words
    for label in ("Visites", "Taux de conversion", "Panier moyen TTC", "Chiffre d'affaires HT",
                  "Nouveaux clients", "Clients fidèles", "Paniers abandonnés"):
        assert label in words
    assert page.count("<svg") >= 4 and "<title" in page and "<desc" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")

    custom = client.get(f"{base}/statistiques?du=01/04/2027&au=30/04/2027").get_data(as_text=True)
    assert "Du 01/04/2027 au 30/04/2027" in text(custom)
    wrong = client.get(f"{base}/statistiques?du=31/04/2027&au=30/04/2027").get_data(as_text=True)
    assert "« 31/04/2027 » n'est pas une date" in text(wrong) and 'value="31/04/2027"' in wrong

    response = client.get(f"{base}/statistiques/produits.csv?periode=mois-precedent")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and body.startswith("\ufeffRéférence;Produit;")
    assert "attachment" in response.headers["Content-Disposition"]
    kpis = client.get(f"{base}/statistiques/indicateurs.csv?periode=mois-precedent").get_data(as_text=True)
    assert kpis.splitlines()[0] == "\ufeffIndicateur;Période;Période précédente;Évolution (%)"
    assert kpis.splitlines()[4].startswith("Taux de conversion;")
    assert client.get(f"{base}/statistiques/inconnu.csv").status_code == 404
