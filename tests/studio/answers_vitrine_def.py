"""Model answers of vitrine subjects D, E and F (see ``answers``)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Comment, ContactMessage, Post, PostCategory, SocialComment, get_setting
from sandbox.services import comments, inbox, menus, newsletter, social, terms
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.posts import PostInput, save_post
from sandbox.services.seo_settings import save_breadcrumb
from sandbox.services.site_settings import (
    SOCIAL_KEYS,
    generate_privacy_page,
    save_discussion,
    save_header,
    save_layout,
    save_reading,
    save_social,
)
from sandbox.services.site_users import save_user
from sandbox.services.widgets import add_widget, widgets_in
from tests.observables.site_seat import admin, plugin
from tests.studio.answers import by, named, today_plus
from tests.studio.answers_vitrine import WORDS, image, item, publish, seo, text_blocks

DPO = (
    "Pour toute question sur vos données, écrivez à notre délégué à la protection des données, "
    "dpo@lin-et-nature.fr ; vous pouvez aussi saisir la CNIL."
)


def d_q1(db: Session, objects: dict) -> None:
    """The privacy policy generated, completed with the DPO's note, published, in the footer menu."""
    page = generate_privacy_page(db, admin(db).id)
    extra = text_blocks(["Vos droits", "Nous contacter"]) + [{"type": "paragraph", "html": DPO}]
    data = PostInput(title=page.title, blocks=json.dumps([*page.blocks, *extra]), slug=page.slug)
    save_post(db, admin(db), "page", page, data, "publish")
    footer = menus.menu_at(db, "footer")
    menus.add_item(db, footer, "page", target_id=page.id, label="Politique de confidentialité")


def d_q2(db: Session, objects: dict) -> None:
    """A cookies bar on every page, shown once, with « En savoir plus »."""
    body = "Ce site n'utilise que les cookies nécessaires à son fonctionnement."
    privacy = by(db, Post, slug="politique-de-confidentialite")
    save_popup(
        db,
        PopupInput("Cookies", "bar", "", body, "En savoir plus", f"/{privacy.slug}", True, "all", 0, "once"),
    )


def d_q3(db: Session, objects: dict) -> None:
    """The hotel's quote request and the shrinking complaint answered."""
    answers = {
        "contact@hotel-lebeffroi.fr": "Bonjour, notre offre Atelier Hôtel répond à votre demande.",
        "ines.belkacem@gmail.com": "Bonjour, lavez votre linge à 40 °C ; notre atelier peut le reprendre.",
    }
    for email, body in answers.items():
        inbox.reply(db, by(db, ContactMessage, email=email), body)


def d_q4(db: Session, objects: dict) -> None:
    """The Atelier Hôtel campaign sent to the professionals."""
    campaign = newsletter.save_campaign(
        db, "Atelier Hôtel 2027 : le linge des professionnels", f"<p>{WORDS}</p>", "tag:professionnel"
    )
    newsletter.send_campaign(db, campaign)


def d_q5(db: Session, objects: dict) -> None:
    """A Facebook post with a photo; Claire Dumont answered."""
    social.publish_post(
        db, "facebook", "Découvrez l'offre Atelier Hôtel 2027 pour les professionnels.", image(db).id
    )
    question = by(db, SocialComment, author_name="Claire Dumont")
    social.answer(db, question, "Oui, sur commande : 6 € par pièce brodée.", "Lin & Nature")


META = "Matières, tailles et entretien : nos guides pour bien choisir son linge."


def e_q1(db: Session, objects: dict) -> None:
    """The bed linen guide: 200 words, two H2, a table, a photo, two links, a new category, SEO."""
    plugin(db, "seo", True)
    description = "Nos guides pour bien choisir son linge de maison : matières, tailles, entretien et usages."
    category = terms.save_term(
        db, admin(db), PostCategory, None, "Bien choisir son linge", "bien-choisir-son-linge", description,
        seo={"seo_title": "Bien choisir son linge | Lin & Nature", "meta_description": META},
    )  # fmt: skip
    engagements = db.scalar(select(Post).where(Post.kind == "page", Post.title.contains("Nos engagements")))
    links = (
        f'Lisez <a href="/{engagements.slug}">nos engagements</a> et le site du '
        '<a href="https://global-standard.org/fr">label GOTS</a>.'
    )
    blocks = text_blocks(
        ["Trois matières", "Notre conseil", "Pour aller plus loin"],
        {"type": "table", "rows": [["Matière", "Toucher"], ["Lin lavé", "Souple"], ["Percale", "Lisse"]]},
        {"type": "image", "media_id": image(db).id, "alt": "Draps en lin lavé sur un lit"},
        {"type": "paragraph", "html": links},
    )
    publish(db, "post", "Lin lavé, percale ou gaze : quel linge de lit choisir ?", blocks,
            category_ids=[category.id], tags="lin, coton bio", seo=seo("choisir linge de lit"))  # fmt: skip


