"""Catalogue › Attributs & caractéristiques: add attributes, values (colours), features; bad input refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sandbox.models import Attribute, AttributeGroup, CombinationAttribute, Feature, FeatureValue
from tests.integration.shop_admin_helpers import ADMIN, csrf_token, labels, login, seat_db, text


@pytest.fixture
def admin(client, seat):
    """A client logged into the seat's shop back office; returns the back office's base URL."""
    login(client, seat)
    return ADMIN.format(seat=seat.name)


@pytest.mark.feature("B-CAT-7")
def test_attributes_values_and_features(client, admin, seat, data):
    url = f"{admin}/attributs"
    page = client.get(url).get_data(as_text=True)
    assert {"Nom de l'attribut", "Valeur", "Nom de la caractéristique", "Valeur de la caractéristique"} \
        <= set(labels(page))
    token = csrf_token(page)
    created = client.post(url, data={"csrf_token": token, "action": "group", "name": "Finition",
                                     "public_name": "Finition", "kind": "color"})
    assert created.status_code == 302
    with seat_db(data, seat.name) as db:
        group_id = db.scalar(select(AttributeGroup.id).where(AttributeGroup.name == "Finition"))
    bad = client.post(url, data={"csrf_token": token, "action": "value", "group_id": str(group_id),
                                 "value": "Vert sauge", "color": "vert"})
    body = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "#RRGGBB" in text(body) and 'value="Vert sauge"' in body
    again = client.post(url, data={"csrf_token": token, "action": "group", "name": "finition",
                                   "kind": "select"})
    assert "Un attribut porte déjà ce nom." in text(again.get_data(as_text=True))
    client.post(url, data={"csrf_token": token, "action": "value", "group_id": str(group_id),
                           "value": "Vert sauge", "color": "#9CAF88"})
    client.post(url, data={"csrf_token": token, "action": "feature", "feature_name": "Certification"})
    with seat_db(data, seat.name) as db:
        feature_id = db.scalar(select(Feature.id).where(Feature.name == "Certification"))
        assert db.scalar(select(Attribute).where(Attribute.group_id == group_id)).color == "#9CAF88"
        assert len(db.scalars(select(AttributeGroup).where(AttributeGroup.name.ilike("finition"))).all()) == 1
    empty = client.post(url, data={"csrf_token": token, "action": "feature_value",
                                   "feature_id": str(feature_id), "feature_value": "  "})
    assert "Indiquez la valeur." in text(empty.get_data(as_text=True))
    client.post(url, data={"csrf_token": token, "action": "feature_value", "feature_id": str(feature_id),
                           "feature_value": "GOTS"})
    with seat_db(data, seat.name) as db:
        assert db.scalar(select(FeatureValue.value).where(FeatureValue.feature_id == feature_id)) == "GOTS"
        used = db.scalar(select(CombinationAttribute.attribute_id).limit(1))
    if used:
        refused = client.post(url, data={"csrf_token": token, "action": "delete_value", "id": str(used)},
                              follow_redirects=True)
        assert "est utilisée par" in text(refused.get_data(as_text=True))
