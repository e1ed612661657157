"""Seats: copies of the template, isolated, reset by copy, each with its own credentials."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session

from grading.cli import cli
from sandbox.db import pg_spares
from sandbox.db.storage import storage_for
from sandbox.models import Employee, Product, Setting, SiteUser, get_setting
from sandbox.seats import (
    SeatError,
    create_seat,
    get_seat,
    keep_spares_ready,
    list_seats,
    remove_seat,
    reset_seat,
    seat_key,
    set_deadline,
    set_locked,
    set_practice,
)
from sandbox.security import check_password, generate_password
from tests.conftest import POSTGRES, sqlite_only
from tests.integration.shop_admin_helpers import csrf_token, login
from tests.integration.shop_admin_helpers import text as page_text
from tests.integration.site_helpers import site_login


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
    key = seat_key(data)
    assert check_password(stored, b.password, key) and not check_password(stored, a.password, key)


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
        assert check_password(db.get(Employee, 1).password_hash, seat.password, seat_key(data))


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


def _inode(data, seat_name: str) -> int:
    return storage_for(data).path("seats", seat_name).stat().st_ino


@sqlite_only  # how SQLite files are replaced under open connections
def test_an_unused_seat_is_reset_by_renaming_a_fresh_copy_over_it(data):
    seat = create_seat(data, "poste-a")
    original = _product_price(data, "poste-a")
    _set_price(data, "poste-a", Decimal("2"))
    before = _inode(data, "poste-a")
    reset_seat(data, "poste-a")  # nobody holds the seat: a new file takes its place
    assert _inode(data, "poste-a") != before
    assert _product_price(data, "poste-a") == original
    assert not list(storage_for(data).path("seats", "poste-a").parent.glob("*.tmp"))
    with Session(storage_for(data).engine("seats", "poste-a")) as db:
        assert check_password(db.get(Employee, 1).password_hash, seat.password, seat_key(data))
        assert db.execute(text("PRAGMA journal_mode")).scalar() == "wal"


@sqlite_only  # how SQLite files are replaced under open connections
def test_a_seat_open_in_another_process_is_reset_in_place_and_that_process_sees_the_reset(data):
    path = storage_for(data).path("seats", create_seat(data, "poste-a").name)
    query = "SELECT price_ht FROM product WHERE id = 1"
    with closing(sqlite3.connect(path)) as conn:
        original = conn.execute(query).fetchone()[0]
    _set_price(data, "poste-a", Decimal("2"))
    script = (f"import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); q = {query!r}\n"
              "print(c.execute(q).fetchone()[0], flush=True); sys.stdin.readline()\n"
              "print(c.execute(q).fetchone()[0], flush=True)")
    other = subprocess.Popen([sys.executable, "-c", script, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        changed = other.stdout.readline().strip()
        assert changed != str(original)
        before = _inode(data, "poste-a")
        reset_seat(data, "poste-a")  # the other connection keeps the file: copied in with the backup API
        assert _inode(data, "poste-a") == before
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == str(original)
    finally:
        other.communicate(timeout=10)


@sqlite_only  # how SQLite files are replaced under open connections
def test_a_pooled_connection_follows_the_database_file_when_it_is_replaced(data):
    # What a process that opened a seat during a reset's rename would otherwise keep: the old file.
    storage = storage_for(data)
    template = storage.path("templates", storage.names("templates")[0])
    path, fresh = storage.path("seats", "poste-a"), storage.path("seats", "fresh")
    shutil.copyfile(template, path)
    shutil.copyfile(template, fresh)
    with closing(sqlite3.connect(fresh)) as conn, conn:
        conn.execute("UPDATE product SET price_ht = 3000000 WHERE id = 1")
    assert _product_price(data, "poste-a") != Decimal("3")  # the engine now pools a connection on the file
    os.replace(fresh, path)
    assert _product_price(data, "poste-a") == Decimal("3")


def test_a_seat_password_hash_opens_nothing_without_the_data_folders_key(data, tmp_path):
    seat = create_seat(data, "poste-a")
    assert seat.password_hash.startswith("$e5seat-hmac-sha256$")
    assert not check_password(seat.password_hash, seat.password)
    assert not check_password(seat.password_hash, seat.password, seat_key(tmp_path))
    assert check_password(seat.password_hash, seat.password, seat_key(data))
    assert (data / "seat_key").stat().st_mode & 0o077 == 0


def _refused_as_read_only(client, seat, token: str) -> bool:
    """Whether the seat's back-office login form is refused with the « Poste en lecture seule » page."""
    sent = client.post(f"/s/{seat.name}/boutique/admin/login",
                       data={"csrf_token": token, "email": seat.login, "password": seat.password})
    return sent.status_code == 403 and "Poste en lecture seule" in page_text(sent.get_data(as_text=True))


