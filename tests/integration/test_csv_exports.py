"""Spreadsheet (CSV) injection: a cell a user typed never runs as a formula, in every CSV export."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from sandbox.models import Customer
from sandbox.spreadsheet import csv_text, safe_cell
from tests.integration.shop_admin_helpers import ADMIN, login, seat_db

ROOT = Path(__file__).resolve().parents[2]
DANGEROUS = ["=HYPERLINK(\"http://x\";\"clic\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_formula_starts_are_neutralised():
    for value in DANGEROUS:
        assert safe_cell(value) == "'" + value
    assert safe_cell("Léa =Roux") == "Léa =Roux"


def test_numbers_stay_numbers():
    assert safe_cell(-12) == "-12" and safe_cell(Decimal("-3.50")) == "-3,50"
    assert safe_cell("-12,5") == "-12,5" and safe_cell("+4 %") == "+4 %"


def test_csv_text_neutralises_every_cell():
    body = csv_text(["Nom"], [[value] for value in DANGEROUS])
    lines = body.lstrip("\ufeff").split("\r\n")
    assert all(line.startswith(("'", "\"'")) for line in lines[1:-1])


def test_every_csv_export_uses_the_one_writer():
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    sources = [p for folder in ("sandbox", "grading") for p in (ROOT / folder).rglob("*.py")]
    offenders = [str(p.relative_to(ROOT)) for p in sources
                 if writers.search(p.read_text(encoding="utf-8")) and p.name != "spreadsheet.py"]
    assert offenders == []


def test_gdpr_export_of_a_formula_name(data, seat, client):
    db = seat_db(data, seat.name)
    customer = db.scalars(select(Customer).where(Customer.is_guest.is_(False)).order_by(Customer.id)).first()
    customer.first_name = "=HYPERLINK(\"http://pirate.example\";\"Voir\")"
    db.commit()
    cid = customer.id
    db.close()
    login(client, seat)
    body = client.get(f"{ADMIN.format(seat=seat.name)}/clients/{cid}/rgpd/export.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body and ";=HYPERLINK" not in body


def test_newsletter_export_of_a_formula_name(data, seat):
    from sandbox.models import Subscriber
    from sandbox.services.newsletter import export_csv

    db = seat_db(data, seat.name)
    db.scalars(select(Subscriber).order_by(Subscriber.id)).first().name = "@SUM(1+1)*cmd"
    db.flush()
    assert ";'@SUM(1+1)*cmd;" in export_csv(db)
    db.close()


def test_marks_csv_of_a_formula_name():
    from datetime import datetime

    from grading.exports.marks_csv import marks_csv
    from grading.services.marks import MarkRow

    fields = MarkRow.__dataclass_fields__
    values = {name: None for name in fields}
    values.update(number="0001", last_name="-cmd|' /C calc'!A0", first_name="Léa", commission="A",
                  starts_at=datetime(2027, 5, 20, 9), examiner="M. X", subject="S", mark=None,
                  signed_by="", accommodation="")
    body = marks_csv([MarkRow(**values)]).decode("utf-8-sig")
    assert ";'-cmd|" in body
