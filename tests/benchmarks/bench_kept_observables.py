"""Processor time of a seat's observables after one change, computed whole or kept (``observables.kept``).

Run: .venv/bin/python -m tests.benchmarks.bench_kept_observables [--engine postgresql] [--rounds 5]
On a seat of the demo subject (ln-boutique-a, 14 observables), in one process: ``observe_all`` (what the
console ran on every change before), then ``observe_seat`` after nothing, after a customer's note (what
bench_academie changes), a product's stock and a write of unknown tables (every check again). Prints
processor time and SQL statements per computation; asserts only that both ways give the same observations.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, event, text, update
from sqlalchemy.orm import Session

from tests.benchmarks.academie_stack import ThrowawayPostgres

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"


def measure(data: Path, rounds: int) -> None:
    """Prepare a seat of the demo subject, then time each way after each kind of change."""
    from grading.demo import DEMO_SUBJECT
    from sandbox.db.storage import storage_for
    from sandbox.models import Customer, Product
    from sandbox.packs.install import install_context
    from sandbox.seats import create_seat
    from sandbox.subjects.observables import observe_all
    from sandbox.subjects.observables.kept import observe_seat
    from sandbox.subjects.prepare import prepare_subject
    from sandbox.subjects.store import read_subject

    install_context(data, CONTEXT)
    create_seat(data, "poste", prepare_subject(data, DEMO_SUBJECT, date.today()))
    storage = storage_for(data)
    engine = storage.engine("seats", "poste")
    with Session(engine) as db:
        subject = read_subject(db)
    statements = [0]
    event.listen(Engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))

    def whole():
        with Session(engine) as db:
            return observe_all(db, subject)

    def timed(label: str, change, compute) -> None:
        cpu = sent = 0.0
        for n in range(rounds):
            if change is not None:
                with Session(engine) as db:
                    db.execute(change(n))
                    db.commit()
                time.sleep(0.3)  # the commit's notification comes back (PostgreSQL)
            started, before = time.process_time(), statements[0]
            found = compute()
            cpu, sent = cpu + time.process_time() - started, sent + statements[0] - before
            assert found == whole(), label
        print(f"{label} : {cpu / rounds * 1000:.1f} ms de processeur, {sent / rounds:.0f} requêtes SQL",
              flush=True)

    kept = lambda: observe_seat(storage, "poste", subject)  # noqa: E731
    whole(), kept()  # warm: statements compiled, observations kept
    timed("observe_all (tout, à chaque modification)", None, whole)
    timed("gardés, rien d'écrit", None, kept)
    timed("gardés, après la note d'un client",
          lambda n: update(Customer).where(Customer.id == 1).values(note=f"note {n}"), kept)
    timed("gardés, après le stock d'un produit",
          lambda n: update(Product).where(Product.id == 1).values(quantity=Product.quantity + 1), kept)
    timed("gardés, après une écriture de tables inconnues (« * »)",
          lambda n: text(f"CREATE TABLE bench_{n} (a integer)"), kept)


def main() -> None:
    """Parse the options, start PostgreSQL when asked, measure, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="e5-kept-"))
    cluster = None
    try:
        if args.engine == "postgresql":
            folder.chmod(0o755)  # the cluster's own account goes through it
            cluster = ThrowawayPostgres(folder / "postgres").start()
            os.environ["E5_DATABASE"] = cluster.url
        print(f"Moteur : {args.engine} ; charge moyenne {os.getloadavg()[0]:.1f}", flush=True)
        measure(folder / "data", args.rounds)
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
