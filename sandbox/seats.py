"""Seats: disposable copies of a prepared template database, one per candidate or student.

Creating or resetting a seat is a database copy, never a re-seed. Each seat gets its own
password (written in the seat's accounts) and a session epoch that a reset renews, so that a
login in one seat never opens another one and a reset logs everybody out of that seat.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sandbox import login_sessions
from sandbox.db.storage import storage_for
from sandbox.models import Employee, Setting, SiteUser
from sandbox.paths import private_file, write_private
from sandbox.security import generate_password, hash_seat_password

SEAT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# The seeded accounts that the seat's credentials open (id 1 in both back offices).
CANDIDATE_EMPLOYEE_ID = 1
CANDIDATE_SITE_USER_ID = 1
SEAT_KEY_FILE = "seat_key"
# Templates the studio prepares for « Essayer comme candidat » (sandbox.subjects.studio.trial): an author's
# trial, never the default template nor a subject offered for a slot or a practice session.
TRIAL_TEMPLATE = re.compile(r"subject-essai-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}")


class SeatError(Exception):
    """A seat operation that cannot be done; the message is for the user, in French."""


@dataclass
class Seat:
    """What a seat card shows, and where the seat comes from."""

    name: str
    template: str
    login: str
    site_login: str
    password: str
    password_hash: str
    created_at: str
    reset_at: str = ""
    subject: str = ""
    deadline: str = ""  # ISO moment after which the seat is read-only (the end of the test)
    locked: bool = False
    practice: bool = False  # a practice seat (never an exam seat): its student may reset it
    show_observables: bool = False  # practice only: the « Sujet » page shows the seat's observables
    minutes: int = 0  # practice only: the duration; the timer starts at the student's first login

    def read_only(self, now: datetime | None = None) -> bool:
        """Whether changes are refused: locked by the examiner, or past its deadline."""
        if self.locked:
            return True
        return bool(self.deadline) and (now or datetime.now()) >= datetime.fromisoformat(self.deadline)

    @property
    def reset_moment(self) -> datetime | None:
        """When the seat was last reset (shown as 07/12/2026 04:16), None if never."""
        return datetime.fromisoformat(self.reset_at) if self.reset_at else None

    def url(self, base: str = "") -> str:
        """Address of the seat's home page."""
        return f"{base}/s/{self.name}/"


def _meta_path(data: Path, name: str) -> Path:
    return storage_for(data).meta_path("seats", name)


def _save(data: Path, seat: Seat) -> None:
    # Private (it holds the seat's password) and atomic: other server processes never read half of it.
    write_private(_meta_path(data, seat.name), json.dumps(asdict(seat), ensure_ascii=False, indent=2))


def check_seat_name(name: str) -> None:
    """Refuse a name that cannot be a seat (used in URLs and file names)."""
    if not SEAT_NAME.match(name or ""):
        raise SeatError(
            f"Nom de poste « {name} » invalide : utilisez 1 à 40 caractères parmi a-z, 0-9 et « - », "
            "en commençant par une lettre ou un chiffre (exemple : poste-1)."
        )


_read: dict[Path, tuple[tuple[int, int, int], dict]] = {}  # card file → (its stat, its content)


def get_seat(data: Path, name: str) -> Seat:
    """The seat of that name, or SeatError."""
    path = _meta_path(data, name)
    try:
        stat = path.stat() if SEAT_NAME.match(name or "") else None
    except FileNotFoundError:
        stat = None
    if stat is None:
        raise SeatError(f"Le poste « {name} » n'existe pas. Créez-le avec : e5 seat create {name}")
    # Every request of a seat reads its card: parse it again only when the file was replaced.
    signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    known = _read.get(path)
    if known is None or known[0] != signature:
        known = _read[path] = (signature, json.loads(path.read_text(encoding="utf-8")))
    return Seat(**known[1])


def list_seats(data: Path) -> list[Seat]:
    """Every seat of the data folder, by name."""
    return [
        get_seat(data, name) for name in storage_for(data).names("seats") if _meta_path(data, name).exists()
    ]


def keep_spares_ready(data: Path) -> threading.Thread:
    """Have spare seats made, in a background thread, for every template that seats were made from (a
    server starting: its first creates and resets are then renames on PostgreSQL, not copies)."""
    def run() -> None:
        storage_for(data).keep_spares(sorted({seat.template for seat in list_seats(data)}))

    thread = threading.Thread(target=run, name="e5 spares at start", daemon=True)
    thread.start()
    return thread


def is_trial_template(name: str) -> bool:
    """Whether a template is a studio trial (``subject-essai-<draft>-<date>``)."""
    return bool(TRIAL_TEMPLATE.fullmatch(name))


def default_template(data: Path) -> str:
    """The template to copy when none is named: the only installed one (studio trials do not count)."""
    names = [n for n in storage_for(data).names("templates") if not is_trial_template(n)]
    if not names:
        raise SeatError("Aucun contexte installé : lancez d'abord « e5 context install contexts/<id> ».")
    if len(names) > 1:
        raise SeatError("Plusieurs modèles sont installés (" + ", ".join(names) + ") : précisez --template.")
    return names[0]


