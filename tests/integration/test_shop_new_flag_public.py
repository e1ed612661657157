"""Paramètres › Produits › « Nombre de jours pendant lesquels un produit est « nouveau » », saved through its
form, decides which products wear the « Nouveau » flag on the public home (B-APP-3)."""

from __future__ import annotations

import pytest

from tests.integration.shop_admin_helpers import ADMIN, form_values, login


@pytest.mark.feature("B-APP-3")
def test_the_new_product_duration_typed_in_the_settings_sets_the_public_flag(client, seat):
    login(client, seat)
    url = f"{ADMIN.format(seat=seat.name)}/parametres/produits"
    home = f"/s/{seat.name}/boutique/"
    values = form_values(client.get(url).get_data(as_text=True), "product-settings-form")
    flagged = client.get(home).get_data(as_text=True).count(">Nouveau<")
    assert flagged > 0  # the seeded duration shows some recent products as new
    for days, expected in (("0", 0), (values["new_days"], flagged)):  # none new, then back as seeded
        values["new_days"] = days
        assert client.post(url, data=values).status_code == 302
        assert client.get(home).get_data(as_text=True).count(">Nouveau<") == expected, days
