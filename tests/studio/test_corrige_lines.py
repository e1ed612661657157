"""« Corrigé » through the HTTP client: each proposal defaults to the grid line of the question citing a
feature it observes (else the author must choose: no silent « first line »), what the grid already holds is
shown « Déjà dans la grille » and not offered again, and a second « Ajouter » adds nothing twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from grading.accounts import create_user
from grading.app import create_app
from sandbox.activity.actor import Actor, act_as
from sandbox.models import Carrier, CarrierZone
from sandbox.services.carriers import save_carrier
from sandbox.services.modules import set_module_active
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token
from tests.integration.shop_admin_helpers import form_values, seat_db, text
from tests.studio.test_corrige_leftovers import _carrier_input


@pytest.fixture(scope="module")
def sdata(installed_data, tmp_path_factory):
    data = tmp_path_factory.mktemp("studio-corrige-lines") / "data"
    copy_data(installed_data, data)
    create_user(data, "lefebvre", "lefebvre-motdepasse", "teacher", "Mme Lefebvre")
    return data


def _proposals_form(page: str, base: str) -> dict:
    return form_values(page[page.index(f'action="{base}/corrige/enregistrer"') - 40 :])


def _row_of(values: dict, check: str) -> int:
    return next(int(k.split("-")[1]) for k, v in values.items()
                if k.startswith("observable-") and f'check = "{check}"' in v)


def test_default_line_choice_and_no_duplicates(sdata):
    teacher = create_app(sdata, TESTING=True).test_client()
    console_login(teacher, "lefebvre", "lefebvre-motdepasse")
    draft = studio.create_draft(sdata, author="Mme Lefebvre")
    parts.set_questions(draft, [
        {"title": "Fiche produit", "text": "Complétez la fiche.", "features": ["B-CAT-1"]},
        {"title": "Livraison", "text": "Offrez la livraison dès 80 €.", "features": ["B-SHP-1"]},
    ])
    studio.set_grid(draft, "ti-ts", [{"id": "q1-1", "question": "q1", "text": "Fiche"},
                                     {"id": "q2-1", "question": "q2", "text": "Livraison gratuite"}])
    base = f"/console/sujets/studio/{draft.id}"
    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert teacher.post(f"{base}/depart/preparer", data={"csrf_token": csrf_token(page)}).status_code == 302
    page = teacher.get(f"{base}/corrige").get_data(as_text=True)
    assert teacher.post(f"{base}/corrige/preparer", data={"csrf_token": csrf_token(page)}).status_code == 302
    with seat_db(sdata, f"studio-{draft.id}-corrige") as db:
        act_as(db, Actor("employee", 1, "Mme Lefebvre"))
        carrier = db.scalar(
            select(Carrier).join(CarrierZone, CarrierZone.carrier_id == Carrier.id)
            .where(Carrier.free_above_ttc.is_(None), Carrier.deleted.is_(False)).order_by(Carrier.id).limit(1)
        )
        zones = list(db.scalars(select(CarrierZone.zone_id).where(CarrierZone.carrier_id == carrier.id)))
        save_carrier(db, carrier, _carrier_input(carrier, free_above_ttc=Decimal("80"), zone_ids=zones))
        set_module_active(db, "featured", False)
        db.commit()

    page = teacher.get(f"{base}/corrige").get_data(as_text=True)
    values = _proposals_form(page, base)
    free, module = _row_of(values, "carrier.zone"), _row_of(values, "module.state")
    assert values[f"line-{free}"] == "q2-1"  # the question citing B-SHP-1, not the first line
    assert values[f"line-{module}"] == "?"  # no question cites what module.state observes: choose
    refused = teacher.post(f"{base}/corrige/enregistrer", data=values)
    assert refused.status_code == 422
    assert "Choisissez une ligne de la grille, ou « Ne pas garder »." in text(refused.get_data(as_text=True))
    assert studio.grid(draft)["lines"][1].get("observables", []) == []

    values = {k: ("" if k.startswith("line-") and v == "?" else v) for k, v in values.items()}
    answer = teacher.post(f"{base}/corrige/enregistrer", data=values, follow_redirects=True)
    assert "1 observable(s) ajouté(s) à la grille." in text(answer.get_data(as_text=True))
    kept = studio.grid(draft)["lines"][1]["observables"]
    assert len(kept) == 1 and kept[0]["free_above"] == "80,00"

    page = teacher.get(f"{base}/corrige").get_data(as_text=True)
    again = _proposals_form(page, base)
    row = _row_of(again, "carrier.zone")
    assert again[f"line-{row}"] == ""  # already kept: « Ne pas garder » by default
    assert "Déjà dans la grille (ligne q2-1)" in text(page)
    again[f"line-{row}"] = "q2-1"  # the author insists
    again = {k: ("" if k.startswith("line-") and v == "?" else v) for k, v in again.items()}
    shown = text(teacher.post(f"{base}/corrige/enregistrer", data=again, follow_redirects=True)
                 .get_data(as_text=True))
    assert "0 observable(s) ajouté(s) à la grille. 1 déjà dans la grille : pas ajouté(s) deux fois." in shown
    assert studio.grid(draft)["lines"][1]["observables"] == kept


def test_an_accepted_observable_is_listed_in_words_and_can_be_removed(sdata):
    """The grid editor lists each observable of a line by its check's label, each with « Retirer »."""
    teacher = create_app(sdata, TESTING=True).test_client()
    console_login(teacher, "lefebvre", "lefebvre-motdepasse")
    draft = studio.create_draft(sdata, author="Mme Lefebvre")
    parts.set_questions(draft, [{"title": "Module", "text": "Réactivez le module.", "features": ["B-MOD-1"]}])
    studio.set_grid(draft, "ti-ts", [{"id": "q1-1", "question": "q1", "text": "Module"}])
    kept = [{"check": "module.state", "module": "featured", "active": True},
            {"check": "module.state", "module": "social_sharing", "active": False}]
    studio.set_line_observables(draft, "q1-1", kept)
    base = f"/console/sujets/studio/{draft.id}"
    page = teacher.get(f"{base}/").get_data(as_text=True)
    shown = text(page)
    assert "2 observables sur cette ligne" in shown
    assert "Module de la boutique (le code du module : featured ; le module doit être activé : oui)" in shown
    assert "le code du module : social_sharing ; le module doit être activé : non" in shown
    assert 'aria-label="Retirer l\'observable 2 de la ligne 1"' in page
    values = {"csrf_token": csrf_token(page), "revision": str(draft.revision)}
    answer = teacher.post(f"{base}/grille/q1-1/observables/1/retirer", data=values, follow_redirects=True)
    assert "Observable retiré de la ligne q1-1" in text(answer.get_data(as_text=True))
    assert [o["module"] for o in studio.grid(draft)["lines"][0]["observables"]] == ["featured"]
    # A page loaded before that removal is behind: its « Retirer » is refused, nothing else removed.
    stale = teacher.post(f"{base}/grille/q1-1/observables/0/retirer", data=values, follow_redirects=True)
    assert "autre onglet" in text(stale.get_data(as_text=True))
    assert len(studio.grid(draft)["lines"][0]["observables"]) == 1
    assert teacher.post(f"{base}/grille/q1-1/observables/5/retirer",
                        data={"csrf_token": csrf_token(page)}).status_code == 404
