"""The ten busiest pages of an exam day, each with the client of the person who opens it.

Shared by the query-budget test and the page profiler (``tests/benchmarks/profile_pages.py``): the demo
exam day on the default context and the shipped subject (a slot of three seats), a practice session of a
class, and the people of that day logged in through their forms — a visitor, the candidate in the site
and the shop back offices, a customer at the carrier step of the checkout, the examiner, the teacher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.db import find_user
from grading.demo import DEMO_SUBJECT, demo_day
from grading.services.practice import create_practice_session
from grading.services.practice_seats import prepare_practice_seats
from grading.services.store import reading
from sandbox.db.storage import storage_for
from sandbox.models import Carrier, Category, Combination, CustomizationField, Post, Product
from sandbox.seats import Seat

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TEACHER = ("prof-mesure", "prof-mesure-2027")
CUSTOMER = {"gender": "Mme", "first_name": "Léa", "last_name": "Martin", "email": "lea.martin@example.fr",
            "password": "motdepasse1"}
ADDRESS = {"alias": "Maison", "first_name": "Léa", "last_name": "Martin", "address1": "5 rue du Lin",
           "postcode": "59100", "city": "Roubaix", "country": "France", "phone": "0601020304"}


@dataclass
class BusyPage:
    """One page of the tour: its name, the client of the person who opens it, its address."""

    name: str
    client: FlaskClient
    url: str


def _token(client: FlaskClient, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return TOKEN.search(page.get_data(as_text=True)).group(1)


def _post(client: FlaskClient, url: str, form: dict) -> None:
    """Post a form with the CSRF token its page shows, as the browser does; expect a redirect."""
    response = client.post(url, data={"csrf_token": _token(client, url), **form})
    assert response.status_code == 302, (url, response.status_code, response.get_data(as_text=True)[:2000])


def _targets(data: Path, seat: Seat) -> dict:
    """The seat's objects the pages show: a published post, a product with combinations, its category."""
    with Session(storage_for(data).engine("seats", seat.name)) as db:
        post = db.scalars(select(Post).where(Post.kind == "post", Post.status == "publish")
                          .order_by(Post.published_at.desc(), Post.id)).first()
        product = db.scalars(select(Product).join(Combination).where(Product.active.is_(True))
                             .group_by(Product.id).having(func.count(Combination.id) > 1)
                             .order_by(Product.id)).first()
        category = db.get(Category, product.default_category_id)
        carrier = db.scalar(select(Carrier).where(Carrier.active.is_(True)).order_by(Carrier.position))
        return {"post": (post.id, post.slug), "product": f"{product.id}-{product.slug}",
                "product_id": product.id,
                "simple": next(p for p in db.scalars(
                    select(Product).where(Product.active.is_(True), Product.quantity > 0,
                                          Product.visibility == "both", Product.is_pack.is_(False),
                                          Product.id.not_in(select(CustomizationField.product_id)))
                    .order_by(Product.id)) if not p.combinations),
                "category": f"{category.id}-{category.slug}", "carrier": carrier.id}


def busy_pages(app: Flask, data: Path, moment: datetime, students: int = 6) -> list[BusyPage]:
    """Set the day up on a data folder where the default context is installed; return the ten pages."""
    day = demo_day(data, DEMO_SUBJECT, moment)
    seat = day.places[0].seat
    targets = _targets(data, seat)
    base = f"/s/{seat.name}"

    visitor = app.test_client()
    site_admin = app.test_client()
    _post(site_admin, f"{base}/site/admin/login", {"login": seat.site_login, "password": seat.password})
    shop_admin = app.test_client()
    _post(shop_admin, f"{base}/boutique/admin/login", {"email": seat.login, "password": seat.password})
    customer = app.test_client()
    _post(customer, f"{base}/boutique/inscription", CUSTOMER)
    simple = targets["simple"]
    _post(customer, f"{base}/boutique/produit/{simple.id}-{simple.slug}", {"quantity": "1"})
    _post(customer, f"{base}/boutique/commande/adresse", ADDRESS)

    examiner = app.test_client()
    _post(examiner, "/console/connexion", {"username": day.examiner, "password": day.examiner_password})
    create_user(data, TEACHER[0], TEACHER[1], "teacher", "M. Mesure")
    with reading(data) as db:
        teacher = {"id": find_user(db, TEACHER[0]).id, "role": "teacher"}
    names = "\n".join(f"Élève {n:02d}" for n in range(1, students + 1))
    practice = create_practice_session(data, teacher, "Séance mesurée", [seat.template], names).id
    prepare_practice_seats(data, practice)
    teacher_client = app.test_client()
    _post(teacher_client, "/console/connexion", {"username": TEACHER[0], "password": TEACHER[1]})

    post_id, slug = targets["post"]
    return [
        BusyPage("article public", visitor, f"{base}/site/blog/{slug}"),
        BusyPage("accueil du blog", visitor, f"{base}/site/blog"),
        BusyPage("page produit", visitor, f"{base}/boutique/produit/{targets['product']}"),
        BusyPage("page catégorie", visitor, f"{base}/boutique/categorie/{targets['category']}"),
        BusyPage("panier", customer, f"{base}/boutique/panier"),
        BusyPage("commande : livraison", customer, f"{base}/boutique/commande/livraison"),
        BusyPage("éditeur d'article", site_admin, f"{base}/site/admin/articles/{post_id}"),
        BusyPage("fiche produit (BO)", shop_admin, f"{base}/boutique/admin/produits/{targets['product_id']}"),
        BusyPage("console : créneau", examiner, f"/console/creneaux/{day.slot_id}/"),
        BusyPage("vue de la classe", teacher_client, f"/console/entrainement/{practice}/classe"),
    ]
