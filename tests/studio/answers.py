"""Model answers of shipped subjects' questions, done through the services the back office calls (the
work of tests/subjects/test_new_subjects.py, as functions the studio tests replay in a model-answer seat)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import Category, Customer, CustomerGroup
from sandbox.services import main_menu
from sandbox.services.groups import set_category_reduction, set_customer_groups
from sandbox.services.price_rules import CatalogRuleInput, save_catalog_rule
from sandbox.services.promotion_admin import Reduction
from sandbox.services.shop_contact import contact_details, save_contact


def subject_h(db: Session) -> None:
    """Subject H, questions 2 and 4: a spring catalogue rule, a works council's reduction and member."""
    today = seat_today(db)
    bath = db.scalar(select(Category.id).where(Category.name == "Linge de bain"))
    rule = CatalogRuleInput(
        "Printemps linge de bain",
        Reduction("percent", Decimal(15)),
        category_id=bath,
        date_from=today,
        date_to=today + timedelta(days=9),
    )
    save_catalog_rule(db, None, rule)
    cse = db.scalar(select(CustomerGroup).where(CustomerGroup.name == "CSE et comités d'entreprise"))
    set_category_reduction(db, cse, bath, Decimal(10))
    benali = db.scalar(select(Customer).where(Customer.email == "k.benali@cse-roquette.fr"))
    set_customer_groups(db, benali, [cse.id], cse.id)


def subject_i(db: Session) -> None:
    """Subject I, questions 2 and 4: « Linge de table » back in the menu, third; the shop's contact."""
    table = db.scalar(select(Category.id).where(Category.name == "Linge de table"))
    item = main_menu.add_target(db, "category", table)
    while [e.id for e in main_menu.items(db)].index(item.id) > 2:
        main_menu.move(db, item.id, -1)
    save_contact(
        db,
        {
            **contact_details(db),
            "phone": "03 20 45 67 90",
            "opening_hours": "du lundi au samedi, de 10 h à 19 h",
        },
    )
