"""Slots: one examiner, one subject, up to three candidates at once; their seats and grid sheets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.db import CentreUser
from grading.models import Candidate, GridEntry, GridSheet, Slot, SlotSeat
from grading.services.accommodations import as_text, extra_seconds
from grading.services.sessions import get_session
from grading.services.store import now, writing
from grading.services.subjects import subject_for_template
from sandbox.formatting import format_date
from sandbox.seats import SeatError, create_seat, get_seat, remove_seat, reset_seat
from sandbox.services import ServiceError


class WrongSubjectDate(ServiceError):
    """The subject is prepared for another day than the session's: the fix is to prepare it for that day."""

    def __init__(self, message: str, subject_id: str, day: date):
        super().__init__(message, "template")
        self.subject_id = subject_id
        self.day = day


MAX_CANDIDATES = 3  # « jusqu'à trois candidats en même temps, sur un même sujet »


def seat_name(slot_id: int, position: int) -> str:
    """The seat of a candidate's place in a slot: s<slot id>-<position>."""
    return f"s{slot_id}-{position}"


Span = tuple[datetime, datetime]


def _span(starts_at: datetime, minutes: int, candidates: Iterable[Candidate]) -> Span:
    """From the start to the end of the longest candidate's time: a tiers-temps keeps the examiner busy."""
    extra = max((extra_seconds(c.accommodation, minutes) for c in candidates), default=0)
    return starts_at, starts_at + timedelta(minutes=minutes, seconds=extra)


def _slot_span(slot: Slot, candidates: Iterable[Candidate] = ()) -> Span:
    """The span of a slot's places, with ``candidates`` about to join it."""
    return _span(slot.starts_at, slot.duration_minutes, [p.candidate for p in slot.seats] + list(candidates))


def _overlaps(one: Span, other: Span) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _one_template(template: str | Iterable[str]) -> str:
    """A slot has exactly one subject: refuse none or several."""
    names = [template] if isinstance(template, str) else list(dict.fromkeys(template))
    names = [n for n in names if n]
    if not names:
        raise ServiceError("Choisissez le sujet du créneau.", "template")
    if len(names) > 1:
        raise ServiceError(
            "Un créneau n'a qu'un seul sujet : l'examinateur évalue ses candidats sur le même "
            "sujet. Créez un créneau par sujet.",
            "template",
        )
    return names[0]


def _busy_candidates(
    db: Session,
    session_id: int,
    candidates: list[Candidate],
    starts_at: datetime,
    minutes: int,
    except_slot: int | None = None,
) -> None:
    """Refuse a candidate who already has a place in another slot at the same time."""
    ids = {c.id for c in candidates}
    rows = db.execute(
        select(SlotSeat.candidate_id, Slot)
        .join(Slot, SlotSeat.slot_id == Slot.id)
        .where(Slot.session_id == session_id, SlotSeat.candidate_id.in_(ids))
    ).all()
    by_id = {c.id: c for c in candidates}
    for candidate_id, slot in rows:
        who = by_id[candidate_id]
        # The candidate's own time in both slots, their extra time included.
        if slot.id != except_slot and _overlaps(
            _span(slot.starts_at, slot.duration_minutes, [who]), _span(starts_at, minutes, [who])
        ):
            raise ServiceError(
                f"{who.full_name} (n° {who.number}) passe déjà dans le créneau de "
                f"{slot.starts_at:%H:%M} : un candidat ne peut pas être à deux endroits à la "
                "fois.",
                "candidates",
            )


def _busy_examiner(slot: Slot, candidate: Candidate) -> None:
    """Refuse a candidate whose extra time would run into the examiner's next slot."""
    span = _slot_span(slot, [candidate])
    for other in slot.session.slots:
        if (
            other.id != slot.id
            and other.examiner_id == slot.examiner_id
            and _overlaps(_slot_span(other), span)
        ):
            raise ServiceError(
                f"Avec l'aménagement de {candidate.full_name} ({as_text(candidate.accommodation)}), "
                f"ce créneau finirait à {span[1]:%H:%M} : l'examinateur a un autre créneau à "
                f"{other.starts_at:%H:%M}. "
                "Placez ce candidat dans un autre créneau.",
                "candidates",
            )


