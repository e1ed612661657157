"""The centre's administrator, from the console home: uploads a broken subject zip (French error naming the
file and the field), then a good one; prepares it for the wrong day; creating a slot is then refused with the
fix offered (« Préparer ce sujet pour le 15/06/2027 »), which works; the slot is created."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from playwright.sync_api import expect

from grading.accounts import create_user
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from tests.subjects.archives import zip_pack
from tests.subjects.conftest import SUBJECTS, edit

ADMIN = ("admin-centre", "admin-2027-centre")
SESSION_DAY = date(2027, 6, 15)


@pytest.fixture(scope="module")
def centre(live, tmp_path_factory):
    """An administrator, a session of 15/06/2027 with two candidates, a good and a broken subject zip."""
    create_user(live.data, ADMIN[0], ADMIN[1], "admin", "Administrateur du centre")
    session = create_session(live.data, SESSION_DAY, "Lycée Jean Moulin", "Lille", "", "admin")
    import_candidates(live.data, session.id, "numéro;nom;prénom\n0201;Petit;Claire\n0202;Bernard;Louis\n")
    folder = tmp_path_factory.mktemp("packs")
    good = folder / "sujet-moulin"
    shutil.copytree(SUBJECTS / "ln-boutique-b", good)
    edit(good / "subject.toml", 'id = "ln-boutique-b"', 'id = "moulin-salon-pro"')
    broken = folder / "sujet-casse"
    shutil.copytree(good, broken)
    edit(broken / "subject.toml", 'letter = "B"', 'letter = "b"')
    return {
        "good": zip_pack(good, folder / "sujet-moulin.zip"),
        "broken": zip_pack(broken, folder / "sujet-casse.zip"),
    }


def _login(page, live) -> None:
    page.goto(f"{live.url}/console/connexion")
    page.get_by_label("Identifiant").fill(ADMIN[0])
    page.get_by_label("Mot de passe").fill(ADMIN[1])
    page.get_by_role("button", name="Se connecter").click()


def _slot_form(page, subject: str) -> None:
    expect(page.get_by_role("main")).not_to_contain_text("subject-")  # no internal template name in hints
    page.get_by_label("Heure de début").fill("09:00")
    page.get_by_label("Examinateur").select_option(label="Mme Examinatrice")
    page.get_by_label("Sujet", exact=True).select_option(label=subject)
    page.get_by_label("PETIT Claire (n° 0201)").check()
    page.get_by_label("BERNARD Louis (n° 0202)").check()
    page.get_by_role("button", name="Créer le créneau").click()


def test_admin_uploads_prepares_and_creates_a_slot(page, live, centre):
    _login(page, live)
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Sujets", exact=True).click()
    expect(page.get_by_role("heading", name="Bibliothèque des sujets", level=1)).to_be_visible()
    shipped = page.get_by_role("row", name=re.compile("ln-boutique-a"))
    expect(shipped).to_contain_text("Fourni avec E5 Sandbox")

    upload = page.get_by_label("Archive du sujet (.zip ou .tar.gz)")
    upload.set_input_files(centre["broken"])
    page.get_by_role("button", name="Vérifier et ajouter").click()
    problems = page.get_by_role("alert").filter(has_text="à corriger")
    expect(problems).to_contain_text("subject.toml, champ « subject.letter » : « b » n'a pas le bon format")
    expect(page.get_by_text("Le sujet « sujet-casse.zip » n'a pas été ajouté")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("moulin-salon-pro"))).to_have_count(0)

    page.get_by_label("Archive du sujet (.zip ou .tar.gz)").set_input_files(centre["good"])
    page.get_by_role("button", name="Vérifier et ajouter").click()
    expect(page.get_by_role("status").filter(has_text="vérifié et ajouté à la bibliothèque")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("moulin-salon-pro"))
    expect(row).to_contain_text("Déposé par le centre")
    expect(row).to_contain_text("pas encore préparé")

    # Prepared for the wrong day first (the context's reference day).
    page.get_by_label("Sujet à préparer").select_option(value="moulin-salon-pro")
    page.get_by_label("Date de l'épreuve").fill("2027-05-20")
    page.get_by_role("button", name="Préparer", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="préparé pour le 20/05/2027")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_role("status")).not_to_contain_text("subject-")  # no internal template name
    expect(page.get_by_role("row", name=re.compile("moulin-salon-pro"))).to_contain_text("20/05/2027")

    admin_nav = page.get_by_role("navigation", name="Console")
    admin_nav.get_by_role("link", name="Administration", exact=True).click()
    page.get_by_role("link", name="Session du 15/06/2027").click()
    page.get_by_role("link", name="Créer un créneau").click()
    _slot_form(
        page, "Sujet B — Préparer le salon des professionnels de l'hébergement — E5B-2027-LN-B — 20/05/2027"
    )
    expect(
        page.get_by_text(
            "Ce sujet est préparé pour le 20/05/2027, pas pour le jour de la session (15/06/2027)"
        )
    ).to_be_visible()
    page.get_by_role("button", name="Préparer ce sujet pour le 15/06/2027").click()
    expect(page.get_by_role("status").filter(has_text="préparé pour le 15/06/2027")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_role("heading", name="Nouveau créneau — session du 15/06/2027")).to_be_visible()
    expect(page.get_by_label("Sujet", exact=True)).to_have_value("subject-moulin-salon-pro-2027-06-15")
    _slot_form(
        page, "Sujet B — Préparer le salon des professionnels de l'hébergement — E5B-2027-LN-B — 15/06/2027"
    )
    expect(page.get_by_role("status").filter(has_text="Créneau créé")).to_be_visible()

    page.goto(f"{live.url}/console/sujets/")
    expect(page.get_by_role("row", name=re.compile("moulin-salon-pro"))).to_contain_text(
        "20/05/2027, 15/06/2027"
    )
