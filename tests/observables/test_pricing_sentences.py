"""What the examiner reads next to a grid line for the price checks (sandbox/subjects/observables/pricing.py):
the whole French sentence, facts then « conforme » or what is missing, on the seeded seat changed as a
candidate would (found by mutation testing: scripts/mutation.sh observables-pricing; test_both_ways.py
proves ✓ and ✗, this file the words, signs and amounts shown)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import (
    CartRule,
    CartRuleRestriction,
    Category,
    CustomerGroup,
    GroupCategoryReduction,
)
from tests.observables.both_ways import Case, arrange, check
from tests.observables.cases_shop_catalogue import GAZE, LIN, _colissimo_and_chronopost, product
from tests.observables.cases_shop_promotions import _pro_bed_linen, _two_sheets


def _sauge_six_euros_less(db: Session) -> None:
    """Drap housse en gaze 160 x 200 Sauge: an impact of -5,00 € HT (-6,00 € TTC) instead of +10,00."""
    combination = next(c for c in product(db, GAZE).combinations
                       if {a.name for a in c.attributes} == {"160 x 200", "Sauge"})
    combination.price_impact_ht = Decimal("-5")


def _lin_fees_and_size(db: Session) -> None:
    lin = product(db, LIN)
    lin.additional_shipping_ht, lin.width_cm, lin.height_cm, lin.depth_cm = (
        Decimal("2.5"), Decimal("30"), Decimal("4.5"), Decimal("25"))


def _selection_of_products_only(db: Session) -> None:
    """DRAPS: a selection of three products, no other kind, on one product."""
    _two_sheets(db)
    rule = db.scalar(select(CartRule).where(CartRule.code == "LIT2"))
    for row in db.scalars(select(CartRuleRestriction).where(CartRuleRestriction.cart_rule_id == rule.id)):
        db.delete(row)
    rule.reduction_apply, rule.reduction_product_id = "product", product(db, LIN).id


def _two_sheets_then_a_season(db: Session) -> None:
    """LIT2, then a newer rule « Draps de saison » (DRAPS) without selection: « draps » names both."""
    _two_sheets(db)
    rule = db.scalar(select(CartRule).where(CartRule.code == "LIT2"))
    db.add(CartRule(name="Draps de saison", code="DRAPS", date_from=rule.date_from, date_to=rule.date_to,
                    reduction_type="percent", reduction=Decimal("5")))


def _pro_two_categories(db: Session) -> None:
    _pro_bed_linen(db)
    db.add(GroupCategoryReduction(
        group_id=db.scalar(select(CustomerGroup.id).where(CustomerGroup.name == "Professionnels")),
        category_id=db.scalar(select(Category.id).where(Category.name == "Linge de bain")), reduction_bp=550))


IMPACT = "Produit Drap housse en gaze de coton bio, déclinaison 160 x 200, Sauge : impact "
LIN_CARRIERS = "Produit Drap housse en lin lavé Blanc : transporteurs "
SHEETS = ("Règle panier LIT2 : sélection Drap housse en lin lavé Blanc ; catégorie Linge de lit ; marque "
          "Lin & Nature ; valeur d'attribut Taille : 140 x 190 (au moins 2 produit(s)) ; réduction sur le "
          "produit le moins cher")
PRO = "Groupe Professionnels : réduction par catégorie "
PRO_TWO = PRO + "Linge de bain 5,5 %; Linge de lit 15 % (réduction générale 10 %) — "

SENTENCES = [
    # product.combination_impact: signed amounts, TTC and HT, read back as typed (with €, signs, spaces).
    ("product.combination_impact", {"product": GAZE, "attributes": "160 x 200, sauge",
                                    "impact_ttc": "+12,00 €", "impact_ht": " 10 "}, None,
     IMPACT + "+12,00 € TTC (+10,00 € HT), prix final 56,90 € — conforme"),
    ("product.combination_impact", {"product": GAZE, "attributes": "160 x 200, Sauge", "impact_ttc": "-6,00",
                                    "impact_ht": "-5 €"}, _sauge_six_euros_less,
     IMPACT + "-6,00 € TTC (-5,00 € HT), prix final 38,90 € — conforme"),
    ("product.combination_impact", {"product": GAZE, "attributes": "160 x 200, Sauge", "impact_ttc": "+6,00",
                                    "impact_ht": "-10,00"}, _sauge_six_euros_less,
     IMPACT + "-6,00 € TTC (-5,00 € HT), prix final 38,90 € — attendu : impact +6,00 TTC ; impact -10,00 HT"),
    ("product.combination_impact", {"product": GAZE, "attributes": "90 x 190, Blanc", "impact_ht": "abc"},
     None, "Produit Drap housse en gaze de coton bio, déclinaison 90 x 190, Blanc : impact +0,00 € TTC "
     "(+0,00 € HT), prix final 44,90 € — attendu : impact abc HT"),
    ("product.combination_impact", {"product": GAZE, "attributes": "200 x 200"}, None,
     "Produit Drap housse en gaze de coton bio : aucune déclinaison « 200 x 200 »"),
    ("product.combination_impact", {"product": "NAPPE-X", "attributes": "160 x 200"}, None,
     "Produit « NAPPE-X » introuvable"),
    # product.carriers: carriers ticked, extra fees and package size, each miss named.
    ("product.carriers", {"product": LIN, "carriers": ["colissimo", "chronopost"], "all_carriers": False},
     _colissimo_and_chronopost, LIN_CARRIERS + "Colissimo Domicile, Chronopost — express ; frais de port "
     "supplémentaires 0,00 € HT ; colis 0,0 × 0,0 × 0,0 cm — conforme"),
    ("product.carriers", {"product": LIN, "carriers": ["Colissimo", "Mondial"], "all_carriers": True,
                          "additional_shipping": "2,00"}, _colissimo_and_chronopost,
     LIN_CARRIERS + "Colissimo Domicile, Chronopost — express ; frais de port supplémentaires 0,00 € HT ; "
     "colis 0,0 × 0,0 × 0,0 cm — attendu : transporteur « Mondial » coché ; aucun transporteur coché ; "
     "frais de port supplémentaires 2,00 € HT"),
    ("product.carriers", {"product": LIN, "all_carriers": True, "additional_shipping": "2,5"},
     _lin_fees_and_size, LIN_CARRIERS + "tous (aucune restriction) ; frais de port supplémentaires "
     "2,50 € HT ; colis 30,0 × 4,5 × 25,0 cm — conforme"),
    ("product.carriers", {"product": LIN, "all_carriers": False}, _lin_fees_and_size,
     LIN_CARRIERS + "tous (aucune restriction) ; frais de port supplémentaires 2,50 € HT ; colis "
     "30,0 × 4,5 × 25,0 cm — attendu : des transporteurs cochés"),
    ("product.carriers", {"product": LIN, "carriers": ["Colissimo"]}, None,
     LIN_CARRIERS + "tous (aucune restriction) ; frais de port supplémentaires 0,00 € HT ; colis 0,0 × 0,0 × "
     "0,0 cm — attendu : transporteur « Colissimo » coché ; 1 transporteur(s) coché(s) seulement"),
    ("product.carriers", {"product": "NAPPE-X"}, None, "Produit « NAPPE-X » introuvable"),
    # cart_rule.restrictions: the selection and what the reduction applies to.
    ("cart_rule.restrictions", {"code": " lit2 ", "category": "linge de lit", "brand": "lin",
                                "attribute": "140", "product": "drap housse", "min_quantity": 2,
                                "apply_to": "cheapest"}, _two_sheets, SHEETS + " — conforme"),
    ("cart_rule.restrictions", {"code": "LIT2", "category": "Décoration", "brand": "Petit Lin",
                                "attribute": "90 x 190", "product": "Nappe", "min_quantity": 3,
                                "apply_to": "selected"}, _two_sheets,
     SHEETS + " — attendu : catégorie « Décoration » dans la sélection ; marque « Petit Lin » dans la "
     "sélection ; valeur « 90 x 190 » dans la sélection ; produit « Nappe » dans la sélection ; au moins 3 "
     "produit(s) de la sélection ; réduction appliquée à « Produit(s) sélectionné(s) »"),
    ("cart_rule.restrictions", {"name": "deux draps", "apply_to": "product"}, _selection_of_products_only,
     "Règle panier LIT2 : sélection Drap housse en lin lavé Blanc (au moins 2 produit(s)) ; réduction sur le "
     "produit Drap housse en lin lavé Blanc — conforme"),
    ("cart_rule.restrictions", {"code": "BIENVENUE10"}, None,
     "Règle panier BIENVENUE10 : sélection aucune ; réduction sur la commande — attendu : une sélection de "
     "produits"),
    ("cart_rule.restrictions", {"code": "BIENVENUE10", "apply_to": "order"}, None,
     "Règle panier BIENVENUE10 : sélection aucune ; réduction sur la commande — conforme"),
    ("cart_rule.restrictions", {"name": "trois draps"}, _two_sheets, "Aucune règle panier « trois draps »"),
    ("cart_rule.restrictions", {"name": "draps"}, _two_sheets_then_a_season,  # the newest of the two
     "Règle panier DRAPS : sélection aucune ; réduction sur la commande — attendu : une sélection de "
     "produits"),
    ("cart_rule.restrictions", {"code": "ETE30"}, None, "Aucune règle panier « ETE30 »"),
    # group.category_reduction: every category's rate listed, the one asked for checked.
    ("group.category_reduction", {"group": "professionnels", "category": "linge de bain", "reduction": "5,5"},
     _pro_two_categories, PRO_TWO + "conforme"),
    ("group.category_reduction", {"group": "Professionnels", "category": "Linge de bain", "reduction": "15"},
     _pro_two_categories, PRO_TWO + "attendu : 15 % sur la catégorie « Linge de bain »"),
    ("group.category_reduction", {"group": "Professionnels", "category": "Décoration"}, _pro_two_categories,
     PRO_TWO + "attendu : une réduction sur la catégorie « Décoration »"),
    ("group.category_reduction", {"group": "Professionnels", "reduction": "20"}, _pro_two_categories,
     PRO_TWO + "attendu : une réduction de 20 % sur une catégorie"),
    ("group.category_reduction", {"group": "Professionnels"}, None,
     PRO + "aucune (réduction générale 10 %) — attendu : au moins une réduction par catégorie"),
    ("group.category_reduction", {"group": "Grossistes"}, None,
     "Aucun groupe de clients nommé « Grossistes »"),
]


def nbsp(text: str) -> str:
    """Amounts and rates as the check writes them: a no-break space before « € » and « % »."""
    return text.replace(" €", "\xa0€").replace(" %", "\xa0%")


@pytest.mark.parametrize(("name", "params", "change", "sentence"), SENTENCES,
                         ids=[f"{s[0]} {i}" for i, s in enumerate(SENTENCES)])
def test_the_examiner_reads_the_facts_and_what_is_missing(case_db, name, params, change, sentence):
    found = check(case_db, name, params, arrange(case_db, Case(name, params, True, change)))
    assert found.sentence == nbsp(sentence)
    assert found.ok is sentence.endswith("— conforme")  # ✗, not « not compared », when nothing is found
