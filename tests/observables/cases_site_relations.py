"""Check types on relations and the shop's home (inbox, newsletter, social page, exit attempts, carousel,
home order, footer links, settings), each proven ✓ and ✗ on a real seat.

The seeded seat: the Hôtel Le Beffroi's message is unanswered; two campaigns were sent (« Soldes d'hiver »
to all 191 active subscribers, « Professionnels » to the 39 tagged professionnel); Claire Dumont's question
on the social page has no answer; the carousel's « Collection été » leads to DH-LIN-BLA; the home blocks
keep their default order (carousel first, reassurance last); the footer list « Nos engagements » holds
« Livraison »; returns are accepted for 30 days.
"""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from sandbox.activity.actor import VISITOR, act_as
from sandbox.activity.recorder import record_visit
from sandbox.models import Product
from sandbox.models.modules import CarouselSlide, LinkBlock
from sandbox.services import home_blocks, inbox, modules, newsletter, returns, shop_content, social
from sandbox.subjects.observables.relations import EXIT_PREFIX
from tests.observables.both_ways import Case
from tests.observables.site_seat import media, message_from, social_comment_by

PENDING: set[str] = set()

BEFFROI = "contact@hotel-lebeffroi.fr"
DEVIS = "Bonjour, vous trouverez notre devis pour 40 parures en lin lavé en pièce jointe."
SUMMER = "Collection été"


def _answer_beffroi(db):
    inbox.reply(db, message_from(db, BEFFROI), DEVIS)


def _campaign(send):
    def arrange(db):
        campaign = newsletter.save_campaign(db, "Portes ouvertes de l'atelier les 5 et 6 juin",
                                            "<p>Venez nous voir à Roubaix.</p>", "tag:salon")
        if send:
            newsletter.send_campaign(db, campaign)
    return arrange


def _social_post(db):
    social.publish_post(db, "instagram", "Portes ouvertes de l'atelier les 5 et 6 juin !",
                        media(db, "atelier-de-confection-roubaix.jpg").id)


def _answer_claire(db):
    social.answer(db, social_comment_by(db, "Claire Dumont"), "Oui, nous brodons vos initiales sur les "
                  "serviettes : indiquez-les sur la fiche du produit.", "Lin & Nature")


def _exits(db):
    act_as(db, VISITOR)  # the exit page records the attempt of whoever browses the site
    for url in ("https://www.facebook.com/linetnature", "https://www.instagram.com/linetnature"):
        record_visit(db, EXIT_PREFIX + url)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 16), (120, 140, 110)).save(buffer, "PNG")
    return buffer.getvalue()


def _slide(db):
    plaid = db.scalar(select(Product).where(Product.reference == "DH-LIN-SAU"))
    home_blocks.add_slide(db, ("soldes-ete.png", _png()), "Soldes d'été", "Jusqu'à -30 %", plaid.id, None)


def _hide_summer(db):
    """A slide switched off (as a subject's changes may leave it): it is not shown on the home page."""
    db.scalar(select(CarouselSlide).where(CarouselSlide.title == SUMMER)).active = False


def _featured_first(db):
    order = ["featured", "carousel", "text_block", "categories", "new_products", "reassurance"]
    modules.set_home_order(db, {code: i for i, code in enumerate(order, start=1)})


def _store_link(db):
    block = db.scalar(select(LinkBlock).where(LinkBlock.title == "Nos engagements"))
    shop_content.add_link(db, block.id, "url", None, "Nos magasins", "/magasins")


