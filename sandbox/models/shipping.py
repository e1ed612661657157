"""Shipping: zones, countries, the zones and price/weight ranges of carriers, carriers allowed per product."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, object_session

from sandbox.db.base import Base, Cents

WORDS = {"create": "ajoutée", "delete": "retirée"}


def _name(obj, model: str, ident) -> str:
    """The name of a related row (carrier, zone) for a summary."""
    from sandbox import models

    session = object_session(obj)
    row = session.get(getattr(models, model), ident) if session is not None and ident is not None else None
    return row.name if row is not None else f"n° {ident}"


def _range_text(session, range_id) -> tuple[str, str]:
    """Carrier name and « 0,00–5,00 kg » of a range."""
    from sandbox.formatting import format_number
    from sandbox.models import Carrier

    row = session.get(CarrierRange, range_id) if session is not None else None
    if row is None:
        return "?", f"tranche n° {range_id}"
    carrier = session.get(Carrier, row.carrier_id)
    unit = "kg" if carrier is not None and carrier.shipping_method == "weight" else "€"
    name = carrier.name if carrier is not None else "?"
    return name, f"tranche {format_number(row.lower, 2)}–{format_number(row.upper, 2)} {unit}"


class Zone(Base):
    """A shipping zone (France métropolitaine, Corse, DOM-TOM, Union européenne…)."""

    __tablename__ = "zone"
    __activity__ = {"label": "Zone", "gender": "f", "title": "name"}

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
    __activity__ = {"label": "Zone de transporteur", "gender": "f", "title": "zone_id"}

    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id", ondelete="CASCADE"), primary_key=True)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Transporteur « Mondial Relay » : zone Suisse ajoutée »."""
        if action not in WORDS:
            return None
        carrier, zone = _name(self, "Carrier", self.carrier_id), _name(self, "Zone", self.zone_id)
        return f"Transporteur « {carrier} » : zone {zone} {WORDS[action]}"


class CarrierRange(Base):
    """A price range (€ TTC of products) or weight range (kg) of a carrier: from ≤ value < to."""

    __tablename__ = "carrier_range"
    __activity__ = {"label": "Tranche de transporteur", "gender": "f", "title": "id"}

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"))
    lower: Mapped[Decimal] = mapped_column(Cents, default=Decimal(0), info={"label": "à partir de"})
    upper: Mapped[Decimal] = mapped_column(Cents, info={"label": "jusqu'à"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Transporteur « Mondial Relay » : tranche 0,00–5,00 kg ajoutée »."""
        carrier, text = _range_text(object_session(self), self.id)
        if action in WORDS:
            return f"Transporteur « {carrier} » : {text} {WORDS[action]}"
        return None


class CarrierRangePrice(Base):
    """The shipping price HT of a range for one zone."""

    __tablename__ = "carrier_range_price"
    __activity__ = {"label": "Prix de livraison", "title": "range_id"}

    range_id: Mapped[int] = mapped_column(
        ForeignKey("carrier_range.id", ondelete="CASCADE"), primary_key=True
    )
    zone_id: Mapped[int] = mapped_column(ForeignKey("zone.id", ondelete="CASCADE"), primary_key=True)
    price_ht: Mapped[Decimal] = mapped_column(Cents, info={"label": "prix HT", "kind": "money"})

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Transporteur « Mondial Relay », tranche 0,00–5,00 kg, zone Suisse : 9,90 € HT »."""
        from sandbox.formatting import format_money

        carrier, text = _range_text(object_session(self), self.range_id)
        head = f"Transporteur « {carrier} », {text}, zone {_name(self, 'Zone', self.zone_id)}"
        return f"{head} : prix retiré" if action == "delete" else f"{head} : {format_money(self.price_ht)} HT"


class ProductCarrier(Base):
    """A carrier allowed for a product; a product without any row may use every carrier."""

    __tablename__ = "product_carrier"
    __activity__ = {"label": "Transporteur d'un produit", "title": "carrier_id"}

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id", ondelete="CASCADE"), primary_key=True)

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Produit « Plaid Ardoise » : transporteur Colissimo autorisé » (or « retiré »)."""
        word = {"create": "autorisé", "delete": "retiré"}.get(action)
        if word is None:
            return None
        product, carrier = _name(self, "Product", self.product_id), _name(self, "Carrier", self.carrier_id)
        return f"Produit « {product} » : transporteur {carrier} {word}"
