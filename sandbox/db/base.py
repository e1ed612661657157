"""Declarative base and column types shared by every seat model."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer, MetaData, Text
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table stored in a seat (and in context/subject templates)."""

    metadata = MetaData(naming_convention=NAMING)


CENT = Decimal("0.01")
MICRO = Decimal("0.000001")


class Cents(TypeDecorator):
    """A euro amount with 2 decimals, stored exactly as integer cents (SQLite has no exact decimal)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(CENT)


class MicroEuros(TypeDecorator):
    """A euro amount with 6 decimals (catalogue prices HT, as PrestaShop keeps them), stored as an integer.

    Six decimals let a price typed TTC be stored HT and give back the same TTC to the cent.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect) -> Decimal | None:
        return None if value is None else (Decimal(value) / 1_000_000).quantize(MICRO)


class JSONText(TypeDecorator):
    """JSON stored as text with sorted keys, so that dumps of two installs compare equal."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: Any, dialect) -> Any:
        return None if value is None else json.loads(value)
