"""What servers behind nginx need: a cheap health address; one secret key and one logins database, made
without error by processes that start together (the client's own address from nginx:
tests/grading/test_trusted_proxy.py)."""

from __future__ import annotations

import multiprocessing
import os

import pytest
from sqlalchemy.exc import OperationalError

from grading.app import create_app


def test_health_address_answers_without_login_or_cookie(tmp_path):
    client = create_app(tmp_path / "data", TESTING=True).test_client()
    answer = client.get("/sante")
    assert answer.status_code == 200 and answer.get_json() == {"etat": "ok"}
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in answer.headers


def test_health_address_says_when_the_grading_database_does_not_answer(tmp_path, monkeypatch):
    import grading.health

    def broken(_data):
        raise OperationalError("SELECT 1", {}, Exception("disque plein"))

    monkeypatch.setattr(grading.health, "reading", broken)
    answer = create_app(tmp_path / "data", TESTING=True).test_client().get("/sante")
    assert answer.status_code == 503
    assert answer.get_json()["raison"] == "La base de notation ne répond pas."


def _key_of(data: str, start, queue) -> None:
    from sandbox.web.app import _secret_key

    start.wait()
    queue.put(_secret_key(__import__("pathlib").Path(data)))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks processes that start at the same moment")
def test_processes_starting_together_share_one_secret_key(tmp_path):
    context = multiprocessing.get_context("fork")
    start, queue = context.Event(), context.Queue()
    children = [context.Process(target=_key_of, args=(str(tmp_path), start, queue)) for _ in range(6)]
    for child in children:
        child.start()
    start.set()
    keys = {queue.get(timeout=20) for _ in children}
    for child in children:
        child.join(10)
    assert len(keys) == 1 and keys == {(tmp_path / "secret_key").read_text().strip()}
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no candidate left behind


def _first_logins(data: str, start, queue) -> None:
    """Eight threads of one server process asking the logins database at once, for the first time."""
    import threading
    from pathlib import Path

    from sandbox.login_store import logins_db

    errors = []

    def ask():
        try:
            with logins_db(Path(data)) as conn:
                conn.execute("SELECT COUNT(*) FROM login_session, login_failure").fetchall()
        except Exception as exc:  # reported to the test
            errors.append(repr(exc))

    start.wait()
    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(errors)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks processes that start at the same moment")
def test_servers_starting_together_open_the_logins_database_without_error(tmp_path):
    # Two servers behind nginx, first console logins at once: « disk I/O error » or « no such table »
    # came out of the logins database's creation (seen by bench_academie as HTTP 500 on a login).
    context = multiprocessing.get_context("fork")
    errors = []
    for trial in range(12):
        start, queue = context.Event(), context.Queue()
        children = [context.Process(target=_first_logins, args=(str(tmp_path / f"d{trial}"), start, queue))
                    for _ in range(4)]
        (tmp_path / f"d{trial}").mkdir()
        for child in children:
            child.start()
        start.set()
        errors += [error for _ in children for error in queue.get(timeout=30)]
        for child in children:
            child.join(10)
    assert errors == []


@pytest.mark.skipif(not hasattr(__import__("select"), "poll"), reason="poll() only where the system has it")
def test_the_server_answers_with_more_than_1024_files_open(tmp_path):
    # A server following hundreds of seats holds that many files; select() cannot watch a socket past 1 024.
    import http.client
    import resource
    import threading

    from waitress import create_server

    from grading.cli_serve import WAITRESS

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("the system allows fewer than 1 200 open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [open(os.devnull, "rb") for _ in range(1100)]  # noqa: SIM115 — held open on purpose
    try:
        def hello(_environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]

        server = create_server(hello, host="127.0.0.1", port=0, threads=2, **WAITRESS)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"ok"
        conn.close()
        server.close()
    finally:
        for handle in held:
            handle.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
