"""Shared fixtures: a data folder with the default context installed once per run, seats, apps, clients."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTEXT = ROOT / "contexts" / "lin-et-nature"
# scripts/test.sh --postgres: every data folder the tests make keeps its databases on that server.
POSTGRES = os.environ.get("E5_TEST_DATABASE", "")
if POSTGRES:
    os.environ["E5_DATABASE"] = POSTGRES
else:
    os.environ.pop("E5_DATABASE", None)  # a developer's own setting must not turn the SQLite run into PG
# Spare seat databases (sandbox/db/pg_spares.py) would triple the databases every PostgreSQL test makes, in
# background threads: off, except in the tests that turn them on (tests/integration/test_seat_spares.py).
os.environ.setdefault("E5_SEAT_SPARES", "0")

# scripts/mutation.py (observable check types): every mutant's run would install the context again, for
# seconds; the checks never run during the install, so the first run's install serves every mutant.
INSTALLED_CACHE = Path(os.environ["E5_TEST_INSTALLED_CACHE"]) if (
    os.environ.get("E5_TEST_INSTALLED_CACHE") and not POSTGRES) else None

sqlite_only = pytest.mark.skipif(bool(POSTGRES), reason="SQLite files by nature")


def notifications_arrived(storage, kind: str, name: str) -> None:
    """On PostgreSQL, wait until every notification this process sent so far about that database came
    back to its listener (a seat made or removed notifies: late, it would move a version mid-test)."""
    versions = getattr(storage, "versions", None)
    if versions is None:
        return
    from sandbox.db import pg_notify

    database, word = storage.database_name(kind, name), "e5_test_sentinel"
    before = versions.listener().marks.get(database, {}).get(word, 0)
    pg_notify.notify(storage.admin, storage.prefix, database, {word})  # delivered after the earlier ones
    deadline = time.monotonic() + 10
    while versions.listener().marks.get(database, {}).get(word, 0) == before:
        assert time.monotonic() < deadline, "notification never came back"
        time.sleep(0.02)


def copy_data(source: Path, target: Path) -> Path:
    """Copy a data folder with its databases (on PostgreSQL: under a prefix of the copy's own)."""
    from sandbox.db.storage import copy_data_folder

    copy_data_folder(source, target)
    return target


def drop_data(folder: Path) -> None:
    """Drop a throw-away data folder's server databases (PostgreSQL; files go with tmp_path)."""
    from sandbox.db.storage import storage_for

    storage = storage_for(folder)
    if hasattr(storage, "destroy"):
        storage.destroy()


@pytest.fixture(scope="session")
def installed_data(tmp_path_factory) -> Path:
    """A data folder where the default context is installed (once for the whole run)."""
    from sandbox.packs.install import install_context

    data = tmp_path_factory.mktemp("e5-data")
    if INSTALLED_CACHE and INSTALLED_CACHE.is_dir():
        shutil.rmtree(data)
        return copy_data(INSTALLED_CACHE, data)
    install_context(data, DEFAULT_CONTEXT)
    if INSTALLED_CACHE:  # made aside, then renamed: a run never reads half a folder
        partial = INSTALLED_CACHE.with_name(f"{INSTALLED_CACHE.name}.{os.getpid()}.tmp")
        copy_data(data, partial)
        partial.rename(INSTALLED_CACHE)
    return data


@pytest.fixture
def data(installed_data, tmp_path) -> Path:
    """A fresh data folder for one test, holding a copy of the installed templates (no re-seed)."""
    folder = copy_data(installed_data, tmp_path / "data")
    yield folder
    drop_data(folder)


@pytest.fixture
def seat(data):
    """A seat created from the default context."""
    from sandbox.seats import create_seat

    return create_seat(data, "poste-a")


@pytest.fixture
def app(data):
    """The whole server application (seats and console) on the test's data folder, CSRF on."""
    from grading.app import create_app

    return create_app(data, TESTING=True)


@pytest.fixture
def client(app):
    """A Flask test client (CSRF stays on: tests post the token they read from the form)."""
    return app.test_client()
