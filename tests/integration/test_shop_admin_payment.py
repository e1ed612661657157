"""Paiement back office: methods on/off (never the last), bank transfer details, restrictions at checkout."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from sandbox.models import Country, Customer, get_setting
from sandbox.services.checkout import available_payments
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text
from tests.integration.test_shop_front import SHOP, add_to_cart, simple_product, text_of
from tests.integration.test_shop_front import seat_db as front_db
from tests.integration.test_shop_front_checkout import ADDRESS, paying_carrier, post_step

GOOD_IBAN = "FR76 3000 6000 0112 3456 7890 189"


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def toggle(client, admin, code: str, active: bool):
    token = csrf_token(client.get(f"{admin}/paiement").get_data(as_text=True))
    form = {"csrf_token": token, "active": str(int(active))}
    return client.post(f"{admin}/paiement/{code}/activer", data=form)


def test_methods_listed_switched_and_last_one_kept(client, admin, seat, data):
    page = client.get(f"{admin}/paiement")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Paiement › Moyens de paiement" in text(html) and "Virement bancaire" in html
    assert ">Moyens de paiement</a>" in html and ">Préférences</a>" in html  # sidebar entries
    assert f'href="{admin}/modules/cheque/configurer"' in html and f'href="{admin}/paiement/virement"' in html
    assert toggle(client, admin, "wire", False).status_code == 302
    with seat_db(data, seat.name) as db:
        assert [m.module for m in available_payments(db)] == ["cheque"]
    refused = toggle(client, admin, "cheque", False)
    shown = text(client.get(refused.headers["Location"]).get_data(as_text=True))
    assert "Impossible de désactiver « Chèque » : c'est le dernier moyen de paiement actif" in shown
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "payment.cheque.enabled") == "1"
    toggle(client, admin, "wire", True)
    with seat_db(data, seat.name) as db:
        assert {m.module for m in available_payments(db)} == {"cheque", "wire"}


def test_wire_form_checks_iban_and_bic_and_keeps_what_was_typed(client, admin, seat, data):
    url = f"{admin}/paiement/virement"
    html = client.get(url).get_data(as_text=True)
    wanted = {"Titulaire du compte", "IBAN", "BIC", "Adresse de la banque", "Informations complémentaires"}
    assert wanted <= set(labels(html))
    values = form_values(html, "wire-form")
    values.update(owner="Lin et Nature SARL", iban="FR76 3000 6000 0112 3456 7890 188", bic="AGRIFRPP")
    bad = client.post(url, data=values)
    body = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "la clé de contrôle ne correspond pas" in text(body)
    assert 'value="FR76 3000 6000 0112 3456 7890 188"' in body
    values.update(iban=GOOD_IBAN, bic="AGRI")
    assert "Le BIC compte 8 ou 11 caractères" in text(client.post(url, data=values).get_data(as_text=True))
    values.update(iban="fr7630006000011234567890189", bic="agrifrpp", details="Référence de commande SVP")
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "payment.wire.iban") == GOOD_IBAN
        assert get_setting(db, "payment.wire.bic") == "AGRIFRPP"
        assert get_setting(db, "payment.wire.details") == "Référence de commande SVP"


def test_restriction_by_group_is_honoured_at_checkout(client, admin, seat, data):
    with front_db(data, seat.name) as db:
        product = simple_product(db)
        carrier = paying_carrier(db)
        db.commit()
    add_to_cart(client, product, 1)
    identity = {"first_name": "Léa", "last_name": "Martin", "email": "lea.pay@example.fr",
                "password": "motdepasse1"}
    post_step(client, "/commande/identification", identity)
    post_step(client, "/commande/adresse", ADDRESS)
    post_step(client, "/commande/livraison", {"carrier": str(carrier.id)})
    with seat_db(data, seat.name) as db:
        group_id = db.scalar(select(Customer.default_group_id).where(Customer.email == "lea.pay@example.fr"))
    url = f"{admin}/paiement/preferences"
    html = client.get(url).get_data(as_text=True)
    values = form_values(html, "preferences-form")
    assert str(group_id) in values["groups-wire"]
    values["groups-wire"] = [v for v in values["groups-wire"] if v != str(group_id)]
    assert client.post(url, data=values).status_code == 302
    page = text_of(client.get(f"{SHOP}/commande/paiement"))
    assert "Payer par chèque" in page and "Payer par virement bancaire" not in page
    post_step(client, "/commande/paiement", {"payment": "transfer", "terms": "y"}, expect=422)
    with seat_db(data, seat.name) as db:
        assert {m.module for m in available_payments(db)} == {"cheque", "wire"}  # other groups keep it
        assert [m.module for m in available_payments(db, group_id, carrier.id)] == ["cheque"]


def test_address_form_offers_the_active_countries_france_first(client, seat, data):
    with front_db(data, seat.name) as db:
        product = simple_product(db)
        db.commit()
        active = set(db.scalars(select(Country.name).where(Country.active.is_(True))))
    add_to_cart(client, product, 1)
    identity = {"first_name": "Léa", "last_name": "Martin", "email": "lea.pays@example.fr",
                "password": "motdepasse1"}
    post_step(client, "/commande/identification", identity)
    html = client.get(f"{SHOP}/commande/adresse").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="country".*?</select>', html, re.S).group(0)
    offered = re.findall(r"<option[^>]*>([^<]+)</option>", select_html)
    assert offered[0] == "France" and set(offered) == active and len(offered) > 5
