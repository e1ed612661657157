"""A centre run from the browser: accounts created and disabled by the administrator, the centre's address on
the seat cards (never the Host of whoever prints), each role landing on its own page, examiners kept to
their own seats, and a seats page that follows a dozen seats through one stream."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT
from grading.models import ExamSession, Slot
from grading.services.candidates import import_candidates
from grading.services.sessions import create_session
from grading.services.slots import create_slot, prepare_slot_seats
from grading.services.store import reading
from sandbox.seats import create_seat
from tests.browser.conftest import ADMIN, EXAMINER, console_login
from tests.grading.conftest import work_on_seat

OTHER_EXAMINER = ("durand", "durand-examen-2027")
CANDIDATES = "numéro;nom;prénom\n0101;Petit;Claire\n0102;Bernard;Louis\n"


@pytest.fixture(scope="module")
def exam(live):
    """Subject A prepared for today; one slot for each of two examiners, one candidate each, seats ready."""
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    from sandbox.subjects.prepare import prepare_subject

    now = datetime.now().replace(second=0, microsecond=0)
    template = prepare_subject(live.data, DEMO_SUBJECT, now.date())
    create_user(live.data, OTHER_EXAMINER[0], OTHER_EXAMINER[1], "examiner", "M. Durand")
    session = create_session(live.data, now.date(), "Lycée Jean Moulin", "Lille", "NDRC-12", "admin")
    import_candidates(live.data, session.id, CANDIDATES)
    with reading(live.data) as db:
        mine, other = find_user(db, EXAMINER[0]).id, find_user(db, OTHER_EXAMINER[0]).id
        bernard, petit = [c.id for c in db.get(ExamSession, session.id).candidates]
    slots = {}
    for examiner, candidate in ((mine, petit), (other, bernard)):
        slot = create_slot(live.data, session.id, now, examiner, template, [candidate], 40, "NDRC-12")
        prepare_slot_seats(live.data, slot.id)
        with reading(live.data) as db:
            slots[examiner == mine] = (slot.id, db.get(Slot, slot.id).seats[0].seat_name)
    return {"mine": slots[True], "other": slots[False], "at": now.strftime("%H:%M"), "day": f"{now:%d/%m/%Y}"}


def _nav(page: Page):
    return page.get_by_role("navigation", name="Console")


@pytest.fixture
def login(browser, live):
    """Log a centre account in its own browser context; every context (and its live streams) is closed
    after the test, so that open pages do not keep the server busy during the next ones."""
    contexts = []

    def log_in(account) -> Page:
        contexts.append(browser.new_context())
        page = contexts[-1].new_page()
        console_login(page, live, account)
        return page

    yield log_in
    for context in contexts:
        context.close()


def test_the_administrator_creates_accounts_and_a_disabled_one_cannot_log_in(login, live):
    admin = login(ADMIN)
    expect(admin.get_by_role("heading", name="Administration du centre")).to_be_visible()
    expect(admin.get_by_text("M. Responsable")).to_be_visible()

    administration = _nav(admin).get_by_role("list", name="Administration")
    for entry in ("Sessions", "Examinateurs", "Enseignants", "Sujets", "Créneaux", "Réglages"):
        expect(administration.get_by_role("link", name=entry, exact=True)).to_be_visible()
    _nav(admin).get_by_role("link", name="Examinateurs").click()
    admin.get_by_label("Nom de l'examinateur (tel qu'imprimé sur les grilles)").fill("Mme Leroy")
    admin.get_by_label("Identifiant de connexion").fill("leroy")
    admin.get_by_label("Mot de passe (8 caractères au moins)").fill("court")
    admin.get_by_role("button", name="Créer le compte").click()
    expect(admin.get_by_text("Le mot de passe doit compter au moins 8 caractères.")).to_be_visible()
    expect(admin.get_by_label("Identifiant de connexion")).to_have_value("leroy")  # what was typed is kept
    admin.get_by_label("Mot de passe (8 caractères au moins)").fill("leroy-examen-2027")
    admin.get_by_role("button", name="Créer le compte").click()
    expect(admin.get_by_role("status").filter(has_text="Compte examinateur « leroy » créé")).to_be_visible()

    _nav(admin).get_by_role("link", name="Enseignants").click()
    admin.get_by_label("Nom de l'enseignant").fill("Mme Prof")
    admin.get_by_label("Identifiant de connexion").fill("prof-lea")
    admin.get_by_label("Mot de passe (8 caractères au moins)").fill("enseignante-2027")
    admin.get_by_role("button", name="Créer le compte").click()
    expect(admin.get_by_role("row", name=re.compile("Mme Prof prof-lea .* actif"))).to_be_visible()

    # Each role lands on its page and sees only what it can use.
    examiner = login(("leroy", "leroy-examen-2027"))
    expect(examiner.get_by_role("heading", name="Mes créneaux du jour")).to_be_visible()
    for absent in ("Administration", "Sujets", "Réglages"):
        expect(_nav(examiner).get_by_role("link", name=absent)).to_have_count(0)
    expect(examiner.get_by_role("button", name="Déconnexion")).to_be_visible()
    teacher = login(("prof-lea", "enseignante-2027"))
    expect(teacher.get_by_role("heading", name="Mes séances d'entraînement")).to_be_visible()
    expect(teacher.get_by_text("Mme Prof")).to_be_visible()
    for absent in ("Administration", "Postes", "créneaux"):
        expect(_nav(teacher).get_by_role("link", name=absent)).to_have_count(0)
    _nav(teacher).get_by_role("link", name="Sujets").click()  # the subject library is theirs too
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("sujets")

    # Disabled: the open session ends at the next page, and logging in again is refused in French.
    admin.get_by_role("link", name="Mme Prof").click()
    admin.get_by_role("button", name="Désactiver le compte").click()
    expect(admin.get_by_role("status").filter(has_text="Compte de Mme Prof désactivé")).to_be_visible()
    disabled = "Ce compte est désactivé : adressez-vous à l'administrateur du centre."
    teacher.reload()
    expect(teacher.get_by_text(disabled)).to_be_visible()
    console_login(teacher, live, ("prof-lea", "enseignante-2027"))
    expect(teacher.get_by_role("alert").filter(has_text=disabled)).to_be_visible()
    expect(teacher.get_by_label("Identifiant")).to_have_value("prof-lea")

    # Enabled again with a new password: the old one no longer opens the console.
    admin.get_by_role("button", name="Réactiver le compte").click()
    admin.get_by_label("Nouveau mot de passe (8 caractères au moins)").fill("nouveau-2027")
    admin.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    saved = admin.get_by_role("status").filter(has_text="Nouveau mot de passe enregistré pour Mme Prof")
    expect(saved).to_be_visible()
    console_login(teacher, live, ("prof-lea", "enseignante-2027"))
    refused = teacher.get_by_role("alert").filter(has_text="Identifiant ou mot de passe incorrect")
    expect(refused).to_be_visible()
    console_login(teacher, live, ("prof-lea", "nouveau-2027"))
    expect(teacher.get_by_role("heading", name="Mes séances d'entraînement")).to_be_visible()


def _open_slot(admin: Page, exam) -> None:
    """Administration › Sessions › the session › the first slot of the day."""
    _nav(admin).get_by_role("link", name="Sessions").click()
    admin.get_by_role("link", name=exam["day"]).first.click()
    admin.get_by_role("link", name=exam["at"]).first.click()


def test_seat_cards_print_the_centre_address_with_a_loopback_warning(login, live, exam):
    admin = login(ADMIN)
    _open_slot(admin, exam)
    admin.get_by_role("link", name="Fiches des postes").click()
    cards = admin.get_by_role("main")
    # Nothing configured: the default address, on loopback, with the warning; never the test server's Host.
    expect(admin.get_by_role("alert").filter(has_text="Adresse à vérifier")).to_be_visible()
    expect(cards).to_contain_text(re.compile(r"http://127\.0\.0\.1:8000/s/s\d+-1/"))
    expect(cards).not_to_contain_text(live.url)

    admin.get_by_role("link", name="Administration › Réglages").click()
    admin.get_by_label("Adresse du serveur pour les postes").fill("ftp://salle b")
    admin.get_by_role("button", name="Enregistrer").click()
    expect(admin.get_by_text(re.compile("Adresse invalide : « ftp://salle b »"))).to_be_visible()
    expect(admin.get_by_label("Adresse du serveur pour les postes")).to_have_value("ftp://salle b")
    admin.get_by_label("Adresse du serveur pour les postes").fill("192.168.1.10:8000")
    admin.get_by_role("button", name="Enregistrer").click()
    expect(admin.get_by_role("status").filter(has_text="http://192.168.1.10:8000")).to_be_visible()

    _open_slot(admin, exam)
    admin.get_by_role("link", name="Fiches des postes").click()
    expect(cards).to_contain_text(re.compile(r"http://192\.168\.1\.10:8000/s/s\d+-1/"))
    expect(admin.get_by_role("alert").filter(has_text="Adresse à vérifier")).to_have_count(0)
    admin.get_by_role("link", name="Retour au créneau").click()
    admin.get_by_role("link", name="Fiche de l'examinateur").click()
    expect(admin.get_by_role("main")).to_contain_text("http://192.168.1.10:8000/s/")


def test_an_examiner_lands_on_their_slots_and_cannot_open_another_examiners_seat(login, live, exam):
    examiner = login(EXAMINER)
    expect(examiner.get_by_role("heading", name="Mes créneaux du jour")).to_be_visible()
    today = examiner.get_by_role("table", name=re.compile("Aujourd'hui"))
    expect(today.get_by_role("row", name=re.compile("PETIT Claire"))).to_be_visible()
    expect(examiner.get_by_text("BERNARD Louis")).to_have_count(0)
    expect(_nav(examiner).get_by_role("link", name="Administration")).to_have_count(0)

    _nav(examiner).get_by_role("link", name="Postes de mes candidats").click()
    mine, other = exam["mine"][1], exam["other"][1]
    expect(examiner.get_by_role("link", name=f"Poste {mine}")).to_be_visible()
    card = examiner.get_by_role("region", name=f"Poste {mine}")
    expect(card).to_contain_text(f"PETIT Claire — créneau du {exam['day']} à {exam['at']}")
    expect(examiner.get_by_role("link", name=f"Poste {other}")).to_have_count(0)
    examiner.goto(f"{live.url}/console/postes/{other}/")
    expect(examiner.get_by_role("heading", name="Accès refusé")).to_be_visible()
    expect(examiner.get_by_text("Ce poste n'est pas celui d'un candidat de vos créneaux.")).to_be_visible()
    for url in (f"/console/postes/{other}/flux", f"/console/postes/{other}/evenements",
                f"/console/postes/flux?postes={mine},{other}"):
        assert examiner.request.get(f"{live.url}{url}").status == 403, url
    # The administrator follows every seat.
    admin = login(ADMIN)
    admin.goto(f"{live.url}/console/postes/{other}/")
    expect(admin.get_by_role("heading", name=f"Poste {other}")).to_be_visible()


def test_twelve_seats_share_one_stream_and_a_seat_opens_at_once(login, live):
    names = [f"salle-{n:02d}" for n in range(1, 14)]  # 13: a full page of 12, and a second page
    for name in names:
        create_seat(live.data, name, "context-lin-et-nature")
    admin = login(ADMIN)
    streams = []
    admin.on("request", lambda r: streams.append(r.url) if r.resource_type == "eventsource" else None)
    _nav(admin).get_by_role("link", name="Postes").click()
    admin.get_by_label("Rechercher un poste").fill("salle")
    admin.get_by_role("button", name="Rechercher").click()
    expect(admin.get_by_role("status").filter(has_text="Postes 1 à 12 sur 13.")).to_be_visible()
    expect(admin.get_by_role("list", name=re.compile("Activité du poste salle-"))).to_have_count(12)
    streams.clear()  # the unfiltered page had its own stream: count the requests of this page only
    admin.reload()

    work_on_seat(live.data, "salle-07")
    expect(admin.get_by_role("list", name="Activité du poste salle-07")).to_contain_text("Candidat Stagiaire",
                                                                                       timeout=5000)
    assert len(streams) == 1, streams  # one EventSource for the twelve seats, not one per seat

    started = time.monotonic()
    admin.get_by_role("link", name="Poste salle-05").click()
    expect(admin.get_by_role("heading", name="Poste salle-05")).to_be_visible(timeout=1000)
    print(f"seat page opened in {time.monotonic() - started:.2f} s with 12 seats followed")

    admin.go_back()
    admin.get_by_role("link", name="Page suivante").click()
    expect(admin.get_by_role("list", name=re.compile("Activité du poste"))).to_have_count(1)
    expect(admin.get_by_role("link", name="Poste salle-13")).to_be_visible()


# Each printed line of an address: the characters laid out on the same row, in order.
_ADDRESS_LINES = """el => {
  const lines = []; let top = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const y = Math.round(range.getBoundingClientRect().top);
      if (top === null || y > top + 2) { lines.push(''); top = y; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines;
}"""


def test_a_long_centre_address_wraps_on_the_printed_card_only_before_a_slash_or_a_dot(login, exam):
    admin = login(ADMIN)
    _nav(admin).get_by_role("link", name="Réglages").click()
    admin.get_by_label("Adresse du serveur pour les postes").fill("http://salle-e5.lycee-jean-moulin.test:8110")
    admin.get_by_role("button", name="Enregistrer").click()
    _open_slot(admin, exam)
    admin.get_by_role("link", name="Fiches des postes").click()
    admin.emulate_media(media="print")
    admin.set_viewport_size({"width": 700, "height": 1000})  # an A4 page, two cards per row
    card = admin.get_by_role("region", name=re.compile("Fiche de"))
    address = card.locator("dd").first
    expect(address).to_have_text(re.compile(r"^http://salle-e5\.lycee-jean-moulin\.test:8110/s/s\d+-1/$"))
    lines = address.evaluate(_ADDRESS_LINES)
    assert len(lines) > 1, lines  # too long for one line: the test is about where it wraps
    assert "".join(lines) == address.inner_text()
    for line in lines[1:]:
        assert line[0] in "/.", lines  # never « …test:81 » then « 10/s/… », never « salle- » then « e5 »
