"""Commandes › Ajouter une commande, and Clients › create / edit with groups and addresses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent, Combination, Customer, CustomerThread, Order, Product
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """The candidate logged into the shop back office."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _reference(data, seat) -> str:
    with seat_db(data, seat.name) as db:
        combination = db.scalars(
            select(Combination)
            .join(Product)
            .where(Product.active.is_(True), Combination.quantity > 5, Combination.reference != "")
        ).first()
        return combination.reference


@pytest.mark.feature("B-ORD-1")
def test_order_for_a_new_customer_with_a_message(client, admin, seat, data):
    reference = _reference(data, seat)
    url = f"{admin}/commandes/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "order-new-form")
    values.update(
        {
            "email": "nouveau.client@exemple.fr",
            "first_name": "Nina",
            "last_name": "Durand",
            "address1": "3 rue des Lilas",
            "postcode": "59100",
            "city": "Roubaix",
            "line-0": reference,
            "qty-0": "2",
            "message": "Merci pour votre visite au salon !",
        }
    )
    response = client.post(url, data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        customer = db.scalar(select(Customer).where(Customer.email == "nouveau.client@exemple.fr"))
        order = db.scalar(select(Order).where(Order.customer_id == customer.id))
        assert order.lines[0].reference == reference and order.lines[0].quantity == 2
        assert order.created_by_employee_id == 1
        assert [h.employee_id for h in order.history] == [1]  # « Historique » names who entered it
        # Entered by an employee from the start: the console tells no « employé (vide) → … » update.
        told = db.scalars(select(ActivityEvent.summary)).all()
        assert f"Commande « {order.reference} » créée" in told
        assert not [s for s in told if s.startswith(f"Commande « {order.reference} » :")]
        thread = db.scalar(select(CustomerThread).where(CustomerThread.order_id == order.id))
        assert "salon" in thread.messages[0].body


def test_bad_order_input_saves_nothing(client, admin, seat, data):
    url = f"{admin}/commandes/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "order-new-form")
    with seat_db(data, seat.name) as db:
        before = db.scalar(select(func.count(Customer.id)))
    values.update(
        {
            "email": "autre@exemple.fr",
            "first_name": "Léo",
            "last_name": "Petit",
            "address1": "1 rue",
            "postcode": "59100",
            "city": "Lille",
            "line-0": "INCONNU-999",
            "qty-0": "1",
        }
    )
    response = client.post(url, data=values)
    page = text(response.get_data(as_text=True))
    assert response.status_code == 200 and "INCONNU-999" in page and "Aucun produit" in page
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(func.count(Customer.id))) == before


@pytest.mark.feature("B-CUS-1")
def test_customer_created_with_groups_then_address_added(client, admin, seat, data):
    url = f"{admin}/clients/nouveau"
    values = form_values(client.get(url).get_data(as_text=True), "customer-form")
    values.update(
        {
            "first_name": "Gîte",
            "last_name": "Des Dunes",
            "email": "gite@exemple.fr",
            "password": "motdepasse1",
            "groups": ["3", "4"],
            "default_group_id": "5",
        }
    )
    wrong = client.post(url, data=values)
    assert "doit être un des groupes cochés" in text(wrong.get_data(as_text=True))
    values["default_group_id"] = "4"
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        customer = db.scalar(select(Customer).where(Customer.email == "gite@exemple.fr"))
        assert {x.id for x in customer.groups} == {3, 4} and customer.default_group_id == 4
        customer_id = customer.id
    url = f"{admin}/clients/{customer_id}/adresses/nouvelle"
    values = form_values(client.get(url).get_data(as_text=True), "address-form")
    values.update({"address1": "2 digue de mer", "postcode": "590", "city": "Malo"})
    assert "5 chiffres" in text(client.post(url, data=values).get_data(as_text=True))
    values["postcode"] = "59240"
    assert client.post(url, data=values).status_code == 302
    assert "2 digue de mer" in text(client.get(f"{admin}/clients/{customer_id}").get_data(as_text=True))
