"""A draft's leftovers: « Essayer comme candidat » keeps one trial template per draft (a new trial replaces
the previous day's), trials are never the default template nor offered for a session; « Supprimer » asks
first (French page, CSRF), then removes the draft, its versions, its scratch seats and its trial."""

from __future__ import annotations

from datetime import date

import pytest

from grading.accounts import create_user
from grading.app import create_app
from grading.services.subjects import available_subjects
from sandbox.db.storage import storage_for
from sandbox.seats import SeatError, default_template, get_seat
from sandbox.services import ServiceError
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio.scratch import open_depart
from sandbox.subjects.studio.trial import trial_seat_name, try_as_candidate
from sandbox.subjects.studio.versions import save_version
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token
from tests.studio.test_draft import SUBJECT_I, rewrite


@pytest.fixture(scope="module")
def rdata(installed_data, tmp_path_factory):
    """A data folder with the context installed and a teacher."""
    data = copy_data(installed_data, tmp_path_factory.mktemp("studio-removal") / "data")
    create_user(data, "prof-suppression", "suppression-motdepasse", "teacher", "M. Dupont")
    return data


def _trials(data, draft) -> list[str]:
    return [n for n in storage_for(data).names("templates") if n.startswith(f"subject-essai-{draft.id}-")]


def _default(data) -> str:
    """The default template, or the reason there is none (PostgreSQL copies share their source's)."""
    try:
        return default_template(data)
    except SeatError as exc:
        return str(exc)


def test_a_new_trial_replaces_the_last_and_trials_are_never_a_default(rdata):
    before = _default(rdata)  # on SQLite: the context, alone
    d = rewrite(rdata, SUBJECT_I)
    try_as_candidate(rdata, d, date(2027, 5, 20))
    try_as_candidate(rdata, d, date(2027, 5, 21))
    assert _trials(rdata, d) == [f"subject-essai-{d.id}-2027-05-21"]
    assert not storage_for(rdata).meta_path("templates", f"subject-essai-{d.id}-2027-05-20").exists()
    assert _default(rdata) == before  # « e5 seat create » without --template works as before the trials
    assert not any(s.subject_id.startswith("essai-") for s in available_subjects(rdata))
    assert get_seat(rdata, trial_seat_name(d)).practice


def test_delete_asks_first_then_removes_everything_of_the_draft(rdata):
    teacher = create_app(rdata, TESTING=True).test_client()
    console_login(teacher, "prof-suppression", "suppression-motdepasse")
    kept, d = rewrite(rdata, SUBJECT_I), rewrite(rdata, SUBJECT_I)
    save_version(d, "M. Dupont", "Relu")
    open_depart(rdata, d)
    try_as_candidate(rdata, d, date(2027, 5, 20))
    index = teacher.get("/console/sujets/studio/").get_data(as_text=True)
    confirm_url = f"/console/sujets/studio/{d.id}/supprimer"
    assert f'href="{confirm_url}"' in index and "Supprimer<span" in index

    page = teacher.get(confirm_url).get_data(as_text=True)
    assert "Supprimer le brouillon « Préparer la saison des repas en extérieur » ?" in page
    assert "ses versions enregistrées (1)" in page and "Supprimer définitivement" in page
    assert teacher.post(confirm_url, data={}).status_code == 400  # no CSRF token: nothing deleted
    assert studio.open_draft(rdata, d.id)

    done = teacher.post(confirm_url, data={"csrf_token": csrf_token(page)}, follow_redirects=True)
    assert done.status_code == 200
    assert "Brouillon « Préparer la saison des repas en extérieur » supprimé" in done.get_data(as_text=True)
    with pytest.raises(ServiceError):
        studio.open_draft(rdata, d.id)
    assert not d.folder.exists() and not d.meta_folder.exists()
    seats = storage_for(rdata).names("seats")
    assert not [s for s in seats if s.startswith(f"studio-{d.id}-")] and _trials(rdata, d) == []
    assert studio.open_draft(rdata, kept.id)  # the other draft is untouched
    assert teacher.get(confirm_url).status_code == 404
