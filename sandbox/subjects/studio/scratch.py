"""The studio's two scratch seats: « situation de départ » (from the context) and « corrigé » (from it).

Each is an ordinary seat, opened through the seat login. What the author does there is read back from
the seat's ActivityEvents after the event id noted when the seat was (re)made, kept beside the draft in
its meta folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.seats import Seat, SeatError, create_seat, get_seat, remove_seat
from sandbox.subjects.studio.draft import DEFAULT_CONTEXT, Draft, changes, header
from sandbox.subjects.studio.propose import Proposal, corrige_seat_name, propose
from sandbox.subjects.studio.record import Recorded, depart_seat_name, last_event_id, record_changes

STATE = "record.json"


def _state(draft: Draft) -> dict:
    path = draft.meta_folder / STATE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _save_state(draft: Draft, **values: int) -> None:
    state = _state(draft) | values
    draft.meta_folder.mkdir(parents=True, exist_ok=True)
    (draft.meta_folder / STATE).write_text(json.dumps(state), encoding="utf-8")


def _fresh(data: Path, name: str, template: str) -> Seat:
    try:
        get_seat(data, name)
        remove_seat(data, name)
    except SeatError:
        pass
    return create_seat(data, name, template=template)


def _since(data: Path, seat: str) -> int:
    with Session(storage_for(data).engine("seats", seat)) as db:
        return last_event_id(db)


def seat_of(data: Path, name: str) -> Seat | None:
    """A scratch seat, or None when it was not made yet."""
    try:
        return get_seat(Path(data), name)
    except SeatError:
        return None


def open_depart(data: Path, draft: Draft) -> Seat:
    """A fresh starting-state seat: a copy of the draft's context, where the author prepares the start."""
    context = header(draft).get("context") or DEFAULT_CONTEXT
    seat = _fresh(Path(data), depart_seat_name(draft.id), f"context-{context}")
    _save_state(draft, depart=_since(data, seat.name))
    return seat


def open_corrige(data: Path, draft: Draft) -> Seat:
    """A fresh model-answer seat, copied from the starting-state seat as the author left it."""
    data = Path(data)
    depart = depart_seat_name(draft.id)
    if seat_of(data, depart) is None:
        raise SeatError("Préparez d'abord la situation de départ : le corrigé part de son poste.")
    storage = storage_for(data)
    template = f"studio-{draft.id}-etat"  # seats are copied from templates: one for this copy only
    storage.dispose("seats", depart)
    storage.copy("seats", depart, "templates", template)
    try:
        seat = _fresh(data, corrige_seat_name(draft.id), template)
    finally:  # removed at once: a lone context template stays the default one for « e5 seat create »
        storage.remove("templates", template)
    _save_state(draft, corrige=_since(data, seat.name))
    return seat


def mark_recorded(data: Path, draft: Draft) -> None:
    """What the starting-state seat recorded so far is now in the draft's changes: record only what follows
    (the page shows the saved changes, as edited, then what the author does next)."""
    if seat_of(data, depart_seat_name(draft.id)) is not None:
        _save_state(draft, depart=_since(Path(data), depart_seat_name(draft.id)))


def recorded(data: Path, draft: Draft) -> Recorded | None:
    """What the author did in the starting-state seat, as change entries (None: no seat yet)."""
    name = depart_seat_name(draft.id)
    if seat_of(data, name) is None:
        return None
    with Session(storage_for(Path(data)).engine("seats", name)) as db:
        return record_changes(db, _state(draft).get("depart", 0))


def proposals(data: Path, draft: Draft) -> list[Proposal] | None:
    """Observables proposed from the model answer, run on both seats (None: no model-answer seat yet)."""
    data = Path(data)
    answer, start = corrige_seat_name(draft.id), depart_seat_name(draft.id)
    if seat_of(data, answer) is None or seat_of(data, start) is None:
        return None
    # Objects the draft's changes name (as recorded in the starting-state seat) are said « @nom ».
    kept = {entry.get("name") for entry in changes(draft)}
    found = recorded(data, draft)
    objects = {name: o for name, o in (found.objects if found else {}).items() if name in kept}
    storage = storage_for(data)
    with Session(storage.engine("seats", answer)) as a, Session(storage.engine("seats", start)) as s:
        return propose(a, s, _state(draft).get("corrige", 0), objects)


def untransposed(data: Path, draft: Draft) -> list[str]:
    """The model-answer actions that gave no proposal, in French (listed, never dropped silently)."""
    from sandbox.subjects.studio.propose import PARTS
    from sandbox.subjects.studio.propose_builders import BUILDERS
    from sandbox.subjects.studio.propose_leftover import leftovers
    from sandbox.subjects.studio.record import author_events

    name = corrige_seat_name(draft.id)
    if seat_of(Path(data), name) is None:
        return []
    with Session(storage_for(Path(data)).engine("seats", name)) as db:
        return leftovers(db, author_events(db, _state(draft).get("corrige", 0)), BUILDERS, PARTS)
