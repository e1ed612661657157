"""The grid: saved at once, stale writes refused (no entry lost), signing locks, audit after signing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from grading.models import GridSheet
from grading.services import grids
from grading.services.grids import StaleVersion
from grading.services.sheets import sheet_as_dict
from grading.services.store import reading
from sandbox.formatting import format_datetime
from sandbox.services import ServiceError
from tests.grading.conftest import TEMPLATE_B, TEMPLATE_C, make_slot


@pytest.fixture
def sheet_id(gdata, exam, accounts):
    slot = make_slot(gdata, exam, accounts, ("0101",))
    with reading(gdata) as db:
        return db.get(type(slot), slot.id).seats[0].sheet.id


def _sheet(gdata, sheet_id) -> dict:
    with reading(gdata) as db:
        sheet = db.get(GridSheet, sheet_id)
        return sheet_as_dict(sheet, sheet.slot_seat.slot.grid)


def _line(sheet: dict, line_id: str) -> dict:
    return next(line for line in sheet["lines"] if line["id"] == line_id)


def test_two_tabs_a_stale_write_is_refused_and_nothing_is_lost(gdata, sheet_id):
    # Both tabs loaded the grid at version 0.
    first = grids.set_level(gdata, sheet_id, "q1-declinaisons", "S", 0, "Mme Martin")
    assert first.version == 1
    with pytest.raises(StaleVersion) as stale:
        grids.set_level(gdata, sheet_id, "q1-declinaisons", "TI", 0, "Mme Martin")
    assert "modifiée entre-temps par Mme Martin" in stale.value.message
    assert stale.value.current == "S" and stale.value.version == 1
    # The second tab, now up to date, writes its note on the same line: both entries are kept.
    grids.set_note(gdata, sheet_id, "q1-declinaisons", "4 déclinaisons, couleurs oubliées", 1, "Mme Martin")
    line = _line(_sheet(gdata, sheet_id), "q1-declinaisons")
    assert (line["level"], line["note"], line["version"]) == ("S", "4 déclinaisons, couleurs oubliées", 2)
    # Other lines have their own version: writing them never conflicts with this one.
    assert grids.set_level(gdata, sheet_id, "q1-prix", "TS", 0, "Mme Martin").version == 1


def test_appreciation_and_mark_use_the_sheet_version(gdata, sheet_id):
    saved = grids.set_mark(gdata, sheet_id, "14,5", 0, "Mme Martin")
    assert saved.value == Decimal("14.50") and saved.version == 1
    with pytest.raises(StaleVersion) as stale:
        grids.set_appreciation(gdata, sheet_id, "Bon travail", 0, "Mme Martin")
    assert stale.value.version == 1
    grids.set_appreciation(gdata, sheet_id, "Bon travail", 1, "Mme Martin")
    sheet = _sheet(gdata, sheet_id)
    assert sheet["mark"] == "14.50" and sheet["appreciation"] == "Bon travail" and sheet["version"] == 2


@pytest.mark.parametrize("typed", ["21", "-1", "14,555", "quatorze", "14.5.1"])
def test_a_mark_is_0_to_20_with_two_decimals(gdata, sheet_id, typed):
    with pytest.raises(ServiceError) as refused:
        grids.set_mark(gdata, sheet_id, typed, 0, "Mme Martin")
    assert refused.value.field == "mark"
    assert _sheet(gdata, sheet_id)["mark"] is None


def test_levels_must_belong_to_the_grid_type(gdata, exam, accounts, sheet_id):
    with pytest.raises(ServiceError, match="TI, I, S, TS"):
        grids.set_level(gdata, sheet_id, "q1-prix", "3", 0, "Mme Martin")
    slot = make_slot(gdata, exam, accounts, ("0102",), TEMPLATE_B, at="15:00")
    with reading(gdata) as db:
        other = db.get(type(slot), slot.id).seats[0].sheet.id
    assert grids.set_level(gdata, other, "q1", "3", 0, "M. Durand").value == "3"
    with pytest.raises(ServiceError, match="n'existe pas"):
        grids.set_level(gdata, other, "q9", "3", 0, "M. Durand")


def test_signing_locks_and_later_changes_are_audited(gdata, sheet_id):
    grids.set_level(gdata, sheet_id, "q1-prix", "S", 0, "Mme Martin")
    with pytest.raises(ServiceError, match="note sur 20 avant de signer"):
        grids.sign(gdata, sheet_id, "Mme Martin", True)
    grids.set_mark(gdata, sheet_id, "12", 0, "Mme Martin")
    with pytest.raises(ServiceError, match="confirmation"):
        grids.sign(gdata, sheet_id, "Mme Martin", False)
    signed = grids.sign(gdata, sheet_id, "Mme Martin", True)
    assert signed.signed_by_name == "Mme Martin" and signed.signed_at is not None
    with pytest.raises(ServiceError, match="déjà signée"):
        grids.sign(gdata, sheet_id, "Mme Martin", True)

    with pytest.raises(ServiceError) as refused:
        grids.set_mark(gdata, sheet_id, "13", signed.version, "Mme Martin")
    assert refused.value.field == "reason"
    with pytest.raises(ServiceError):
        grids.set_level(gdata, sheet_id, "q1-prix", "TS", 1, "Mme Martin")
    assert _sheet(gdata, sheet_id)["mark"] == "12.00"

    grids.set_mark(gdata, sheet_id, "13", signed.version, "Mme Martin", reason="Erreur de report")
    grids.set_level(gdata, sheet_id, "q1-prix", "TS", 1, "Mme Martin", reason="Prix TTC vérifié après coup")
    sheet = _sheet(gdata, sheet_id)
    assert sheet["mark"] == "13.00" and _line(sheet, "q1-prix")["level"] == "TS"
    assert [(a["field"], a["before"], a["after"], a["reason"], a["who"]) for a in sheet["audit"]] == [
        ("mark", "12", "13", "Erreur de report", "Mme Martin"),
        ("level:q1-prix", "S", "TS", "Prix TTC vérifié après coup", "Mme Martin"),
    ]
    assert sheet["signed_by_name"] == "Mme Martin"


def test_levels_are_typed_loosely_and_refused_with_the_choices(gdata, sheet_id):
    saved = grids.set_level(gdata, sheet_id, "q1-prix", " s ", 0, "Mme Martin")
    assert (saved.value, saved.version, saved.updated_by) == ("S", 1, "Mme Martin") and saved.updated_at
    with pytest.raises(ServiceError) as refused:
        grids.set_level(gdata, sheet_id, "q1-prix", "3", 1, "Mme Martin")
    assert (refused.value.message, refused.value.field) == (
        "Niveau « 3 » impossible pour cette grille : choisissez parmi TI, I, S, TS.", "level")
    assert grids.set_level(gdata, sheet_id, "q1-prix", "", 1, "Mme Martin").value == ""
    assert _line(_sheet(gdata, sheet_id), "q1-prix")["level"] == ""
    with pytest.raises(ServiceError) as missing:
        grids.set_level(gdata, sheet_id, "q9", "S", 0, "Mme Martin")
    assert (missing.value.message, missing.value.field) == (
        "La ligne « q9 » n'existe pas dans cette grille.", "line")


def test_the_same_value_again_changes_nothing_even_signed(gdata, sheet_id):
    grids.set_note(gdata, sheet_id, "q1-prix", "  Prix justes  ", 0, "Mme Martin")
    assert grids.set_note(gdata, sheet_id, "q1-prix", "Prix justes", 1, "M. Durand").version == 1
    line = _line(_sheet(gdata, sheet_id), "q1-prix")
    assert (line["note"], line["version"]) == ("Prix justes", 1)
    grids.set_appreciation(gdata, sheet_id, "  Bon travail ", 0, "Mme Martin")
    grids.set_mark(gdata, sheet_id, "12", 1, "Mme Martin")
    signed = grids.sign(gdata, sheet_id, "  Mme Martin ", True)
    assert (signed.signed_by_name, signed.version, signed.updated_by) == ("Mme Martin", 3, "Mme Martin")
    # Signed: the same value again asks no reason and changes nothing.
    assert grids.set_appreciation(gdata, sheet_id, "Bon travail", 3, "Mme Martin").version == 3
    assert grids.set_mark(gdata, sheet_id, "12,00", 3, "Mme Martin").version == 3
    grids.set_note(gdata, sheet_id, "q1-prix", "Prix revus", 1, "Mme Martin", reason="  Relu  ")
    sheet = _sheet(gdata, sheet_id)
    assert sheet["appreciation"] == "Bon travail" and sheet["version"] == 3
    assert [(a["field"], a["before"], a["after"], a["reason"]) for a in sheet["audit"]] == [
        ("note:q1-prix", "Prix justes", "Prix revus", "Relu")]
    with pytest.raises(ServiceError) as again:
        grids.sign(gdata, sheet_id, "M. Durand", True)
    assert again.value.message.startswith("Cette grille est déjà signée par Mme Martin le ")


def test_a_stale_write_without_author_and_a_signature_without_name(gdata, sheet_id):
    grids.set_appreciation(gdata, sheet_id, "Bien", 0, "")
    with pytest.raises(StaleVersion) as stale:
        grids.set_appreciation(gdata, sheet_id, "Très bien", 0, "Mme Martin")
    assert stale.value.message.startswith("Cette valeur a été modifiée entre-temps (dans un autre onglet ?)")
    assert (stale.value.field, stale.value.current, stale.value.version, stale.value.updated_by) == (
        "appreciation", "Bien", 1, "")
    grids.set_mark(gdata, sheet_id, "15", 1, "Mme Martin")
    with pytest.raises(ServiceError) as refused:
        grids.sign(gdata, sheet_id, "   ", True)
    assert (refused.value.message, refused.value.field) == ("Indiquez le nom de l'examinateur qui signe.",
                                                            "examiner_name")
    with pytest.raises(ServiceError) as unconfirmed:
        grids.sign(gdata, sheet_id, "Mme Martin", False)
    assert unconfirmed.value.field == "confirmation"
    assert _sheet(gdata, sheet_id)["signed_by_name"] in (None, "")


def test_what_the_page_is_told_after_a_write_or_a_refusal(gdata, sheet_id):
    """The field named in a save or a refusal is the one the page marks (line, sheet, reason, mark)."""
    saved = grids.set_note(gdata, sheet_id, "q1-prix", "Juste", 0, "Mme Martin")
    assert (saved.field, saved.updated_by) == ("note:q1-prix", "Mme Martin") and saved.updated_at
    with pytest.raises(StaleVersion) as stale:
        grids.set_level(gdata, sheet_id, "q1-prix", "S", 0, "M. Durand")
    assert (stale.value.field, stale.value.updated_by) == ("level:q1-prix", "Mme Martin")
    with pytest.raises(ServiceError) as no_mark:
        grids.sign(gdata, sheet_id, "Mme Martin", True)
    assert no_mark.value.field == "mark"
    mark = grids.set_mark(gdata, sheet_id, "10", 0, "Mme Martin")
    assert (mark.field, mark.updated_by) == ("mark", "Mme Martin") and mark.updated_at
    grids.sign(gdata, sheet_id, "Mme Martin", True)
    with pytest.raises(ServiceError) as refused:
        grids.set_note(gdata, sheet_id, "q1-prix", "Revu", 1, "Mme Martin")
    assert (refused.value.message, refused.value.field) == (
        "La grille est signée : indiquez la raison de cette modification (elle sera tracée).", "reason")


def test_the_whole_sentence_of_each_refusal(gdata, exam, accounts, sheet_id):
    """The examiner reads the whole sentence: what happened and what to do (the grid page shows it)."""
    grids.set_mark(gdata, sheet_id, "11", 0, "Mme Martin")
    with pytest.raises(StaleVersion) as stale:
        grids.set_appreciation(gdata, sheet_id, "Bien", 0, "M. Durand")
    assert stale.value.message == (
        "Cette valeur a été modifiée entre-temps par Mme Martin (dans un autre onglet ?) : votre saisie "
        "n'a pas été enregistrée. La valeur actuelle est affichée ; recommencez si besoin.")
    with pytest.raises(ServiceError) as unconfirmed:
        grids.sign(gdata, sheet_id, "Mme Martin", False)
    assert unconfirmed.value.message == "Cochez la case de confirmation pour signer la grille."
    signed = grids.sign(gdata, sheet_id, "Mme Martin", True)
    with pytest.raises(ServiceError) as again:
        grids.sign(gdata, sheet_id, "M. Durand", True)
    assert again.value.message == (
        f"Cette grille est déjà signée par Mme Martin le {format_datetime(signed.signed_at)}.")
    assert format_datetime(signed.signed_at)  # a real date and time, « 20/05/2027 14:05 »

    other = make_slot(gdata, exam, accounts, ("0102",), TEMPLATE_C, at="15:00")
    with reading(gdata) as db:
        fiche = db.get(type(other), other.id).seats[0].sheet.id
    with pytest.raises(ServiceError) as no_levels:
        grids.set_level(gdata, fiche, "q1", "S", 0, "M. Durand")
    assert (no_levels.value.message, no_levels.value.field) == (
        "Niveau « S » impossible pour cette grille : choisissez parmi aucun (grille sans niveaux).", "level")
    with pytest.raises(ServiceError) as no_mark:
        grids.sign(gdata, fiche, "M. Durand", True)
    assert no_mark.value.message == "Saisissez la note sur 20 avant de signer la grille."


def test_an_appreciation_changed_after_signing_needs_a_reason(gdata, sheet_id):
    grids.set_appreciation(gdata, sheet_id, "Bien", 0, "Mme Martin")
    grids.set_mark(gdata, sheet_id, "14", 1, "Mme Martin")
    signed = grids.sign(gdata, sheet_id, "Mme Martin", True)
    with pytest.raises(ServiceError) as refused:
        grids.set_appreciation(gdata, sheet_id, "Très bien", signed.version, "Mme Martin")
    assert refused.value.field == "reason"
    assert _sheet(gdata, sheet_id)["appreciation"] == "Bien"
    grids.set_appreciation(gdata, sheet_id, "Très bien", signed.version, "Mme Martin", reason="Relu")
    sheet = _sheet(gdata, sheet_id)
    assert sheet["appreciation"] == "Très bien"
    assert [(a["field"], a["before"], a["after"], a["reason"]) for a in sheet["audit"]] == [
        ("appreciation", "Bien", "Très bien", "Relu")]


def test_an_empty_value_clears_a_note_or_the_appreciation(gdata, sheet_id):
    """A field left empty arrives as nothing at all: the note or the appreciation is cleared, never filled."""
    grids.set_note(gdata, sheet_id, "q1-prix", "Juste", 0, "Mme Martin")
    assert grids.set_note(gdata, sheet_id, "q1-prix", None, 1, "Mme Martin").value == ""
    grids.set_appreciation(gdata, sheet_id, "Bien", 0, "Mme Martin")
    assert grids.set_appreciation(gdata, sheet_id, None, 1, "Mme Martin").value == ""
    sheet = _sheet(gdata, sheet_id)
    assert (_line(sheet, "q1-prix")["note"], sheet["appreciation"]) == ("", "")
    with pytest.raises(ServiceError) as nameless:
        grids.sign(gdata, sheet_id, None, True)
    assert nameless.value.field == "examiner_name"
