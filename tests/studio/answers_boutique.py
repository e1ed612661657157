"""Model answers of boutique subjects A, B, H and I (see ``answers``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Carrier, Category, Customer, CustomerGroup, CustomerThread, Order, Product
from sandbox.services import main_menu
from sandbox.services.catalogue import save_product
from sandbox.services.customer_service import reply, save_predefined, set_status
from sandbox.services.groups import set_category_reduction, set_customer_groups
from sandbox.services.order_create import NewOrder, create_order
from sandbox.services.price_rules import CatalogRuleInput, save_catalog_rule
from sandbox.services.product_extras import add_accessory
from sandbox.services.product_shipping import ShippingInput, save_product_shipping, selectable_carriers
from sandbox.services.promotion_admin import CartRuleInput, Reduction, save_cart_rule
from sandbox.services.shop_contact import contact_details, save_contact
from tests.studio.answers import (
    TEXT_250,
    brand_id,
    by,
    category_id,
    combine,
    employee,
    named,
    note,
    set_state,
    sheet,
    today_plus,
)
from tests.subjects import tasks


def _a(question):
    return lambda db, objects: question(db, named(db, objects, "parure"))


SUBJECT_A = {
    "q1": _a(tasks.question_1),
    "q2": _a(tasks.question_2),
    "q3": lambda db, objects: tasks.question_3(db),
    "q4": lambda db, objects: tasks.question_4(db),
    "q5": lambda db, objects: tasks.question_5(db),
}


def b_q1(db: Session, objects: dict) -> None:
    """The hotel plaid's sheet, four combinations, online."""
    plaid = named(db, objects, "plaid")
    plaids = category_id(db, "Plaids et jetés de lit")
    data = sheet(
        plaid, reference="HOTEL-PLAID", ean13="3760123009010", weight_g=1200,
        brand_id=brand_id(db, "Atelier Hôtel"), price_ht=Decimal("62.50"), price_basis="ht",
        default_category_id=plaids, category_ids=[plaids], summary="Le plaid gaufré des hôtels.",
        description=TEXT_250, active=True,
    )  # fmt: skip
    save_product(db, plaid, data, employee_id=1)
    combine(db, plaid, [["135 x 260", "180 x 260"], ["Lin naturel", "Anthracite"]], 12)


def b_q2(db: Session, objects: dict) -> None:
    """The bath mat can be ordered until its new delivery date."""
    mat = by(db, Product, reference="TAPIS-LIN")
    day = today_plus(db, 28)
    message = f"Réassort prévu le {day:%d/%m/%Y} : commandez dès maintenant"
    save_product(db, mat, sheet(mat, out_of_stock="allow", available_date=day, available_later=message), 1)


def b_q3(db: Session, objects: dict) -> None:
    """The bed set's show price and « En solde ! »."""
    parure = by(db, Product, reference="PARURE-LIN")
    save_product(db, parure, sheet(parure, price_ttc=Decimal("149.90"), on_sale=True), employee_id=1)


def b_q4(db: Session, objects: dict) -> None:
    """The transfer received; a note for the stand appointment."""
    set_state(db, named(db, objects, "virement", Order), "payment_accepted")
    olivier = named(db, objects, "vieux_lille", Customer)
    note(db, olivier, "Rendez-vous au salon : 40 chambres, plaid hôtelier.")


def h_q1(db: Session, objects: dict) -> None:
    """The floor cushion's sheet, three colours, its carriers."""
    coussin = named(db, objects, "coussin")
    data = sheet(
        coussin, reference="COUSSIN-SOL-60", ean13="3760123009218", weight_g=2400, price_ttc=Decimal("59"),
        default_category_id=category_id(db, "Coussins"),
        category_ids=[category_id(db, "Coussins"), category_id(db, "Décoration")],
        summary=TEXT_250, description=TEXT_250, active=True,
        meta_title="Grand coussin de sol en lin | Lin & Nature",
        meta_description="Un coussin de sol en lin lavé, garni, pour le salon et la terrasse.",
    )  # fmt: skip
    save_product(db, coussin, data, employee_id=1)
    combine(db, coussin, [["Lin naturel", "Sauge", "Terracotta"]], 10)
    kept = {"Retrait", "Colissimo", "Mondial"}
    wanted = [c.id for c in selectable_carriers(db) if c.name.split()[0] in kept]
    save_product_shipping(db, coussin, ShippingInput(carrier_ids=wanted))


def h_q2(db: Session, objects: dict) -> None:
    """A spring catalogue rule on bath linen."""
    rule = CatalogRuleInput(
        "Printemps linge de bain", Reduction("percent", Decimal(15)),
        category_id=category_id(db, "Linge de bain"),
        date_from=today_plus(db, 0), date_to=today_plus(db, 9),
    )  # fmt: skip
    save_catalog_rule(db, None, rule)


