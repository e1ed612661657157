"""The logins database (sessions, login throttle) on either engine: a file of the data folder on SQLite, the
folder's own database on PostgreSQL, migrated by Alembic and shared by every machine."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest

from sandbox import login_sessions, login_store, throttle
from sandbox.db import migrate
from sandbox.db.storage import storage_for
from sandbox.login_store import FILE, LOGINS_DATABASE, LOGINS_MIGRATIONS, logins_db
from sandbox.paths import private_file
from tests.conftest import POSTGRES, drop_data, sqlite_only


@pytest.fixture
def data(tmp_path):
    """A bare data folder: the logins database needs no installed context (made on first use, on either
    engine), and a mutation run of sandbox/login_store.py on PostgreSQL builds one per mutant."""
    folder = tmp_path / "data"
    folder.mkdir()
    yield folder
    drop_data(folder)


def test_a_session_lives_until_logout(data):
    token = login_sessions.start(data, "console", 7)
    assert login_sessions.account_of(data, "console", token) == "7"
    assert login_sessions.account_of(data, "poste-1:employee", token) is None  # another login flow
    login_sessions.end(data, token)
    assert login_sessions.account_of(data, "console", token) is None


def test_ending_every_session_of_a_seat_spares_the_others(data):
    seat = login_sessions.start(data, "poste-1:employee", "admin")
    other = login_sessions.start(data, "poste-12:employee", "admin")
    login_sessions.end_all(data, "poste-1:")
    assert login_sessions.account_of(data, "poste-1:employee", seat) is None
    assert login_sessions.account_of(data, "poste-12:employee", other) == "admin"


def test_failures_counted_at_the_same_moment_are_all_counted(data):
    keys = {"console:lea": throttle.ACCOUNT_LOCK_AFTER}
    tries = [threading.Thread(target=throttle._failed, args=(data, keys)) for _ in range(6)]
    for thread in tries:
        thread.start()
    for thread in tries:
        thread.join()
    with logins_db(data) as conn:
        row = conn.execute("SELECT failures FROM login_failure WHERE key = ?", ("console:lea",)).fetchone()
    assert row[0] == 6


def test_the_logins_live_where_the_other_databases_do(data):
    login_sessions.start(data, "console", 1)
    storage = storage_for(data)
    if POSTGRES:
        assert not (data / FILE).exists()  # nothing for several machines to lock over NFS
        assert storage.schema_state(*LOGINS_DATABASE) == (migrate.head(LOGINS_MIGRATIONS), True)
    else:
        assert (data / FILE).exists()


@pytest.mark.skipif(not POSTGRES, reason="databases made on a server")
def test_servers_starting_together_make_a_database_once(data):
    storage, barrier, answers, failures = storage_for(data), threading.Barrier(4), [], []

    def make() -> None:
        barrier.wait()
        try:
            answers.append(storage.ensure("logins", "together"))
        except Exception as exc:  # noqa: BLE001 — the test reports any failure
            failures.append(exc)

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and sorted(answers) == [False, False, False, True]


def test_a_valid_login_forgets_the_accounts_failures_but_not_the_addresss(data, monkeypatch):
    monkeypatch.setattr(throttle, "sleep", lambda seconds: None)
    for _ in range(2):
        throttle.attempt(data, "console", "Lea", "10.0.0.7", lambda: None)
    throttle.attempt(data, "console", "autre", "10.0.0.7", lambda: None)
    assert throttle.attempt(data, "console", " LEA ", "10.0.0.7", lambda: "lea") == "lea"
    with logins_db(data) as conn:
        # « % » in the SQL text: a LIKE pattern must reach PostgreSQL as typed, not as a placeholder.
        rows = conn.execute("SELECT key, failures FROM login_failure WHERE key LIKE 'adresse:%' OR key LIKE ?"
                            " ORDER BY key", ("console:%",)).fetchall()
    assert [tuple(row) for row in rows] == [("adresse:10.0.0.7", 3), ("console:autre", 1)]


def test_a_forked_server_process_uses_the_logins_and_leaves_its_parents_working(data, tmp_path):
    # e5 serve --workers 2 forks: the child needs its own pool and lock, and must not close the parent's
    # pooled connections (on PostgreSQL they share their sockets with it).
    token = login_sessions.start(data, "console", 7)  # the parent now pools a connection
    other = tmp_path / "other"
    other.mkdir()
    child = os.fork()
    if child == 0:  # pragma: no cover — the child reports through its exit code
        code = 1
        try:
            mine = login_sessions.start(data, "console", 8)
            login_sessions.start(other, "console", 9)  # a data folder first opened in the child
            code = 0 if login_sessions.account_of(data, "console", mine) == "8" else 2
        finally:
            os._exit(code)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
    assert login_sessions.account_of(data, "console", token) == "7"
    drop_data(other)


def test_a_cookie_s_token_of_another_type_opens_nothing_and_ends_nothing(data):
    token = login_sessions.start(data, "console", 7)
    for odd in (None, "", 123, [token]):
        assert login_sessions.account_of(data, "console", odd) is None
        login_sessions.end(data, odd)
    assert login_sessions.account_of(data, "console", token) == "7"


@sqlite_only  # the logins file of a data folder
def test_the_logins_file_is_private_in_wal_mode_and_made_again_when_removed(data):
    login_sessions.start(data, "console", 1)
    assert (data / FILE).stat().st_mode & 0o077 == 0  # session tokens are secrets
    with logins_db(data) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for leftover in data.glob(f"{FILE}*"):  # the folder made again at the same place
        leftover.unlink()
    token = login_sessions.start(data, "console", 2)
    assert login_sessions.account_of(data, "console", token) == "2"


@sqlite_only  # two servers opening a new logins file together: « disk I/O error » for a moment
def test_a_logins_file_busy_at_first_is_tried_again_then_given_up(data, tmp_path, monkeypatch):
    real, tries, waits = sqlite3.connect, [], []

    def busy_for(times):
        def connect(*args, **kwargs):
            tries.append(args[0])
            if len(tries) <= times:
                raise sqlite3.OperationalError("disk I/O error")
            return real(*args, **kwargs)
        return connect

    monkeypatch.setattr(login_store.time, "sleep", waits.append)
    monkeypatch.setattr(sqlite3, "connect", busy_for(3))
    token = login_sessions.start(data, "console", 7)
    assert login_sessions.account_of(data, "console", token) == "7" and waits == [0.05] * 3
    tries.clear()
    waits.clear()
    monkeypatch.setattr(sqlite3, "connect", busy_for(1000))
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        login_sessions.start(other, "console", 7)
    assert len(tries) == 40 and waits == [0.05] * 39


def test_a_session_idle_for_exactly_the_idle_time_is_still_open(data, monkeypatch):
    token = login_sessions.start(data, "console", 7)
    with logins_db(data) as conn:
        conn.execute("UPDATE login_session SET seen_at = ? WHERE token = ?", (1000.0, token))
    monkeypatch.setattr(login_sessions.time, "time", lambda: 1000.0 + 86400)
    assert login_sessions.account_of(data, "console", token, 86400) == "7"


def test_a_session_seen_exactly_a_minute_ago_is_not_written_again(data, monkeypatch):
    token = login_sessions.start(data, "console", 7)
    with logins_db(data) as conn:
        conn.execute("UPDATE login_session SET seen_at = ? WHERE token = ?", (1000.0, token))
    monkeypatch.setattr(login_sessions.time, "time", lambda: 1000.0 + login_sessions.TOUCH_SECONDS)
    assert login_sessions.account_of(data, "console", token, 86400) == "7"
    with logins_db(data) as conn:
        seen = conn.execute("SELECT seen_at FROM login_session WHERE token = ?", (token,)).fetchone()[0]
    assert seen == 1000


@sqlite_only  # a file of the data folder
def test_a_logins_file_left_empty_by_a_stopped_server_gets_its_tables(data):
    # A server stopped (or still starting) right after making the private file, before its tables: the
    # next process to open it makes them instead of taking the file for ready.
    private_file(data / FILE)
    token = login_sessions.start(data, "console", 7)
    assert login_sessions.account_of(data, "console", token) == "7"


def test_what_a_forked_child_runs_leaves_the_logins_working(data, tmp_path):
    # os.register_at_fork runs it in the child (test_a_forked_server_process_…); run here in-process too, so
    # that the new lock and pools are checked where a mutation run sees the call (not in a child process).
    token = login_sessions.start(data, "console", 7)
    login_store._forget_parent()
    assert login_sessions.account_of(data, "console", token) == "7"
    other = tmp_path / "other"  # a data folder first opened now: its logins database made under the new lock
    other.mkdir()
    assert login_sessions.account_of(other, "console", login_sessions.start(other, "console", 8)) == "8"
    drop_data(other)


@sqlite_only  # the logins file of a data folder
def test_the_logins_file_is_made_ready_once_then_each_use_opens_one_connection(data, monkeypatch):
    login_sessions.start(data, "console", 7)
    real, opened = sqlite3.connect, []
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kw: opened.append(args) or real(*args, **kw))
    with logins_db(data):  # every request of a seat or the console opens it: no WAL switch, no schema again
        pass
    assert len(opened) == 1
