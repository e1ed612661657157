"""Shop back office › Catégories (tree rules) and › Stocks (quantities with a reason)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent, Category, Combination, Order, OrderState, Product, StockMovement
from sandbox.services.order_status import CANCELLED
from tests.integration.shop_admin_helpers import ADMIN, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


@pytest.mark.feature("B-CAT-3")
def test_create_and_edit_a_category(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        parent = db.scalar(select(Category).where(Category.parent_id == 1).order_by(Category.id))
        parent_id, parent_name = parent.id, parent.name
    page = client.get(f"{admin}/categories/nouvelle?parent={parent_id}").get_data(as_text=True)
    values = form_values(page, "category-form")
    assert values["parent_id"] == str(parent_id)
    values.update(name="Linge d'été", description="Léger et frais.", meta_title="Linge d'été en lin")
    response = client.post(f"{admin}/categories/nouvelle", data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        category = db.scalar(select(Category).where(Category.name == "Linge d'été"))
        assert (category.parent_id, category.slug, category.active) == (parent_id, "linge-d-ete", True)
    url = f"{admin}/categories/{category.id}"
    values = form_values(client.get(url).get_data(as_text=True), "category-form")
    values["name"] = "Linge d'été léger"
    assert client.post(url, data=values).status_code == 302
    tree = text(client.get(f"{admin}/categories").get_data(as_text=True))
    assert "Linge d'été léger" in tree and parent_name in tree


def test_a_category_cannot_move_below_itself(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        parent = db.scalar(select(Category).where(Category.parent_id == 1).order_by(Category.id))
        child = db.scalar(select(Category).where(Category.parent_id == parent.id))
        if child is None:
            pytest.skip("needs a category with a sub-category")
        parent_id, child_id = parent.id, child.id
    url = f"{admin}/categories/{parent_id}"
    page = client.get(url).get_data(as_text=True)
    parents = re.search(r'<select[^>]*id="parent_id".*?</select>', page, re.S).group(0)
    assert f'<option value="{child_id}"' not in parents  # not offered
    values = form_values(page, "category-form")
    values["parent_id"] = str(child_id)
    answer = client.post(url, data=values).get_data(as_text=True)
    assert "ne peut pas être rangée dans elle-même" in answer


def test_delete_rules(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        with_children = db.scalar(select(Category).where(Category.parent_id == 1).order_by(Category.id))
        parents = set(db.scalars(select(Category.parent_id).where(Category.parent_id.is_not(None))))
        default_of = next(
            c
            for c in db.scalars(
                select(Category)
                .join(Product, Product.default_category_id == Category.id)
                .order_by(Category.id)
            )
            if c.id not in parents
        )
        ids = (with_children.id, default_of.id)
    for category_id, message in zip(ids, ("sous-catégorie(s)", "catégorie par défaut"), strict=True):
        confirm = client.get(f"{admin}/categories/{category_id}/supprimer").get_data(as_text=True)
        response = client.post(
            f"{admin}/categories/{category_id}/supprimer", data=form_values(confirm, "delete-form")
        )
        assert message in text(client.get(response.headers["Location"]).get_data(as_text=True))
    page = client.get(f"{admin}/categories/nouvelle?parent=1").get_data(as_text=True)
    values = form_values(page, "category-form")
    values["name"] = "Éphémère"
    client.post(f"{admin}/categories/nouvelle", data=values)
    with seat_db(data, seat.name) as db:
        empty_id = db.scalar(select(Category.id).where(Category.name == "Éphémère"))
        assert db.get(Category, ids[0]) is not None and db.get(Category, ids[1]) is not None
    confirm = client.get(f"{admin}/categories/{empty_id}/supprimer").get_data(as_text=True)
    client.post(f"{admin}/categories/{empty_id}/supprimer", data=form_values(confirm, "delete-form"))
    with seat_db(data, seat.name) as db:
        assert db.get(Category, empty_id) is None
        assert (
            db.scalar(select(ActivityEvent.summary).order_by(ActivityEvent.id.desc()).limit(1))
            == "Catégorie « Éphémère » supprimée"
        )


@pytest.mark.feature("B-STK-1")
def test_stock_page_sets_quantities_with_a_reason(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(~Product.combinations.any()).order_by(Product.name))
        if product is None:
            pytest.skip("needs a product without combinations")
        product_id, name, old = product.id, product.name, product.quantity
        movements = db.scalar(select(func.count(StockMovement.id)))
    page = client.get(f"{admin}/stocks?q={name}").get_data(as_text=True)
    assert f"Quantité de {name}" in labels(page)
    values = form_values(page, "stock-form")
    values[f"qty-p{product_id}"] = str(old + 3)
    values["reason"] = "Réception fournisseur"
    response = client.post(f"{admin}/stocks", data=values)
    assert response.status_code == 302
    assert "1 quantité(s) mise(s) à jour" in text(
        client.get(response.headers["Location"]).get_data(as_text=True)
    )
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).quantity == old + 3
        assert db.scalar(select(func.count(StockMovement.id))) == movements + 1
        movement = db.scalar(select(StockMovement).order_by(StockMovement.id.desc()))
        assert (movement.delta, movement.reason, movement.employee_id) == (3, "Réception fournisseur", 1)
    listing = text(client.get(f"{admin}/stocks/mouvements").get_data(as_text=True))
    assert "Réception fournisseur" in listing and "Candidat Stagiaire" in listing


def test_stock_page_refuses_a_negative_quantity(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(~Product.combinations.any()).order_by(Product.name))
        product_id, name, old = product.id, product.name, product.quantity
    values = form_values(client.get(f"{admin}/stocks?q={name}").get_data(as_text=True), "stock-form")
    values[f"qty-p{product_id}"] = "-2"
    response = client.post(f"{admin}/stocks", data=values)
    assert "ne peut pas être négative" in text(
        client.get(response.headers["Location"]).get_data(as_text=True)
    )
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).quantity == old


@pytest.mark.feature("B-STK-1")
def test_stock_page_lists_combinations_with_their_own_field(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = next((p for p in db.scalars(select(Product).order_by(Product.id)) if p.combinations), None)
        if product is None:
            pytest.skip("needs a product with combinations")
        combination = product.combinations[0]
        values = ", ".join(a.name for a in combination.attributes)
        name, cid, old = product.name, combination.id, combination.quantity
    page = client.get(f"{admin}/stocks?q={name}").get_data(as_text=True)
    assert f"Quantité de la déclinaison {values} — {name}" in labels(page)
    form = form_values(page, "stock-form")
    form[f"qty-c{cid}"] = str(old + 1)
    client.post(f"{admin}/stocks", data=form)
    with seat_db(data, seat.name) as db:
        movement = db.scalar(select(StockMovement).order_by(StockMovement.id.desc()))
        assert (movement.combination_id, movement.delta, movement.reason) == (
            cid,
            1,
            "Correction d'inventaire",
        )


def _post_stock(client, admin, name, **changes):
    """Post the stock page as it shows ``name`` now, with ``changes`` typed; returns the page shown after."""
    values = form_values(client.get(f"{admin}/stocks?q={name}").get_data(as_text=True), "stock-form")
    values.update(changes)
    response = client.post(f"{admin}/stocks", data=values)
    return values, text(client.get(response.headers["Location"]).get_data(as_text=True))


def _repost(client, admin, values):
    """Post the stock page again as it was filled (a page left open); returns the page shown after."""
    response = client.post(f"{admin}/stocks", data=values)
    return text(client.get(response.headers["Location"]).get_data(as_text=True))


def test_stock_page_bounds_zero_and_stale_pages(client, admin, seat, data):
    """0 and 1 000 000 are stocks, -1 and 1 000 001 are refused with their message; a quantity set from 0
    moves by what was typed; a page showing an old quantity that now matches changes nothing."""
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(~Product.combinations.any()).order_by(Product.name))
        pid, name = product.id, product.name
    key = f"qty-p{pid}"
    assert "1 quantité(s) mise(s) à jour" in _post_stock(client, admin, name, **{key: "0"})[1]
    stale, shown = _post_stock(client, admin, name, **{key: "1"})
    assert "1 quantité(s) mise(s) à jour" in shown
    with seat_db(data, seat.name) as db:
        assert db.get(Product, pid).quantity == 1
        assert db.scalar(select(StockMovement).order_by(StockMovement.id.desc())).delta == 1
    again = _repost(client, admin, stale)
    assert "Aucune quantité n'a changé." in again
    negative = _post_stock(client, admin, name, **{key: "-1"})[1]
    assert f"{name} : La quantité ne peut pas être négative." in negative
    too_much = _post_stock(client, admin, name, **{key: "1000001"})[1]
    assert f"{name} : La quantité est trop grande (1 000 000 au plus)." in too_much
    assert "1 quantité(s) mise(s) à jour" in _post_stock(client, admin, name, **{key: "1000000"})[1]
    with seat_db(data, seat.name) as db:
        assert db.get(Product, pid).quantity == 1_000_000


def test_stock_page_keeps_a_long_reason_to_120_characters(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(~Product.combinations.any()).order_by(Product.name))
        pid, name, old = product.id, product.name, product.quantity
    _post_stock(client, admin, name, **{f"qty-p{pid}": str(old + 1), "reason": "R" * 130})
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(StockMovement).order_by(StockMovement.id.desc())).reason == "R" * 120


def test_a_product_with_combinations_has_no_stock_of_its_own(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = next((p for p in db.scalars(select(Product).order_by(Product.id)) if p.combinations), None)
        pid, name, old = product.id, product.name, product.quantity
    shown = _post_stock(client, admin, name, **{f"qty-p{pid}": "5", f"shown-p{pid}": str(old)})[1]
    assert f"{name} : Ce produit a des déclinaisons : modifiez le stock de chaque déclinaison." in shown
    with seat_db(data, seat.name) as db:
        assert db.get(Product, pid).quantity == old


def test_combination_stock_from_zero_with_a_reason(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = next((p for p in db.scalars(select(Product).order_by(Product.id)) if p.combinations), None)
        name, cid = product.name, product.combinations[0].id
    key = f"qty-c{cid}"
    _post_stock(client, admin, name, **{key: "0"})
    stale, shown = _post_stock(client, admin, name, **{key: "1", "reason": "Réception fournisseur"})
    assert "1 quantité(s) mise(s) à jour" in shown
    with seat_db(data, seat.name) as db:
        movement = db.scalar(select(StockMovement).order_by(StockMovement.id.desc()))
        assert (movement.combination_id, movement.delta, movement.reason, movement.employee_id) == (
            cid, 1, "Réception fournisseur", 1)
    again = _repost(client, admin, stale)
    assert "Aucune quantité n'a changé." in again


def test_a_quantity_too_large_on_the_product_sheet_is_refused_next_to_the_field(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(~Product.combinations.any()).order_by(Product.name))
        pid, old = product.id, product.quantity
    url = f"{admin}/produits/{pid}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values["quantity"] = "1000001"
    page = client.post(url, data=values).get_data(as_text=True)
    error = re.search(r'id="quantity-err"[^>]*>([^<]*)<', page)
    assert error and "La quantité est trop grande (1 000 000 au plus)." in error.group(1)
    assert 'value="1000001"' in page
    with seat_db(data, seat.name) as db:
        assert db.get(Product, pid).quantity == old


def test_a_quantity_too_large_for_a_new_product_or_a_combination_is_refused_next_to_its_field(
        client, admin, seat, data):
    page = client.get(f"{admin}/produits/nouveau").get_data(as_text=True)
    values = form_values(page, "product-form")
    values.update({"name": "Savon test", "price_ttc": "5,00", "quantity": "1000001"})
    page = client.post(f"{admin}/produits/nouveau", data=values).get_data(as_text=True)
    error = re.search(r'id="quantity-err"[^>]*>([^<]*)<', page)
    assert error and "La quantité est trop grande (1 000 000 au plus)." in error.group(1)
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(Product).where(Product.name == "Savon test")) is None
        product = next((p for p in db.scalars(select(Product).order_by(Product.id)) if p.combinations), None)
        pid, cid, old = product.id, product.combinations[0].id, product.combinations[0].quantity
    url = f"{admin}/produits/{pid}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values[f"quantity_{cid}"] = "1000001"
    page = client.post(url, data=values).get_data(as_text=True)
    error = re.search(rf'id="quantity_{cid}-err"[^>]*>([^<]*)<', page)
    assert error and "La quantité est trop grande (1 000 000 au plus)." in error.group(1)
    with seat_db(data, seat.name) as db:
        assert db.get(Combination, cid).quantity == old


@pytest.mark.feature("B-STK-1")
@pytest.mark.parametrize("left", [0, 3])
def test_cancelling_an_order_puts_its_lines_back_in_stock(client, admin, seat, data, left):
    """Each line goes back to its product or combination (from an empty stock, then from 3 units left: added
    to them, not in their place), one movement each."""
    with seat_db(data, seat.name) as db:
        cancelled = db.scalar(select(OrderState).where(OrderState.code == CANCELLED))
        orders = [o for o in db.scalars(select(Order).order_by(Order.id))
                  if o.state_id != cancelled.id and any(line.product_id for line in o.lines)]
        order = next((o for o in orders if any(line.combination_id for line in o.lines)), orders[0])
        oid, reference, state_id = order.id, order.reference, cancelled.id
        expected, moves = {}, []
        for line in order.lines:
            product = db.get(Product, line.product_id) if line.product_id else None
            if product is None or (product.combinations and not line.combination_id):
                continue
            target = db.get(Combination, line.combination_id) if line.combination_id else product
            target.quantity = left  # sold out meanwhile (0): the cancelled units are all there is
            key = (type(target).__name__, target.id)
            expected[key] = expected.get(key, left) + line.quantity
            moves.append((line.product_id, line.combination_id, line.quantity))
        db.commit()
        assert expected and any(combination for _, combination, _ in moves)
    values = form_values(client.get(f"{admin}/commandes/{oid}").get_data(as_text=True), "state-form")
    values["state_id"] = str(state_id)
    response = client.post(f"{admin}/commandes/{oid}/etat", data=values)
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        for (kind, target_id), quantity in expected.items():
            assert db.get(Combination if kind == "Combination" else Product, target_id).quantity == quantity
        movements = db.scalars(select(StockMovement).where(StockMovement.order_id == oid)).all()
        assert sorted((m.product_id, m.combination_id, m.delta) for m in movements) == sorted(moves)
        signed = {(m.reason, m.employee_id) for m in movements}
        assert signed == {(f"Annulation de la commande {reference}", 1)}
    listing = text(client.get(f"{admin}/stocks/mouvements").get_data(as_text=True))
    assert f"Annulation de la commande {reference}" in listing
