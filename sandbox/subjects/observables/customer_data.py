"""Checks on customer data (X-STA-2): a GDPR erasure done, orders kept."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox.models import Address, Order
from sandbox.subjects.observables import Observation, ObserveContext, check, verdict
from sandbox.subjects.params import ref


@check(
    "customer.erased",
    label="Effacement RGPD d'un client",
    params={"customer": ref("customer", '"@cliente" (client de changes.toml : son e-mail change)')},
    features=("X-STA-2",),
)
def customer_erased(ctx: ObserveContext, p: dict) -> Observation:
    """The customer's personal data are anonymised and their orders are still there."""
    customer = ctx.get("customer", p["customer"])
    if customer is None:
        return Observation(False, "Client introuvable")
    orders = ctx.db.scalar(select(func.count(Order.id)).where(Order.customer_id == customer.id)) or 0
    streets = [a.address1 for a in ctx.db.scalars(select(Address).where(Address.customer_id == customer.id))]
    erased = customer.email.endswith("@anonyme.invalid")
    facts = (f"Client n° {customer.id} : {customer.full_name} ({customer.email}), "
             f"données {'effacées' if erased else 'présentes'}, {orders} commande(s) conservée(s)")
    misses = [] if erased else ["données personnelles effacées"]
    if erased and any(street != "Adresse effacée" for street in streets):
        misses.append("adresses effacées")
    return verdict(facts, misses)
