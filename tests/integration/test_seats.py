"""Seats: copies of the template, isolated, reset by copy, each with its own credentials."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import Employee, Product, get_setting
from sandbox.seats import SeatError, create_seat, get_seat, list_seats, remove_seat, reset_seat
from sandbox.security import check_password


def _product_price(data, seat_name: str) -> Decimal:
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        return db.get(Product, 1).price_ht


def _set_price(data, seat_name: str, price: Decimal) -> None:
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        db.get(Product, 1).price_ht = price
        db.commit()


def test_each_seat_is_its_own_copy(data):
    create_seat(data, "poste-a")
    create_seat(data, "poste-b")
    original = _product_price(data, "poste-b")
    _set_price(data, "poste-a", Decimal("1.5"))
    assert _product_price(data, "poste-a") == Decimal("1.5")
    assert _product_price(data, "poste-b") == original


def test_each_seat_has_its_own_password(data):
    a, b = create_seat(data, "poste-a"), create_seat(data, "poste-b")
    assert a.password != b.password
    with Session(storage_for(data).engine("seats", "poste-b")) as db:
        stored = db.get(Employee, 1).password_hash
    assert check_password(stored, b.password) and not check_password(stored, a.password)


def test_reset_restores_the_template_and_keeps_the_credentials(data):
    seat = create_seat(data, "poste-a")
    original = _product_price(data, "poste-a")
    with Session(storage_for(data).engine("seats", "poste-a")) as db:
        epoch = get_setting(db, "seat.epoch")
    _set_price(data, "poste-a", Decimal("2"))
    again = reset_seat(data, "poste-a")
    assert _product_price(data, "poste-a") == original
    assert again.password == seat.password
    with Session(storage_for(data).engine("seats", "poste-a")) as db:
        assert get_setting(db, "seat.epoch") != epoch
        assert check_password(db.get(Employee, 1).password_hash, seat.password)


def test_list_and_remove(data):
    create_seat(data, "poste-a")
    create_seat(data, "poste-b")
    assert [s.name for s in list_seats(data)] == ["poste-a", "poste-b"]
    remove_seat(data, "poste-a")
    assert [s.name for s in list_seats(data)] == ["poste-b"]
    with pytest.raises(SeatError, match="n'existe pas"):
        get_seat(data, "poste-a")


@pytest.mark.parametrize("name", ["Poste A", "../x", "", "a" * 41, "poste_1"])
def test_bad_seat_names_are_refused_in_french(data, name):
    with pytest.raises(SeatError, match="invalide"):
        create_seat(data, name)


def test_a_seat_cannot_be_created_twice(data):
    create_seat(data, "poste-a")
    with pytest.raises(SeatError, match="existe déjà"):
        create_seat(data, "poste-a")
