"""Back office lists count in French: « 1 produit », « 0 produit », « 12 produits »."""

from __future__ import annotations

from tests.integration.shop_admin_helpers import ADMIN, login, text


def test_the_product_count_agrees_with_its_number(client, seat):
    login(client, seat)
    url = f"{ADMIN.format(seat=seat.name)}/produits"
    one = text(client.get(url + "?nom=Nappe+vichy+Maison+Flandre").get_data(as_text=True))
    assert "1 produit " in one + " " and "1 produits" not in one
    none = text(client.get(url + "?nom=introuvable-xyz").get_data(as_text=True))
    assert "0 produit " in none + " " and "0 produits" not in none
    many = text(client.get(url).get_data(as_text=True))
    assert " produits" in many
