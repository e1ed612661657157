"""PostgreSQL connections of a server process: kept per seat and reused, bounded in number, and never in the
way of another server that resets or copies the seat (sandbox.db.pg_engines). PostgreSQL run only."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from sandbox.db.storage import PostgresStorage, storage_for
from sandbox.models import get_setting, set_setting
from sandbox.seats import create_seat, reset_seat
from tests.conftest import POSTGRES

pytestmark = pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL run (test.sh --postgres)")


def _backends(storage, kind: str = "seats") -> dict[str, list[int]]:
    """Server processes connected to this folder's databases of one kind, per database."""
    start = storage.database_name(kind, "")
    with storage.admin.connect() as conn:
        rows = conn.execute(text("SELECT datname, pid FROM pg_stat_activity WHERE left(datname, :n) = :s"),
                            {"n": len(start), "s": start}).all()
    found: dict[str, list[int]] = {}
    for database, pid in rows:
        found.setdefault(database, []).append(pid)
    return found


def _other_server(data) -> PostgresStorage:
    """The storage of a second server process on the same data folder (its own engines and connections)."""
    mine = storage_for(data)
    return PostgresStorage(mine.data, mine.url.render_as_string(hide_password=False), mine.prefix)


@pytest.fixture
def seats(data):
    return [create_seat(data, f"poste-{n}") for n in range(4)]


def test_pages_of_a_seat_reuse_one_connection_and_seats_kept_connected_are_bounded(data, seats, client,
                                                                                  monkeypatch):
    storage = storage_for(data)
    monkeypatch.setattr(storage._seats, "max_open", 2)  # a small académie server
    first = seats[0]
    for _ in range(3):
        assert "Lin" in client.get(f"/s/{first.name}/boutique/").get_data(as_text=True)
    database = storage.database_name("seats", first.name)
    kept = _backends(storage)[database]
    assert len(kept) == 1  # one server process for three pages, kept between them
    client.get(f"/s/{first.name}/boutique/")
    assert _backends(storage)[database] == kept
    for seat in seats[1:]:
        assert client.get(f"/s/{seat.name}/boutique/").status_code == 200
    connected = _backends(storage)
    assert sum(len(pids) for pids in connected.values()) <= 2  # the least recently used seats let go
    assert database not in connected


def test_a_seat_reset_by_another_server_is_read_at_once_by_this_one(data, seats):
    other = _other_server(data)
    seat = seats[0]
    try:
        with Session(other.engine("seats", seat.name)) as db, db.begin():
            before = get_setting(db, "shop.name")
            set_setting(db, "shop.name", "Boutique changée")
        assert len(_backends(other)[other.database_name("seats", seat.name)]) == 1  # kept by the other
        reset_seat(data, seat.name)  # this server swaps the database: the other's session is ended
        with Session(other.engine("seats", seat.name)) as db:
            assert get_setting(db, "shop.name") == before  # a dead kept connection is replaced, not used
    finally:
        other._seats.clear()


def test_a_seat_kept_connected_by_another_server_can_still_be_copied(data, seats):
    other = _other_server(data)
    storage = storage_for(data)
    seat = seats[1]
    try:
        with Session(other.engine("seats", seat.name)) as db:
            get_setting(db, "shop.name")
        assert _backends(other).get(other.database_name("seats", seat.name))
        storage.copy("seats", seat.name, "templates", "copie-du-poste")  # as the studio's model answer does
        assert storage.exists("templates", "copie-du-poste")
        with Session(other.engine("seats", seat.name)) as db:
            assert get_setting(db, "shop.name")  # the other server reconnects when next asked
    finally:
        other._seats.clear()
        storage.remove("templates", "copie-du-poste")


def test_a_seat_read_by_a_stream_during_its_page_keeps_both_connections(data, seats):
    # A console stream woken by a candidate's commit reads the seat while the redirected page does: the
    # second connection is kept for the next change, not opened and closed each time (bench_academie).
    engine = storage_for(data).engine("seats", seats[2].name)

    def overlapping() -> set[int]:
        with engine.connect() as page, engine.connect() as stream:
            return {conn.exec_driver_sql("SELECT pg_backend_pid()").scalar() for conn in (page, stream)}

    first = overlapping()
    assert len(first) == 2
    assert overlapping() == first
    with engine.connect() as alone:  # one at a time: one connection is enough
        assert alone.exec_driver_sql("SELECT pg_backend_pid()").scalar() in first
