"""Settings the author changed, said as the check made for what they configure (see ``propose``): the shop's
contact details, the return conditions; any other key as ``setting.equals``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.models import get_setting

Candidate = dict


def _contact(db: Session, key: str, value: str) -> list[Candidate]:
    from sandbox.services.shop_contact import FIELDS

    field = key.split(".", 1)[1]
    return [{"check": "shop.contact", "field": field, "equals": value}] if field in FIELDS and value else []


def _returns(db: Session, key: str, value: str) -> list[Candidate]:
    entry: Candidate = {"check": "returns.conditions", "enabled": get_setting(db, "returns.enabled") == "1"}
    days = get_setting(db, "returns.days")
    if days.isdigit():
        entry["days"] = int(days)
    return [entry]


# Setting key prefix → the check made for it; the entry keeps setting.equals too (a key an author knows).
BY_PREFIX = {"shop.": _contact, "returns.": _returns}


def setting_checks(db: Session, key: str, value: str) -> list[Candidate]:
    """Checks for a changed setting: the dedicated one for what it configures, and its own value."""
    special = next((f for prefix, f in BY_PREFIX.items() if key.startswith(prefix)), None)
    found = special(db, key, value) if special else []
    return [*found, {"check": "setting.equals", "key": key, "value": value}]
