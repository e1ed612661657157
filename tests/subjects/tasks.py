"""The work a candidate does on subject A, done through the services as the back office would."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor, act_as
from sandbox.models import Attribute, Brand, Category, Customer, Order, OrderState, Product
from sandbox.services.catalogue import ProductInput, save_product
from sandbox.services.categories import CategoryInput, save_category
from sandbox.services.combinations import CombinationInput, generate_combinations, update_combinations
from sandbox.services.customer_notes import set_private_note
from sandbox.services.order_status import change_order_state
from sandbox.services.stock import set_combination_quantity

CANDIDATE = Actor("employee", 1, "Candidat Stagiaire")
SIZES = {"140 x 200": ("0", 12), "200 x 200": ("30", 10), "240 x 220": ("60", 8), "260 x 240": ("90", 6)}
DESCRIPTION = (
    "Le chevron, motif emblématique des toiles du Nord, tissé fil à fil dans les Vosges en lin européen "
    "190 g/m². Une housse de couette et ses taies, fermées par des boutons en corozo, douces dès le "
    "premier lavage et qui se patinent joliment. Lavage à 40 °C, sans repassage."
)


def _id(db: Session, model, **where) -> int:
    column, value = next(iter(where.items()))
    return db.scalar(select(model.id).where(getattr(model, column) == value))


def _sheet(db: Session, product: Product, categories: list[int]) -> ProductInput:
    return ProductInput(
        name=product.name,
        tax_id=1,
        default_category_id=_id(db, Category, name="Parures de lit"),
        category_ids=categories,
        price_ttc=Decimal("189.90"),
        price_basis="ttc",
        summary="La parure à chevrons tissée dans les Vosges, en lin européen.",
        description=DESCRIPTION,
        reference="PARURE-CHEVRONS",
        ean13="3760123001717",
        brand_id=_id(db, Brand, name="Maison Flandre"),
        weight_g=2100,
        active=True,
        meta_title="Parure de lit à chevrons en lin | Lin & Nature",
        meta_description="Parure de lit Maison Flandre à chevrons, en lin européen tissé dans les Vosges : "
        "housse de couette et taies, de 189,90 € à 279,90 €.",
    )


def question_1(db: Session, parure: Product) -> None:
    """Complete the product sheet: prices, texts, categories, SEO, combinations with stock."""
    categories = [_id(db, Category, name="Parures de lit"), _id(db, Category, name="Linge de lit")]
    save_product(db, parure, _sheet(db, parure, categories), employee_id=1)
    ids = [_id(db, Attribute, name=size) for size in SIZES]
    generate_combinations(db, parure, ids)
    rows = []
    for combination in parure.combinations:
        impact, quantity = SIZES[combination.attributes[0].name]
        rows.append(
            CombinationInput(
                combination_id=combination.id,
                reference="",
                impact_ht=None,
                impact_ttc=Decimal(impact),
                impact_basis="ttc",
                quantity=quantity,
            )
        )
    update_combinations(db, parure, rows, default_id=None, employee_id=1)


def question_2(db: Session, parure: Product) -> None:
    """Create the brand's category and attach the product to it."""
    category = save_category(
        db,
        None,
        CategoryInput(
            name="Collection Maison Flandre",
            parent_id=1,
            description="Maison Flandre, ce sont les motifs qui ont fait la réputation des toiles du Nord : "
            "rayures, "
            "carreaux vichy et chevrons, tissés fil à fil dans les Vosges à partir de lin européen.",
            meta_title="Collection Maison Flandre | Lin & Nature",
            meta_description="Rayures, vichy et chevrons tissés dans les Vosges : découvrez la collection "
            "Maison Flandre.",
        ),
    )
    categories = [c.id for c in parure.categories] + [category.id]
    save_product(db, parure, _sheet(db, parure, categories), employee_id=1)


def question_3(db: Session) -> None:
    """Correct the counted stocks."""
    for reference, values, quantity in (
        ("NAPPE-VICHY", {"150 x 150", "Terracotta"}, 3),
        ("NAPPE-VICHY", {"150 x 250", "Vert olive"}, 9),
        ("FOUTA", {"Terracotta"}, 4),
    ):
        product = db.scalar(select(Product).where(Product.reference == reference))
        combination = next(c for c in product.combinations if {a.name for a in c.attributes} == values)
        set_combination_quantity(db, combination, quantity, "Inventaire du 19/05/2027", 1)


def question_4(db: Session) -> None:
    """Record the cheque and the delivery."""
    for reference, code in (("KQWHRZTPA", "payment_accepted"), ("TRZPLMQAE", "delivered")):
        order = db.scalar(select(Order).where(Order.reference == reference))
        change_order_state(db, order, _id(db, OrderState, code=code), employee_id=1)


def question_5(db: Session) -> None:
    """Write the customer's private note."""
    customer = db.scalar(select(Customer).where(Customer.email == "agathe@maison-le-prieure.fr"))
    set_private_note(
        db,
        customer,
        "Appel du 20/05 : souhaite la visite de Julien pour équiper 5 chambres en Maison Flandre.",
    )


def do_subject_a(db: Session, parure_id: int) -> None:
    """Every question of subject A, signed by the candidate, committed."""
    act_as(db, CANDIDATE)
    parure = db.get(Product, parure_id)
    question_1(db, parure)
    question_2(db, parure)
    question_3(db)
    question_4(db)
    question_5(db)
    db.commit()
