"""Orders, after-sales and customer service of the shop, proven ✓ and ✗ (Commandes, SAV, Avis)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Carrier, CustomerThread, Employee, OrderState, ProductComment, ReturnRequest
from sandbox.services import customer_service
from sandbox.services.order_create import NewOrder, create_order
from sandbox.services.returns import set_return_state
from tests.observables.both_ways import Case, each_unmet

PRO = "michelle@camping-la-villa-marine.fr"
DELIVERED = "KYCPTIVIY"  # delivered, one partial credit slip of 56,91 € (no shipping refunded)
RESTOCK = 4  # thread « Réassort ? »: open, the customer's question not answered yet
SOPHIE = "sophie.lefebvre@lin-et-nature.fr"


def _employee(db: Session, email: str = "candidat@lin-et-nature.fr") -> Employee:
    return db.scalar(select(Employee).where(Employee.email == email))


def _order_for_michelle(db: Session) -> None:
    """An order typed in the back office today: 2 lines, paid, with a message to the customer."""
    colissimo = db.scalar(select(Carrier.id).where(Carrier.name.like("Colissimo%")))
    paid = db.scalar(select(OrderState.id).where(OrderState.code == "payment_accepted"))
    create_order(db, _employee(db), NewOrder(
        email=PRO, lines=[("SAVON", 3), ("BAVOIRS", 1)], carrier_id=colissimo, payment="cheque",
        message="Livraison possible au salon le samedi.", state_id=paid,
    ))


def _two_orders_for_michelle(db: Session) -> None:
    """The order above, then a second one of a single line, without message."""
    _order_for_michelle(db)
    colissimo = db.scalar(select(Carrier.id).where(Carrier.name.like("Colissimo%")))
    create_order(db, _employee(db), NewOrder(email=PRO, lines=[("SAVON", 1)], carrier_id=colissimo,
                                              payment="cheque"))


def _thread(db: Session) -> dict:
    return {"sav": db.get(CustomerThread, RESTOCK)}


def _answer_restock(db: Session) -> dict:
    named = _thread(db)
    customer_service.reply(db, named["sav"], _employee(db, SOPHIE),
                           "Bonjour, le tapis de bain en lin gaufré revient en stock sous dix jours "
                           "(réassort prévu le 30). Nous vous prévenons par e-mail dès son arrivée.")
    return named


def _private_note_only(db: Session) -> dict:
    named = _thread(db)
    customer_service.reply(db, named["sav"], _employee(db), "Voir avec l'atelier pour le réassort.",
                           private=True)
    return named


def _forward_to_sophie(db: Session) -> dict:
    named = _thread(db)
    customer_service.forward(db, named["sav"], _employee(db), _employee(db, SOPHIE).id)
    return named


def _review(number: int):
    def arrange(db: Session) -> dict:
        return {"avis": db.get(ProductComment, number)}

    return arrange


def _unpublish_review(db: Session) -> dict:
    named = _review(1)(db)
    named["avis"].validated = False
    return named


def _delete_review(db: Session) -> dict:
    db.delete(db.get(ProductComment, 3))
    return {"avis": {"type": "ProductComment", "id": 3}}


def _return(number: int, then: str | None = None):
    def arrange(db: Session) -> dict:
        request = db.get(ReturnRequest, number)
        if then:
            set_return_state(db, request, then)
        return {"retour": request}

    return arrange


CASES: list[Case] = [
    *each_unmet(
        "order.created",
        {"customer": PRO, "since": "today", "products": ["SAVON", "BAVOIRS"], "min_lines": 2, "message": True,
         "message_contains": "salon", "state": "payment_accepted"},
        {"since": "today+1", "products": ["SAVON", "PLAID-ARD"], "min_lines": 3, "message_contains": "garage",
         "state": "delivered"},
        _order_for_michelle,
    ),
    Case("order.created", {"customer_name": "Christine Delattre", "since": "today-1",
                           "products": ["HC-PERCALE-BLA"], "state": "awaiting_transfer"}, True,
         why="yesterday's order, by name, a combination by its product's reference"),
    Case("order.created", {"customer_name": "Christine Delattre", "since": "today-1", "message": True}, False,
         why="no message to the customer", only="message"),
    Case("order.created", {"customer_name": "Christine Delattre"}, False, why="no order today"),
    Case("order.created", {"customer": PRO, "since": "today"}, True, _two_orders_for_michelle,
         why="the latest of two orders, a single line", says="1 article"),
    Case("order.created", {"customer_name": "Michelle Roussel", "since": "today"}, True,
         _two_orders_for_michelle, why="the latest of two orders, by name", says="1 article"),
    Case("order.created", {"customer": PRO}, False, why="no order today (by e-mail)"),
    Case("order.state", {"order": DELIVERED, "state": "delivered"}, True, why="delivered"),
    Case("order.state", {"order": DELIVERED, "state": "shipped"}, False, why="delivered, not shipped"),
    Case("order.state", {"order": "ZZZZZZZZZ"}, False, why="no such order"),
    *each_unmet(
        "credit_slip.issued", {"order": DELIVERED, "kind": "partial", "amount": "56,91", "shipping": False},
        {"kind": "full", "amount": "49,90", "shipping": True},
    ),
    Case("credit_slip.issued", {"order": "OUSATEGGG"}, False, why="no credit slip"),
    Case("credit_slip.issued", {"order": "ZZZZZZZZZ"}, False, why="no such order"),
    Case("return.state", {"return": "@retour", "state": "received"}, True, _return(4), why="parcel received"),
    Case("return.state", {"return": "@retour", "state": "completed"}, False, _return(4),
         why="not refunded yet"),
    Case("return.state", {"return": "@retour", "state": "received"}, True, _return(5, "received"),
         why="validated then received in the back office"),
    Case("return.state", {"return": "@ailleurs"}, False, why="no such return",
         arrange=lambda db: {"ailleurs": {"type": "ReturnRequest", "id": 999}}),
    *each_unmet("thread.answered", {"thread": "@sav", "contains": ["réassort", "e-mail"], "min_chars": 143},
                {"contains": ["réassort", "remboursement"], "min_chars": 144}, _answer_restock),
    Case("thread.answered", {"thread": "@sav"}, False, _thread, why="not answered"),
    Case("thread.answered", {"thread": "@sav"}, False, _private_note_only, why="a private note is no answer"),
    Case("thread.status", {"thread": "@sav", "status": "open"}, True, _thread, why="open"),
    Case("thread.status", {"thread": "@sav", "status": "pending"}, True, _answer_restock, why="answered"),
    Case("thread.status", {"thread": "@sav", "status": "closed"}, False, _answer_restock, why="not closed"),
    *each_unmet("thread.forwarded", {"thread": "@sav", "employee": SOPHIE},
                {"employee": "karim.benali@lin-et-nature.fr"}, _forward_to_sophie),
    Case("thread.forwarded", {"thread": "@sav"}, False, _thread, why="not forwarded"),
    Case("thread.forwarded", {"thread": "@ailleurs"}, False, why="no such thread",
         arrange=lambda db: {"ailleurs": {"type": "CustomerThread", "id": 999}}),
    Case("product_comment.status", {"comment": "@avis", "expect": "validated"}, True, _review(3),
         why="published"),
    Case("product_comment.status", {"comment": "@avis", "expect": "pending"}, False, _review(3),
         why="published, not pending"),
    Case("product_comment.status", {"comment": "@avis", "expect": "pending"}, True, _unpublish_review,
         why="waiting"),
    Case("product_comment.status", {"comment": "@avis", "expect": "deleted"}, True, _delete_review,
         why="deleted"),
    Case("product_comment.status", {"comment": "@avis", "expect": "deleted"}, False, _review(3),
         why="still there"),
    *each_unmet("product_comment.reply", {"comment": "@avis", "min_chars": 87, "contains": ["merci"]},
                {"min_chars": 88, "contains": ["désolés"]}, _review(1)),
    Case("product_comment.reply", {"comment": "@avis"}, False, _review(3), why="no reply"),
    Case("product_comment.reply", {"comment": "@avis"}, False, _unpublish_review,
         why="reply on a hidden review"),
    Case("product_comment.reply", {"comment": "@avis"}, False, _delete_review, why="review deleted"),
]
