"""The activity recorder: generic capture at the data layer, in the same transaction as the change."""

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor, act_as
from sandbox.activity.feed import events_after
from sandbox.db.base import Base
from sandbox.models import ActivityEvent, Category, Tax


@pytest.fixture
def db():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Tax(id=1, name="TVA 20 %", rate_bp=2000))
        session.add(Category(id=1, name="Accueil", slug="accueil"))
        session.commit()
        yield session


def test_nothing_is_recorded_without_an_actor(db):
    db.add(Category(id=2, name="Linge de lit", slug="linge-de-lit", parent_id=1))
    db.commit()
    assert db.scalars(select(ActivityEvent)).all() == []


def test_an_update_is_recorded_with_before_after_and_a_french_summary(db):
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    category = db.get(Category, 1)
    category.name = "Boutique"
    db.commit()
    [event] = events_after(db, 0)
    assert event.action == "update"
    assert event.actor_name == "Candidat Stagiaire"
    assert event.summary == "Catégorie « Boutique » : nom « Accueil » → « Boutique »"
    assert event.changes == {"name": ["Accueil", "Boutique"]}


def test_create_and_delete_are_recorded(db):
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    db.add(Category(id=3, name="Bain", slug="bain", parent_id=1))
    db.commit()
    db.delete(db.get(Category, 3))
    db.commit()
    summaries = [e.summary for e in events_after(db, 0)]
    assert summaries == ["Catégorie « Bain » créée", "Catégorie « Bain » supprimée"]


def test_a_rolled_back_change_leaves_no_event(db):
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    db.get(Category, 1).name = "Annulé"
    db.flush()
    db.rollback()
    assert events_after(db, 0) == []


def test_events_after_reads_only_newer_events(db):
    act_as(db, Actor("customer", 7, "Léa Martin"))
    for name in ("A", "B", "C"):
        db.get(Category, 1).name = name
        db.commit()
    first, *rest = events_after(db, 0)
    assert [e.changes["name"][1] for e in events_after(db, first.id)] == ["B", "C"]
    assert isinstance(first.at, datetime)


def test_money_changes_read_in_euros(db):
    from sandbox.models import Carrier

    db.add(Carrier(id=1, name="Colissimo", price_ht=Decimal("5.00"), tax_id=1))
    db.commit()
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    db.get(Carrier, 1).price_ht = Decimal("6.50")
    db.commit()
    [event] = events_after(db, 0)
    assert event.summary == "Transporteur « Colissimo » : frais de port HT 5,00\xa0€ → 6,50\xa0€"


def test_foreign_keys_read_as_the_names_people_know(db):
    from sandbox.models import Carrier

    db.add(Tax(id=2, name="TVA 5,5 %", rate_bp=550))
    db.add(Carrier(id=1, name="Colissimo", price_ht=Decimal("5.00"), tax_id=1))
    db.commit()
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    db.get(Carrier, 1).tax_id = 2
    db.commit()
    [event] = events_after(db, 0)
    assert event.summary.endswith("« TVA 20 % » → « TVA 5,5 % »")