def h_q3(db: Session, objects: dict) -> None:
    """The reminder code."""
    save_cart_rule(
        db, None,
        CartRuleInput(
            name="Relance paniers abandonnés", code="RELANCE10", date_from=today_plus(db, 0),
            date_to=today_plus(db, 14), minimum_amount=Decimal(60), minimum_tax_included=True, quantity=200,
            quantity_per_user=1, reduction=Reduction("percent", Decimal(10)), exclude_specials=True,
        ),
    )  # fmt: skip


def h_q4(db: Session, objects: dict) -> None:
    """A works council's reduction on bath linen, and its member."""
    cse = by(db, CustomerGroup, name="CSE et comités d'entreprise")
    set_category_reduction(db, cse, category_id(db, "Linge de bain"), Decimal(10))
    benali = named(db, objects, "benali", Customer)
    set_customer_groups(db, benali, [cse.id], cse.id)


def _in_stock(db: Session, reference: str) -> str:
    """How the order form's suggestion names a product's first combination in stock."""
    from sandbox.services.order_search import SEPARATOR, attributes_text

    item = by(db, Product, reference=reference)
    combination = next(c for c in item.combinations if c.quantity >= 2)
    return f"{item.name}{SEPARATOR}{attributes_text(combination)}"


def h_q5(db: Session, objects: dict) -> None:
    """An order placed for the customer by phone, with its message."""
    benali = named(db, objects, "benali", Customer)
    order = NewOrder(
        email=benali.email, address_id=benali.addresses[0].id if benali.addresses else None,
        lines=[(_in_stock(db, "SERV-EPONGE-BLA"), 2), ("DRAP-BAIN-SAU", 1)], payment="transfer",
        carrier_id=by(db, Carrier, name="Colissimo Domicile").id,
        message="Livraison souhaitée sous 48 h pour le comité.",
    )  # fmt: skip
    create_order(db, employee(db), order)


def i_q1(db: Session, objects: dict) -> None:
    """The coated tablecloth: sheet, two sizes (+30 € for the larger), texts, accessory, categories."""
    nappe = named(db, objects, "nappe")
    data = sheet(
        nappe, reference="NAPPE-ENDUITE-27", ean13="3760123009324", weight_g=900,
        brand_id=brand_id(db, "Maison Flandre"), price_ttc=Decimal("79"),
        default_category_id=category_id(db, "Nappes"),
        category_ids=[category_id(db, "Nappes"), category_id(db, "Linge de table")],
        summary=TEXT_250, description=TEXT_250, active=True,
        meta_title="Nappe enduite en lin | Lin & Nature",
        meta_description="Une nappe enduite en lin qui s'essuie d'un coup d'éponge, dehors et dedans.",
    )  # fmt: skip
    save_product(db, nappe, data, employee_id=1)
    combine(db, nappe, [["150 x 150", "150 x 250"]], 15, impacts={"150 x 250": "30"})
    add_accessory(db, nappe, by(db, Product, name="Serviettes de table en lin (lot de 4)").id)


def i_q2(db: Session, objects: dict) -> None:
    """« Linge de table » back in the main menu, third."""
    item = main_menu.add_target(db, "category", category_id(db, "Linge de table"))
    while [e.id for e in main_menu.items(db)].index(item.id) > 2:
        main_menu.move(db, item.id, -1)


def i_q3(db: Session, objects: dict) -> None:
    """Two table napkins bought: the cheapest at half price."""
    napkins = db.scalar(select(Category.id).where(Category.name == "Serviettes de table"))
    save_cart_rule(
        db, None,
        CartRuleInput(
            name="Duo de table", code="DUOTABLE", date_from=today_plus(db, 0), date_to=today_plus(db, 29),
            quantity=1000, reduction=Reduction("percent", Decimal(50)), restriction_quantity=2,
            restrictions={"category": [napkins]}, reduction_apply="cheapest",
        ),
    )  # fmt: skip


def i_q4(db: Session, objects: dict) -> None:
    """The shop's new phone number and opening hours."""
    hours = "du lundi au samedi, de 10 h à 19 h"
    save_contact(db, {**contact_details(db), "phone": "03 20 45 67 90", "opening_hours": hours})


ANSWER = (
    "Bonjour, merci pour votre message. Notre nappe enduite s'entretient simplement : un coup d'éponge "
    "humide suffit, sans détergent agressif. Elle peut aussi passer en machine à 30 °C, sans essorage. "
    "Belle journée, le service client Lin & Nature."
)


def i_q5(db: Session, objects: dict) -> None:
    """The care question answered and closed; the answer kept as a predefined message."""
    thread = named(db, objects, "entretien", CustomerThread)
    reply(db, thread, employee(db), ANSWER)
    set_status(db, thread, "closed")
    save_predefined(db, None, "Entretien nappe enduite", ANSWER)


WORK = {
    "ln-boutique-a": SUBJECT_A,
    "ln-boutique-b": {"q1": b_q1, "q2": b_q2, "q3": b_q3, "q4": b_q4},
    "ln-boutique-h": {"q1": h_q1, "q2": h_q2, "q3": h_q3, "q4": h_q4, "q5": h_q5},
    "ln-boutique-i": {"q1": i_q1, "q2": i_q2, "q3": i_q3, "q4": i_q4, "q5": i_q5},
}
