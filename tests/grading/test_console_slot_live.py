"""The slot console's stream on the real default context and a shipped subject: history, activity grouped
by question, observables recomputed after a candidate's change, grid and timer changes, resuming."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session

from grading.app import create_app
from grading.cli import cli
from grading.console.slot_stream import parse_cursors, slot_stream
from grading.demo import DEMO_SUBJECT, demo_day
from grading.models import Slot
from grading.services import grids, timers
from grading.services.store import reading
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import Customer
from sandbox.seats import reset_seat
from sandbox.services.customer_notes import set_private_note
from sandbox.subjects.store import read_subject

MOMENT = datetime(2027, 5, 20, 14, 0)


@pytest.fixture
def day(data):
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    return demo_day(data, DEMO_SUBJECT, MOMENT)


def _places(data: Path, slot_id: int) -> list[tuple[int, str, int]]:
    with reading(data) as db:
        return [(p.id, p.seat_name, p.sheet.id) for p in db.get(Slot, slot_id).seats]


def _parse(text: str) -> tuple[str | None, str, dict | None]:
    """(id, event, data) of one SSE message."""
    fields = dict(line.split(": ", 1) for line in text.strip().splitlines() if ": " in line)
    return fields.get("id"), fields.get("event", ""), json.loads(fields["data"]) if "data" in fields else None


def _read(stream, count: int) -> list[tuple[str | None, str, dict | None]]:
    out = []
    while len(out) < count:
        text = next(stream)
        if text.startswith(("retry", ":")):
            continue
        out.append(_parse(text))
    return out


def _write_note(data: Path, seat: str, text: str) -> None:
    with Session(storage_for(data).engine("seats", seat)) as db:
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        objects = read_subject(db).objects
        set_private_note(db, db.get(Customer, objects["prieure"]["id"]), text)
        db.commit()


def test_a_change_without_activity_refreshes_the_observables(data, day):
    """A write that records no event (a draft discarded with « Ignorer ») still moves the observables."""
    places = _places(data, day.slot_id)
    first, seat, _sheet = places[0]
    with create_app(data, TESTING=True).test_request_context():
        stream = slot_stream(data, day.slot_id, [(p, s) for p, s, _ in places], {}, stop_after=20)
        start = _read(stream, 9)
        observed = next(d for _, k, d in start if k == "observations" and d["place"] == first)
        assert observed["lines"]["q5-note"][0]["verdict"] == "✗ non constaté"
        engine = storage_for(data).engine("seats", seat)
        with Session(engine) as db:
            customer = read_subject(db).objects["prieure"]["id"]
        with engine.begin() as conn:  # plain SQL: the activity recorder sees no change, no event
            note = "Souhaite la visite de M. Descamps pour la collection Maison Flandre."
            conn.execute(text("UPDATE customer SET note = :n WHERE id = :id"), {"n": note, "id": customer})
        (_, kind, refreshed), = _read(stream, 1)
        assert kind == "observations" and refreshed["place"] == first
        assert refreshed["lines"]["q5-note"][0]["verdict"] == "✓ constaté"


def test_the_stream_groups_activity_and_refreshes_observables_timers_and_grids(data, day):
    places = _places(data, day.slot_id)
    (first, seat, sheet), others = places[0], places[1:]
    app = create_app(data, TESTING=True)
    with app.test_request_context():
        stream = slot_stream(data, day.slot_id, [(p, s) for p, s, _ in places], {}, stop_after=20)
        start = _read(stream, 9)  # for each seat: observations; then a timer and a grid per candidate
        kinds = sorted(kind for _, kind, _ in start)
        assert kinds == ["grid"] * 3 + ["observations"] * 3 + ["timer"] * 3
        observed = next(d for _, k, d in start if k == "observations" and d["place"] == first)
        assert observed["lines"]["q5-note"][0]["verdict"] == "✗ non constaté"
        assert {d["state"] for _, k, d in start if k == "timer"} == {"not-started"}

        _write_note(data, seat, "Souhaite la visite de M. Descamps pour la collection Maison Flandre.")
        (event_id, kind, activity), (_, kind2, refreshed) = _read(stream, 2)
        assert (kind, kind2) == ("activity", "observations")
        assert activity["place"] == first and activity["question"] == "q5"
        assert "Deschamps" in activity["summary"]
        assert refreshed["lines"]["q5-note"][0]["verdict"] == "✓ constaté"
        assert "Agathe Deschamps" in refreshed["lines"]["q5-note"][0]["sentence"]

        grids.set_level(data, sheet, "q5-note", "TS", 0, "Mme Examinatrice")
        timers.start(data, others[0][0], "Mme Examinatrice")
        messages = {kind: payload for _, kind, payload in _read(stream, 2)}
        assert messages["grid"]["place"] == first and messages["grid"]["lines"]["q5-note"]["level"] == "TS"
        assert messages["timer"]["place"] == others[0][0] and messages["timer"]["state"] == "running"
        assert messages["timer"]["remaining"] > 39 * 60

        # A reconnection sends the state again but no activity already seen.
        resumed = slot_stream(data, day.slot_id, [(p, s) for p, s, _ in places], parse_cursors(event_id),
                              stop_after=1)
        again = [_parse(t) for t in resumed if not t.startswith(("retry", ":"))]
        assert "activity" not in {kind for _, kind, _ in again}
        assert sorted(kind for _, kind, _ in again).count("grid") == 3


def test_a_reset_seat_is_followed_from_its_fresh_start(data, day):
    """After a seat reset, its new events (numbered from the start again) reach an open console, which is
    told first to clear the seat's column; a reconnection with the old cursor does the same."""
    places = _places(data, day.slot_id)
    first, seat, _sheet = places[0]
    with create_app(data, TESTING=True).test_request_context():
        stream = slot_stream(data, day.slot_id, [(p, s) for p, s, _ in places], {}, stop_after=20)
        _read(stream, 9)
        _write_note(data, seat, "Premier essai avant la remise à zéro.")
        _write_note(data, seat, "Second essai avant la remise à zéro.")
        before = [m for m in _read(stream, 3) if m[1] == "activity"]
        old_cursor = before[-1][0]
        reset_seat(data, seat)
        _write_note(data, seat, "Après la remise à zéro : collection Maison Flandre.")
        seen = []
        while not any(kind == "activity" for _, kind, _ in seen):
            seen += _read(stream, 1)
        kinds = [kind for _, kind, _ in seen]
        assert kinds.index("reset") < kinds.index("activity")
        assert next(d for _, k, d in seen if k == "reset") == {"place": first}
        assert "Après la remise à zéro" in next(d for _, k, d in seen if k == "activity")["summary"]
        resumed = slot_stream(data, day.slot_id, [(p, s) for p, s, _ in places], parse_cursors(old_cursor),
                              stop_after=1)
        again = [_parse(t) for t in resumed if not t.startswith(("retry", ":"))]
        kinds = [kind for _, kind, _ in again]
        assert kinds.index("reset") < kinds.index("activity")
        assert "Après la remise à zéro" in next(d for _, k, d in again if k == "activity")["summary"]


