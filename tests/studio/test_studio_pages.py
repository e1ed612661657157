"""The studio's pages through the HTTP client (real app, real data folder, CSRF on): « Nouveau sujet »
from the library, each part saved and checked live with the errors beside their fields, autosave JSON,
the two-tabs conflict, export/import/duplicate, versions, « Essayer comme candidat », access."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from grading.accounts import create_user
from grading.app import create_app
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token
from tests.studio.test_draft import SUBJECT_I, rewrite

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
def sdata(installed_data, tmp_path_factory):
    """A data folder with the context installed, a teacher and an examiner (one for the module)."""
    data = tmp_path_factory.mktemp("studio-pages") / "data"
    copy_data(installed_data, data)
    create_user(data, "dupont", "dupont-motdepasse", "teacher", "M. Dupont")
    create_user(data, "martin", "martin-motdepasse", "examiner", "Mme Martin")
    return data


@pytest.fixture(scope="module")
def teacher(sdata):
    client = create_app(sdata, TESTING=True).test_client()
    console_login(client, "dupont", "dupont-motdepasse")
    return client


def _new_draft(client) -> tuple[str, str]:
    page = client.get("/console/sujets/").get_data(as_text=True)
    assert 'for="studio-site"' in page and "Nouveau sujet" in page
    answer = client.post(
        "/console/sujets/studio/nouveau", data={"csrf_token": csrf_token(page), "site": "boutique"}
    )
    assert answer.status_code == 302
    url = answer.headers["Location"]
    return url, url.rstrip("/").rsplit("/", 1)[1]


def _form(page: str, part: str) -> dict[str, str]:
    """The hidden fields (token, revision) of one part's form."""
    block = page[page.index(f'/{part}"') :]
    return {
        "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', block).group(1),
        "revision": re.search(r'name="revision" type="hidden" value="(\d+)"', block).group(1),
    }


def test_examiners_and_strangers_cannot_enter(sdata):
    anonymous = create_app(sdata, TESTING=True).test_client()
    assert anonymous.get("/console/sujets/studio/").status_code == 302
    examiner = create_app(sdata, TESTING=True).test_client()
    console_login(examiner, "martin", "martin-motdepasse")
    assert examiner.get("/console/sujets/studio/").status_code == 403


def test_a_new_draft_shows_each_problem_beside_its_field(teacher):
    url, _ = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    for label in (
        "Titre du sujet",
        "Lettre du sujet",
        "Contexte commercial",
        "Mise en situation",
        "Titre de la question 1",
        "Fonctionnalités de la question 1",
        "Contenu de l'annexe 1",
        "Type de grille",
        "Critère de performance de la ligne 1",
    ):
        found = re.search(rf'<label for="([^"]+)">{re.escape(label)}</label>', page.replace("&#39;", "'"))
        assert found, label
        assert f'id="{found.group(1)}"' in page
    # The header's empty title and the missing questions, each in the box of its field.
    assert re.search(r'data-anchor="header-title"><p>valeur manquante ou vide', page)
    assert re.search(r'data-anchor="questions"><p>0 question\(s\) : un sujet en compte 4 ou 5', page)
    assert "B-CAT-1 — " in page and "S-CON-1 — " not in page  # a boutique subject: the B- features


def test_autosave_writes_the_part_and_answers_the_problems_left(teacher, sdata):
    url, draft_id = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    answer = teacher.post(
        url + "entete",
        headers=JSON,
        data={
            **_form(page, "entete"),
            "title": "Préparer l'été",
            "site": "boutique",
            "letter": "j",
            "session": "2027",
            "code": "E5B-2027-LN-J",
            "subject_id": "ln-boutique-j",
        },
    )
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["revision"] == 1
    assert {
        "anchor": "header-letter",
        "text": '« j » n\'a pas le bon format — écrivez la lettre du sujet, par exemple « A »',
    } in body["problems"]
    head = studio.header(studio.open_draft(sdata, draft_id))
    assert head["title"] == "Préparer l'été" and head["id"] == "ln-boutique-j"
    # The beacon sent while the page closes cannot ask for JSON: its field says it is an autosave.
    beacon = teacher.post(
        url + "entete",
        data={
            **_form(page, "entete"),
            "revision": "1",
            "autosave": "1",
            "title": "Préparer l'été",
            "site": "boutique",
            "letter": "J",
            "session": "2027",
            "code": "C",
            "subject_id": "ln-boutique-j",
        },
    )
    assert beacon.status_code == 200 and beacon.get_json()["revision"] == 2
    assert "Enregistré." not in teacher.get(url).get_data(as_text=True)
    # Markdown previews are sanitised.
    texts = teacher.post(
        url + "textes",
        headers=JSON,
        data={
            **_form(page, "textes"),
            "revision": "2",
            "contexte": "**Lin** <script>x()</script>",
            "mise_en_situation": "Vous êtes en stage.",
        },
    ).get_json()
    shown = texts["previews"]["contexte"]
    assert "<strong>Lin</strong>" in shown and "<script" not in shown


