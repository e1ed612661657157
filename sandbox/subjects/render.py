"""Subject texts to safe HTML: Markdown (with {{ today+15 }} dates) and CSV annexes as tables.

Rendering happens once, when the subject is prepared; the seat stores the HTML. It is sanitised with
nh3 all the same, because a pack is written by hand and may be shared between centres.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import markdown
import nh3
from markupsafe import escape

from sandbox.subjects.dates import fill_dates

TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "code",
    "pre",
    "a",
    "abbr",
    "sup",
    "sub",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
HEADING = re.compile(r"<(/?)h([1-6])>")
NUMBER = re.compile(r"^[+-]?\d[\d\s\u202f\xa0]*(?:[.,]\d+)?\s*(?:€|%)?$")


def _shift_headings(html: str) -> str:
    """Markdown # and ## become h3/h4: the page itself owns h1 (the subject) and h2 (its parts)."""
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 2)}>", html)


def sanitize(html: str) -> str:
    """Keep text structure, tables and links only."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
        strip_comments=True,
    )


def markdown_html(text: str, today: date) -> str:
    """Markdown (tables allowed) with relative dates filled in, as sanitised HTML."""
    html = markdown.markdown(
        fill_dates(text, today), extensions=["tables", "sane_lists"], output_format="html"
    )
    return sanitize(_shift_headings(html))


def read_csv(text: str) -> list[list[str]]:
    """Rows of a CSV annex (comma or semicolon separated, as spreadsheets export them)."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row
    ]


def csv_html(text: str, today: date) -> str:
    """A CSV annex as a table: the first row is the header, numbers are right-aligned."""
    rows = read_csv(fill_dates(text, today))
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in rows[0])
    body = []
    for row in rows[1:]:
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if NUMBER.match(c) else f"<td>{escape(c)}</td>" for c in row
        )
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="annex-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def text_or_file_html(value: str, reader, today: date) -> str:
    """A Markdown text given inline, or the Markdown file it names (ending .md)."""
    return markdown_html(reader.text(value) if value.strip().endswith(".md") else value, today)
