"""Benchmark of preparing a subject for a date: the whole preparation, and the move of the seeded history
alone (every Date/DateTime column shifted to the exam date), for the reference date and dates around it.

Run: .venv/bin/python -m tests.benchmarks.bench_prepare [--data DIR]
The data folder (a temporary one by default) gets the default context installed when it has none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from grading.demo import DEMO_SUBJECT
from sandbox.db.storage import storage_for
from sandbox.db.timeshift import shift_dates

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TEMPLATE = "context-lin-et-nature"
REFERENCE = date(2027, 5, 20)
DAYS = [REFERENCE, date(2026, 5, 20), date(2026, 12, 5), date(2027, 12, 20), date(2028, 2, 29)]


def _shift_ms(data: Path, days: int) -> float:
    """Milliseconds to move a copy of the context template by ``days`` days (one transaction)."""
    storage = storage_for(data)
    storage.copy("templates", TEMPLATE, "seats", "bench-shift")
    try:
        with Session(storage.engine("seats", "bench-shift")) as db, db.begin():
            started = time.perf_counter()
            shift_dates(db, days)
            return (time.perf_counter() - started) * 1000
    finally:
        storage.remove("seats", "bench-shift")


def main() -> None:
    """Measure and print."""
    from sandbox.packs.install import install_context
    from sandbox.subjects.prepare import prepare_subject

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="dossier de données (conservé)")
    args = parser.parse_args()
    tmp = None if args.data else Path(tempfile.mkdtemp(prefix="e5-bench-prepare-"))
    data = args.data or tmp / "data"
    data.mkdir(parents=True, exist_ok=True)
    try:
        if not storage_for(data).exists("templates", TEMPLATE):
            install_context(data, CONTEXT)
        print(f"load average: {os.getloadavg()[0]:.2f}")
        for day in DAYS:
            started = time.perf_counter()
            prepare_subject(data, DEMO_SUBJECT, day)
            whole = time.perf_counter() - started
            shift = _shift_ms(data, (day - REFERENCE).days)
            print(f"{day}: subject prepared in {whole:.2f} s, history moved by {(day - REFERENCE).days:+d} "
                  f"days in {shift:.0f} ms")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
