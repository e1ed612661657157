"""Preparing a subject template and creating seats from it: named objects, clock, files, determinism."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from sandbox.clock import seat_today
from sandbox.db.dump import dump_digest
from sandbox.db.storage import storage_for
from sandbox.models import ActivityEvent, Customer, Media, Order, OrderHistory, Product, get_setting
from sandbox.seats import get_seat
from sandbox.subjects.prepare import list_prepared, prepare_subject
from sandbox.subjects.store import read_sheet, read_subject
from tests.subjects.conftest import SUBJECTS, seat_session


def test_seat_holds_the_subject_its_named_objects_and_its_clock(data, prepared):
    seat = prepared("ln-boutique-a", day=date(2027, 5, 20))
    assert seat.template == "subject-ln-boutique-a-2027-05-20"
    assert seat.subject == get_seat(data, "poste-a").subject == "ln-boutique-a"
    with seat_session(data, "poste-a") as db:
        assert seat_today(db) == date(2027, 5, 20)
        subject = read_subject(db)
        assert subject.objects["parure"] == {
            "type": "Product",
            "id": db.scalar(select(Product.id).where(Product.reference == "PARURE-CHEVRONS")),
        }
        parure = db.get(Product, subject.objects["parure"]["id"])
        assert (parure.active, parure.description, parure.combinations, parure.price_ht) == (False, "", [], 0)
        assert [c.name for c in parure.categories] == ["Accueil"] and parure.images
        order = db.get(Order, subject.objects["expediee"]["id"])
        assert order.reference == "TRZPLMQAE" and order.state.code == "shipped"
        assert [(h.state.code, h.created_at) for h in order.history] == [
            ("awaiting_transfer", datetime(2027, 5, 14, 20, 41)),
            ("payment_accepted", datetime(2027, 5, 15, 9, 40)),
            ("shipped", datetime(2027, 5, 17, 11, 30)),
        ]
        assert (
            order.total_ttc
            == sum(line.unit_price_ttc * line.quantity for line in order.lines) + order.shipping_ttc
        )
        customer = db.get(Customer, subject.objects["prieure"]["id"])
        assert (customer.company, customer.default_group.name) == (
            "Maison d'hôtes Le Prieuré",
            "Professionnels",
        )
        assert db.scalar(select(Media).where(Media.filename == "bandeau-maison-flandre.jpg")).width > 0
        # Preparing is not the candidate's activity.
        assert db.scalar(select(func.count()).select_from(ActivityEvent)) == 0


def test_candidate_sheet_is_rendered_once_with_relative_dates(data, prepared):
    prepared("ln-boutique-a", day=date(2027, 6, 15))
    with seat_session(data, "poste-a") as db:
        sheet = read_sheet(db)
        assert get_setting(db, "clock.today") == "2027-06-15"
    assert [q["id"] for q in sheet["questions"]] == ["q1", "q2", "q3", "q4", "q5"]
    assert "22/06/2027" in sheet["mise_en_situation_html"]  # {{ today+7 }}
    assert "Inventaire du 14/06/2027" in sheet["questions"][2]["html"]  # {{ today-1 }}
    assert '<td class="num">189,90 €</td>' in sheet["annexes"][1]["html"]
    assert sheet["files"][0]["filename"] == "bandeau-maison-flandre.jpg"
    assert "grid" not in sheet and "observables" not in str(sheet)


def test_same_subject_and_date_give_the_same_rows(data):
    first = prepare_subject(data, SUBJECTS / "ln-boutique-c", date(2027, 5, 20))
    storage = storage_for(data)
    digest = dump_digest(storage.engine("templates", first))
    storage.dispose("templates", first)
    again = prepare_subject(data, SUBJECTS / "ln-boutique-c", date(2027, 5, 20))
    assert again == first
    assert dump_digest(storage.engine("templates", again)) == digest
    storage.dispose("templates", again)
    other = prepare_subject(data, SUBJECTS / "ln-boutique-c", date(2027, 5, 27))
    assert other == "subject-ln-boutique-c-2027-05-27"
    assert [i.name for i in list_prepared(data)] == [first, other]


def test_reset_keeps_the_subject(data, prepared):
    from sandbox.seats import reset_seat

    prepared("ln-boutique-b")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        plaid = db.get(Product, subject.objects["plaid"]["id"])
        plaid.name = "Changé"
        db.commit()
    reset_seat(data, "poste-a")
    with seat_session(data, "poste-a") as db:
        assert db.get(Product, subject.objects["plaid"]["id"]).name == "Plaid hôtelier en lin gaufré"
        assert len(db.get(Product, subject.objects["plaid"]["id"]).images) == 3
        assert (
            db.scalar(
                select(func.count())
                .select_from(OrderHistory)
                .where(OrderHistory.order_id == subject.objects["virement"]["id"])
            )
            == 1
        )
    assert get_seat(data, "poste-a").subject == "ln-boutique-b"
