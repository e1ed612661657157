"""Model answers of vitrine subjects A, B and C (see ``answers``); D, E, F are in ``answers_vitrine_def``."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.models import Comment, Media, Menu, MenuItem, Post, PostCategory, SiteUser
from sandbox.services import comments, media_library, menus, terms
from sandbox.services.popups import PopupInput, save_popup
from sandbox.services.posts import PostInput, save_post
from sandbox.services.site_settings import (
    SOCIAL_KEYS,
    save_discussion,
    save_header,
    save_identity,
    save_layout,
    save_reading,
    save_social,
)
from sandbox.services.site_users import save_user
from sandbox.services.widgets import add_widget
from tests.observables.site_seat import admin, plugin
from tests.studio.answers import by, named, today_plus

WORDS = (
    "Chez Lin & Nature, chaque pièce de linge est pensée pour durer : tissée en Europe à partir de lin "
    "cultivé dans le Nord, confectionnée à Roubaix et suivie après l'achat par notre atelier, qui conseille, "
    "entretient et répare le linge de maison en lin pour lui donner une seconde vie."
)


def text_blocks(headings: list[str], *extra: dict, level: int = 2) -> list[dict]:
    """An editor's content: a heading and two paragraphs per heading (about 45 words each), then blocks."""
    blocks: list[dict] = []
    for heading in headings:
        blocks += [{"type": "heading", "level": level, "text": heading}, {"type": "paragraph", "html": WORDS}]
        blocks.append({"type": "paragraph", "html": WORDS})
    return blocks + list(extra)


def image(db: Session, name_part: str = "") -> Media:
    """A photo of the media library (the first whose file name holds ``name_part``)."""
    query = select(Media).where(Media.mime.like("image/%"), Media.filename.contains(name_part))
    return db.scalars(query.order_by(Media.id)).first()


def publish(
    db: Session, kind: str, title: str, blocks: list[dict], post: Post | None = None, **fields
) -> Post:
    """Write and publish a post or page through the editor's service."""
    data = PostInput(title=title, blocks=json.dumps(blocks), **fields)
    return save_post(db, admin(db), kind, post, data, "publish")


def seo(keyphrase: str) -> dict[str, str]:
    """The SEO box: key phrase, SEO title and a 120–160 character meta description."""
    advice = "les conseils de l'atelier Lin & Nature pour bien choisir, entretenir et faire durer longtemps"
    meta = f"{keyphrase.capitalize()} : {advice} votre linge."
    assert 120 <= len(meta) <= 160, len(meta)
    return {"focus_keyphrase": keyphrase, "seo_title": f"{keyphrase.capitalize()} | Lin & Nature",
            "meta_description": meta}  # fmt: skip


def item(db: Session, menu: Menu, label: str) -> MenuItem:
    """A menu's entry by its label."""
    return next(i for i in menu.items if i.label == label)


def a_q1(db: Session, objects: dict) -> None:
    """The repair workshop post: 150 words, two H2, a photo with alt text, a button to Contact, SEO."""
    plugin(db, "seo", True)
    photo = image(db)
    blocks = text_blocks(
        ["Un atelier au service de votre linge", "Comment confier une pièce ?"],
        {"type": "image", "media_id": photo.id, "alt": "L'atelier de réparation de Roubaix"},
        {"type": "button", "text": "Nous contacter", "url": "/contact"},
    )
    savoir = by(db, PostCategory, name="Savoir-faire")
    publish(db, "post", "Notre atelier de réparation : votre linge a une seconde vie", blocks,
            category_ids=[savoir.id], seo=seo("réparation linge de maison"))  # fmt: skip


def a_q2(db: Session, objects: dict) -> None:
    """A modal on the home page, after 5 s, once per visit, for two weeks."""
    save_popup(db, PopupInput(
        "Atelier de réparation", "modal", "Notre atelier répare votre linge",
        "Un accroc, un ourlet ? Notre atelier de réparation redonne vie à votre linge en lin.",
        "Lire l'article", "/blog", True, "home", 5, "session", today_plus(db, 0), today_plus(db, 14),
    ))  # fmt: skip


