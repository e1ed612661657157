"""Issue 9 (pricing and shipping) in a real browser, as a PrestaShop user works: from the seat home into the
shop back office, then the public cart as a customer, and the examiner's console in French."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.formatting import format_money
from sandbox.models import ActivityEvent, Carrier, Category, Customer, CustomerGroup, Product, Tax
from sandbox.money import ttc_from_ht
from sandbox.seats import create_seat
from sandbox.services.cart import resolve_combination
from sandbox.services.pricing import price_of
from sandbox.services.shipping import carrier_price
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.browser.back_offices import enter_shop_admin
from tests.browser.conftest import seat_feed

CUSTOMER_PASSWORD = "LinNature-2027"  # every seeded customer's password


def _db(live, seat) -> Session:
    return Session(storage_for(live.data).engine("seats", seat.name))


def _observe(live, seat, entry: dict):
    with _db(live, seat) as db:
        clean, problems = validate_observable(entry, file="grid.toml", where="test", names={})
        assert problems == []
        return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def _events(live, seat) -> int:
    with _db(live, seat) as db:
        return db.scalar(select(func.count(ActivityEvent.id)))


def _back_office(browser, live, seat):
    """The candidate: seat home › « Administration de la boutique » › login."""
    page = browser.new_context().new_page()
    enter_shop_admin(page, live, seat)
    return page


def _menu(page, name: str) -> None:
    page.get_by_role("navigation", name="Menu de l'administration").get_by_role(
        "link", name=name, exact=True
    ).first.click()


def _customer(browser, live, seat, email: str | None = None):
    page = browser.new_context().new_page()
    page.goto(f"{live.url}/s/{seat.name}/")
    page.get_by_role("link", name="Boutique en ligne").click()
    if email:
        page.goto(f"{live.url}/s/{seat.name}/boutique/connexion")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(CUSTOMER_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
    return page


def _add(page, live, seat, product_id: int, quantity: int = 1, values: tuple[str, ...] = ()) -> None:
    page.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}")
    for label, value in values:
        page.get_by_label(label, exact=True).select_option(label=value)
    page.get_by_label("Quantité").fill(str(quantity))
    page.get_by_role("button", name="Ajouter au panier").click()


def _money(value: Decimal) -> str:
    """A regular expression for an amount as the page shows it (no-break spaces)."""
    return format_money(value).replace("\xa0", r"\s").replace("\u202f", r"\s")


def _open_product(page, name: str) -> None:
    _menu(page, "Produits")
    page.get_by_label("Nom", exact=True).fill(name)
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name=name, exact=True).first.click()


@pytest.mark.feature("B-SHP-1")
def test_carriers_and_extra_fees_on_the_product_sheet_reach_the_public_cart(browser, live):
    seat = create_seat(live.data, "prix-livraison")
    with _db(live, seat) as db:
        product = next(
            p for p in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id))
            if not p.combinations and not p.is_pack and p.quantity > 5 and p.weight_g < 2000
            and Decimal(20) <= ttc_from_ht(p.price_ht, p.tax.rate_bp) <= Decimal(40)
        )
        name, product_id = product.name, product.id
        unit = price_of(db, product).ttc
        colissimo = db.scalar(select(Carrier).where(Carrier.name == "Colissimo Domicile"))
        base_ht, _ttc = carrier_price(db, colissimo, unit, None, product.weight_g)
        expected = _money(ttc_from_ht(base_ht + Decimal("2.50"), db.get(Tax, colissimo.tax_id).rate_bp))
    feed = seat_feed(browser, live, seat)

    customer = _customer(browser, live, seat)
    _add(customer, live, seat, product_id)
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    summary = customer.get_by_role("complementary", name="Récapitulatif")
    expect(summary).to_contain_text("Livraison (estimation,")
    expect(summary).not_to_contain_text("Colissimo Domicile")  # a cheaper carrier is estimated first

    candidate = _back_office(browser, live, seat)
    _open_product(candidate, name)
    candidate.get_by_role("link", name="Livraison", exact=True).click()
    candidate.get_by_label("Largeur (cm)").fill("45")
    candidate.get_by_label("Hauteur (cm)").fill("10")
    candidate.get_by_label("Profondeur (cm)").fill("30,5")
    candidate.get_by_label("Frais de port supplémentaires (€ HT)").fill("-1")
    candidate.get_by_label("Colissimo Domicile").check()
    candidate.get_by_role("button", name="Enregistrer", exact=True).click()
    fees = candidate.get_by_label("Frais de port supplémentaires (€ HT)")
    refused = "Les frais de port supplémentaires ne peuvent pas être négatifs."
    expect(candidate.get_by_text(refused)).to_be_visible()
    expect(fees).to_have_value("-1")  # what was typed is kept next to its error
    fees.fill("2,50")
    candidate.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(candidate.get_by_role("status").first).to_contain_text("Mise à jour réussie.")
    expect(candidate.get_by_label("Colissimo Domicile")).to_be_checked()
    expect(candidate.get_by_label("Profondeur (cm)")).to_have_value("30,50")

    # The cart now estimates the only carrier the product may use, with its extra fees (2,50 € HT).
    customer.reload()
    expect(summary).to_contain_text(re.compile(rf"Livraison \(estimation, Colissimo Domicile\)\s*{expected}"))

    allowed = f"Produit « {name} » : transporteur Colissimo Domicile autorisé"
    expect(feed).to_contain_text(allowed, timeout=3000)
    expect(feed).to_contain_text(re.compile(r"frais de port supplémentaires HT 0,00\s€ → 2,50\s€"))
    expect(feed).to_contain_text("largeur 0 cm → 45 cm")
    before = _events(live, seat)
    candidate.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(candidate.get_by_role("status").first).to_contain_text("Mise à jour réussie.")
    assert _events(live, seat) == before  # saved without a change: nothing to tell the examiner

    seen = _observe(live, seat, {"check": "product.carriers", "name": name, "carriers": ["Colissimo"],
                                 "additional_shipping": "2,50"})
    assert seen.ok is True, seen.sentence
    assert "colis 45,0 × 10,0 × 30,5 cm" in seen.sentence


def _bed_linen(db, count: int, group=None) -> list[tuple[Product, Decimal]]:
    """Online, in-stock products of « Linge de lit » (or below) at their regular price, with their price."""
    from sandbox.services.group_reductions import categories_with_parents

    bed = db.scalar(select(Category.id).where(Category.name == "Linge de lit"))
    found = []
    for product in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)):
        combination = resolve_combination(product, set())
        price = price_of(db, product, combination, group)
        stock = combination.quantity if combination is not None else product.quantity
        if bed in categories_with_parents(db, product) and not product.is_pack and stock > 3 and (
            not price.promotion and all(price.ttc != p for _, p in found)
        ):
            found.append((product, price.ttc))
        if len(found) == count:
            return found
    raise AssertionError("not enough bed linen")


@pytest.mark.feature("B-PRO-2")
def test_cart_rule_on_the_cheapest_of_two_bed_linen_products(browser, live):
    seat = create_seat(live.data, "prix-regle")
    with _db(live, seat) as db:
        (first, first_ttc), (second, second_ttc) = _bed_linen(db, 2)
        first_id, second_id = first.id, second.id
    feed = seat_feed(browser, live, seat)

    candidate = _back_office(browser, live, seat)
    _menu(candidate, "Règles panier")
    candidate.get_by_role("link", name="Ajouter une règle panier").click()
    candidate.get_by_label("Nom", exact=True).fill("Deux articles de linge de lit")
    candidate.get_by_label("Code", exact=True).fill("LIT2")
    candidate.get_by_label("Le panier doit contenir au moins (produits de la sélection)").fill("2")
    candidate.get_by_label("Linge de lit", exact=True).check()
    candidate.get_by_label("Réduction", exact=True).select_option(label="Pourcentage (%)")
    candidate.get_by_label("Valeur de la réduction").fill("50")
    candidate.get_by_label("Appliquer une réduction à").select_option(label="Produit spécifique")
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_text("Choisissez le produit qui reçoit la réduction.")).to_be_visible()
    expect(candidate.get_by_label("Linge de lit", exact=True)).to_be_checked()  # the typed values stay
    candidate.get_by_label("Appliquer une réduction à").select_option(label="Produit le moins cher")
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_role("status").first).to_contain_text("La règle panier a été créée.")
    added = "Règle panier « Deux articles de linge de lit » : sélection de produits, catégorie Linge de lit"
    expect(feed).to_contain_text(f"{added} ajoutée", timeout=3000)
    # The examiner reads what the new rule does, not only that it exists.
    expect(feed).to_contain_text("Règle panier « Deux articles de linge de lit » créée — code LIT2 ; "
                                 "-50\u00a0% sur : Produit le moins cher ; dès 2 produits de la sélection")

    customer = _customer(browser, live, seat)
    _add(customer, live, seat, first_id)
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    customer.get_by_label("Code promo").fill("lit2")
    customer.get_by_role("button", name="Ajouter").click()
    too_few = re.compile(r"au moins 2 produit\(s\) correspondant à : catégorie Linge de lit")
    expect(customer.get_by_text(too_few)).to_be_visible()
    _add(customer, live, seat, second_id)
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    customer.get_by_label("Code promo").fill("lit2")
    customer.get_by_role("button", name="Ajouter").click()
    summary = customer.get_by_role("complementary", name="Récapitulatif")
    discount = (min(first_ttc, second_ttc) / 2).quantize(Decimal("0.01"))
    line = rf"Deux articles de linge de lit \(LIT2\)\s*−{_money(discount)}"
    expect(summary).to_contain_text(re.compile(line))

    seen = _observe(live, seat, {"check": "cart_rule.restrictions", "code": "LIT2",
                                 "category": "Linge de lit", "min_quantity": 2, "apply_to": "cheapest"})
    assert seen.ok is True, seen.sentence
    assert "sélection catégorie Linge de lit (au moins 2 produit(s))" in seen.sentence


@pytest.mark.feature("B-CUS-1")
def test_group_reduction_on_a_category_lowers_its_members_prices(browser, live):
    seat = create_seat(live.data, "prix-groupe")
    with _db(live, seat) as db:
        cse = db.scalar(select(CustomerGroup).where(CustomerGroup.name.like("CSE%")))
        member = db.scalar(select(Customer).where(
            Customer.default_group_id == cse.id, Customer.active.is_(True), Customer.is_guest.is_(False)
        ).order_by(Customer.id))
        email, group_name, general = member.email, cse.name, cse.reduction_bp
        (product, _ttc), = _bed_linen(db, 1, cse)
        regular = price_of(db, product, resolve_combination(product, set())).regular_ht
        expected = ttc_from_ht((regular * Decimal("0.85")).quantize(Decimal("0.000001")), product.tax.rate_bp)
        product_id = product.id
    assert general == 500  # the seeded general reduction (5 %), replaced by 15 % on Linge de lit
    feed = seat_feed(browser, live, seat)

    candidate = _back_office(browser, live, seat)
    _menu(candidate, "Groupes de clients")
    candidate.get_by_role("link", name=group_name, exact=True).click()
    section = candidate.get_by_role("region", name="Réduction par catégorie")
    section.get_by_label("Catégorie", exact=True).select_option(label="Linge de lit")
    section.get_by_label("Réduction sur la catégorie (%)").fill("120")
    section.get_by_role("button", name="Ajouter la réduction").click()
    refused = "La réduction doit être comprise entre 0 et 100 % (0 exclu)."
    expect(candidate.get_by_text(refused)).to_be_visible()
    expect(section.get_by_label("Réduction sur la catégorie (%)")).to_have_value("120")
    section.get_by_label("Réduction sur la catégorie (%)").fill("dix")
    section.get_by_role("button", name="Ajouter la réduction").click()
    not_a_percentage = "« dix » n'est pas un pourcentage valide (exemple : 10 ou 12,5)."
    expect(candidate.get_by_text(not_a_percentage)).to_be_visible()
    section.get_by_label("Réduction sur la catégorie (%)").fill("15 %")  # typed with its sign, as it reads
    section.get_by_role("button", name="Ajouter la réduction").click()
    expect(candidate.get_by_role("status").first).to_contain_text("Réduction de 15 % enregistrée")
    expect(section.get_by_role("cell", name="Linge de lit")).to_be_visible()
    expect(feed).to_contain_text(
        re.compile(rf"Groupe « {re.escape(group_name)} » : réduction sur la catégorie « Linge de lit »"
                   r" de 15\s% ajoutée"),
        timeout=3000,
    )

    customer = _customer(browser, live, seat, email)
    customer.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}")
    expect(customer.locator("#product-price")).to_have_text(re.compile(_money(expected)))
    customer.get_by_role("button", name="Ajouter au panier").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    summary = customer.get_by_role("complementary", name="Récapitulatif")
    expect(summary).to_contain_text(re.compile(rf"Sous-total \(1 article\)\s*{_money(expected)}"))

    seen = _observe(live, seat, {"check": "group.category_reduction", "group": group_name,
                                 "category": "Linge de lit", "reduction": "15"})
    assert seen.ok is True, seen.sentence


@pytest.mark.feature("B-CAT-5", "B-CAT-6")
def test_combination_price_impact_typed_ttc_reaches_the_cart(browser, live):
    seat = create_seat(live.data, "prix-declinaison")
    with _db(live, seat) as db:
        product, combination = next(
            (p, c) for p in db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id))
            for c in p.combinations
            if c.price_impact_ht == 0 and c.quantity > 3 and not price_of(db, p, c).promotion
        )
        name, combination_id = product.name, combination.id
        values = ", ".join(a.name for a in combination.attributes)
        product_id, before = product.id, price_of(db, product, combination).ttc
    feed = seat_feed(browser, live, seat)

    candidate = _back_office(browser, live, seat)
    _open_product(candidate, name)
    candidate.get_by_role("link", name="Déclinaisons", exact=True).click()
    candidate.get_by_label(f"Impact TTC de la déclinaison {values}").fill("7,00")
    candidate.get_by_role("button", name="Enregistrer les déclinaisons").click()
    expect(candidate.get_by_role("status").first).to_contain_text("Mise à jour réussie.")
    expect(feed).to_contain_text(
        re.compile(rf"Déclinaison « .*{re.escape(values)} » : impact sur le prix TTC \+0,00\s€ → \+7,00\s€"),
        timeout=3000,
    )

    customer = _customer(browser, live, seat)
    customer.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}?combination={combination_id}")
    expect(customer.locator("#product-price")).to_have_text(re.compile(_money(before + 7)))
    customer.get_by_role("button", name="Ajouter au panier").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/panier")
    expect(customer.get_by_text(re.compile(rf"{_money(before + 7)} l'unité"))).to_be_visible()

    seen = _observe(live, seat, {"check": "product.combination_impact", "name": name, "attributes": values,
                                 "impact_ttc": "+7,00"})
    assert seen.ok is True, seen.sentence
