"""Load benchmark of an académie set-up on loopback: nginx in front of two `e5 serve` processes on one data
folder (SQLite files, or a throw-away PostgreSQL cluster), many busy seats and console streams.

Run: .venv/bin/python -m tests.benchmarks.bench_academie [--engine postgresql] [--seats 300] [--streams 100]
     [--duration 120] [--every 10] [--workers 1] [--load-processes 3]
Loopback only, bounded: the load stops after --duration, every process started here is stopped, the data
folder (and the cluster) removed. Prints figures; asserts nothing (these machines are shared and noisy).

Each seat's candidate (a thread of one of the « postes » load processes, its own cookies and keep-alive
connection) changes a customer's private note through the shop back office at fixed moments, one every
--every s from a random phase, a unique token in the note, and follows the redirect as a browser does
(both timed). A slow server makes changes late (counted) or never sent before the end (counted as errors),
never silently fewer. Each console (a thread of the « consoles » load process) follows its slot's stream
through nginx and notes when each token arrives; five of them also time their slot page each second. The
load processes are not the servers but share the machine's cores: their processor time is printed, with
the servers', nginx's and PostgreSQL's. « envoi → console » is an upper bound of the live latency,
« réponse → console » a lower bound.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from tests.benchmarks import pg_statements
from tests.benchmarks.academie_load import ON_TIME, PASSWORD, consoles_process, seats_process
from tests.benchmarks.academie_stack import ThrowawayPostgres, bench_folder
from tests.benchmarks.bench_console import cpu_seconds, p95
from tests.deploy.nginx import start_nginx, stop_nginx
from tests.grading.http_client import free_port, start_server

CONTEXT = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
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


def _merge(parts: list[dict]) -> dict:
    """The figures of several « postes » processes as one."""
    merged = {"sent": {}, "posts": [], "pages": [], "lateness": [], "errors": [], "asked": [], "unsent": []}
    for part in parts:
        merged["sent"].update(part["sent"])
        for key in ("posts", "pages", "lateness", "errors", "asked", "unsent"):
            merged[key] += part[key]
    return merged


def _times(label: str, times: list[float]) -> None:
    if times:
        print(f"{label} : {len(times)} requêtes, médiane {statistics.median(times) * 1000:.0f} ms, "
              f"p95 {p95(times) * 1000:.0f} ms")


def report(args, seats: dict, consoles: dict, creates: list[float], cpu: dict, seconds: float) -> None:
    """Print the figures in French; the « Résumé » line has every figure issue 12 asks for."""
    sent, arrived = seats["sent"], consoles["arrived"]
    matched = [t for t in sent if t in arrived]
    upper = [(arrived[t] - sent[t][0]) * 1000 for t in matched]
    lower = [(arrived[t] - sent[t][1]) * 1000 for t in matched]
    lost = len(sent) - len(matched)
    asked, unsent = sum(seats["asked"]), sum(seats["unsent"])
    late = [x for x in seats["lateness"] if x > ON_TIME]
    print(f"Moteur : {args.engine} ; 2 serveurs e5 serve (--workers {args.workers}, "
          f"--threads {args.threads}) derrière nginx ; {os.cpu_count()} cœurs, "
          f"charge moyenne {os.getloadavg()[0]:.1f}")
    print(f"Charge : {args.seats} postes (une modification toutes les {args.every:g} s chacun, "
          f"à heure fixe), {args.streams} flux de console, {seconds:.0f} s ; générateur : "
          f"{args.load_processes} processus « postes » et 1 « consoles »")
    if creates:
        print(f"Création d'un poste ({args.engine}) : médiane {statistics.median(creates) * 1000:.0f} ms, "
              f"p95 {p95(creates) * 1000:.0f} ms ({len(creates)} postes)")
    print("Processeur pendant la charge (% d'un cœur) : " + ", ".join(
        f"{name} {used / seconds * 100:.0f} %" for name, used in cpu.items()))
    if sent:  # what a change costs, whatever else the machine runs (a loaded machine slows, not inflates it)
        print("Processeur par modification enregistrée (avec sa page, les flux et les pages console) : "
              + ", ".join(f"{name} {used / len(sent) * 1000:.0f} ms" for name, used in cpu.items()))
    print(f"Modifications demandées : {asked} ({asked / seconds:.1f}/s) ; enregistrées : {len(sent)} "
          f"({len(sent) / seconds:.1f}/s) ; envoyées en retard (> {ON_TIME:g} s après l'heure prévue) : "
          f"{len(late)}" + (f" (retard p95 {p95(late):.1f} s)" if late else "")
          + f" ; jamais envoyées (serveur trop lent) : {unsent}")
    print(f"Reçues par une console : {len(matched)}, perdues (non reçues {ARRIVAL_WAIT} s après la charge) : "
          f"{lost}")
    if upper:
        print(f"Direct, envoi → console (borne haute) : médiane {statistics.median(upper):.0f} ms, "
              f"p95 {p95(upper):.0f} ms, max {max(upper):.0f} ms")
        print(f"Direct, réponse → console (borne basse) : médiane {statistics.median(lower):.0f} ms, "
              f"p95 {p95(lower):.0f} ms")
    _times("Envoi du formulaire (POST → redirection)", seats["posts"])
    _times("Page du back-office (après chaque envoi)", seats["pages"])
    _times("Page console du créneau", consoles["pages"])
    errors = seats["errors"] + consoles["errors"]
    failures = len(errors) + lost + unsent
    print(f"Erreurs : {failures} (dont {lost} perdues, {unsent} jamais envoyées)")
    kinds = Counter(re.sub(r"^\S+ : |\d+", "", error) for error in errors)  # seat names and ids apart
    for kind, count in kinds.most_common(8):
        print(f"  {count} × {kind}")
    print("Objectifs : direct p95 < 1 s, pages p95 < 500 ms, 0 erreur, "
          "création d'un poste PostgreSQL < 100 ms.")
    pages = seats["posts"] + seats["pages"] + consoles["pages"]
    live = f"{p95(upper):.0f} ms (médiane {statistics.median(upper):.0f} ms)" if upper else "—"
    page = f"{p95(pages) * 1000:.0f} ms" if pages else "—"
    create = (f"médiane {statistics.median(creates) * 1000:.0f} ms, p95 {p95(creates) * 1000:.0f} ms"
              if creates else "—")
    print(f"Résumé ({args.engine} ; charge moyenne {args.load_before:.1f} au début de la charge, "
          f"{os.getloadavg()[0]:.1f} à la fin) : direct p95 {live} ; pages p95 {page} (envois, pages après "
          f"envoi, pages console) ; erreurs {failures} ; modifications {len(sent) / seconds:.1f}/s pour "
          f"{asked / seconds:.1f}/s demandées ({len(late)} en retard) ; création d'un poste {create} ; "
          f"processeur du générateur {cpu['générateur'] / seconds * 100:.0f} % d'un cœur, des serveurs "
          f"{cpu['serveurs'] / seconds * 100:.0f} % ({cpu['serveurs'] / max(1, len(sent)) * 1000:.0f} ms "
          f"par modification)")


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


def _pids(postgres: ThrowawayPostgres | None, proxy, servers, loads) -> dict[str, list[int]]:
    """Whose processor time is counted (each with its direct children: workers, PostgreSQL backends)."""
    pids = {"serveurs": [server.pid for server in servers], "nginx": [proxy.pid],
            "générateur": [load.pid for load in loads]}
    if postgres is not None:
        pids["PostgreSQL"] = [postgres.pid()]
    return pids


def _cpu(pids: dict[str, list[int]], postgres: ThrowawayPostgres | None = None) -> dict[str, float]:
    found = {name: sum(cpu_seconds(pid) for pid in group) for name, group in pids.items()}
    if postgres is not None:  # backends that already exited too (a connection per use leaves at once)
        found["PostgreSQL"] = postgres.cpu_seconds()
    return found


def _profile(folder: Path | None, servers, seconds: float) -> list:
    """py-spy on each server during the load (``--profile``): collapsed stacks, one file per server."""
    if folder is None:
        return []
    spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if spy is None:
        print("py-spy manque (pip install py-spy) : pas de profil.")
        return []
    folder.mkdir(parents=True, exist_ok=True)
    return [subprocess.Popen([spy, "record", "-p", str(server.pid), "-f", "raw", "-r", "50", "-s",
                              "-d", str(int(seconds)), "-o", str(folder / f"serveur-{n}.txt")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for n, server in enumerate(servers, 1)]


def run(args, folder: Path, postgres: ThrowawayPostgres | None = None) -> None:
    """Set up, start the stack, load, measure, print; stop what was started."""
    started_setup = time.perf_counter()
    slots, creates = setup(folder / "data", args.seats, args.streams)
    print(f"Préparation : {time.perf_counter() - started_setup:.0f} s ; "
          f"création d'un poste ({args.engine}) : médiane {statistics.median(creates) * 1000:.0f} ms, "
          f"p95 {p95(creates) * 1000:.0f} ms", flush=True)
    ports, servers, proxy = [free_port(), free_port()], [], None
    context = multiprocessing.get_context("spawn")  # load processes share nothing with this one
    results, ready, go, finished = context.Queue(), context.Semaphore(0), context.Event(), context.Event()
    start_at = context.Value("d", 0.0)
    loads = []
    try:
        for port in ports:
            servers.append(start_server(folder / "data", port, threads=args.threads, workers=args.workers,
                                        log=folder / f"serve-{port}.log", trusted_proxy="127.0.0.1",
                                        timeout=180))
        front = free_port()
        proxy = start_nginx(folder / "nginx", front, ports)
        seats = [seat for slot in slots for seat in slot["seats"]]
        loads = [context.Process(target=consoles_process,
                                 args=(front, slots, args.duration, ready, go, start_at, finished, results))]
        share = args.load_processes
        loads += [context.Process(target=seats_process, args=(front, seats[n::share], args.every,
                                                               args.duration, ready, go, start_at, results))
                  for n in range(share)]
        for load in loads:
            load.start()
        deadline = time.monotonic() + 600
        for _ in loads:
            if not ready.acquire(timeout=max(0.1, deadline - time.monotonic())):
                print("Les processus de charge n'étaient pas prêts (connexions des postes et flux) après "
                      f"10 min : machine trop chargée (charge {os.getloadavg()[0]:.1f}). Rien mesuré.")
                return
        pids = _pids(postgres, proxy, servers, loads)
        if postgres is not None:
            postgres.checkpoint()
        start_at.value = time.time() + 1  # every load process plans from the same moment
        go.set()
        time.sleep(1)
        counted = pg_statements.start(postgres.url, postgres.pid()) if args.statements and postgres else None
        before, args.load_before = _cpu(pids, postgres), os.getloadavg()[0]
        spies = _profile(args.profile, servers, args.duration)
        parts = []
        while len(parts) < args.load_processes:
            kind, value = results.get(timeout=args.duration + 400)
            parts.append(value)
        after = _cpu(pids, postgres)  # the last answers are in: the load is over
        cpu = {name: after[name] - before[name] for name in pids}
        if postgres is not None:
            print(f"Connexions PostgreSQL ouvertes à la fin de la charge : {postgres.connections()}",
                  flush=True)
        for spy in spies:
            spy.wait(60)
        time.sleep(ARRIVAL_WAIT)  # the last changes reach their consoles; later ones count as lost
        finished.set()
        kind, consoles = results.get(timeout=60)
        merged = _merge(parts)
        report(args, merged, consoles, creates, cpu, args.duration)
        if counted is not None:
            pg_statements.report(postgres.url, postgres.pid(), counted, len(merged["sent"]))
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
    parser.add_argument("--profile", type=Path, help="dossier où py-spy écrit le profil de chaque serveur")
    parser.add_argument("--load-processes", type=int, default=3,
                        help="processus « postes » du générateur (plus un « consoles »)")
    parser.add_argument("--threads", type=int, default=160,
                        help="fils par processus (e5 serve --threads) : un par flux ouvert, plus les pages")
    parser.add_argument("--statements", action="store_true",
                        help="PostgreSQL : requêtes, connexions et transactions par modification")
    args = parser.parse_args()
    if not 1 <= args.streams <= args.seats:
        parser.error("il faut au moins un flux, et pas plus de flux que de postes")
    options = pg_statements.OPTIONS if args.statements else ""
    with bench_folder("e5-academie-", args.engine, options) as (folder, postgres):
        run(args, folder, postgres)

if __name__ == "__main__":
    main()
