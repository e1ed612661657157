"""A three-question practice subject in the studio: a warning beside the questions, not a problem."""

from __future__ import annotations

from tests.studio.test_studio_pages import JSON, _form, _new_draft, sdata, teacher  # noqa: F401

NOTICE = "Le sujet national compte 4 ou 5 questions ; ce sujet en a 3 : il convient à l&#39;entraînement"


def test_three_questions_show_a_warning_and_no_problem(teacher):  # noqa: F811
    url, _ = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    assert 'data-notice="questions" role="status"></p>' in page  # no question yet: a problem, no warning
    fields = {**_form(page, "questions")}
    for n in range(3):
        fields[f"questions-{n}-title"] = f"Question courte {n + 1}"
        fields[f"questions-{n}-text"] = "Mettez à jour la fiche du produit."
        fields[f"questions-{n}-features"] = ["B-CAT-1"]
    body = teacher.post(url + "questions", headers=JSON, data=fields).get_json()
    assert body["notices"]["questions"] == NOTICE.replace("&#39;", "'")
    assert not [p for p in body["problems"] if p["anchor"] == "questions"], body["problems"]
    assert not [p for p in body["problems"] if "q4" in p["text"] or "q5" in p["text"]]
    page = teacher.get(url).get_data(as_text=True)
    assert NOTICE in page
