"""Issue 11, seat side: login throttling (both back offices, the shop's customers) and logins that end
server-side at logout (a copied cookie dies with it) but never expire while a candidate is idle."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from grading.app import create_app
from sandbox import login_sessions, security, throttle
from sandbox.db.storage import storage_for
from sandbox.login_store import logins_db
from sandbox.models import Employee
from sandbox.seats import create_seat, get_seat, reset_seat, set_practice
from tests.integration.shop_admin_helpers import csrf_token, text

SHOP = "/s/{seat}/boutique/admin"
SITE = "/s/{seat}/site/admin"
# Both seat back offices: login page, name field, the seat's name for it, a page behind the login.
DOORS = {
    "boutique": (SHOP, "email", lambda seat: seat.login, "/produits"),
    "site": (SITE, "login", lambda seat: seat.site_login, "/articles"),
}


class _Spy:
    """The Argon2 hasher, with its verifications recorded (or replaced)."""

    def __init__(self, hasher, checked: list, verify=None):
        self.hasher, self.checked, self.replacement = hasher, checked, verify

    def hash(self, password):
        return self.hasher.hash(password)

    def verify(self, stored, password):
        self.checked.append(stored)
        return (self.replacement or self.hasher.verify)(stored, password)


@pytest.fixture
def delays(monkeypatch) -> list[float]:
    """The progressive delays the throttle asked for (recorded instead of waited)."""
    asked: list[float] = []
    monkeypatch.setattr(throttle, "sleep", asked.append)
    return asked


def _login(client, door: str, seat, name: str | None = None, password: str | None = None):
    base, field, default_name, _page = DOORS[door]
    url = f"{base.format(seat=seat.name)}/login"
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(page), field: name or default_name(seat),
                                  "password": password or seat.password})


def _logged_in(client, door: str, seat) -> bool:
    base, _field, _name, page = DOORS[door]
    return client.get(f"{base.format(seat=seat.name)}{page}").status_code == 200


@pytest.mark.parametrize("door", DOORS)
def test_repeated_wrong_passwords_slow_down_then_lock_the_account(client, seat, delays, door):
    for _ in range(throttle.ACCOUNT_LOCK_AFTER):
        assert _login(client, door, seat, password="pas-le-bon").status_code == 200
    # Typos are free, then each failure waits longer.
    assert delays[:throttle.FREE_FAILURES] == [0.0] * throttle.FREE_FAILURES
    assert 0 < delays[throttle.FREE_FAILURES] < delays[throttle.FREE_FAILURES + 1] <= throttle.MAX_DELAY
    locked = _login(client, door, seat)  # the right password, too late
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 60
    assert "Trop de tentatives de connexion échouées : réessayez dans 15 minutes." in text(
        locked.get_data(as_text=True))
    assert not _logged_in(client, door, seat)


def test_a_locked_account_is_locked_in_its_own_seat_and_back_office_only(client, data, seat, delays):
    for _ in range(throttle.ACCOUNT_LOCK_AFTER):
        _login(client, "boutique", seat, password="pas-le-bon")
    assert _login(client, "boutique", seat).status_code == 429
    other = create_seat(data, "poste-b")
    assert other.login == seat.login  # the same e-mail, in another candidate's seat: not locked
    assert _login(client, "boutique", other).status_code == 302


def test_the_lock_is_shared_by_every_server_process(data, seat, delays):
    # A second application on the same data folder stands for a second process of « e5 serve --workers 2 ».
    first, second = create_app(data, TESTING=True).test_client(), create_app(data, TESTING=True).test_client()
    for _ in range(throttle.ACCOUNT_LOCK_AFTER):
        _login(first, "boutique", seat, password="pas-le-bon")
    assert _login(second, "boutique", seat).status_code == 429


def test_one_client_address_guessing_many_accounts_is_locked(client, seat, delays):
    for n in range(throttle.ADDRESS_LOCK_AFTER):
        _login(client, "site", seat, name=f"inconnu-{n}", password="pas-le-bon")
    assert _login(client, "boutique", seat).status_code == 429  # the address, whatever the door
    other = create_app(client.application.config["E5_DATA"], TESTING=True).test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"  # another candidate's machine is not locked out
    assert _login(other, "boutique", seat).status_code == 302


def test_a_success_forgets_the_account_failures(client, seat, delays):
    for _ in range(throttle.ACCOUNT_LOCK_AFTER - 1):
        _login(client, "boutique", seat, password="pas-le-bon")
    assert _login(client, "boutique", seat).status_code == 302
    client.post(f"{SHOP.format(seat=seat.name)}/logout", data={
        "csrf_token": csrf_token(client.get(f"{SHOP.format(seat=seat.name)}/").get_data(as_text=True))})
    assert _login(client, "boutique", seat, password="pas-le-bon").status_code == 200


def test_the_shop_customer_login_is_throttled_too(client, seat, delays):
    url = f"/s/{seat.name}/boutique/connexion"
    for _ in range(throttle.ACCOUNT_LOCK_AFTER + 1):
        page = client.get(url).get_data(as_text=True)
        answer = client.post(url, data={"csrf_token": csrf_token(page), "email": "pub@example.com",
                                        "password": "pas-le-bon"})
    assert answer.status_code == 429 and "Trop de tentatives" in answer.get_data(as_text=True)


def test_an_unknown_account_costs_the_same_argon2_work(client, seat, delays, monkeypatch):
    checked: list[str] = []
    monkeypatch.setattr(security, "_hasher", _Spy(security._hasher, checked))
    _login(client, "boutique", seat, name="personne@example.com", password="pas-le-bon")
    _login(client, "site", seat, name="personne", password="pas-le-bon")
    assert len(checked) == 2 and all(h.startswith("$argon2id$v=19$m=19456,t=2,p=1$") for h in checked)


def test_concurrent_argon2_verifications_are_bounded(monkeypatch):
    running, most = [0], [0]
    lock = threading.Lock()

    def slow_verify(_hash, _password):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return False

    monkeypatch.setattr(security, "_hasher", _Spy(security._hasher, [], slow_verify))
    threads = [threading.Thread(target=security.check_password, args=("$argon2id$x", "y")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == security.HASH_SLOTS._initial_value == 2


@pytest.mark.parametrize("door", DOORS)
def test_logout_ends_the_session_for_a_copied_cookie_too(client, data, seat, door):
    assert _login(client, door, seat).status_code == 302
    copy = create_app(data, TESTING=True).test_client()
    copy.set_cookie("e5_session", client.get_cookie("e5_session").value)
    assert _logged_in(copy, door, seat)
    base = DOORS[door][0].format(seat=seat.name)
    page = client.get(f"{base}/").get_data(as_text=True)
    client.post(f"{base}/logout", data={"csrf_token": csrf_token(page)})
    assert not _logged_in(client, door, seat)
    assert not _logged_in(copy, door, seat)


def test_a_seat_login_never_expires_while_the_candidate_is_idle(client, data, seat):
    _login(client, "boutique", seat)
    with logins_db(data) as conn:  # two days without a request (a console login would have ended)
        conn.execute("UPDATE login_session SET seen_at = seen_at - 2 * 86400")
    assert _logged_in(client, "boutique", seat)


def test_each_login_starts_a_new_session(client, data, seat):
    _login(client, "boutique", seat)
    before = client.get_cookie("e5_session").value
    base = SHOP.format(seat=seat.name)
    token = csrf_token(client.get(f"{base}/").get_data(as_text=True))
    again = client.post(f"{base}/login",
                        data={"csrf_token": token, "email": seat.login, "password": seat.password})
    assert again.status_code == 302 and _logged_in(client, "boutique", seat)
    old = create_app(data, TESTING=True).test_client()
    old.set_cookie("e5_session", before)
    assert not _logged_in(old, "boutique", seat)  # the earlier session of this browser ended
    assert login_sessions.account_of(data, f"{seat.name}:x:employee", "inconnu") is None


def test_a_seat_reset_forgets_its_login_sessions(client, data, seat):
    _login(client, "boutique", seat)
    _login(client, "site", seat)
    reset_seat(data, seat.name)
    with logins_db(data) as conn:
        assert conn.execute("SELECT COUNT(*) FROM login_session").fetchone()[0] == 0
    assert not _logged_in(client, "boutique", seat) and not _logged_in(client, "site", seat)


def test_an_idle_console_session_ends_after_the_idle_time_and_is_kept_alive_by_use(data):
    """The console's sessions end after CONSOLE_IDLE_SECONDS without a request; a request refreshes them at
    most once a minute (no write on every request)."""
    day = 86400
    token = login_sessions.start(data, "console", 7)

    def seen_ago(seconds: float) -> float:
        moment = time.time() - seconds
        with logins_db(data) as conn:
            conn.execute("UPDATE login_session SET seen_at = ? WHERE token = ?", (moment, token))
        return moment

    def seen_at() -> float:
        with logins_db(data) as conn:
            return conn.execute("SELECT seen_at FROM login_session WHERE token = ?", (token,)).fetchone()[0]

    assert login_sessions.account_of(data, "console", token, day) == "7"
    assert login_sessions.account_of(data, "poste-a:x:employee", token, day) is None  # another scope
    seen = seen_ago(30)  # used half a minute ago: not written again
    assert login_sessions.account_of(data, "console", token, day) == "7" and seen_at() == seen
    seen_ago(day - 60)  # nearly a day: still open, and seen now
    assert login_sessions.account_of(data, "console", token, day) == "7"
    assert time.time() - seen_at() < 60
    seen_ago(day + 60)  # idle for more than a day: ended, and forgotten
    assert login_sessions.account_of(data, "console", token, day) is None
    seen_ago(0)  # not even a fresh « last seen » brings it back
    assert login_sessions.account_of(data, "console", token, day) is None
    assert login_sessions.account_of(data, "console", None, day) is None


def test_resetting_a_seat_keeps_the_logins_of_a_seat_whose_name_starts_alike(client, data, seat):
    other = create_seat(data, "poste-a2")
    _login(client, "boutique", seat)
    _login(client, "boutique", other)
    reset_seat(data, seat.name)
    assert not _logged_in(client, "boutique", seat)
    assert _logged_in(client, "boutique", other)


def test_logging_out_of_one_back_office_keeps_the_other(client, seat):
    _login(client, "boutique", seat)
    _login(client, "site", seat)
    base = SHOP.format(seat=seat.name)
    page = client.get(f"{base}/").get_data(as_text=True)
    client.post(f"{base}/logout", data={"csrf_token": csrf_token(page)})
    assert not _logged_in(client, "boutique", seat) and _logged_in(client, "site", seat)


@pytest.mark.parametrize("door", DOORS)
def test_the_account_name_is_typed_loosely(client, seat, door):
    name = DOORS[door][2](seat)
    assert _login(client, door, seat, name=f"  {name.upper()} ").status_code == 302
    assert _logged_in(client, door, seat)


def test_a_disabled_employee_is_refused_next_to_the_email(client, data, seat):
    with Session(storage_for(data).engine("seats", seat.name)) as db:
        db.get(Employee, 1).active = False
        db.commit()
    refused = _login(client, "boutique", seat)
    assert refused.status_code == 200 and not _logged_in(client, "boutique", seat)
    assert "Ce compte employé est désactivé : demandez à un administrateur de le réactiver." in text(
        refused.get_data(as_text=True))
    assert "Adresse e-mail ou mot de passe incorrect." not in text(refused.get_data(as_text=True))


def test_a_timed_practice_seat_starts_its_timer_at_the_first_login(client, data, seat):
    set_practice(data, seat.name, show_observables=False, minutes=30)
    before = datetime.now().replace(microsecond=0)
    _login(client, "site", seat)
    deadline = datetime.fromisoformat(get_seat(data, seat.name).deadline)
    assert before + timedelta(minutes=30) <= deadline <= datetime.now() + timedelta(minutes=30)
    _login(client, "boutique", seat)  # a later login never moves it
    assert get_seat(data, seat.name).deadline == deadline.isoformat()
    untimed = create_seat(data, "poste-b")
    set_practice(data, untimed.name, show_observables=False)
    _login(client, "site", untimed)
    assert get_seat(data, untimed.name).deadline == ""
    _login(client, "site", create_seat(data, "poste-c"))  # an exam seat: the console's timer decides
    assert get_seat(data, "poste-c").deadline == ""
