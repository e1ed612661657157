"""Shipping: zones, countries, the zones and price/weight ranges of carriers, carriers allowed per product."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sandbox.db.base import Base, Cents


class Zone(Base):
    """A shipping zone (France métropolitaine, Corse, DOM-TOM, Union européenne…)."""

    __tablename__ = "zone"
    __activity__ = {"label": "Zone", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "active"})


class Country(Base):
    """A country with its zone; French postcodes of Corsica and overseas departments have their own zone."""

    __tablename__ = "country"
    __activity__ = {"label": "Pays", "title": "name"}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), info={"label": "nom"})
    iso_code: Mapped[str] = mapped_column(String(2), default="", info={"label": "code ISO"})
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id"), info={"label": "zone"})
    active: Mapped[bool] = mapped_column(Boolean, default=True, info={"label": "actif"})


class CarrierZone(Base):
    """A zone a carrier delivers to."""

    __tablename__ = "carrier_zone"
    __activity__ = {"label": "Zone de transporteur", "title": "zone_id"}

    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id", ondelete="CASCADE"), primary_key=True)


class CarrierRange(Base):
    """A price range (€ TTC of products) or weight range (kg) of a carrier: from ≤ value < to."""

    __tablename__ = "carrier_range"
    __activity__ = {"label": "Tranche de transporteur", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"))
    lower: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "à partir de"})
    upper: Mapped[Decimal] = mapped_column(Cents, info={"label": "jusqu'à"})


class CarrierRangePrice(Base):
    """The shipping price HT of a range for one zone."""

    __tablename__ = "carrier_range_price"
    __activity__ = {"label": "Prix de livraison", "title": "range_id"}

    range_id: Mapped[int] = mapped_column(
        ForeignKey("carrier_range.id", ondelete="CASCADE"), primary_key=True
    )
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id", ondelete="CASCADE"), primary_key=True)
    price_ht: Mapped[Decimal] = mapped_column(Cents, info={"label": "prix HT", "kind": "money"})


class ProductCarrier(Base):
    """A carrier allowed for a product; a product without any row may use every carrier."""

    __tablename__ = "product_carrier"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"), primary_key=True)
