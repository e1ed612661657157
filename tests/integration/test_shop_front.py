"""Public shop: browsing, product page with combinations, search, cart, reviews, per-seat customer login.

The tests pick their products by query (a product with combinations in stock, one that denies
out-of-stock orders…) rather than by id, so they follow the seeded context as it evolves.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.formatting import format_money
from sandbox.models import (
    ActivityEvent,
    Category,
    Combination,
    Customer,
    CustomerGroup,
    CustomizationField,
    Product,
    ProductComment,
    set_setting,
)
from sandbox.money import ttc_from_ht

SHOP = "/s/poste-a/boutique"


# -- helpers shared with test_shop_front_checkout.py ---------------------------------------------


def csrf_from(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def text_of(response) -> str:
    """The page as text with entities decoded (money uses no-break spaces)."""
    return unescape(response.get_data(as_text=True))


def seat_db(data, name: str = "poste-a") -> Session:
    """A session on a seat database, to prepare data and check results."""
    return Session(storage_for(data).engine("seats", name), expire_on_commit=False)


def product_path(product: Product) -> str:
    """Public URL of a product page."""
    return f"{SHOP}/produit/{product.id}-{product.slug}"


def stocked_combination(db: Session, minimum: int = 3) -> Combination:
    """A visible product with several combinations, one of them with enough stock."""
    rows = db.scalars(
        select(Combination)
        .join(Product)
        .where(
            Product.active.is_(True),
            Product.visibility == "both",
            Combination.quantity >= minimum,
            Product.is_pack.is_(False),
            Product.id.not_in(select(CustomizationField.product_id)),
        )
        .order_by(Combination.id)
    )
    for combination in rows:
        if len(combination.product.combinations) > 1 and combination.attributes:
            return combination
    raise AssertionError("the context has no product with combinations in stock")


def simple_product(db: Session, minimum: int = 1) -> Product:
    """A visible product without combinations nor customisation, in stock, denying out-of-stock orders."""
    customised = select(CustomizationField.product_id)
    for product in db.scalars(
        select(Product)
        .where(
            Product.active.is_(True),
            Product.visibility == "both",
            Product.quantity >= minimum,
            Product.is_pack.is_(False),
            Product.id.not_in(customised),
        )
        .order_by(Product.id)
    ):
        if not product.combinations:
            product.out_of_stock = "deny"
            db.commit()
            return product
    raise AssertionError("the context has no simple product in stock")


def attribute_args(combination: Combination) -> dict[str, str]:
    """The attr_<group> fields that choose this combination on the product page."""
    return {f"attr_{a.group_id}": str(a.id) for a in combination.attributes}


def register(client, email: str = "lea.martin@example.fr", seat: str = "poste-a", next_url: str = "") -> None:
    """Create a customer account through the registration form (logs in)."""
    base = f"/s/{seat}/boutique"
    page = client.get(f"{base}/inscription")
    response = client.post(
        f"{base}/inscription" + (f"?next={next_url}" if next_url else ""),
        data={
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "gender": "Mme",
            "first_name": "Léa",
            "last_name": "Martin",
            "email": email,
            "password": "motdepasse1",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def add_to_cart(client, product: Product, quantity: int, combination: Combination | None = None, **extra):
    """Post the product form like the « Ajouter au panier » button does."""
    page = client.get(product_path(product))
    form = {"csrf_token": csrf_from(page.get_data(as_text=True)), "quantity": str(quantity), **extra}
    if combination is not None:
        form.update(attribute_args(combination))
    return client.post(product_path(product), data=form)


# -- browsing ------------------------------------------------------------------------------------


def test_home_lists_categories_and_products(seat, client):
    response = client.get(f"{SHOP}/")
    html = text_of(response)
    assert response.status_code == 200
    assert "Produits populaires" in html
    assert 'label for="shop-search-q"' in html and ">Rechercher<" in html
    assert f'href="/s/{seat.name}/"' in html  # the way back to the seat home
    assert "Administration" not in html


def test_category_page_lists_products_with_sort_and_pages(seat, data, client):
    with seat_db(data) as db:
        combination = stocked_combination(db)
        product = combination.product
        category = product.default_category
        url, name = product_path(product), product.name
        category_path = f"{SHOP}/categorie/{category.id}-{category.slug}"
    found = False
    for page in range(1, 30):
        html = text_of(client.get(f"{category_path}?tri=nom-asc&page={page}"))
        if url in html:
            found = True
            break
        if 'rel="next"' not in html:
            break
    assert found, f"{name} not listed in its default category"
    assert "Trier par" in html
    assert client.get(f"{SHOP}/categorie/{category.id}-mauvais-nom").status_code == 301


def test_subcategories_are_shown_on_a_top_category(seat, data, client):
    with seat_db(data) as db:
        child = db.scalar(
            select(Category)
            .where(Category.parent_id.is_not(None), Category.parent_id != 1, Category.active.is_(True))
            .order_by(Category.id)
        )
        parent = child.parent
        path, child_name = f"{SHOP}/categorie/{parent.id}-{parent.slug}", child.name
    html = text_of(client.get(path))
    assert "Sous-catégories" in html and child_name in html


def test_product_page_shows_the_chosen_combination(seat, data, client):
    with seat_db(data) as db:
        combination = stocked_combination(db)
        product = combination.product
        expected = ttc_from_ht(product.price_ht + combination.price_impact_ht, product.tax.rate_bp)
        args, path = attribute_args(combination), product_path(product)
        groups = {a.group.public_name for a in combination.attributes}
        reference = combination.reference
    response = client.get(path, query_string=args)
    html = text_of(response)
    assert response.status_code == 200
    assert f'<span id="product-price" class="product-price__current">{format_money(expected)}</span>' in html
    for name in groups:  # each selector is labelled by the attribute's public name
        assert re.search(rf"<(label|legend)[^>]*>{re.escape(name)}</(label|legend)>", html), name
    assert '<label for="quantity">Quantité</label>' in html
    assert ">Ajouter au panier</button>" in html
    assert reference in html
    short = client.get(f"{SHOP}/produit/{product.id}")
    assert short.status_code == 301 and short.headers["Location"].endswith(path)
    by_id = text_of(client.get(path, query_string={"combination": combination.id}))
    assert format_money(expected) in by_id


def test_out_of_stock_product_that_denies_orders_cannot_be_added(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        product.quantity, product.available_later = 0, "De retour en juin"
        db.commit()
    html = text_of(client.get(product_path(product)))
    assert "De retour en juin" in html
    assert re.search(r'id="add-to-cart-button"\s+disabled', html)
    response = add_to_cart(client, product, 1)
    assert response.status_code == 422
    assert "rupture de stock" in text_of(response)


def test_a_backorder_shows_the_pre_order_message_and_restock_date_in_the_cart(seat, data, client):
    from datetime import date

    with seat_db(data) as db:
        product = simple_product(db)
        product.quantity, product.out_of_stock = 0, "allow"
        product.available_later, product.available_date = "Expédié sous 3 semaines", date(2027, 6, 15)
        db.commit()
    assert add_to_cart(client, product, 2).status_code in (200, 302)
    html = text_of(client.get("/s/poste-a/boutique/panier"))
    assert "Expédié sous 3 semaines (date de disponibilité : 15/06/2027)" in html


def test_insufficient_stock_is_refused_with_a_french_message(seat, data, client):
    with seat_db(data) as db:
        combination = stocked_combination(db)
        product, available = combination.product, combination.quantity
        product.out_of_stock = "deny"
        db.commit()
        combination = db.get(Combination, combination.id)
        _ = combination.attributes, product.slug
    response = add_to_cart(client, product, available + 1, combination)
    assert response.status_code == 422
    assert f"Il ne reste que {available} exemplaire(s)" in text_of(response)
    html = text_of(client.get(f"{SHOP}/panier"))
    assert "Il n'y a plus d'articles dans votre panier" in html


def test_search_finds_a_product_by_name_and_by_reference(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        word, reference, path = product.name.split()[0], product.reference, product_path(product)
    assert path in text_of(client.get(f"{SHOP}/recherche", query_string={"q": word.upper()}))
    assert path in text_of(client.get(f"{SHOP}/recherche", query_string={"q": reference}))
    assert "Aucun produit ne correspond" in text_of(client.get(f"{SHOP}/recherche?q=zzzxqw"))


# -- cart ----------------------------------------------------------------------------------------


def test_cart_add_change_quantity_and_remove(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db, minimum=3)
        unit = ttc_from_ht(product.price_ht, product.tax.rate_bp)
    response = add_to_cart(client, product, 2)
    assert response.status_code == 302
    added = text_of(client.get(response.headers["Location"]))
    assert "Produit ajouté au panier avec succès" in added
    assert f'<a class="btn" href="{SHOP}/commande">Commander</a>' in added
    html = text_of(client.get(f"{SHOP}/panier"))
    assert format_money(unit * 2) in html and "Total TTC" in html and "Total HT" in html
    line_id = re.search(r'/panier/ligne/(\d+)"', html).group(1)
    response = client.post(
        f"{SHOP}/panier/ligne/{line_id}", data={"csrf_token": csrf_from(html), "quantity": "3"}
    )
    assert response.status_code == 302
    assert format_money(unit * 3) in text_of(client.get(f"{SHOP}/panier"))
    response = client.post(
        f"{SHOP}/panier/ligne/{line_id}", data={"csrf_token": csrf_from(html), "quantity": "x"}
    )
    assert response.status_code == 422 and "Indiquez une quantité" in text_of(response)
    client.post(f"{SHOP}/panier/ligne/{line_id}/supprimer", data={"csrf_token": csrf_from(html)})
    assert "Il n'y a plus d'articles dans votre panier" in text_of(client.get(f"{SHOP}/panier"))


def test_post_without_csrf_token_is_refused(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
    assert client.post(product_path(product), data={"quantity": "1"}).status_code == 400


# -- customers -----------------------------------------------------------------------------------


def test_register_login_logout(seat, data, client):
    register(client)
    assert "Bonjour Léa" in text_of(client.get(f"{SHOP}/mon-compte"))
    page = text_of(client.get(f"{SHOP}/mon-compte"))
    client.post(f"{SHOP}/deconnexion", data={"csrf_token": csrf_from(page)})
    assert client.get(f"{SHOP}/mon-compte").status_code == 302
    login = text_of(client.get(f"{SHOP}/connexion"))
    wrong = client.post(
        f"{SHOP}/connexion",
        data={"csrf_token": csrf_from(login), "email": "lea.martin@example.fr", "password": "mauvais"},
    )
    assert wrong.status_code == 422
    assert "Échec d'authentification" in text_of(wrong) and 'value="lea.martin@example.fr"' in text_of(wrong)
    ok = client.post(
        f"{SHOP}/connexion",
        data={"csrf_token": csrf_from(login), "email": "LEA.MARTIN@example.fr", "password": "motdepasse1"},
    )
    assert ok.status_code == 302


def test_registration_errors_are_shown_next_to_fields(seat, client):
    page = text_of(client.get(f"{SHOP}/inscription"))
    response = client.post(
        f"{SHOP}/inscription",
        data={
            "csrf_token": csrf_from(page),
            "first_name": "Léa",
            "last_name": "",
            "email": "pas-un-email",
            "password": "court",
        },
    )
    html = text_of(response)
    assert response.status_code == 422
    assert "Indiquez votre nom." in html
    assert 'value="pas-un-email"' in html


def test_customer_changes_are_signed_by_the_customer(seat, data, client):
    register(client)
    with seat_db(data) as db:
        customer = db.scalar(select(Customer).where(Customer.email == "lea.martin@example.fr"))
        assert customer.default_group_id == 3
        event = db.scalar(
            select(ActivityEvent)
            .where(ActivityEvent.object_type == "Customer", ActivityEvent.action == "create")
            .order_by(ActivityEvent.id.desc())
            .limit(1)
        )
        assert event is not None and "Léa Martin" in event.summary


def test_address_book(seat, client):
    register(client)
    page = text_of(client.get(f"{SHOP}/mon-compte/adresses/nouvelle"))
    bad = client.post(
        f"{SHOP}/mon-compte/adresses/nouvelle",
        data={
            "csrf_token": csrf_from(page),
            "alias": "Maison",
            "first_name": "Léa",
            "last_name": "Martin",
            "address1": "5 rue du Lin",
            "postcode": "591",
            "city": "Roubaix",
            "country": "France",
        },
    )
    assert bad.status_code == 422 and "5 chiffres" in text_of(bad)
    good = client.post(
        f"{SHOP}/mon-compte/adresses/nouvelle",
        data={
            "csrf_token": csrf_from(page),
            "alias": "Maison",
            "first_name": "Léa",
            "last_name": "Martin",
            "address1": "5 rue du Lin",
            "postcode": "59100",
            "city": "Roubaix",
            "country": "France",
        },
    )
    assert good.status_code == 302
    assert "5 rue du Lin" in text_of(client.get(f"{SHOP}/mon-compte/adresses"))


def test_login_is_per_seat(seat, data, client):
    from sandbox.seats import create_seat

    create_seat(data, "poste-b")
    register(client)
    assert client.get(f"{SHOP}/mon-compte").status_code == 200
    response = client.get("/s/poste-b/boutique/mon-compte")
    assert response.status_code == 302 and "/s/poste-b/boutique/connexion" in response.headers["Location"]
    assert "Léa Martin" not in text_of(client.get("/s/poste-b/boutique/"))


def test_professional_group_sees_prices_excluding_tax_with_its_discount(seat, data, client):
    register(client)
    with seat_db(data) as db:
        group = db.scalar(
            select(CustomerGroup).where(CustomerGroup.price_display == "ht", CustomerGroup.reduction_bp > 0)
        )
        if group is None:
            pytest.skip("no professional group with HT display and a discount in this context")
        customer = db.scalar(select(Customer).where(Customer.email == "lea.martin@example.fr"))
        customer.default_group_id = group.id
        product = simple_product(db)
        expected = product.price_ht * (10_000 - group.reduction_bp) / 10_000
        path = product_path(product)
        db.commit()
    html = text_of(client.get(path))
    assert f'<span id="product-price" class="product-price__current">{format_money(expected)}</span>' in html
    assert '<span class="product-price__tax">HT</span>' in html


# -- reviews -------------------------------------------------------------------------------------


def test_review_goes_pending_and_guests_are_sent_to_login(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        path = product_path(product)
    page = text_of(client.get(path))
    guest = client.post(f"{SHOP}/produit/{product.id}/avis", data={"csrf_token": csrf_from(page)})
    assert guest.status_code == 302 and "/connexion" in guest.headers["Location"]
    register(client)
    page = text_of(client.get(path))
    assert "Donnez votre avis" in page
    empty = client.post(
        f"{SHOP}/produit/{product.id}/avis", data={"csrf_token": csrf_from(page), "title": ""}
    )
    assert empty.status_code == 422 and "Donnez un titre à votre avis." in text_of(empty)
    response = client.post(
        f"{SHOP}/produit/{product.id}/avis",
        data={
            "csrf_token": csrf_from(page),
            "title": "Avis de test de Léa",
            "grade": "5",
            "body": "Très doux après lavage.",
        },
    )
    assert response.status_code == 302
    html = text_of(client.get(path))
    assert "Il sera publié après validation" in html
    assert "Avis de test de Léa" not in html.split('id="reviews-title"')[1].split("Donnez votre avis")[0]
    with seat_db(data) as db:
        comment = db.scalar(select(ProductComment).where(ProductComment.title == "Avis de test de Léa"))
        assert comment is not None and comment.validated is False and comment.grade == 5


def test_product_comments_module_switched_off_hides_reviews(seat, data, client):
    with seat_db(data) as db:
        product = simple_product(db)
        set_setting(db, "product_comments.enabled", "0")
        db.commit()
    html = text_of(client.get(product_path(product)))
    assert 'id="avis"' not in html
    assert (
        client.post(f"{SHOP}/produit/{product.id}/avis", data={"csrf_token": csrf_from(html)}).status_code
        == 404
    )
