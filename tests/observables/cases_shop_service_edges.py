"""Edges of the order and after-sales checks, each a case that a mutation of the check would get wrong:
a full credit slip with its shipping, a message only in the SAV thread, an order at midnight, a customer
with four addresses or none, two canned replies whose names differ by an accent, unknown tabs and rights,
one return condition at a time, and nothing to compare (scripts/mutation.sh observables-orders)."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now, seat_today
from sandbox.models import Carrier, Customer, CustomerThread, Order
from sandbox.services import customer_service
from sandbox.services.credit_slips import issue_credit_slip, refund_everything
from sandbox.services.customers import delete_address, save_address
from sandbox.services.order_create import NewOrder, create_order
from tests.observables.both_ways import Case, each_unmet
from tests.observables.cases_shop_service import DELIVERED, PRO, _employee

STREETS = (("12 rue des Dunes", "59240", "Dunkerque"), ("3 place du Marché", "62100", "Calais"),
           ("8 quai des Pêcheurs", "62200", "Boulogne-sur-Mer"))


def _order(db: Session, reference: str) -> Order:
    return db.scalar(select(Order).where(Order.reference == reference))


def _refund_the_rest(db: Session) -> None:
    """« Remboursement total » after the seeded partial slip: the other articles and the shipping."""
    refund_everything(db, _order(db, DELIVERED))


def _half_euro_shipping(db: Session) -> None:
    """An order whose shipping cost 0,50 €, that shipping refunded alone (more than 0, less than 1 €)."""
    order = _order(db, DELIVERED)
    order.shipping_ht, order.shipping_ttc = Decimal("0.42"), Decimal("0.50")
    issue_credit_slip(db, order, {}, shipping=True)


def _plain_order(db: Session) -> Order:
    """An order typed in the back office today for Michelle Roussel, one line, without message."""
    colissimo = db.scalar(select(Carrier.id).where(Carrier.name.like("Colissimo%")))
    return create_order(db, _employee(db), NewOrder(email=PRO, lines=[("SAVON", 2)], carrier_id=colissimo,
                                                    payment="cheque"))


def _private_note_on_order(db: Session) -> None:
    """The order's SAV thread holds only a private note: nothing was said to the customer."""
    order = _plain_order(db)
    thread = CustomerThread(customer_id=order.customer_id, email=PRO, subject=f"Commande {order.reference}",
                            order_id=order.id, status="open", created_at=seat_now(db))
    db.add(thread)
    db.flush()
    customer_service.reply(db, thread, _employee(db), "Client à rappeler pour le salon.", private=True)


def _two_messages_on_order(db: Session) -> None:
    """Two messages to the customer in the order's thread: the second one is the one to read."""
    order = _plain_order(db)
    for text in ("Votre colis part demain.", "Finalement, votre colis part aujourd'hui par Colissimo."):
        customer_service.message_about_order(db, order, _employee(db), text, f"Commande {order.reference}")


def _order_at_midnight(db: Session) -> None:
    """An order placed at 00:00:00 today, the first second of « today »."""
    _plain_order(db).created_at = datetime.combine(seat_today(db), time.min)


def _michelle(db: Session) -> Customer:
    return db.scalar(select(Customer).where(Customer.email == PRO))


def _four_addresses(db: Session) -> None:
    """Three more addresses for Michelle Roussel: four in all, the sentence quotes the first three."""
    michelle = _michelle(db)
    for street, postcode, city in STREETS:
        values = {"first_name": "Michelle", "last_name": "Roussel", "address1": street, "postcode": postcode,
                  "city": city}
        save_address(db, michelle, None, values)
    db.refresh(michelle)


def _no_address(db: Session) -> None:
    michelle = _michelle(db)
    for address in list(michelle.addresses):
        delete_address(db, address)


def _two_lead_times(db: Session) -> None:
    """Two canned replies whose names differ only by an accent (the back office refuses only the same name
    in other capitals): the newer one is read."""
    customer_service.save_predefined(db, None, "Delai de fabrication", "Comptez dix jours ouvrés.")
    customer_service.save_predefined(db, None, "Délai de fabrication", "Comptez trois semaines en été.")


CASES: list[Case] = [
    *each_unmet("credit_slip.issued", {"order": DELIVERED, "kind": "full", "shipping": True},
                {"kind": "partial", "shipping": False}, _refund_the_rest,
                why="the rest and the shipping refunded",
                says={"": "(total), frais de port remboursés : oui", "kind": "— attendu : un avoir partiel",
                      "shipping": "— attendu : frais de port non remboursés"}),
    Case("credit_slip.issued", {"order": DELIVERED, "shipping": True}, True, _half_euro_shipping,
         why="a shipping of 50 cents refunded", says="frais de port remboursés : oui"),
    Case("customer.address", {"customer": PRO, "city": "Calais"}, True, _four_addresses,
         why="four addresses, three quoted", says="4 adresses"),
    Case("customer.address", {"customer": PRO}, False, _no_address, why="every address deleted",
         says="0 adresse"),
    Case("predefined_message.exists", {"name": "Délai de fabrication", "contains": ["trois semaines"]}, True,
         _two_lead_times, why="the newer of two names that differ by an accent"),
    Case("profile.permission", {"profile": "Logisticien", "tab": "inconnu", "denied": ["view"]}, True,
         why="an unknown tab: no right on it", says="onglet « inconnu » : aucun droit"),
    Case("profile.permission", {"profile": "Logisticien", "tab": "orders", "allowed": ["voir"],
                                "denied": ["supprimer"]}, False, why="rights named in French, both unknown",
         says="(inconnus : voir, supprimer) ; droit « voir »"),
    Case("profile.permission", {"profile": "Logisticien", "tab": "orders"}, None, why="nothing compared"),
    Case("returns.conditions", {"enabled": True}, True, why="only enabled"),
    Case("returns.conditions", {"days": 30}, True, why="only the delay"),
    Case("returns.conditions", {"instructions_contains": "étiquette"}, True, why="only the instructions"),
    Case("order.created", {"customer": PRO, "message": True}, False, _private_note_on_order, only="message",
         why="a private note in the order's thread is no message", says="message au client : aucun"),
    Case("order.created", {"customer": PRO, "message_contains": "aujourd'hui"}, True, _two_messages_on_order,
         why="the latest of two messages in the order's thread"),
    Case("order.created", {"customer": PRO, "since": "today"}, True, _order_at_midnight,
         why="placed at midnight today", says="20/05/2027 00:00 pour"),
    Case("order.created", {"customer_name": "Michelle Roussel", "since": "today"}, True, _order_at_midnight,
         why="placed at midnight today, by name", says="20/05/2027 00:00 pour"),
    Case("order.created", {"customer": "julie@example.invalid"}, False, why="no customer of that e-mail",
         says="Client « julie@example.invalid » introuvable"),
    Case("order.state", {"order": DELIVERED, "state": "livree"}, False, why="an unknown state code",
         says="— attendu : état « livree »"),
    Case("order.state", {"order": DELIVERED}, None, why="nothing compared"),
    Case("return.state", {"return": "@retour"}, None, why="nothing compared",
         arrange=lambda db: {"retour": {"type": "ReturnRequest", "id": 4}}),
]
