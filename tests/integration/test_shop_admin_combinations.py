"""Shop back office › Produits › Déclinaisons: edit rows (stock, impact HT/TTC, default), generate, delete."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from sandbox.models import ActivityEvent, Attribute, AttributeGroup, Combination, Product, StockMovement
from sandbox.money import ht_from_ttc
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _combined(db, minimum: int = 2) -> Product:
    product = next(
        (p for p in db.scalars(select(Product).order_by(Product.id)) if len(p.combinations) >= minimum), None
    )
    if product is None:
        pytest.skip("no seeded product with combinations")
    return product


def _values(combination: Combination) -> str:
    return ", ".join(a.name for a in combination.attributes)


def test_edit_a_combination_stock_writes_a_movement_and_a_readable_event(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _combined(db)
        combination = product.combinations[0]
        cid, label, old = combination.id, combination.label, combination.quantity
    new = old + 5 if old < 5 else old - 4
    url = f"{admin}/produits/{product.id}"
    page = client.get(url).get_data(as_text=True)
    assert f"Quantité de la déclinaison {_values(combination)}" in labels(page)
    values = form_values(page, "product-form")
    assert "quantity" not in values  # the product's own stock is managed per combination
    values[f"quantity_{cid}"] = str(new)
    response = client.post(url, data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(Combination, cid).quantity == new
        movement = db.scalar(
            select(StockMovement).where(StockMovement.combination_id == cid).order_by(StockMovement.id.desc())
        )
        assert (movement.delta, movement.employee_id) == (new - old, 1)
        event = db.scalar(
            select(ActivityEvent).where(
                ActivityEvent.object_type == "Combination", ActivityEvent.object_id == str(cid)
            )
        )
        assert event.summary == f"Déclinaison « {label} » : stock {old} → {new}"


@pytest.mark.feature("B-CAT-5", "B-CAT-6")
def test_impact_typed_ttc_is_stored_ht_and_default_changes(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _combined(db)
        rate = product.tax.rate_bp
        first, second = product.combinations[0].id, product.combinations[1].id
    url = f"{admin}/produits/{product.id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values.update(
        {
            f"impact_ttc_{second}": "7,50",
            f"reference_{second}": "REF-TEST-2",
            "default_combination": str(second),
        }
    )
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        combination = db.get(Combination, second)
        assert combination.price_impact_ht == ht_from_ttc(Decimal("7.50"), rate)
        assert combination.reference == "REF-TEST-2" and combination.is_default
        assert not db.get(Combination, first).is_default
    shown = form_values(client.get(url).get_data(as_text=True), "product-form")
    assert shown[f"impact_ttc_{second}"] == "7,50"


def test_bad_combination_values_are_shown_on_their_row(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _combined(db)
        cid = product.combinations[0].id
    url = f"{admin}/produits/{product.id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values[f"quantity_{cid}"] = "douze"
    page = client.post(url, data=values).get_data(as_text=True)
    assert "« douze » n'est pas un nombre entier" in text(page) and f'id="quantity_{cid}-err"' in page
    assert form_values(page, "product-form")[f"quantity_{cid}"] == "douze"


@pytest.mark.feature("B-CAT-5")
def test_generate_combinations_skips_existing_ones(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = next(
            (p for p in db.scalars(select(Product).order_by(Product.id)) if not p.combinations), None
        )
        groups = [
            g for g in db.scalars(select(AttributeGroup).order_by(AttributeGroup.id)) if len(g.values) >= 2
        ]
        if product is None or len(groups) < 2:
            pytest.skip("needs a product without combinations and two attribute groups")
        first = [groups[0].values[0].id, groups[0].values[1].id]
        second = [groups[1].values[0].id]
        product_id = product.id
    url = f"{admin}/produits/{product_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Générer les déclinaisons" in page
    token = csrf_token(page)
    response = client.post(
        f"{url}/declinaisons/generer",
        data={"csrf_token": token, "attribute_ids": [str(i) for i in first + second]},
    )
    assert response.status_code == 302
    assert "2 déclinaison(s) créée(s)" in client.get(url).get_data(as_text=True)
    client.post(
        f"{url}/declinaisons/generer", data={"csrf_token": token, "attribute_ids": [str(i) for i in first]}
    )
    with seat_db(data, seat.name) as db:
        combos = db.get(Product, product_id).combinations
        keys = sorted(sorted(a.id for a in c.attributes) for c in combos)
        assert keys == sorted(
            [sorted([first[0], second[0]]), sorted([first[1], second[0]]), [first[0]], [first[1]]]
        )
        assert sum(c.is_default for c in combos) == 1
    refused = client.post(f"{url}/declinaisons/generer", data={"csrf_token": token})
    assert "Choisissez au moins une valeur" in client.get(refused.headers["Location"]).get_data(as_text=True)


def test_delete_a_combination(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = _combined(db)
        victim = (
            next(c for c in product.combinations if c.is_default)
            if any(c.is_default for c in product.combinations)
            else product.combinations[0]
        )
        cid, count, values_label = victim.id, len(product.combinations), _values(victim)
    url = f"{admin}/produits/{product.id}"
    page = client.get(url).get_data(as_text=True)
    assert f"Supprimer la déclinaison {values_label}" in text(page)
    response = client.post(f"{url}/declinaisons/{cid}/supprimer", data=form_values(page, "product-form"))
    assert response.status_code == 302
    assert f"La déclinaison « {values_label} » a été supprimée." in text(
        client.get(url).get_data(as_text=True)
    )
    with seat_db(data, seat.name) as db:
        combos = db.get(Product, product.id).combinations
        assert db.get(Combination, cid) is None and len(combos) == count - 1
        assert sum(c.is_default for c in combos) == 1
        assert db.scalar(select(Attribute.id).limit(1)) is not None
