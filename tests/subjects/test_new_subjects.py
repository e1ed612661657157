"""The new subjects (H, I, vitrine E and F) can be done: a grid line's observables turn « conforme » when
the candidate does the work through the services the back office calls."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from sandbox.activity.actor import act_as
from sandbox.clock import seat_today
from sandbox.models import Category, Customer, CustomerGroup
from sandbox.services import main_menu
from sandbox.services.groups import set_category_reduction, set_customer_groups
from sandbox.services.price_rules import CatalogRuleInput, save_catalog_rule
from sandbox.services.promotion_admin import Reduction
from sandbox.services.shop_contact import contact_details, save_contact
from sandbox.subjects.observables import observe_all
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import seat_session
from tests.subjects.tasks import CANDIDATE


def _line_ok(db, line: str) -> list[str]:
    """The sentences of a grid line's observables that are not yet « conforme »."""
    observations = observe_all(db, read_subject(db))[line]
    return [o.sentence for o in observations if not o.ok]


def test_subject_h_questions_2_and_4(data, prepared):
    prepared("ln-boutique-h")
    with seat_session(data, "poste-a") as db:
        act_as(db, CANDIDATE)
        assert _line_ok(db, "q2") and _line_ok(db, "q4")
        today = seat_today(db)
        bath = db.scalar(select(Category.id).where(Category.name == "Linge de bain"))
        rule = CatalogRuleInput("Printemps linge de bain", Reduction("percent", Decimal(15)),
                                category_id=bath, date_from=today, date_to=today + timedelta(days=9))
        save_catalog_rule(db, None, rule)
        cse = db.scalar(select(CustomerGroup).where(CustomerGroup.name == "CSE et comités d'entreprise"))
        set_category_reduction(db, cse, bath, Decimal(10))
        benali = db.scalar(select(Customer).where(Customer.email == "k.benali@cse-roquette.fr"))
        set_customer_groups(db, benali, [cse.id], cse.id)
        db.commit()
        assert _line_ok(db, "q2") == [] and _line_ok(db, "q4") == []


def test_subject_i_questions_2_and_4(data, prepared):
    prepared("ln-boutique-i")
    with seat_session(data, "poste-a") as db:
        act_as(db, CANDIDATE)
        assert _line_ok(db, "q2-menu") and _line_ok(db, "q4-coordonnees")
        table = db.scalar(select(Category.id).where(Category.name == "Linge de table"))
        item = main_menu.add_target(db, "category", table)
        while [e.id for e in main_menu.items(db)].index(item.id) > 2:
            main_menu.move(db, item.id, -1)
        save_contact(db, {**contact_details(db), "phone": "03 20 45 67 90",
                          "opening_hours": "du lundi au samedi, de 10 h à 19 h"})
        db.commit()
        assert _line_ok(db, "q2-menu") == [] and _line_ok(db, "q4-coordonnees") == []


def test_subject_vitrine_e_question_2_and_vitrine_f_questions_3_and_5(data, prepared):
    from sandbox.models import get_setting, set_setting
    from sandbox.services.seo_settings import save_breadcrumb
    from sandbox.services.site_settings import SOCIAL_KEYS, save_header, save_reading, save_social

    prepared("ln-vitrine-e", seat="poste-e")
    with seat_session(data, "poste-e") as db:
        act_as(db, CANDIDATE)
        assert _line_ok(db, "q2-tiktok")
        urls = {key: get_setting(db, f"social.{key}") for key in SOCIAL_KEYS}
        save_social(db, True, {**urls, "tiktok": "https://www.tiktok.com/@linetnature"})
        db.commit()
        assert _line_ok(db, "q2-tiktok") == []

    prepared("ln-vitrine-f", seat="poste-f")
    with seat_session(data, "poste-f") as db:
        act_as(db, CANDIDATE)
        assert _line_ok(db, "q3-entete") and _line_ok(db, "q5-navigation")
        save_header(db, "Semaine du lin à l'atelier : ateliers gratuits sur inscription", "")
        set_setting(db, "plugins.seo", "1")  # « Extensions › Activer »
        save_breadcrumb(db, True, "›", "Accueil", "")
        save_reading(db, "posts", "", "6")
        db.commit()
        assert _line_ok(db, "q3-entete") == [] and _line_ok(db, "q5-navigation") == []