def _new_place(db: Session, slot: Slot, candidate: Candidate, position: int) -> SlotSeat:
    """A candidate's place in a slot with an empty grid sheet (one entry per line, version 0)."""
    place = SlotSeat(
        slot=slot,
        candidate=candidate,
        position=position,
        seat_name=seat_name(slot.id, position),
        paused_seconds=0,
    )
    sheet = GridSheet(slot_seat=place, grid_type=slot.grid["type"], appreciation="", version=0)
    for line in slot.grid["lines"]:
        sheet.entries.append(GridEntry(line_id=line["id"], level="", note="", version=0))
    db.add_all([place, sheet])
    return place


def _load_candidates(db: Session, session_id: int, candidate_ids: Iterable[int]) -> list[Candidate]:
    ids = list(dict.fromkeys(int(i) for i in candidate_ids))
    if not ids:
        raise ServiceError("Choisissez au moins un candidat.", "candidates")
    if len(ids) > MAX_CANDIDATES:
        raise ServiceError(
            f"Un examinateur évalue au plus {MAX_CANDIDATES} candidats à la fois : vous en avez "
            f"choisi {len(ids)}. Créez un autre créneau pour les suivants.",
            "candidates",
        )
    candidates = list(db.scalars(select(Candidate).where(Candidate.id.in_(ids))))
    if len(candidates) != len(ids) or any(c.session_id != session_id for c in candidates):
        raise ServiceError("Un des candidats choisis n'est pas inscrit dans cette session.", "candidates")
    return sorted(candidates, key=lambda c: ids.index(c.id))


def create_slot(
    data: Path,
    session_id: int,
    starts_at: datetime | None,
    examiner_id: int | None,
    template: str | Iterable[str],
    candidate_ids: Iterable[int],
    duration_minutes: int = 40,
    commission: str = "",
) -> Slot:
    """Create a slot with its places and empty grid sheets, all or nothing."""
    template = _one_template(template)
    subject = subject_for_template(data, template)
    if not 1 <= int(duration_minutes or 0) <= 240:
        raise ServiceError("La durée doit être comprise entre 1 et 240 minutes.", "duration")
    if starts_at is None:
        raise ServiceError("Indiquez l'heure de début (HH:MM).", "time")
    with writing(data) as db:
        session = get_session(db, session_id)
        if starts_at.date() != session.date:
            raise ServiceError(
                f"Le créneau doit avoir lieu le jour de la session ({format_date(session.date)}).", "time"
            )
        if subject.date and subject.date != session.date.isoformat():
            raise WrongSubjectDate(
                f"Ce sujet est préparé pour le {format_date(date.fromisoformat(subject.date))}, "
                f"pas pour le jour de la session ({format_date(session.date)}) : sur les postes, "
                "les dates du sujet seraient fausses. Préparez-le pour le jour de la session.",
                subject.subject_id,
                session.date,
            )
        if commission and session.commission_list and commission not in session.commission_list:
            raise ServiceError(
                f"La commission « {commission} » n'est pas une commission de la session.", "commission"
            )
        examiner = db.get(CentreUser, examiner_id) if examiner_id else None
        if examiner is None or examiner.role != "examiner":
            raise ServiceError("Choisissez l'examinateur du créneau.", "examiner")
        candidates = _load_candidates(db, session_id, candidate_ids)
        span = _span(starts_at, duration_minutes, candidates)
        for other in session.slots:
            if other.examiner_id == examiner.id and _overlaps(_slot_span(other), span):
                raise ServiceError(
                    f"{examiner.display_name} a déjà un créneau à {other.starts_at:%H:%M} (sujet "
                    f"{other.subject_letter or other.subject_id}) : un examinateur évalue ses candidats "
                    "sur un seul sujet à la fois. Ajoutez-y les candidats ou choisissez une autre heure.",
                    "examiner",
                )
        _busy_candidates(db, session_id, candidates, starts_at, duration_minutes)
        slot = Slot(
            session=session,
            starts_at=starts_at,
            examiner=examiner,
            commission=commission,
            subject_id=subject.subject_id,
            subject_version=subject.version,
            subject_title=subject.title,
            subject_letter=subject.letter,
            subject_code=subject.code,
            subject_site=subject.site,
            template=template,
            grid=subject.grid,
            duration_minutes=int(duration_minutes),
            created_at=now(),
        )
        db.add(slot)
        db.flush()  # the slot id names the seats
        for position, candidate in enumerate(candidates, start=1):
            _new_place(db, slot, candidate, position)
    return slot


