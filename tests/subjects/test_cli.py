"""`e5 subject check | list | prepare`: messages, exit codes, and the seats made from a prepared subject."""

from __future__ import annotations

from click.testing import CliRunner

from grading.cli import cli
from sandbox.seats import get_seat
from tests.subjects.conftest import SUBJECTS, edit


def _run(data, *args):
    return CliRunner().invoke(cli, ["--data", str(data), "subject", *args])


def test_check_a_valid_subject_by_id_and_by_folder(data):
    by_id = _run(data, "check", "ln-boutique-a")
    assert by_id.exit_code == 0, by_id.output
    assert by_id.output.startswith(
        "Sujet valide : ln-boutique-a 1.0.0 — Lancement de la parure Flandre à chevrons "
        "(sujet A, 5 questions, "
    )
    assert _run(data, "check", str(SUBJECTS / "ln-boutique-b")).exit_code == 0


def test_check_lists_every_problem_and_fails(data, pack_copy):
    pack = pack_copy()
    edit(pack / "grid.toml", 'check = "product.seo"', 'check = "product.referencement"')
    edit(pack / "subject.toml", 'letter = "A"', 'letter = "a"')
    result = _run(data, "check", str(pack))
    assert result.exit_code == 1
    assert "2 problèmes à corriger" in result.output
    assert "subject.toml, champ « subject.letter » : « a » n'a pas le bon format" in result.output
    assert f"Corrigez puis relancez : e5 subject check {pack}" in result.output


def test_unknown_subject_and_bad_date(data):
    assert "Sujet « ln-inconnu » introuvable" in _run(data, "check", "ln-inconnu").output
    bad = _run(data, "prepare", "ln-boutique-a", "--date", "20/05/2027")
    assert bad.exit_code == 2 and "n'est pas une date AAAA-MM-JJ" in bad.output


def test_prepare_then_create_seats_and_list(data):
    result = _run(data, "prepare", "ln-boutique-c", "--date", "2027-06-15")
    assert result.exit_code == 0, result.output
    assert "Modèle préparé : subject-ln-boutique-c-2027-06-15 (épreuve du 15/06/2027)" in result.output
    seat = CliRunner().invoke(
        cli,
        ["--data", str(data), "seat", "create", "poste-1", "--template", "subject-ln-boutique-c-2027-06-15"],
    )
    assert seat.exit_code == 0, seat.output
    assert get_seat(data, "poste-1").subject == "ln-boutique-c"
    listed = _run(data, "list")
    assert "ln-boutique-a" in listed.output and "ln-boutique-c" in listed.output
    assert "subject-ln-boutique-c-2027-06-15  (épreuve du 15/06/2027, lin-et-nature 1.0.0)" in listed.output


def test_prepare_defaults_to_the_context_reference_date(data):
    result = _run(data, "prepare", "ln-boutique-b")
    assert result.exit_code == 0, result.output
    assert "subject-ln-boutique-b-2027-05-20" in result.output
