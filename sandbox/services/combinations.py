"""Combinations (déclinaisons) of a product: generate from attribute values, edit, delete."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import product as cartesian

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sandbox.models import Attribute, AttributeGroup, CartLine, Combination, Product
from sandbox.money import ht_from_ttc
from sandbox.services import ServiceError
from sandbox.services.stock import set_combination_quantity


@dataclass
class CombinationInput:
    """One edited row: impact typed HT or TTC (`impact_basis`), reference and stock."""

    combination_id: int
    reference: str
    impact_ht: Decimal | None
    impact_ttc: Decimal | None
    impact_basis: str
    quantity: int


def attribute_groups(db: Session) -> list[AttributeGroup]:
    """Every attribute group with its values, in display order (for the generator)."""
    return list(db.scalars(select(AttributeGroup).order_by(AttributeGroup.position, AttributeGroup.id)))


def update_combinations(db: Session, product: Product, rows: list[CombinationInput],
                        default_id: int | None, employee_id: int | None,
                        reason: str = "Modification depuis la fiche produit") -> None:
    """Save edited rows of a product's combinations; stock changes write stock movements."""
    by_id = {c.id: c for c in product.combinations}
    rate = product.tax.rate_bp
    for row in rows:
        combination = by_id.get(row.combination_id)
        if combination is None:
            raise ServiceError("Cette déclinaison n'existe plus : rechargez la page.")
        if row.impact_basis == "ttc" and row.impact_ttc is not None:
            impact = ht_from_ttc(row.impact_ttc, rate)
        elif row.impact_ht is not None:
            impact = row.impact_ht
        else:
            raise ServiceError("Indiquez l'impact sur le prix.", f"impact_ht_{combination.id}")
        if product.price_ht + impact < 0:
            raise ServiceError("Le prix final de la déclinaison ne peut pas être négatif.",
                               f"impact_ht_{combination.id}")
        combination.reference = row.reference.strip()[:64]
        combination.price_impact_ht = impact
        set_combination_quantity(db, combination, row.quantity, reason, employee_id,
                                 field=f"quantity_{combination.id}")
    if default_id is not None:
        if default_id not in by_id:
            raise ServiceError("Choisissez une déclinaison par défaut parmi celles du produit.")
        for combination in product.combinations:
            combination.is_default = combination.id == default_id
    db.flush()


def generate_combinations(db: Session, product: Product, attribute_ids: list[int]) -> list[Combination]:
    """Create every combination of the chosen values (one per group at most), skipping existing ones."""
    ids = list(attribute_ids)
    values = db.scalars(select(Attribute).where(Attribute.id.in_(ids))).all() if ids else []
    if not values:
        raise ServiceError("Choisissez au moins une valeur d'attribut pour générer des déclinaisons.",
                           "attribute_ids")
    groups: dict[int, list[Attribute]] = {}
    for value in sorted(values, key=lambda a: (a.group.position, a.group_id, a.position, a.id)):
        groups.setdefault(value.group_id, []).append(value)
    existing = {frozenset(a.id for a in c.attributes) for c in product.combinations}
    created = []
    for chosen in cartesian(*groups.values()):
        key = frozenset(a.id for a in chosen)
        if key in existing:
            continue
        combination = Combination(quantity=0, price_impact_ht=Decimal(0), attributes=list(chosen),
                                  is_default=False)
        product.combinations.append(combination)
        created.append(combination)
        existing.add(key)
    if created and not any(c.is_default for c in product.combinations):
        product.combinations[0].is_default = True
    db.flush()
    return created


def delete_combination(db: Session, product: Product, combination_id: int) -> Combination:
    """Delete one combination of the product; another one becomes the default if needed."""
    combination = next((c for c in product.combinations if c.id == combination_id), None)
    if combination is None:
        raise ServiceError("Cette déclinaison n'existe plus : rechargez la page.")
    db.execute(delete(CartLine).where(CartLine.combination_id == combination.id))
    was_default = combination.is_default
    # db.delete keeps the row's product and values readable for the activity summary of the deletion.
    db.delete(combination)
    db.flush()
    db.expire(product, ["combinations"])
    if was_default and product.combinations:
        product.combinations[0].is_default = True
        db.flush()
    return combination
