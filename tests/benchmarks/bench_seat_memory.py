"""Benchmark of the server's memory per seat opened: one `e5 serve` process, seats opened one after the
other by a candidate who logs into both back offices and reads a few pages; the server's RSS and PSS
(Linux /proc) printed at each step, with the growth per seat.

Run: .venv/bin/python -m tests.benchmarks.bench_seat_memory [--seats 30,300] [--workers 1]
Loopback only, bounded; the server is stopped and the data folder removed at the end. Asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sandbox.packs.install import install_context
from sandbox.seats import Seat, create_seat
from tests.grading.http_client import Client, free_port, start_server

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
TARGETS_MB = {30: 150, 300: 400}
PAGES = ("/s/{seat}/boutique/admin/", "/s/{seat}/boutique/admin/produits", "/s/{seat}/boutique/",
         "/s/{seat}/site/", "/s/{seat}/site/admin/")


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of a process and its direct children (the workers), from /proc."""
    rss = pss = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            rollup = Path(f"/proc/{proc}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in ("Rss", "Pss"):
                kb = int(value.split()[0])
                rss, pss = (rss + kb / 1024, pss) if name == "Rss" else (rss, pss + kb / 1024)
    return rss, pss


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def open_seat(port: int, seat: Seat) -> None:
    """A candidate's first minute: both back-office logins, then a few pages of the seat."""
    client = Client(port, timeout=60)
    client.seat_login(seat)
    path = f"/s/{seat.name}/site/admin/login"
    answer = client.post_form(path, {"csrf_token": client.token(path), "login": seat.site_login,
                                     "password": seat.password})
    assert answer.status == 302, answer.text[:300]
    for page in PAGES:
        assert client.get(page.format(seat=seat.name)).status == 200, page
    client.close()


def main() -> None:
    """Create the seats, start the server, open the seats step by step and print the memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", default="30,300", help="steps: numbers of seats opened, comma separated")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=64, help="threads per server process (e5 serve)")
    parser.add_argument("--parallel", type=int, default=4, help="candidates opening their seat at once")
    args = parser.parse_args()
    steps = sorted(int(n) for n in args.seats.split(","))
    folder = Path(tempfile.mkdtemp(prefix="e5-bench-mem-"))
    try:
        install_context(folder, CONTEXT)
        seats = [create_seat(folder, f"poste-{n}") for n in range(steps[-1])]
        port = free_port()
        server = start_server(folder, port, threads=args.threads, workers=args.workers,
                              log=folder / "serve.log")
        try:
            open_seat(port, seats[0])  # imports, templates and caches of the first request are not per seat
            base_rss, base_pss = memory_mb(server.pid)
            print(f"Serveur après un premier poste ouvert : RSS {base_rss:.0f} Mo, PSS {base_pss:.0f} Mo "
                  f"({args.workers} processus de {args.threads} fils)")
            opened = 1
            with ThreadPoolExecutor(args.parallel) as pool:
                for step in steps:
                    list(pool.map(lambda seat: open_seat(port, seat), seats[opened:step]))
                    opened = step
                    rss, pss = memory_mb(server.pid)
                    target = TARGETS_MB.get(step)
                    aim = f" ; cible ≤ {target} Mo : {pss / target:.2f} × la cible" if target else ""
                    print(f"{step} postes ouverts avec connexions : RSS {rss:.0f} Mo, PSS {pss:.0f} Mo, "
                          f"soit +{(pss - base_pss) / (step - 1):.2f} Mo (PSS) par poste{aim}")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
