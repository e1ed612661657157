"""Catalogue › Produits: « Exclusivité web », « En solde ! » ticked on the product sheet, and the product
taken offline from the list, as a visitor then sees them on the public shop (B-CAT-10)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from sandbox.models import Product
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, login, seat_db


def _flags(client, path: str) -> list[str]:
    """The flags shown beside the product's own name (not those of other products' cards on the page)."""
    html = client.get(path).get_data(as_text=True)
    found = re.search(r'<ul class="product-flags product-flags--inline">(.*?)</ul>', html, re.S)
    return re.findall(r"<li[^>]*>([^<]+)</li>", found.group(1)) if found else []


@pytest.mark.feature("B-CAT-10")
def test_flags_ticked_on_the_sheet_show_on_the_product_page_and_offline_hides_it(client, seat, data):
    login(client, seat)
    admin = ADMIN.format(seat=seat.name)
    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).where(Product.active.is_(True), Product.on_sale.is_(False),
                                                   Product.online_only.is_(False)).order_by(Product.id)).first()
        path = f"/s/{seat.name}/boutique/produit/{product.id}-{product.slug}"
    assert _flags(client, path) == []
    sheet = f"{admin}/produits/{product.id}"
    values = form_values(client.get(sheet).get_data(as_text=True), "product-form")
    values.update(on_sale="y", online_only="y")
    assert client.post(sheet, data=values).status_code == 302
    assert _flags(client, path) == ["En solde !", "Exclusivité web"]

    search = f"/s/{seat.name}/boutique/recherche?q={product.name}"
    assert f"/produit/{product.id}-" in client.get(search).get_data(as_text=True)
    page = client.get(f"{admin}/produits").get_data(as_text=True)
    client.post(f"{admin}/produits/{product.id}/en-ligne", data={"csrf_token": csrf_token(page)})
    assert client.get(path).status_code == 404
    assert f"/produit/{product.id}-" not in client.get(search).get_data(as_text=True)  # nor found by search
