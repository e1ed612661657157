"""Whole-page cache of the public pages (sandbox/web/page_cache.py): an anonymous visitor gets the kept
page with their own CSRF token (a comment posted from it is accepted), any change on the seat shows at
once, and a logged-in visitor or one with a message waiting always gets their own page."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from sqlalchemy import select

from sandbox.models import Comment, Post
from tests.conftest import ROOT
from tests.integration.site_helpers import add_post, csrf_token, seat_db, settings, site_login

SITE = "/s/poste-a/site"


def test_anonymous_visitors_share_the_page_but_not_their_csrf_token(app, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="0")
        add_post(db, "Nappe en lin lavé", "nappe")
    first, second = app.test_client(), app.test_client()
    page = first.get(f"{SITE}/blog/nappe")
    assert page.headers["X-E5-Cache"] == "miss"
    again = second.get(f"{SITE}/blog/nappe")
    assert again.headers["X-E5-Cache"] == "hit"
    assert "Nappe en lin lavé" in again.get_data(as_text=True)
    token_1, token_2 = csrf_token(page.get_data(as_text=True)), csrf_token(again.get_data(as_text=True))
    assert token_1 != token_2 and "e5-csrf-token" not in again.get_data(as_text=True)

    answer = second.post(f"{SITE}/blog/nappe", data={
        "csrf_token": token_2, "body": "Servie par le cache, acceptée quand même.",
        "author_name": "Inès Martin", "author_email": "ines.martin@exemple.fr"})
    assert answer.status_code == 302
    with seat_db(data, seat) as db:
        assert db.scalar(select(Comment.body).order_by(Comment.id.desc())) == (
            "Servie par le cache, acceptée quand même.")
    refused = first.post(f"{SITE}/blog/nappe", data={  # the other visitor's token is not theirs
        "csrf_token": token_2, "body": "Jeton d'un autre", "author_name": "X",
        "author_email": "x@exemple.fr"})
    assert refused.status_code == 400

    # The poster has a message waiting: their own page, with the message; the comment shows to all.
    own = second.get(f"{SITE}/blog/nappe")
    assert "X-E5-Cache" not in own.headers and "votre commentaire est publié" in own.get_data(as_text=True)
    fresh = app.test_client().get(f"{SITE}/blog/nappe")
    assert "Servie par le cache, acceptée quand même." in fresh.get_data(as_text=True)


def test_a_change_made_elsewhere_shows_on_the_next_visit(app, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Plaid ardoise", "plaid")
    visitor = app.test_client()
    visitor.get(f"{SITE}/blog/plaid")
    assert visitor.get(f"{SITE}/blog/plaid").headers["X-E5-Cache"] == "hit"
    with seat_db(data, seat) as db:  # another connection (another server process, the console…)
        db.scalar(select(Post).where(Post.slug == "plaid")).title = "Plaid ardoise, nouvelle édition"
    page = visitor.get(f"{SITE}/blog/plaid")
    assert page.headers["X-E5-Cache"] == "miss"
    assert "Plaid ardoise, nouvelle édition" in page.get_data(as_text=True)


def test_a_logged_in_site_user_gets_their_own_page(app, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Torchon brodé", "torchon")
    app.test_client().get(f"{SITE}/blog/torchon")  # kept for anonymous visitors
    editor = app.test_client()
    site_login(editor, seat)
    page = editor.get(f"{SITE}/blog/torchon")
    assert "X-E5-Cache" not in page.headers
    assert "Modifier l’article" in page.get_data(as_text=True) or "Modifier l'article" in page.get_data(
        as_text=True)


def test_static_files_are_versioned_and_kept_a_year(client, seat):
    page = client.get(f"{SITE}/").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/[^"]+\?v=[0-9a-f]+)"', page).group(1)
    first = client.get(stylesheet)
    assert first.status_code == 200
    assert {"public", "max-age=31536000", "immutable"} <= set(first.headers["Cache-Control"].split(", "))
    again = client.get(stylesheet, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_change_committed_by_another_process_shows_on_a_later_visit(app, data, seat):
    """Another server process (or machine) commits: SQLite's data version moves at once, PostgreSQL's
    once its NOTIFY arrives (polled); meanwhile visits that change nothing are still served from the
    cache (on PostgreSQL the version is per database, not the server's WAL position)."""
    with seat_db(data, seat) as db:
        add_post(db, "Coussin en lin", "coussin")
    visitor = app.test_client()
    visitor.get(f"{SITE}/blog/coussin")
    assert visitor.get(f"{SITE}/blog/coussin").headers["X-E5-Cache"] == "hit"
    script = ("import sys; from pathlib import Path; from sqlalchemy import select, update\n"
              "from sqlalchemy.orm import Session; from sandbox.db.storage import storage_for\n"
              "from sandbox.models import Post\n"
              "with Session(storage_for(Path(sys.argv[1])).engine('seats', sys.argv[2])) as db, db.begin():\n"
              "    db.execute(update(Post).where(Post.slug == 'coussin')\n"
              "               .values(title='Coussin, autre processus'))\n")
    subprocess.run([sys.executable, "-c", script, str(data), seat.name], check=True, cwd=ROOT, timeout=60)
    deadline = time.monotonic() + 10
    page = visitor.get(f"{SITE}/blog/coussin")
    while "Coussin, autre processus" not in page.get_data(as_text=True) and time.monotonic() < deadline:
        time.sleep(0.05)  # PostgreSQL: the listener thread counts the other process's notification
        page = visitor.get(f"{SITE}/blog/coussin")
    assert "Coussin, autre processus" in page.get_data(as_text=True)
    assert visitor.get(f"{SITE}/blog/coussin").headers["X-E5-Cache"] == "hit"
