"""Fuzz: hostile and random values posted to every form route of both back offices and the console.

Routes come from the Flask URL map (every POST rule of the shop and site back offices and of the console),
posted with a valid CSRF token by logged-in users. Whatever arrives: no 500 (the test client raises the
view's exception), a refused post leaves every database as it was (row counts of every table of every
SQLite file in the data folder), and a refusal speaks French. The figures are printed (-s shows them).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from grading.accounts import create_user
from grading.db import grading_engine
from sandbox.db.storage import storage_for
from tests.grading.conftest import console_login
from tests.integration.shop_admin_helpers import login as shop_login
from tests.integration.site_helpers import csrf_token, site_login

ACCOUNT = ("responsable", "examen-2027")
AUDITED = ("seat.shop_admin.", "seat.site_admin.", "console.", "admin.", "subjects.", "practice.")
EXAMPLES = 3  # per route: a few minutes at most on CI for the ~160 routes
HOSTILE = ["", " ", "0", "-1", "1e309", "NaN", "9" * 40, "12,5", "1 234,50", "2027-02-30", "31/02/2027",
           "<script>alert(1)</script>", "\" onmouseover=\"x", "' OR 1=1 --", "../../etc/passwd", "\x00",
           "é" * 3000, "javascript:alert(1)", "https://exemple.invalid/", "#zzzzzz", "null", "[]", "{}"]
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"')
# English that must never reach a French user: Werkzeug's default pages, WTForms' default messages.
ENGLISH = ["Bad Request", "The browser (or proxy)", "requested URL was not found", "Internal Server Error",
           "Not a valid", "This field is", "Field must", "Invalid value", "CSRF token"]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60), st.integers().map(str))


def _row_counts(data: Path) -> dict[str, int]:
    """Rows of every table of every database of the data folder."""
    counts = {}
    storage = storage_for(data)
    if storage.dialect != "sqlite":
        engines = {"grading": grading_engine(data)} | {
            f"{kind}/{name}": storage.engine(kind, name) for kind in ("templates", "seats")
            for name in storage.names(kind)}
        for label, engine in engines.items():
            with engine.connect() as conn:  # one round trip per database: each example counts them all
                counts.update({f"{label}:{table}": n for table, n in conn.exec_driver_sql(_counting(conn))})
        return counts
    for path in sorted(data.rglob("*.sqlite")):
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                counts[f"{path.name}:{table}"] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return counts


def _counting(conn) -> str:
    """The statement counting the rows of every table of that database, its tables listed once per database:
    a form post changes rows, never tables, and listing them at every count (a catalogue query) was a seventh
    of this test's time on PostgreSQL."""
    database = conn.engine.url.database
    if database not in _COUNTING:
        _COUNTING[database] = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\""
                                                 for t in inspect(conn).get_table_names())
    return _COUNTING[database]


_COUNTING: dict[str, str] = {}


def _argument(rule, name: str, seat_name: str):
    """A value for a URL argument: the seat, id 1, the first choice of an « any » converter."""
    if name == "seat":
        return seat_name
    converter = rule._converters.get(name)
    if converter is None:
        return rule.defaults[name]
    if type(converter).__name__ == "IntegerConverter":
        return 1
    if type(converter).__name__ == "AnyConverter":
        return re.findall(r"[\w-]+", converter.regex.replace("?:", ""))[0]
    return "x"


def _routes(app, seat_name: str) -> list[tuple[str, str]]:
    """(endpoint, address) of every audited POST route; deletions last so that id 1 lives long."""
    routes = {}
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or not rule.endpoint.startswith(AUDITED):
            continue
        if re.search(r"logout|deconnexion|login|connexion", rule.endpoint + rule.rule):
            continue  # logging out (or in as someone else) would end the walk for the routes that follow
        values_ = {name: _argument(rule, name, seat_name) for name in rule.arguments}
        routes[rule.build(values_, append_unknown=False)[1]] = rule.endpoint
    deleting = re.compile(r"delete|supprim|remove|retir")
    return sorted(((e, u) for u, e in routes.items()), key=lambda r: (bool(deleting.search(r[0] + r[1])), r))


