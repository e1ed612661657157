"""Catalogue › Commentaires produits: moderation, public reply shown on the product page, e-reputation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import Product, ProductComment
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


@pytest.mark.feature("X-REL-3", "B-MOD-7")
def test_moderate_reply_and_e_reputation(client, admin, seat, data):
    with seat_db(data, seat.name) as db:
        pending = db.scalars(select(ProductComment).where(ProductComment.validated.is_(False))
                             .order_by(ProductComment.id)).first()
        if pending is None:
            pytest.skip("no pending comment seeded")
        comment_id, title = pending.id, pending.title
        product = db.get(Product, pending.product_id)
        url = f"/s/{seat.name}/boutique/produit/{product.id}-{product.slug}"
        replied = db.scalar(select(ProductComment).where(ProductComment.reply != ""))
        assert replied is not None  # the seeding wrote a few replies
    page = client.get(f"{admin}/commentaires-produits").get_data(as_text=True)
    assert title in text(page) and "E-réputation" in page and "Note moyenne par produit" in page
    token = csrf_token(page)
    early = client.post(f"{admin}/commentaires-produits/{comment_id}/repondre",
                        data={"csrf_token": token, "reply": "Merci !"}, follow_redirects=True)
    assert "Validez d'abord ce commentaire" in text(early.get_data(as_text=True))
    client.post(f"{admin}/commentaires-produits/{comment_id}/valider", data={"csrf_token": token})
    too_long = client.post(f"{admin}/commentaires-produits/{comment_id}/repondre",
                           data={"csrf_token": token, "reply": "x" * 2001}, follow_redirects=True)
    assert "2 000 caractères" in text(too_long.get_data(as_text=True))
    client.post(f"{admin}/commentaires-produits/{comment_id}/repondre",
                data={"csrf_token": token, "reply": "Merci pour ce retour détaillé."})
    public = text(client.get(url).get_data(as_text=True))
    assert title in public and "Merci pour ce retour détaillé." in public
    with seat_db(data, seat.name) as db:
        from sandbox.clock import seat_today
        from sandbox.subjects.observables import ObserveContext, check_types

        ctx = ObserveContext(db, {"avis": {"type": "ProductComment", "id": comment_id}}, seat_today(db))
        seen = check_types()["product_comment.reply"].func(ctx, {"comment": "@avis", "contains": ["merci"]})
        assert seen.ok, seen.sentence
    client.post(f"{admin}/commentaires-produits/{comment_id}/supprimer", data={"csrf_token": token})
    with seat_db(data, seat.name) as db:
        assert db.get(ProductComment, comment_id) is None


@pytest.mark.feature("B-MOD-7")
def test_guests_may_post_only_when_the_module_allows_it(client, admin, seat, data):
    from tests.integration.shop_admin_helpers import form_values

    with seat_db(data, seat.name) as db:
        product = db.scalars(select(Product).where(Product.active.is_(True)).order_by(Product.id)).first()
        url = f"/s/{seat.name}/boutique/produit/{product.id}-{product.slug}"
        post = f"/s/{seat.name}/boutique/produit/{product.id}/avis"
    visitor = client.application.test_client()
    assert "Votre nom" not in visitor.get(url).get_data(as_text=True)
    config = f"{admin}/modules/product_comments/configurer"
    values = form_values(client.get(config).get_data(as_text=True), "module-form")
    values["allow_guests"] = "y"
    assert client.post(config, data=values).status_code == 302
    page = visitor.get(url).get_data(as_text=True)
    assert "Votre nom" in page
    token = csrf_token(page)
    missing = visitor.post(post, data={"csrf_token": token, "title": "Très doux", "grade": "5",
                                       "body": "Parfait pour l'été."})
    assert missing.status_code == 422 and "Indiquez votre nom." in text(missing.get_data(as_text=True))
    sent = visitor.post(post, data={"csrf_token": token, "title": "Très doux", "grade": "5",
                                    "body": "Parfait pour l'été.", "author": "Claire"})
    assert sent.status_code == 302
    with seat_db(data, seat.name) as db:
        comment = db.scalar(select(ProductComment).where(ProductComment.author_name == "Claire"))
        assert comment is not None and comment.customer_id is None and not comment.validated
