"""Spare seat databases on PostgreSQL (sandbox/db/pg_spares.py): a seat made or reset from a spare is the
template's copy, a spare of an older template is never handed out, two creates never share one, and spares are
made at once where they matter (a subject just prepared, a server starting)."""

from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session

from grading.cli import cli
from sandbox.db import pg_spares
from sandbox.db.dump import canonical_dump
from sandbox.db.storage import storage_for
from sandbox.models import get_setting, set_setting
from sandbox.seats import create_seat, default_template, get_seat, reset_seat
from tests.conftest import POSTGRES
from tests.grading.http_client import Client, free_port, start_server

pytestmark = pytest.mark.skipif(not POSTGRES, reason="spares exist on PostgreSQL only (test.sh --postgres)")

# Rows that personalisation writes (the candidate's accounts, the seat's name and session epoch).
PERSONAL = ("employee\t[1,", "site_user\t[1,", 'setting\t["seat.')


@pytest.fixture
def spares(data, monkeypatch):
    """The test's data folder with two spares of its template, made ahead."""
    monkeypatch.setenv(pg_spares.ENV, "2")
    storage = storage_for(data)
    template = storage._resolve("templates", default_template(data))
    assert pg_spares.fill(storage, template) == 2
    return storage, template


def _spares(storage) -> dict[str, int]:
    with storage.admin.connect() as conn:
        return dict(conn.execute(text("SELECT datname, oid FROM pg_database WHERE left(datname, :n) = :s"),
                                 {"n": len(storage.prefix) + 3, "s": f"{storage.prefix}_p_"}).all())


def _oid(storage, kind: str, name: str) -> int:
    with storage.admin.connect() as conn:
        return conn.execute(text("SELECT oid FROM pg_database WHERE datname = :n"),
                            {"n": storage.database_name(kind, name)}).scalar()


def _content(storage, kind: str, name: str) -> list[str]:
    return [line for line in canonical_dump(storage.engine(kind, name)) if not line.startswith(PERSONAL)]