def _form_fields(client, url: str) -> list[str]:
    """Names of the fields of the page at that address, when it has one (else none: random fields only)."""
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return []
    return sorted(set(FIELD.findall(response.get_data(as_text=True))) - {"csrf_token"})


def _token(client) -> str:
    """A valid CSRF token of this client's session."""
    return csrf_token(client.get("/console/admin/").get_data(as_text=True))


def _saved_json(response) -> bool:
    """An autosave's « stored » answer ({"saved": true}): accepted, like a redirect after a form."""
    return response.is_json and (response.get_json(silent=True) or {}).get("saved") is True


def _fuzz(client, data: Path, token: str, endpoint: str, url: str, tally: dict) -> None:
    """Post EXAMPLES hostile forms to one route, checking each answer."""
    fields = _form_fields(client, url)
    # The counts a refused post left, checked: the next post's « before » (only posts run in between) —
    # PostgreSQL spent most of this test counting every table of every database.
    counted: list[dict[str, int]] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({name: values for name in fields},
                                 optional={"inconnu": values}))
    def post(form):
        before = counted.pop() if counted else _row_counts(data)
        response = client.post(url, data={**form, "csrf_token": token})
        tally["cases"] += 1
        assert response.status_code < 500, (endpoint, form)
        if response.status_code in (301, 302, 303) or _saved_json(response):
            return  # accepted (or sent elsewhere): what it saved is the feature tests' business
        tally["refused"] += 1
        after = _row_counts(data)
        assert after == before, (endpoint, form)  # refused: nothing half-saved
        counted.append(after)
        body = response.get_data(as_text=True)
        tally["english"] += [(endpoint, phrase) for phrase in ENGLISH if phrase in body]

    try:
        post()
    except Exception as exc:  # every failing route is listed at the end, not only the first
        tally["failures"].append(f"{endpoint}: {str(exc).splitlines()[0][:300]}")


def test_hostile_posts_never_crash_nor_half_save(app, data, seat, client):
    create_user(data, *ACCOUNT, "admin", "M. Responsable")
    assert site_login(client, seat).status_code == 302
    assert shop_login(client, seat).status_code == 302
    assert console_login(client, *ACCOUNT).status_code == 302
    token = _token(client)
    routes = _routes(app, seat.name)
    tally = {"cases": 0, "refused": 0, "english": [], "failures": []}
    for endpoint, url in routes:
        _fuzz(client, data, token, endpoint, url, tally)
    print(f"\nFuzz : {len(routes)} routes POST, {tally['cases']} envois, {tally['refused']} refus, "
          f"{len(tally['failures'])} route(s) en échec.")
    assert len(routes) > 120 and tally["cases"] >= len(routes)
    assert not tally["failures"], "\n".join(tally["failures"])
    assert not tally["english"], sorted(set(tally["english"]))


def test_found_by_the_fuzz_unknown_parent_category_is_refused_in_french(client, seat, data):
    assert site_login(client, seat).status_code == 302
    url = f"/s/{seat.name}/site/admin/categories"
    token = csrf_token(client.get(url).get_data(as_text=True))
    before = _row_counts(data)
    response = client.post(url, data={"csrf_token": token, "name": "Atelier", "slug": "", "description": "",
                                      "parent_id": "499"})
    assert response.status_code == 200  # was a 500 (FOREIGN KEY constraint failed)
    page = response.get_data(as_text=True)
    assert "Cette catégorie parente n&#39;existe plus" in page and 'value="Atelier"' in page
    assert _row_counts(data) == before


def test_found_by_the_fuzz_a_bare_refusal_speaks_french(client, seat):
    assert shop_login(client, seat).status_code == 302
    url = f"/s/{seat.name}/boutique/admin/modules/main_menu/elements/1/nulle-part"
    token = csrf_token(client.get(f"/s/{seat.name}/boutique/admin/").get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "La requête n&#39;a pas pu être traitée." in body and "The browser" not in body