def test_a_second_tab_behind_gets_a_conflict_not_an_overwrite(teacher, sdata):
    url, draft_id = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    fields = {
        **_form(page, "entete"),
        "title": "Onglet 1",
        "site": "boutique",
        "letter": "J",
        "session": "2027",
        "code": "C",
        "subject_id": "x",
    }
    assert teacher.post(url + "entete", headers=JSON, data=fields).status_code == 200
    late = teacher.post(url + "entete", headers=JSON, data={**fields, "title": "Onglet 2"})
    assert late.status_code == 409 and "modifié dans un autre onglet" in late.get_json()["error"]
    assert studio.header(studio.open_draft(sdata, draft_id))["title"] == "Onglet 1"
    # Without JavaScript: the page again, the message, the typed value kept.
    plain = teacher.post(url + "entete", data={**fields, "title": "Onglet 2"})
    assert plain.status_code == 409
    text = plain.get_data(as_text=True)
    assert "modifié dans un autre onglet" in text and 'value="Onglet 2"' in text
    assert teacher.post(url + "entete", data={**fields, "revision": "x"}).status_code in (400, 409)


def test_questions_annexes_and_grid_saved_through_the_forms_pass_the_check(teacher, sdata):
    url, draft_id = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    rev = iter(range(0, 100))

    def post(part, data):
        return teacher.post(url + part, data={**_form(page, part), "revision": str(next(rev)), **data})

    assert (
        post(
            "entete",
            {
                "title": "Préparer l'été",
                "site": "boutique",
                "letter": "J",
                "session": "2027",
                "code": "E5B-2027-LN-J",
                "subject_id": "ln-boutique-j",
            },
        ).status_code
        == 302
    )
    assert (
        post(
            "textes",
            {"contexte": "Lin & Nature vend du linge de maison.", "mise_en_situation": "Vous êtes en stage."},
        ).status_code
        == 302
    )
    questions = {}
    for n in range(4):
        questions[f"questions-{n}-title"] = f"Question {n + 1}"
        questions[f"questions-{n}-text"] = f"Faites la tâche {n + 1}."
    questions["questions-0-features"] = ["B-CAT-1", "B-CAT-5"]
    assert post("questions", questions).status_code == 302
    assert (
        post(
            "annexes",
            {
                "annexes-0-title": "Tarifs",
                "annexes-0-kind": "tableau",
                "annexes-0-content": "Taille\tPrix\n150 x 150\t79,00 €\n",
            },
        ).status_code
        == 302
    )
    crit = "Qualité et pertinence des contenus publiés"
    lines = {}
    for n in range(4):
        lines.update(
            {
                f"lines-{n}-question": f"q{n + 1}",
                f"lines-{n}-criterion": crit,
                f"lines-{n}-text": f"Compétence {n + 1}",
            }
        )
    assert post("grille", {"kind": "ti-ts", "aid": "", **lines}).status_code == 302
    d = studio.open_draft(sdata, draft_id)
    assert parts.questions(d)[0]["features"] == ["B-CAT-1", "B-CAT-5"]
    table = (d.folder / "annexes" / "annexe-1.csv").read_text(encoding="utf-8")
    assert table == "Taille;Prix\n150 x 150;79,00 €\n"  # as the shipped packs' annexes
    assert [line["id"] for line in studio.grid(d)["lines"]] == ["q1-1", "q2-1", "q3-1", "q4-1"]
    final = teacher.get(url).get_data(as_text=True)
    assert "Sujet valide" in final
    # A fifth, half-written line: its missing criterion shows beside that line's field.
    bad = post(
        "grille",
        {
            "kind": "ti-ts",
            **lines,
            "lines-4-question": "q1",
            "lines-4-criterion": "",
            "lines-4-text": "Sans critère",
        },
    )
    assert bad.status_code == 302
    again = teacher.get(url).get_data(as_text=True)
    assert re.search(r'data-anchor="line-5-criterion"><p>critère de performance manquant', again)


