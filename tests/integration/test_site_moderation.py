"""Site back office: comments moderation, discussion and reading settings, privacy page, pop-ups."""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import select

from sandbox.models import Comment, Popup, Post, get_setting
from tests.integration.site_helpers import csrf_token, seat_db
from tests.integration.test_site_appearance import login, post_form


def _insult(db) -> Comment:
    return db.scalar(
        select(Comment).where(Comment.post_id == 14, Comment.status == "pending").order_by(Comment.id)
    )


@pytest.mark.feature("S-CON-9")
def test_queue_filters_and_actions(client, seat, data):
    base = login(client, seat)
    html = client.get(f"{base}/commentaires?statut=pending").get_data(as_text=True)
    assert "En attente (" in html and "Corbeille (" in html
    with seat_db(data, seat) as db:
        insult_id = _insult(db).id
        approved = db.scalar(
            select(Comment)
            .where(Comment.status == "approved", Comment.parent_id.is_(None))
            .order_by(Comment.id)
        )
        approved_id = approved.id
    assert (
        post_form(client, f"{base}/commentaires/{insult_id}/trash", f"{base}/commentaires").status_code == 302
    )
    assert (
        post_form(client, f"{base}/commentaires/{approved_id}/unapprove", f"{base}/commentaires").status_code
        == 302
    )
    with seat_db(data, seat) as db:
        assert db.get(Comment, insult_id).status == "trash"
        assert db.get(Comment, approved_id).status == "pending"
    assert f"commentaire-{insult_id}" in client.get(f"{base}/commentaires?statut=trash").get_data(
        as_text=True
    )
    # Edit with bad input keeps what was typed; reply as the site approves the comment.
    url = f"{base}/commentaires/{approved_id}"
    bad = post_form(
        client,
        url,
        **{
            "edit-author_name": "Jeanne",
            "edit-author_email": "pas-une-adresse",
            "edit-body": "Texte corrigé",
        },
    )
    assert "adresse e-mail valide" in bad.get_data(as_text=True) and "Texte corrigé" in bad.get_data(
        as_text=True
    )
    empty = post_form(client, url, **{"reply-body": "  "})
    assert "Écrivez votre réponse." in empty.get_data(as_text=True)
    assert post_form(client, url, **{"reply-body": "Merci pour votre message !"}).status_code == 302
    with seat_db(data, seat) as db:
        reply = db.scalar(select(Comment).where(Comment.parent_id == approved_id, Comment.user_id == 1))
        assert reply.status == "approved" and db.get(Comment, approved_id).status == "approved"


@pytest.mark.feature("S-NAV-3")
def test_discussion_settings_change_the_public_site(client, seat, data):
    base = login(client, seat)
    url = f"{base}/reglages/discussion"
    post_form(client, url, **{"comments_open": "y"})  # moderation unchecked
    with seat_db(data, seat) as db:
        assert get_setting(db, "discussion.moderation") == "0"
    post_form(client, url, **{"moderation": "y", "comments_open": "y"})
    public = f"/s/{seat.name}/site/blog/comment-laver-et-entretenir-le-linge-en-lin"
    client.post(
        f"{base}/logout", data={"csrf_token": csrf_token(client.get(f"{base}/").get_data(as_text=True))}
    )
    page = client.get(public).get_data(as_text=True)
    client.post(
        public,
        data={
            "csrf_token": csrf_token(page),
            "body": "Très utile, merci.",
            "author_name": "Visiteur",
            "author_email": "visiteur@exemple.fr",
        },
    )
    with seat_db(data, seat) as db:
        assert db.scalar(select(Comment.status).where(Comment.body == "Très utile, merci.")) == "pending"
        post_id = db.scalar(select(Post.id).where(Post.slug == "comment-laver-et-entretenir-le-linge-en-lin"))
        any_comment = db.scalar(select(Comment.id).where(Comment.post_id == post_id))
    login(client, seat)
    edit = f"{base}/commentaires/{any_comment}"
    post_form(
        client, f"{base}/commentaires/article/{post_id}/ouverture", edit, open="0", comment=str(any_comment)
    )
    with seat_db(data, seat) as db:
        assert db.get(Post, post_id).comments_open is False


@pytest.mark.feature("S-NAV-2", "S-CON-10")
def test_reading_settings_and_privacy_page(client, seat, data):
    base = login(client, seat)
    url = f"{base}/reglages/lecture"
    bad = post_form(client, url, show_on_front="page", page_on_front="", posts_per_page="5")
    assert "Choisissez la page statique" in bad.get_data(as_text=True)
    with seat_db(data, seat) as db:
        about = db.scalar(select(Post.id).where(Post.slug == "a-propos"))
    assert (
        post_form(client, url, show_on_front="page", page_on_front=str(about), posts_per_page="4").status_code
        == 302
    )
    home = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert "<h1" in home and "À propos" in home
    response = post_form(client, f"{base}/reglages/confidentialite")
    assert response.status_code == 302
    with seat_db(data, seat) as db:
        page = db.scalar(select(Post).where(Post.slug == "politique-de-confidentialite"))
        text = unescape(" ".join(b.get("html", b.get("text", "")) for b in page.blocks))
        assert get_setting(db, "company.name") in text or get_setting(db, "company.legal_name") in text
        assert get_setting(db, "privacy.page_id") == str(page.id)


@pytest.mark.feature("S-CON-7")
def test_popup_rules_and_public_display(client, seat, data):
    base = login(client, seat)
    url = f"{base}/apparence/fenetres"
    bad = post_form(client, url, name="Soldes", kind="bar", body="", pages="all", frequency="session")
    assert "Écrivez le contenu affiché." in bad.get_data(as_text=True)
    bad = post_form(
        client,
        url,
        name="Soldes",
        kind="bar",
        body="-20 %",
        pages="all",
        frequency="session",
        starts_on="2030-01-10",
        ends_on="2030-01-01",
    )
    assert "La date de fin précède la date de début." in bad.get_data(as_text=True)
    ok = post_form(
        client,
        url,
        name="Soldes",
        kind="bar",
        title="Soldes d'été",
        body="-20 % sur le linge de lit",
        button_label="Voir le blog",
        button_url="/blog",
        pages="home",
        frequency="session",
        active="y",
        delay_seconds="0",
    )
    assert ok.status_code == 302
    home = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    assert "-20 % sur le linge de lit" in home and 'class="info-bar"' in home
    assert f'href="/s/{seat.name}/site/blog" class="info-bar__button"' in home  # stays in the seat
    assert "-20 % sur le linge de lit" not in client.get(f"/s/{seat.name}/site/blog").get_data(as_text=True)
    with seat_db(data, seat) as db:
        assert db.scalar(select(Popup.active).where(Popup.name == "Soldes")) is True
