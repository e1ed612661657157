"""Check types of promotions and shipping, read on a seeded seat (validated as a grid line would be)."""

from __future__ import annotations

from datetime import date

from sandbox.clock import seat_today
from sandbox.models import Carrier
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.integration.shop_admin_helpers import seat_db


def run(db, entry: dict):
    clean, problems = validate_observable(entry, file="grid.toml", where="lines[0]", names={})
    assert problems == []
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def test_cart_rule_sentence_and_expectations(seat, data):
    with seat_db(data, seat.name) as db:
        ok = run(
            db,
            {
                "check": "cart_rule.code",
                "code": "bienvenue10",
                "percent": 10,
                "minimum": "50,00",
                "date_from": "today-139",
                "quantity_per_user": 1,
            },
        )
        assert ok.ok is True
        assert ok.sentence.replace("\xa0", " ") == (
            "Règle panier BIENVENUE10 : réduction -10 %, minimum 50,00 € TTC, du 01/01 au 31/12, "
            "1000 utilisation(s), 1 par client — conforme"
        )
        miss = run(
            db, {"check": "cart_rule.code", "code": "BIENVENUE10", "gift": "Savon", "free_shipping": True}
        )
        assert miss.ok is False and "attendu : livraison gratuite ; cadeau « Savon »" in miss.sentence
        assert run(db, {"check": "cart_rule.code", "code": "PRINTEMPS25"}).ok is False


def test_catalog_rule_specific_price_and_group(seat, data):
    with seat_db(data, seat.name) as db:
        rule = run(
            db, {"check": "catalog_rule.exists", "group": "Professionnels", "percent": 5, "from_quantity": 10}
        )
        assert rule.ok is True and "groupe Professionnels, dès 10 unités" in rule.sentence
        specific = run(
            db,
            {
                "check": "product.specific_price",
                "name": "Savon de Marseille",
                "percent": 10,
                "from_quantity": 3,
            },
        )
        assert specific.ok is True, specific.sentence
        group = run(
            db, {"check": "group.settings", "group": "professionnels", "reduction": 10, "price_display": "ht"}
        )
        assert group.ok is True and group.sentence.startswith("Groupe Professionnels : réduction 10")


def test_carrier_zone_and_removed(seat, data):
    with seat_db(data, seat.name) as db:
        corse = run(
            db, {"check": "carrier.zone", "carrier": "Colissimo", "zone": "Corse", "price_ttc": "9,90"}
        )
        assert corse.ok is True, corse.sentence
        swiss = run(db, {"check": "carrier.zone", "carrier": "Mondial Relay", "zone": "Suisse"})
        assert swiss.ok is False and "ne livre pas cette zone" in swiss.sentence
        assert run(db, {"check": "carrier.removed", "carrier": "Chronopost"}).ok is False
        chrono = next(c for c in db.query(Carrier) if "Chronopost" in c.name)
        chrono.deleted, chrono.active = True, False
        db.flush()
        assert run(db, {"check": "carrier.removed", "carrier": "Chronopost"}).ok is True
        assert seat_today(db) == date(2027, 5, 20)