def a_q3(db: Session, objects: dict) -> None:
    """« Savoir-faire » under « Blog », the delivery page after « FAQ »; a mobile menu off-canvas."""
    primary = menus.menu_at(db, "primary")
    blog = item(db, primary, "Blog")
    menus.add_item(db, primary, "category", target_id=by(db, PostCategory, name="Savoir-faire").id,
                   parent_id=blog.id)  # fmt: skip
    page = by(db, Post, title="Livraison et retours")
    added = menus.add_item(db, primary, "page", target_id=page.id)
    faq = item(db, primary, "FAQ")
    while _top(db, added).index(added.id) > _top(db, added).index(faq.id) + 1:
        menus.move_item(db, added, "up")
    mobile = menus.create_menu(db, "Menu mobile")
    for kind, title in (("page", "Accueil"), ("page", "Contact")):
        menus.add_item(db, mobile, kind, target_id=by(db, Post, title=title).id)
    menus.add_item(db, mobile, "custom", url="/blog", label="Blog")
    menus.set_locations(db, {**menus.menu_locations(db), "off_canvas": mobile.id})


def _top(db: Session, entry: MenuItem) -> list[int]:
    """Ids of the first-level entries of a menu, in order."""
    query = select(MenuItem.id).where(MenuItem.menu_id == entry.menu_id, MenuItem.parent_id.is_(None))
    return list(db.scalars(query.order_by(MenuItem.position, MenuItem.id)))


def a_q4(db: Session, objects: dict) -> None:
    """The insult in the trash; the named employee removed then approved; the question answered."""
    comments.moderate(db, named(db, objects, "insulte", Comment), "trash")
    nominatif = named(db, objects, "nominatif", Comment)
    body = nominatif.body.split(".")[0] + "."
    comments.edit_comment(db, nominatif, body=body, author_name=nominatif.author_name,
                          author_email=nominatif.author_email)  # fmt: skip
    comments.moderate(db, nominatif, "approve")
    question = named(db, objects, "question", Comment)
    comments.moderate(db, question, "approve")
    comments.reply_as_site(
        db,
        question,
        admin(db),
        "Merci pour votre question : l'équipe Lin & Nature conseille un lavage à 40 °C.",
    )


def a_q5(db: Session, objects: dict) -> None:
    """Manual approval of every comment; comments closed on the winter sales post."""
    save_discussion(db, True, True)
    comments.set_comments_open(db, by(db, Post, slug="soldes-d-hiver-2026"), False)


def b_q1(db: Session, objects: dict) -> None:
    """« Nos 15 ans », child of « À propos »: 150 words, two headings, a gallery, the audio interview."""
    photos = db.scalars(select(Media.id).where(Media.mime.like("image/%")).order_by(Media.id).limit(3)).all()
    audio = by(db, Media, filename="interview-claire-vandamme.wav")
    blocks = text_blocks(
        ["Quinze ans de linge durable", "Demain, l'atelier"],
        {"type": "gallery", "media_ids": list(photos), "columns": 3},
        {"type": "audio", "media_id": audio.id, "caption": "Claire Vandamme raconte"},
    )
    excerpt = "Quinze ans de linge de maison en lin, tissé dans le Nord et fait pour durer."
    meta = {
        "seo_title": "Nos 15 ans | Lin & Nature",
        "focus_keyphrase": "linge de maison en lin",
        "meta_description": "Lin & Nature fête ses 15 ans de linge de maison en lin tissé dans le Nord.",
    }
    publish(
        db,
        "page",
        "Nos 15 ans",
        blocks,
        excerpt=excerpt,
        parent_id=by(db, Post, title="À propos").id,
        seo=meta,
    )


def b_q2(db: Session, objects: dict) -> None:
    """The 2027 tagline, logo and icon."""
    logo = by(db, Media, filename="logo-lin-et-nature-2027.png")
    icon = by(db, Media, filename="icone-15-ans.png")
    save_identity(db, "Lin & Nature", "Le linge de maison tissé pour durer", str(logo.id), str(icon.id))


def b_q3(db: Session, objects: dict) -> None:
    """The header's photo and text."""
    save_header(
        db,
        "15 ans de linge durable, tissé dans le Nord",
        str(by(db, Media, filename="champ-de-lin-en-fleur.jpg").id),
    )


