"""A real exam centre, from the browser only: a fresh data folder where only `e5 context install` and
`e5 --base-url http://salle-e5.lycee.test:PORT serve` were run (a real server process; Chromium resolves the
centre's name to loopback). The console tells its first visitor to run `e5 admin create`; the administrator
creates the accounts, uploads a subject zip and prepares it for today, creates the session and a slot of
three candidates (one tiers-temps), prints the seat cards; the candidates open their seat from the address on
their card, reach both back offices and make one change each; the examiner lands on their slot, follows the
changes live, fills and signs the grids, changes one mark after signing (the marks CSV says so);
Playwright's clock then shows the seats turning read-only at 40 min and at 53 min 20 s for the tiers-temps."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.stream_clock import COUNT_PUSHES, wait_for_stream_push
from tests.conftest import copy_data
from tests.grading.http_client import free_port, start_server
from tests.subjects.archives import zip_pack
from tests.subjects.conftest import SUBJECTS

HOST = "salle-e5.lycee.test"
ADMIN = ("proviseur-adjoint", "centre-e5-2027")
EXAMINER = ("leroy", "leroy-examen-2027")
LIVE = 3000  # ms: what the examiner must see after a candidate's action
READ_ONLY = "Temps écoulé — poste en lecture seule"
CANDIDATES = (
    "numéro;nom;prénom;aménagement\n0101;Petit;Claire;tiers-temps\n0102;Bernard;Louis\n0103;Moreau;Inès\n"
)
LINE_Q3 = "Corriger les quantités en stock de chaque déclinaison après l'inventaire"
LINE_Q4 = "Mettre à jour l'état des commandes selon les informations reçues"
LINE_Q5 = "Consigner la demande de la cliente dans une note claire et exploitable par l'équipe"


def _e5(data: Path, *args: str) -> str:
    script = shutil.which("e5", path=str(Path(sys.executable).parent)) or "e5"
    done = subprocess.run([script, "--data", str(data), *args], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def centre(installed_data, tmp_path_factory):
    """`e5 context install` (the shared installed folder, copied), then `e5 --base-url … serve`."""
    root = tmp_path_factory.mktemp("centre")
    data = root / "data"
    copy_data(installed_data, data)
    port = free_port()
    url = f"http://{HOST}:{port}"
    log = root / "serve.log"
    server = start_server(data, port, threads=32, log=log, base_url=url)
    yield {"url": url, "data": data, "root": root, "log": log}
    server.terminate()
    server.wait(10)


@pytest.fixture
def chromium(browser_type, browser_type_launch_args) -> Browser:
    """Chromium that resolves the centre's name to this machine, as the exam room's DNS would."""
    args = [*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


def _browser(chromium: Browser, **options) -> Page:
    """A person's own browser, in French like the centre's PCs."""
    return chromium.new_context(locale="fr-FR", **options).new_page()


def _login(page: Page, account: tuple[str, str]) -> None:
    page.get_by_label("Identifiant").fill(account[0])
    page.get_by_label("Mot de passe").fill(account[1])
    page.get_by_role("button", name="Se connecter").click()


def _admin_nav(page: Page):
    return page.get_by_role("navigation", name="Console")


def _accounts_and_subject(admin: Page, archive: Path, today: str) -> None:
    nav = _admin_nav(admin)
    nav.get_by_role("link", name="Examinateurs").click()
    admin.get_by_label("Nom de l'examinateur (tel qu'imprimé sur les grilles)").fill("Mme Leroy")
    admin.get_by_label("Identifiant de connexion").fill(EXAMINER[0])
    admin.get_by_label("Mot de passe (8 caractères au moins)").fill(EXAMINER[1])
    admin.get_by_role("button", name="Créer le compte").click()
    expect(admin.get_by_role("status").filter(has_text="Compte examinateur « leroy » créé")).to_be_visible()
    nav.get_by_role("link", name="Enseignants").click()
    admin.get_by_label("Nom de l'enseignant").fill("M. Garnier")
    admin.get_by_label("Identifiant de connexion").fill("garnier")
    admin.get_by_label("Mot de passe (8 caractères au moins)").fill("garnier-ndrc-2027")
    admin.get_by_role("button", name="Créer le compte").click()
    expect(admin.get_by_role("row", name=re.compile("M. Garnier garnier .* actif"))).to_be_visible()

    nav.get_by_role("link", name="Sujets").click()
    admin.get_by_label("Archive du sujet (.zip ou .tar.gz)").set_input_files(archive)
    admin.get_by_role("button", name="Vérifier et ajouter").click()
    expect(admin.get_by_role("status").filter(has_text="vérifié et ajouté à la bibliothèque")).to_be_visible()
    admin.get_by_label("Sujet à préparer").select_option(value="salle-e5-boutique")
    admin.get_by_label("Date de l'épreuve").fill(today)
    admin.get_by_role("button", name="Préparer", exact=True).click()
    expect(admin.get_by_role("status").filter(has_text="préparé pour le")).to_be_visible(timeout=60_000)


def _session_and_slot(admin: Page, now: datetime) -> None:
    nav = _admin_nav(admin)
    nav.get_by_role("link", name="Sessions").click()
    admin.get_by_label("Date de la session").fill(f"{now:%Y-%m-%d}")
    admin.get_by_label("Centre d'examen").fill("Lycée Jean Moulin, Lille")
    admin.get_by_label("Académie").fill("Lille")
    admin.get_by_role("button", name="Créer la session").click()
    admin.get_by_role("link", name="Importer des candidats").click()
    admin.get_by_label("Ou collez le contenu du fichier").fill(CANDIDATES)
    admin.get_by_role("button", name="Vérifier le fichier").click()
    admin.get_by_role("button", name="Importer ces 3 candidats").click()
    expect(admin.get_by_role("row", name=re.compile("Petit"))).to_contain_text("tiers-temps")
    admin.get_by_role("link", name="Créer un créneau").click()
    admin.get_by_label("Heure de début").fill(f"{now:%H:%M}")
    admin.get_by_label("Examinateur").select_option(label="Mme Leroy")
    subject = f"Sujet A — Lancement de la parure Flandre à chevrons — E5B-2027-LN-A — {now:%d/%m/%Y}"
    admin.get_by_label("Sujet", exact=True).select_option(label=subject)
    admin.get_by_label("PETIT Claire (n° 0101) — aménagement : tiers-temps", exact=True).check()
    admin.get_by_label("BERNARD Louis (n° 0102)", exact=True).check()
    admin.get_by_label("MOREAU Inès (n° 0103)", exact=True).check()
    admin.get_by_role("button", name="Créer le créneau").click()
    expect(admin.get_by_role("status").filter(has_text="Créneau créé")).to_be_visible()
    admin.get_by_role("button", name="Préparer les postes").click()
    expect(admin.get_by_role("status").filter(has_text="3 postes prêts")).to_be_visible()


def _cards(admin: Page, centre) -> dict[str, dict[str, str]]:
    """The seat cards as printed: address, logins and password of each candidate."""
    admin.get_by_role("link", name="Fiches des postes").click()
    expect(admin.get_by_role("alert").filter(has_text="Adresse à vérifier")).to_have_count(0)
    cards = {}
    for name in ("PETIT Claire", "BERNARD Louis", "MOREAU Inès"):
        card = admin.get_by_role("region", name=f"Fiche de {name}")
        values = [v.strip() for v in card.get_by_role("definition").all_inner_texts()]
        cards[name] = dict(zip(("address", "shop", "site", "password"), values, strict=True))
        assert cards[name]["address"].startswith(f"{centre['url']}/s/"), cards[name]
    expect(admin.get_by_role("region", name="Fiche de PETIT Claire")).to_contain_text(
        "aménagement : tiers-temps (+13 min 20 s)")
    expect(admin.get_by_role("region", name="Fiche de BERNARD Louis")).not_to_contain_text("aménagement")
    return cards


def _candidate(chromium: Browser, card: dict[str, str]) -> dict[str, Page]:
    """A candidate's own browser: the seat home from the card, the site's administration; then the subject
    (« Sujet » opens a tab), its « Accueil du poste » link, the shop's administration in that tab."""
    site = _browser(chromium)
    site.goto(card["address"])
    site.get_by_role("link", name="Administration du site vitrine").click()
    site.get_by_label("Identifiant ou adresse e-mail").fill(card["site"])
    site.get_by_label("Mot de passe").fill(card["password"])
    site.get_by_role("button", name="Se connecter").click()
    expect(site.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    with site.expect_popup() as opened:
        site.get_by_role("link", name="Sujet", exact=True).click()
    shop = opened.value
    expect(shop.get_by_role("heading", level=1)).to_contain_text("Lancement de la parure Flandre")
    tools = shop.get_by_role("navigation", name="Outils du sujet")
    tools.get_by_role("link", name="Accueil du poste").click()
    shop.get_by_role("link", name="Administration de la boutique").click()
    shop.get_by_label("Adresse e-mail").fill(card["shop"])
    shop.get_by_label("Mot de passe").fill(card["password"])
    shop.get_by_role("button", name="Se connecter").click()
    expect(shop.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    return {"site": site, "shop": shop}


def _column(page: Page, name: str):
    return page.get_by_role("region", name=name, exact=True)


def _feed(column, heading: str):
    return column.get_by_role("list", name=re.compile(rf"^{heading}"))


def _line(column, text: str):
    return column.get_by_role("list", name=f"Observables — {text}")


def _saved(field) -> None:
    """The field's save status, as a screen reader hears it (its description)."""
    expect(field).to_have_accessible_description(re.compile("Enregistré$"))


def _changes(candidates: dict[str, dict[str, Page]], columns) -> None:
    """One change each, in the shop or the site back office; the examiner's console shows it at once."""
    page = candidates["BERNARD Louis"]["shop"]
    page.get_by_role("link", name="Commandes", exact=True).first.click()
    page.get_by_label("Référence").fill("KQWHRZTPA")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="KQWHRZTPA").click()
    page.get_by_label("Nouvel état de la commande").select_option(label="Paiement accepté")
    page.get_by_role("button", name="Mettre à jour l'état").click()
    expect(page.get_by_role("status")).to_contain_text("Paiement accepté")
    expect(_feed(columns["BERNARD Louis"], "Question 4 — ")).to_contain_text(
        "Commande « KQWHRZTPA » : état « En attente du paiement par chèque » → « Paiement accepté »",
        timeout=LIVE,
    )
    expect(_line(columns["BERNARD Louis"], LINE_Q4)).to_contain_text("✓ constaté", timeout=LIVE)

    page = candidates["MOREAU Inès"]["shop"]
    page.get_by_role("link", name="Clients", exact=True).first.click()
    page.get_by_label("Nom, société ou e-mail").fill("agathe@maison-le-prieure.fr")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Deschamps").click()
    page.get_by_label("Note privée").fill("Visite de M. Descamps demandée : collection Maison Flandre.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("La note privée a été enregistrée.")).to_be_visible()
    expect(_feed(columns["MOREAU Inès"], "Question 5 — ")).to_contain_text(
        "Client « Agathe Deschamps » : note privée (vide) → « Visite de M. Descamps demandée", timeout=LIVE)
    expect(_line(columns["MOREAU Inès"], LINE_Q5)).to_contain_text("✓ constaté", timeout=LIVE)

    page = candidates["PETIT Claire"]["site"]  # back to the tab of the site's administration
    page.bring_to_front()
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ajouter", exact=True).click()
    page.get_by_label("Titre", exact=True).fill("Portes ouvertes de l’atelier de Roubaix")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("publié")
    page.get_by_role("link", name="Voir l'article").click()
    expect(page.get_by_role("heading", name="Portes ouvertes de l’atelier de Roubaix")).to_be_visible()
    expect(_feed(columns["PETIT Claire"], "Autres actions")).to_contain_text(
        "Article « Portes ouvertes de l’atelier de Roubaix » publié", timeout=LIVE)
    expect(_feed(columns["MOREAU Inès"], "Autres actions")).to_have_text("")  # each seat is its own


def _grade_and_sign(columns) -> None:
    """A level and a mark for each candidate, then each grid signed by its examiner."""
    for name, (line, level, mark) in GRADES.items():
        column = columns[name]
        column.get_by_role("group", name=line).get_by_label(level, exact=True).check()
        column.get_by_label("Appréciation générale").fill(f"Travail méthodique ({name})")
        column.get_by_label("Note sur 20").fill(mark)
        column.get_by_label("Note sur 20").press("Tab")
        _saved(column.get_by_label("Note sur 20", exact=True))
        _saved(column.get_by_label("Appréciation générale", exact=True))
        expect(column.get_by_label("Nom de l'examinateur")).to_have_value("Mme Leroy")
        column.get_by_label(re.compile("^Je certifie")).check()
        column.get_by_role("button", name="Signer la grille").click()
        expect(column.get_by_text("Grille signée par Mme Leroy")).to_be_visible()
    column = columns["PETIT Claire"]
    column.get_by_role("button", name="Modifier la grille signée").click()
    column.get_by_label("Raison de la modification — PETIT Claire").fill("Erreur de report")
    column.get_by_label("Note sur 20").fill("12,5")
    column.get_by_label("Note sur 20").blur()
    _saved(column.get_by_label("Note sur 20", exact=True))
    expect(column.get_by_role("region", name="Modifications après signature")).to_contain_text(
        "Note sur 20 : « 12 » → « 12,5 » (raison : Erreur de report)"
    )


GRADES = {"BERNARD Louis": (LINE_Q4, "S", "14,5"), "MOREAU Inès": (LINE_Q5, "TS", "16"),
          "PETIT Claire": (LINE_Q3, "I", "12")}


def _marks_csv(admin: Page, tmp_path: Path) -> dict[str, dict[str, str]]:
    """The session's marks, downloaded from its page as the administrator does."""
    admin.get_by_role("link", name="Retour au créneau").click()  # still on the printed seat cards
    admin.get_by_role("link", name="Retour à la session").click()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="Notes (CSV)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
    return {f"{r['Nom'].upper()} {r['Prénom']}": r for r in rows}


def _timer(column):
    """A candidate's timer box: remaining time, state and notice."""
    return column.get_by_role("region", name="Chronomètre")


def _seconds(timer) -> int:
    minutes, seconds = timer.inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def _read_only_at_40_min_and_53_min_20_s(examiner: Page, columns) -> None:
    """Moved by Playwright's clock: the seats of the slot turn read-only when each one's time is up."""
    wait_for_stream_push(examiner, 3)
    # The page's time stops here: however slow the machine, only run_for moves it from now on.
    examiner.clock.pause_at(examiner.evaluate("Date.now()") / 1000 + 1)  # seconds, in Python
    examiner.clock.run_for(1000)  # one tick: both countdowns show the same moment
    bernard, petit = columns["BERNARD Louis"], columns["PETIT Claire"]
    left, left_tt = _seconds(bernard.get_by_role("timer")), _seconds(petit.get_by_role("timer"))
    # 40 min for all, 13 min 20 s more for the tiers-temps.
    assert 2400 - 600 < left < 2400 and abs(left_tt - left - 800) <= 1, (left, left_tt)
    examiner.clock.run_for((left - 3) * 1000)
    expect(_timer(bernard)).to_contain_text("en cours")
    examiner.clock.run_for(5000)
    for name in ("BERNARD Louis", "MOREAU Inès"):
        expect(_timer(columns[name]).get_by_role("status")).to_have_text(READ_ONLY)
        expect(columns[name].get_by_role("timer")).to_have_text("00:00")
    expect(_timer(petit)).to_contain_text("en cours")
    examiner.clock.run_for((800 - 5) * 1000)
    expect(_timer(petit)).to_contain_text("en cours")
    examiner.clock.run_for(5000)
    expect(_timer(petit).get_by_role("status")).to_have_text(READ_ONLY)
    expect(petit.get_by_role("timer")).to_have_text("00:00")


def test_an_exam_centre_day_from_an_empty_data_folder(chromium, centre, tmp_path):
    now = datetime.now().replace(second=0, microsecond=0)
    pack = tmp_path / "salle-e5-boutique"
    shutil.copytree(SUBJECTS / "ln-boutique-a", pack)
    toml = pack / "subject.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"ln-boutique-a"', '"salle-e5-boutique"'),
                    encoding="utf-8")
    archive = zip_pack(pack, tmp_path / "salle-e5-boutique.zip")
    printed = centre["log"].read_text(encoding="utf-8")
    assert f"Console : {centre['url']}/console/" in printed
    assert "Aucun compte administrateur : créez-le" in printed

    # The console's first visitor is told how to create the administrator, on the server.
    admin = _browser(chromium, accept_downloads=True)
    admin.goto(f"{centre['url']}/console/")
    expect(admin.get_by_role("status")).to_contain_text("Aucun compte administrateur n'existe encore")
    expect(admin.get_by_role("status")).to_contain_text("e5 admin create admin")
    _e5(centre["data"], "admin", "create", ADMIN[0], "--name", "M. Proviseur adjoint", "--password", ADMIN[1])
    _login(admin, ADMIN)
    expect(admin.get_by_role("heading", name="Administration du centre")).to_be_visible()
    _accounts_and_subject(admin, archive, f"{now:%Y-%m-%d}")
    _session_and_slot(admin, now)
    cards = _cards(admin, centre)

    examiner = _browser(chromium)
    examiner.add_init_script(COUNT_PUSHES)
    examiner.clock.install()
    examiner.goto(f"{centre['url']}/console/")
    _login(examiner, EXAMINER)
    expect(examiner.get_by_role("heading", name="Mes créneaux du jour")).to_be_visible()
    examiner.get_by_role("link", name=re.compile("Ouvrir la console du créneau")).click()
    expect(examiner.get_by_role("status").filter(has_text="Direct : connecté")).to_be_visible()
    columns = {name: _column(examiner, name) for name in cards}
    expect(columns["PETIT Claire"]).to_contain_text("Aménagement : tiers-temps (+13 min 20 s)")
    examiner.get_by_role("button", name="Démarrer les chronomètres du créneau").click()

    candidates = {name: _candidate(chromium, card) for name, card in cards.items()}
    _changes(candidates, columns)
    _grade_and_sign(columns)

    rows = _marks_csv(admin, tmp_path)
    assert {name: (r["Note sur 20"], r["Grille signée"]) for name, r in rows.items()} == {
        "BERNARD Louis": ("14,5", "oui"), "MOREAU Inès": ("16", "oui"), "PETIT Claire": ("12,5", "oui")}
    assert re.fullmatch(rf"modifiée après signature le {now:%d/%m/%Y} à \d\d:\d\d",
                        rows["PETIT Claire"]["Modification après signature"])
    assert rows["BERNARD Louis"]["Modification après signature"] == ""
    assert rows["PETIT Claire"]["Aménagement"].startswith("tiers-temps")

    _read_only_at_40_min_and_53_min_20_s(examiner, columns)
