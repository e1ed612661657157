"""A candidate's evaluation grid as PDF, in the layout of the national grids (fpdf2).

French text needs a Unicode TrueType font: DejaVu Sans (Debian's fonts-dejavu-core), else Arial on
Windows; without either, the PDF core font Helvetica with Windows-1252 encoding still covers French
(accents, « », œ, €), and any other character is replaced.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from grading.services.accommodations import format_duration
from grading.services.sheets import format_mark
from grading.services.subjects import GENERATIONS
from sandbox.formatting import format_date, format_datetime

FONT_CANDIDATES = [
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (Path("C:/Windows/Fonts/arial.ttf"), Path("C:/Windows/Fonts/arialbd.ttf")),
]
SITES = {"boutique": "Boutique (site e-commerce)", "vitrine": "Site vitrine"}
GREY = (225, 228, 232)


class GridPDF(FPDF):
    """A4 portrait with the centre's footer on every page."""

    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.grid_font = _install_font(self)
        self.unicode_font = self.grid_font != "Helvetica"
        self.set_auto_page_break(True, margin=15)
        self.set_margins(15, 15, 15)

    def text_of(self, value: Any) -> str:
        """Text the chosen font can draw (narrow spaces become no-break spaces)."""
        text = str(value or "").replace("\u202f", "\u00a0")
        return text if self.unicode_font else text.encode("cp1252", "replace").decode("cp1252")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.grid_font, "", 7)
        self.cell(0, 5, self.text_of(f"{self.footer_text} — page {self.page_no()}/{{nb}}"), align="C")


def _install_font(pdf: FPDF) -> str:
    for regular, bold in FONT_CANDIDATES:
        if regular.exists() and bold.exists():
            pdf.add_font("Grid", "", str(regular))
            pdf.add_font("Grid", "B", str(bold))
            return "Grid"
    pdf.core_fonts_encoding = "cp1252"
    return "Helvetica"


def _para(pdf: FPDF, height: float, text: str, **options: Any) -> None:
    """A full-width paragraph; the cursor goes back to the left margin, under it."""
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **options)


