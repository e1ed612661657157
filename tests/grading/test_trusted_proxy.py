"""`e5 serve --trusted-proxy`: behind nginx, the login throttle counts each candidate's own address."""

from __future__ import annotations

import signal

from sandbox.login_store import logins_db
from tests.grading.http_client import Client, free_port, start_server


def _failed_login_from(port: int, forwarded_for: str) -> None:
    client = Client(port)
    token = client.token("/console/connexion")
    answer = client.request(
        "POST", "/console/connexion",
        f"csrf_token={token}&username=personne&password=faux".encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwarded_for},
    )
    assert answer.status == 200 and "incorrect" in answer.text.lower(), answer.text[:300]


def _address_keys(data) -> set[str]:
    with logins_db(data) as conn:
        return {row[0] for row in conn.execute("SELECT key FROM login_failure WHERE key LIKE 'adresse:%'")}


def test_forwarded_address_is_used_only_from_the_trusted_proxy(data, tmp_path):
    port = free_port()
    server = start_server(data, port, threads=4, log=tmp_path / "proxied.log", trusted_proxy="127.0.0.1")
    try:
        _failed_login_from(port, "203.0.113.7")
        _failed_login_from(port, "203.0.113.8")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
    assert _address_keys(data) == {"adresse:203.0.113.7", "adresse:203.0.113.8"}


def test_without_a_trusted_proxy_the_header_is_ignored(data, tmp_path):
    port = free_port()
    server = start_server(data, port, threads=4, log=tmp_path / "direct.log")
    try:
        _failed_login_from(port, "203.0.113.7")  # a candidate can't dodge the throttle by forging it
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
    assert _address_keys(data) == {"adresse:127.0.0.1"}
