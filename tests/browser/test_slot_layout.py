"""The examiner's slot page fits the work: with three candidates and a long activity, each candidate's grid is
within reach without scrolling through the activity (it scrolls in its own pane). Screenshots at 1366×768 and
1920×1080 are written to the test's folder (E5_SCREENSHOTS=<folder> keeps them) to be looked at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import SiteUser
from tests.browser.conftest import console_login
from tests.browser.exam_setup import ready_slot, session_today, slot_places, subject_today

SIZES = [(1366, 768), (1920, 1080)]
NAMES = ["BERNARD Louis", "MOREAU Inès", "PETIT Claire"]


@pytest.fixture(scope="module")
def busy_slot(live):
    """Three candidates on subject A, each seat with 40 activity events."""
    template, now = subject_today(live)
    session = session_today(
        live, now, "numéro;nom;prénom\n0401;Petit;Claire\n0402;Bernard;Louis\n0403;Moreau;Inès\n"
    )
    slot = ready_slot(live, session.id, now.replace(hour=23, minute=0), template, 40)
    seats = [seat for _, seat in slot_places(live, slot)]
    for seat in seats:
        engine = storage_for(live.data).engine("seats", seat)
        for n in range(40):
            with Session(engine) as db, db.begin():
                act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
                db.get(SiteUser, 1).bio = f"Présentation n° {n}"
    return slot


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_grid_is_within_reach_beside_a_long_activity(browser, live, busy_slot, size, tmp_path):
    width, height = size
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    console_login(page, live)
    page.get_by_role("link", name="Créneaux").click()
    page.get_by_role("link", name=re.compile("Ouvrir la console du créneau de 23:00")).click()
    for name in NAMES:
        pane = page.get_by_role("region", name=f"Activité en direct — {name}")
        expect(pane.get_by_role("listitem")).to_have_count(40)
        box = pane.bounding_box()
        assert box["height"] <= 0.4 * height, (name, box)  # the activity scrolls in its own pane
        scrolls = pane.evaluate("el => el.scrollHeight > el.clientHeight")
        assert scrolls, name
        grid = page.get_by_role("region", name=name, exact=True).get_by_role(
            "heading", name="Grille d'évaluation"
        )
        top = grid.bounding_box()["y"]
        assert top < height, (name, top)  # the grid starts on the first screen, under the bounded activity
    folder = Path(os.environ.get("E5_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"creneau-{width}x{height}.png"))
    page.screenshot(path=str(folder / f"creneau-{width}x{height}-page.png"), full_page=True)
    page.get_by_role("link", name="Aller à la grille de PETIT Claire").click()
    expect(
        page.get_by_role("region", name="PETIT Claire", exact=True).get_by_role(
            "heading", name="Grille d'évaluation"
        )
    ).to_be_in_viewport()
