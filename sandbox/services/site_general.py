"""« Réglages › Général » of the site vitrine: title, tagline and the contact details the site shows.

The contact details are the company's (settings ``company.*``): the site's footer, the « Coordonnées »
block of the contact page and the privacy template all read them, so one edit changes every place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.services import ServiceError

# Form field → setting key, in the order of the screen.
CONTACT_KEYS = {
    "address1": "company.address1", "address2": "company.address2", "postcode": "company.postcode",
    "city": "company.city", "phone": "company.phone", "email": "company.email",
    "hours": "company.opening_hours",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 .()-]{6,25}$")
POSTCODE = re.compile(r"^[0-9A-Za-z -]{3,10}$")
LIMITS = {"address1": 200, "address2": 200, "city": 120, "hours": 300}


@dataclass
class ContactDetails:
    """The contact details as the public site shows them."""

    street: str
    town: str
    phone: str
    email: str
    hours: str

    def lines(self) -> list[str]:
        """Address, phone and hours as display lines (the e-mail is a link, shown apart)."""
        phone = f"Tél. {self.phone}" if self.phone else ""
        return [line for line in (self.street, self.town, phone, self.hours) if line]


def contact_details(db: Session) -> ContactDetails:
    """The contact details of the settings company.*."""
    def c(field: str) -> str:
        return get_setting(db, CONTACT_KEYS[field]).strip()

    street = ", ".join(filter(None, [c("address1"), c("address2")]))
    town = " ".join(filter(None, [c("postcode"), c("city")]))
    return ContactDetails(street, town, c("phone"), c("email"), c("hours"))


def clean_contact(values: dict[str, str]) -> dict[str, str]:
    """Contact details from form text, checked field by field (French message naming the field)."""
    clean = {field: " ".join((values.get(field) or "").split()) for field in CONTACT_KEYS}
    for field, limit in LIMITS.items():
        if len(clean[field]) > limit:
            raise ServiceError(f"Texte trop long ({limit} caractères au plus).", field)
    if clean["email"] and not EMAIL.match(clean["email"]):
        raise ServiceError("Indiquez une adresse e-mail valide, par exemple contact@exemple.fr.", "email")
    if clean["phone"] and not PHONE.match(clean["phone"]):
        raise ServiceError("Indiquez un numéro de téléphone, par exemple 03 20 45 67 89.", "phone")
    if clean["postcode"] and not POSTCODE.match(clean["postcode"]):
        raise ServiceError("Indiquez un code postal, par exemple 59100.", "postcode")
    return clean


def save_general(db: Session, title: str, tagline: str, contact: dict[str, str]) -> None:
    """Site title, tagline and contact details (an unchanged value writes nothing)."""
    title, tagline = (title or "").strip(), (tagline or "").strip()
    if not title:
        raise ServiceError("Indiquez le titre du site.", "title")
    if len(title) > 120:
        raise ServiceError("Le titre est trop long (120 caractères au plus).", "title")
    if len(tagline) > 200:
        raise ServiceError("Le slogan est trop long (200 caractères au plus).", "tagline")
    clean = clean_contact(contact)
    set_setting(db, "site.title", title)
    set_setting(db, "site.tagline", tagline)
    for field, key in CONTACT_KEYS.items():
        set_setting(db, key, clean[field])
    db.flush()
