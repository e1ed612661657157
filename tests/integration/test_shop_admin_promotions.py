"""Shop back office › Promotions (cart rules, catalogue rules, specific prices) and › Clients › Groupes.

Bad input is refused in French next to its field, with what was typed kept and nothing saved.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sandbox.models import CartRule, CatalogRule, Customer, CustomerGroup, Product, SpecificPrice
from tests.integration.shop_admin_helpers import ADMIN, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _count(data, seat, model) -> int:
    with seat_db(data, seat.name) as db:
        return db.scalar(select(func.count()).select_from(model))


def test_every_page_opens(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product_id = db.scalar(select(Product.id).order_by(Product.id))
        customer_id = db.scalar(select(Customer.id).order_by(Customer.id))
    for path in (
        "/promotions/regles-panier",
        "/promotions/regles-panier/nouvelle",
        "/promotions/regles-panier/1",
        "/promotions/regles-catalogue",
        "/promotions/regles-catalogue/nouvelle",
        "/promotions/regles-catalogue/1",
        f"/produits/{product_id}/prix-specifiques",
        f"/produits/{product_id}",
        "/clients/groupes",
        "/clients/groupes/4",
        f"/clients/{customer_id}/groupes",
    ):
        response = client.get(admin + path)
        assert response.status_code == 200, path
    page = client.get(f"{admin}/promotions/regles-panier").get_data(as_text=True)
    assert "BIENVENUE10" in page and "Expirée" in page  # the seeded rules, NOEL10 expired


def _new_cart_rule(client, admin, **changes):
    page = client.get(f"{admin}/promotions/regles-panier/nouvelle").get_data(as_text=True)
    values = form_values(page, "cart-rule-form")
    values.update(
        {
            "name": "Printemps",
            "code": "PRINTEMPS25",
            "reduction_type": "percent",
            "reduction": "25",
            "minimum_amount": "50,00",
            "date_from": "2027-05-20",
            "date_to": "2027-06-04",
        }
    )
    values.update(changes)
    return client.post(f"{admin}/promotions/regles-panier/nouvelle", data=values)


def test_cart_rule_form_has_every_section(client, admin):
    page = client.get(f"{admin}/promotions/regles-panier/nouvelle").get_data(as_text=True)
    found = labels(page)
    for label in (
        "Nom",
        "Code",
        "Priorité",
        "Valable à partir du",
        "Valable jusqu'au",
        "Montant minimum",
        "Quantité totale",
        "Quantité par client",
        "Livraison gratuite",
        "Réduction",
        "Valeur de la réduction",
        "Exclure les produits déjà en promotion",
        "Produit offert",
    ):
        assert label in found, label


@pytest.mark.feature("B-PRO-2")
def test_create_a_cart_rule(client, admin, seat, data):
    response = _new_cart_rule(client, admin, code="printemps25")
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        rule = db.scalar(select(CartRule).where(CartRule.code == "PRINTEMPS25"))
        assert (rule.reduction_type, str(rule.reduction), str(rule.minimum_amount)) == (
            "percent",
            "25.00",
            "50.00",
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_from": "2027-06-10", "date_to": "2027-06-01"}, "La date de fin doit être postérieure"),
        ({"minimum_amount": "-5"}, "Le montant minimum ne peut pas être négatif."),
        ({"reduction": "120"}, "ne peut pas dépasser 100 %"),
        ({"reduction": "-3"}, "Une réduction ne peut pas être négative."),
        ({"code": "bienvenue10"}, "Le code « BIENVENUE10 » est déjà utilisé"),
        ({"reduction_type": "", "reduction": ""}, "Choisissez au moins une action"),
        ({"quantity": "-1"}, "Quantité totale : indiquez un nombre entier positif ou nul."),
        ({"minimum_amount": "abc"}, "n'est pas un montant valide"),
    ],
)
def test_bad_cart_rules_are_refused(client, admin, seat, data, changes, message):
    before = _count(data, seat, CartRule)
    response = _new_cart_rule(client, admin, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in text(page)
    assert 'value="Printemps"' in page  # what was typed is kept
    assert _count(data, seat, CartRule) == before


def test_edit_keeps_its_own_code_and_delete(client, admin, seat, data):
    url = f"{admin}/promotions/regles-panier/1"
    values = form_values(client.get(url).get_data(as_text=True), "cart-rule-form")
    assert values["code"] == "BIENVENUE10"
    values["reduction"] = "12"
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert str(db.get(CartRule, 1).reduction) == "12.00"
    token = form_values(client.get(f"{admin}/promotions/regles-panier").get_data(as_text=True))["csrf_token"]
    client.post(f"{url}/supprimer", data={"csrf_token": token})
    with seat_db(data, seat.name) as db:
        assert db.get(CartRule, 1) is None


def _catalog_values(client, admin, **changes):
    values = form_values(
        client.get(f"{admin}/promotions/regles-catalogue/nouvelle").get_data(as_text=True),
        "catalog-rule-form",
    )
    values.update(
        {
            "name": "Linge de bain -15 %",
            "category_id": "3",
            "reduction_type": "percent",
            "reduction": "15",
            "date_from": "2027-05-15",
            "date_to": "2027-05-31",
        }
    )
    values.update(changes)
    return values


def test_catalog_rule_create_and_refusals(client, admin, seat, data):
    before = _count(data, seat, CatalogRule)
    for changes, message in [
        ({"date_to": "2027-05-01"}, "La date de fin doit être postérieure"),
        ({"reduction": "101"}, "ne peut pas dépasser 100 %"),
        ({"reduction_type": "amount", "reduction": "-2"}, "Une réduction ne peut pas être négative."),
        ({"from_quantity": "0"}, "indiquez une quantité d'au moins 1"),
    ]:
        response = client.post(
            f"{admin}/promotions/regles-catalogue/nouvelle", data=_catalog_values(client, admin, **changes)
        )
        assert response.status_code == 422 and message in text(response.get_data(as_text=True)), changes
    assert _count(data, seat, CatalogRule) == before
    response = client.post(
        f"{admin}/promotions/regles-catalogue/nouvelle", data=_catalog_values(client, admin)
    )
    assert response.status_code == 302
    assert "catégorie Linge de bain" in text(
        client.get(f"{admin}/promotions/regles-catalogue").get_data(as_text=True)
    )


@pytest.mark.feature("B-PRO-3")
def test_specific_price_create_and_refusals(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product_id = db.scalar(select(Product.id).where(Product.reference != "").order_by(Product.id))
    url = f"{admin}/produits/{product_id}/prix-specifiques"
    base = form_values(client.get(url).get_data(as_text=True), "specific-price-form")
    before = _count(data, seat, SpecificPrice)
    for changes, message in [
        ({"fixed_price_ht": "-1"}, "Un prix ne peut pas être négatif."),
        ({"reduction": "150"}, "ne peut pas dépasser 100 %"),
        ({"reduction": "10", "date_from": "2027-06-01", "date_to": "2027-05-01"}, "La date de fin doit"),
        ({"reduction": "10", "customer_email": "personne@exemple.fr"}, "Aucun client n'a l'adresse e-mail"),
    ]:
        response = client.post(url, data={**base, **changes})
        assert response.status_code == 422 and message in text(response.get_data(as_text=True)), changes
    assert _count(data, seat, SpecificPrice) == before
    response = client.post(url, data={**base, "group_id": "4", "reduction": "20"})
    assert response.status_code == 302
    sheet = text(client.get(f"{admin}/produits/{product_id}").get_data(as_text=True))
    assert "Prix spécifiques" in sheet and "Professionnels" in sheet and "-20,00 %" in sheet


def test_groups_and_membership(client, admin, seat, data):
    url = f"{admin}/clients/groupes/nouveau"
    values = form_values(client.get(url).get_data(as_text=True), "group-form")
    response = client.post(url, data={**values, "name": "Revendeurs", "reduction": "150"})
    assert response.status_code == 422
    assert "comprise entre 0 et 100 %" in text(response.get_data(as_text=True))
    response = client.post(
        url, data={**values, "name": "Revendeurs", "reduction": "15", "price_display": "ht"}
    )
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        group = db.scalar(select(CustomerGroup).where(CustomerGroup.name == "Revendeurs"))
        assert (group.reduction_bp, group.price_display) == (1500, "ht")
        customer_id = db.scalar(select(Customer.id).order_by(Customer.id))
        group_id = group.id
    url = f"{admin}/clients/{customer_id}/groupes"
    values = form_values(client.get(url).get_data(as_text=True), "customer-groups-form")
    values["group_ids"], values["default_group_id"] = [str(group_id)], str(group_id)
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        customer = db.get(Customer, customer_id)
        assert customer.default_group_id == group_id and group_id in [x.id for x in customer.groups]
