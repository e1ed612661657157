"""Candidate observables for after-sales, the team and customer groups (see ``propose``): SAV threads,
canned replies, returns, credit slips, reviews, employees, permissions and groups.

A reference to an object that only a pack name can designate (a thread, a return, a review) is given as
its primary key: ``propose.named`` turns it into the pack's « @nom », or drops the candidate.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sandbox.models import (
    CreditSlip,
    CustomerGroup,
    CustomerThread,
    Employee,
    PredefinedMessage,
    Profile,
    ProfilePermission,
    ReturnRequest,
)

Candidate = dict


def thread(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A customer-service thread answered, and its status."""
    row = db.get(CustomerThread, int(oid))
    if row is None:
        return []
    out = []
    answers = [m.body for m in row.messages if m.employee_id and not m.private]
    if "messages" in fields and answers:
        out.append({"check": "thread.answered", "thread": row.id, "min_chars": min(40, len(answers[-1]))})
    if "status" in fields:
        out.append({"check": "thread.status", "thread": row.id, "status": row.status})
    return out


def predefined(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A canned reply the author wrote."""
    row = db.get(PredefinedMessage, int(oid))
    return [] if row is None else [{"check": "predefined_message.exists", "name": row.name}]


def return_request(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A return's new state."""
    row = db.get(ReturnRequest, int(oid))
    if row is None or "state" not in fields:
        return []
    return [{"check": "return.state", "return": row.id, "state": row.state}]


def credit_slip(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A credit slip issued on an order."""
    row = db.get(CreditSlip, int(oid))
    if row is None:
        return []
    kind = "partial" if row.partial else "total"
    return [{"check": "credit_slip.issued", "order": row.order.reference, "kind": kind}]


def product_comment(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A review deleted (or validated) in the back office."""
    from sandbox.models import ProductComment

    row = db.get(ProductComment, int(oid))
    if row is None:
        return [{"check": "product_comment.status", "comment": int(oid), "expect": "deleted"}]
    if "validated" in fields:
        return [{"check": "product_comment.status", "comment": row.id,
                 "expect": "validated" if row.validated else "pending"}]  # fmt: skip
    return []


def employee(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """An employee account made by the author."""
    row = db.get(Employee, int(oid))
    if row is None or "id" not in fields:
        return []
    profile = db.get(Profile, row.profile_id)
    return [{"check": "employee.exists", "email": row.email, "profile": profile.name, "active": row.active}]


def permission(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A profile's rights on one back-office tab."""
    profile_id, tab = oid.split("-", 1)
    row = db.get(ProfilePermission, (int(profile_id), tab))
    if row is None:
        return []
    rights = {a: getattr(row, f"can_{a}") for a in ("view", "add", "edit", "delete")}
    allowed = [a for a, ok in rights.items() if ok]
    denied = [a for a in rights if a not in allowed]
    profile = db.get(Profile, int(profile_id)).name
    entry = {"check": "profile.permission", "profile": profile, "tab": tab}
    return [entry | {"allowed": allowed, "denied": denied}]


def group(db: Session, oid: str, fields: set[str]) -> list[Candidate]:
    """A customer group's reduction and price display."""
    row = db.get(CustomerGroup, int(oid))
    if row is None or not {"reduction_bp", "price_display", "id"} & fields:
        return []
    entry = {"check": "group.settings", "group": row.name, "price_display": row.price_display}
    if row.reduction_bp % 100 == 0:
        entry["reduction"] = row.reduction_bp // 100
    return [entry]


BUILDERS = {
    "CustomerThread": thread,
    "PredefinedMessage": predefined,
    "ReturnRequest": return_request,
    "CreditSlip": credit_slip,
    "ProductComment": product_comment,
    "Employee": employee,
    "ProfilePermission": permission,
    "CustomerGroup": group,
}
