"""Browser tests: Debian's Chromium through Playwright, against a real server thread on loopback."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.conftest import copy_data, drop_data

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMINER = ("examinateur", "examen-2027")
ADMIN = ("responsable", "responsable-2027")  # the centre administrator: follows every exam seat

# Playwright's 5 s for an assertion to come true is short on a loaded 2-core CI machine (both engines'
# suites at once): a page or a redirect can take longer there. A wait ends as soon as its condition holds, so
# this costs nothing when things go well; what must be fast (live updates) keeps its own bound (LIVE).
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items):
    """Every test under tests/browser carries the browser marker."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium, with no background traffic (closed network)."""
    return {**browser_type_launch_args,
            "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
            "args": CHROMIUM_ARGS}


@dataclass
class LiveServer:
    """A running server: its base URL and its data folder."""

    url: str
    data: Path


@pytest.fixture(scope="module")
def live(installed_data, tmp_path_factory) -> LiveServer:
    """The whole application served by a real HTTP server thread on a copy of the installed data."""
    from grading.accounts import create_user
    from grading.app import create_app
    from grading.console.live import close_all_streams

    data = copy_data(installed_data, tmp_path_factory.mktemp("live") / "data")
    create_user(data, EXAMINER[0], EXAMINER[1], "examiner", "Mme Examinatrice")
    create_user(data, ADMIN[0], ADMIN[1], "admin", "M. Responsable")
    server = make_server("127.0.0.1", 0, create_app(data), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", data)
    close_all_streams()  # streams of closed pages must not keep polling during the next modules
    server.shutdown()
    drop_data(data)  # PostgreSQL: the module's databases (~20 MB a seat, in memory) go with it


def console_login(page, live: LiveServer, account: tuple[str, str] = EXAMINER) -> None:
    """Log a centre account (the examiner unless told) into the console."""
    page.goto(f"{live.url}/console/connexion")
    page.get_by_label("Identifiant").fill(account[0])
    page.get_by_label("Mot de passe").fill(account[1])
    page.get_by_role("button", name="Se connecter").click()


def pick_practice_name(page, live: LiveServer, code: str, name: str) -> None:
    """A student's side of a practice session: the class address, the code shown on the board, a name."""
    page.goto(f"{live.url}/entrainement/")
    page.get_by_label("Code de la classe").fill(code)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Votre nom").select_option(label=name)
    page.get_by_role("button", name="Ouvrir mon poste").click()


def join_practice(browser, live: LiveServer, code: str, name: str):
    """A student in a browser of their own (code typed in lower case) picks their name, opens their seat;
    returns the seat's page, its login and its password."""
    page = browser.new_context().new_page()
    pick_practice_name(page, live, code.lower(), name)
    login = page.locator("[data-login]").inner_text()
    password = page.locator("[data-password]").inner_text()
    page.get_by_role("link", name="ouvrez votre poste").click()
    return page, login, password


def seat_feed(browser, live: LiveServer, seat):
    """The console's live activity list of a seat, as the centre administrator follows it (any seat)."""
    examiner = browser.new_context().new_page()
    console_login(examiner, live, ADMIN)
    examiner.goto(f"{live.url}/console/postes/{seat.name}/")
    feed = examiner.get_by_role("list", name=f"Activité du poste {seat.name}")
    expect(feed).to_be_attached()
    return feed