CASES: list[Case] = [
    # inbox.answered: the newest message of an address has an answer with the expected words.
    Case("inbox.answered", {"email": BEFFROI}, False, why="seeded unanswered"),
    Case("inbox.answered", {"email": "Contact@Hotel-LeBeffroi.fr", "contains": ["devis", "parures"]}, True,
         arrange=_answer_beffroi, why="answered with the quote"),
    Case("inbox.answered", {"email": BEFFROI, "contains": ["devis", "remise"]}, False,
         arrange=_answer_beffroi, only="contains", why="answer without an expected word"),
    Case("inbox.answered", {"email": "lea.fournier@free.fr"}, False, why="handled but never answered"),
    Case("inbox.answered", {"email": "inconnu@example.fr"}, False, why="no message from that address"),
    # campaign.sent: a campaign found by subject, sent, to a segment, to enough recipients.
    Case("campaign.sent", {"subject_contains": "soldes d'hiver", "segment": "all", "min_recipients": 191},
         True, why="seeded campaign sent to all"),
    Case("campaign.sent", {"subject_contains": "soldes d'hiver", "segment": "customers"}, False,
         only="segment", why="sent to all, customers expected"),
    Case("campaign.sent", {"subject_contains": "professionnels", "min_recipients": 40}, False,
         only="min_recipients", why="39 recipients, 40 expected"),
    Case("campaign.sent", {"subject_contains": "portes ouvertes"}, False, arrange=_campaign(send=False),
         why="drafted, not sent"),
    Case("campaign.sent", {"subject_contains": "Portes ouvertes", "segment": "tag:salon",
                           "min_recipients": 1}, True, arrange=_campaign(send=True),
         why="written and sent to a tag"),
    # social.post: a post of the company's page with the words, with an image when expected.
    Case("social.post", {"contains": "pays de Caux", "with_image": True}, True, why="seeded post with photo"),
    Case("social.post", {"contains": "vert olive"}, True, why="seeded post without photo"),
    Case("social.post", {"contains": "vert olive", "with_image": True}, False, only="with_image",
         why="no photo, one expected"),
    Case("social.post", {"contains": "portes ouvertes"}, False, why="not published"),
    Case("social.post", {"contains": "Portes ouvertes de l'atelier", "with_image": True}, True,
         arrange=_social_post, why="published with a photo"),
    # social.answered: the company answered a follower's comment, with the expected words.
    Case("social.answered", {"author": "Claire Dumont"}, False, why="seeded question unanswered"),
    Case("social.answered", {"author": "claire dumont", "contains": ["initiales"]}, True,
         arrange=_answer_claire, why="answered by the company"),
    Case("social.answered", {"author": "Claire Dumont", "contains": ["initiales", "gratuit"]}, False,
         arrange=_answer_claire, only="contains", why="answer without an expected word"),
    Case("social.answered", {"author": "Personne Inconnue"}, False, why="no comment of that follower"),
    # exit.attempts: links followed out of the exam site, all or towards one address, at most max.
    Case("exit.attempts", {"max": 0}, True, why="seeded: no attempt"),
    Case("exit.attempts", {"max": 1}, False, arrange=_exits, why="two attempts, one allowed"),
    Case("exit.attempts", {"url_contains": "facebook.com", "max": 1}, True, arrange=_exits,
         why="one attempt towards Facebook"),
    Case("exit.attempts", {"url_contains": "facebook.com", "max": 0}, False, arrange=_exits,
         why="an attempt towards Facebook, none allowed"),
    # carousel.slide: a slide (by title), shown, leading to the expected product.
    Case("carousel.slide", {"title": "collection ete", "product": "DH-LIN-BLA"}, True, why="seeded slide"),
    Case("carousel.slide", {"title": SUMMER, "product": "DH-LIN-NAT"}, False, why="leads to another product"),
    Case("carousel.slide", {"product_name": "Drap housse en lin lavé Lin naturel"}, True,
         why="found by the linked product's name"),
    Case("carousel.slide", {"title": SUMMER, "product_name": "Plaid Ardoise"}, False,
         why="no slide leads to that product"),
    Case("carousel.slide", {"title": SUMMER}, False, arrange=_hide_summer, why="slide switched off"),
    Case("carousel.slide", {"title": "Soldes d'été"}, False, why="no such slide"),
    Case("carousel.slide", {"title": "Soldes d'été", "product": "DH-LIN-SAU"}, True, arrange=_slide,
         why="slide added by the candidate"),
    # home.order: the first home block, one block before another.
    Case("home.order", {"first": "carousel", "before": "featured", "after": "reassurance"}, True,
         why="seeded default order"),
    Case("home.order", {"first": "featured", "before": "featured", "after": "reassurance"}, False,
         only="first", why="carousel first, featured expected"),
    Case("home.order", {"first": "carousel", "before": "reassurance", "after": "carousel"}, False,
         why="reassurance last, expected before the carousel"),
    Case("home.order", {"first": "featured", "before": "featured", "after": "carousel"}, True,
         arrange=_featured_first, why="reordered by the candidate"),
    # links.contains: a footer link list holds a link with that label (in the expected list).
    Case("links.contains", {"label": "livraison", "block": "Nos engagements"}, True, why="seeded link"),
    Case("links.contains", {"label": "Livraison", "block": "Nos univers"}, False, only="block",
         why="in another list"),
    Case("links.contains", {"label": "Nos magasins"}, False, why="no such link"),
    Case("links.contains", {"label": "Nos magasins", "block": "nos engagements"}, True, arrange=_store_link,
         why="link added by the candidate"),
    # setting.equals: a setting's value, compared without case, accents or extra spaces.
    Case("setting.equals", {"key": "returns.days", "value": "30", "label": "Délai de retour (jours)"}, True,
         why="seeded return window"),
    Case("setting.equals", {"key": "returns.days", "value": "14"}, False, why="30 days, 14 expected"),
    Case("setting.equals", {"key": "company.city", "value": " ROUBAIX "}, True, why="compared loosely"),
    Case("setting.equals", {"key": "returns.days", "value": "14", "label": "Délai de retour"}, True,
         arrange=lambda db: returns.save_return_settings(db, True, 14, "Retour sous 14 jours."),
         why="changed by the candidate"),
    Case("setting.equals", {"key": "shop.nothing", "value": "1"}, False, why="a setting never written"),
]
