"""Change types of prices and shipping: a product restricted to some carriers, a group's category reduction.

A product without a carrier restriction (the seeded state) needs no change; these put in place what a
subject asks the candidate to notice or correct (« le plaid ne part qu'en Chronopost… »).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sandbox.models import Carrier, CustomerGroup, GroupCategoryReduction, Product, ProductCarrier
from sandbox.money import to_cents
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.observables.common import fold
from sandbox.subjects.params import Param, ref


@change(
    "product.carriers",
    label="Produit limité à certains transporteurs",
    produces="Product",
    params={
        "product": ref("product", '"PLAID-ARDOISE" (référence d\'un produit du contexte)'),
        "carriers": Param("list", '["Chronopost"] (mots du nom de chaque transporteur autorisé)'),
        "additional_shipping": Param("money", '"4,00" (frais de port supplémentaires HT, facultatif)', False),
    },
)
def restrict_carriers(ctx: ChangeContext, p: dict) -> Product:
    """Tick only these carriers on the product sheet (and set its extra shipping fees when given)."""
    product = ctx.get("product", "product", p["product"])
    carriers = ctx.db.scalars(select(Carrier).where(Carrier.deleted.is_(False)).order_by(Carrier.id)).all()
    chosen = []
    for wanted in p["carriers"]:
        carrier = next((c for c in carriers if fold(wanted) in fold(c.name)), None)
        if carrier is None:
            raise ChangeFailure(
                "carriers",
                f"aucun transporteur nommé « {wanted} »",
                "recopiez des mots du nom d'un transporteur (Livraison › Transporteurs) : « Colissimo »",
            )
        chosen.append(carrier.id)
    for carrier_id in sorted(set(chosen)):
        ctx.db.add(ProductCarrier(product_id=product.id, carrier_id=carrier_id))
    if "additional_shipping" in p:
        product.additional_shipping_ht = to_cents(Decimal(p["additional_shipping"]))
    ctx.db.flush()
    return product


@change(
    "group.category_reduction",
    label="Réduction d'un groupe sur une catégorie",
    produces="CustomerGroup",
    params={
        "group": ref("group", '"Professionnels" (nom d\'un groupe de clients)'),
        "category": ref("category", '"Linge de bain" (nom d\'une catégorie)'),
        "reduction": Param("money", '"5" (réduction en %, de 0,01 à 100)'),
    },
)
def category_reduction(ctx: ChangeContext, p: dict) -> CustomerGroup:
    """Give a group a reduction on a category, as Clients › Groupes › « Réduction par catégorie » does."""
    group = ctx.get("group", "group", p["group"])
    category = ctx.get("category", "category", p["category"])
    percent = Decimal(p["reduction"])
    if not 0 < percent <= 100:
        raise ChangeFailure("reduction", f"« {p['reduction']} » n'est pas un pourcentage",
                            "indiquez de 0,01 à 100")
    ctx.db.add(GroupCategoryReduction(group_id=group.id, category_id=category.id,
                                      reduction_bp=int(percent * 100)))
    ctx.db.flush()
    return group