def test_a_locked_seat_or_one_past_its_deadline_refuses_changes_until_released(data, client):
    seat = create_seat(data, "poste-a")
    # Read once: logged in, the login page redirects, and the session's token stays valid.
    token = csrf_token(client.get("/s/poste-a/boutique/admin/login").get_data(as_text=True))
    assert not _refused_as_read_only(client, seat, token)
    assert set_locked(data, "poste-a", True).locked is True
    assert _refused_as_read_only(client, seat, token)
    set_locked(data, "poste-a", False)
    assert not _refused_as_read_only(client, seat, token)
    set_deadline(data, "poste-a", datetime.now() - timedelta(minutes=1))  # the test's time is up
    assert _refused_as_read_only(client, seat, token)
    assert set_deadline(data, "poste-a", None).deadline == ""  # paused: no deadline any more
    assert not _refused_as_read_only(client, seat, token)
    set_deadline(data, "poste-a", datetime.now() + timedelta(hours=1))
    assert not _refused_as_read_only(client, seat, token)


def test_the_deadline_is_kept_to_the_second_and_closes_the_seat_at_that_second(data):
    create_seat(data, "poste-a")
    set_deadline(data, "poste-a", datetime(2027, 5, 20, 14, 40, 0, 700_000))
    seat = get_seat(data, "poste-a")
    assert seat.deadline == "2027-05-20T14:40:00"
    assert not seat.read_only(datetime(2027, 5, 20, 14, 39, 59))
    assert seat.read_only(datetime(2027, 5, 20, 14, 40))
    assert not get_seat(data, "poste-a").locked


def test_a_practice_seat_keeps_its_choices_and_a_reset_keeps_it_practice(data):
    create_seat(data, "poste-a")
    set_practice(data, "poste-a", show_observables="on", minutes="30")
    seat = get_seat(data, "poste-a")
    assert (seat.practice, seat.show_observables, seat.minutes) == (True, True, 30)
    set_practice(data, "poste-a", show_observables="", minutes=None)
    seat = get_seat(data, "poste-a")
    assert (seat.practice, seat.show_observables, seat.minutes) == (True, False, 0)
    set_practice(data, "poste-a", show_observables=True)  # no duration given: not timed
    assert get_seat(data, "poste-a").minutes == 0


def test_a_removed_seat_leaves_no_database_and_its_name_is_free_again(data):
    create_seat(data, "poste-a")
    remove_seat(data, "poste-a")
    assert not storage_for(data).exists("seats", "poste-a")
    with pytest.raises(SeatError, match="n'existe pas"):
        remove_seat(data, "poste-a")
    assert create_seat(data, "poste-a").name == "poste-a"


def test_the_seat_card_gives_its_address_under_the_centre_address(data):
    create_seat(data, "poste-a")
    centre = ["--data", str(data), "--base-url", "http://192.168.1.10:8000"]
    listed = CliRunner().invoke(cli, [*centre, "seat", "list"])
    assert "Adresse        : http://192.168.1.10:8000/s/poste-a/" in listed.output
    assert get_seat(data, "poste-a").url() == "/s/poste-a/"  # the console's own links (« Ouvrir le poste »)


