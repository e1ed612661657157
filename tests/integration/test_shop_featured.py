"""« Produits phares » (ps_featuredproducts): products of its category (Accueil by default) in their position
there, the configured count; a product moved in or out changes the block by that product alone."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from sandbox.models import Product, ProductCategory
from sandbox.services.catalogue import place_last_in
from sandbox.services.modules import configure_module, module_config
from tests.integration.shop_admin_helpers import seat_db


def featured_ids(client, seat) -> list[int]:
    """Ids of the products the public home page shows in the featured block, in order."""
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    block = home.split('data-block="featured"', 1)[1].split("</section>", 1)[0]
    return [int(i) for i in re.findall(r'/produit/(\d+)-', block)]


def _unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _home_rows(db) -> list[int]:
    return list(db.scalars(select(ProductCategory.product_id).where(ProductCategory.category_id == 1)
                           .order_by(ProductCategory.position, ProductCategory.product_id)))


def test_the_block_is_the_home_selection_in_its_order(client, seat, data):
    with seat_db(data, seat.name) as db:
        home = _home_rows(db)
    assert len(home) == 16
    assert _unique(featured_ids(client, seat)) == home[:8]


def test_moving_one_product_in_or_out_changes_the_block_by_that_product_only(client, seat, data):
    with seat_db(data, seat.name) as db:
        configure_module(db, "featured", {**module_config(db, "featured"), "count": 24})
        home = _home_rows(db)
        newcomer = db.scalar(select(Product.id).where(Product.active.is_(True), Product.id.not_in(home))
                             .order_by(Product.id))
        db.add(ProductCategory(product_id=newcomer, category_id=1, position=0))
        db.flush()
        place_last_in(db, newcomer, {1})
        db.commit()
    assert _unique(featured_ids(client, seat)) == [*home, newcomer]
    with seat_db(data, seat.name) as db:
        db.execute(ProductCategory.__table__.delete().where(ProductCategory.product_id == home[3],
                                                            ProductCategory.category_id == 1))
        db.commit()
    assert _unique(featured_ids(client, seat)) == [*home[:3], *home[4:], newcomer]


def test_a_product_ticked_into_accueil_from_its_sheet_goes_last(client, seat, data):
    from tests.integration.shop_admin_helpers import form_values, login

    login(client, seat)
    with seat_db(data, seat.name) as db:
        home = _home_rows(db)
        product_id = db.scalar(select(Product.id).where(Product.active.is_(True), Product.id.not_in(home))
                               .order_by(Product.id))
    admin = f"/s/{seat.name}/boutique/admin"
    values = form_values(client.get(f"{admin}/produits/{product_id}").get_data(as_text=True), "product-form")
    ticked = values["category_ids"]
    values["category_ids"] = [*(ticked if isinstance(ticked, list) else [ticked]), "1"]
    assert client.post(f"{admin}/produits/{product_id}", data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert _home_rows(db) == [*home, product_id]


def test_saving_the_module_unchanged_records_nothing(client, seat, data):
    from sandbox.models import ActivityEvent
    from tests.integration.shop_admin_helpers import form_values, login

    login(client, seat)
    url = f"/s/{seat.name}/boutique/admin/modules/featured/configurer"
    values = form_values(client.get(url).get_data(as_text=True), "module-form")
    with seat_db(data, seat.name) as db:
        before = db.scalar(select(func.count(ActivityEvent.id)))
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(func.count(ActivityEvent.id))) == before
