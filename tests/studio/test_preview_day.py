"""The studio's previews date {{ today+15 }} from the day a trial or a practice session made now would use,
and say so on the page (not a fixed 20/05/2027 that the candidate's « Sujet » page then contradicts)."""

from __future__ import annotations

from datetime import timedelta

from grading.services.store import now as clock_now
from tests.studio.test_studio_pages import JSON, _form, _new_draft, sdata, teacher  # noqa: F401


def test_preview_dates_follow_the_trial_clock(teacher):  # noqa: F811
    url, _ = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    today = clock_now().date()
    assert f"Les aperçus datent l'épreuve du {today:%d/%m/%Y} (aujourd'hui)" in page
    body = teacher.post(url + "textes", headers=JSON, data={
        **_form(page, "textes"), "contexte": "Réponse attendue avant le {{ today+15 }}.",
        "mise_en_situation": "Vous êtes stagiaire."}).get_json()
    assert f"{today + timedelta(days=15):%d/%m/%Y}" in body["previews"]["contexte"]
