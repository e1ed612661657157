"""The PostgreSQL storage: chosen per data folder, isolated per folder, change signals across processes.

The tests that need a server run on the PostgreSQL run (scripts/test.sh --postgres); the refusals need none.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from grading.cli import cli
from sandbox.db.storage import storage_for
from sandbox.models import get_setting, set_setting
from sandbox.seats import create_seat
from tests.conftest import POSTGRES, ROOT, notifications_arrived

postgres_only = pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL run (test.sh --postgres)")


def _e5(data, *args):
    return CliRunner().invoke(cli, ["--data", str(data), *args])


def test_a_sqlite_data_folder_refuses_a_database_server(data, monkeypatch):
    monkeypatch.delenv("E5_DATABASE", raising=False)
    storage_for(data)  # the folder's databases exist already (SQLite on the SQLite run)
    if POSTGRES:
        pytest.skip("the folder is on PostgreSQL in this run")
    refused = _e5(data, "--database", "postgresql://e5@127.0.0.1:5432/postgres", "seat", "list")
    assert refused.exit_code == 1
    assert "a déjà ses bases SQLite : utilisez un nouveau dossier (--data) pour PostgreSQL" in refused.output
    assert not (data / "database.json").exists()


def test_an_unknown_database_address_is_refused_in_french(tmp_path):
    refused = _e5(tmp_path / "new", "--database", "mysql://root@localhost/e5", "seat", "list")
    assert refused.exit_code == 1
    assert "Adresse de base de données non prise en charge : « mysql://root@localhost/e5 »" in refused.output


@postgres_only
def test_a_new_folder_records_its_server_and_keeps_everything_there(tmp_path, monkeypatch):
    monkeypatch.delenv("E5_DATABASE", raising=False)
    data = tmp_path / "new"
    made = _e5(data, "--database", POSTGRES, "admin", "create", "chef", "--password", "chef-2027-xx")
    assert made.exit_code == 0, made.output
    record = json.loads((data / "database.json").read_text(encoding="utf-8"))
    assert record["url"] == POSTGRES and record["prefix"].startswith("e5_")
    assert (data / "database.json").stat().st_mode & 0o077 == 0  # the address may hold a password
    assert not list(data.rglob("*.sqlite"))  # nothing on SQLite: the grading database is on the server
    other = _e5(data, "--database", POSTGRES.replace("127.0.0.1", "localhost"), "seat", "list")
    assert other.exit_code == 1 and "utilise déjà un autre serveur PostgreSQL" in other.output
    storage_for(data).destroy()


@postgres_only
def test_two_folders_on_one_server_never_see_each_others_seats(data, tmp_path):
    from tests.conftest import copy_data, drop_data

    other = copy_data(data, tmp_path / "other")
    try:
        create_seat(data, "poste-a")
        create_seat(other, "poste-b")
        assert storage_for(data).names("seats") == ["poste-a"]
        assert storage_for(other).names("seats") == ["poste-b"]
        assert storage_for(data).prefix != storage_for(other).prefix
    finally:
        drop_data(other)


@postgres_only
def test_a_commit_in_another_process_wakes_the_seats_change_source(data):
    seat = create_seat(data, "poste-a")
    notifications_arrived(storage_for(data), "seats", seat.name)  # the seat's creation notifies too
    key, make = storage_for(data).change_source("seats", seat.name)
    source = make()
    try:
        before = source.version()
        with Session(storage_for(data).engine("seats", seat.name)) as db:
            get_setting(db, "seat.name")  # a read sends nothing
        time.sleep(0.3)
        assert source.version() == before
        script = ("import sys; from pathlib import Path; from sqlalchemy.orm import Session\n"
                  "from sandbox.db.storage import storage_for; from sandbox.models import set_setting\n"
                  "engine = storage_for(Path(sys.argv[1])).engine('seats', 'poste-a')\n"
                  "with Session(engine) as db, db.begin():\n"
                  "    set_setting(db, 'shop.name', 'Lin & Nature (autre processus)')\n")
        subprocess.run([sys.executable, "-c", script, str(data)], check=True, cwd=ROOT, timeout=60)
        deadline = time.monotonic() + 10
        while source.version() == before and time.monotonic() < deadline:
            time.sleep(0.05)  # polled from the test: the listener thread counts the notification
        assert source.version() != before
        moved = source.version()  # before the commit: its notification may arrive before the next line
        with Session(storage_for(data).engine("seats", seat.name)) as db, db.begin():
            set_setting(db, "shop.name", "Lin & Nature")
        deadline = time.monotonic() + 10
        while source.version() == moved and time.monotonic() < deadline:
            time.sleep(0.05)
        assert source.version() != moved  # this process's own commits count too
    finally:
        source.close()
