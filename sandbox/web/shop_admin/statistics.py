"""Statistiques: key figures of a period compared with the previous one, charts, top tables, CSV exports."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import abort, g, render_template, request

from sandbox import charts
from sandbox.clock import seat_today
from sandbox.formatting import format_date, format_money, format_month, format_number
from sandbox.services import ServiceError
from sandbox.services import statistics as stats
from sandbox.web.date_fields import MAX_YEAR, MIN_YEAR, OUT_OF_RANGE
from sandbox.web.shop_admin import bp
from sandbox.web.shop_admin.csv_export import csv_response

FEATURES = ["X-STA-1"]


def _parse(text: str) -> date | None:
    """A French date (20/05/2027) or None."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _chosen_period() -> tuple[stats.Period, str, dict[str, str], dict[str, str]]:
    """(period, preset, what was typed, errors by field) from the query string; 30 days by default."""
    today = seat_today(g.db)
    typed = {"du": request.args.get("du", "").strip(), "au": request.args.get("au", "").strip()}
    preset = request.args.get("periode", "")
    errors: dict[str, str] = {}
    if typed["du"] or typed["au"]:
        start, end = _parse(typed["du"]), _parse(typed["au"])
        if typed["du"] and start is None:
            errors["du"] = f"« {typed['du']} » n'est pas une date (jj/mm/aaaa)."
        if typed["au"] and end is None:
            errors["au"] = f"« {typed['au']} » n'est pas une date (jj/mm/aaaa)."
        for key, day in (("du", start), ("au", end)):
            if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:  # the previous period would overflow
                errors[key] = OUT_OF_RANGE
        if not errors:
            try:
                return stats.custom_period(start, end), "", typed, errors
            except ServiceError as error:
                errors["du" if error.field == "start" else "au"] = error.message
    if preset not in stats.PRESETS:
        preset = "30j"
    period = stats.preset_period(preset, today)
    if not errors:
        typed = {"du": format_date(period.start), "au": format_date(period.end)}
    return period, preset, typed, errors




def _buckets(rows: list[tuple]) -> tuple[str, list[str], list[list]]:
    """Day rows grouped by day (up to 62 days), by week (up to 26 weeks) or by month, for readable charts."""
    if len(rows) <= 62:
        return "jour", [format_date(r[0])[:5] for r in rows], [list(r[1:]) for r in rows]
    by_week = len(rows) <= 182
    labels: list[str] = []
    sums: list[list] = []
    for day, *values in rows:
        label = f"sem. {format_date(day - timedelta(days=day.weekday()))[:5]}" if by_week else \
            format_month(day.year, day.month, short=True)
        if not labels or labels[-1] != label:
            labels.append(label)
            sums.append([0] * len(values))
        sums[-1] = [a + b for a, b in zip(sums[-1], values, strict=True)]
    return ("semaine" if by_week else "mois"), labels, sums


def _charts(current: stats.Figures, previous: stats.Figures, categories: list[dict]) -> dict:
    unit, labels, rows = _buckets(current.by_day)
    _, _, before = _buckets(previous.by_day)
    before = (before + [[0] * 4] * len(rows))[:len(rows)]
    span = f"du {format_date(current.period.start)} au {format_date(current.period.end)}"
    return {
        "audience": charts.line_chart(
            f"Visites et visiteurs par {unit}", f"Visites et visiteurs uniques par {unit} {span}.", labels,
            [("Visites", [r[0] for r in rows]), ("Visiteurs", [r[1] for r in rows]),
             ("Visites (période précédente)", [r[0] for r in before])], first=unit.capitalize()),
        "revenue": charts.bar_chart(
            f"Chiffre d'affaires TTC par {unit}", f"Chiffre d'affaires TTC des commandes valides {span}.",
            labels, [("CA TTC", [r[3] for r in rows])], fmt=format_money, first=unit.capitalize()),
        "sources": charts.donut_chart(
            "Visites par source", f"Répartition des visites par source de trafic {span}.",
            [(stats.source_label(s), v) for s, v, _ in current.by_source], first="Source"),
        "customers": charts.bar_chart(
            "Nouveaux clients et clients fidèles", "Acheteurs de la période et de la période précédente.",
            ["Période", "Période précédente"],
            [("Nouveaux", [current.new_customers, previous.new_customers]),
             ("Fidèles", [current.returning_customers, previous.returning_customers])],
            stacked=True, first="Période", width=360, height=220),
        "categories": charts.bar_chart(
            "Ventes HT par catégorie", f"Ventes HT des commandes valides par catégorie {span}.",
            [c["name"] for c in categories], [("Ventes HT", [c["sales_ht"] for c in categories])],
            fmt=format_money, first="Catégorie"),
    }


