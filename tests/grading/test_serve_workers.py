"""`e5 serve --workers 2`: several processes share the port and see the same data; SIGTERM stops them all."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.grading.http_client import Client, free_port, start_server


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                found.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT workers are a Linux feature")
def test_two_workers_serve_the_same_data_and_stop_together(data, tmp_path):
    port = free_port()
    server = start_server(data, port, threads=8, log=tmp_path / "serve.log", workers=2)
    try:
        workers = _children(server.pid)
        assert len(workers) >= 2, workers
        statuses = {Client(port).get("/console/connexion").status for _ in range(20)}
        assert statuses == {200}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
    assert all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT workers are a Linux feature")
def test_two_workers_never_share_a_database_connection(data, tmp_path):
    # Found behind nginx on PostgreSQL: the workers, forked after the start-up checks had read the
    # databases, used the parent's pooled connection together (« prepared statement "_pg3_0" already
    # exists », a 500 on the class view; now os.register_at_fork). A seat made outside is looked up by
    # each worker on the server's catalogue: the same query more than 5 times (psycopg then prepares it).
    from grading.accounts import create_user
    from sandbox.seats import create_seat

    create_user(data, "chef", "chef-2027-workers", role="admin")  # e5 serve reads it before starting
    port = free_port()
    server = start_server(data, port, threads=8, log=tmp_path / "serve.log", workers=2)
    try:
        statuses = []
        for n in range(8):
            create_seat(data, f"poste-{n}")
            statuses += [Client(port).get(f"/s/poste-{n}/").status for _ in range(6)]  # new connections
        statuses += [Client(port).get("/sante").status for _ in range(10)]
        assert set(statuses) == {200}, statuses
        assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_the_process_count_is_checked(tmp_path):
    from click.testing import CliRunner

    from grading.cli import cli

    result = CliRunner().invoke(cli, ["--data", str(tmp_path), "serve", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


@pytest.mark.parametrize("workers", [1, 2])
def test_a_server_that_cannot_start_says_why_in_french(data, tmp_path, workers):
    import socket
    import subprocess

    from tests.grading.http_client import ROOT

    with socket.socket() as taken:  # another program already listens on that port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-c", "from grading.cli import main; main()", "--data", str(data), "serve",
             "--port", str(port), "--workers", str(workers)],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode != 0
    expected = "n'a pas pu démarrer" if workers == 1 else "un processus serveur s'est arrêté"
    assert expected in run.stderr, run.stderr
