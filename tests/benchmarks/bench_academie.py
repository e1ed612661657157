"""Load benchmark of an académie set-up on loopback: nginx in front of two `e5 serve` processes on one data
folder (SQLite files, or a throw-away PostgreSQL cluster), many busy seats and console streams.

Run: .venv/bin/python -m tests.benchmarks.bench_academie [--engine postgresql] [--seats 300] [--streams 100]
     [--duration 120] [--every 10] [--workers 1]
Loopback only, bounded: the load stops after --duration, every process started here is stopped, the data
folder (and the cluster) removed. Prints figures; asserts nothing (these machines are shared and noisy).

Each seat's candidate (a thread of the « postes » load process, its own cookies) changes a customer's
private note through the shop back office every --every s (±50 %), a unique token in the note, and
follows the redirect as a browser does (that page is timed). Each console (a thread of the « consoles »
load process) follows its slot's stream through nginx and notes when each token arrives; a few of them
also time their slot page. The two load processes are not the servers: all share the machine's cores.
« envoi → console » is an upper bound of the live latency, « réponse → console » a lower bound.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import random
import re
import shutil
import signal
import statistics
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from tests.benchmarks.academie_stack import ThrowawayPostgres
from tests.benchmarks.bench_console import cpu_seconds, p95
from tests.deploy.nginx import start_nginx, stop_nginx
from tests.grading.http_client import Client, free_port, start_server

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
PASSWORD = "examen-2027-bench"
CUSTOMER = 1  # any customer: the note is what changes
ARRIVAL_WAIT = 10  # seconds after the load for the last changes to reach their consoles; later = lost


def setup(data: Path, seats: int, streams: int) -> tuple[list[dict], list[float]]:
    """Context, subject A for today, one examiner and one slot per stream, the seats spread over the slots.

    Returns the slots and the seconds each seat took to create (timed per slot, divided by its seats).
    """
    from grading.accounts import create_user
    from grading.db import find_user
    from grading.demo import DEMO_SUBJECT
    from grading.models import ExamSession
    from grading.services.candidates import import_candidates
    from grading.services.sessions import create_session
    from grading.services.slots import create_slot, prepare_slot_seats
    from grading.services.store import reading
    from sandbox.packs.install import install_context
    from sandbox.seats import get_seat
    from sandbox.subjects.prepare import prepare_subject

    install_context(data, CONTEXT)
    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(data, DEMO_SUBJECT, now.date())
    session = create_session(data, now.date(), "Plateforme académique (mesure)", "Lille", "", "bench")
    rows = "".join(f"B{i:04d};Candidat{i:03d};Bench\n" for i in range(seats))
    import_candidates(data, session.id, "numéro;nom;prénom\n" + rows)
    with reading(data) as db:
        ids = [c.id for c in sorted(db.get(ExamSession, session.id).candidates, key=lambda c: c.number)]
    slots, creates = [], []
    for n in range(streams):
        create_user(data, f"examinateur{n}", PASSWORD, "examiner", f"Examinateur {n}")
        with reading(data) as db:
            examiner = find_user(db, f"examinateur{n}")
        slot = create_slot(data, session.id, now, examiner.id, template, ids[n::streams])
        started = time.perf_counter()
        places = prepare_slot_seats(data, slot.id)
        creates += [(time.perf_counter() - started) / len(places)] * len(places)
        seat_list = [get_seat(data, place.seat_name) for place in places]
        slots.append({"id": slot.id, "examiner": f"examinateur{n}",
                      "seats": [(s.name, s.login, s.password) for s in seat_list]})
    return slots, creates


def _follow(port: int, slot: dict, out: dict, connected: threading.Semaphore,
            closing: threading.Event) -> None:
    """One console: log in through nginx, read the slot's stream, note when each token arrives."""
    import http.client

    try:
        client = Client(port, timeout=30)
        client.console_login(slot["examiner"], PASSWORD)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", f"/console/creneaux/{slot['id']}/flux",
                     headers={"Accept": "text/event-stream", "Cookie": client.cookie_header()})
        response = conn.getresponse()
    except Exception as exc:  # counted, not lost in the thread
        out["errors"].append(f"console {slot['id']} : {exc!r}")
        connected.release()
        return
    if response.status != 200:
        out["errors"].append(f"flux du créneau {slot['id']} : HTTP {response.status}")
        connected.release()
        return
    out["streams"].append(conn)
    kind, first = "", True
    try:
        while not closing.is_set():
            line = response.readline().decode("utf-8")
            if not line:
                break
            if first and line.strip():
                first = False
                connected.release()
            if line.startswith("event: "):
                kind = line[7:].strip()
            elif line.startswith("data: ") and kind == "activity":
                moment = time.monotonic()
                for value in json.loads(line[6:]).get("changes", {}).get("note", [None, None])[1:]:
                    if value and value.startswith("bench-"):
                        out["arrived"][value] = moment
    except Exception as exc:  # closing the connection under the reader ends it with any of several errors
        if not closing.is_set():
            out["errors"].append(f"flux du créneau {slot['id']} interrompu ({exc!r})")


