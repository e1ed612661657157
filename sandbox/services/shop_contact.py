"""The shop's contact details (Paramètres de la boutique › Contact › Coordonnées), shown in the public footer
(« Informations sur la boutique », ps_contactinfo). Stored as settings shop.<field>."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.services import ServiceError

# Field → French label, in the order of the form; every value is the setting « shop.<field> ».
FIELDS = {
    "name": "Nom de la boutique",
    "email": "Adresse e-mail de la boutique",
    "address1": "Adresse de la boutique (ligne 1)",
    "address2": "Adresse de la boutique (ligne 2)",
    "postcode": "Code postal",
    "city": "Ville",
    "country": "Pays",
    "phone": "Téléphone",
    "opening_hours": "Horaires d'ouverture",
}
LIMITS = {"opening_hours": 300, "address1": 160, "address2": 160, "email": 160}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 .()-]{6,20}$")


def contact_details(db: Session) -> dict[str, str]:
    """The shop's contact details (every field, empty when unset)."""
    return {field: get_setting(db, f"shop.{field}") for field in FIELDS}


def save_contact(db: Session, values: dict[str, str]) -> list[str]:
    """Check and save the contact details; only the fields that changed are written (no event otherwise).
    Returns the fields changed."""
    clean = {field: " ".join((values.get(field) or "").split()) for field in FIELDS}
    if not clean["name"]:
        raise ServiceError("Indiquez le nom de la boutique.", "name")
    if not EMAIL.match(clean["email"]):
        raise ServiceError("Indiquez une adresse e-mail valide (exemple : boutique@exemple.fr).", "email")
    if clean["phone"] and not PHONE.match(clean["phone"]):
        raise ServiceError("Indiquez un numéro de téléphone (chiffres, espaces, « + », points).", "phone")
    if clean["postcode"] and not re.fullmatch(r"[0-9A-Za-z -]{2,10}", clean["postcode"]):
        raise ServiceError("Indiquez un code postal valide (exemple : 59100).", "postcode")
    for field, value in clean.items():
        limit = LIMITS.get(field, 120)
        if len(value) > limit:
            raise ServiceError(f"{limit} caractères au plus.", field)
    current = contact_details(db)
    changed = [field for field in FIELDS if clean[field] != current[field]]
    for field in changed:
        set_setting(db, f"shop.{field}", clean[field])
    db.flush()
    return changed
