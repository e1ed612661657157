"""Issue 2 in a real browser: a candidate edits seat A while an examiner watches; a customer orders."""

from __future__ import annotations

import re
import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.formatting import format_money
from sandbox.models import Combination, Order, Product
from sandbox.seats import create_seat
from tests.browser.conftest import ADMIN, console_login


def _product_with_combinations(data, seat_name: str) -> tuple[int, str, int, str, int]:
    """(product id, name, combination id, its values, its stock) of an online product with combinations."""
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        combination = db.scalars(
            select(Combination).join(Product).where(Product.active.is_(True), Combination.quantity > 3)
            .order_by(Product.id, Combination.id)
        ).first()
        values = ", ".join(a.name for a in combination.attributes)
        return combination.product_id, combination.product.name, combination.id, values, combination.quantity


def _admin_login(page, base: str, seat) -> None:
    page.goto(f"{base}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()


def test_browser_version_is_logged(browser):
    print(f"Chromium {browser.version}")
    assert browser.version


def test_candidate_changes_are_live_on_the_console_and_isolated_from_other_seats(browser, live):
    seat_a = create_seat(live.data, "flux-a")
    seat_b = create_seat(live.data, "flux-b")
    product_id, name, _combination_id, values, stock = _product_with_combinations(live.data, "flux-a")
    with Session(storage_for(live.data).engine("seats", "flux-b")) as db:
        price_in_b = db.get(Product, product_id).price_ttc

    examiner = browser.new_context().new_page()
    console_login(examiner, live, ADMIN)  # a seat of no slot: the administrator follows it
    examiner.goto(f"{live.url}/console/postes/flux-a/")
    feed = examiner.get_by_role("list", name="Activité du poste flux-a")
    expect(feed).to_be_attached()

    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat_a)
    candidate.goto(f"{live.url}/s/flux-a/boutique/admin/produits/{product_id}")
    candidate.get_by_label("Prix TTC").fill("44,90")
    candidate.get_by_role("button", name="Enregistrer").first.click()
    saved_at = time.monotonic()
    expect(feed).to_contain_text(re.compile(r"prix TTC .* → 44,90"), timeout=1000)
    print(f"price change on the console after {time.monotonic() - saved_at:.2f} s")

    candidate.get_by_label(f"Quantité de la déclinaison {values}").fill(str(stock - 2))
    candidate.get_by_role("button", name="Enregistrer les déclinaisons").click()
    saved_at = time.monotonic()
    expect(feed).to_contain_text(f"stock {stock} → {stock - 2}", timeout=1000)
    print(f"stock change on the console after {time.monotonic() - saved_at:.2f} s")

    candidate.goto(f"{live.url}/s/flux-a/boutique/produit/{product_id}")
    expect(candidate.get_by_text(format_money(Decimal("44.90"))).first).to_be_visible()

    # Seat B: unchanged, and seat A's login opens nothing there.
    candidate.goto(f"{live.url}/s/flux-b/boutique/produit/{product_id}")
    expect(candidate.get_by_text(format_money(price_in_b)).first).to_be_visible()
    candidate.goto(f"{live.url}/s/flux-b/boutique/admin/")
    expect(candidate.get_by_role("button", name="Se connecter")).to_be_visible()
    candidate.get_by_label("Adresse e-mail").fill(seat_a.login)
    candidate.get_by_label("Mot de passe").fill(seat_a.password)
    candidate.get_by_role("button", name="Se connecter").click()
    expect(candidate.get_by_role("alert")).to_contain_text("incorrect")
    # Seat A's login is still open.
    candidate.goto(f"{live.url}/s/flux-a/boutique/admin/")
    expect(candidate.get_by_role("button", name="Se connecter")).to_have_count(0)
    assert seat_b.password != seat_a.password


def test_customer_searches_picks_a_combination_and_pays_by_cheque(browser, live):
    seat = create_seat(live.data, "client-a")
    product_id, name, combination_id, values, stock = _product_with_combinations(live.data, "client-a")
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/client-a/boutique/")
    page.get_by_label("Rechercher").fill(name)
    page.get_by_label("Rechercher").press("Enter")
    page.get_by_role("link", name=name).first.click()
    with Session(storage_for(live.data).engine("seats", "client-a")) as db:
        combination = db.get(Combination, combination_id)
        choices = {a.group.public_name: a.name for a in combination.attributes}
    for label, value in choices.items():
        control = page.get_by_label(label, exact=True)
        if control.count() and control.first.evaluate("e => e.tagName") == "SELECT":
            control.first.select_option(label=value)
        else:
            page.get_by_role("radio", name=value).check()
    page.get_by_label("Quantité").fill("2")
    page.get_by_role("button", name="Ajouter au panier").click()
    page.get_by_role("link", name="Commander").first.click()

    # New customer: create an account during checkout.
    page.get_by_label("Prénom").first.fill("Élodie")
    page.get_by_label("Nom", exact=True).first.fill("Marchand")
    page.get_by_label("Adresse e-mail").first.fill("elodie.marchand@example.fr")
    page.get_by_label("Mot de passe").first.fill("Secret-2027")
    page.get_by_role("button", name="Continuer").first.click()
    page.get_by_label("Adresse", exact=True).fill("12 rue des Tisserands")
    page.get_by_label("Code postal").fill("59100")
    page.get_by_label("Ville").fill("Roubaix")
    page.get_by_role("button", name="Continuer").first.click()
    page.get_by_role("button", name="Continuer").first.click()  # carrier: the first one
    page.get_by_label("Payer par chèque").check()
    page.get_by_label("J'ai lu les conditions générales de vente et j'y adhère sans réserve").check()
    page.get_by_role("button", name="Confirmer la commande").click()
    expect(page.get_by_text("Votre commande est confirmée")).to_be_visible()

    with Session(storage_for(live.data).engine("seats", "client-a")) as db:
        order = db.scalars(select(Order).order_by(Order.id.desc())).first()
        assert order.customer.email == "elodie.marchand@example.fr"
        assert order.state.code == "awaiting_cheque"
        assert db.get(Combination, combination_id).quantity == stock - 2

    admin = browser.new_context().new_page()
    _admin_login(admin, live.url, seat)
    admin.goto(f"{live.url}/s/client-a/boutique/admin/commandes")
    expect(admin.get_by_text(order.reference)).to_be_visible()
    admin.goto(f"{live.url}/s/client-a/boutique/admin/stocks?q={name}")
    expect(admin.get_by_label(f"Quantité de la déclinaison {values}")).to_have_value(str(stock - 2))


@pytest.mark.feature("B-NAV-1")
def test_one_click_between_back_office_and_public_shop(browser, live):
    seat = create_seat(live.data, "nav-a")
    page = browser.new_context().new_page()
    _admin_login(page, live.url, seat)
    with page.expect_popup() as shop:
        page.get_by_role("link", name="Voir ma boutique").click()
    shop_page = shop.value
    expect(shop_page.get_by_role("search")).to_be_visible()
    shop_page.get_by_role("link", name="Administration de la boutique").click()
    expect(shop_page).to_have_url(re.compile(r"/s/nav-a/boutique/admin/$"))
    # A customer of the shop (no back-office login) sees no such link.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{live.url}/s/nav-a/boutique/")
    expect(visitor.get_by_role("link", name="Administration de la boutique")).to_have_count(0)