def _console_pages(port: int, slot: dict, out: dict, stop: threading.Event) -> None:
    """Time the slot console page every second while the load runs."""
    client = Client(port, timeout=30)
    try:
        client.console_login(slot["examiner"], PASSWORD)
    except Exception as exc:  # counted, not lost in the thread
        out["errors"].append(f"console {slot['id']} : connexion impossible ({type(exc).__name__})")
        return
    while not stop.wait(1):
        started = time.monotonic()
        try:
            answer = client.get(f"/console/creneaux/{slot['id']}/")
        except Exception as exc:  # a timed-out connection is dropped, the next request opens another
            client.close()
            out["errors"].append(f"page du créneau {slot['id']} : {type(exc).__name__}")
            continue
        out["pages"].append(time.monotonic() - started)
        if answer.status != 200:
            out["errors"].append(f"page du créneau {slot['id']} : HTTP {answer.status}")


def consoles_process(port: int, slots: list[dict], ready, finished, results) -> None:
    """The « consoles » load process: every stream, then a few timed console pages, until told to finish."""
    out = {"arrived": {}, "pages": [], "errors": [], "streams": []}
    connected, closing, stop = threading.Semaphore(0), threading.Event(), threading.Event()
    threads = [threading.Thread(target=_follow, args=(port, slot, out, connected, closing), daemon=True)
               for slot in slots]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 180  # one deadline for all: a stream that never answers costs it once
    for _ in slots:
        connected.acquire(timeout=max(0.1, deadline - time.monotonic()))
    pagers = [threading.Thread(target=_console_pages, args=(port, slot, out, stop), daemon=True)
              for slot in slots[:5]]
    for thread in pagers:
        thread.start()
    ready.set()
    finished.wait()
    stop.set()
    closing.set()
    for conn in out.pop("streams"):
        conn.close()
    results.put(("consoles", out))


def _work(port: int, seat: tuple, out: dict, go: threading.Event, stop: threading.Event,
          every: float, logins: threading.Semaphore) -> None:
    """One busy candidate: change a customer's note every ``every`` s (±50 %) through the back office."""
    name, login, password = seat
    client, rng, n = Client(port, timeout=30), random.Random(name), 0
    path = f"/s/{name}/boutique/admin/clients/{CUSTOMER}"
    try:
        with logins:  # a room logs in over a few minutes, not all in the same second
            client.seat_login(SimpleNamespace(name=name, login=login, password=password))
            token = client.token(path)
    except Exception as exc:  # counted, not lost in the thread
        out["errors"].append(f"{name} : connexion impossible ({exc!r})")
        return
    go.wait()
    if stop.wait(rng.uniform(0, every)):  # spread the first changes over one period
        return
    while not stop.is_set():
        n += 1
        note = f"bench-{name}-{n}"
        sent = time.monotonic()
        try:
            answer = client.post_form(f"{path}/note", {"csrf_token": token, "note": note})
            answered = time.monotonic()
            if answer.status != 302 or f"/clients/{CUSTOMER}" not in answer.headers.get("Location", ""):
                out["errors"].append(f"{name} : HTTP {answer.status} {answer.headers.get('Location', '')}")
            else:
                out["sent"][note] = (sent, answered)
                page = client.get(answer.headers["Location"])  # as a browser does (with its flash message)
                out["pages"].append(time.monotonic() - answered)
                if page.status != 200:
                    out["errors"].append(f"{name} : page HTTP {page.status}")
        except Exception as exc:  # a timed-out connection is dropped, the next request opens another
            client.close()
            out["errors"].append(f"{name} : {type(exc).__name__}")
        stop.wait(max(0.0, rng.uniform(0.5, 1.5) * every - (time.monotonic() - sent)))