def seat_key(data: Path) -> bytes:
    """The data folder's key of seat password hashes (made once, private; see sandbox.security)."""
    path = Path(data) / SEAT_KEY_FILE
    if not path.exists():
        # Made aside then linked into place: of two processes starting together, one key wins for both.
        partial = private_file(path.with_name(f"{SEAT_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"))
        partial.write_text(secrets.token_hex(32), encoding="utf-8")
        try:
            os.link(partial, path)
        except FileExistsError:
            pass
        finally:
            partial.unlink()
    return bytes.fromhex(path.read_text(encoding="utf-8").strip())


def _personalise(seat: Seat) -> Callable[[sqlite3.Connection], tuple[str, str, str]]:
    """What makes a fresh copy this seat's: its credentials and a new session epoch (logs out every
    earlier login); answers the candidate's logins and the subject the template was prepared with.

    Plain SQL on the copy's own connection (storage.copy): a brand-new seat would otherwise get an
    SQLAlchemy engine whose statement cache is empty, and compiling ORM statements cost more than the copy.
    The SQL reads the same on SQLite and PostgreSQL (TRUE, ON CONFLICT; the PostgreSQL storage hands a
    connection that takes sqlite3's ``?`` placeholders).
    """
    def prepare(conn: sqlite3.Connection) -> tuple[str, str, str]:
        conn.execute(f"UPDATE {Employee.__tablename__} SET password_hash = ?, active = TRUE WHERE id = ?",  # noqa: S608 — table name from the model; values bound
                     (seat.password_hash, CANDIDATE_EMPLOYEE_ID))
        conn.execute(f"UPDATE {SiteUser.__tablename__} SET password_hash = ? WHERE id = ?",  # noqa: S608 — table name from the model; values bound
                     (seat.password_hash, CANDIDATE_SITE_USER_ID))
        conn.executemany(f"INSERT INTO {Setting.__tablename__} (key, value) VALUES (?, ?) "  # noqa: S608 — table name from the model; values bound
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         [("seat.name", seat.name), ("seat.epoch", secrets.token_hex(8))])
        # One read for the three answers: one round trip instead of three on PostgreSQL.
        email, login, subject = conn.execute(
            f"SELECT (SELECT email FROM {Employee.__tablename__} WHERE id = ?), "  # noqa: S608 — table names from the models; values bound
            f"(SELECT login FROM {SiteUser.__tablename__} WHERE id = ?), "
            f"(SELECT value FROM {Setting.__tablename__} WHERE key = 'subject.id')",
            (CANDIDATE_EMPLOYEE_ID, CANDIDATE_SITE_USER_ID)).fetchone()
        return email, login, subject or ""
    return prepare


def create_seat(
    data: Path, name: str, template: str | None = None, practice: bool = False, show_observables: bool = False
) -> Seat:
    """Copy the template into a new seat and give it its own password (practice: a practice seat)."""
    check_seat_name(name)
    storage = storage_for(data)
    if _meta_path(data, name).exists():
        raise SeatError(
            f"Le poste « {name} » existe déjà : utilisez « e5 seat reset {name} » pour le remettre à zéro."
        )
    template = template or default_template(data)
    if not storage.exists("templates", template):
        raise SeatError(f"Le modèle « {template} » n'est pas installé.")
    password = generate_password()
    seat = Seat(
        name=name,
        template=template,
        login="",
        site_login="",
        password=password,
        password_hash=hash_seat_password(seat_key(data), password),
        created_at=datetime.now().isoformat(timespec="seconds"),
        practice=practice,
        show_observables=practice and show_observables,
    )
    seat.login, seat.site_login, seat.subject = storage.copy("templates", template, "seats", name,
                                                             _personalise(seat))
    _save(data, seat)
    return seat


def reset_seat(data: Path, name: str) -> Seat:
    """Copy the seat's template over it again: same name and credentials, everything else as new."""
    seat = get_seat(data, name)
    storage = storage_for(data)
    storage.dispose("seats", name)  # our own idle connections would otherwise force the slower backup copy
    storage.copy("templates", seat.template, "seats", name, _personalise(seat))
    seat.reset_at = datetime.now().isoformat(timespec="seconds")
    seat.deadline, seat.locked = "", False
    _save(data, seat)
    login_sessions.end_all(data, f"{name}:")  # the new epoch already refuses them: forget them too
    return seat


def set_deadline(data: Path, name: str, deadline: datetime | None) -> Seat:
    """Make the seat read-only from that moment on (None: no deadline, e.g. while the timer is paused)."""
    seat = get_seat(data, name)
    seat.deadline = deadline.isoformat(timespec="seconds") if deadline else ""
    _save(data, seat)
    return seat


def set_locked(data: Path, name: str, locked: bool) -> Seat:
    """Lock (read-only) or unlock a seat."""
    seat = get_seat(data, name)
    seat.locked = locked
    _save(data, seat)
    return seat


def remove_seat(data: Path, name: str) -> None:
    """Delete a seat and its database."""
    get_seat(data, name)
    storage_for(data).remove("seats", name)
    _meta_path(data, name).unlink(missing_ok=True)
    login_sessions.end_all(data, f"{name}:")


def set_practice(data: Path, name: str, show_observables: bool, minutes: int = 0) -> Seat:
    """Mark a seat as a practice seat (never an exam seat), with or without the student's observables,
    timed (``minutes`` from the student's first login) or not."""
    seat = get_seat(data, name)
    seat.practice, seat.show_observables, seat.minutes = True, bool(show_observables), int(minutes or 0)
    _save(data, seat)
    return seat
