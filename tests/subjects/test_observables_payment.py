"""Check types of payment: a method's state and details, its restrictions by group and carrier."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.clock import seat_today
from sandbox.models import Carrier, CustomerGroup, get_setting
from sandbox.services import payment as payments
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.integration.shop_admin_helpers import seat_db


def run(db, entry: dict):
    clean, problems = validate_observable(entry, file="grid.toml", where="lines[0]", names={})
    assert problems == []
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def test_method_state_and_details(seat, data):
    with seat_db(data, seat.name) as db:
        iban = get_setting(db, "payment.wire.iban")
        seen = run(db, {"check": "payment.method", "method": "wire", "active": True,
                        "iban": iban.replace(" ", "").lower()})
        assert seen.ok is True and seen.sentence.startswith("Virement bancaire : activé, IBAN")
        payments.set_enabled(db, "wire", False)
        payments.configure_wire(db, {"owner": "Lin et Nature", "iban": "FR7630006000011234567890189",
                                     "bic": "AGRIFRPP"})
        miss = run(db, {"check": "payment.method", "method": "wire", "active": True, "bic": "CMCIFRPP",
                        "iban": "FR76 3000 6000 0112 3456 7890 189"})
        assert miss.ok is False
        assert miss.sentence.endswith("— attendu : activé ; BIC « CMCIFRPP »")
        assert run(db, {"check": "payment.method", "method": "cheque"}).ok is None
        db.rollback()


def test_restriction_by_group_and_carrier(seat, data):
    with seat_db(data, seat.name) as db:
        entry = {"check": "payment.restriction", "method": "wire", "group": "Professionnels",
                 "allowed": False}
        before = run(db, entry)
        assert before.ok is False and "proposé pour le groupe « Professionnels »" in before.sentence
        pro = db.scalar(select(CustomerGroup).where(CustomerGroup.name == "Professionnels"))
        every = set(db.scalars(select(CustomerGroup.id)))
        payments.set_restriction(db, "wire", "groups", every - {pro.id}, every)
        assert run(db, entry).ok is True
        carrier = db.scalar(select(Carrier).where(Carrier.deleted.is_(False)).order_by(Carrier.id))
        payments.set_restriction(db, "cheque", "carriers", set(), {carrier.id})
        entry = {"check": "payment.restriction", "method": "cheque", "carrier": carrier.name, "allowed": True}
        seen = run(db, entry)
        assert seen.ok is False and "Chèque non proposé" in seen.sentence
        db.rollback()
