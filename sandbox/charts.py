"""Server-side SVG charts (line, bars, stacked bars, donut): no JavaScript, no external resource.

Every chart is a ``<figure>`` holding an SVG with ``<title>`` and ``<desc>`` (role="img") and, below it, a
data table with the same figures, so that screen readers and printouts get the numbers too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import count

from markupsafe import Markup, escape

from sandbox.formatting import format_number

PALETTE = ("#1f6feb", "#d97706", "#2da44e", "#cf222e", "#8250df", "#57606a", "#bf8700", "#0a7ea4")
AXIS = "#57606a"
_ids = count(1)

Number = int | float | Decimal
Formatter = Callable[[Number], str]


def _fmt(value: Number) -> str:
    return format_number(value, 0 if isinstance(value, int) else 2)


def _head(kind: str, title: str, desc: str, width: int, height: int) -> tuple[str, list[str]]:
    uid = f"chart-{next(_ids)}"
    return uid, [
        f'<figure class="chart chart--{kind}" aria-labelledby="{uid}-cap">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>',
    ]


def _table(uid: str, title: str, first: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence]],
           fmt: Formatter) -> str:
    head = "".join(f'<th scope="col" class="num">{escape(name)}</th>' for name, _ in series)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f'<td class="num">{escape(fmt(values[i]))}</td>' for _, values in series) + "</tr>"
        for i, label in enumerate(labels)
    )
    return (f'</svg><figcaption id="{uid}-cap">{escape(title)}</figcaption>'
            f'<details class="chart__data"><summary>Données du graphique</summary>'
            f'<table><thead><tr><th scope="col">{escape(first)}</th>{head}</tr></thead>'
            f'<tbody>{rows}</tbody></table></details></figure>')


def _ticks(labels: Sequence[str], left: float, step: float, y: float, every: int) -> list[str]:
    return [f'<text x="{left + i * step:.1f}" y="{y}" font-size="10" fill="{AXIS}" text-anchor="middle">'
            f'{escape(label)}</text>' for i, label in enumerate(labels) if i % every == 0]


def _legend(series: Sequence[tuple[str, Sequence]], x: float, y: float) -> list[str]:
    parts = []
    for i, (name, _) in enumerate(series):
        parts.append(f'<rect x="{x + i * 120}" y="{y - 8}" width="10" height="10" fill="{PALETTE[i % 8]}"/>'
                     f'<text x="{x + i * 120 + 14}" y="{y + 1}" font-size="10">{escape(name)}</text>')
    return parts


def _peak(values) -> Number:
    """The largest value, keeping its type (an int axis label stays an int)."""
    return max(values, default=0) or 1


def _frame(peak: Number, left: int, top: int, plot_w: int, plot_h: int, fmt: Formatter) -> list[str]:
    return [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{AXIS}"/>',
        f'<line x1="{left}" y1="{top}" x2="{left + plot_w}" y2="{top}" stroke="#d0d7de" '
        'stroke-dasharray="3"/>',
        f'<text x="{left - 4}" y="{top + 4}" font-size="10" fill="{AXIS}" text-anchor="end">'
        f'{escape(fmt(peak))}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="10" fill="{AXIS}" text-anchor="end">0</text>',
    ]


def line_chart(title: str, desc: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]],
               fmt: Formatter = _fmt, first: str = "Jour", width: int = 720, height: int = 240) -> Markup:
    """One polyline per series over the same labels (days, months)."""
    uid, parts = _head("line", title, desc, width, height)
    left, top, bottom = 80, 14, 40
    plot_w, plot_h = width - left - 12, height - top - bottom
    peak_value = _peak([v for _, values in series for v in values])
    peak = float(peak_value)
    step = plot_w / max(len(labels) - 1, 1)
    parts += _frame(peak_value, left, top, plot_w, plot_h, fmt)
    for i, (name, values) in enumerate(series):
        points = " ".join(f"{left + j * step:.1f},{top + plot_h - plot_h * float(v) / peak:.1f}"
                          for j, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{PALETTE[i % 8]}" stroke-width="2" points="{points}">'
                     f'<title>{escape(name)}</title></polyline>')
    parts += _ticks(labels, left, step, top + plot_h + 14, max(1, math.ceil(len(labels) / 8)))
    parts += _legend(series, left, height - 6)
    return Markup("".join(parts) + _table(uid, title, first, labels, series, fmt))  # noqa: S704 — SVG built here, every label escaped


def bar_chart(title: str, desc: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]],
              fmt: Formatter = _fmt, first: str = "Catégorie", stacked: bool = False, width: int = 720,
              height: int = 240) -> Markup:
    """Grouped bars (or stacked bars) per label, one colour per series."""
    uid, parts = _head("stacked" if stacked else "bars", title, desc, width, height)
    left, top, bottom = 80, 14, 40
    plot_w, plot_h = width - left - 12, height - top - bottom
    if stacked:
        peak_value = _peak([sum(values[j] for _, values in series) for j in range(len(labels))])
    else:
        peak_value = _peak([v for _, values in series for v in values])
    peak = float(peak_value)
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * 0.8 / (1 if stacked else max(len(series), 1))
    parts += _frame(peak_value, left, top, plot_w, plot_h, fmt)
    for j, label in enumerate(labels):
        base = top + plot_h
        for i, (name, values) in enumerate(series):
            h = plot_h * float(values[j]) / peak
            x = left + j * slot + slot * 0.1 + (0 if stacked else i * bar_w)
            y = base - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[i % 8]}"><title>{escape(label)} — {escape(name)} : '
                         f'{escape(fmt(values[j]))}</title></rect>')
            if stacked:
                base = y
    parts += _ticks(labels, left + slot / 2, slot, top + plot_h + 14, max(1, math.ceil(len(labels) / 12)))
    if len(series) > 1:
        parts += _legend(series, left, height - 6)
    return Markup("".join(parts) + _table(uid, title, first, labels, series, fmt))  # noqa: S704 — SVG built here, every label escaped


def donut_chart(title: str, desc: str, parts_: Sequence[tuple[str, Number]], fmt: Formatter = _fmt,
                first: str = "Part", size: int = 220) -> Markup:
    """A donut of shares with a legend; the table gives values and percentages."""
    width = size + 200
    uid, parts = _head("donut", title, desc, width, size)
    total = sum(float(v) for _, v in parts_) or 1
    cx = cy = size / 2
    r, inner = size / 2 - 8, size / 4
    angle = -math.pi / 2
    for i, (label, value) in enumerate(parts_):
        share = float(value) / total
        if share <= 0:
            continue
        end = angle + 2 * math.pi * min(share, 0.99999)
        large = 1 if share > 0.5 else 0
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
        a1, b1 = cx + inner * math.cos(end), cy + inner * math.sin(end)
        a2, b2 = cx + inner * math.cos(angle), cy + inner * math.sin(angle)
        parts.append(f'<path d="M{x1:.1f},{y1:.1f} A{r},{r} 0 {large} 1 {x2:.1f},{y2:.1f} L{a1:.1f},{b1:.1f} '
                     f'A{inner},{inner} 0 {large} 0 {a2:.1f},{b2:.1f} Z" fill="{PALETTE[i % 8]}">'
                     f'<title>{escape(label)} : {escape(fmt(value))}</title></path>')
        angle = end
    for i, (label, value) in enumerate(parts_):
        y = 20 + i * 18
        pct = format_number(Decimal(str(float(value) / total * 100)), 1)
        parts.append(f'<rect x="{size + 10}" y="{y - 9}" width="10" height="10" fill="{PALETTE[i % 8]}"/>'
                     f'<text x="{size + 26}" y="{y}" font-size="11">{escape(label)} ({pct} %)</text>')
    labels = [label for label, _ in parts_]
    series = [("Valeur", [v for _, v in parts_]),
              ("Part (%)", [Decimal(str(round(float(v) / total * 100, 1))) for _, v in parts_])]
    cell = lambda v: format_number(v, 1) if isinstance(v, Decimal) else fmt(v)  # noqa: E731
    return Markup("".join(parts) + _table(uid, title, first, labels, series, cell))  # noqa: S704 — SVG built here, every label escaped


def histogram_svg(label: str, counts: Sequence[int], ticks: Sequence[str], last_tick: str, axis: str,
                  width: int = 360, height: int = 170) -> Markup:
    """A compact bar chart for a table cell (the marks of a harmonisation), described by its aria-label."""
    left, bottom, top = 28, 30, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max(counts, default=0) or 1
    bar_w = plot_w / max(len(counts), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" class="chart">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{AXIS}"/>',
        f'<text x="2" y="{top + 8}" font-size="10" fill="{AXIS}">{peak}</text>',
    ]
    for i, n in enumerate(counts):
        h = plot_h * n / peak
        x = left + i * bar_w
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}" '
            f'fill="#1f6feb"><title>{escape(ticks[i])} : {n}</title></rect>'
        )
        if n:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - h - 2:.1f}" font-size="10" '
                         f'text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 16}" font-size="10" fill="{AXIS}">'
                     f'{escape(ticks[i].split("–")[0])}</text>')
    parts.append(f'<text x="{left + plot_w - 6}" y="{height - 16}" font-size="10" fill="{AXIS}">'
                 f'{escape(last_tick)}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 2}" font-size="10" text-anchor="middle" '
                 f'fill="{AXIS}">{escape(axis)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 — SVG built here, every label escaped
