"""« Essayer comme candidat »: the draft prepared like a library subject, in a practice seat of its own.

The draft is prepared under its own id, ``essai-<draft_id>``, from a copy of its folder: an author who
kept the id of a library subject (a duplicate of « ln-boutique-a ») never replaces that subject's
prepared template. The seat ``studio-<draft_id>-essai`` is a practice seat without observables, so its
« Sujet » page is exactly what a candidate reads.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from sandbox.db.storage import storage_for
from sandbox.seats import Seat, SeatError, create_seat, get_seat, is_trial_template, remove_seat, set_practice
from sandbox.subjects.prepare import prepare_subject
from sandbox.subjects.studio.draft import Draft, header
from sandbox.subjects.studio.share import copy_pack
from sandbox.subjects.studio.toml_io import read_toml, write_toml


def trial_subject_id(draft: Draft) -> str:
    """The id the draft is prepared under for a trial."""
    return f"essai-{draft.id}"


def trial_seat_name(draft: Draft) -> str:
    """The practice seat of the trial."""
    return f"studio-{draft.id}-essai"


def try_as_candidate(data: Path, draft: Draft, day: date) -> Seat:
    """Prepare the draft for ``day`` (PackError when it does not pass the checks) and give it a fresh
    practice seat; the seat's home and « Sujet » page are then those of a candidate."""
    data = Path(data)
    with tempfile.TemporaryDirectory(prefix="essai-", dir=_staging(data)) as tmp:
        copy = copy_pack(draft.folder, Path(tmp) / "pack")
        manifest = read_toml(copy / "subject.toml")
        manifest["subject"]["id"] = trial_subject_id(draft)
        write_toml(copy / "subject.toml", manifest)
        template = prepare_subject(data, copy, day, spares=False)
    remove_trial(data, draft, keep=template)  # the trial of another day would stay behind otherwise
    create_seat(data, trial_seat_name(draft), template, practice=True)
    return set_practice(data, trial_seat_name(draft), show_observables=False)


def remove_trial(data: Path, draft: Draft, keep: str = "") -> None:
    """Remove the draft's trial seat and every template prepared for its trials (any day but ``keep``)."""
    data = Path(data)
    try:
        get_seat(data, trial_seat_name(draft))
        remove_seat(data, trial_seat_name(draft))
    except SeatError:
        pass
    storage, prefix = storage_for(data), f"subject-{trial_subject_id(draft)}-"
    for name in storage.names("templates"):
        if name.startswith(prefix) and is_trial_template(name) and name != keep:
            storage.remove("templates", name)
            storage.meta_path("templates", name).unlink(missing_ok=True)


def _staging(data: Path) -> Path:
    folder = data / "staging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def trial_title(draft: Draft) -> str:
    """How the trial is named in messages: the subject's title, or its id."""
    head = header(draft)
    return head.get("title") or head.get("id") or draft.id
