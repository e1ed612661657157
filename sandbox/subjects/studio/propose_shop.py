"""Candidate observables for the shop's other objects (see ``propose``): a product's extras (pack,
accessories, customisation, carriers, availability, specific prices), orders, cart rules and carrier zones;
after-sales, team and customer groups are in ``propose_service``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import (
    CartRule,
    Category,
    CustomerGroup,
    Order,
    Product,
)

Candidate = dict


def money(value: Decimal) -> str:
    """« 12,50 »: a money parameter as grid.toml writes it."""
    return f"{Decimal(value).quantize(Decimal('0.01'))}".replace(".", ",")


def relative(db: Session, day: date | None) -> str | None:
    """« today+15 »: a date said relative to the seat's day, as subjects write them."""
    if day is None:
        return None
    days = (day - seat_today(db)).days
    return "today" if days == 0 else f"today{days:+d}"


def reduction(kind: str, value: Decimal) -> Candidate:
    """The reduction parameters of a check (« percent » in whole numbers, else an amount)."""
    if kind == "percent" and value == value.to_integral_value():
        return {"percent": int(value)}
    return {"amount": money(value)} if kind != "percent" else {}


def product_extras(db: Session, product: Product, which: Candidate, fields: set[str]) -> list[Candidate]:
    """Checks for the parts of a product sheet other than its main fields."""
    from sandbox.services.product_extras import accessories, customization_fields, pack_items
    from sandbox.services.product_shipping import product_carrier_ids

    out: list[Candidate] = []
    if "pack" in fields and product.is_pack:
        items = pack_items(db, product)
        out.append({"check": "product.pack", **which, "items": [p.name for p, _ in items],
                    "quantities": [str(q) for _, q in items]})  # fmt: skip
    if "accessories" in fields:
        out += [
            {"check": "product.accessory", **which, "accessory": a.name} for a in accessories(db, product)
        ]
    if "customization" in fields:
        out += [
            {
                "check": "product.customization",
                **which,
                "label": f.label,
                "kind": f.kind,
                "required": f.required,
            }
            for f in customization_fields(db, product)
        ]
    if "carriers" in fields:
        from sandbox.models import Carrier

        names = [db.get(Carrier, i).name for i in product_carrier_ids(db, product)]
        out.append({"check": "product.carriers", **which, "carriers": names} if names else {})
    if {"out_of_stock", "available_date", "available_later"} & fields:
        entry = {"check": "product.availability", **which, "out_of_stock": product.out_of_stock}
        if product.available_date is not None:
            entry["available_date"] = relative(db, product.available_date)
        if product.available_later:
            entry["message_contains"] = product.available_later
        out.append(entry)
    if "quantity" in fields and not product.combinations:
        out.append({"check": "product.stock", **which, "equals": product.quantity})
    if "specific_prices" in fields:
        out += _specific_prices(db, product, which)
    if "combinations" in fields:
        for combination in product.combinations:
            if combination.price_impact_ht:
                impact = combination.price_impact_ht * (1 + Decimal(product.tax.rate_bp) / 10000)
                out.append({"check": "product.combination_impact", **which,
                            "attributes": ", ".join(a.name for a in combination.attributes),
                            "impact_ttc": f"{'+' if impact > 0 else '-'}{money(abs(impact))}"})  # fmt: skip
    return [c for c in out if c]


def _specific_prices(db: Session, product: Product, which: Candidate) -> list[Candidate]:
    from sandbox.models import SpecificPrice

    out = []
    for row in db.scalars(select(SpecificPrice).where(SpecificPrice.product_id == product.id)):
        entry = {"check": "product.specific_price", **which, "from_quantity": row.from_quantity}
        if row.group_id:
            entry["group"] = db.get(CustomerGroup, row.group_id).name
        if row.fixed_price_ht is not None and row.fixed_price_ht >= 0:
            entry["fixed_price"] = money(row.fixed_price_ht)
        entry.update(reduction(row.reduction_type, row.reduction) if row.reduction else {})
        out.append(entry)
    return out


def order(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """An order's new state; an order the author placed, with its products and message."""
    from sandbox.models import OrderState

    row = db.get(Order, int(oid))
    if row is None:
        return []
    out = []
    if "state_id" in fields:
        state = db.get(OrderState, row.state_id).code
        out.append({"check": "order.state", "order": row.reference, "state": state})
    if "id" in fields:
        entry = {"check": "order.created", "customer": row.customer.email,
                 "products": sorted({line.reference for line in row.lines if line.reference})}  # fmt: skip
        if row.customer_message:
            entry |= {"message": True, "message_contains": row.customer_message.split()[-1]}
        out.append(entry)
    return out


def cart_rule(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A cart rule's code with its conditions and reduction; its product selection when it has one."""
    rule = db.get(CartRule, int(oid))
    if rule is None or not rule.code:
        return []
    entry: Candidate = {"check": "cart_rule.code", "code": rule.code}
    entry |= reduction(rule.reduction_type, rule.reduction)
    if rule.minimum_amount:
        entry |= {"minimum": money(rule.minimum_amount), "minimum_tax_included": rule.minimum_tax_included}
    entry |= {"date_from": relative(db, rule.date_from), "date_to": relative(db, rule.date_to)}
    if rule.exclude_specials:
        entry["exclude_specials"] = True
    # The sentence states every action and the usage limits: the check holds them too (it claims no more).
    if rule.free_shipping:
        entry["free_shipping"] = True
    if rule.gift_product_id:
        entry["gift"] = db.get(Product, rule.gift_product_id).name
    entry |= {"quantity": rule.quantity, "quantity_per_user": rule.quantity_per_user}
    out = [{k: v for k, v in entry.items() if v is not None}]
    categories = [db.get(Category, r.target_id).name for r in rule.restrictions if r.kind == "category"]
    if categories:
        scope = {"check": "cart_rule.restrictions", "code": rule.code, "category": categories[0]}
        if (rule.restriction_quantity or 1) > 1:
            scope["min_quantity"] = rule.restriction_quantity
        out.append(scope | ({"apply_to": rule.reduction_apply} if rule.reduction_apply != "order" else {}))
    return out


def carrier_zone(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A zone a carrier now serves, with its price there for a 2 kg cart of 30 €."""
    from sandbox.models import Carrier, Zone
    from sandbox.services.shipping import carrier_price

    carrier_id, zone_id = (int(i) for i in oid.split("-"))
    carrier, zone = db.get(Carrier, carrier_id), db.get(Zone, zone_id)
    if carrier is None or zone is None:
        return []
    entry = {"check": "carrier.zone", "carrier": carrier.name, "zone": zone.name}
    price = carrier_price(db, carrier, Decimal(30), zone, 2000)
    if price is not None:
        entry |= {"weight_kg": 2, "cart_ttc": "30,00", "price_ttc": money(price[1])}
    return [entry]


BUILDERS = {
    "CarrierZone": carrier_zone,
    "Order": order,
    "CartRule": cart_rule,
}
