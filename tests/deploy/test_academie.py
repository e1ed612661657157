"""An académie's set-up on loopback: Debian's nginx with the repository's configuration in front of two
`e5 serve` processes sharing one data folder. A login made through one server is valid on the other (shared
secret key and server-side login sessions, logout included), a seat changed through one is seen through
the other, and a console stream through nginx receives the changes made on either server."""

from __future__ import annotations

import http.client
import json
import signal
import sys
import time

import pytest

from grading.accounts import create_user
from sandbox.seats import create_seat
from tests.conftest import copy_data, drop_data
from tests.deploy.nginx import start_nginx, stop_nginx
from tests.grading.http_client import TOKEN, Client, free_port, start_server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian's nginx: Linux only")

PASSWORD = "academie-2027-test"
NOTE_PAGE = "/s/poste-1/boutique/admin/clients/1"


@pytest.fixture(scope="module")
def academie(installed_data, tmp_path_factory):
    """Ports of nginx and of the two servers, and the seat, on one shared data folder."""
    data = copy_data(installed_data, tmp_path_factory.mktemp("academie") / "data")
    create_user(data, "admin", PASSWORD, "admin", "Administratrice du centre")
    seat = create_seat(data, "poste-1")
    ports = [free_port(), free_port()]
    servers = []
    proxy = None
    try:
        for port in ports:
            servers.append(start_server(data, port, threads=16, log=data.parent / f"serve-{port}.log",
                                        trusted_proxy="127.0.0.1"))
        front = free_port()
        proxy = start_nginx(data.parent / "nginx", front, ports)
        yield {"front": front, "servers": ports, "seat": seat, "log": data.parent / "nginx" / "access.log"}
    finally:
        if proxy is not None:
            stop_nginx(proxy)
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(20)
        drop_data(data)


def _same_browser(port: int, other: Client) -> Client:
    """A client on another port carrying the same cookies (the same browser, routed elsewhere)."""
    client = Client(port)
    client.cookies = dict(other.cookies)
    return client


def _logged_in_console(client: Client) -> bool:
    answer = client.get("/console/admin/")
    shown = ("Administratrice du centre", "Déconnexion")
    return answer.status == 200 and all(text in answer.text for text in shown)


def test_a_console_login_through_nginx_opens_both_servers_and_a_logout_closes_both(academie):
    browser = Client(academie["front"])
    browser.console_login("admin", PASSWORD)
    first, second = (_same_browser(port, browser) for port in academie["servers"])
    assert _logged_in_console(first) and _logged_in_console(second)
    token = TOKEN.search(first.get("/console/admin/").text).group(1)
    assert first.post_form("/console/deconnexion", {"csrf_token": token}).status == 302
    # The session ended on the server side: the same cookie no longer opens the other server either.
    assert second.get("/console/admin/").status == 302
    assert not _logged_in_console(_same_browser(academie["front"], browser))


def _change_note(client: Client, note: str) -> None:
    token = client.token(NOTE_PAGE)
    answer = client.post_form(f"{NOTE_PAGE}/note", {"csrf_token": token, "note": note})
    assert answer.status == 302, answer.text[:300]


def test_a_seat_changed_through_one_server_is_seen_through_the_other(academie):
    first_port, second_port = academie["servers"]
    candidate = Client(first_port)
    candidate.seat_login(academie["seat"])
    _change_note(candidate, "Rappeler la cliente mardi (serveur 1)")
    page = _same_browser(second_port, candidate).get(NOTE_PAGE)
    assert page.status == 200 and "Rappeler la cliente mardi (serveur 1)" in page.text


def _read_events(response: http.client.HTTPResponse, wanted: set[str], seconds: float) -> set[str]:
    """Notes seen in the stream's activity events until every wanted one arrived (or time is up)."""
    seen, kind, deadline = set(), "", time.monotonic() + seconds
    while time.monotonic() < deadline and not wanted <= seen:
        line = response.readline().decode("utf-8")
        if line.startswith("event: "):
            kind = line[7:].strip()
        elif line.startswith("data: ") and kind == "activity":
            note = json.loads(line[6:]).get("changes", {}).get("note", [None, None])[1]
            seen.add(note)
    return seen & wanted


def test_a_console_stream_through_nginx_receives_changes_made_on_either_server(academie):
    examiner = Client(academie["front"])
    examiner.console_login("admin", PASSWORD)
    stream = http.client.HTTPConnection("127.0.0.1", academie["front"], timeout=15)
    stream.request("GET", "/console/postes/poste-1/flux",
                   headers={"Accept": "text/event-stream", "Cookie": examiner.cookie_header()})
    response = stream.getresponse()
    try:
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")
        notes = set()
        for n, port in enumerate(academie["servers"], start=1):
            candidate = Client(port)
            candidate.seat_login(academie["seat"])
            notes.add(f"Note posée sur le serveur {n}")
            _change_note(candidate, f"Note posée sur le serveur {n}")
        assert _read_events(response, notes, seconds=10) == notes
    finally:
        stream.close()


def _servers_of(log, path: str) -> set[str]:
    """The servers nginx passed that address to, read from its access log ($request_uri $upstream_addr)."""
    lines = log.read_text(encoding="utf-8").splitlines()
    return {line.split(" ", 1)[1] for line in lines if line.split(" ", 1)[0] == path}


def test_a_seats_requests_go_to_one_server_and_the_others_to_both(academie):
    for _ in range(12):
        assert Client(academie["front"]).get("/s/poste-1/boutique/").status == 200
        assert Client(academie["front"]).get("/console/connexion").status == 200
    time.sleep(0.2)  # nginx writes its log line once the answer is sent
    assert len(_servers_of(academie["log"], "/s/poste-1/boutique/")) == 1  # its connections stay on one
    assert len(_servers_of(academie["log"], "/console/connexion")) == 2


def test_health_address_through_nginx(academie):
    answer = Client(academie["front"]).get("/sante")
    assert answer.status == 200 and answer.json() == {"etat": "ok"}


def test_no_server_answering_gives_a_french_page(tmp_path):
    # Both servers stopped for an update: the PCs read why in French, not nginx's « 502 Bad Gateway ».
    front = free_port()
    proxy = start_nginx(tmp_path / "nginx", front, [free_port(), free_port()], ready=503)  # nothing listens
    try:
        for path in ("/console/", "/s/poste-1/boutique/", "/sante"):
            answer = Client(front).get(path)
            assert answer.status == 503 and answer.headers.get("Retry-After") == "30", (path, answer.status)
            assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
            assert "Service momentanément indisponible" in answer.text and "Bad Gateway" not in answer.text
    finally:
        stop_nginx(proxy)
