"""Shop back office: a cart rule's product selection and reduction target, a group's reductions per category
and a product's Livraison tab — refused in French next to the field, and told to the examiner in French
(one event per real change, none for a form saved unchanged)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent, Carrier, CartRule, Category, Product
from sandbox.services.product_shipping import product_carrier_ids
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _summaries(data, seat, after: int = 0) -> list[str]:
    with seat_db(data, seat.name) as db:
        return list(db.scalars(select(ActivityEvent.summary).where(ActivityEvent.id > after)
                               .order_by(ActivityEvent.id)))


def _last_event(data, seat) -> int:
    with seat_db(data, seat.name) as db:
        return db.scalar(select(func.max(ActivityEvent.id))) or 0


def _ids(data, seat):
    with seat_db(data, seat.name) as db:
        bed = db.scalar(select(Category.id).where(Category.name == "Linge de lit"))
        bath = db.scalar(select(Category.id).where(Category.name == "Linge de bain"))
        product = db.scalars(select(Product).order_by(Product.id)).first()
        return bed, bath, product.id, product.name


def _rule_form(client, admin, path: str, **changes):
    values = form_values(client.get(admin + path).get_data(as_text=True), "cart-rule-form")
    # The helper posts a select's first option when none is chosen, a browser nothing for an empty
    # multiple select: this test's rules never hold attribute values, and name their products.
    values.update({"product_ids": [], "attribute_ids": []})
    values.update(changes)
    return client.post(admin + path, data=values)


def test_cart_rule_selection_is_saved_and_told_in_french(client, admin, seat, data):
    bed, bath, product_id, product_name = _ids(data, seat)
    new = "/promotions/regles-panier/nouvelle"
    refused = _rule_form(client, admin, new, name="Lit", code="LIT2", reduction_type="amount",
                         reduction="5,00", reduction_apply="cheapest", category_ids=[str(bed)])
    page = text(refused.get_data(as_text=True))
    assert refused.status_code == 422 and "Une réduction en montant s'applique à la commande" in page
    ticked = rf'<input checked id="category_ids-\d+" name="category_ids" type="checkbox" value="{bed}">'
    assert re.search(ticked, refused.get_data(as_text=True))  # the ticked category stays ticked
    refused = _rule_form(client, admin, new, name="Lit", code="LIT2", reduction_type="percent",
                         reduction="50", reduction_apply="selected")
    assert "restreignez d'abord la sélection de produits" in text(refused.get_data(as_text=True))

    before = _last_event(data, seat)
    saved = _rule_form(client, admin, new, name="Lit", code="LIT2", reduction_type="percent", reduction="50",
                       reduction_apply="cheapest", restriction_quantity="2", category_ids=[str(bed)],
                       product_ids=[str(product_id)])
    assert saved.status_code == 302
    path = saved.headers["Location"].split("/boutique/admin", 1)[1]
    told = _summaries(data, seat, before)
    assert "Règle panier « Lit » : sélection de produits, catégorie Linge de lit ajoutée" in told
    assert ("Règle panier « Lit » créée — code LIT2 ; -50\u00a0% sur : Produit le moins cher ; "
            "dès 2 produits de la sélection") in told
    assert f"Règle panier « Lit » : sélection de produits, produit {product_name} ajouté" in told

    before = _last_event(data, seat)
    _rule_form(client, admin, path, category_ids=[str(bath)], product_ids=[], reduction_apply="order")
    assert sorted(_summaries(data, seat, before)) == sorted([
        "Règle panier « Lit » : réduction appliquée à Produit le moins cher → Commande (sans frais de port)",
        f"Règle panier « Lit » : sélection de produits, produit {product_name} retiré",
        "Règle panier « Lit » : sélection de produits, catégorie Linge de lit retirée",
        "Règle panier « Lit » : sélection de produits, catégorie Linge de bain ajoutée",
    ])
    before = _last_event(data, seat)
    assert _rule_form(client, admin, path).status_code == 302
    assert _summaries(data, seat, before) == []  # saved unchanged: nothing to tell
    with seat_db(data, seat.name) as db:
        rule = db.scalar(select(CartRule).where(CartRule.code == "LIT2"))
        assert [(r.kind, r.target_id) for r in rule.restrictions] == [("category", bath)]
        assert (rule.restriction_quantity, rule.reduction_apply, rule.products) == (2, "order", [])


def test_group_category_reduction_refuses_then_saves(client, admin, seat, data):
    bed = _ids(data, seat)[0]
    page = client.get(f"{admin}/clients/groupes/4").get_data(as_text=True)
    token = csrf_token(page)
    url = f"{admin}/clients/groupes/4/reductions-categorie"
    refused = client.post(url, data={"categorie-csrf_token": token, "categorie-category_id": "0",
                                     "categorie-reduction": "10"})
    assert refused.status_code == 422 and "Choisissez une catégorie." in text(refused.get_data(as_text=True))
    refused = client.post(url, data={"categorie-csrf_token": token, "categorie-category_id": str(bed),
                                     "categorie-reduction": "dix"})
    assert refused.status_code == 422 and 'value="dix"' in refused.get_data(as_text=True)
    before = _last_event(data, seat)
    for percent in ("10", "10", "12,5"):
        saved = client.post(url, data={"categorie-csrf_token": token, "categorie-category_id": str(bed),
                                       "categorie-reduction": percent})
        assert saved.status_code == 302
    assert [s.replace("\xa0", " ") for s in _summaries(data, seat, before)] == [
        "Groupe « Professionnels » : réduction sur la catégorie « Linge de lit » de 10 % ajoutée",
        "Groupe « Professionnels » : réduction sur la catégorie « Linge de lit » 10 % → 12,5 %",
    ]
    page = text(client.get(f"{admin}/clients/groupes/4").get_data(as_text=True))
    assert "Linge de lit 12,5 %" in page


def test_product_livraison_tab_saves_dimensions_fees_and_carriers(client, admin, seat, data):
    _bed, _bath, product_id, product_name = _ids(data, seat)
    with seat_db(data, seat.name) as db:
        relay = db.scalar(select(Carrier.id).where(Carrier.name.like("Mondial Relay%")))
    path = f"{admin}/produits/{product_id}"
    values = form_values(client.get(path).get_data(as_text=True), "product-form")
    values.update({"width_cm": "-2", "additional_shipping_ht": "1,20", "carrier_ids": [str(relay)]})
    refused = client.post(path, data=values)
    assert "La largeur ne peut pas être négative." in text(refused.get_data(as_text=True))
    values["width_cm"] = "40"
    before = _last_event(data, seat)
    assert client.post(path, data=values).status_code == 302
    told = [s.replace("\xa0", " ") for s in _summaries(data, seat, before)]
    assert f"Produit « {product_name} » : transporteur Mondial Relay — point relais autorisé" in told
    assert any("largeur 0 cm → 40 cm ; frais de port supplémentaires HT 0,00 € → 1,20 €" in s for s in told)
    duplicated = client.post(f"{path}/dupliquer", data={"csrf_token": values["csrf_token"]})
    copy_id = int(duplicated.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    with seat_db(data, seat.name) as db:
        copy = db.get(Product, copy_id)
        assert (product_carrier_ids(db, copy), copy.width_cm) == ([relay], Decimal("40.00"))
    values["carrier_ids"] = []
    before = _last_event(data, seat)
    assert client.post(path, data=values).status_code == 302
    assert _summaries(data, seat, before) == [
        f"Produit « {product_name} » : transporteur Mondial Relay — point relais retiré"
    ]