def test_export_import_duplicate_and_versions(teacher, sdata):
    d = rewrite(sdata, SUBJECT_I)
    url = f"/console/sujets/studio/{d.id}/"
    exported = teacher.get(url + "exporter")
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"].endswith("ln-boutique-i.zip")
    assert "subject.toml" in zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    index = teacher.get("/console/sujets/studio/").get_data(as_text=True)
    opened = teacher.post(
        "/console/sujets/studio/importer",
        content_type="multipart/form-data",
        data={"csrf_token": csrf_token(index), "archive": (io.BytesIO(exported.data), "ln-boutique-i.zip")},
    )
    assert opened.status_code == 302
    again = teacher.get(opened.headers["Location"] + "exporter")
    assert again.data == exported.data
    refused = teacher.post(
        "/console/sujets/studio/importer",
        content_type="multipart/form-data",
        data={"csrf_token": csrf_token(index), "archive": (io.BytesIO(b"x"), "sujet.docx")},
    )
    assert refused.status_code == 422 and "n&#39;est pas une archive" in refused.get_data(as_text=True)
    page = teacher.get(url).get_data(as_text=True)
    token = csrf_token(page)
    saved = teacher.post(url + "versions", data={"csrf_token": token, "comment": "Relu"})
    assert saved.status_code == 302
    history = teacher.get(url + "versions/").get_data(as_text=True)
    assert "Version 1" in history and "Relu" in history and "M. Dupont" in history
    assert "Identique au brouillon actuel" in history
    copy = teacher.post(url + "dupliquer", data={"csrf_token": token})
    assert copy.status_code == 302 and copy.headers["Location"] != url
    library_copy = teacher.post("/console/sujets/studio/depuis/ln-boutique-a", data={"csrf_token": token})
    copied = studio.open_draft(sdata, library_copy.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert studio.header(copied)["id"] == "ln-boutique-a"


def test_try_as_candidate_opens_a_practice_seat_with_the_subject(teacher, sdata):
    d = rewrite(sdata, SUBJECT_I)
    url = f"/console/sujets/studio/{d.id}/"
    token = csrf_token(teacher.get(url).get_data(as_text=True))
    page = teacher.post(url + "essayer", data={"csrf_token": token})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    seat = f"studio-{d.id}-essai"
    assert f"/s/{seat}/sujet/" in text and "Mot de passe" in text
    subject = teacher.get(f"/s/{seat}/sujet/").get_data(as_text=True)
    assert "Préparer la saison des repas en extérieur" in subject
    assert "Compléter la fiche de la nappe" in subject
    assert "q1-fiche" not in subject and "product.fields" not in subject  # never the grid
    # An unfinished draft is not tried: back to the editor with the reason.
    empty = studio.create_draft(sdata)
    refused = teacher.post(f"/console/sujets/studio/{empty.id}/essayer", data={"csrf_token": token})
    assert refused.status_code == 302


def test_a_media_file_is_added_shown_exported_and_prepared(teacher, sdata, tmp_path):
    from PIL import Image

    d = rewrite(sdata, SUBJECT_I)
    url = f"/console/sujets/studio/{d.id}/"
    page = teacher.get(url).get_data(as_text=True)
    assert 'for="file"' in page and 'for="file_title"' in page and 'for="alt"' in page
    assert 'aria-label="Aperçu de l\'annexe 2"' in page and '<th scope="col">Taille</th>' in page
    image = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 180, 150)).save(image, "PNG")
    token, revision = re.search(
        r'action="[^"]*/fichiers".*?name="csrf_token" type="hidden" value="([^"]+)"'
        r'.*?name="revision" type="hidden" value="(\d+)"',
        page,
        re.S,
    ).groups()
    empty = teacher.post(
        url + "fichiers",
        content_type="multipart/form-data",
        data={"csrf_token": token, "revision": revision, "file_title": "Nappe"},
    )
    assert empty.status_code == 422 and "Choisissez le fichier à ajouter." in empty.get_data(as_text=True)
    added = teacher.post(
        url + "fichiers",
        content_type="multipart/form-data",
        data={
            "csrf_token": token,
            "revision": revision,
            "file": (io.BytesIO(image.getvalue()), "nappe.png"),
            "file_title": "Nappe en terrasse",
            "alt": "Nappe sur une table de jardin",
        },
    )
    assert added.status_code == 302
    assert parts.files(d) == [
        {"file": "files/nappe.png", "title": "Nappe en terrasse", "alt": "Nappe sur une table de jardin"}
    ]
    assert "files/nappe.png" in teacher.get(url).get_data(as_text=True)
    exported = teacher.get(url + "exporter").data
    assert "files/nappe.png" in zipfile.ZipFile(io.BytesIO(exported)).namelist()
    archive = tmp_path / "ln-boutique-i.zip"
    archive.write_bytes(exported)
    from click.testing import CliRunner

    from grading.cli import cli

    result = CliRunner().invoke(cli, ["--data", str(sdata), "subject", "check", str(archive)])
    assert result.exit_code == 0, result.output
    page = teacher.get(url).get_data(as_text=True)
    assert 'aria-label="Retirer files/nappe.png"' in page
    removed = teacher.post(
        url + "fichiers/retirer", data={"csrf_token": csrf_token(page), "file": "files/nappe.png"}
    )
    assert removed.status_code == 302 and parts.files(d) == []
    assert not (d.folder / "files" / "nappe.png").exists()


