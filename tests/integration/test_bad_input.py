"""Absurd input typed or uploaded in a seat: a French error next to the field, nothing changed, no 500."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent, CartRule, Media, Product
from tests.integration import site_helpers
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text

SITE_ADMIN = "/s/{seat}/site/admin"


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG whose header announces a huge picture (a « decompression bomb »)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
            + chunk(b"IEND", b""))


@pytest.fixture
def admin(client, seat):
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _events(data, seat) -> int:
    with seat_db(data, seat.name) as db:
        return db.scalar(select(func.count(ActivityEvent.id)))


@pytest.mark.parametrize("typed", ["1e308", "1E5", "99999999999999999999"])
def test_an_absurd_price_is_refused_next_to_the_field(client, admin, seat, data, typed):
    with seat_db(data, seat.name) as db:
        product = db.scalar(select(Product).order_by(Product.id))
        product_id, before = product.id, product.price_ttc
    events = _events(data, seat)
    url = f"{admin}/produits/{product_id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values["price_ttc"] = typed
    response = client.post(url, data=values)
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 422), text(page)[:500]  # the form again, not a redirect
    assert "n'est pas un montant valide" in text(page) or "trop élevé" in text(page)
    assert f'value="{typed}"' in page  # what was typed is kept
    with seat_db(data, seat.name) as db:
        assert db.get(Product, product_id).price_ttc == before
    assert _events(data, seat) == events


def _new_cart_rule(client, admin, **changes):
    page = client.get(f"{admin}/promotions/regles-panier/nouvelle").get_data(as_text=True)
    values = form_values(page, "cart-rule-form")
    values.update({"name": "Printemps", "code": "PRINTEMPS25", "reduction_type": "percent", "reduction": "25",
                   "minimum_amount": "50,00", "date_from": "2027-05-20", "date_to": "2027-06-04", **changes})
    return client.post(f"{admin}/promotions/regles-panier/nouvelle", data=values)


@pytest.mark.parametrize(("changes", "message"), [
    ({"date_from": "0001-01-01"}, "Indiquez une date entre 1900 et 2100"),
    ({"date_to": "9999-12-31"}, "Indiquez une date entre 1900 et 2100"),
    ({"minimum_amount": "1e308"}, "n'est pas un montant valide"),
])
def test_a_cart_rule_with_an_absurd_date_or_amount_is_refused(client, admin, seat, data, changes, message):
    with seat_db(data, seat.name) as db:
        before = db.scalar(select(func.count(CartRule.id)))
    response = _new_cart_rule(client, admin, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in text(page)
    assert next(iter(changes.values())) in page  # what was typed is kept
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(func.count(CartRule.id))) == before


def test_a_decompression_bomb_is_refused_in_the_media_library(client, seat, data):
    base = SITE_ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/login").get_data(as_text=True)
    client.post(f"{base}/login", data={"csrf_token": site_helpers.csrf_token(page), "login": "candidat",
                                       "password": seat.password})
    with seat_db(data, seat.name) as db:
        before = db.scalar(select(func.count(Media.id)))
    token = site_helpers.csrf_token(client.get(f"{base}/medias").get_data(as_text=True))
    upload = {"csrf_token": token, "file": (io.BytesIO(bomb_png()), "x.png")}
    response = client.post(f"{base}/medias", data=upload, content_type="multipart/form-data")
    assert "Image trop grande" in text(response.get_data(as_text=True))
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(func.count(Media.id))) == before


def test_a_decompression_bomb_is_refused_as_a_product_image(seat, data):
    from sandbox.services import ServiceError
    from sandbox.services.images import store_image

    with seat_db(data, seat.name) as db, pytest.raises(ServiceError, match="Image trop grande"):
        store_image(db, "x.png", bomb_png(), "image")


def test_statistics_of_year_one_is_refused(client, admin):
    response = client.get(f"{admin}/statistiques?du=01/01/0001&au=31/01/0001")
    assert response.status_code == 200
    assert "Indiquez une date entre 1900 et 2100" in text(response.get_data(as_text=True))
    assert 'value="01/01/0001"' in response.get_data(as_text=True)