def test_generated_passwords_type_on_any_keyboard():
    """Seat cards are typed on the room's keyboards: letters a–z, digits and hyphens only."""
    for _ in range(200):
        assert re.fullmatch(r"[a-z]+-\d{4}-[a-z]+", generate_password())


def _subject_template(conn) -> None:
    """A template prepared for a subject that disabled the candidate's shop account (made aside: on
    PostgreSQL the installed template is shared by every copied data folder)."""
    conn.execute(f"UPDATE {Employee.__tablename__} SET active = FALSE WHERE id = 1")  # noqa: S608 — model's table
    conn.execute(f"INSERT INTO {Setting.__tablename__} (key, value) VALUES ('subject.id', 'sujet-1') "  # noqa: S608
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value")


def test_a_new_seat_opens_both_back_offices_with_its_card_s_logins(data, client):
    storage = storage_for(data)
    storage.copy("templates", storage.names("templates")[0], "templates", "avec-sujet", _subject_template)
    seat = create_seat(data, "poste-a", template="avec-sujet")
    with Session(storage.engine("seats", "poste-a")) as db:
        assert seat.login == db.get(Employee, 1).email and seat.site_login == db.get(SiteUser, 1).login
        assert db.get(Employee, 1).active is True
        assert get_setting(db, "seat.name") == "poste-a"
        assert re.fullmatch(r"[0-9a-f]{16}", get_setting(db, "seat.epoch"))
    assert (seat.subject, seat.template) == ("sujet-1", "avec-sujet")
    assert (seat.practice, seat.show_observables, seat.locked, seat.deadline, seat.reset_at) == (
        False, False, False, "", "")
    assert datetime.fromisoformat(seat.created_at).microsecond == 0 and len(seat.created_at) == 19
    assert get_seat(data, "poste-a") == seat  # the card, saved as returned
    assert login(client, seat).headers["Location"] == "/s/poste-a/boutique/admin/"
    assert site_login(client, seat, seat.site_login).headers["Location"] == "/s/poste-a/site/admin/"


def test_a_seat_without_subject_says_so_with_an_empty_subject(data):
    assert create_seat(data, "poste-a").subject == ""


def test_only_a_practice_seat_shows_its_observables(data):
    assert create_seat(data, "poste-a", practice=True, show_observables=True).show_observables is True
    assert create_seat(data, "poste-b", show_observables=True).show_observables is False
    assert create_seat(data, "poste-c", practice=True).show_observables is False  # unless asked for
    assert get_seat(data, "poste-a").practice is True and get_seat(data, "poste-b").practice is False


def test_seat_refusals_say_what_to_do_in_french(data):
    with pytest.raises(SeatError) as refused:
        create_seat(data, "-poste")
    assert str(refused.value) == (
        "Nom de poste « -poste » invalide : utilisez 1 à 40 caractères parmi a-z, 0-9 et « - », "
        "en commençant par une lettre ou un chiffre (exemple : poste-1).")
    with pytest.raises(SeatError) as refused:
        get_seat(data, "poste-z")
    assert str(refused.value) == "Le poste « poste-z » n'existe pas. Créez-le avec : e5 seat create poste-z"
    with pytest.raises(SeatError) as refused:
        get_seat(data, "Poste Z")  # not a seat name: never looked up
    assert "« Poste Z » n'existe pas" in str(refused.value)
    with pytest.raises(SeatError) as refused:
        create_seat(data, "poste-a", template="absent")
    assert str(refused.value) == "Le modèle « absent » n'est pas installé."
    longest = "9" + "a" * 39  # 40 characters, a digit first
    assert create_seat(data, longest).name == longest
    with pytest.raises(SeatError) as refused:
        create_seat(data, longest)
    assert str(refused.value) == (f"Le poste « {longest} » existe déjà : "
                                  f"utilisez « e5 seat reset {longest} » pour le remettre à zéro.")


def test_the_template_is_the_only_installed_one_studio_trials_aside(data, tmp_path):
    storage = storage_for(data)
    installed = storage.names("templates")[0]
    storage.copy("templates", installed, "templates", "subject-essai-0123abcd-2027-05-20")
    assert create_seat(data, "poste-a").template == installed
    storage.copy("templates", installed, "templates", "autre")
    with pytest.raises(SeatError) as refused:
        create_seat(data, "poste-b")
    assert str(refused.value) == (f"Plusieurs modèles sont installés (autre, {installed}) : "
                                  "précisez --template.")
    assert create_seat(data, "poste-b", template="autre").template == "autre"
    empty = tmp_path / "vide"
    empty.mkdir()
    with pytest.raises(SeatError) as refused:
        create_seat(empty, "poste-a")
    assert str(refused.value) == ("Aucun contexte installé : lancez d'abord "
                                  "« e5 context install contexts/<id> ».")


def test_the_seat_key_is_made_once_and_leaves_no_partial_file(tmp_path):
    key = seat_key(tmp_path)
    assert len(key) == 32 and seat_key(tmp_path) == key
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seat_key"]


def test_a_reset_reopens_a_locked_seat_past_its_deadline_and_says_when(data, client):
    create_seat(data, "poste-a")
    set_locked(data, "poste-a", True)
    set_deadline(data, "poste-a", datetime.now() - timedelta(minutes=1))
    before = datetime.now().replace(microsecond=0)
    seat = reset_seat(data, "poste-a")
    assert (seat.locked, seat.deadline) == (False, "") and get_seat(data, "poste-a") == seat
    assert before <= datetime.fromisoformat(seat.reset_at) <= datetime.now() and len(seat.reset_at) == 19
    token = csrf_token(client.get("/s/poste-a/boutique/admin/login").get_data(as_text=True))
    assert not _refused_as_read_only(client, seat, token)


def test_a_name_that_is_no_seat_name_never_reads_another_card(data):
    # « ../templates/<modèle> » would be the installed template's own JSON record, beside its database.
    template = storage_for(data).names("templates")[0]
    assert storage_for(data).meta_path("templates", template).exists()
    with pytest.raises(SeatError) as refused:
        get_seat(data, f"../templates/{template}")
    assert str(refused.value).startswith(f"Le poste « ../templates/{template} » n'existe pas.")


def _spare_count(data) -> int:
    """How many spare seat databases the data folder's server holds (PostgreSQL; none on SQLite)."""
    storage = storage_for(data)
    if not POSTGRES:
        return 0
    with storage.admin.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_database WHERE left(datname, :n) = :s"),
                            {"n": len(storage.prefix) + 3, "s": f"{storage.prefix}_p_"}).scalar()


def test_a_server_starting_has_spares_made_for_the_templates_its_seats_use(data, monkeypatch):
    # e5 serve calls it at start (grading/cli_serve.py), in a thread: its failure would only be printed, and a
    # server stopping must not wait for it (daemon).
    failures = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    monkeypatch.setenv(pg_spares.ENV, "2")
    started = keep_spares_ready(data)
    started.join(120)
    storage_for(data).settle(120)
    assert (started.daemon, _spare_count(data), failures) == (True, 0, [])  # no seat: no template in use
    monkeypatch.setenv(pg_spares.ENV, "0")
    create_seat(data, "poste-a")  # spares off: the seat's own create asks for none
    monkeypatch.setenv(pg_spares.ENV, "2")
    keep_spares_ready(data).join(120)
    storage_for(data).settle(120)
    # Made ahead on PostgreSQL (the first creates and resets are renames); nothing to make on SQLite.
    assert (_spare_count(data), failures) == (2 if POSTGRES else 0, [])
