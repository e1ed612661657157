"""Relative dates and the rendering of subject texts (Markdown, CSV annexes)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from sandbox.subjects.dates import (
    DateSyntaxError,
    fill_dates,
    parse_relative,
    placeholder_problems,
    resolve_date,
    resolve_datetime,
)
from sandbox.subjects.render import csv_html, markdown_html

EXAM = date(2027, 5, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2027, 5, 20)),
        ("today+15", date(2027, 6, 4)),
        ("today-3", date(2027, 5, 17)),
        ("today + 1", date(2027, 5, 21)),
    ],
)
def test_relative_dates(text, expected):
    assert resolve_date(text, EXAM) == expected


def test_relative_moment_with_a_time():
    assert resolve_datetime("today-1 14:30", EXAM) == datetime(2027, 5, 19, 14, 30)
    assert resolve_datetime("today", EXAM).time() == time(9, 0)


@pytest.mark.parametrize("text", ["2027-05-20", "tomorrow", "today+", "today*2", "today 25:00", 15, None])
def test_bad_dates_are_refused(text):
    with pytest.raises(DateSyntaxError):
        parse_relative(text)


def test_placeholders_in_texts():
    text = "Offre valable du {{ today }} au {{ today+15 }}."
    assert fill_dates(text, EXAM) == "Offre valable du 20/05/2027 au 04/06/2027."
    assert placeholder_problems("Le {{ demain }} et le {{ today-2 }}") == ["{{ demain }}"]


def test_markdown_is_sanitised_and_headings_shifted():
    html = markdown_html(
        "# Titre\n\nValable jusqu'au {{ today+15 }}.\n\n<script>alert(1)</script>"
        "\n\n[lien](javascript:alert(1)) **gras**",
        EXAM,
    )
    assert "<h3>Titre</h3>" in html
    assert "04/06/2027" in html
    assert "<script" not in html and "javascript:" not in html
    assert "<strong>gras</strong>" in html


def test_markdown_tables():
    html = markdown_html("| Taille | Prix |\n|---|---|\n| 140 x 200 | 189,90 € |", EXAM)
    assert "<table>" in html and "<td>140 x 200</td>" in html


def test_csv_annex_as_table():
    html = csv_html("Taille;Prix TTC\n140 x 200;189,90 €\n<b>x</b>;12\n", EXAM)
    assert '<th scope="col">Prix TTC</th>' in html
    assert '<td class="num">189,90 €</td>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
