"""Apparence › Pages and › Liens, Paramètres › Produits / Rechercher / SEO & URL — and the public shop."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from sandbox.models import Product, get_setting
from sandbox.models.modules import LinkBlockItem, SearchAlias, ShopPage
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def test_every_screen_opens(client, admin):
    for path in ("/modules", "/apparence/positions", "/apparence/pages", "/apparence/pages/nouvelle",
                 "/apparence/liens", "/parametres/produits", "/parametres/rechercher", "/parametres/seo",
                 "/marques", "/marques/nouvelle", "/modules/carousel/configurer",
                 "/modules/reassurance/configurer", "/attributs", "/commentaires-produits",
                 "/modules/main_menu/configurer", "/modules/social_sharing/configurer",
                 "/modules/product_comments/configurer", "/modules/cheque/configurer",
                 "/modules/text_block/configurer"):
        assert client.get(admin + path).status_code == 200, path


def test_seeded_pages_links_and_aliases_show_in_the_shop(client, seat):
    home = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True)
    assert "Nos engagements" in home and "Livraison" in home
    for block in ("carousel", "featured", "reassurance", "text_block"):
        assert f'data-block="{block}"' in home
    found = text(client.get(f"/s/{seat.name}/boutique/recherche?q=couverture").get_data(as_text=True))
    assert "Plaid en lin lavé" in found


@pytest.mark.feature("B-APP-4", "B-LNK-1", "B-SEO-1")
def test_create_page_with_seo_and_link_it_in_the_footer(client, admin, seat, data):
    url = f"{admin}/apparence/pages/nouvelle"
    page = client.get(url).get_data(as_text=True)
    assert {"Titre de la page", "Contenu de la page", "URL simplifiée"} <= set(labels(page))
    values = form_values(page, "page-form")
    values.update(title="Nos magasins", content="Roubaix et Lille.", slug="Nos Magasins")
    body = client.post(url, data=values).get_data(as_text=True)
    assert "URL simplifiée ne peut contenir" in text(body) and 'value="Nos Magasins"' in body
    values.update(slug="", meta_title="Magasins Lin & Nature")
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        created = db.scalar(select(ShopPage).where(ShopPage.title == "Nos magasins"))
        assert created.slug == "nos-magasins" and created.meta_title == "Magasins Lin & Nature"
        page_id = created.id
    public = client.get(f"/s/{seat.name}/boutique/content/{page_id}-nos-magasins")
    assert "Roubaix et Lille." in public.get_data(as_text=True)
    assert client.get(f"/s/{seat.name}/boutique/content/{page_id}-ancien").status_code == 301
    links = client.get(f"{admin}/apparence/liens").get_data(as_text=True)
    token = csrf_token(links)
    bad = client.post(f"{admin}/apparence/liens", follow_redirects=True,
                      data={"csrf_token": token, "action": "link", "block_id": "1", "kind": "page"})
    assert "Choisissez la cible du lien" in text(bad.get_data(as_text=True))
    client.post(f"{admin}/apparence/liens", data={"csrf_token": token, "action": "link", "block_id": "1",
                                                  "kind": "page", "target_page": str(page_id)})
    client.post(f"{admin}/apparence/liens", data={"csrf_token": token, "action": "link", "block_id": "1",
                                                  "kind": "url", "label": "Notre Instagram",
                                                  "url": "https://www.instagram.com/linetnature"})
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(LinkBlockItem).where(LinkBlockItem.target_id == page_id,
                                                     LinkBlockItem.kind == "page")) is not None
    footer = client.get(f"/s/{seat.name}/boutique/").get_data(as_text=True).split("shop-footer", 1)[1]
    assert f"/content/{page_id}-nos-magasins" in footer
    href = re.search(r'<a href="([^"]+)">Notre Instagram</a>', footer).group(1)
    assert href.startswith(f"/s/{seat.name}/"), href  # the local exit page, never the real network


@pytest.mark.feature("B-NAV-2")
def test_product_settings_and_search_alias(client, admin, seat, data):
    url = f"{admin}/parametres/produits"
    values = form_values(client.get(url).get_data(as_text=True), "product-settings-form")
    values["new_days"] = "quatre cents"
    body = client.post(url, data=values).get_data(as_text=True)
    assert "n'est pas un nombre entier" in text(body) and 'value="quatre cents"' in body
    values["new_days"] = "400"
    assert "entre 0 et 365" in text(client.post(url, data=values).get_data(as_text=True))
    values["new_days"] = "0"
    assert client.post(url, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert get_setting(db, "shop.new_product_days") == "0"
    search = f"{admin}/parametres/rechercher"
    values = form_values(client.get(search).get_data(as_text=True), "alias-form")
    values.update(alias="couverture", search="plaid")
    assert "Cet alias existe déjà." in text(client.post(search, data=values).get_data(as_text=True))
    values.update(alias="serviettes", search="serviettes")
    assert "doivent être différents" in text(client.post(search, data=values).get_data(as_text=True))
    values.update(alias="essuie", search="torchon")
    assert client.post(search, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(SearchAlias).where(SearchAlias.alias == "essuie")).search == "torchon"
        torchon = db.scalars(select(Product.name).where(Product.name.like("Torchon%"))).first()
    found = text(client.get(f"/s/{seat.name}/boutique/recherche?q=essuie").get_data(as_text=True))
    assert torchon in found
    # An expression too, as PrestaShop allows (subject F asks for « serviette de bain » → « drap de bain »).
    values.update(alias="Serviette  de bain", search="drap de bain")
    assert client.post(search, data=values).status_code == 302
    with seat_db(data, seat.name) as db:
        added = db.scalar(select(SearchAlias).where(SearchAlias.search == "drap de bain"))
        assert added.alias == "Serviette de bain"
        towel = db.scalars(select(Product.name).where(Product.name.like("Drap de bain%"))).first()
    assert towel
    found = text(client.get(f"/s/{seat.name}/boutique/recherche?q=serviette+de+bain").get_data(as_text=True))
    assert towel in found and torchon not in found


def test_order_settings_minimum_purchase_is_validated_and_enforced(client, admin, seat, data):
    from decimal import Decimal

    from sandbox.services import ServiceError
    from sandbox.services.checkout import MINIMUM_SETTING, check_minimum

    url = f"{admin}/parametres/commandes"
    page = client.get(url).get_data(as_text=True)
    assert "Montant minimum d'achat (TTC, hors frais de port)" in labels(page)
    values = form_values(page, "order-settings-form")
    refused = client.post(url, data={**values, "minimum": "douze"}).get_data(as_text=True)
    assert "n'est pas un montant valide" in text(refused) and 'value="douze"' in refused
    negative = client.post(url, data={**values, "minimum": "-5"}).get_data(as_text=True)
    assert "ne peut pas être négatif" in text(negative)
    with seat_db(data, seat.name) as db:
        assert get_setting(db, MINIMUM_SETTING, "0") == "0"
    client.post(url, data={**values, "minimum": "1 000,5"})
    with seat_db(data, seat.name) as db:
        assert get_setting(db, MINIMUM_SETTING) == "1000.50"
        check_minimum(db, Decimal("1000.50"))
        with pytest.raises(ServiceError, match="minimum d'achat est de 1"):
            check_minimum(db, Decimal("999.99"))
