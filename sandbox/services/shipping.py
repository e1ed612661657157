"""Shipping prices: the zone of an address, then each carrier's price by zone and price or weight range."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.db.tx_cache import tx_cached
from sandbox.models import (
    Address,
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Country,
    ProductCarrier,
    Tax,
    Zone,
    get_setting,
)
from sandbox.money import to_cents, ttc_from_ht

ZERO = Decimal("0.00")
KG = Decimal(1000)
DEFAULT_COUNTRY = "France"
# French postcodes with their own zone (PrestaShop ships Corsica and overseas departments apart).
POSTCODE_ZONES = (("20", "Corse"), ("97", "DOM-TOM"), ("98", "DOM-TOM"))


def country_named(db: Session, name: str) -> Country | None:
    """The country of that name (case-insensitive)."""
    wanted = (name or "").strip().lower()
    return tx_cached(db, ("country_named", wanted),
                     lambda: db.scalar(select(Country).where(func.lower(Country.name) == wanted)))


def country_names(db: Session) -> list[str]:
    """Names of the active countries for an address form, the shop's own country first."""
    names = list(db.scalars(select(Country.name).where(Country.active.is_(True)).order_by(Country.name)))
    home = get_setting(db, "shop.country") or DEFAULT_COUNTRY
    return [home, *(n for n in names if n != home)] if home in names else names or [DEFAULT_COUNTRY]


def default_zone(db: Session) -> Zone | None:
    """The zone of the shop's own country, used before the customer gives an address."""
    country = country_named(db, get_setting(db, "shop.country") or DEFAULT_COUNTRY)
    return db.get(Zone, country.zone_id) if country is not None else None


def zone_of(db: Session, address: Address | None) -> Zone | None:
    """The shipping zone of an address (Corsica and overseas by postcode), the default one without address."""
    if address is None:
        return default_zone(db)
    country = country_named(db, address.country or DEFAULT_COUNTRY)
    if country is None:
        return None
    if country.iso_code == "FR":
        for prefix, name in POSTCODE_ZONES:
            if (address.postcode or "").strip().startswith(prefix):
                zone = db.scalar(select(Zone).where(Zone.name == name))
                if zone is not None:
                    return zone
    return db.get(Zone, country.zone_id)


def carrier_zone_ids(db: Session, carrier: Carrier) -> set[int]:
    """Zones a carrier delivers to (empty: it has not been restricted, it delivers everywhere)."""
    # Every carrier is priced on the cart and checkout pages: the table is read once per transaction.
    return set(tx_cached(db, "carrier_zones", lambda: _grouped(
        db.execute(select(CarrierZone.carrier_id, CarrierZone.zone_id)))).get(carrier.id, ()))


def _grouped(rows) -> dict:
    found: dict = {}
    for key, value in rows:
        found.setdefault(key, []).append(value)
    return found


def allowed_for_products(db: Session, carrier: Carrier, product_ids: Iterable[int]) -> bool:
    """Whether every product may travel with that carrier (a product without restriction takes any)."""
    by_product = tx_cached(db, "product_carriers", lambda: _grouped(
        db.execute(select(ProductCarrier.product_id, ProductCarrier.carrier_id))))
    for product_id in set(product_ids):
        allowed = set(by_product.get(product_id, ()))
        if allowed and carrier.id not in allowed:
            return False
    return True


def _range_price(db: Session, carrier: Carrier, value: Decimal, zone_id: int) -> Decimal | None:
    ranges = tx_cached(db, "carrier_ranges", lambda: _grouped(
        (r.carrier_id, r)
        for r in db.scalars(select(CarrierRange).order_by(CarrierRange.lower, CarrierRange.id))))
    ranges = ranges.get(carrier.id, [])
    chosen = next((r for r in ranges if r.lower <= value < r.upper), None)
    if chosen is None and ranges and carrier.out_of_range == "highest" and value >= ranges[-1].upper:
        chosen = ranges[-1]
    if chosen is None:
        return None
    prices = tx_cached(db, "carrier_range_prices", lambda: {
        (r, z): p for r, z, p in db.execute(
            select(CarrierRangePrice.range_id, CarrierRangePrice.zone_id, CarrierRangePrice.price_ht))})
    return prices.get((chosen.id, zone_id))


def carrier_price(
    db: Session,
    carrier: Carrier,
    products_ttc: Decimal,
    zone: Zone | None = None,
    weight_g: int = 0,
    extra_ht: Decimal = ZERO,
) -> tuple[Decimal, Decimal] | None:
    """Shipping (HT, TTC) of a carrier for a cart to a zone; None when the carrier does not deliver there.

    ``extra_ht`` is the products' « frais de port supplémentaires » (× quantity): PrestaShop adds them to
    the carrier's price, except when shipping is free (free carrier or threshold reached).
    """
    zone = zone or default_zone(db)
    zones = carrier_zone_ids(db, carrier)
    if zones and (zone is None or zone.id not in zones):
        return None
    if carrier.is_free or (carrier.free_above_ttc is not None and products_ttc >= carrier.free_above_ttc):
        return ZERO, ZERO
    if carrier.shipping_method in ("price", "weight") and zone is not None:
        value = Decimal(weight_g) / KG if carrier.shipping_method == "weight" else Decimal(products_ttc)
        price_ht = _range_price(db, carrier, value, zone.id)
        if price_ht is None:
            return None
    else:
        price_ht = carrier.price_ht
    tax = db.get(Tax, carrier.tax_id)
    price_ht = to_cents(price_ht + extra_ht)
    return price_ht, ttc_from_ht(price_ht, tax.rate_bp if tax else 0)
