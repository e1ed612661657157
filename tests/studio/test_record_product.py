"""« Situation de départ »: a product taken offline and given a new TTC price in the scratch seat's back
office comes back as one « product.set » change; what no parameter expresses (its weight) is listed, not
dropped; the saved change puts the same sheet in place in a fresh seat (the shop no longer shows it)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from grading.accounts import create_user
from grading.app import create_app
from sandbox.models import Product
from sandbox.seats import create_seat, get_seat
from sandbox.subjects.changes import ChangeContext, apply_changes, check_changes
from sandbox.subjects.studio import draft as studio
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token
from tests.integration.shop_admin_helpers import ADMIN, form_values, login, seat_db, text
from tests.subjects.conftest import EXAM_DAY

NAPPE = "Nappe vichy Maison Flandre"


@pytest.fixture(scope="module")
def sdata(installed_data, tmp_path_factory):
    data = tmp_path_factory.mktemp("studio-record-product") / "data"
    copy_data(installed_data, data)
    create_user(data, "dupont", "dupont-motdepasse", "teacher", "M. Dupont")
    return data


def test_a_product_offline_with_a_new_price_becomes_one_change(sdata):
    app = create_app(sdata, TESTING=True)
    teacher = app.test_client()
    console_login(teacher, "dupont", "dupont-motdepasse")
    draft = studio.create_draft(sdata, author="M. Dupont")
    base = f"/console/sujets/studio/{draft.id}"
    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert "Ce que le studio sait relever" in page and "mise hors ligne, prix TTC" in page
    assert teacher.post(f"{base}/depart/preparer", data={"csrf_token": csrf_token(page)}).status_code == 302

    # The author works in the scratch seat's back office, as in any seat.
    seat = get_seat(sdata, f"studio-{draft.id}-depart")
    shop = app.test_client()
    login(shop, seat)
    with seat_db(sdata, seat.name) as db:
        product_id = db.scalar(select(Product.id).where(Product.name == NAPPE))
    url = f"{ADMIN.format(seat=seat.name)}/produits/{product_id}"
    values = form_values(shop.get(url).get_data(as_text=True), "product-form")
    values.pop("active", None)  # « En ligne » unticked
    answer = shop.post(url, data=values)
    assert answer.status_code == 302, text(answer.get_data(as_text=True))[:1500]
    values = form_values(shop.get(url).get_data(as_text=True), "product-form")
    values.update(price_ttc="54,90", weight_g="900")
    assert shop.post(url, data=values).status_code == 302

    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    shown = text(page)
    assert "Fiche produit modifiée au début de l'épreuve" in shown
    assert f"Produit « {NAPPE} » : poids (g)" in shown.split("Non transposable", 1)[1]  # listed, not dropped
    form = page[page.index(f'action="{base}/depart/enregistrer"') - 40 :]
    posted = form_values(form)
    assert posted["type-0"] == "product.set" and posted["count"] == "1"
    assert (posted["field-0-active"], posted["field-0-price_ttc"]) == ("false", "54.90")
    assert teacher.post(f"{base}/depart/enregistrer", data=posted).status_code == 302
    [entry] = studio.changes(draft)
    assert {k: entry[k] for k in ("type", "active", "price_ttc")} == {
        "type": "product.set", "active": False, "price_ttc": "54.90"}
    assert "weight_g" not in entry

    # The change puts the same sheet in place in a fresh seat: offline, 54,90 € TTC.
    changes, _, problems = check_changes([entry], None)
    assert problems == []
    fresh = create_seat(sdata, "poste-frais")
    with seat_db(sdata, fresh.name) as db:
        before = db.scalar(select(Product).where(Product.name == NAPPE))
        assert before.active and before.price_ttc != Decimal("54.90")
        sheet = f"/s/{fresh.name}/boutique/produit/{product_id}-{before.slug}"
        assert shop.get(sheet).status_code == 200
        assert "54,90" not in text(shop.get(sheet).get_data(as_text=True))
        search = f"/s/{fresh.name}/boutique/recherche?q=nappe+vichy"
        assert NAPPE in text(shop.get(search).get_data(as_text=True))
        apply_changes(ChangeContext(db=db, today=EXAM_DAY, reader=None), changes)
        db.commit()
        after = db.scalar(select(Product).where(Product.name == NAPPE))
        assert not after.active and after.price_ttc == Decimal("54.90")
    assert shop.get(sheet).status_code == 404  # offline: the shop no longer shows it
    assert NAPPE not in text(shop.get(search).get_data(as_text=True))
