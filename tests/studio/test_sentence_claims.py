"""A proposed observable's sentence claims no more than it checks: the cart rule's reduction, minimum, free
shipping and usage limits stated in « … — conforme » are each parameters of the check (changing one on the
model answer turns the check false)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sandbox.activity.actor import Actor, act_as
from sandbox.models import CartRule
from sandbox.seats import create_seat
from sandbox.services.promotion_admin import CartRuleInput, Reduction, save_cart_rule
from sandbox.subjects.studio.propose import propose, run_both
from sandbox.subjects.studio.record import last_event_id
from tests.subjects.conftest import seat_session


def test_cart_rule_sentence_and_check_say_the_same(data):
    create_seat(data, "studio-0000abcd-depart")
    create_seat(data, "studio-0000abcd-corrige")
    with (
        seat_session(data, "studio-0000abcd-corrige") as answer,
        seat_session(data, "studio-0000abcd-depart") as start,
    ):
        since = last_event_id(answer)
        act_as(answer, Actor("employee", 1, "Auteur du sujet"))
        save_cart_rule(answer, None, CartRuleInput(
            name="Fidélité", code="MERCI10", date_from=date(2027, 5, 1), date_to=date(2027, 6, 30),
            minimum_amount=Decimal("60"), quantity=100, quantity_per_user=1, free_shipping=True,
            reduction=Reduction("percent", Decimal("10"))))
        answer.commit()
        [proposal] = [p for p in propose(answer, start, since) if p.observable["check"] == "cart_rule.code"]
        assert proposal.discriminates, proposal.sentence
        assert "1 par client" in proposal.sentence and "livraison gratuite" in proposal.sentence
        observable = proposal.observable
        assert (observable["quantity"], observable["quantity_per_user"], observable["free_shipping"]) == (
            100, 1, True)
        assert observable["percent"] if "percent" in observable else observable.get("amount")
        rule = answer.query(CartRule).filter_by(code="MERCI10").one()
        rule.quantity_per_user = 3  # the sentence would now say « 3 par client »: the check must see it
        answer.flush()
        [again] = run_both(answer, start, [observable])
        assert again.on_answer is False, again.sentence