def _kpis(current: stats.Figures, previous: stats.Figures) -> list[dict]:
    rows = [
        ("Visites", "visits", format_number), ("Visiteurs", "visitors", format_number),
        ("Commandes valides", "orders", format_number),
        ("Taux de conversion", "conversion", lambda v: f"{format_number(v, 2)}\xa0%"),
        ("Panier moyen TTC", "average_basket", format_money),
        ("Chiffre d'affaires HT", "revenue_ht", format_money),
        ("Chiffre d'affaires TTC", "revenue_ttc", format_money),
        ("Nouveaux clients", "new_customers", format_number),
        ("Clients fidèles", "returning_customers", format_number),
        ("Paniers abandonnés", "abandoned_carts", format_number),
        ("Taux d'abandon", "abandon_rate", lambda v: f"{format_number(v, 2)}\xa0%"),
    ]
    return [{"label": label, "key": key, "value": fmt(getattr(current, key)),
             "previous": fmt(getattr(previous, key)),
             "evolution": stats.evolution(getattr(current, key), getattr(previous, key))}
            for label, key, fmt in rows]


@bp.get("/statistiques")
def statistics():
    """Statistics of the chosen period, compared with the previous one."""
    period, preset, typed, errors = _chosen_period()
    current, previous = stats.figures(g.db, period), stats.figures(g.db, period.previous())
    products = stats.top_products(g.db, period)
    categories = stats.top_categories(g.db, period)
    return render_template(
        "shop_admin/statistics.html", period=period, previous=previous.period, preset=preset,
        presets=stats.PRESETS, typed=typed, errors=errors, kpis=_kpis(current, previous),
        charts=_charts(current, previous, categories), figures=current, products=products,
        categories=categories, sources=[(stats.source_label(s), v, u) for s, v, u in current.by_source],
        query={k: v for k, v in request.args.items() if k in ("periode", "du", "au")},
    )


@bp.get("/statistiques/<table>.csv")
def statistics_csv(table: str):
    """One table of the statistics page as a CSV file (UTF-8 with BOM, « ; »)."""
    period, *_ = _chosen_period()
    stamp = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if table == "indicateurs":
        current, previous = stats.figures(g.db, period), stats.figures(g.db, period.previous())
        rows = [(k["label"], getattr(current, k["key"]), getattr(previous, k["key"]), k["evolution"])
                for k in _kpis(current, previous)]
        return csv_response(f"statistiques-indicateurs-{stamp}.csv",
                            ["Indicateur", "Période", "Période précédente", "Évolution (%)"], rows)
    if table == "jours":
        f = stats.figures(g.db, period)
        return csv_response(f"statistiques-jours-{stamp}.csv",
                            ["Jour", "Visites", "Visiteurs", "Commandes valides", "CA TTC"], f.by_day)
    if table == "sources":
        f = stats.figures(g.db, period)
        rows = [(stats.source_label(s), v, u) for s, v, u in f.by_source]
        return csv_response(f"statistiques-sources-{stamp}.csv", ["Source", "Visites", "Visiteurs"], rows)
    if table == "produits":
        rows = [(p["reference"], p["name"], p["quantity"], p["sales_ht"])
                for p in stats.top_products(g.db, period, limit=1000)]
        return csv_response(f"statistiques-produits-{stamp}.csv",
                            ["Référence", "Produit", "Quantité vendue", "Ventes HT"], rows)
    if table == "categories":
        rows = [(c["name"], c["quantity"], c["sales_ht"]) for c in stats.top_categories(g.db, period, 1000)]
        return csv_response(f"statistiques-categories-{stamp}.csv",
                            ["Catégorie", "Quantité vendue", "Ventes HT"], rows)
    abort(404, description="Ce tableau n'existe pas.")