def b_q4(db: Session, objects: dict) -> None:
    """The static home page « Accueil »; 6 posts per page."""
    save_reading(db, "page", str(by(db, Post, slug="accueil").id), "6")


def b_q5(db: Session, objects: dict) -> None:
    """Social icons shown, LinkedIn and TikTok filled in."""
    from sandbox.models import get_setting

    urls = {key: get_setting(db, f"social.{key}") for key in SOCIAL_KEYS}
    urls |= {
        "linkedin": "https://www.linkedin.com/company/lin-et-nature",
        "tiktok": "https://www.tiktok.com/@linetnature",
    }
    save_social(db, True, urls)


def c_q1(db: Session, objects: dict) -> None:
    """The bath linen post: 150 words, two H2, a three-question FAQ, SEO, sticky."""
    plugin(db, "seo", True)
    faq = [
        {"question": q, "answer": WORDS}
        for q in ("Quel grammage ?", "Comment le laver ?", "Sèche-t-il vite ?")
    ]
    blocks = text_blocks(["Pourquoi le lin ?", "Bien l'entretenir"], {"type": "faq", "items": faq})
    conseils = by(db, PostCategory, name="Conseils d'entretien")
    title = "Bien choisir son linge de bain en lin"
    publish(db, "post", title, blocks, category_ids=[conseils.id], tags="bain",
            sticky=True, seo=seo("linge de bain en lin"))  # fmt: skip


def c_q2(db: Session, objects: dict) -> None:
    """The intern as contributor, Hugo Lemaire author, the post given to Lucie Martin."""
    save_user(db, admin(db), None, login="ines.roussel", email="ines.roussel@lin-et-nature.fr",
              display_name="Inès Roussel", role="contributor", password="stagiaire-2027")  # fmt: skip
    hugo = by(db, SiteUser, login="hugo.lemaire")
    save_user(
        db, admin(db), hugo, login=hugo.login, email=hugo.email, display_name=hugo.display_name, role="author"
    )
    post = db.scalar(select(Post).where(Post.title == "Bien choisir son linge de bain en lin"))
    lucie = by(db, SiteUser, login="lucie.martin")
    data = PostInput(title=post.title, blocks=json.dumps(post.blocks), author_id=lucie.id,
                     category_ids=[c.id for c in post.categories], sticky=post.sticky, seo=None)  # fmt: skip
    save_post(db, admin(db), "post", post, data, "publish")


def c_q3(db: Session, objects: dict) -> None:
    """« À lire aussi » in the footer; the sidebar on posts with a calendar."""
    add_widget(db, "footer", "recent_posts", "À lire aussi", {"count": "3", "excerpt_words": "15"})
    save_layout(db, "posts")
    add_widget(db, "sidebar", "calendar", "Calendrier")


def c_q4(db: Session, objects: dict) -> None:
    """The folded towels photo: alternative text and caption."""
    photo = db.scalar(select(Media).where(Media.filename.contains("serviettes-lin")))
    alt = "Serviettes en lin pliées sur l'établi de l'atelier"
    caption = "Serviettes en lin tissées dans le Nord, pliées à l'atelier de Roubaix"
    media_library.describe(db, admin(db), photo, photo.title, alt, caption, "")


def c_q5(db: Session, objects: dict) -> None:
    """A real description for « Décoration »."""
    deco = by(db, PostCategory, name="Décoration")
    text = (
        "Nos idées de décoration autour du linge de maison en lin : couleurs de saison, associations de "
        "matières et conseils pour habiller la table, le lit et le salon avec des pièces qui durent."
    )
    terms.save_term(db, admin(db), PostCategory, deco, deco.name, deco.slug, text, deco.parent_id)


WORK = {
    "ln-vitrine-a": {"q1": a_q1, "q2": a_q2, "q3": a_q3, "q4": a_q4, "q5": a_q5},
    "ln-vitrine-b": {"q1": b_q1, "q2": b_q2, "q3": b_q3, "q4": b_q4, "q5": b_q5},
    "ln-vitrine-c": {"q1": c_q1, "q2": c_q2, "q3": c_q3, "q4": c_q4, "q5": c_q5},
}