def _until(check, seconds: float = 300):
    """Poll ``check`` until it answers something true (bounded: a machine under load is slow, not wrong)."""
    deadline = time.monotonic() + seconds
    while not (answer := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return answer


def test_a_seat_is_a_spare_renamed_with_the_templates_data_and_the_spare_is_replaced(spares, data):
    storage, template = spares
    before = _spares(storage)
    seat = create_seat(data, "poste-a")
    assert _oid(storage, "seats", "poste-a") in before.values()  # the very database made ahead
    assert storage.names("seats") == ["poste-a"]  # spares are never listed as seats
    assert storage.read_setting("seats", "poste-a", "seat.name") == "poste-a"
    assert get_seat(data, "poste-a").login == seat.login and seat.login
    assert _content(storage, "seats", "poste-a") == _content(storage, "templates", seat.template)
    storage.spares.join(120)
    assert len(_spares(storage)) == 2  # refilled behind the seat


def test_a_reset_takes_a_spare_and_forgets_the_seats_changes(spares, data):
    storage, _ = spares
    storage.spares.join(120)
    seat = create_seat(data, "poste-a")
    storage.spares.join(120)
    with Session(storage.engine("seats", "poste-a")) as db, db.begin():
        set_setting(db, "shop.name", "Boutique modifiée")
    before = _spares(storage)
    reset_seat(data, "poste-a")
    assert _oid(storage, "seats", "poste-a") in before.values()
    with Session(storage.engine("seats", "poste-a")) as db:
        assert get_setting(db, "shop.name") != "Boutique modifiée"
        assert get_setting(db, "seat.name") == "poste-a"
    assert _content(storage, "seats", "poste-a") == _content(storage, "templates", seat.template)


def test_a_spare_of_a_template_prepared_again_is_never_handed_out(spares, data):
    storage, _ = spares
    name = default_template(data)
    storage.copy("templates", name, "templates", name)  # the folder's own template (tests read a library's)
    assert pg_spares.fill(storage, storage.database_name("templates", name)) == 2
    stale = _spares(storage)
    storage.copy("templates", name, "templates", name)  # prepared again: a new database, same name
    with Session(storage.engine("templates", name)) as db, db.begin():
        set_setting(db, "shop.name", "Nouvelle préparation")
    storage.dispose("templates", name)
    create_seat(data, "poste-a")
    assert _oid(storage, "seats", "poste-a") not in stale.values()
    with Session(storage.engine("seats", "poste-a")) as db:
        assert get_setting(db, "shop.name") == "Nouvelle préparation"
    storage.spares.join(120)
    assert not set(_spares(storage)) & set(stale)  # the refill dropped them


def _together(*actions):
    """Run the actions in threads released at the same instant; their answers in order."""
    start, answers = threading.Barrier(len(actions)), [None] * len(actions)

    def run(n: int) -> None:
        start.wait()
        answers[n] = actions[n]()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_creates_taking_the_last_spare_together_never_get_the_same(spares, data):
    storage, template = spares
    storage.spares.join(120)
    for round_ in range(3):  # the rename is the claim: exactly one of two wins the last spare
        pg_spares.drop_all(storage)
        pg_spares.fill(storage, template, 1)
        names = [f"r{round_}-{n}" for n in range(2)]
        won = _together(*[lambda n=n: pg_spares.take(storage, template, storage.database_name("seats", n), n)
                          for n in names])
        assert sorted(won) == [False, True]
    pg_spares.fill(storage, template, 1)
    storage.closed = True  # no refill in the background while two seats are made together
    made = _together(lambda: create_seat(data, "poste-0"), lambda: create_seat(data, "poste-1"))
    assert [seat.name for seat in made] == ["poste-0", "poste-1"]
    assert _oid(storage, "seats", "poste-0") != _oid(storage, "seats", "poste-1")
    for n in range(2):
        assert storage.read_setting("seats", f"poste-{n}", "seat.name") == f"poste-{n}"


def test_removing_a_template_drops_its_spares_and_destroy_drops_them_all(spares, data):
    storage, template = spares
    storage.spares.join(120)
    name = default_template(data)
    storage.copy("templates", name, "templates", name)  # the folder's own template (tests read a library's)
    own = storage.database_name("templates", name)
    pg_spares.fill(storage, own)
    assert len(_spares(storage)) == 2  # the library template's spares are stale now: dropped
    storage.remove("templates", name)
    assert _spares(storage) == {}
    assert pg_spares.fill(storage, template) == 2  # the library's template is read again
    storage.destroy()
    assert _spares(storage) == {}


def test_a_subject_just_prepared_has_its_spares_before_its_first_seat(data, monkeypatch):
    monkeypatch.setenv(pg_spares.ENV, "2")
    storage, runner = storage_for(data), CliRunner()
    prepared = runner.invoke(cli, ["--data", str(data), "subject", "prepare", "subjects/ln-boutique-a",
                                   "--date", "2027-06-15"])
    assert prepared.exit_code == 0, prepared.output
    name = "subject-ln-boutique-a-2027-06-15"
    spares = _spares(storage)  # made before the command ended, not left to a thread it would cut off
    assert len(spares) == 2
    made = runner.invoke(cli, ["--data", str(data), "seat", "create", "poste-a", "--template", name])
    assert made.exit_code == 0, made.output
    assert _oid(storage, "seats", "poste-a") in spares.values()  # the first seat is a spare renamed
    assert _content(storage, "seats", "poste-a") == _content(storage, "templates", name)


def test_a_server_starting_makes_the_spares_of_the_templates_its_seats_use(data, monkeypatch, tmp_path):
    storage = storage_for(data)
    create_seat(data, "poste-a")  # spares off (tests/conftest.py): a full copy, nothing made ahead
    assert _spares(storage) == {}
    monkeypatch.setenv(pg_spares.ENV, "2")
    port = free_port()
    server = start_server(data, port, threads=8, log=tmp_path / "serve.log")
    try:
        assert Client(port).get("/s/poste-a/").status == 200  # served while the spares are being made
        spares = _until(lambda: found if len(found := _spares(storage)) == 2 else None)
    finally:
        server.terminate()
        server.wait(30)
    assert spares, (tmp_path / "serve.log").read_text(encoding="utf-8")
    reset_seat(data, "poste-a")  # the first reset after the restart takes one
    assert _oid(storage, "seats", "poste-a") in spares.values()
