"""Daily visits by source, consistent with the orders: visits ≈ expected orders of the day / conversion rate.

The same day weights as the orders (month, weekday, growth) give the yearly and weekly seasonality; on top of
it, newsletters (every other Thursday) lift the « email » source, blog posts lift « social », and advertising
doubles in November–December.
"""

from __future__ import annotations

from sandbox.models import TrafficDay
from sandbox.seeding.common import Run


def seed_traffic(run: Run) -> None:
    """One row per day and source over the period before the reference date."""
    cfg = run.reader.toml("orders.toml")["traffic"]
    weights = run.data["day_weights"]
    total_weight = sum(weights.values()) or 1.0
    conversion = float(cfg["conversion_percent"]) / 100
    sources = [(s["code"], float(s["share"])) for s in cfg["sources"]]
    share_total = sum(share for _, share in sources)
    post_days = {p["published_at"].date() for p in run.data.get("posts", []) if p["published_at"]}
    rows = []
    for n, (day, weight) in enumerate(weights.items()):
        expected_orders = max(run.sizes["orders"], 1) * weight / total_weight
        visits_day = expected_orders / conversion * run.rng.lognormvariate(0, 0.12)
        for code, share in sources:
            factor = 1.0
            if code == "email" and day.weekday() == 3 and (n // 7) % 2 == 0:
                factor = 3.5
            elif code == "social" and day in post_days:
                factor = 2.2
            elif code == "ads" and day.month in (11, 12):
                factor = 2.0
            visits = max(
                1, round(visits_day * share / share_total * factor * run.rng.lognormvariate(0, 0.15))
            )
            visitors = max(
                1, min(visits, round(visits / float(cfg["visits_per_visitor"]) * run.rng.uniform(0.95, 1.05)))
            )
            page_views = max(
                visits, round(visits * float(cfg["pages_per_visit"]) * run.rng.uniform(0.85, 1.15))
            )
            rows.append(
                {"day": day, "source": code, "visits": visits, "visitors": visitors, "page_views": page_views}
            )
    run.insert(TrafficDay, rows)
