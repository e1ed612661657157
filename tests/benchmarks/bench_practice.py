"""Benchmark of a practice session: preparing 35 seats in one action, then the class view's update
latency with 35 active seats (printed: p50/p95; targets 2 s and 1 s).

Run: .venv/bin/python -m tests.benchmarks.bench_practice [--seconds 20] [--data DIR] [--engine postgresql]
The data folder (a temporary one by default) gets the default context and subject A prepared for today.

The class view's stream is the real generator (``grading.practice.views_class.class_stream`` with its
``ClassWatcher``), read in a thread as the SSE response would be. Each of the 35 students (a thread)
changes their seat every 0.5–1.5 s by default (--pause: a stress load; a real class acts every few
seconds); the latency is from the commit to the row message that carries that seat's new event count:
« dernière activité » (the row's activity) and « observables » (its ✓/✗ recomputed). The machine's load
average is printed: the latencies mean little on a busy machine; the processor time and SQL statements of
the first render (every seat's observables) and the class stream's processor time per update do.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.practice.views_class import class_stream
from grading.services.practice import create_practice_session, get_practice_session
from grading.services.practice_results import ClassWatcher
from grading.services.practice_seats import prepare_practice_seats
from grading.services.store import reading
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import ActivityEvent, SiteUser
from tests.benchmarks.academie_stack import bench_folder

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
STUDENTS = 35


def _setup(data: Path) -> int:
    from sandbox.packs.install import install_context
    from sandbox.subjects.prepare import prepare_subject

    if not any(storage_for(data).names("templates")):
        install_context(data, CONTEXT)
    template = prepare_subject(data, DEMO_SUBJECT, date.today())
    create_user(data, "prof-bench", "prof-bench-2027", "teacher", "M. Bench")
    with reading(data) as db:
        teacher = {"id": find_user(db, "prof-bench").id, "role": "teacher"}
    names = "\n".join(f"Élève {n:02d}" for n in range(1, STUDENTS + 1))
    return create_practice_session(data, teacher, "Banc d'essai", [template], names).id


def _work(data: Path, seat: str, commits: dict, stop: threading.Event, lock: threading.Lock,
          pause: tuple[float, float]) -> None:
    """A student changing their seat every few seconds (each change is one activity event)."""
    engine = storage_for(data).engine("seats", seat)
    n = 0
    stop.wait(random.uniform(0, pause[1]))  # students do not all click at the same instant
    while not stop.is_set():
        with Session(engine) as db:
            act_as(db, Actor("employee", 1, "Élève"))
            n += 1
            db.get(SiteUser, 1).bio = f"Essai {n}"
            db.commit()
            count = db.query(ActivityEvent).count()
        with lock:
            commits[(seat, count)] = time.monotonic()
        stop.wait(random.uniform(*pause))


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--pause", type=float, nargs=2, default=(0.5, 1.5),
                        help="pause entre deux actions d'un élève, en secondes (min max)")
    parser.add_argument("--data", type=Path, default=None, help="dossier de données (conservé)")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    if args.engine == "postgresql":
        with bench_folder("e5-bench-practice-", "postgresql") as (folder, _cluster):
            measure(args, folder / "data", None)
    else:
        tmp = None if args.data else Path(tempfile.mkdtemp(prefix="e5-bench-practice-"))
        measure(args, args.data or tmp / "data", tmp)


def measure(args, data: Path, tmp: Path | None) -> None:
    """Prepare, render, load, print; ``tmp`` removed at the end."""
    data.mkdir(parents=True, exist_ok=True)
    try:
        session_id = _setup(data)
        started = time.perf_counter()
        prepare_practice_seats(data, session_id)
        prepared = time.perf_counter() - started
        print(f"Charge de la machine : {os.getloadavg()[0]:.1f} ({os.cpu_count()} cœurs)")
        print(f"Préparation de {STUDENTS} postes : {prepared:.2f} s (objectif < 2 s)")
        with reading(data) as db:
            seats = {s.id: s.seat.seat_name for s in get_practice_session(db, session_id).students}
        watcher = ClassWatcher(data, seats, 5)
        statements = [0]
        event.listen(Engine, "before_cursor_execute",
                     lambda *_args: statements.__setitem__(0, statements[0] + 1))
        spent = time.thread_time()
        watcher.poll()  # as the class view page does when it renders, before its stream starts
        print(f"Première vue de la classe ({STUDENTS} postes) : {(time.thread_time() - spent) * 1000:.0f} ms "
              f"de processeur, {statements[0]} requêtes SQL")
        stream_cpu: list[float] = []
        stream = class_stream(watcher, stop_after=args.seconds + 3)
        next(stream)  # « retry: », then the first poll (the page's state)
        commits: dict[tuple[str, int], float] = {}
        latencies: dict[str, list[float]] = {"activity": [], "observables": []}
        seen: set[tuple[str, str, int]] = set()
        lock, stop = threading.Lock(), threading.Event()

        def read() -> None:
            started = time.thread_time()
            for text in stream:
                stream_cpu[:] = [time.thread_time() - started]
                if not text.startswith("event: row"):
                    continue
                row = json.loads(text.split("data: ", 1)[1])
                arrived = time.monotonic()
                with lock:
                    counts = (("activity", row["events"]), ("observables", row.get("observed", -1)))
                    for kind, count in counts:
                        sent = commits.get((row["seat"], count))
                        if sent is not None and (kind, row["seat"], count) not in seen:
                            seen.add((kind, row["seat"], count))
                            latencies[kind].append(arrived - sent)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        pause = tuple(args.pause)
        workers = [threading.Thread(target=_work, args=(data, name, commits, stop, lock, pause), daemon=True)
                   for name in seats.values()]
        for worker in workers:
            worker.start()
        time.sleep(args.seconds)
        stop.set()
        for worker in workers:
            worker.join()
        time.sleep(1.5)
        reader.join(10)  # the stream ends on its own, before the data folder goes
        updates = len(latencies["observables"])
        if updates and stream_cpu:
            print(f"Flux de la vue de la classe : {stream_cpu[0] * 1000 / updates:.1f} ms de processeur par "
                  f"mise à jour des observables ({updates})")
        for kind, label in (("activity", "dernière activité"), ("observables", "observables ✓/✗")):
            values = sorted(latencies[kind])
            if not values:
                print(f"Vue de la classe, {label} : aucune mise à jour reçue.")
                continue
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"Vue de la classe, {STUDENTS} postes actifs, {label} : {len(values)} mises à jour, "
                  f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                  f"max {values[-1] * 1000:.0f} ms (objectif p95 < 1 s)")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
