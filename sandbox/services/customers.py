"""Customer accounts seen from the shop front: registration, login, personal information, addresses."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Address, Customer, CustomerGroup, CustomerGroupMember, Order
from sandbox.security import check_password, hash_password
from sandbox.services import ServiceError
from sandbox.services.pricing import VISITOR_GROUP_ID

# PrestaShop's group for registered customers (« Client »); new accounts join it.
CUSTOMER_GROUP_ID = 3
MIN_PASSWORD = 8
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
POSTCODE_FR = re.compile(r"^\d{5}$")
ADDRESS_FIELDS = (
    "alias",
    "first_name",
    "last_name",
    "company",
    "address1",
    "address2",
    "postcode",
    "city",
    "country",
    "phone",
)


def normalize_email(email: str) -> str:
    """E-mail addresses compare without case or surrounding spaces."""
    return (email or "").strip().lower()


def group_of(db: Session, customer: Customer | None) -> CustomerGroup | None:
    """The group whose prices apply: the customer's default group, else the visitors' group."""
    if customer is not None:
        return customer.default_group
    return db.get(CustomerGroup, VISITOR_GROUP_ID)


def _check_identity(
    db: Session, first_name: str, last_name: str, email: str, customer_id: int | None
) -> None:
    if not first_name.strip():
        raise ServiceError("Indiquez votre prénom.", "first_name")
    if not last_name.strip():
        raise ServiceError("Indiquez votre nom.", "last_name")
    if not EMAIL.match(email):
        raise ServiceError(
            "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).", "email"
        )
    other = db.scalar(
        select(Customer.id).where(func.lower(Customer.email) == email, Customer.is_guest.is_(False))
    )
    if other is not None and other != customer_id:
        raise ServiceError("Un compte existe déjà avec cette adresse e-mail : connectez-vous.", "email")


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ServiceError(f"Le mot de passe doit contenir au moins {MIN_PASSWORD} caractères.", "password")


def _check_birthday(db: Session, birthday: date | None) -> None:
    if birthday is not None and birthday >= seat_now(db).date():
        raise ServiceError("La date de naissance doit être dans le passé.", "birthday")


def register(
    db: Session,
    *,
    gender: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    birthday: date | None = None,
    newsletter: bool = False,
    optin: bool = False,
) -> Customer:
    """Create a customer account in the « Client » group."""
    email = normalize_email(email)
    _check_identity(db, first_name, last_name, email, None)
    _check_password(password)
    _check_birthday(db, birthday)
    group_id = CUSTOMER_GROUP_ID if db.get(CustomerGroup, CUSTOMER_GROUP_ID) else VISITOR_GROUP_ID
    customer = Customer(
        gender=gender or "",
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        password_hash=hash_password(password),
        birthday=birthday,
        newsletter=newsletter,
        optin=optin,
        default_group_id=group_id,
        created_at=seat_now(db),
    )
    db.add(customer)
    db.flush()
    db.add(CustomerGroupMember(customer_id=customer.id, group_id=group_id))
    db.flush()
    return customer


def authenticate(db: Session, email: str, password: str) -> Customer:
    """The active customer with that e-mail and password; one message for any failure (no probing)."""
    customer = db.scalar(
        select(Customer).where(
            func.lower(Customer.email) == normalize_email(email), Customer.is_guest.is_(False)
        )
    )
    # An unknown address is checked against a dummy hash: it costs the time of a known one.
    if not check_password(customer.password_hash if customer else None, password or "") or customer is None:
        raise ServiceError("Échec d'authentification : adresse e-mail ou mot de passe incorrect.", "email")
    if not customer.active:
        raise ServiceError("Ce compte est désactivé : contactez la boutique.", "email")
    return customer


def update_identity(
    db: Session,
    customer: Customer,
    *,
    gender: str,
    first_name: str,
    last_name: str,
    email: str,
    birthday: date | None,
    newsletter: bool,
    optin: bool,
    new_password: str = "",
) -> None:
    """Change the personal information of a customer (and the password when a new one is given)."""
    email = normalize_email(email)
    _check_identity(db, first_name, last_name, email, customer.id)
    _check_birthday(db, birthday)
    if new_password:
        _check_password(new_password)
        customer.password_hash = hash_password(new_password)
    customer.gender = gender or ""
    customer.first_name = first_name.strip()
    customer.last_name = last_name.strip()
    customer.email = email
    customer.birthday = birthday
    customer.newsletter = newsletter
    customer.optin = optin
    db.flush()


def addresses_of(customer: Customer) -> list[Address]:
    """The customer's addresses still in use."""
    return [a for a in customer.addresses if not a.deleted]


def address_of(db: Session, customer: Customer, address_id: int | None) -> Address | None:
    """One of the customer's live addresses, or None."""
    address = db.get(Address, address_id) if address_id else None
    if address is None or address.customer_id != customer.id or address.deleted:
        return None
    return address


def save_address(db: Session, customer: Customer, address: Address | None, values: dict[str, str]) -> Address:
    """Create or update an address of the customer after checking the required fields."""
    values = {k: (values.get(k) or "").strip() for k in ADDRESS_FIELDS}
    for key, message in (
        ("first_name", "Indiquez le prénom."),
        ("last_name", "Indiquez le nom."),
        ("address1", "Indiquez l'adresse (numéro et rue)."),
        ("postcode", "Indiquez le code postal."),
        ("city", "Indiquez la ville."),
    ):
        if not values[key]:
            raise ServiceError(message, key)
    values["country"] = values["country"] or "France"
    if values["country"] == "France" and not POSTCODE_FR.match(values["postcode"]):
        raise ServiceError("Le code postal doit comporter 5 chiffres (exemple : 59100).", "postcode")
    values["alias"] = values["alias"] or "Mon adresse"
    if address is None:
        address = Address(customer_id=customer.id, **values)
        db.add(address)
    else:
        for key, value in values.items():
            setattr(address, key, value)
    db.flush()
    return address


def delete_address(db: Session, address: Address) -> None:
    """Remove an address from the customer's list; kept in the database for the orders that use it."""
    address.deleted = True
    db.flush()


def orders_of(db: Session, customer: Customer) -> list[Order]:
    """The customer's orders, most recent first."""
    return list(
        db.scalars(
            select(Order)
            .where(Order.customer_id == customer.id)
            .order_by(Order.created_at.desc(), Order.id.desc())
        )
    )


def order_of(db: Session, customer: Customer, reference: str) -> Order | None:
    """One of the customer's orders by its reference."""
    return db.scalar(select(Order).where(Order.customer_id == customer.id, Order.reference == reference))
