"""Checking subject packs: shipped subjects pass; malformed packs are refused precisely, nothing created."""

from __future__ import annotations

import pytest

from sandbox.db.dump import dump_digest
from sandbox.db.storage import storage_for
from sandbox.packs.errors import PackError
from sandbox.subjects.pack import check_subject, load_subject, version_fits
from sandbox.subjects.prepare import prepare_subject
from tests.subjects.conftest import EXAM_DAY, SHIPPED, SUBJECTS, edit


def _messages(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.mark.parametrize("subject", SHIPPED)
def test_each_shipped_subject_passes_check(installed_data, subject):
    assert check_subject(SUBJECTS / subject, installed_data) == []


def test_three_subjects_use_the_three_grid_types(installed_data):
    types = {load_subject(SUBJECTS / s, installed_data).grid.type for s in SHIPPED}
    assert {"fiche-2020", "niveaux-1-4", "ti-ts"} <= types


def _refused(data, folder, *expected: str) -> list[str]:
    """Check and prepare both refuse the pack with every expected piece of message; nothing is created."""
    before = sorted(p.name for p in (data / "templates").iterdir())
    messages = _messages(check_subject(folder, data))
    for piece in expected:
        assert any(piece in m for m in messages), f"{piece!r} not in {messages}"
    with pytest.raises(PackError):
        prepare_subject(data, folder, EXAM_DAY)
    assert sorted(p.name for p in (data / "templates").iterdir()) == before
    assert not (data / "staging").exists() or not any((data / "staging").iterdir())
    return messages


def test_unknown_check_type(data, pack_copy):
    pack = pack_copy()
    edit(pack / "grid.toml", 'check = "product.texts"', 'check = "product.textes"')
    _refused(
        data,
        pack,
        "grid.toml, champ « lines[2].observables[1].check » : type d'observable "
        "« product.textes » inconnu — choisissez un type parmi :",
    )


def test_unknown_check_parameter(data, pack_copy):
    pack = pack_copy()
    edit(pack / "grid.toml", "summary_min = 30", "summary_minimum = 30")
    _refused(
        data,
        pack,
        "grid.toml, champ « lines[2].observables[1].summary_minimum » : paramètre inconnu — "
        "vouliez-vous écrire « summary_min » ?",
    )


def test_unknown_seeded_object(data, pack_copy):
    pack = pack_copy()
    edit(pack / "changes.toml", 'product = "PARURE-CHEVRONS"', 'product = "PARURE-INCONNUE"')
    _refused(
        data,
        pack,
        "changes.toml, champ « changes[1].product » : le produit « PARURE-INCONNUE » "
        "n'existe pas dans le contexte — écrivez « @nom » d'un objet de changes.toml, ou "
        "désignez le produit du contexte par sa référence",
    )


def test_unknown_named_object(data, pack_copy):
    pack = pack_copy()
    edit(pack / "grid.toml", 'product = "@parure"', 'product = "@parrure"')
    _refused(
        data,
        pack,
        "grid.toml, champ « lines[1].observables[1].product » : « @parrure » ne correspond "
        "à aucun nom défini dans changes.toml",
    )


def test_named_object_of_the_wrong_type(data, pack_copy):
    pack = pack_copy()
    edit(pack / "grid.toml", 'order = "@expediee"', 'order = "@parure"')
    _refused(data, pack, "« @parure » n'est pas la commande")


def test_unknown_change_type_and_parameter(data, pack_copy):
    pack = pack_copy()
    edit(pack / "changes.toml", 'type = "order.set_state"', 'type = "order.state"')
    edit(pack / "changes.toml", "clear_price = true", "clear_prices = true")
    _refused(
        data,
        pack,
        "changes.toml, champ « changes[9].type » : type de modification « order.state » inconnu",
        "changes.toml, champ « changes[1].clear_prices » : paramètre inconnu — "
        "vouliez-vous écrire « clear_price » ?",
    )


def test_question_without_grid_line(data, pack_copy):
    pack = pack_copy()
    text = (pack / "grid.toml").read_text(encoding="utf-8")
    start = text.index('[[lines]]\nid = "q5-note"')
    (pack / "grid.toml").write_text(text[:start], encoding="utf-8")
    _refused(
        data,
        pack,
        "grid.toml, champ « lines » : la question q5 n'a aucune ligne de grille — ajoutez un bloc "
        '[[lines]] avec question = "q5"',
    )


def test_bad_dates(data, pack_copy):
    pack = pack_copy()
    edit(pack / "changes.toml", 'at = "today-3 11:30"', 'at = "2027-05-17"')
    edit(pack / "questions" / "q3.md", "{{ today-1 }}", "{{ hier }}")
    _refused(
        data,
        pack,
        "changes.toml, champ « changes[10].at » : « 2027-05-17 » n'est pas une date relative — "
        'écrivez "today", "today+15" ou "today-3"',
        "questions/q3.md : date non relative : {{ hier }}",
    )


def test_missing_files(data, pack_copy):
    pack = pack_copy()
    (pack / "questions" / "q2.md").unlink()
    (pack / "annexes" / "annexe-4.csv").unlink()
    (pack / "files" / "bandeau-maison-flandre.jpg").unlink()
    _refused(
        data,
        pack,
        "subject.toml, champ « questions[2].file » : fichier questions/q2.md introuvable dans le pack",
        "subject.toml, champ « annexes[4].file » : fichier annexes/annexe-4.csv introuvable",
        "subject.toml, champ « files[1].file » : fichier « files/bandeau-maison-flandre.jpg » introuvable",
    )


def test_wrong_context_version(data, pack_copy):
    pack = pack_copy()
    edit(pack / "subject.toml", 'context_versions = ["1.0.0"]', 'context_versions = ["2.*"]')
    _refused(
        data,
        pack,
        "subject.toml, champ « subject.context_versions » : le contexte installé est en version "
        "1.0.0 ; le sujet est écrit pour 2.*",
    )


def test_context_not_installed(tmp_path, pack_copy):
    pack = pack_copy()
    messages = _messages(check_subject(pack, tmp_path / "vide"))
    assert messages == [
        "subject.toml, champ « subject.context » : le contexte « lin-et-nature » n'est pas installé "
        "— installez-le d'abord : e5 context install contexts/lin-et-nature"
    ]


def test_manifest_problems_are_all_reported(data, pack_copy):
    pack = pack_copy()
    edit(pack / "subject.toml", 'site = "boutique"', 'site = "magasin"')
    edit(pack / "subject.toml", 'features = ["B-STK-1"]', 'features = ["B-STK-9"]')
    edit(pack / "subject.toml", 'id = "q4"', 'id = "q6"')
    _refused(
        data,
        pack,
        "subject.toml, champ « subject.site » : site « magasin » inconnu",
        "subject.toml, champ « questions[3].features » : fonctionnalité « B-STK-9 » inconnue",
        "subject.toml, champ « questions[4].id » : identifiant « q6 » inattendu — "
        "les questions sont numérotées "
        'dans l\'ordre : écrivez id = "q4"',
    )


def test_grid_levels_and_criteria(data, pack_copy):
    pack = pack_copy("ln-boutique-b")
    edit(pack / "grid.toml", '  "Une seule des deux demandes traitée",\n', "")
    edit(
        pack / "grid.toml",
        "criterion = \"Qualité de l'assistance et prise en compte des risques et de la "
        'réglementation"\ntext = "Informer',
        'criterion = "Qualité de l\'assistance"\ntext = "Informer',
    )
    _refused(
        data,
        pack,
        "grid.toml, champ « lines[4].levels » : il faut les textes des niveaux 2, 3 et 4",
        "grid.toml, champ « lines[2].criterion » : « Qualité de l'assistance » n'est pas un critère de "
        "performance du référentiel — vouliez-vous écrire « Qualité de l'assistance et prise en compte des "
        "risques et de la réglementation » ?",
    )


def _three_questions(pack) -> None:
    """ln-boutique-b without its fourth question (subject.toml and grid.toml)."""
    text = (pack / "subject.toml").read_text(encoding="utf-8")
    start, end = text.index('[[questions]]\nid = "q4"'), text.index("[[annexes]]")
    (pack / "subject.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    grid = (pack / "grid.toml").read_text(encoding="utf-8")
    (pack / "grid.toml").write_text(grid[: grid.index('[[lines]]\nid = "q4"')], encoding="utf-8")


def test_three_questions_are_accepted_with_a_warning(data, pack_copy):
    """The national exam has 4 or 5 questions; a shorter practice subject passes `e5 subject check`."""
    from click.testing import CliRunner

    from grading.cli import cli

    pack = pack_copy("ln-boutique-b")
    _three_questions(pack)
    assert _messages(check_subject(pack, data)) == []
    result = CliRunner().invoke(cli, ["--data", str(data), "subject", "check", str(pack)])
    assert result.exit_code == 0, result.output
    assert "3 questions" in result.output
    assert (
        "Remarque : Le sujet national compte 4 ou 5 questions ; ce sujet en a 3 : "
        "il convient à l'entraînement."
        in result.output
    )
    full = CliRunner().invoke(cli, ["--data", str(data), "subject", "check", "ln-boutique-b"])
    assert full.exit_code == 0 and "Remarque" not in full.output


def test_six_questions_are_refused(data, pack_copy):
    pack = pack_copy("ln-boutique-b")
    text = (pack / "subject.toml").read_text(encoding="utf-8")
    q4 = text[text.index('[[questions]]\nid = "q4"') : text.index("[[annexes]]")]
    extra = "".join(q4.replace('"q4"', f'"q{n}"') for n in (5, 6))
    (pack / "subject.toml").write_text(text.replace(q4, q4 + extra), encoding="utf-8")
    _refused(data, pack, "subject.toml, champ « questions » : 6 question(s) : un sujet en compte 4 ou 5")


def test_no_phantom_grid_lines_when_the_manifest_is_refused(data, pack_copy):
    """A 3-question subject refused for another reason is not told that q4 and q5 lack grid lines."""
    pack = pack_copy("ln-boutique-b")
    _three_questions(pack)
    edit(pack / "subject.toml", 'letter = "B"', 'letter = "b"')
    messages = _refused(data, pack, "champ « subject.letter »")
    assert not any("aucune ligne de grille" in m for m in messages), messages


def test_failed_prepare_keeps_the_previous_template(data):
    name = prepare_subject(data, SUBJECTS / "ln-boutique-b", EXAM_DAY)
    engine = storage_for(data).engine("templates", name)
    before = dump_digest(engine)
    broken = data.parent / "broken"
    import shutil

    shutil.copytree(SUBJECTS / "ln-boutique-b", broken)
    edit(broken / "changes.toml", '"files/plaid-hotelier-detail.jpg"', '"files/absent.jpg"')
    with pytest.raises(PackError) as caught:
        prepare_subject(data, broken, EXAM_DAY)
    assert "fichier absent du pack : files/absent.jpg" in str(caught.value)
    assert dump_digest(storage_for(data).engine("templates", name)) == before


@pytest.mark.parametrize(
    ("version", "patterns", "fits"),
    [
        ("1.0.0", ["1.0.0"], True),
        ("1.2.3", ["1.*"], True),
        ("1.2.3", ["1.2.*"], True),
        ("1.3.0", ["1.2.*"], False),
        ("2.0.0", ["1.*"], False),
        ("1.0.1", ["1.0.0"], False),
    ],
)
def test_version_patterns(version, patterns, fits):
    assert version_fits(version, patterns) is fits


def test_empty_features_list_is_allowed(data, pack_copy):
    """A question may cite no feature id: its grid lines' objects still group the activity."""
    pack = pack_copy()
    edit(pack / "subject.toml", 'features = ["B-STK-1"]', "features = []")
    assert check_subject(pack, data) == []
