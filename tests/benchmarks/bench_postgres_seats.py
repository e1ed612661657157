"""Benchmark of seats on PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (``--strategies``: both copy
strategies, and a schema copy), then create_seat/reset_seat as users get them: without spare databases,
with a pool of spares refilled before each call (``reserve-prete``), and from an empty pool refilled in
the background only (``reserve-froide``, back-to-back calls), the first calls after a template is prepared
or a server starts (``reserve-faite-d-avance``: spares made ahead), and a burst of creates (a slot being
prepared) with and without refills during it; medians, p95 and where the time goes.

Run: .venv/bin/python -m tests.benchmarks.bench_postgres_seats [--seats 20] [--burst 30] [--strategies]
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
import threading
import time
from pathlib import Path

from sqlalchemy import text

from sandbox.db import pg_spares
from sandbox.db.base import Base
from sandbox.db.storage import storage_for, use_database
from sandbox.packs.install import install_context
from sandbox.seats import create_seat, remove_seat, reset_seat
from tests.benchmarks.academie_stack import bench_folder

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


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def _figures(values: list[float]) -> str:
    return f"médiane {statistics.median(values) * 1000:.1f} ms, p95 {_p95(values) * 1000:.1f} ms"


class _Phases:
    """Time spent in each step of create_seat/reset_seat, in the measuring thread only (not the filler)."""

    STEPS = {"take": "prise d'une réserve (renommage)", "create_database": "copie CREATE DATABASE",
             "set_aside": "mise de côté de l'ancienne base", "prepare_sql": "personnalisation (SQL)",
             "_prepare": "connexion + personnalisation + validation", "_save": "fiche du poste (JSON)",
             "seat_key": "clé du dossier", "hash_seat_password": "hachage du mot de passe",
             "dispose": "moteurs du poste oubliés", "end_all": "fin des sessions de connexion du poste"}

    def __init__(self):
        self.spent: dict[str, float] = dict.fromkeys(self.STEPS, 0.0)
        self.main = threading.current_thread()
        self.on = False  # only inside the measured calls (not the spares made before them)

    def wrap(self, owner, attribute: str, step: str | None = None) -> None:
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                if self.on and threading.current_thread() is self.main:
                    self.spent[step or attribute] += time.perf_counter() - started
        setattr(owner, attribute, timed)

    def install(self) -> None:
        from sandbox import seats
        from sandbox.db import pg_server, pg_spares, storage_postgres

        self.wrap(pg_spares, "take")
        self.wrap(pg_server, "set_aside")
        from sandbox import login_sessions

        self.wrap(login_sessions, "end_all")
        for attribute in ("create_database", "_prepare", "dispose"):
            self.wrap(storage_postgres.PostgresStorage, attribute)
        for attribute in ("_save", "seat_key", "hash_seat_password"):
            self.wrap(seats, attribute)
        personalise = seats._personalise

        def timed_personalise(seat):
            prepare = personalise(seat)

            def run(conn):
                started = time.perf_counter()
                try:
                    return prepare(conn)
                finally:
                    if self.on:
                        self.spent["prepare_sql"] += time.perf_counter() - started
            return run
        seats._personalise = timed_personalise

    def report(self, title: str, count: int, total: float) -> None:
        parts = "; ".join(f"{label} {self.spent[step] / count * 1000:.1f}"
                          for step, label in self.STEPS.items() if self.spent[step])
        print(f"  {title}, ms par appel en moyenne (total {total / count * 1000:.1f}) : {parts}")
        self.spent = dict.fromkeys(self.STEPS, 0.0)


def _seat_runs(data: Path, storage, label: str, n: int, spares: int, ready: bool, phases: _Phases) -> None:
    """create_seat then reset_seat n times: without spares, with a pool refilled before each call
    (``ready``), or with a cold pool refilled in the background only (back-to-back calls)."""
    os.environ[pg_spares.ENV] = str(spares)
    template = storage._resolve("templates", TEMPLATE)
    pg_spares.drop_all(storage)
    results = {}
    for action, call in (("create_seat", create_seat), ("reset_seat", reset_seat)):
        times = []
        for i in range(n):
            if ready:
                storage.spares.join()
                pg_spares.fill(storage, template)
            phases.on = True
            times.append(_timed(lambda i=i, call=call: call(data, f"{label}-{i}")))
            phases.on = False
        results[action] = times
        phases.report(f"{action} {label}", n, sum(times))
    storage.spares.join()
    for i in range(n):
        remove_seat(data, f"{label}-{i}")
    print(f"{label} : create_seat {_figures(results['create_seat'])} ; "
          f"reset_seat {_figures(results['reset_seat'])} (sur {n}, charge moyenne {os.getloadavg()[0]:.1f})")


def _ahead_runs(data: Path, storage, phases: _Phases) -> None:
    """The first create_seat/reset_seat after a template is prepared or a server starts: their spares made
    ahead (``keep_spares``, as prepare_subject and e5 serve do), as many calls as spares."""
    os.environ[pg_spares.ENV] = str(pg_spares.DEFAULT_SPARES)
    n, results = pg_spares.DEFAULT_SPARES, {}
    for action, call in (("create_seat", create_seat), ("reset_seat", reset_seat)):
        pg_spares.drop_all(storage)
        storage.keep_spares([TEMPLATE])
        storage.settle()
        phases.on = True
        results[action] = [_timed(lambda i=i, call=call: call(data, f"avance-{i}")) for i in range(n)]
        phases.on = False
        phases.report(f"{action} reserve-faite-d-avance", n, sum(results[action]))
    storage.settle()
    for i in range(n):
        remove_seat(data, f"avance-{i}")
    print(f"reserve-faite-d-avance (après préparation ou démarrage) : les {n} premiers create_seat "
          f"{_figures(results['create_seat'])} ; reset_seat {_figures(results['reset_seat'])} "
          f"(charge moyenne {os.getloadavg()[0]:.1f})")


def _burst(data: Path, storage, n: int, quiet: float) -> None:
    """A slot being prepared: n create_seat back to back from a pool made ahead, the filler waiting for
    ``quiet`` seconds without a create before each refill copy (0: refilling during the burst)."""
    os.environ[pg_spares.ENV] = str(pg_spares.DEFAULT_SPARES)
    pg_spares.drop_all(storage)
    storage.keep_spares([TEMPLATE])
    storage.settle()
    storage.spares.quiet = quiet
    take, taken = pg_spares.take, []
    pg_spares.take = lambda *args: taken.append(take(*args)) or taken[-1]  # counts the spares handed out
    started = time.perf_counter()
    try:
        times = [_timed(lambda i=i: create_seat(data, f"rafale-{i}")) for i in range(n)]
    finally:
        total = time.perf_counter() - started
        pg_spares.take, storage.spares.quiet = take, pg_spares.QUIET
    storage.settle()
    for i in range(n):
        remove_seat(data, f"rafale-{i}")
    print(f"rafale de {n} create_seat, remplissage après {quiet:g} s de calme : {_figures(times)}, "
          f"{total:.1f} s en tout, {sum(taken)} réserves prises (charge moyenne {os.getloadavg()[0]:.1f})")


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--burst", type=int, default=30, help="créations d'affilée (un créneau préparé)")
    parser.add_argument("--burst-only", type=int, default=0, metavar="N",
                        help="seulement N paires de rafales (avec puis sans attente de calme, en alternance)")
    parser.add_argument("--strategies", action="store_true",
                        help="also FILE_COPY and the schema copy (slow; WAL_LOG won, see README)")
    args = parser.parse_args()
    url = os.environ.get("E5_BENCH_DATABASE")
    with bench_folder("e5-pg-seats-", "sqlite" if url else "postgresql") as (tmp, cluster):
        url = url or cluster.url
        data = tmp / "data"
        use_database(data, url)
        storage = storage_for(data)
        os.environ[pg_spares.ENV] = "0"
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
            if args.burst_only:
                for _ in range(args.burst_only):
                    for quiet in (2.0, pg_spares.QUIET):  # 2 s of calm: the filler before 07/12/2026
                        _burst(data, storage, args.burst, quiet)
                return
            n = args.seats
            for strategy in ("WAL_LOG", "FILE_COPY") if args.strategies else ("WAL_LOG",):
                creates, resets = _copies(storage, strategy, n)
                print(f"CREATE DATABASE … TEMPLATE (STRATEGY {strategy}) : copie {_figures(creates)}, "
                      f"remise à zéro {_figures(resets)} (sur {n})")
            if args.strategies:
                creates, resets = _schema_copies(storage, n)
                print(f"Copie de schéma (tables et lignes seulement) : copie {_ms(creates)}, "
                      f"remise à zéro {_ms(resets)} (médianes sur {n})")
            storage.strategy = type(storage).strategy
            phases = _Phases()
            phases.install()
            wanted = pg_spares.DEFAULT_SPARES
            _seat_runs(data, storage, "sans-reserve", n, 0, False, phases)
            _seat_runs(data, storage, "reserve-prete", n, wanted, True, phases)
            _seat_runs(data, storage, "reserve-froide", n, wanted, False, phases)
            _ahead_runs(data, storage, phases)
            for quiet in (2.0, pg_spares.QUIET):
                _burst(data, storage, args.burst, quiet)
            print(f"Charge moyenne à la fin : {os.getloadavg()[0]:.1f}")
        finally:
            storage.destroy()


if __name__ == "__main__":
    main()