def seats_process(port: int, slots: list[dict], every: float, duration: float, ready, results) -> None:
    """The « postes » load process: log every candidate in, then change notes for ``duration`` seconds."""
    out = {"sent": {}, "pages": [], "errors": []}
    go, stop, logins = threading.Event(), threading.Event(), threading.BoundedSemaphore(8)
    threads = [threading.Thread(target=_work, args=(port, seat, out, go, stop, every, logins), daemon=True)
               for slot in slots for seat in slot["seats"]]
    for thread in threads:
        thread.start()
    ready.wait()
    results.put(("started", time.monotonic()))
    go.set()
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join(30)
    results.put(("seats", out))


def report(args, seats: dict, consoles: dict, creates: list[float], cpu: float, seconds: float) -> None:
    """Print the figures in French."""
    sent, arrived = seats["sent"], consoles["arrived"]
    matched = [t for t in sent if t in arrived]
    upper = [(arrived[t] - sent[t][0]) * 1000 for t in matched]
    lower = [(arrived[t] - sent[t][1]) * 1000 for t in matched]
    lost = len(sent) - len(matched)
    print(f"Moteur : {args.engine} ; 2 serveurs e5 serve (--workers {args.workers}) derrière nginx ; "
          f"{os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f}")
    print(f"Charge : {args.seats} postes (une modification toutes les {args.every:g} s chacun), "
          f"{args.streams} flux de console, {seconds:.0f} s")
    if creates:
        print(f"Création d'un poste ({args.engine}) : médiane {statistics.median(creates) * 1000:.0f} ms, "
              f"p95 {p95(creates) * 1000:.0f} ms ({len(creates)} postes)")
    print(f"Processeur des deux serveurs pendant la charge : {cpu / seconds * 100:.0f} % d'un cœur")
    print(f"Modifications enregistrées : {len(sent)} ({len(sent) / seconds:.1f}/s), reçues par une console : "
          f"{len(matched)}, perdues (non reçues {ARRIVAL_WAIT} s après la charge) : {lost}")
    if upper:
        print(f"Direct, envoi → console (borne haute) : médiane {statistics.median(upper):.0f} ms, "
              f"p95 {p95(upper):.0f} ms, max {max(upper):.0f} ms")
        print(f"Direct, réponse → console (borne basse) : médiane {statistics.median(lower):.0f} ms, "
              f"p95 {p95(lower):.0f} ms")
    for label, times in (("Pages du back-office (après chaque envoi)", seats["pages"]),
                         ("Page console du créneau", consoles["pages"])):
        if times:
            print(f"{label} : {len(times)} requêtes, médiane {statistics.median(times) * 1000:.0f} ms, "
                  f"p95 {p95(times) * 1000:.0f} ms")
    errors = seats["errors"] + consoles["errors"]
    print(f"Erreurs : {len(errors) + lost}")
    kinds = Counter(re.sub(r"^\S+ : |\d+", "", error) for error in errors)  # seat names and ids apart
    for kind, count in kinds.most_common(8):
        print(f"  {count} × {kind}")
    print("Objectifs : direct p95 < 1 s, pages p95 < 500 ms, 0 erreur, "
          "création d'un poste PostgreSQL < 100 ms.")
    pages = seats["pages"] + consoles["pages"]
    live = f"{p95(upper):.0f} ms (médiane {statistics.median(upper):.0f} ms)" if upper else "—"
    page = f"{p95(pages) * 1000:.0f} ms" if pages else "—"
    create = (f"médiane {statistics.median(creates) * 1000:.0f} ms, p95 {p95(creates) * 1000:.0f} ms"
              if creates else "—")
    print(f"Résumé ({args.engine} ; charge moyenne {args.load_before:.1f} au début de la charge, "
          f"{os.getloadavg()[0]:.1f} à la fin) : direct p95 {live} ; pages p95 {page} ; "
          f"erreurs {len(errors) + lost} ; création d'un poste {create}")


