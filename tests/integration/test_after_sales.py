"""Returns (conditions, customer request, processing with a credit slip) and customer service (SAV)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.formatting import format_money
from sandbox.models import (
    ActivityEvent,
    CreditSlip,
    CustomerThread,
    Order,
    OrderState,
    ReturnRequest,
    get_setting,
)
from sandbox.services.returns import why_not_returnable
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, login, seat_db, text

SHOP = "/s/{seat}/boutique"
PASSWORD = "LinNature-2027"


@pytest.fixture
def admin(client, seat):
    """The candidate logged into the shop back office; the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _returnable_order(data, seat) -> tuple[str, str, int, int]:
    """(customer e-mail, order reference, order id, first line id) of an order open to a return."""
    with seat_db(data, seat.name) as db:
        delivered = db.scalars(
            select(Order)
            .join(OrderState, Order.state_id == OrderState.id)
            .where(OrderState.code == "delivered")
            .order_by(Order.created_at.desc())
        )
        for order in delivered:
            if why_not_returnable(db, order) is None and not order.customer.is_guest:
                return order.customer.email, order.reference, order.id, order.lines[0].id
    pytest.skip("no order open to a return")


def _customer_login(client, seat, email: str) -> None:
    page = client.get(f"{SHOP.format(seat=seat.name)}/connexion").get_data(as_text=True)
    response = client.post(
        f"{SHOP.format(seat=seat.name)}/connexion",
        data={"csrf_token": csrf_token(page), "email": email, "password": PASSWORD},
    )
    assert response.status_code == 302


@pytest.mark.feature("B-ORD-2")
def test_return_is_asked_validated_and_refunded_then_seen_by_the_customer(client, admin, seat, data, app):
    email, reference, order_id, line_id = _returnable_order(data, seat)
    customer = app.test_client()
    _customer_login(customer, seat, email)
    shop = SHOP.format(seat=seat.name)
    assert "Demander un retour" in text(
        customer.get(f"{shop}/mon-compte/commandes/{reference}").get_data(as_text=True)
    )
    url = f"{shop}/mon-compte/commandes/{reference}/retour"
    page = customer.get(url).get_data(as_text=True)
    empty = customer.post(url, data={"csrf_token": csrf_token(page), "reason": "Trop petit"})
    assert "au moins un article" in text(empty.get_data(as_text=True))
    no_reason = customer.post(url, data={"csrf_token": csrf_token(page), f"qty-{line_id}": "1", "reason": ""})
    assert "motif" in text(no_reason.get_data(as_text=True))
    done = customer.post(
        url, data={"csrf_token": csrf_token(page), f"qty-{line_id}": "1", "reason": "Trop petit"}
    )
    assert done.status_code == 302
    with seat_db(data, seat.name) as db:
        item = db.scalar(
            select(ReturnRequest).where(ReturnRequest.order_id == order_id).order_by(ReturnRequest.id.desc())
        )
        assert item.state == "awaiting" and item.lines[0].quantity == 1
        return_id = item.id
    detail = f"{admin}/retours/{return_id}"
    bad = client.post(
        f"{detail}/etat",
        data={"csrf_token": csrf_token(client.get(detail).get_data(as_text=True)), "state": "completed"},
    )
    assert "ne peut pas passer" in text(bad.get_data(as_text=True))
    client.post(
        f"{detail}/etat",
        data={
            **form_values(client.get(detail).get_data(as_text=True), "return-state-form"),
            "state": "validated",
        },
    )
    values = form_values(client.get(detail).get_data(as_text=True), "return-refund-form")
    values.update(restock="y", message="Votre avoir est prêt : remboursement sous 5 jours.")
    assert client.post(f"{detail}/rembourser", data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(ReturnRequest, return_id).state == "completed"
        slip = db.scalar(select(CreditSlip).where(CreditSlip.return_id == return_id))
        assert slip.partial and slip.amount_ttc > 0
        amount = slip.amount_ttc
        summaries = db.scalars(
            select(ActivityEvent.summary).where(ActivityEvent.object_type == "CreditSlip")
        ).all()
        assert (
            f"Avoir n° {slip.id} sur la commande {reference} : {format_money(amount)} (partiel)" in summaries
        )
        states = db.scalars(
            select(ActivityEvent.summary).where(ActivityEvent.object_type == "ReturnRequest")
        ).all()
        wanted = "état « En attente de confirmation » → « Validé, en attente du colis »"
        assert f"Retour produit n° {return_id} : {wanted}" in states
    page = text(customer.get(f"{shop}/mon-compte/commandes/{reference}").get_data(as_text=True))
    assert "Mes avoirs" in page and "Terminé" in page and "remboursement sous 5 jours" in page
    slips = text(customer.get(f"{shop}/mon-compte/avoirs").get_data(as_text=True))
    assert reference in slips and format_money(amount).replace("\u202f", " ").replace("\xa0", " ") in slips
    assert str(amount).replace(".", ",") in page


@pytest.mark.feature("B-ORD-3")
def test_return_conditions_are_saved_and_enforced(client, admin, seat, data, app):
    email, reference, _order_id, _line_id = _returnable_order(data, seat)
    values = form_values(client.get(f"{admin}/retours").get_data(as_text=True), "returns-settings-form")
    bad = client.post(f"{admin}/retours/conditions", data={**values, "days": "mille"})
    assert "nombre entier" in text(bad.get_data(as_text=True)) and 'value="mille"' in bad.get_data(
        as_text=True
    )
    bad = client.post(f"{admin}/retours/conditions", data={**values, "days": "0"})
    assert "entre 1 et 365" in text(bad.get_data(as_text=True))
    values.pop("enabled", None)
    assert client.post(f"{admin}/retours/conditions", data={**values, "days": "30"}).status_code == 302
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "returns.enabled") == "0" and get_setting(db, "returns.days") == "30"
    customer = app.test_client()
    _customer_login(customer, seat, email)
    page = text(
        customer.get(f"{SHOP.format(seat=seat.name)}/mon-compte/commandes/{reference}/retour").get_data(
            as_text=True
        )
    )
    assert "n'accepte pas les retours" in page
    terms = text(customer.get(f"{SHOP.format(seat=seat.name)}/conditions-generales-de-vente").get_data(
        as_text=True))
    assert "nos retours sont acceptés" not in terms  # returns switched off: the terms say no more
    values["enabled"] = "y"
    assert client.post(f"{admin}/retours/conditions", data={**values, "days": "45"}).status_code == 302
    terms = text(customer.get(f"{SHOP.format(seat=seat.name)}/conditions-generales-de-vente").get_data(
        as_text=True))
    assert "nos retours sont acceptés pendant 45 jours" in terms


