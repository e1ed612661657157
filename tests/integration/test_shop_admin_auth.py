"""Shop back office: employee login per seat, logout, protected pages, CSRF."""

from __future__ import annotations

from sqlalchemy import select, update

from sandbox.models import Employee, Product
from sandbox.seats import create_seat
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, labels, login, seat_db, text


def test_pages_need_a_login_and_come_back_after_it(client, seat):
    base = ADMIN.format(seat=seat.name)
    response = client.get(f"{base}/produits")
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"{base}/login?next=")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for label in ("Adresse e-mail", "Mot de passe"):
        assert label in labels(page)
    assert ">Se connecter</button>" in page
    posted = client.post(
        f"{base}/login",
        data={
            "csrf_token": csrf_token(page),
            "email": seat.login,
            "password": seat.password,
            "next": f"{base}/produits",
        },
    )
    assert posted.status_code == 302 and posted.headers["Location"] == f"{base}/produits"
    dashboard = client.get(f"{base}/").get_data(as_text=True)
    assert "Tableau de bord" in dashboard and "Déconnexion" in dashboard and "Voir ma boutique" in dashboard
    assert f'href="/s/{seat.name}/boutique/"' in dashboard  # B-NAV-1: one click to the public shop


def test_wrong_password_is_refused_in_french_and_keeps_the_email(client, seat):
    response = login(client, seat, password="pas-le-bon")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in page
    assert f'value="{seat.login}"' in page
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 302


def test_inactive_employee_cannot_log_in(client, seat, data):
    with seat_db(data, seat.name) as db:
        db.execute(update(Employee).where(Employee.id == 1).values(active=False))
        db.commit()
    page = login(client, seat).get_data(as_text=True)
    assert "Ce compte employé est désactivé" in page
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 302


def test_an_employee_disabled_while_logged_in_is_logged_out(client, seat, data):
    login(client, seat)
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 200
    with seat_db(data, seat.name) as db:
        db.execute(update(Employee).where(Employee.id == 1).values(active=False))
        db.commit()
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 302


def test_logout(client, seat):
    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/").get_data(as_text=True)
    response = client.post(f"{base}/logout", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert client.get(f"{base}/").status_code == 302


def test_a_login_opens_one_seat_only_and_passwords_are_per_seat(client, seat, data):
    other = create_seat(data, "poste-b")
    assert login(client, seat).status_code == 302
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 200
    assert client.get(f"{ADMIN.format(seat=other.name)}/").status_code == 302
    refused = login(client, other, email=other.login, password=seat.password)
    assert "Adresse e-mail ou mot de passe incorrect." in refused.get_data(as_text=True)
    assert client.get(f"{ADMIN.format(seat=other.name)}/").status_code == 302
    assert login(client, other).status_code == 302
    assert client.get(f"{ADMIN.format(seat=other.name)}/").status_code == 200
    assert client.get(f"{ADMIN.format(seat=seat.name)}/").status_code == 200


def test_a_post_without_csrf_token_is_refused(client, seat, data):
    login(client, seat)
    with seat_db(data, seat.name) as db:
        product_id = db.scalar(select(Product.id).order_by(Product.id).limit(1))
    response = client.post(f"{ADMIN.format(seat=seat.name)}/produits/{product_id}/en-ligne", data={})
    assert response.status_code == 400
    assert "Requête refusée" in text(response.get_data(as_text=True))


def test_every_page_of_the_back_office_renders(client, seat):
    login(client, seat)
    base = ADMIN.format(seat=seat.name)
    for path in (
        "/",
        "/produits",
        "/produits/nouveau",
        "/categories",
        "/categories/nouvelle",
        "/stocks",
        "/stocks/mouvements",
        "/commandes",
        "/clients",
        "/produits?nom=a&en_ligne=1&page=2",
        "/commandes?etat=1&client=a&reference=A",
        "/clients?q=a&groupe=3",
        "/stocks?rupture=1",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
        assert "Déconnexion" in response.get_data(as_text=True)
