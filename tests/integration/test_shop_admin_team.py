"""Paramètres avancés › Équipe: employees, profiles, permissions enforced, self-lockout refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import ActivityEvent, Employee, ProfilePermission
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, form_values, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office as the candidate (SuperAdmin)."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


def _post(client, url: str, form_id: str, **changes):
    values = form_values(client.get(url).get_data(as_text=True), form_id)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return client.post(url, data=values)


def test_team_pages_list_employees_and_profiles(client, admin):
    page = text(client.get(f"{admin}/equipe").get_data(as_text=True))
    assert "Karim Benali" in page and "Logisticien" in page and "Service client (SAV)" in page


@pytest.mark.feature("B-USR-1", "B-USR-3", "B-USR-2")
def test_create_employee_with_restricted_profile_then_tabs_are_hidden_and_refused(
    client, admin, seat, data, app
):
    response = _post(
        client,
        f"{admin}/equipe/employes/nouveau",
        "employee-form",
        first_name="Léa",
        last_name="Martin",
        email="lea.martin@lin-et-nature.fr",
        password="secret-2027",
        profile_id="3",
    )
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        lea = db.scalar(select(Employee).where(Employee.email == "lea.martin@lin-et-nature.fr"))
        assert lea.profile_id == 3 and lea.active
    assert ">Équipe<" in client.get(f"{admin}/").get_data(as_text=True)  # the menu kept for these rights
    other = app.test_client()
    login(other, seat, "lea.martin@lin-et-nature.fr", "secret-2027")
    home = other.get(f"{admin}/").get_data(as_text=True)
    assert ">Commandes<" in home and ">Stocks<" in home
    assert ">Clients<" not in home and ">Équipe<" not in home and ">Produits<" not in home
    refused = other.get(f"{admin}/clients")
    assert refused.status_code == 403
    assert "Vous n'avez pas l'autorisation" in text(refused.get_data(as_text=True))
    assert other.get(f"{admin}/equipe").status_code == 403
    assert other.get(f"{admin}/service-client").status_code == 403
    assert other.get(f"{admin}/commandes").status_code == 200
    with seat_db(data, seat.name) as db:  # a right given elsewhere: the menu follows at once
        db.merge(ProfilePermission(profile_id=3, tab="customers", can_view=True))
        db.commit()
    assert ">Clients<" in other.get(f"{admin}/").get_data(as_text=True)


def test_edit_action_is_refused_without_the_edit_right(client, admin, seat, data, app):
    with seat_db(data, seat.name) as db:  # Commercial (5): catalogue; give it view-only on orders
        db.add(ProfilePermission(profile_id=5, tab="orders", can_view=True))
        db.commit()
        order_id = db.scalar(select(Employee.id).where(Employee.id == 5))
    other = app.test_client()
    login(other, seat, "julien.descamps@lin-et-nature.fr", "LinNature-2027")
    page = other.get(f"{admin}/commandes/1").get_data(as_text=True)
    assert order_id and "Mettre à jour l'état" in page
    response = other.post(f"{admin}/commandes/1/etat", data={"csrf_token": csrf_token(page), "state_id": "7"})
    assert response.status_code == 403 and "modifier" in text(response.get_data(as_text=True))


@pytest.mark.feature("B-USR-4", "B-USR-2")
def test_profile_matrix_saves_rights_and_refuses_removing_own_team_access(client, admin, seat, data):
    response = _post(client, f"{admin}/equipe/profils/3", "profile-form", **{"perm-customers-view": "1"})
    assert response.status_code == 302
    with seat_db(data, seat.name) as db:
        assert db.get(ProfilePermission, (3, "customers")).can_view
        employee = db.get(Employee, 1)
        employee.profile_id = 2  # the candidate becomes Administrateur: editing their own profile
        db.commit()
    response = _post(client, f"{admin}/equipe/profils/2", "profile-form", **{"perm-team-view": None})
    body = text(response.get_data(as_text=True))
    assert response.status_code == 200 and "propre profil" in body and "Rien n'a été enregistré" in body
    with seat_db(data, seat.name) as db:
        assert db.get(ProfilePermission, (2, "team")).can_view


def test_employee_cannot_disable_themself_nor_take_a_profile_without_team(client, admin, seat, data):
    response = _post(client, f"{admin}/equipe/employes/1", "employee-form", active=None)
    assert response.status_code == 200 and "désactiver votre propre compte" in text(
        response.get_data(as_text=True)
    )
    response = _post(client, f"{admin}/equipe/employes/1", "employee-form", profile_id="3")
    assert response.status_code == 200 and "Équipe" in text(response.get_data(as_text=True))
    with seat_db(data, seat.name) as db:
        me = db.get(Employee, 1)
        assert me.active and me.profile_id == 1


def test_bad_employee_input_keeps_what_was_typed(client, admin):
    response = _post(
        client,
        f"{admin}/equipe/employes/nouveau",
        "employee-form",
        first_name="Léa",
        last_name="",
        email="pas-une-adresse",
        password="court",
        profile_id="3",
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Indiquez le nom" in body and 'value="Léa"' in body
    response = _post(
        client,
        f"{admin}/equipe/employes/nouveau",
        "employee-form",
        first_name="Léa",
        last_name="Roux",
        email="karim.benali@lin-et-nature.fr",
        password="secret-2027",
        profile_id="3",
    )
    assert "déjà cette adresse" in text(response.get_data(as_text=True))


def test_permission_changes_are_recorded_with_a_readable_summary(client, admin, seat, data):
    _post(client, f"{admin}/equipe/profils/3", "profile-form", **{"perm-customers-view": "1"})
    with seat_db(data, seat.name) as db:
        summaries = db.scalars(
            select(ActivityEvent.summary).where(ActivityEvent.object_type == "ProfilePermission")
        ).all()
    wanted = "Permissions du profil « Logisticien » sur l'onglet Clients : voir oui"
    assert any(wanted in s for s in summaries)