def test_demo_day_is_idempotent(data, day):
    again = demo_day(data, DEMO_SUBJECT, MOMENT.replace(hour=16))
    assert again.slot_id == day.slot_id
    assert [p.seat.password for p in again.places] == [p.seat.password for p in day.places]
    with reading(data) as db:
        slot = db.get(Slot, day.slot_id)
        assert slot.session.date == date(2027, 5, 20) and len(slot.session.candidates) == 3
        assert len(slot.session.slots) == 1 and slot.subject_letter == "A"
    assert len(day.places) == 3 and all(p.seat.url() == f"/s/{p.seat.name}/" for p in day.places)


def test_e5_demo_prints_the_exam_day_and_finds_it_again(data):
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    first = CliRunner().invoke(cli, ["--data", str(data), "demo", "--no-serve", "--port", "8123"])
    assert first.exit_code == 0, first.output
    for expected in ("Console : http://127.0.0.1:8123/console/", "administrateur : admin / ",
                     "examinateur : examinateur / ", "— sujet A : http://127.0.0.1:8123/console/creneaux/1/",
                     "Poste s1-1 (", "http://127.0.0.1:8123/s/s1-3/", "boutique : "):
        assert expected in first.output, expected
    second = CliRunner().invoke(cli, ["--data", str(data), "demo", "--no-serve", "--port", "8123"])
    assert second.exit_code == 0 and second.output == first.output
    # The centre's address, once given, is what every line prints (not the listening host and port).
    third = CliRunner().invoke(cli, ["--data", str(data), "--base-url", "http://192.168.1.10:8000", "demo",
                                     "--no-serve", "--port", "8123"])
    assert "Console : http://192.168.1.10:8000/console/" in third.stdout
    assert "http://192.168.1.10:8000/s/s1-3/" in third.stdout and "127.0.0.1" not in third.stdout
