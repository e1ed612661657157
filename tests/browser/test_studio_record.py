"""The studio's record flow in a real browser: from the draft page, « Situation de départ » opens a seat where
the author switches a module off in the shop's back office; the change comes back named and is kept; « Faire
le corrigé » opens a seat where the author switches it back on; the proposed observable shows ✓ on the model
answer and ✗ on the starting state, and the author puts it on a grid line."""

from __future__ import annotations

from playwright.sync_api import expect

from sandbox.seats import get_seat
from sandbox.subjects.studio import draft as studio
from tests.browser.back_offices import enter_shop_admin
from tests.browser.conftest import console_login

TEACHER = ("dupont", "dupont-2027")


def _switch(page, live, seat_name: str, button: str) -> None:
    """In a scratch seat: seat home › shop back office › « Gestionnaire de modules » › the module's button."""
    enter_shop_admin(page, live, get_seat(live.data, seat_name))
    page.get_by_role("link", name="Gestionnaire de modules").click()
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("button", name=button, exact=True)).to_have_count(0)


def test_record_accept_and_both_columns(browser, live):
    from grading.accounts import create_user

    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "M. Dupont")
    draft = studio.create_draft(live.data, author="M. Dupont")
    studio.set_grid(
        draft, "ti-ts", [{"id": "q1-accueil", "question": "q1", "text": "Mettre en avant des produits"}]
    )
    teacher = browser.new_context().new_page()
    seat = browser.new_context().new_page()
    console_login(teacher, live, TEACHER)
    teacher.goto(f"{live.url}/console/sujets/studio/{draft.id}/")

    teacher.get_by_role("link", name="Situation de départ").click()
    teacher.get_by_role("button", name="Préparer la situation de départ").click()
    expect(teacher.get_by_role("link", name="Ouvrir le poste de la situation de départ")).to_be_visible()
    _switch(seat, live, f"studio-{draft.id}-depart", "Désactiver le module Produits phares")

    teacher.reload()
    expect(teacher.get_by_label("Garder la modification 1")).to_be_checked()
    params = teacher.get_by_label("Nom et paramètres de la modification 1 (TOML)")
    expect(params).to_have_value('module = "featured"\nactive = false\n')
    teacher.get_by_role("button", name="Enregistrer dans les modifications du sujet").click()
    expect(teacher.get_by_text("1 modification(s) enregistrée(s) dans le sujet")).to_be_visible()
    assert studio.changes(draft) == [{"type": "module.set", "module": "featured", "active": False}]

    teacher.get_by_role("link", name="Corrigé").click()
    teacher.get_by_role("button", name="Faire le corrigé").click()
    _switch(seat, live, f"studio-{draft.id}-corrige", "Activer le module Produits phares")

    teacher.reload()
    row = teacher.get_by_role("row").filter(has=teacher.get_by_label("Observable 1 (TOML)"))
    expect(row.locator("td[data-column=corrige]")).to_have_text("✓ vrai")
    expect(row.locator("td[data-column=depart]")).to_have_text("✗ faux")
    expect(teacher.get_by_label("Observable 1 (TOML)")).to_have_value(
        'check = "module.state"\nmodule = "featured"\nactive = true\n'
    )
    teacher.get_by_label("Ligne de grille de l'observable 1").select_option("q1-accueil")
    teacher.get_by_role("button", name="Ajouter les observables à la grille").click()
    expect(teacher.get_by_text("1 observable(s) ajouté(s) à la grille.")).to_be_visible()
    line = studio.grid(draft)["lines"][0]
    assert line["observables"] == [{"check": "module.state", "module": "featured", "active": True}]