def e_q2(db: Session, objects: dict) -> None:
    """TikTok added to the shown social icons."""
    urls = {key: get_setting(db, f"social.{key}") for key in SOCIAL_KEYS}
    save_social(db, True, {**urls, "tiktok": "https://www.tiktok.com/@linetnature"})


def e_q3(db: Session, objects: dict) -> None:
    """Nina Roux as author; the 2026 review given to her, still a draft."""
    nina = save_user(db, admin(db), None, login="nina.roux", email="nina.roux@redaction-nord.fr",
                     display_name="Nina Roux", role="author", password="redaction-2027")  # fmt: skip
    draft = by(db, Post, slug="notre-bilan-2026")
    data = PostInput(title=draft.title, blocks=json.dumps(draft.blocks), slug=draft.slug, author_id=nina.id,
                     category_ids=[c.id for c in draft.categories])  # fmt: skip
    save_post(db, admin(db), "post", draft, data, "save")


def e_q4(db: Session, objects: dict) -> None:
    """Spam, an answered question, a published review; manual approval; comments closed on the sales."""
    comments.moderate(db, named(db, objects, "publicite", Comment), "spam")
    question = named(db, objects, "question", Comment)
    comments.moderate(db, question, "approve")
    comments.reply_as_site(
        db, question, admin(db), "Merci : prenez la taille de votre matelas, bonnet compris."
    )
    comments.moderate(db, named(db, objects, "avis", Comment), "approve")
    save_discussion(db, True, True)
    comments.set_comments_open(db, by(db, Post, slug="soldes-d-hiver-2026"), False)


def e_q5(db: Session, objects: dict) -> None:
    """A sidebar on posts with « Nos derniers conseils » and the Meta widget moved there."""
    save_layout(db, "posts")
    add_widget(db, "sidebar", "recent_posts", "Nos derniers conseils", {"count": "3"})
    meta = next(w for w in widgets_in(db, "footer") if w.kind == "meta")
    db.delete(meta)
    add_widget(db, "sidebar", "meta", meta.title)


def f_q1(db: Session, objects: dict) -> None:
    """The Linen Week page: 150 words, two H2, countdown, map, form, photo; under « À propos »."""
    day = today_plus(db, 20)
    blocks = text_blocks(
        ["Une semaine d'ateliers", "Comment s'inscrire ?"],
        {"type": "countdown", "title": "Ouverture", "date": day.isoformat()},
        {"type": "map", "address": "27 rue de l'Épeule, 59100 Roubaix"},
        {"type": "form", "kind": "contact", "title": "Inscription aux ateliers"},
        {"type": "image", "media_id": image(db).id, "alt": "L'atelier de Roubaix"},
    )
    page = publish(db, "page", "La Semaine du lin à l'atelier", blocks)
    primary = menus.menu_at(db, "primary")
    menus.add_item(db, primary, "page", target_id=page.id, parent_id=item(db, primary, "À propos").id)


def f_q2(db: Session, objects: dict) -> None:
    """An information bar on every page, once per visit."""
    start, end = today_plus(db, 20), today_plus(db, 26)
    body = f"La Semaine du lin à l'atelier, du {start:%d/%m/%Y} au {end:%d/%m/%Y}."
    page = db.scalar(select(Post).where(Post.title == "La Semaine du lin à l'atelier"))
    save_popup(
        db, PopupInput("Semaine du lin", "bar", "", body, "Je m'inscris", f"/{page.slug}", True, "all", 0)
    )


def f_q3(db: Session, objects: dict) -> None:
    """The header announces the week."""
    save_header(db, "Semaine du lin à l'atelier : ateliers gratuits sur inscription",
                get_setting(db, "site.header_media_id"))  # fmt: skip


def f_q4(db: Session, objects: dict) -> None:
    """A Facebook post with a photo; Claire Dumont invited to the embroidery workshop."""
    social.publish_post(
        db, "facebook", "La Semaine du lin à l'atelier : inscrivez-vous sur notre site !", image(db).id
    )
    question = by(db, SocialComment, author_name="Claire Dumont")
    social.answer(db, question, "Oui ! Venez à l'atelier de broderie de la Semaine du lin.", "Lin & Nature")


def f_q5(db: Session, objects: dict) -> None:
    """The SEO extension's breadcrumb from « Accueil »; 6 posts per page."""
    plugin(db, "seo", True)
    save_breadcrumb(db, True, "›", "Accueil", "")
    show = get_setting(db, "reading.show_on_front") or "posts"
    save_reading(db, show, get_setting(db, "reading.page_on_front"), "6")


WORK = {
    "ln-vitrine-d": {"q1": d_q1, "q2": d_q2, "q3": d_q3, "q4": d_q4, "q5": d_q5},
    "ln-vitrine-e": {"q1": e_q1, "q2": e_q2, "q3": e_q3, "q4": e_q4, "q5": e_q5},
    "ln-vitrine-f": {"q1": f_q1, "q2": f_q2, "q3": f_q3, "q4": f_q4, "q5": f_q5},
}
