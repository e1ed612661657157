"""Paramètres de la boutique › Contact › Coordonnées (footer « Informations sur la boutique »), a product
saved without a price, the customer's private note label."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent, Customer, Product, get_setting
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _events(data, seat) -> list[str]:
    with seat_db(data, seat.name) as db:
        return [e.summary for e in db.scalars(select(ActivityEvent).order_by(ActivityEvent.id))]


def _footer(client, seat) -> str:
    page = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    return text(page.split('id="shop-contact-title"', 1)[1].split("</section>", 1)[0])


def test_contact_details_show_the_seeded_shop_and_reach_the_footer(client, admin, seat, data):
    url = f"{admin}/parametres/coordonnees"
    page = client.get(url).get_data(as_text=True)
    values = form_values(page, "contact-form")
    assert values["name"] == "Lin & Nature — la boutique" and values["phone"] == "03 20 45 67 89"
    for field in ("name", "email", "address1", "postcode", "city", "phone", "opening_hours"):
        assert f'for="contact-{field}"' in page and f'id="contact-{field}"' in page
    assert "27 rue de l'Épeule" in _footer(client, seat) and "03 20 45 67 89" in _footer(client, seat)

    before = len(_events(data, seat))
    assert client.post(url, data=values).status_code == 302  # saved without a change: no event
    assert len(_events(data, seat)) == before

    values.update(phone="03 20 45 67 90", opening_hours="Du mardi au samedi, de 10 h à 19 h",
                  email="pas-une-adresse")
    bad = client.post(url, data=values).get_data(as_text=True)
    assert "Indiquez une adresse e-mail valide" in text(bad) and 'value="pas-une-adresse"' in bad
    assert "Du mardi au samedi, de 10 h à 19 h" in bad  # what was typed is kept
    values["email"] = "magasin@lin-et-nature.fr"
    assert client.post(url, data=values).status_code == 302
    footer = _footer(client, seat)
    assert "Tél. : 03 20 45 67 90" in footer and "E-mail : magasin@lin-et-nature.fr" in footer
    assert "Horaires : Du mardi au samedi, de 10 h à 19 h" in footer
    new = _events(data, seat)[before:]
    assert len(new) == 3 and not any(re.search(r"shop\.\w+", s) for s in new), new
    assert "Coordonnées de la boutique : téléphone : « 03 20 45 67 89 » → « 03 20 45 67 90 »" in new, new
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "shop.phone") == "03 20 45 67 90"


def test_a_new_product_can_be_saved_without_a_price(client, admin, seat, data):
    page = client.get(f"{admin}/produits/nouveau").get_data(as_text=True)
    values = form_values(page, "product-form")
    values.update(name="Coussin sans prix", price_ttc="", price_ht="", reference="SANS-PRIX")
    response = client.post(f"{admin}/produits/nouveau", data=values)
    assert response.status_code == 302, text(response.get_data(as_text=True))[:2000]
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).where(Product.reference == "SANS-PRIX"))
        assert product.price_ht == Decimal(0)


def test_private_note_has_a_label_bound_to_its_field(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        customer_id = db.scalar(select(func.min(Customer.id)))
    page = client.get(f"{admin}/clients/{customer_id}").get_data(as_text=True)
    textarea = re.search(r'<textarea[^>]*name="note"[^>]*>', page).group(0)
    field_id = re.search(r'id="([^"]+)"', textarea).group(1)
    assert page.count(f'id="{field_id}"') == 1
    assert re.search(rf'<label for="{field_id}">Note privée</label>', page)
