"""Issue 4 in a real browser: a cart rule with a code and a gift, and a carrier extended to a zone."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Order, Product
from sandbox.money import ttc_from_ht
from sandbox.seats import create_seat
from sandbox.subjects.observables import ObserveContext, observe, validate_observable


def _admin_login(page, base: str, seat) -> None:
    page.goto(f"{base}/s/{seat.name}/boutique/admin/login")
    page.get_by_label("Adresse e-mail").fill(seat.login)
    page.get_by_label("Mot de passe").fill(seat.password)
    page.get_by_role("button", name="Se connecter").click()


def _simple_product(db, low: str, high: str, max_weight: int = 100_000) -> Product:
    """A simple online product priced between low and high TTC, in stock, light enough."""
    for product in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)):
        ttc = ttc_from_ht(product.price_ht, product.tax.rate_bp)
        if (
            not product.combinations
            and not product.is_pack
            and product.quantity > 5
            and Decimal(low) <= ttc <= Decimal(high)
            and product.weight_g < max_weight
        ):
            return product
    raise AssertionError("no such product")


def _observe(data, seat_name: str, entry: dict):
    with Session(storage_for(data).engine("seats", seat_name)) as db:
        clean, problems = validate_observable(entry, file="grid.toml", where="test", names={})
        assert problems == []
        return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def _new_customer(page, email: str) -> None:
    page.get_by_label("Prénom").first.fill("Élodie")
    page.get_by_label("Nom", exact=True).first.fill("Marchand")
    page.get_by_label("Adresse e-mail").first.fill(email)
    page.get_by_label("Mot de passe").first.fill("Secret-2027")
    page.get_by_role("button", name="Continuer").first.click()


@pytest.mark.feature("B-PRO-2")
def test_promotions_cart_rule_with_a_code_and_a_gift(browser, live):
    seat = create_seat(live.data, "promo-a")
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        product = _simple_product(db, "30", "45")
        gift = _simple_product(db, "5", "15")
        product_id, gift_name, unit = (
            product.id,
            gift.name,
            ttc_from_ht(product.price_ht, product.tax.rate_bp),
        )

    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat)
    candidate.get_by_role("link", name="Règles panier").click()
    candidate.get_by_role("link", name="Ajouter une règle panier").click()
    candidate.get_by_label("Nom", exact=True).fill("Printemps")
    candidate.get_by_label("Code", exact=True).fill("PRINTEMPS25")
    candidate.get_by_label("Valable à partir du").fill("2027-05-20")
    candidate.get_by_label("Valable jusqu'au").fill("2027-06-04")
    candidate.get_by_label("Montant minimum", exact=True).fill("50,00")
    candidate.get_by_label("Produit offert", exact=True).select_option(label=gift_name)
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_role("status")).to_contain_text("La règle panier a été créée.")

    customer = browser.new_context().new_page()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}")
    customer.get_by_label("Quantité").fill("2")
    customer.get_by_role("button", name="Ajouter au panier").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    customer.get_by_label("Code promo").fill("printemps25")
    customer.get_by_role("button", name="Ajouter").click()
    expect(customer.get_by_role("status").first).to_contain_text("PRINTEMPS25")
    summary = customer.get_by_role("complementary", name="Récapitulatif")
    expect(summary).to_contain_text(f"Cadeau : {gift_name}")
    expect(summary).to_contain_text("Offert")
    products = f"{unit * 2:.2f}".replace(".", ",")
    expect(summary).to_contain_text(re.compile(rf"Sous-total \(2 articles\)\s*{products}"))

    seen = _observe(
        live.data,
        seat.name,
        {
            "check": "cart_rule.code",
            "code": "PRINTEMPS25",
            "gift": gift_name,
            "minimum": "50",
            "date_from": "today",
            "date_to": "today+15",
        },
    )
    assert seen.ok is True, seen.sentence
    assert f"cadeau = {gift_name}, minimum 50,00" in seen.sentence and "du 20/05 au 04/06" in seen.sentence


@pytest.mark.feature("B-SHP-1")
def test_livraison_carrier_extended_to_a_zone_prices_the_checkout(browser, live):
    seat = create_seat(live.data, "livraison-a")
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        product_id = _simple_product(db, "20", "40", max_weight=4000).id

    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat)
    candidate.get_by_role("link", name="Transporteurs").click()
    candidate.get_by_role("link", name="Mondial Relay — point relais").first.click()
    candidate.get_by_label("Suisse").check()
    candidate.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(candidate.get_by_role("status")).to_contain_text("Mise à jour réussie.")
    candidate.get_by_label("Prix HT Suisse, tranche 1").fill("9,90")
    candidate.get_by_label("Prix HT Suisse, tranche 2").fill("12,90")
    candidate.get_by_role("button", name="Enregistrer les tranches").click()
    expect(candidate.get_by_role("status")).to_contain_text(
        "Les tranches et les prix par zone ont été enregistrés."
    )

    customer = browser.new_context().new_page()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}")
    customer.get_by_role("button", name="Ajouter au panier").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/commande")
    _new_customer(customer, "elodie.suisse@example.ch")
    customer.get_by_label("Adresse", exact=True).fill("3 rue du Rhône")
    customer.get_by_label("Code postal").fill("1204")
    customer.get_by_label("Ville").fill("Genève")
    customer.get_by_label("Pays").select_option("Suisse")
    customer.get_by_role("button", name="Continuer").first.click()
    relay = customer.get_by_label(re.compile("Mondial Relay"))
    expect(relay).to_be_visible()
    expect(customer.get_by_text(re.compile(r"Mondial Relay.*11,88\s€ TTC"))).to_be_visible()
    expect(customer.get_by_label(re.compile("Chronopost"))).to_have_count(0)
    relay.check()
    customer.get_by_role("button", name="Continuer").first.click()
    customer.get_by_label("Payer par chèque").check()
    customer.get_by_label("J'ai lu les conditions générales de vente et j'y adhère sans réserve").check()
    customer.get_by_role("button", name="Confirmer la commande").click()
    expect(customer.get_by_text("Votre commande est confirmée")).to_be_visible()

    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        order = db.scalars(select(Order).order_by(Order.id.desc())).first()
        assert (order.carrier.name, order.shipping_ht, order.shipping_ttc) == (
            "Mondial Relay — point relais",
            Decimal("9.90"),
            Decimal("11.88"),
        )
    seen = _observe(
        live.data,
        seat.name,
        {"check": "carrier.zone", "carrier": "Mondial Relay", "zone": "Suisse", "price_ttc": "11,88"},
    )
    assert seen.ok is True, seen.sentence