def test_restore_keeps_the_current_state_as_a_version(teacher, sdata):
    d = rewrite(sdata, SUBJECT_I)
    url = f"/console/sujets/studio/{d.id}/"
    editor = teacher.get(url).get_data(as_text=True)
    token = csrf_token(editor)
    teacher.post(url + "versions", data={"csrf_token": token, "comment": "Avant relecture"})
    parts.set_text(d, "contexte", "Contexte réécrit")
    history = teacher.get(url + "versions/").get_data(as_text=True)
    assert "Modifié : contexte commercial (contexte.md)" in history
    assert 'aria-label="Restaurer la version 1"' in history
    back = teacher.post(url + "versions/restaurer", data={"csrf_token": csrf_token(history), "number": "1"})
    assert back.status_code == 302
    assert parts.text(d, "contexte") != "Contexte réécrit"
    stale = teacher.post(
        url + "textes",
        headers=JSON,
        data={**_form(editor, "textes"), "contexte": "Vieil", "mise_en_situation": "x"},
    )
    assert stale.status_code == 409  # a tab opened before the restore cannot erase it
    after = teacher.get(url + "versions/").get_data(as_text=True)
    assert "Avant la restauration de la version 1" in after and "Version 2" in after
    missing = teacher.post(
        url + "versions/restaurer", data={"csrf_token": csrf_token(history), "number": "9"}
    )
    assert missing.status_code == 302
    assert "La version 9 n&#39;existe pas." in teacher.get(url + "versions/").get_data(as_text=True)


def test_a_levels_grid_and_a_site_change_keep_what_was_written(teacher, sdata):
    d = rewrite(sdata, SUBJECT_I)
    url = f"/console/sujets/studio/{d.id}/"
    page = teacher.get(url).get_data(as_text=True)
    fields = {**_form(page, "grille"), "kind": "niveaux-1-4", "aid": "Aide"}
    for n in range(5):
        fields.update(
            {
                f"lines-{n}-question": f"q{n + 1}",
                f"lines-{n}-criterion": CRITERION,
                f"lines-{n}-text": f"Ligne {n + 1}",
                f"lines-{n}-level2": "Partielle",
                f"lines-{n}-level3": "Correcte",
                f"lines-{n}-level4": "Excellente",
            }
        )
    assert teacher.post(url + "grille", data=fields).status_code == 302
    grid = studio.grid(d)
    assert grid["grid"] == {"type": "niveaux-1-4", "aid": "Aide"}
    assert grid["lines"][0]["levels"] == ["Partielle", "Correcte", "Excellente"]
    assert "Sujet valide" in teacher.get(url).get_data(as_text=True)
    # The subject moves to the site vitrine: its B- features stay chosen, never dropped by the next save.
    studio.set_header(d, site="vitrine")
    page = teacher.get(url).get_data(as_text=True)
    assert re.search(r'<option selected value="B-CAT-1">B-CAT-1 — ', page)
    assert "S-CON-1 — " in page


CRITERION = "Pertinence des choix et des actions menées pour développer les ventes et créer de la valeur"


def test_a_conflict_on_the_questions_shows_them_again_as_typed(teacher):
    url, _ = _new_draft(teacher)
    page = teacher.get(url).get_data(as_text=True)
    fields = {
        **_form(page, "questions"),
        "questions-0-title": "Ma question",
        "questions-0-features": ["B-CAT-1"],
    }
    assert teacher.post(url + "questions", data=fields).status_code == 302
    again = teacher.post(url + "questions", data={**fields, "questions-0-title": "Tapée dans l'autre onglet"})
    assert again.status_code == 409
    text = again.get_data(as_text=True)
    assert 'value="Tapée dans l&#39;autre onglet"' in text and '<option selected value="B-CAT-1">' in text
    assert '<label for="questions-0-title">Titre de la question 1</label>' in text
