"""The console's top bar by role: each role sees only the entries it can use."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, session, url_for

from grading.console import bp

# The subject library (/console/sujets/) is built apart: its entry shows once its endpoint exists.
SUBJECTS_ENDPOINT = "subjects.index"


@dataclass
class MenuEntry:
    """A link of the top bar, possibly with sub-entries (« Administration »)."""

    label: str
    url: str
    children: list[MenuEntry] = field(default_factory=list)


def _entry(label: str, endpoint: str) -> MenuEntry | None:
    if endpoint not in current_app.view_functions:
        return None
    return MenuEntry(label, url_for(endpoint))


def menu_for(role: str | None) -> list[MenuEntry]:
    """The top bar entries of a role (admin, examiner, teacher)."""
    if role == "admin":
        admin = [
            _entry("Sessions", "admin.sessions"),
            _entry("Examinateurs", "admin.examiners"),
            _entry("Enseignants", "admin.teachers"),
            _entry("Sujets", SUBJECTS_ENDPOINT),
            _entry("Créneaux", "console.slots"),
            _entry("Réglages", "admin.settings"),
            _entry("Couverture", "console.coverage_page"),
        ]
        home = MenuEntry("Administration", url_for("admin.index"), [e for e in admin if e])
        entries = [_entry("Postes", "console.seats"), home]
    elif role == "examiner":
        entries = [
            _entry("Mes créneaux du jour", "console.slots"),
            _entry("Postes de mes candidats", "console.seats"),
            _entry("Couverture", "console.coverage_page"),
        ]
    elif role == "teacher":
        entries = [
            _entry("Mes séances d'entraînement", "practice.index"),
            _entry("Sujets", SUBJECTS_ENDPOINT),
            _entry("Couverture", "console.coverage_page"),
        ]
    else:
        entries = []
    return [e for e in entries if e]


@bp.app_context_processor
def _console_menu() -> dict:
    user = session.get("console_user") or {}
    return {"console_menu": lambda: menu_for(user.get("role"))}
