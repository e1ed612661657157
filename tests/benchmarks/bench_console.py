"""Benchmark of the live console under an exam day's load: one `e5 serve` (waitress) process, 30 busy seats,
10 slot consoles following 3 seats each; live latency, page latency and errors (printed, not asserted).

Run: .venv/bin/python -m tests.benchmarks.bench_console [--seconds 20] [--consoles 10] [--every 1]
Loopback only, bounded: the load stops after --seconds, the server is stopped, the data folder removed.

Each seat's candidate (a thread with its own cookies) changes a customer's private note through the
shop back office every 0.5–1.5 s (times --every), a unique token in the note, and follows the redirect
as a browser does. Each console reads its slot's stream with http.client and notes when the event
holding a token arrives. The commit happens between the request being sent and its answer: « envoi →
console » is an upper bound of the latency, « réponse → console » a lower bound. Pages: the slot
console page and a seat's product page, timed while the load runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import get_seat
from tests.grading.http_client import Client, free_port, start_server

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
PASSWORD = "examen-2027-bench"
CUSTOMER = 1  # any customer: the note is what changes
PRODUCT_PAGE = "/s/{seat}/boutique/produit/1"


class Tally:
    """Shared counters and timings of all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent: dict[str, tuple[float, float]] = {}  # token → (sent, answered)
        self.arrived: dict[str, float] = {}
        self.pages: dict[str, list[float]] = {"console": [], "product": []}
        self.errors: list[str] = []
        self.server_cpu = 0.0
        self.load_cpu = 0.0  # the load generator's own CPU (this process), printed apart from the server's

    def error(self, text: str) -> None:
        """Count one error (kept for the report)."""
        with self.lock:
            self.errors.append(text)


def setup(data: Path, consoles: int) -> list[dict]:
    """Context, subject A for today, one examiner and one slot of three candidates per console, seats."""
    from sandbox.packs.install import install_context
    from sandbox.subjects.prepare import prepare_subject

    install_context(data, CONTEXT)
    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(data, DEMO_SUBJECT, now.date())
    session = create_session(data, now.date(), "Centre de mesure", "Lille", "", "bench")
    rows = "".join(f"B{i:04d};Candidat{i:02d};Bench\n" for i in range(consoles * 3))
    import_candidates(data, session.id, "numéro;nom;prénom\n" + rows)
    with reading(data) as db:
        ids = [c.id for c in sorted(db.get(ExamSession, session.id).candidates, key=lambda c: c.number)]
    slots = []
    for n in range(consoles):
        create_user(data, f"examinateur{n}", PASSWORD, "examiner", f"Examinateur {n}")
        with reading(data) as db:
            examiner = find_user(db, f"examinateur{n}")
        slot = create_slot(data, session.id, now, examiner.id, template, ids[n * 3:n * 3 + 3])
        places = prepare_slot_seats(data, slot.id)
        seats = [get_seat(data, place.seat_name) for place in places]
        slots.append({"id": slot.id, "examiner": f"examinateur{n}", "seats": seats})
    return slots


def follow(port: int, slot: dict, tally: Tally, ready: threading.Event, closing: threading.Event) -> None:
    """One console: log in, read the slot's stream (until it is closed), note when each token arrives."""
    client = Client(port)
    client.console_login(slot["examiner"], PASSWORD)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    slot["stream"] = conn
    headers = {"Accept": "text/event-stream", "Cookie": client.cookie_header()}
    conn.request("GET", f"/console/creneaux/{slot['id']}/flux", headers=headers)
    response = conn.getresponse()
    if response.status != 200:
        tally.error(f"flux du créneau {slot['id']} : HTTP {response.status}")
        return
    kind, grids = "", 0
    try:
        while not closing.is_set():
            line = response.readline().decode("utf-8")
            if not line:
                break
            if line.startswith("event: "):
                kind = line[7:].strip()
            elif line.startswith("data: ") and kind == "activity":
                now = time.perf_counter()
                changes = json.loads(line[6:]).get("changes", {})
                for value in changes.get("note", [None, None])[1:]:
                    if value and value.startswith("bench-"):
                        with tally.lock:
                            tally.arrived[value] = now
            elif line.startswith("data: ") and kind == "grid":
                grids += 1
                if grids == 3:
                    ready.set()
    except OSError:
        if not closing.is_set():
            tally.error(f"flux du créneau {slot['id']} interrompu")


def work(port: int, seat, tally: Tally, stop: threading.Event, every: float) -> None:
    """One busy candidate: change a customer's note every 0.5–1.5 × ``every`` s through the back office."""
    client, rng, n = Client(port), random.Random(seat.name), 0
    path = f"/s/{seat.name}/boutique/admin/clients/{CUSTOMER}"
    try:
        client.seat_login(seat)
        token = client.token(path)
    except Exception as exc:  # counted, not lost in the thread
        tally.error(f"{seat.name} : connexion impossible ({exc!r})")
        return
    while not stop.wait(rng.uniform(0.5, 1.5) * every):
        n += 1
        note = f"bench-{seat.name}-{n}"
        sent = time.perf_counter()
        try:
            answer = client.post_form(f"{path}/note", {"csrf_token": token, "note": note})
        except OSError as exc:
            tally.error(f"{seat.name} : {exc}")
            continue
        answered = time.perf_counter()
        if answer.status != 302 or f"/clients/{CUSTOMER}" not in answer.headers.get("Location", ""):
            tally.error(f"{seat.name} : HTTP {answer.status} {answer.headers.get('Location', '')}")
            continue
        with tally.lock:
            tally.sent[note] = (sent, answered)
        client.get(answer.headers["Location"])  # as a browser does (and its flash message is shown)


