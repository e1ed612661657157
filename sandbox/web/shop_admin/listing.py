"""Lists of the back office: pagination and the query-string helpers the list pages share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


@dataclass
class Page:
    """One page of a list, with what the pager needs."""

    items: list[Any]
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-self.total // self.per_page))

    def url(self, number: int) -> str:
        """The same list (same filters) at another page."""
        args = {**request.args.to_dict(), "page": number}
        return url_for(request.endpoint, **(request.view_args or {}), **args)


def page_number() -> int:
    """The page asked for in the query string (1 when missing or unreadable)."""
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


def paginate(db: Session, stmt: Select, per_page: int = 50, scalars: bool = True) -> Page:
    """Run a select for the requested page; the total counts every matching row."""
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    number = min(page_number(), max(1, -(-total // per_page)))
    paged = stmt.limit(per_page).offset((number - 1) * per_page)
    items = list(db.scalars(paged)) if scalars else list(db.execute(paged))
    return Page(items, total, number, per_page)


def arg_int(name: str) -> int | None:
    """An integer filter of the query string, or None."""
    try:
        return int(request.args.get(name, ""))
    except ValueError:
        return None
