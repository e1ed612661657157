"""Customers edited by employees: identity, password, groups and default group, note, addresses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Customer, CustomerGroup, CustomerGroupMember
from sandbox.security import hash_password
from sandbox.services import ServiceError
from sandbox.services.customer_notes import set_private_note
from sandbox.services.customers import (
    _check_birthday,
    _check_identity,
    _check_password,
    normalize_email,
)


def save_customer(
    db: Session,
    customer: Customer | None,
    *,
    gender: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    birthday: date | None,
    company: str,
    siret: str,
    group_ids: list[int],
    default_group_id: int | None,
    newsletter: bool,
    optin: bool,
    active: bool,
    note: str,
) -> Customer:
    """Create or update a customer; the default group must be one of its groups."""
    email = normalize_email(email)
    _check_identity(db, first_name or "", last_name or "", email, customer.id if customer else None)
    if customer is None or password:
        _check_password(password)
    _check_birthday(db, birthday)
    siret = "".join((siret or "").split())
    if siret and (not siret.isdigit() or len(siret) != 14):
        raise ServiceError("Le SIRET comporte 14 chiffres (exemple : 12345678900012).", "siret")
    groups = [db.get(CustomerGroup, gid) for gid in dict.fromkeys(group_ids or [])]
    if not groups or None in groups:
        raise ServiceError("Cochez au moins un groupe pour ce client.", "groups")
    if default_group_id not in {g.id for g in groups}:
        raise ServiceError("Le groupe par défaut doit être un des groupes cochés.", "default_group_id")
    if customer is None:
        customer = Customer(created_at=seat_now(db), password_hash="")
        db.add(customer)
    customer.gender = gender if gender in ("M.", "Mme") else ""
    customer.first_name, customer.last_name, customer.email = first_name.strip(), last_name.strip(), email
    customer.birthday, customer.company, customer.siret = birthday, (company or "").strip(), siret
    customer.newsletter, customer.optin, customer.active = bool(newsletter), bool(optin), bool(active)
    customer.default_group_id = default_group_id
    if password:
        customer.password_hash = hash_password(password)
    set_private_note(db, customer, note)
    db.flush()
    current = set(
        db.scalars(select(CustomerGroupMember.group_id).where(CustomerGroupMember.customer_id == customer.id))
    )
    wanted = {g.id for g in groups}
    if current - wanted:
        db.execute(
            delete(CustomerGroupMember).where(
                CustomerGroupMember.customer_id == customer.id,
                CustomerGroupMember.group_id.in_(current - wanted),
            )
        )
    for gid in sorted(wanted - current):
        db.add(CustomerGroupMember(customer_id=customer.id, group_id=gid))
    db.flush()
    db.expire(customer, ["groups", "default_group"])
    return customer


def all_groups(db: Session) -> list[CustomerGroup]:
    """Customer groups, in id order."""
    return list(db.scalars(select(CustomerGroup).order_by(CustomerGroup.id)))
