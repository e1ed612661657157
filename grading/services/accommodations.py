"""Exam accommodations: extra time for a candidate, « tiers-temps » (one third more) or a number of minutes.

Written « tiers-temps » or « +20 » in the candidates file (column ``amenagement``) or set in the console.
The extra time is computed from the slot's duration: 40 min + 1/3 = 53 min 20 s.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from sqlalchemy import select

from grading.models import Accommodation, Candidate, SlotSeat
from grading.services.store import writing
from sandbox.services import ServiceError

THIRD, MINUTES = "tiers-temps", "minutes"
NONE_WORDS = ("", "aucun", "aucune", "non", "sans", "-")
THIRD_WORDS = ("tiers-temps", "tiers temps", "tierstemps", "1/3", "tt", "+1/3")
EXTRA = re.compile(r"^\+?\s*(\d{1,3})\s*(min|mn|minutes?)?$")
HELP = "écrivez « tiers-temps », un nombre de minutes comme « +20 », ou laissez vide"


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", (text or "").strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_accommodation(text: str) -> tuple[str, int] | None:
    """« tiers-temps » → ("tiers-temps", 0); « +20 » → ("minutes", 20); empty → None; else ServiceError."""
    plain = _plain(text)
    if plain in NONE_WORDS:
        return None
    if plain in THIRD_WORDS:
        return THIRD, 0
    match = EXTRA.match(plain)
    if match and 1 <= int(match.group(1)) <= 240:
        return MINUTES, int(match.group(1))
    raise ServiceError(f"Aménagement « {text.strip()} » non reconnu : {HELP}.", "accommodation")


def as_text_parsed(parsed: tuple[str, int] | None) -> str:
    """A parsed accommodation as it is typed: « tiers-temps », « +20 » or ""."""
    if parsed is None:
        return ""
    return THIRD if parsed[0] == THIRD else f"+{parsed[1]}"


def as_text(accommodation: Accommodation | None) -> str:
    """A candidate's accommodation as it is typed: « tiers-temps », « +20 » or ""."""
    return as_text_parsed(None if accommodation is None else (accommodation.kind, accommodation.minutes))


def extra_seconds(accommodation: Accommodation | None, duration_minutes: int) -> int:
    """The extra time in seconds for a test of that duration (a third of 40 min is 800 s)."""
    if accommodation is None:
        return 0
    if accommodation.kind == THIRD:
        return duration_minutes * 60 // 3
    return accommodation.minutes * 60


def format_duration(seconds: int) -> str:
    """« 53 min 20 s », « 40 min »."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


def describe(accommodation: Accommodation | None, duration_minutes: int) -> str:
    """« tiers-temps (+13 min 20 s) », « +20 min », or "" without accommodation."""
    if accommodation is None:
        return ""
    extra = format_duration(extra_seconds(accommodation, duration_minutes))
    return f"tiers-temps (+{extra})" if accommodation.kind == THIRD else f"+{extra}"


def apply(candidate: Candidate, parsed: tuple[str, int] | None) -> None:
    """Set (or remove) a candidate's accommodation in the caller's transaction."""
    if parsed is None:
        candidate.accommodation = None
        return
    kind, minutes = parsed
    if candidate.accommodation is None:
        candidate.accommodation = Accommodation(kind=kind, minutes=minutes)
    else:
        candidate.accommodation.kind, candidate.accommodation.minutes = kind, minutes


def set_accommodation(data: Path, candidate_id: int, text: str) -> Candidate:
    """Give a candidate extra time (or none) before their test starts; refused once a timer started."""
    parsed = parse_accommodation(text)
    with writing(data) as db:
        candidate = db.get(Candidate, candidate_id)
        if candidate is None:
            raise ServiceError(f"Le candidat n° {candidate_id} n'existe pas.")
        started = select(SlotSeat.id).where(
            SlotSeat.candidate_id == candidate_id, SlotSeat.started_at.is_not(None)
        )
        if db.scalar(started.limit(1)) is not None:
            raise ServiceError(
                f"Le test de {candidate.full_name} a commencé : son aménagement ne peut plus changer.",
                "accommodation",
            )
        apply(candidate, parsed)
        return candidate
