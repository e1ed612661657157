"""Payment back office: switch the payment methods, bank transfer details, restrictions by group / carrier.

State lives in the settings the checkout already reads (payment.<module>.enabled, payment.wire.*).
Restrictions are stored as comma-separated ids in payment.<module>.groups / .carriers; a missing
setting means « every group / carrier » (the shop's state before anyone touched the preferences).
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from sandbox.models import get_setting, set_setting
from sandbox.services import ServiceError

MODULES = {"cheque": "Chèque", "wire": "Virement bancaire"}
WIRE_FIELDS = ("owner", "iban", "bic", "bank", "details")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def is_enabled(db: Session, module: str) -> bool:
    """Whether a payment module is switched on (on by default)."""
    return get_setting(db, f"payment.{module}.enabled", "1") != "0"


def set_enabled(db: Session, module: str, enabled: bool) -> None:
    """Switch a payment module on or off; the last active one cannot be switched off."""
    if module not in MODULES:
        raise ServiceError("Ce moyen de paiement n'existe pas.")
    if not enabled and is_enabled(db, module) and not any(
        is_enabled(db, m) for m in MODULES if m != module
    ):
        raise ServiceError(
            f"Impossible de désactiver « {MODULES[module]} » : c'est le dernier moyen de paiement actif, "
            "vos clients ne pourraient plus commander. Activez d'abord un autre moyen de paiement."
        )
    set_setting(db, f"payment.{module}.enabled", "1" if enabled else "0")


def compact_iban(value: str) -> str:
    """An IBAN without spaces, in capitals."""
    return re.sub(r"\s+", "", value or "").upper()


def iban_error(value: str) -> str | None:
    """Why an IBAN is not a valid French IBAN (None when it is)."""
    iban = compact_iban(value)
    if not re.fullmatch(r"FR\d{2}[0-9A-Z]{23}", iban):
        return "L'IBAN doit être un IBAN français : FR suivi de 25 chiffres ou lettres (27 caractères)."
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return "Cet IBAN n'est pas valide : la clé de contrôle ne correspond pas. Vérifiez chaque caractère."
    return None


def format_iban(value: str) -> str:
    """An IBAN in groups of four characters, as printed on a RIB."""
    iban = compact_iban(value)
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def wire_details(db: Session) -> dict[str, str]:
    """The bank transfer settings, by field."""
    return {k: get_setting(db, f"payment.wire.{k}") for k in WIRE_FIELDS}


def configure_wire(db: Session, values: dict[str, str]) -> None:
    """Save the bank transfer details, checked (French errors on the field, nothing saved)."""
    clean = {k: (values.get(k) or "").strip() for k in WIRE_FIELDS}
    if not clean["owner"]:
        raise ServiceError("Indiquez le titulaire du compte.", "owner")
    error = iban_error(clean["iban"])
    if error:
        raise ServiceError(error, "iban")
    clean["iban"] = format_iban(clean["iban"])
    clean["bic"] = clean["bic"].replace(" ", "").upper()
    if not _BIC.match(clean["bic"]):
        raise ServiceError(
            "Le BIC compte 8 ou 11 caractères (lettres et chiffres), par exemple AGRIFRPP.", "bic"
        )
    for key, value in clean.items():
        set_setting(db, f"payment.wire.{key}", value)


def restriction(db: Session, module: str, kind: str) -> set[int] | None:
    """Ids of the groups or carriers ('groups' / 'carriers') allowed to use a module (None: all)."""
    raw = get_setting(db, f"payment.{module}.{kind}", "*")
    if raw.strip() == "*":
        return None
    return {int(i) for i in raw.split(",") if i.strip().isdigit()}


def set_restriction(db: Session, module: str, kind: str, ids: set[int], every: set[int]) -> None:
    """Store which groups or carriers may use a module (« * » when every one of them may)."""
    value = "*" if every <= ids else ",".join(str(i) for i in sorted(ids))
    set_setting(db, f"payment.{module}.{kind}", value)


def allowed(db: Session, module: str, group_id: int | None, carrier_id: int | None) -> bool:
    """Whether a customer of that group, with that carrier, may pay with a module."""
    for kind, value in (("groups", group_id), ("carriers", carrier_id)):
        ids = restriction(db, module, kind)
        if value is not None and ids is not None and value not in ids:
            return False
    return True