def pages(port: int, slot: dict, tally: Tally, stop: threading.Event) -> None:
    """Time the slot console page and a seat's product page while the load runs."""
    examiner, visitor = Client(port), Client(port)
    examiner.console_login(slot["examiner"], PASSWORD)
    product = PRODUCT_PAGE.format(seat=slot["seats"][0].name)
    product = visitor.get(product).headers.get("Location", product)  # the product's canonical address
    targets = [("console", examiner, f"/console/creneaux/{slot['id']}/"), ("product", visitor, product)]
    while not stop.wait(0.2):
        for name, client, path in targets:
            started = time.perf_counter()
            answer = client.get(path)
            elapsed = time.perf_counter() - started
            if answer.status != 200:
                tally.error(f"{path} : HTTP {answer.status}")
            with tally.lock:
                tally.pages[name].append(elapsed)


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its direct children (the workers) — Linux /proc; 0 elsewhere."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def p95(values: list[float]) -> float:
    """95th percentile (inclusive: never above the largest value, even from a few values)."""
    if len(values) < 2:
        return (values or [0])[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report(tally: Tally, seconds: float, consoles: int, seats: int) -> None:
    """Print the figures in French."""
    matched = [t for t in tally.sent if t in tally.arrived]
    upper = [(tally.arrived[t] - tally.sent[t][0]) * 1000 for t in matched]
    lower = [(tally.arrived[t] - tally.sent[t][1]) * 1000 for t in matched]
    lost = len(tally.sent) - len(matched)
    print(f"Charge : {seats} postes actifs, {consoles} consoles (3 postes chacune), {seconds:.0f} s, "
          f"waitress ; machine : {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f}")
    print(f"Processeur du serveur pendant la charge : {tally.server_cpu / seconds * 100:.0f} % d'un cœur "
          f"(générateur de charge, processus à part : {tally.load_cpu / seconds * 100:.0f} %)")
    print(f"Modifications enregistrées : {len(tally.sent)} ({len(tally.sent) / seconds:.1f}/s), "
          f"reçues par une console : {len(matched)}, perdues (non reçues en 10 s) : {lost}")
    if upper:
        print(f"Direct, envoi → console (borne haute) : médiane {statistics.median(upper):.0f} ms, "
              f"p95 {p95(upper):.0f} ms, max {max(upper):.0f} ms")
        print(f"Direct, réponse → console (borne basse) : médiane {statistics.median(lower):.0f} ms, "
              f"p95 {p95(lower):.0f} ms")
    for name, label in (("console", "Page console du créneau"), ("product", "Page produit d'un poste")):
        times = [t * 1000 for t in tally.pages[name]]
        if times:
            print(f"{label} : {len(times)} requêtes, médiane {statistics.median(times):.0f} ms, "
                  f"p95 {p95(times):.0f} ms")
    if lost:
        print("Perdues :", sorted(set(tally.sent) - set(matched))[:10])
    print(f"Erreurs : {len(tally.errors) + lost}" + (f" — {tally.errors[:5]}" if tally.errors else ""))
    print("Objectifs : direct p95 < 300 ms, pages p95 < 300 ms, aucune erreur.")


def main() -> None:
    """Set up, load, measure, print, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--consoles", type=int, default=10)
    parser.add_argument("--every", type=float, default=1.0, help="secondes entre 2 modifications d'un poste")
    parser.add_argument("--data", type=Path, default=None, help="dossier de travail (vidé puis supprimé)")
    parser.add_argument("--workers", type=int, default=1, help="processus serveurs (e5 serve --workers)")
    args = parser.parse_args()
    folder = args.data or Path(tempfile.mkdtemp(prefix="e5-bench-"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        slots = setup(folder, args.consoles)
        port, tally, stop, closing = free_port(), Tally(), threading.Event(), threading.Event()
        server = start_server(folder, port, threads=64, log=folder / "serve.log", workers=args.workers)
        try:
            readies = [threading.Event() for _ in slots]
            threads = [threading.Thread(target=follow, args=(port, s, tally, r, closing), daemon=True)
                       for s, r in zip(slots, readies, strict=True)]
            for thread in threads:
                thread.start()
            for ready in readies:
                ready.wait(30)
            load = [threading.Thread(target=work, args=(port, seat, tally, stop, args.every), daemon=True)
                    for slot in slots for seat in slot["seats"]]
            load.append(threading.Thread(target=pages, args=(port, slots[0], tally, stop), daemon=True))
            for thread in load:
                thread.start()
            cpu_before, load_before = cpu_seconds(server.pid), time.process_time()
            time.sleep(args.seconds)
            stop.set()
            tally.server_cpu = cpu_seconds(server.pid) - cpu_before
            tally.load_cpu = time.process_time() - load_before
            for thread in load:
                thread.join(10)
            waited = time.monotonic()
            while time.monotonic() - waited < 10 and set(tally.sent) - set(tally.arrived):
                time.sleep(0.1)  # the last changes reach their consoles; 10 s without arriving = lost
            closing.set()
            for slot in slots:
                if slot.get("stream"):
                    slot["stream"].close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(15)
        report(tally, args.seconds, len(slots), sum(len(s["seats"]) for s in slots))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
