"""PostgreSQL on a deployment's own account (README: ``createuser --createdb e5``), not a superuser.

Found by following the README on Debian's PostgreSQL 15: ``e5 subject prepare`` dropped its staging
database with ``DROP DATABASE … WITH (FORCE)`` while autovacuum was analysing it, and the e5 account may
not end an autovacuum worker (« must be a member of the role whose process is being terminated »).
A superuser's session stands in for the worker here: the account may not end it either.
"""

from __future__ import annotations

import secrets
import threading
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from sandbox.db.storage_postgres import PostgresStorage
from tests.conftest import POSTGRES

pytestmark = pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL run (test.sh --postgres)")


@pytest.fixture(scope="module")
def own_account():
    """A login role that may create databases and nothing more, and the superuser's autocommit engine."""
    role = f"e5_own_{secrets.token_hex(3)}"
    superuser = create_engine(POSTGRES, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with superuser.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN CREATEDB')
    yield make_url(POSTGRES).set(username=role).render_as_string(hide_password=False), superuser
    with superuser.connect() as conn:
        owned = conn.execute(text("SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                                  "WHERE r.rolname = :r"), {"r": role}).scalars().all()
        for database in owned:  # left by a failed run
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    superuser.dispose()


def _release_when_plain_drop_waits(held, superuser, database: str, released: list) -> None:
    """Close ``held`` once a DROP DATABASE without FORCE waits on ``database`` (PostgreSQL waits 5 s)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with superuser.connect() as conn:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'DROP DATABASE%' "
                "AND query NOT ILIKE '%FORCE%' AND query LIKE :name"), {"name": f"%{database}%"}).scalar()
        if waiting:
            held.close()
            released.append(True)
            return
        time.sleep(0.02)


def test_a_database_with_a_session_the_account_may_not_end_is_still_dropped(own_account, tmp_path):
    url, superuser = own_account
    storage = PostgresStorage(tmp_path, url, f"e5_own{secrets.token_hex(3)}")
    database = storage.database_name("staging", "subject-x")
    storage.create_database(database, "subject-x")
    held = create_engine(make_url(POSTGRES).set(database=database), poolclass=NullPool).connect()
    released: list = []
    watcher = threading.Thread(target=_release_when_plain_drop_waits,
                               args=(held, superuser, database, released))
    watcher.start()
    try:
        storage._drop(database)
    finally:
        watcher.join()
        held.close()
    assert released  # the FORCE refusal was met, and the plain DROP waited for the session
    with superuser.connect() as conn:
        left = conn.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": database})
        assert left.scalar() == 0
