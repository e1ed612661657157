"""Customers, employees and profiles of the shop's back office, proven ✓ and ✗."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Address, Customer, CustomerGroup, CustomerGroupMember
from sandbox.services.gdpr import erase_customer
from tests.observables.both_ways import Case, each_unmet

PRO = "michelle@camping-la-villa-marine.fr"  # Michelle Roussel, Camping La Villa Marine, Professionnels
LOYAL = "arthur.lebon@wanadoo.fr"  # Arthur Lebon, Particuliers, with a private note


def _customer(db: Session, email: str) -> Customer:
    return db.scalar(select(Customer).where(Customer.email == email))


def _erase_michelle(db: Session) -> dict:
    michelle = _customer(db, PRO)
    erase_customer(db, michelle, PRO)
    return {"cliente": michelle}


def _erase_but_keep_street(db: Session) -> dict:
    named = _erase_michelle(db)
    db.flush()
    street = db.scalars(select(Address).where(Address.customer_id == named["cliente"].id)).first()
    street.address1 = "3 rue Haute"
    return named


def _name_michelle(db: Session) -> dict:
    return {"cliente": _customer(db, PRO)}


def _arthur_also_pro(db: Session) -> None:
    pros = db.scalar(select(CustomerGroup.id).where(CustomerGroup.name == "Professionnels"))
    db.add(CustomerGroupMember(customer_id=_customer(db, LOYAL).id, group_id=pros))


CASES: list[Case] = [
    *each_unmet(
        "customer.exists", {"customer": PRO, "company": "camping la villa marine", "newsletter": False},
        {"company": "Gîte des Dunes", "newsletter": True},
    ),
    Case("customer.exists", {"name": "Michelle Roussel"}, True, why="by name"),
    Case("customer.exists", {"name": "Julie Martin-Dunes"}, False, why="no customer of that name"),
    Case("customer.exists", {"customer": "julie@example.invalid"}, False, why="no customer of that e-mail"),
    *each_unmet("customer.group", {"customer": PRO, "group": "Professionnels", "default": True}, {}),
    Case("customer.group", {"name": "Arthur Lebon", "group": "Professionnels"}, False, why="not a member"),
    Case("customer.group", {"name": "Arthur Lebon", "group": "Professionnels", "default": True}, False,
         _arthur_also_pro, why="member, not by default", only="default"),
    *each_unmet("customer.note", {"customer": LOYAL, "contains": ["fidèle", "showroom"]},
                {"contains": ["fidèle", "salon"]}),
    Case("customer.note", {"name": "Michelle Roussel"}, False, why="no note"),
    *each_unmet(
        "customer.address", {"customer": PRO, "city": "boulogne-billancourt", "postcode": "92100"},
        {"city": "Malo-les-Bains", "postcode": "59240"},
    ),
    Case("customer.address", {"name": "Michelle Roussel", "city": "Malo-les-Bains"}, False, why="by name"),
    Case("customer.address", {"name": "Julie Martin-Dunes"}, False, why="no such customer"),
    Case("customer.address", {"customer": "julie.martin-dunes@example.org"}, False,
         why="no such customer (by e-mail)"),
    Case("customer.erased", {"customer": "@cliente"}, True, _erase_michelle, why="erased, orders kept"),
    Case("customer.erased", {"customer": "@cliente"}, False, _name_michelle, why="not erased"),
    Case("customer.erased", {"customer": "@cliente"}, False, _erase_but_keep_street,
         why="a street left after erasure"),
    *each_unmet(
        "employee.exists",
        {"email": "Karim.Benali@lin-et-nature.fr", "profile": "logisticien", "active": True},
        {"profile": "Commercial", "active": False},
    ),
    Case("employee.exists", {"email": "emma.verhaeghe@lin-et-nature.fr", "active": False}, True,
         why="a switched-off account"),
    Case("employee.exists", {"email": "lea.martin@lin-et-nature.fr"}, False, why="no such employee"),
    Case("employee.exists", {"email": "emma.verhaeghe@lin-et-nature.fr", "active": True}, False,
         why="a switched-off account, an active one expected", only="active",
         says="— attendu : compte actif"),
    *each_unmet(
        "profile.permission",
        {"profile": "Logisticien", "tab": "orders", "allowed": ["view", "edit"], "denied": ["delete"]},
        {"allowed": ["view", "delete"], "denied": ["edit"]},
    ),
    Case("profile.permission", {"profile": "logisticien", "tab": "customers", "denied": ["view"]}, True,
         why="no right on a tab"),
    Case("profile.permission", {"profile": "Logisticien", "tab": "orders", "denied": ["supprimer"]}, False,
         why="a right named in French is unknown, not refused"),
    Case("profile.permission", {"profile": "Stagiaire", "tab": "orders", "allowed": ["view"]}, False,
         why="no such profile"),
    *each_unmet("predefined_message.exists",
                {"name": "entretien du lin", "contains": ["40 °C", "adoucissant"]}, {"contains": ["60 °C"]}),
    Case("predefined_message.exists", {"name": "Délai de fabrication"}, False, why="no such message"),
]
