"""Shop back office › Marques and the product sheet complements (pack, accessories, customisation)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from sandbox.models import Brand, CustomizationField, Media, PackItem, Product, RelatedProduct
from sandbox.subjects.observables import ObserveContext, check_types
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, labels, login, seat_db, text
from tests.integration.test_shop_admin_modules import png_bytes


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def observe(db, check_name: str, **params):
    """Run a check type on a seat session."""
    from sandbox.clock import seat_today

    return check_types()[check_name].func(ObserveContext(db, {}, seat_today(db)), params)


@pytest.mark.feature("B-CAT-11")
def test_create_brand_with_logo_then_attach_it(client, admin, seat, data):
    page = client.get(f"{admin}/marques/nouvelle").get_data(as_text=True)
    wanted = {"Nom de la marque", "Logo (JPEG, PNG, GIF ou WebP)", "Description", "Balise titre"}
    assert wanted <= set(labels(page))
    values = form_values(page, "brand-form")
    values.update(name="Atelier Roubaix", description="Linge tissé dans notre atelier du Nord.",
                  meta_title="Atelier Roubaix, linge du Nord",
                  logo=(io.BytesIO(png_bytes()), "Logo Atelier.png"))
    response = client.post(f"{admin}/marques/nouvelle", data=values, content_type="multipart/form-data")
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        brand = db.scalar(select(Brand).where(Brand.name == "Atelier Roubaix"))
        assert brand.slug == "atelier-roubaix" and brand.logo_id
        assert db.get(Media, brand.logo_id).filename == "logo-atelier.png"
        product = db.scalars(select(Product).order_by(Product.id)).first()
        product_id, brand_id = product.id, brand.id
    url = f"{admin}/produits/{product_id}"
    values = form_values(client.get(url).get_data(as_text=True), "product-form")
    values["brand_id"] = str(brand_id)
    assert client.post(url, data=values).status_code == 302
    assert "Atelier Roubaix" in text(client.get(f"{admin}/marques").get_data(as_text=True))
    public = client.get(f"/s/{seat.name}/boutique/marque/{brand_id}-atelier-roubaix")
    assert "<title>Atelier Roubaix, linge du Nord</title>" in public.get_data(as_text=True)
    with seat_db(data, seat.name) as db:
        seen = observe(db, "brand.exists", brand="atelier roubaix", logo=True, products_min=1)
        assert seen.ok, seen.sentence


def test_brand_bad_input_keeps_typed_values_and_saves_nothing(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        existing = db.scalars(select(Brand).order_by(Brand.id)).first()
        count = len(db.scalars(select(Brand)).all())
    page = client.get(f"{admin}/marques/nouvelle").get_data(as_text=True)
    values = form_values(page, "brand-form")
    values.update(name="Nouvelle marque", description="Texte gardé", logo=(io.BytesIO(b"%PDF-1.4"), "x.png"))
    response = client.post(f"{admin}/marques/nouvelle", data=values, content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "n'est pas une image" in text(body) and "Texte gardé" in body
    if existing is not None:
        values.update(name=existing.name.upper(), logo=(io.BytesIO(b""), ""))
        body = client.post(f"{admin}/marques/nouvelle", data=values,
                           content_type="multipart/form-data").get_data(as_text=True)
        assert "Une marque porte déjà ce nom." in body
    values.update(name="Marque Test", slug="Mauvaise URL", logo=(io.BytesIO(b""), ""))
    body = client.post(f"{admin}/marques/nouvelle", data=values,
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "URL simplifiée ne peut contenir" in text(body)
    with seat_db(data, seat.name) as db:
        assert len(db.scalars(select(Brand)).all()) == count


def _two_products(db):
    rows = db.scalars(select(Product).where(Product.is_pack.is_(False)).order_by(Product.id).limit(3)).all()
    return rows[0].id, rows[1].id, rows[2].id


@pytest.mark.feature("B-CAT-2", "B-CAT-8", "B-CAT-9")
def test_pack_contents_accessory_and_customisation(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        pack_id, item_id, other_id = _two_products(db)
    url = f"{admin}/produits/{pack_id}"
    page = client.get(url).get_data(as_text=True)
    wanted = {"Produit à ajouter au pack", "Quantité dans le pack", "Libellé du champ",
              "Accessoire à proposer"}
    assert wanted <= set(labels(page))
    token = csrf_token(page)
    bad = client.post(f"{url}/pack", data={"csrf_token": token, "item_id": str(item_id), "quantity": "0"},
                      follow_redirects=True)
    assert "Indiquez une quantité entre 1 et 999." in text(bad.get_data(as_text=True))
    itself = client.post(f"{url}/pack", data={"csrf_token": token, "item_id": str(pack_id), "quantity": "1"},
                         follow_redirects=True)
    assert "ne peut pas se contenir lui-même" in text(itself.get_data(as_text=True))
    client.post(f"{url}/pack", data={"csrf_token": token, "item_id": str(item_id), "quantity": "2"})
    client.post(f"{url}/accessoires", data={"csrf_token": token, "related_id": str(other_id)})
    empty = client.post(f"{url}/personnalisation", data={"csrf_token": token, "label": " ", "kind": "text"},
                        follow_redirects=True)
    assert "Indiquez le libellé du champ" in text(empty.get_data(as_text=True))
    client.post(f"{url}/personnalisation", data={"csrf_token": token, "label": "Initiales à broder",
                                                  "kind": "text", "required": "1"})
    with seat_db(data, seat.name) as db:
        assert db.get(Product, pack_id).is_pack
        assert db.get(PackItem, (pack_id, item_id)).quantity == 2
        assert db.get(RelatedProduct, (pack_id, other_id)) is not None
        fields = db.scalars(select(CustomizationField).where(CustomizationField.product_id == pack_id)).all()
        assert [(f.label, f.required) for f in fields][-1] == ("Initiales à broder", True)
        item_name = db.get(Product, item_id).name
        seen = observe(db, "product.pack", name=db.get(Product, pack_id).name, items=[item_name],
                       quantities=[2])
        assert seen.ok, seen.sentence
        assert observe(db, "product.customization", name=db.get(Product, pack_id).name,
                       label="initiales", required=True, kind="text").ok
        assert observe(db, "product.accessory", name=db.get(Product, pack_id).name,
                       accessory=db.get(Product, other_id).name).ok
    client.post(f"{url}/pack/{item_id}/retirer", data={"csrf_token": token})
    with seat_db(data, seat.name) as db:
        assert not db.get(Product, pack_id).is_pack


@pytest.mark.feature("B-IMG-1", "B-IMG-2")
def test_product_images_upload_cover_and_legend(client, admin, seat, data):
    from sandbox.models import ProductImage

    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).order_by(Product.id)).first()
        product_id, name, before = product.id, product.name, len(product.images)
    url = f"{admin}/produits/{product_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Nouvelle image (JPEG, PNG, GIF ou WebP)" in labels(page)
    token = csrf_token(page)
    bad = client.post(f"{url}/images", data={"csrf_token": token, "legend": "Vue de dos",
                                              "image": (io.BytesIO(b"texte"), "photo.jpg")},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "n'est pas une image" in text(bad.get_data(as_text=True))
    client.post(f"{url}/images", data={"csrf_token": token, "legend": "Vue de dos",
                                       "image": (io.BytesIO(png_bytes()), "dos.png")},
                content_type="multipart/form-data")
    with seat_db(data, seat.name) as db:
        images = db.scalars(select(ProductImage).where(ProductImage.product_id == product_id)).all()
        assert len(images) == before + 1
        new_id = max(i.id for i in images)
    client.post(f"{url}/images/{new_id}/couverture", data={"csrf_token": token})
    client.post(f"{url}/images/{new_id}/enregistrer", data={"csrf_token": token, "legend": "Plaid vu de dos",
                                                             "description": "Photo atelier"})
    with seat_db(data, seat.name) as db:
        covers = db.scalars(select(ProductImage).where(ProductImage.product_id == product_id,
                                                       ProductImage.cover.is_(True))).all()
        assert [c.id for c in covers] == [new_id] and covers[0].legend == "Plaid vu de dos"
        assert db.get(Media, covers[0].media_id).description == "Photo atelier"
        seen = observe(db, "product.images", name=name, cover_legend="vu de dos")
        assert seen.ok, seen.sentence
