"""Subject C's test purchase, done through the shop front services then cancelled in the back office."""

from __future__ import annotations

from sqlalchemy import select

from sandbox.activity.actor import Actor, act_as
from sandbox.models import Carrier, Combination, OrderState
from sandbox.services.cart import add_to_cart, new_cart
from sandbox.services.checkout import place_order
from sandbox.services.customers import register, save_address
from sandbox.services.order_status import change_order_state
from sandbox.subjects.grouping import question_for_event
from sandbox.subjects.observables import observe_line
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import seat_session


def test_test_purchase_is_observed_and_grouped(data, prepared):
    prepared("ln-boutique-c")
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        act_as(db, Actor("visitor", None, "Visiteur"))
        customer = register(
            db,
            gender="Mme",
            first_name="Camille",
            last_name="Stagiaire",
            email="camille.stagiaire@lin-et-nature.fr",
            password="Parcours-Test-2027",
        )
        act_as(db, Actor("customer", customer.id, customer.full_name))
        address = save_address(
            db,
            customer,
            None,
            {
                "first_name": "Camille",
                "last_name": "Stagiaire",
                "address1": "27 rue de l'Épeule",
                "postcode": "59100",
                "city": "Roubaix",
            },
        )
        cape = db.scalar(select(Combination).where(Combination.reference == "CAPE-CIE"))
        cart = new_cart(db, customer)
        add_to_cart(db, cart, cape.product, cape, 1)
        relay = db.scalar(select(Carrier).where(Carrier.name.like("Mondial Relay%")))
        order = place_order(db, cart, customer, address, relay, "cheque")
        db.commit()
        assert [o.ok for o in observe_line(db, subject, "q3-parcours")] == [True, False]

        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        cancelled = db.scalar(select(OrderState.id).where(OrderState.code == "cancelled"))
        change_order_state(db, order, cancelled, employee_id=1)
        db.commit()
        observations = observe_line(db, subject, "q3-parcours")
        assert [o.ok for o in observations] == [True, True], [o.sentence for o in observations]
        assert observations[1].sentence.startswith(f"Commande {order.reference} du ")
        assert "pour Camille Stagiaire : 1 article, " in observations[1].sentence
        assert "état « Annulé »" in observations[1].sentence
        from sandbox.activity.feed import events_after

        events = events_after(db, 0)
        questions = {(e.object_type, question_for_event(subject, e)) for e in events}
    # The customer's account and address, and the order, belong to the purchase question (q3 or q5 both
    # deal with customers and orders; the account is only q3's since it is the one watching that e-mail).
    assert ("Customer", "q3") in questions
    assert all(q is not None for _t, q in questions if _t in ("Customer", "Order"))