def _keep_with_next(pdf: FPDF, height: float) -> None:
    """Start a new page unless a heading and the first ``height`` mm of what follows fit on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _header(pdf: GridPDF, doc: dict[str, Any]) -> None:
    t = pdf.text_of
    pdf.set_font(pdf.grid_font, "B", 13)
    _para(pdf, 7, t("BTS Négociation et Digitalisation de la Relation Client — Épreuve E5"), align="C")
    pdf.set_font(pdf.grid_font, "", 10)
    _para(pdf, 5, t("Partie pratique – Durée 40 minutes – Coefficient 2"), align="C")
    if doc.get("accommodation"):
        _para(
            pdf,
            5,
            t(
                f"Aménagement : {doc['accommodation']} — durée pour ce candidat : "
                f"{format_duration(doc['duration_seconds'])}"
            ),
            align="C",
        )
    pdf.set_font(pdf.grid_font, "B", 11)
    _para(pdf, 7, t("Grille d'évaluation"), align="C")
    pdf.set_font(pdf.grid_font, "", 9)
    # The grid's generation is its own line: « Grille 2023–2025 » is not the session's year.
    _para(pdf, 5, t(f"Modèle de grille : {GENERATIONS.get(doc['grid_type'], doc['grid_type'])}"), align="C")
    pdf.ln(2)
    session, slot, subject, candidate = doc["session"], doc["slot"], doc["subject"], doc["candidate"]
    rows = [
        (
            "Candidat",
            f"{candidate['last_name'].upper()} {candidate['first_name']}",
            "N° de candidat",
            candidate["number"],
        ),
        ("Commission", slot["commission"] or "—", "Date", format_date(date.fromisoformat(session["date"]))),
        ("Centre", session["centre"], "Académie", session["academie"]),
        ("Session", session["date"][:4], "Examinateur", slot["examiner"]),
        (
            "Sujet",
            f"{subject['letter'] or '—'} — {subject['code'] or subject['id']}",
            "Site",
            SITES.get(subject["site"], subject["site"] or "—"),
        ),
    ]
    pdf.set_font(pdf.grid_font, "", 9)
    with pdf.table(
        col_widths=(18, 32, 18, 32),
        first_row_as_headings=False,
        text_align="LEFT",
        line_height=5.5,
        padding=1,
    ) as table:
        for label_a, value_a, label_b, value_b in rows:
            row = table.row()
            row.cell(t(label_a), style=FontFace(emphasis="BOLD", fill_color=GREY))
            row.cell(t(value_a))
            row.cell(t(label_b), style=FontFace(emphasis="BOLD", fill_color=GREY))
            row.cell(t(value_b))
    if subject.get("title"):
        pdf.set_font(pdf.grid_font, "", 9)
        _para(pdf, 5, t(f"Intitulé : {subject['title']}"))
    pdf.ln(3)


def _lines(pdf: GridPDF, doc: dict[str, Any]) -> None:
    """One block per question: its criterion, then its lines with the chosen level crossed."""
    t = pdf.text_of
    levels = list(doc["levels"])
    titles = {q["id"]: q["title"] for q in doc["questions"]}
    questions = list(dict.fromkeys(line["question"] for line in doc["lines"]))
    for number, question in enumerate(questions, start=1):
        lines = [line for line in doc["lines"] if line["question"] == question]
        _keep_with_next(pdf, 32)  # the question's title, its criterion, the table's heading and first line
        pdf.set_font(pdf.grid_font, "B", 10)
        title = titles.get(question, "")
        _para(pdf, 6, t(f"Question {number}" + (f" — {title}" if title else "")))
        criteria = list(dict.fromkeys(line["criterion"] for line in lines if line["criterion"]))
        if criteria:
            pdf.set_font(pdf.grid_font, "", 8)
            _para(pdf, 4.5, t("Critère de performance : " + " · ".join(criteria)))
        pdf.set_font(pdf.grid_font, "", 8.5)
        widths = (52, *([12] * len(levels))) if doc["grid_type"] == "ti-ts" else (24, *([19] * len(levels)))
        with pdf.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=4.5,
            padding=1,
            headings_style=FontFace(emphasis="BOLD", fill_color=GREY),
        ) as table:
            heading = table.row()
            first = "Compétence opérationnelle" if doc["grid_type"] == "ti-ts" else "Ligne"
            heading.cell(t(first))
            for code, label in doc["levels"].items():
                heading.cell(t(code if doc["grid_type"] == "ti-ts" else label), align="C")
            for line in lines:
                row = table.row()
                row.cell(t(line["text"] or line["id"]))
                for index, code in enumerate(levels):
                    descriptor = line["levels"][index] if index < len(line["levels"]) else ""
                    chosen = line["level"] == code
                    text = ("X " if chosen else "") + descriptor if descriptor else ("X" if chosen else "")
                    row.cell(
                        t(text),
                        align="L" if descriptor else "C",
                        style=FontFace(emphasis="BOLD", fill_color=GREY) if chosen else None,
                    )
                if line["note"]:
                    note = table.row()
                    note.cell(t(f"Observation : {line['note']}"), colspan=len(levels) + 1)
        pdf.ln(2)


def _footer_blocks(pdf: GridPDF, doc: dict[str, Any]) -> None:
    t = pdf.text_of
    pdf.set_font(pdf.grid_font, "", 9)
    appreciation = t(doc["appreciation"] or "—")
    lines = len(pdf.multi_cell(0, 5, appreciation, dry_run=True, output="LINES", padding=1.5))
    # Appreciation, mark and signature box stay together: a signature never lands alone on a page.
    _keep_with_next(pdf, 6 + 5 * min(lines, 20) + 5 + 10 + 8 + 36)
    pdf.set_font(pdf.grid_font, "B", 10)
    pdf.cell(0, 6, t("Appréciation globale"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.grid_font, "", 9)
    _para(pdf, 5, appreciation, border=1, padding=1.5)
    pdf.ln(2)
    mark = format_mark(Decimal(doc["mark"])) if doc["mark"] is not None else "……"
    pdf.set_font(pdf.grid_font, "B", 12)
    pdf.cell(0, 8, t(f"Note proposée : {mark} / 20"), border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(pdf.grid_font, "", 9)
    signed_at = _parse_dt(doc["signed_at"])
    examiner = doc["signed_by_name"] or doc["slot"]["examiner"]
    signature = f"signée le {format_datetime(signed_at)}" if signed_at else "grille non signée"
    _para(pdf, 5, t(f"Examinateur : {examiner} — {signature}"))
    _signature_box(pdf)
    if doc["audit"]:
        _audit(pdf, doc["audit"])


def _signature_box(pdf: GridPDF) -> None:
    """An empty framed box for the examiner's handwritten signature (the on-screen one is not enough)."""
    pdf.ln(1)
    top = pdf.get_y()
    pdf.set_font(pdf.grid_font, "", 8)
    label = pdf.text_of("Signature manuscrite de l'examinateur :")
    pdf.cell(0, 5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.rect(pdf.l_margin, top, pdf.epw / 2, 28)
    pdf.set_y(top + 30)


AUDIT_HEADINGS = ("Date", "Par", "Élément modifié", "Avant", "Après", "Motif")


def _audit(pdf: GridPDF, audit: list[dict[str, Any]]) -> None:
    """Every change made after signing, with French labels (never internal field names)."""
    t = pdf.text_of
    _keep_with_next(pdf, 25)
    pdf.set_font(pdf.grid_font, "B", 9)
    _para(pdf, 5, t("Modifications après signature"))
    pdf.set_font(pdf.grid_font, "", 7.5)
    with pdf.table(
        col_widths=(18, 16, 36, 17, 17, 26),
        text_align="LEFT",
        line_height=4,
        padding=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=GREY),
    ) as table:
        heading = table.row()
        for label in AUDIT_HEADINGS:
            heading.cell(t(label))
        for change in audit:
            row = table.row()
            for value in (
                format_datetime(_parse_dt(change["at"])).replace(" ", " à "),
                change["who"],
                change.get("label", change["field"]),
                change.get("before_label", change["before"]),
                change.get("after_label", change["after"]),
                change["reason"],
            ):
                row.cell(t(value))


def grid_pdf(doc: dict[str, Any]) -> bytes:
    """The PDF of one filled grid (doc = grading.services.evidence.grid_document)."""
    session = doc["session"]
    pdf = GridPDF(
        f"{session['centre']} — {session['academie']} — session du "
        f"{format_date(date.fromisoformat(session['date']))}"
    )
    pdf.set_title(pdf.text_of(f"Grille E5 — {doc['candidate']['number']}"))
    pdf.set_creator("E5 Sandbox")
    pdf.add_page()
    _header(pdf, doc)
    if doc["lines"]:
        _lines(pdf, doc)
    _footer_blocks(pdf, doc)
    return bytes(pdf.output())
