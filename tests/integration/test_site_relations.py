"""Site back office relations: contact inbox (X-REL-2), newsletter (X-REL-1), social timeline (X-REL-4)."""

from __future__ import annotations

from html import unescape

import pytest
from sqlalchemy import func, select

from sandbox.models import Campaign, CampaignSend, ContactMessage, SocialComment, SocialPost, Subscriber
from tests.integration.site_helpers import csrf_token, seat_db
from tests.integration.test_site_appearance import login, post_form


@pytest.mark.feature("X-REL-2")
def test_contact_form_reaches_the_inbox_and_is_answered(client, seat, data):
    contact = f"/s/{seat.name}/site/contact"
    page = unescape(client.get(contact).get_data(as_text=True))
    assert "Écrivez-nous" in page
    client.post(
        f"/s/{seat.name}/site/formulaire/contact",
        data={
            "csrf_token": csrf_token(page),
            "name": "Marie Dupont",
            "email": "marie@exemple.fr",
            "message": "Avez-vous des nappes rondes ?",
        },
        headers={"Referer": f"http://localhost{contact}"},
    )
    base = login(client, seat)
    inbox = unescape(client.get(f"{base}/messages").get_data(as_text=True))
    assert "Avez-vous des nappes rondes ?" in inbox
    with seat_db(data, seat) as db:
        message_id = db.scalar(select(ContactMessage.id).where(ContactMessage.email == "marie@exemple.fr"))
    url = f"{base}/messages/{message_id}"
    bad = post_form(client, url, body="")
    assert "Écrivez votre réponse." in unescape(bad.get_data(as_text=True))
    assert post_form(client, url, body="Oui, en 180 cm de diamètre.").status_code == 302
    with seat_db(data, seat) as db:
        message = db.get(ContactMessage, message_id)
        assert message.read and message.handled and message.reply.startswith("Oui")


@pytest.mark.feature("X-REL-1")
def test_newsletter_segment_campaign_send_and_results(client, seat, data):
    with seat_db(data, seat) as db:
        assert db.scalar(select(func.count(Subscriber.id))) >= 200
        assert db.scalar(select(func.count(Campaign.id)).where(Campaign.status == "sent")) == 2
    base = login(client, seat)
    assert "Soldes d'hiver" in unescape(client.get(f"{base}/newsletter").get_data(as_text=True))
    export = client.get(f"{base}/newsletter/abonnes.csv")
    assert export.status_code == 200 and "email;prenom" in unescape(export.get_data(as_text=True))
    url = f"{base}/newsletter/campagne"
    bad = post_form(client, url, subject="", segment="tag:salon", body="Bonjour", action="send")
    assert "Indiquez l'objet de l'e-mail." in unescape(bad.get_data(as_text=True))
    ok = post_form(
        client, url, subject="Portes ouvertes", segment="tag:salon", body="Venez nous voir.", action="send"
    )
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        campaign = db.scalar(select(Campaign).where(Campaign.subject == "Portes ouvertes"))
        sends = db.scalars(select(CampaignSend).where(CampaignSend.campaign_id == campaign.id)).all()
        assert campaign.status == "sent" and campaign.segment == "tag:salon" and sends
        tagged = db.scalars(select(Subscriber).where(Subscriber.active.is_(True))).all()
        assert len(sends) == sum("salon" in s.tags.split(",") for s in tagged)
        opened = sum(s.opened for s in sends)
    page = unescape(client.get(ok.headers["Location"]).get_data(as_text=True))
    assert "Résultats" in page and f"{opened} (" in page, page[page.find("Résultats"):][:600]


@pytest.mark.feature("X-REL-4")
def test_social_publish_and_answer(client, seat, data):
    base = login(client, seat)
    url = f"{base}/reseaux-sociaux"
    assert "Le lin fleurit" in unescape(client.get(url).get_data(as_text=True))
    bad = post_form(client, url, network="facebook", body="", media_id="")
    assert "Écrivez le texte." in unescape(bad.get_data(as_text=True))
    assert (
        post_form(
            client, url, network="facebook", body="Nouvelle collection en ligne !", media_id=""
        ).status_code
        == 302
    )
    with seat_db(data, seat) as db:
        assert db.scalar(select(SocialPost.id).where(SocialPost.body == "Nouvelle collection en ligne !"))
        question = db.scalar(
            select(SocialComment.id).where(SocialComment.body.like("Vous faites des initiales%"))
        )
    answer = f"{base}/reseaux-sociaux/commentaire/{question}"
    assert post_form(client, answer, body="Oui, sur demande !").status_code == 302
    with seat_db(data, seat) as db:
        reply = db.scalar(select(SocialComment).where(SocialComment.parent_id == question))
        assert reply.from_company and reply.body == "Oui, sur demande !"
