"""Issue 4 part 3 in a browser: a return refunded with a credit slip, a SAV answer, a restricted employee."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import CustomerThread, Order, ReturnRequest
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, observe

PASSWORD = "LinNature-2027"


def _db(live, seat_name: str) -> Session:
    return Session(storage_for(live.data).engine("seats", seat_name))


def _observe(live, seat_name: str, check: str, objects=None, **params):
    with _db(live, seat_name) as db:
        ctx = ObserveContext(db=db, objects=objects or {}, today=seat_today(db))
        return observe(ctx, {"check": check, "params": params})


def _admin_login(page, base: str, email: str, password: str, seat_name: str) -> None:
    page.goto(f"{base}/s/{seat_name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.feature("B-ORD-2")
def test_validated_return_is_refunded_with_a_message_the_customer_sees(browser, live):
    seat = create_seat(live.data, "retour-a")
    with _db(live, seat.name) as db:
        item = db.scalar(
            select(ReturnRequest).where(ReturnRequest.state == "validated").order_by(ReturnRequest.id)
        )
        order = db.get(Order, item.order_id)
        return_id, reference, email = item.id, order.reference, order.customer.email
    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat.login, seat.password, seat.name)
    candidate.get_by_role("link", name="Retours produits").click()
    candidate.get_by_role("link", name=f"Retour n° {return_id}", exact=True).click()
    candidate.get_by_label("Remettre les produits en stock").check()
    candidate.get_by_label("Message au client (facultatif)").fill("Votre avoir est prêt, bonne journée.")
    candidate.get_by_role("button", name="Créer l'avoir").click()
    expect(candidate.get_by_role("status").first).to_contain_text("Avoir n°")
    assert _observe(live, seat.name, "credit_slip.issued", order=reference, kind="partial").ok is True

    customer = browser.new_context().new_page()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/connexion")
    customer.get_by_label("Adresse e-mail").fill(email)
    customer.get_by_label("Mot de passe").fill(PASSWORD)
    customer.get_by_role("button", name="Se connecter").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/mon-compte/commandes/{reference}")
    expect(customer.get_by_role("heading", name="Mes avoirs")).to_be_visible()
    expect(customer.get_by_text("Votre avoir est prêt")).to_be_visible()


@pytest.mark.feature("B-SAV-1", "B-SAV-2")
def test_visitor_thread_is_answered_with_a_predefined_message(browser, live):
    seat = create_seat(live.data, "sav-a")
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live.url}/s/{seat.name}/boutique/")
    visitor.get_by_role("link", name="Contactez-nous").click()
    visitor.get_by_label("Adresse e-mail").fill("paul.visiteur@exemple.fr")
    visitor.get_by_label("Objet").fill("Délai de livraison")
    visitor.get_by_label("Message").fill("Bonjour, livrez-vous en Belgique ?")
    visitor.get_by_role("button", name="Envoyer").click()
    expect(visitor.get_by_role("status").first).to_contain_text("bien été envoyé")

    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat.login, seat.password, seat.name)
    candidate.get_by_role("link", name="Service client").click()
    candidate.get_by_role("link", name="Délai de livraison").click()
    candidate.get_by_label("Message prédéfini").select_option(label="Remerciement")
    candidate.get_by_role("button", name="Insérer le message").click()
    expect(candidate.get_by_label("Votre réponse")).to_have_value(re.compile("Merci pour votre message"))
    candidate.get_by_role("button", name="Envoyer la réponse").click()
    expect(candidate.get_by_role("status").first).to_contain_text("paul.visiteur@exemple.fr")
    with _db(live, seat.name) as db:
        thread_id = db.scalar(
            select(CustomerThread.id).where(CustomerThread.email == "paul.visiteur@exemple.fr")
        )
    seen = _observe(
        live,
        seat.name,
        "thread.answered",
        {"fil": {"type": "CustomerThread", "id": thread_id}},
        thread="@fil",
        contains=["48 heures"],
    )
    assert seen.ok is True, seen.sentence


@pytest.mark.feature("B-USR-2")
def test_restricted_employee_does_not_see_nor_open_a_forbidden_tab(browser, live):
    seat = create_seat(live.data, "equipe-a")
    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat.login, seat.password, seat.name)
    candidate.get_by_role("link", name="Équipe").click()
    candidate.get_by_role("link", name="Ajouter un employé").click()
    candidate.get_by_label("Prénom").fill("Léa")
    candidate.get_by_label("Nom", exact=True).fill("Martin")
    candidate.get_by_label("Adresse e-mail").fill("lea.martin@lin-et-nature.fr")
    candidate.get_by_label("Mot de passe").fill("entrepot-2027")
    candidate.get_by_label("Profil").select_option(label="Logisticien")
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_role("status").first).to_contain_text("Léa Martin")

    lea = browser.new_context().new_page()
    _admin_login(lea, live.url, "lea.martin@lin-et-nature.fr", "entrepot-2027", seat.name)
    menu = lea.get_by_role("navigation", name="Menu de l'administration")
    expect(menu.get_by_role("link", name="Commandes", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="Clients", exact=True)).to_have_count(0)
    expect(menu.get_by_role("link", name="Équipe")).to_have_count(0)
    lea.goto(f"{live.url}/s/{seat.name}/boutique/admin/clients")
    expect(lea.get_by_role("alert")).to_contain_text("Vous n'avez pas l'autorisation")
    seen = _observe(
        live,
        seat.name,
        "employee.exists",
        email="lea.martin@lin-et-nature.fr",
        profile="Logisticien",
        active=True,
    )
    assert seen.ok is True, seen.sentence
