"""SVG charts: accessible (title, desc, data table), escaped, no external resource."""

from __future__ import annotations

from decimal import Decimal

from sandbox import charts
from sandbox.formatting import format_money


def _check(markup: str) -> None:
    assert "<svg" in markup and "<title" in markup and "<desc" in markup and 'role="img"' in markup
    assert "<table>" in markup and "Données du graphique" in markup
    assert "http" not in markup.replace("http://www.w3.org/2000/svg", "")


def test_every_chart_kind_is_accessible():
    _check(charts.line_chart("Visites", "Par jour", ["01/05", "02/05"], [("Visites", [3, 5])]))
    _check(charts.bar_chart("CA", "Par jour", ["01/05", "02/05"], [("CA", [Decimal("12.5"), Decimal(0)])],
                            fmt=format_money))
    _check(charts.bar_chart("Clients", "Empilés", ["A"], [("Nouveaux", [2]), ("Fidèles", [3])], stacked=True))
    _check(charts.donut_chart("Sources", "Parts", [("Direct", 3), ("Recherche", 1), ("Vide", 0)]))


def test_values_are_in_the_table_in_french_and_text_is_escaped():
    markup = charts.bar_chart("<b>", "d", ["x"], [("CA", [Decimal("1234.5")])], fmt=format_money)
    assert "1\u202f234,50\xa0€" in markup and "&lt;b&gt;" in markup and "<b>" not in markup
    empty = charts.line_chart("Vide", "rien", [], [("Visites", [])])
    assert "<svg" in empty