def _first_server_error(folder: Path) -> None:
    """The first traceback the servers logged, if any (the cause behind an HTTP 500)."""
    for log in sorted(folder.glob("serve-*.log")):
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
        if starts:
            print(f"Première erreur du serveur ({log.name}, {len(starts)} en tout) :")
            end = next((i for i in range(starts[0] + 1, len(lines)) if not lines[i].startswith(" ")),
                       len(lines) - 1)
            print("\n".join(lines[max(starts[0], end - 8):end + 1]))
            return


def run(args, folder: Path) -> None:
    """Set up, start the stack, load, measure, print; stop what was started."""
    started_setup = time.perf_counter()
    slots, creates = setup(folder / "data", args.seats, args.streams)
    print(f"Préparation : {time.perf_counter() - started_setup:.0f} s ; "
          f"création d'un poste ({args.engine}) : médiane {statistics.median(creates) * 1000:.0f} ms, "
          f"p95 {p95(creates) * 1000:.0f} ms", flush=True)
    ports, servers, proxy = [free_port(), free_port()], [], None
    context = multiprocessing.get_context("spawn")  # load processes share nothing with this one
    results, ready, finished = context.Queue(), context.Event(), context.Event()
    loads = []
    try:
        for port in ports:
            servers.append(start_server(folder / "data", port, threads=args.threads, workers=args.workers,
                                        log=folder / f"serve-{port}.log", trusted_proxy="127.0.0.1",
                                        timeout=180))
        front = free_port()
        proxy = start_nginx(folder / "nginx", front, ports)
        loads = [context.Process(target=consoles_process, args=(front, slots, ready, finished, results)),
                 context.Process(target=seats_process,
                                 args=(front, slots, args.every, args.duration, ready, results))]
        for load in loads:
            load.start()
        got = {}
        while "started" not in got:
            try:
                kind, value = results.get(timeout=600)
            except queue.Empty:
                print("Les processus de charge n'étaient pas prêts (connexions des postes et flux) après "
                      f"10 min : machine trop chargée (charge {os.getloadavg()[0]:.1f}). Rien mesuré.")
                return
            got[kind] = value
        cpu_before = sum(cpu_seconds(server.pid) for server in servers)
        cluster_before = args.cluster.cpu_seconds() if args.cluster else 0.0
        args.load_before = os.getloadavg()[0]
        while "seats" not in got:
            kind, value = results.get(timeout=args.duration + 120)
            got[kind] = value
        cpu = sum(cpu_seconds(server.pid) for server in servers) - cpu_before
        if args.cluster:
            print(f"Processeur de PostgreSQL pendant la charge : "
                  f"{(args.cluster.cpu_seconds() - cluster_before) / args.duration * 100:.0f} % d'un cœur ; "
                  f"connexions ouvertes à la fin : {args.cluster.connections()}", flush=True)
        time.sleep(ARRIVAL_WAIT)  # the last changes reach their consoles; later ones count as lost
        finished.set()
        while "consoles" not in got:
            kind, value = results.get(timeout=60)
            got[kind] = value
        report(args, got["seats"], got["consoles"], creates, cpu, args.duration)
        _first_server_error(folder)
    finally:
        finished.set()
        for load in loads:
            load.join(30)
            if load.is_alive():
                load.terminate()
        if proxy is not None:
            stop_nginx(proxy)
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(30)


def main() -> None:
    """Parse the options, start PostgreSQL when asked, run, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--streams", type=int, default=100, help="flux de console (un créneau chacun)")
    parser.add_argument("--duration", type=float, default=120, help="secondes de charge")
    parser.add_argument("--every", type=float, default=10, help="secondes entre 2 modifications d'un poste")
    parser.add_argument("--workers", type=int, default=1, help="processus par serveur (e5 serve --workers)")
    parser.add_argument("--threads", type=int, default=160,
                        help="fils par processus (e5 serve --threads) : un par flux ouvert, plus les pages")
    args = parser.parse_args()
    if not 1 <= args.streams <= args.seats:
        parser.error("il faut au moins un flux, et pas plus de flux que de postes")
    folder = Path(tempfile.mkdtemp(prefix="e5-academie-"))
    postgres = args.cluster = None
    try:
        if args.engine == "postgresql":
            folder.chmod(0o755)  # the cluster's own account goes through it (the data folder stays 0700)
            postgres = args.cluster = ThrowawayPostgres(folder / "postgres").start()
            os.environ["E5_DATABASE"] = postgres.url  # this process and the servers it starts
        run(args, folder)
    finally:
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
