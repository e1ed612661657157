"""Helpers for the site vitrine integration tests: write content straight into a seat, read CSRF tokens."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.db.storage import storage_for
from sandbox.models import Post, set_setting

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@contextmanager
def seat_db(data, seat):
    """A session on the seat's database (no actor: setup changes are not recorded), committed on exit."""
    with Session(storage_for(data).engine("seats", seat.name), expire_on_commit=False) as db:
        yield db
        db.commit()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = TOKEN.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def seat_moment(db: Session, days: int = 0, hour: int = 8) -> datetime:
    """A moment relative to the seat clock's date (days before when negative)."""
    return datetime.combine(seat_today(db) + timedelta(days=days), time(hour))


def add_post(db: Session, title: str, slug: str, *, kind: str = "post", status: str = "publish",
             days: int = -1, blocks=None, **fields) -> Post:
    """A post or page by site user 1, published `days` from the seat's date (flushed)."""
    if blocks is None:
        blocks = [{"type": "paragraph", "html": f"Texte de {title}."}]
    post = Post(kind=kind, title=title, slug=slug, status=status, author_id=1, blocks=blocks,
                published_at=seat_moment(db, days) if status != "draft" else None,
                updated_at=seat_moment(db, -30), **fields)
    db.add(post)
    db.flush()
    return post


def settings(db: Session, **values: str) -> None:
    """Set seat settings; keys use « __ » for dots (reading__posts_per_page="2")."""
    for key, value in values.items():
        set_setting(db, key.replace("__", "."), value)


def site_login(client, seat, login: str = "candidat"):
    """Log a site user (the candidate unless told) into the site back office; the login POST's response."""
    base = f"/s/{seat.name}/site/admin"
    page = client.get(f"{base}/login").get_data(as_text=True)
    return client.post(f"{base}/login", data={"csrf_token": csrf_token(page), "login": login,
                                              "password": seat.password})
