"""Comments on the site vitrine (moderation, closed posts, replies) and the exit page for external links."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from sandbox import login_sessions
from sandbox.models import ActivityEvent, Comment, SiteUser, get_setting
from tests.integration.site_helpers import add_post, csrf_token, seat_db, seat_moment, settings

SITE = "/s/poste-a/site"


def _comment(client, slug: str, **fields):
    page = client.get(f"{SITE}/blog/{slug}")
    form = {"csrf_token": csrf_token(page.get_data(as_text=True)), "body": "Très beau linge, merci !",
            "author_name": "Inès Martin", "author_email": "ines.martin@exemple.fr", **fields}
    return client.post(f"{SITE}/blog/{slug}", data=form)


def _comments(data, seat, post_id: int) -> list[Comment]:
    with seat_db(data, seat) as db:
        rows = list(db.scalars(select(Comment).where(Comment.post_id == post_id).order_by(Comment.id)))
        db.expunge_all()
        return rows


def test_comment_waits_for_moderation_when_the_setting_asks(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="1")
        post_id = add_post(db, "Modéré", "modere").id
        before = db.scalar(select(func.count(ActivityEvent.id)))
    response = _comment(client, "modere", body="Un avis à modérer")
    assert response.status_code == 302
    [comment] = _comments(data, seat, post_id)
    assert (comment.status, comment.author_name, comment.author_email) == ("pending", "Inès Martin",
                                                                            "ines.martin@exemple.fr")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "en attente de modération" in page
    assert "Un avis à modérer" not in page
    with seat_db(data, seat) as db:
        events = list(db.scalars(select(ActivityEvent).where(ActivityEvent.id > (before or 0))))
    assert [(e.object_type, e.action, e.actor_kind) for e in events] == [("Comment", "create", "visitor")]


def test_comment_is_published_at_once_without_moderation(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="0")
        post_id = add_post(db, "Libre", "libre").id
    response = _comment(client, "libre", body="Publié <script>alert(1)</script> tout de suite")
    [comment] = _comments(data, seat, post_id)
    assert comment.status == "approved"
    assert response.headers["Location"].endswith(f"#commentaire-{comment.id}")
    page = client.get(f"{SITE}/blog/libre").get_data(as_text=True)
    assert "Publié &lt;script&gt;alert(1)&lt;/script&gt; tout de suite" in page
    assert "1 commentaire" in page and "Merci, votre commentaire est publié." in page


def test_errors_are_shown_next_to_the_fields_and_typed_values_kept(client, data, seat):
    with seat_db(data, seat) as db:
        post_id = add_post(db, "Erreurs", "erreurs").id
    response = _comment(client, "erreurs", body="  ", author_name="Jules", author_email="jules-sans-arobase")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'id="body-err"[^>]*>Écrivez votre commentaire', html)
    assert re.search(r'id="author_email-err"[^>]*>Indiquez une adresse e-mail valide', html)
    assert 'value="Jules"' in html and 'value="jules-sans-arobase"' in html
    assert _comments(data, seat, post_id) == []


@pytest.mark.feature("S-NAV-3")
def test_closed_comments_refuse_new_ones(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="0")
        post_id = add_post(db, "Fermé", "ferme", comments_open=False).id
        add_post(db, "Ouvert", "ouvert")
    page = client.get(f"{SITE}/blog/ferme").get_data(as_text=True)
    assert "Les commentaires sont fermés." in page
    assert "<textarea" not in page and "Laisser un commentaire</button>" not in page
    token = csrf_token(client.get(f"{SITE}/blog/ouvert").get_data(as_text=True))
    response = client.post(f"{SITE}/blog/ferme", data={"csrf_token": token, "body": "Je force",
                                                       "author_name": "A", "author_email": "a@exemple.fr"})
    assert response.status_code == 200
    assert "Les commentaires sont fermés sur cet article." in response.get_data(as_text=True)
    assert _comments(data, seat, post_id) == []


def test_a_post_without_csrf_token_is_refused(client, data, seat):
    with seat_db(data, seat) as db:
        post_id = add_post(db, "Jeton", "jeton").id
    response = client.post(f"{SITE}/blog/jeton", data={"body": "x", "author_name": "A",
                                                       "author_email": "a@exemple.fr"})
    assert response.status_code == 400
    assert _comments(data, seat, post_id) == []


def test_replies_are_threaded_under_their_parent(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="0")
        post = add_post(db, "Fil", "fil")
        parent = Comment(post_id=post.id, author_name="Paul", author_email="paul@exemple.fr",
                         body="Première question", status="approved", created_at=seat_moment(db, -1))
        hidden = Comment(post_id=post.id, author_name="Spam", author_email="s@exemple.fr",
                         body="Pub cachée", status="spam", created_at=seat_moment(db, -1))
        db.add_all([parent, hidden])
        db.flush()
        post_id, parent_id = post.id, parent.id
    form_page = client.get(f"{SITE}/blog/fil?replytocom={parent_id}").get_data(as_text=True)
    assert "Répondre à Paul" in form_page
    assert f'name="parent_id" type="hidden" value="{parent_id}"' in form_page
    client.post(f"{SITE}/blog/fil", data={
        "csrf_token": csrf_token(form_page), "parent_id": str(parent_id), "body": "Voici la réponse",
        "author_name": "Lin & Nature", "author_email": "contact@exemple.fr"})
    reply = _comments(data, seat, post_id)[-1]
    assert (reply.parent_id, reply.status) == (parent_id, "approved")
    html = client.get(f"{SITE}/blog/fil").get_data(as_text=True)
    thread = re.search(rf'<li id="commentaire-{parent_id}".*?</li>\s*</ol>', html, re.S).group(0)
    assert '<ol class="children">' in thread and "Voici la réponse" in thread
    assert "Pub cachée" not in html and "2 commentaires" in html


@pytest.mark.feature("S-CON-6")
def test_external_link_page_records_the_attempt(client, data, seat):
    target = "https://www.instagram.com/linetnature?x=1&y=2"
    response = client.get(f"{SITE}/sortie", query_string={"url": target})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ce lien mène hors du site d'examen" in html
    assert "<code>https://www.instagram.com/linetnature?x=1&amp;y=2</code>" in html
    assert 'href="https://www.instagram.com' not in html
    with seat_db(data, seat) as db:
        event = db.scalars(select(ActivityEvent).order_by(ActivityEvent.id.desc())).first()
    assert event.action == "visit" and event.actor_kind == "visitor"
    assert event.summary == f"Tentative de sortie du site d'examen vers {target}"


def test_a_logged_in_editor_comments_under_their_account_without_moderation(client, data, seat):
    with seat_db(data, seat) as db:
        settings(db, discussion__moderation="1")
        post_id = add_post(db, "Connecté", "connecte").id
        epoch = get_setting(db, "seat.epoch")
        user = db.get(SiteUser, 1)
        user.role = "administrator"
        name, email = user.display_name, user.email
    with client.session_transaction() as session:
        token = login_sessions.start(data, f"{seat.name}:{epoch}:site_user", 1)
        session["seats"] = {seat.name: {"epoch": epoch, "site_user": token}}
    page = client.get(f"{SITE}/blog/connecte").get_data(as_text=True)
    assert f"Connecté en tant que {name}." in page and 'for="author_name"' not in page
    client.post(f"{SITE}/blog/connecte", data={"csrf_token": csrf_token(page), "body": "Réponse de l'équipe"})
    [comment] = _comments(data, seat, post_id)
    assert (comment.status, comment.user_id, comment.author_name, comment.author_email) == (
        "approved", 1, name, email)
    with seat_db(data, seat) as db:
        event = db.scalars(select(ActivityEvent).where(ActivityEvent.object_type == "Comment")
                           .order_by(ActivityEvent.id.desc())).first()
    assert (event.actor_kind, event.actor_id) == ("site_user", 1)
