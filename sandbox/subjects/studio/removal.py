"""Delete a draft for good: its pack folder, its meta folder (versions, record state), its scratch seats and
its trial (seat and prepared templates). Library subjects and exported archives are not touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from sandbox.seats import SeatError, get_seat, remove_seat
from sandbox.subjects.studio.draft import Draft, draft_lock
from sandbox.subjects.studio.propose import corrige_seat_name
from sandbox.subjects.studio.record import depart_seat_name
from sandbox.subjects.studio.trial import remove_trial


def delete_draft(data: Path, draft: Draft) -> None:
    """Remove everything the studio keeps for ``draft``."""
    data = Path(data)
    with draft_lock(draft):  # an autosave in flight finishes first (it then finds no draft: 404)
        remove_trial(data, draft)
        for name in (depart_seat_name(draft.id), corrige_seat_name(draft.id)):
            try:
                get_seat(data, name)
                remove_seat(data, name)
            except SeatError:
                pass  # that step was never started
        shutil.rmtree(draft.folder, ignore_errors=True)
    shutil.rmtree(draft.meta_folder, ignore_errors=True)
