"""Exact money: HT/TTC conversions and French formats."""

from decimal import Decimal

import pytest

from sandbox.formatting import format_date, format_money, format_percent
from sandbox.money import ht_from_ttc, parse_amount, ttc_from_ht


@pytest.mark.parametrize("ttc", ["44.90", "49.00", "0.01", "1234.50", "9.99", "129.90"])
@pytest.mark.parametrize("rate_bp", [2000, 1000, 550, 210])
def test_a_price_typed_ttc_gives_back_the_same_ttc(ttc, rate_bp):
    assert ttc_from_ht(ht_from_ttc(Decimal(ttc), rate_bp), rate_bp) == Decimal(ttc)


def test_ht_keeps_six_decimals():
    assert ht_from_ttc(Decimal("44.90"), 2000) == Decimal("37.416667")


def test_french_formats():
    from datetime import date

    assert format_money(Decimal("1234.5")) == "1\u202f234,50\xa0€"
    assert format_date(date(2027, 5, 20)) == "20/05/2027"
    assert format_percent(550) == "5,5\xa0%"
    assert format_percent(2000) == "20\xa0%"


@pytest.mark.parametrize("typed, value", [("1 234,50", "1234.50"), ("44,9 €", "44.9"), ("12", "12")])
def test_parse_amount_reads_french_input(typed, value):
    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["abc", "", "1,2,3", "NaN"])
def test_parse_amount_refuses_garbage_in_french(typed):
    with pytest.raises(ValueError, match="n'est pas un montant valide"):
        parse_amount(typed)
