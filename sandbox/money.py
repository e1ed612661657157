"""Exact money arithmetic (Decimal) and tax conversions used by the whole shop."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import NumberFormatError, parse_decimal

NARROW_NBSP = "\u202f"
CENT = Decimal("0.01")
MICRO = Decimal("0.000001")
# Far above any price or order of the exam's shop; larger amounts (« 1e308 ») overflow the conversions.
MAX_AMOUNT = Decimal("999999999.99")


def to_cents(amount: Decimal) -> Decimal:
    """Round an amount to the cent, half up, as invoices do."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def rate_of(rate_bp: int) -> Decimal:
    """Tax rate as a fraction from basis points (2000 → 0.20)."""
    return Decimal(rate_bp) / Decimal(10_000)


def ttc_from_ht(price_ht: Decimal, rate_bp: int) -> Decimal:
    """Price including tax, rounded to the cent, from a price excluding tax."""
    return to_cents(Decimal(price_ht) * (1 + rate_of(rate_bp)))


def ht_from_ttc(price_ttc: Decimal, rate_bp: int) -> Decimal:
    """Price excluding tax with 6 decimals, so that it gives back exactly the same TTC."""
    return (Decimal(price_ttc) / (1 + rate_of(rate_bp))).quantize(MICRO, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """Parse an amount typed the French way ("1 234,50", "44,9 €"); raise ValueError with a French message."""
    invalid = f"« {text} » n'est pas un montant valide (exemple : 1 234,50)."
    cleaned = (text or "").replace("€", "").strip()
    if "e" in cleaned.lower() or "n" in cleaned.lower():  # « 1e308 », « NaN », « Infinity »: not prices
        raise ValueError(invalid)
    # Any space typed between thousands counts as CLDR's narrow no-break space (Babel's group symbol).
    cleaned = cleaned.replace(" ", NARROW_NBSP).replace("\xa0", NARROW_NBSP)
    try:
        value = parse_decimal(cleaned, locale="fr_FR", strict=True)
    except NumberFormatError as exc:
        raise ValueError(invalid) from exc
    if abs(value) > MAX_AMOUNT:
        raise ValueError(f"« {text} » : montant trop élevé (999 999 999,99 au plus).")
    return value
