"""Server cost of one back-office change on many seats: CPU of the application and of PostgreSQL per change.

Run: .venv/bin/python -m tests.benchmarks.bench_seat_requests [--engine postgresql] [--seats 40] [--rounds 4]
     [--profile out.html|-] [--sql]
In one process, one request at a time (Flask's test client: no waitress, no proxy, no other load of ours),
each seat's candidate logged into the shop back office changes a customer's private note (POST, then the
page it is redirected to, as a browser does), seat after seat, round after round: what bench_academie asks
of the servers, without its concurrency, so that CPU per change can be compared on a shared machine
(latencies there cannot). Prints CPU of this process, CPU of the PostgreSQL cluster (backends that
exited included) and the connections opened, per change. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool

from tests.benchmarks.academie_stack import ThrowawayPostgres, bench_folder

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CUSTOMER = 1


def _login(client, seat) -> str:
    """Log into the seat's shop back office; the customer page's CSRF token."""
    path = f"/s/{seat.name}/boutique/admin/login"
    token = TOKEN.search(client.get(path).get_data(as_text=True)).group(1)
    answer = client.post(path, data={"csrf_token": token, "email": seat.login, "password": seat.password})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    page = client.get(f"/s/{seat.name}/boutique/admin/clients/{CUSTOMER}")
    return TOKEN.search(page.get_data(as_text=True)).group(1)


def measure(data: Path, seats: int, rounds: int, cluster: ThrowawayPostgres | None,
            profile: str | None = None, sql: bool = False) -> None:
    """Create the seats, log each in, then time the changes."""
    from grading.app import create_app
    from sandbox.packs.install import install_context
    from sandbox.seats import create_seat

    install_context(data, CONTEXT)
    started = time.perf_counter()
    made = [create_seat(data, f"poste{n:03d}") for n in range(seats)]
    print(f"{seats} postes créés en {time.perf_counter() - started:.0f} s", flush=True)
    app = create_app(data, E5_PAGE_CACHE="0")
    clients = []
    for seat in made:
        client = app.test_client()
        clients.append((seat, client, _login(client, seat)))
    connections, statements = [0], [0]
    event.listen(Pool, "connect", lambda *_: connections.__setitem__(0, connections[0] + 1))
    event.listen(Engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
    texts: list[str] = []
    if sql:
        event.listen(Engine, "before_cursor_execute", lambda _c, _u, text, *_: texts.append(text))
    for warm in (True, False):  # a first round warms every seat (its engine, statements, caches)
        cpu, cluster_cpu, opened, wall = time.process_time(), cluster.cpu_seconds() if cluster else 0.0, \
            connections[0], time.perf_counter()
        sent = statements[0]
        changes = 0
        texts.clear()
        profiler = _profiler(profile if not warm else None)
        for n in range(1 if warm else rounds):
            for seat, client, token in clients:
                path = f"/s/{seat.name}/boutique/admin/clients/{CUSTOMER}"
                answer = client.post(f"{path}/note", data={"csrf_token": token, "note": f"bench-{warm}-{n}"})
                assert answer.status_code == 302, answer.status_code
                assert client.get(answer.headers["Location"]).status_code == 200
                changes += 1
        cpu = time.process_time() - cpu
        if profiler is not None:
            profiler.stop()
        cluster_cpu = (cluster.cpu_seconds() - cluster_cpu) if cluster else 0.0
        label = "premier tour (à froid)" if warm else f"{rounds} tours suivants"
        print(f"{label} : {changes} modifications ; par modification (envoi + page) : application "
              f"{cpu / changes * 1000:.1f} ms de processeur, "
              f"PostgreSQL {cluster_cpu / changes * 1000:.1f} ms, "
              f"connexions ouvertes {(connections[0] - opened) / changes:.2f}, "
              f"requêtes SQL {(statements[0] - sent) / changes:.0f} ; durée "
              f"{(time.perf_counter() - wall) / changes * 1000:.0f} ms", flush=True)
    if profiler is not None:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if profile != "-":
            Path(profile).write_text(profiler.output_html(), encoding="utf-8")
    for text, count in Counter(" ".join(t.split()) for t in texts).most_common():
        print(f"  {count / changes:5.2f} × {text[:230]}")


def _profiler(profile: str | None):
    """A started pyinstrument profiler when asked (pyinstrument comes from PyPI), else None."""
    if profile is None:
        return None
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    return profiler


def main() -> None:
    """Parse the options, start PostgreSQL when asked, measure, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--seats", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--profile", metavar="HTML",
                        help="profil pyinstrument des tours mesurés (texte ; aussi en HTML, sauf « - »)")
    parser.add_argument("--sql", action="store_true", help="les requêtes SQL d'une modification")
    args = parser.parse_args()
    with bench_folder("e5-seat-requests-", args.engine) as (folder, cluster):
        print(f"Moteur : {args.engine} ; charge moyenne {os.getloadavg()[0]:.1f}", flush=True)
        measure(folder / "data", args.seats, args.rounds, cluster, args.profile, args.sql)

if __name__ == "__main__":
    main()
