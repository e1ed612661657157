"""The load processes of bench_academie: candidates changing notes through the back office, consoles
following their slot's stream. They run on the same cores as the servers, so they are kept cheap (several
processes, one keep-alive connection per person, threads asleep between requests, no polling) and honest:
each candidate follows a fixed schedule, so a slow server shows as lateness and latency, not as fewer
requests, and a change that could not be sent before the end is counted, not forgotten.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from types import SimpleNamespace

from tests.grading.http_client import Client

PASSWORD = "examen-2027-bench"
CUSTOMER = 1  # any customer: the note is what changes
ON_TIME = 1.0  # seconds: a change sent later than this after its planned moment counts as late
STREAM_TIMEOUT = 45  # seconds without a byte before a stream counts as cut (the server beats every 15 s)


def _local(start_at: float) -> float:
    """The shared start (wall clock, set by the parent) on this process's monotonic clock."""
    return time.monotonic() + (start_at - time.time())


def _follow(port: int, slot: dict, out: dict, connected: threading.Semaphore,
            closing: threading.Event) -> None:
    """One console: log in through nginx, read the slot's stream, note when each token arrives."""
    try:
        client = Client(port, timeout=30)
        client.console_login(slot["examiner"], PASSWORD)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=STREAM_TIMEOUT)
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
            line = response.readline().decode("utf-8")  # blocks: no polling
            if not line:
                break
            if first and line.strip():
                first = False
                connected.release()
            if line.startswith("event: "):
                kind = line[7:].strip()
            elif line.startswith("data: ") and kind == "activity" and "bench-" in line:
                moment = time.monotonic()
                for value in json.loads(line[6:]).get("changes", {}).get("note", [None, None])[1:]:
                    if value and value.startswith("bench-"):
                        out["arrived"][value] = moment
    except Exception as exc:  # closing the connection under the reader ends it with any of several errors
        if not closing.is_set():
            out["errors"].append(f"flux du créneau {slot['id']} interrompu ({exc!r})")


def _console_pages(port: int, slot: dict, out: dict, start_at, duration: float) -> None:
    """Time the slot console page once a second, on a fixed schedule, while the load runs."""
    client = Client(port, timeout=30)
    try:
        client.console_login(slot["examiner"], PASSWORD)
    except Exception as exc:  # counted, not lost in the thread
        out["errors"].append(f"console {slot['id']} : connexion impossible ({type(exc).__name__})")
        return
    start = _local(start_at.value)
    for k in range(int(duration)):
        time.sleep(max(0.0, start + k - time.monotonic()))
        began = time.monotonic()
        try:
            answer = client.get(f"/console/creneaux/{slot['id']}/")
        except Exception as exc:  # a timed-out connection is dropped, the next request opens another
            client.close()
            out["errors"].append(f"page du créneau {slot['id']} : {type(exc).__name__}")
            continue
        out["pages"].append(time.monotonic() - began)
        if answer.status != 200:
            out["errors"].append(f"page du créneau {slot['id']} : HTTP {answer.status}")


def consoles_process(port: int, slots: list[dict], duration: float, ready, go, start_at, finished,
                     results) -> None:
    """The « consoles » load process: every stream, then a few timed console pages, until told to finish."""
    out = {"arrived": {}, "pages": [], "errors": [], "streams": []}
    connected, closing = threading.Semaphore(0), threading.Event()
    for slot in slots:
        threading.Thread(target=_follow, args=(port, slot, out, connected, closing), daemon=True).start()
    deadline = time.monotonic() + 180  # one deadline for all: a stream that never answers costs it once
    for _ in slots:
        connected.acquire(timeout=max(0.1, deadline - time.monotonic()))
    ready.release()
    go.wait()
    pagers = [threading.Thread(target=_console_pages, args=(port, slot, out, start_at, duration), daemon=True)
              for slot in slots[:5]]
    for thread in pagers:
        thread.start()
    finished.wait()
    closing.set()
    for conn in out.pop("streams"):
        conn.close()
    results.put(("consoles", out))


def _work(port: int, seat: tuple, out: dict, go, start_at, duration: float, every: float,
          logins: threading.Semaphore) -> None:
    """One busy candidate: change a customer's note through the back office at planned moments, one
    every ``every`` s from a random phase; a change is sent when planned, or as soon as the previous one
    is answered (then it is late)."""
    name, login, password = seat
    client, rng = Client(port, timeout=30), random.Random(name)
    path = f"/s/{name}/boutique/admin/clients/{CUSTOMER}"
    try:
        with logins:  # a room logs in over a few minutes, not all in the same second
            client.seat_login(SimpleNamespace(name=name, login=login, password=password))
            token = client.token(path)
    except Exception as exc:  # counted, not lost in the thread
        out["errors"].append(f"{name} : connexion impossible ({exc!r})")
        return
    finally:
        out["logged"].release()
    go.wait()
    start = _local(start_at.value)
    planned = [start + rng.uniform(0, every) + k * every for k in range(int(duration / every) + 1)]
    planned = [moment for moment in planned if moment < start + duration]
    out["asked"].append(len(planned))
    for n, moment in enumerate(planned, 1):
        if time.monotonic() >= start + duration:
            out["unsent"].append(len(planned) - n + 1)  # still answering earlier ones when the load ended
            return
        time.sleep(max(0.0, moment - time.monotonic()))
        note, sent = f"bench-{name}-{n}", time.monotonic()
        out["lateness"].append(sent - moment)
        try:
            answer = client.post_form(f"{path}/note", {"csrf_token": token, "note": note})
            answered = time.monotonic()
            out["posts"].append(answered - sent)
            if answer.status != 302 or f"/clients/{CUSTOMER}" not in answer.headers.get("Location", ""):
                out["errors"].append(f"{name} : HTTP {answer.status} {answer.headers.get('Location', '')}")
                continue
            out["sent"][note] = (sent, answered)
            page = client.get(answer.headers["Location"])  # as a browser does (with its flash message)
            out["pages"].append(time.monotonic() - answered)
            if page.status != 200:
                out["errors"].append(f"{name} : page HTTP {page.status}")
        except Exception as exc:  # a timed-out connection is dropped, the next request opens another
            client.close()
            out["errors"].append(f"{name} : {type(exc).__name__}")


def seats_process(port: int, seats: list[tuple], every: float, duration: float, ready, go, start_at,
                  results) -> None:
    """A « postes » load process: log its candidates in, say so, then follow their schedules."""
    out = {"sent": {}, "posts": [], "pages": [], "lateness": [], "errors": [], "asked": [], "unsent": [],
           "logged": threading.Semaphore(0)}
    logins = threading.BoundedSemaphore(4)
    threads = [threading.Thread(target=_work, args=(port, seat, out, go, start_at, duration, every, logins),
                                daemon=True) for seat in seats]
    for thread in threads:
        thread.start()
    for _ in seats:
        out["logged"].acquire()
    ready.release()
    for thread in threads:
        thread.join(duration + 300)
    del out["logged"]
    results.put(("seats", out))
