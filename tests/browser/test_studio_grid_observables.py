"""The grid editor's « Retirer » in a real browser: the observable leaves its line, and what the author had
just typed in the grid (not yet autosaved) is kept — the autosave script posts to the button's address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from grading.accounts import create_user
from sandbox.subjects.studio import draft as studio
from sandbox.subjects.studio import parts
from tests.browser.conftest import console_login

TEACHER = ("prof-retirer", "retirer-2027-prof")


@pytest.fixture(scope="module")
def teacher(live):
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "M. Retrait")
    return TEACHER


def test_retirer_takes_one_observable_off_and_keeps_what_was_typed(page: Page, live, teacher):
    console_login(page, live, teacher)
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Sujets", exact=True).click()
    page.get_by_label("Site du sujet").select_option(label="Boutique en ligne")
    page.get_by_role("button", name="Nouveau sujet").click()
    # The draft's page fully loaded before it is reloaded below (a reload during that navigation failed under
    # load: « Not attached to an active page »).
    page.wait_for_url(re.compile(r"/studio/[^/]+/"))
    page.wait_for_load_state("load")
    draft = studio.open_draft(live.data, re.search(r"/studio/([^/]+)/", page.url).group(1))
    # As « Faire le corrigé » leaves it: a question, its grid line, two accepted observables.
    parts.set_questions(draft, [{"title": "Module", "text": "Réactivez le module.", "features": ["B-MOD-1"]}])
    studio.set_grid(draft, "ti-ts", [{"id": "q1-1", "question": "q1", "text": "Module"}])
    studio.set_line_observables(draft, "q1-1", [
        {"check": "module.state", "module": "featured", "active": True},
        {"check": "module.state", "module": "social_sharing", "active": False},
    ])
    page.reload()
    observables = page.get_by_role("list", name="2 observables sur cette ligne :")
    expect(observables).to_contain_text("social_sharing")
    page.get_by_label("Compétence évaluée de la ligne 1").fill("Réaliser : réactiver le module")
    page.get_by_role("button", name="Retirer l'observable 2 de la ligne 1").click()
    expect(page.get_by_text("Observable retiré de la ligne q1-1")).to_be_visible()
    remaining = page.get_by_role("list", name="1 observable sur cette ligne :")
    expect(remaining).to_contain_text("featured")
    expect(remaining).not_to_contain_text("social_sharing")
    skill = page.get_by_label("Compétence évaluée de la ligne 1")
    expect(skill).to_have_value("Réaliser : réactiver le module")
    assert [o["module"] for o in studio.grid(draft)["lines"][0]["observables"]] == ["featured"]