def add_candidate(data: Path, slot_id: int, candidate_id: int) -> SlotSeat:
    """Add a candidate to a slot (refuses a fourth one, or a candidate busy elsewhere at that time)."""
    with writing(data) as db:
        slot = get_slot(db, slot_id)
        if len(slot.seats) >= MAX_CANDIDATES:
            raise ServiceError(
                f"Ce créneau a déjà {MAX_CANDIDATES} candidats : un examinateur évalue au plus "
                f"{MAX_CANDIDATES} candidats à la fois.",
                "candidates",
            )
        candidate = _load_candidates(db, slot.session_id, [candidate_id])[0]
        if any(place.candidate_id == candidate.id for place in slot.seats):
            raise ServiceError(f"{candidate.full_name} est déjà dans ce créneau.", "candidates")
        _busy_candidates(db, slot.session_id, [candidate], slot.starts_at, slot.duration_minutes)
        _busy_examiner(slot, candidate)
        taken = {place.position for place in slot.seats}
        position = next(p for p in range(1, MAX_CANDIDATES + 1) if p not in taken)
        return _new_place(db, slot, candidate, position)


def get_slot(db: Session, slot_id: int) -> Slot:
    """The slot with that id, or ServiceError."""
    slot = db.get(Slot, slot_id)
    if slot is None:
        raise ServiceError(f"Le créneau n° {slot_id} n'existe pas.")
    return slot


def get_place(db: Session, slot_seat_id: int) -> SlotSeat:
    """A candidate's place in a slot, or ServiceError."""
    place = db.get(SlotSeat, slot_seat_id)
    if place is None:
        raise ServiceError(f"La place n° {slot_seat_id} n'existe pas.")
    return place


def prepare_slot_seats(data: Path, slot_id: int) -> list[SlotSeat]:
    """Create or reset one seat per candidate from the slot's subject template, in one action.

    Refused while a candidate's test has started and its evidence is not archived: preparing would
    erase their work.
    """
    with writing(data) as db:
        slot = get_slot(db, slot_id)
        for place in slot.seats:
            if place.started_at is not None and not place.evidence:
                raise ServiceError(
                    f"Le test de {place.candidate.full_name} a commencé : archivez ses preuves "
                    "avant de préparer de nouveau les postes."
                )
        try:
            for place in slot.seats:
                _fresh_seat(data, place.seat_name, slot.template)
                place.started_at = place.paused_at = place.ended_at = None
                place.paused_seconds = 0
        except SeatError as exc:
            raise ServiceError(str(exc)) from exc
        slot.prepared_at = now()
        return list(slot.seats)


def _fresh_seat(data: Path, name: str, template: str) -> None:
    """The seat as the template is: reset by copy, or recreated when its template changed."""
    try:
        seat = get_seat(data, name)
    except SeatError:
        create_seat(data, name, template)
        return
    if seat.template == template:
        reset_seat(data, name)
    else:
        remove_seat(data, name)
        create_seat(data, name, template)