@pytest.mark.feature("B-SAV-1", "B-SAV-2")
def test_visitor_contact_then_answer_with_a_predefined_message_status_and_forward(
    client, admin, seat, data, app
):
    visitor = app.test_client()
    url = f"{SHOP.format(seat=seat.name)}/contact"
    page = visitor.get(url).get_data(as_text=True)
    bad = visitor.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "contact": "Service client",
            "email": "x",
            "subject": "Question",
            "message": "Bonjour",
        },
    )
    assert "pas valide" in text(bad.get_data(as_text=True)) and 'value="Question"' in bad.get_data(
        as_text=True
    )
    ok = visitor.post(
        url,
        data={
            "csrf_token": csrf_token(page),
            "contact": "Service client",
            "email": "paul@exemple.fr",
            "subject": "Lavage du lin",
            "message": "À quelle température ?",
        },
    )
    assert ok.status_code == 302
    with seat_db(data, seat.name) as db:
        thread = db.scalar(select(CustomerThread).where(CustomerThread.email == "paul@exemple.fr"))
        assert thread.customer_id is None and thread.status == "open"
        thread_id = thread.id
    base = f"{admin}/service-client/{thread_id}"
    page = client.get(f"{base}?modele=4").get_data(as_text=True)
    assert "sans adoucissant" in page
    assert client.post(f"{base}/repondre", data=form_values(page, "reply-form")).status_code == 302
    empty = client.post(f"{base}/repondre", data={**form_values(page, "reply-form"), "body": ""})
    assert "Écrivez le message" in text(empty.get_data(as_text=True))
    page = client.get(base).get_data(as_text=True)
    client.post(f"{base}/statut", data={**form_values(page, "status-form"), "status": "closed"})
    client.post(f"{base}/transferer", data={**form_values(page, "forward-form"), "employee_id": "4"})
    with seat_db(data, seat.name) as db:
        thread = db.get(CustomerThread, thread_id)
        assert thread.status == "closed" and thread.employee_id == 4
        answer = [m for m in thread.messages if m.employee_id and not m.private]
        assert answer and "sans adoucissant" in answer[0].body
        assert any(m.private and "Sophie Lefebvre" in m.body for m in thread.messages)


@pytest.mark.feature("B-SAV-2")
def test_predefined_messages_create_and_refuse_duplicates(client, admin, seat, data):
    page = client.get(f"{admin}/messages-predefinis/nouveau").get_data(as_text=True)
    values = {
        **form_values(page, "predefined-edit-form"),
        "name": "Délai de fabrication",
        "body": "Nos plaids sont tissés à la commande : comptez 10 jours.",
    }
    assert client.post(f"{admin}/messages-predefinis/nouveau", data=values).status_code == 302
    again = client.post(f"{admin}/messages-predefinis/nouveau", data=values)
    assert "existe déjà" in text(again.get_data(as_text=True))
    assert "Délai de fabrication" in text(client.get(f"{admin}/messages-predefinis").get_data(as_text=True))


@pytest.mark.feature("B-ORD-2")
def test_refund_form_on_the_order_page_partial_then_refused_beyond_what_is_left(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        order = db.scalars(
            select(Order)
            .join(OrderState, Order.state_id == OrderState.id)
            .where(OrderState.code == "payment_accepted")
            .order_by(Order.id)
        ).first()
        order_id, line = order.id, order.lines[0]
        line_id, quantity = line.id, line.quantity
    url = f"{admin}/commandes/{order_id}"
    values = form_values(client.get(url).get_data(as_text=True), "refund-form")
    assert client.post(f"{url}/rembourser", data={**values, f"qty-{line_id}": "1"}).status_code == 302
    page = text(client.get(url).get_data(as_text=True))
    assert "Avoir n°" in page and "partiel" in page
    response = client.post(
        f"{url}/rembourser", data={**values, f"qty-{line_id}": str(quantity)}, follow_redirects=True
    )
    assert "Aucun avoir n'a été créé" in text(response.get_data(as_text=True))
    response = client.post(
        f"{url}/rembourser", data={**values, f"qty-{line_id}": "deux"}, follow_redirects=True
    )
    assert "n'est pas un nombre entier" in text(response.get_data(as_text=True))
    with seat_db(data, seat.name) as db:
        assert len(db.scalars(select(CreditSlip).where(CreditSlip.order_id == order_id)).all()) == 1
