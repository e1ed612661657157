"""Shop back-office test helpers: log in, read a form as a browser would post it, open the seat DB."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for

ADMIN = "/s/{seat}/boutique/admin"


class _FormReader(HTMLParser):
    """Collect the successful controls of one form, like a browser submitting it unchanged."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.depth = form_id, False, 0
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._multiple = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.inside and (self.form_id is None or a.get("id") == self.form_id):
            self.inside = True
            return
        if not self.inside or "form" in a:  # controls tied to another form by form="…" are not ours
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "reset", "file"):
                self.values.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in a
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and (self._multiple or not self._select_chosen):
                self.values.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
            self.form_id = "\0done"
        elif tag == "select" and self._select:
            # A single select always posts an option; a multiple one with nothing chosen posts nothing.
            if not self._select_chosen and not self._multiple and self._select_first is not None:
                self.values.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_values(html: str, form_id: str | None = None) -> dict[str, str | list[str]]:
    """The values a browser would post for a form (by id, else the first form); repeated names give lists."""
    reader = _FormReader(form_id)
    reader.feed(html)
    values: dict[str, str | list[str]] = {}
    for name, value in reader.values:
        if name in values:
            current = values[name]
            values[name] = [*current, value] if isinstance(current, list) else [current, value]
        else:
            values[name] = value
    return values


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client, seat, email: str | None = None, password: str | None = None):
    """Log the seat's employee into the shop back office; return the response of the login POST."""
    page = client.get(f"{ADMIN.format(seat=seat.name)}/login").get_data(as_text=True)
    return client.post(
        f"{ADMIN.format(seat=seat.name)}/login",
        data={
            "csrf_token": csrf_token(page),
            "email": email or seat.login,
            "password": password or seat.password,
        },
    )


def seat_db(data: Path, seat_name: str) -> Session:
    """A session on the seat's database, to check what the pages stored."""
    return Session(storage_for(data).engine("seats", seat_name))


def labels(html: str) -> list[str]:
    """The texts of the page's <label> elements (the required mark, hidden from readers, left out)."""
    found = re.findall(r"<label\b[^>]*>(.*?)</label>", html, re.S)
    tags = re.compile(r'<span class="required"[^>]*>.*?</span>|<[^>]+>')
    return [re.sub(r"\s+", " ", unescape(tags.sub("", t))).strip() for t in found]


def text(html: str) -> str:
    """The visible text of a page, tags removed and spaces collapsed (for « in » checks)."""
    plain = unescape(re.sub(r"<[^>]+>", " ", html))
    return re.sub(r"\s+", " ", plain.replace("\xa0", " ").replace("\u202f", " "))
