"""Benchmark of seats on PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (both copy strategies) against a
schema copy, then create_seat/reset_seat as users get them (medians, printed).

Run: .venv/bin/python -m tests.benchmarks.bench_postgres_seats [--seats 20]
It starts its own throw-away cluster with PostgreSQL's DEFAULT durability (fsync on, as a production server
keeps it: the test clusters of scripts/with-postgres.sh turn fsync off, which hides what CREATE DATABASE
costs); E5_BENCH_DATABASE names a server of your own instead.
Not part of the test suite and asserts nothing: these machines are shared and noisy.

The schema copy is measured at its cheapest — tables made ``LIKE … INCLUDING ALL`` and filled with
``INSERT … SELECT``, without the foreign keys and private sequences a real seat would also need — so if
it loses even so, a whole database per seat is the faster design.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from sandbox.db.base import Base
from sandbox.db.storage import storage_for, use_database
from sandbox.packs.install import install_context
from sandbox.seats import create_seat, reset_seat
from tests.benchmarks.academie_stack import ThrowawayPostgres

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TEMPLATE = "context-lin-et-nature"


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


def _copies(storage, strategy: str, count: int) -> tuple[list[float], list[float]]:
    """Raw database copies of the template: creates, then resets (copy aside, drop, rename)."""
    storage.strategy = strategy
    names = [f"bench-{strategy.lower()}-{n}" for n in range(count)]
    creates = [_timed(lambda n=n: storage.copy("templates", TEMPLATE, "seats", n)) for n in names]
    resets = [_timed(lambda n=n: storage.copy("templates", TEMPLATE, "seats", n)) for n in names]
    for name in names:
        storage.remove("seats", name)
    return creates, resets


def _schema_copies(storage, count: int) -> tuple[list[float], list[float]]:
    """Seats as schemas of one database, copied from a template schema (tables and rows only)."""
    tables = [t.name for t in Base.metadata.sorted_tables]
    storage.copy("templates", TEMPLATE, "seats", "bench-schemas")
    engine = storage.engine("seats", "bench-schemas")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER SCHEMA public RENAME TO tpl")

    def copy(schema: str) -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
            for table in tables:
                conn.execute(text(f'CREATE TABLE {schema}."{table}" (LIKE tpl."{table}" INCLUDING ALL)'))
                conn.execute(text(f'INSERT INTO {schema}."{table}" SELECT * FROM tpl."{table}"'))  # noqa: S608

    names = [f"seat_{n}" for n in range(count)]
    creates = [_timed(lambda n=n: copy(n)) for n in names]
    resets = [_timed(lambda n=n: copy(n)) for n in names]
    storage.remove("seats", "bench-schemas")
    return creates, resets


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=20)
    args = parser.parse_args()
    url, cluster = os.environ.get("E5_BENCH_DATABASE"), None
    with tempfile.TemporaryDirectory() as tmp:
        if not url:
            Path(tmp).chmod(0o755)  # the cluster's own account goes through it
            cluster = ThrowawayPostgres(Path(tmp) / "postgres").start()
            url = cluster.url
        data = Path(tmp) / "data"
        use_database(data, url)
        storage = storage_for(data)
        try:
            install = _timed(lambda: install_context(data, CONTEXT))
            with storage.engine("templates", TEMPLATE).connect() as conn:
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
            print(f"Modèle de contexte sur PostgreSQL : {size / 1024 / 1024:.1f} Mio, "
                  f"installé en {install:.2f} s")
            with storage.admin.connect() as conn:
                durability = ", ".join(f"{name} {conn.exec_driver_sql(f'SHOW {name}').scalar()}"
                                       for name in ("fsync", "synchronous_commit", "full_page_writes"))
            print(f"Serveur : {durability} ; {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f}")
            n = args.seats
            for strategy in ("WAL_LOG", "FILE_COPY"):
                creates, resets = _copies(storage, strategy, n)
                print(f"CREATE DATABASE … TEMPLATE (STRATEGY {strategy}) : copie {_ms(creates)}, "
                      f"remise à zéro {_ms(resets)} (médianes sur {n})")
            creates, resets = _schema_copies(storage, n)
            print(f"Copie de schéma (tables et lignes seulement) : copie {_ms(creates)}, "
                  f"remise à zéro {_ms(resets)} (médianes sur {n})")
            storage.strategy = type(storage).strategy
            creates = [_timed(lambda i=i: create_seat(data, f"poste-{i}")) for i in range(n)]
            resets = [_timed(lambda i=i: reset_seat(data, f"poste-{i}")) for i in range(n)]
            print(f"create_seat (STRATEGY {storage.strategy}, mot de passe compris) : {_ms(creates)} ; "
                  f"reset_seat : {_ms(resets)} (médianes sur {n})")
            print(f"Charge moyenne à la fin : {os.getloadavg()[0]:.1f}")
        finally:
            storage.destroy()
            if cluster is not None:
                cluster.stop()


if __name__ == "__main__":
    main()
