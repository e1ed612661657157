"""What each setting a screen writes visibly changes on the seat's pages: the table test_settings_wired walks.

An Effect says: write `value` to the key and `shows` appears on `path` (or, with `gone`, disappears), seen
by one of the world's people: `visitor` (the site back office's candidate, anonymous in the shop), `buyer`
(a new customer at the checkout's payment step) or `returner` (a seeded customer with a delivered order).
An `act` (posting a comment…) runs before each look, with a marker that differs before and after the
write; `{name}` in a path or a value is one of the world's references (a page id, an order reference…).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import Carrier, Combination, Media, Product, get_setting
from tests.integration.shop_admin_helpers import csrf_token
from tests.integration.site_helpers import add_post


@dataclass
class Effect:
    """Writing `value` to a key makes `shows` appear on `path` (relative to the seat), where it was not."""

    path: str
    value: str | Callable[[Session], str]
    shows: str | Callable[[Session], str]
    who: str = "visitor"
    also: dict[str, str] = field(default_factory=dict)  # other settings the effect needs (put back too)
    gone: bool = False  # the write makes `shows` disappear instead
    act: Callable | None = None  # act(world, marker) before each look
    fresh: bool = False  # look as a new anonymous browser (what the public sees, not the author)


def _other_image(db: Session) -> str:
    """An image of the media library that is not the site's logo."""
    logo = get_setting(db, "site.logo_media_id")
    return str(db.scalar(select(Media.id).where(Media.mime.like("image/%"), Media.id != int(logo or 0))
                        .order_by(Media.id.desc())))


def _image_file(db: Session) -> str:
    return f"/media/{_other_image(db)}/"


def references(db: Session, buyer_carrier: int, reference: str) -> dict[str, str]:
    """The world's references: pages and posts made for the effects, products and carriers to look at."""
    page = add_post(db, "Page des réglages", "reglages-page", kind="page")
    post = add_post(db, "Article des réglages", "reglages-article")
    add_post(db, "Article du futur", "article-du-futur", days=5)
    with_combinations = select(Combination.product_id)
    simple = select(Product).where(Product.active.is_(True), Product.id.not_in(with_combinations))
    product = db.scalars(simple.order_by(Product.id)).first()
    # A product sold out that follows the shop's « commandes de produits hors stock » preference.
    sold_out = db.scalars(simple.order_by(Product.id.desc())).first()
    sold_out.quantity, sold_out.out_of_stock = 0, "default"
    other = db.scalar(select(Carrier.id).where(Carrier.id != buyer_carrier).order_by(Carrier.id))
    return {"page": str(page.id), "post": post.slug, "product": f"{product.id}-{product.slug}",
            "sold_out": f"{sold_out.id}-{sold_out.slug}", "other_carrier": str(other), "reference": reference,
            "in_ten_days": (seat_today(db) + timedelta(days=10)).isoformat()}


def _comment(world, marker: str) -> None:
    """An anonymous visitor comments the settings' article (moderated or not, per the setting)."""
    author = world.app.test_client()
    url = f"/s/{world.seat.name}/site/blog/{world.refs['post']}"
    page = author.get(url).get_data(as_text=True)
    author.post(url, data={"csrf_token": csrf_token(page), "body": f"Commentaire {marker}",
                           "author_name": "Visiteur", "author_email": "visiteur@exemple.fr"})


def _review(world, marker: str) -> None:
    """The buyer (a customer) reviews a product (validated first or not, per the setting)."""
    url = f"/s/{world.seat.name}/boutique/produit/{world.refs['product']}"
    page = world.people["buyer"].get(url).get_data(as_text=True)
    action = re.search(r'class="review-form" method="post" action="([^"]+)"', page).group(1)
    world.people["buyer"].post(action, data={"csrf_token": csrf_token(page), "title": f"Avis {marker}",
                                             "grade": "5", "body": "Très beau linge."})


ICONS = {"site.social_icons": "1", "site.social_position": "footer"}
SEO = {"plugins.seo": "1"}  # the breadcrumb is the SEO extension's: shown only while it is active
CRUMBS = {"seo.breadcrumbs": "1", **SEO}
SOCIAL_URL = "https://reseau.exemple.fr/reglages-{}"
PAGE, TERMS = "/site/reglages-page/", "/boutique/conditions-generales-de-vente"
PAY = "/boutique/commande/paiement"
PRODUCT = "/boutique/produit/{product}"


def _paid(module: str, value: str, shows: str, **kw) -> Effect:
    return Effect(PAY, value, shows, who="buyer", **kw)


CHEQUE, WIRE = "Paiement par chèque</h3>", "Paiement par virement bancaire</h3>"

EFFECTS: dict[str, Effect] = {
    "site.title": Effect("/site/", "Titre réglé", "Titre réglé"),
    "site.tagline": Effect("/site/", "Slogan réglé", "Slogan réglé"),
    "site.logo_media_id": Effect("/site/", _other_image, _image_file),
    "site.icon_media_id": Effect("/site/", _other_image, 'rel="icon"'),
    "site.header_text": Effect("/site/", "Bandeau réglé", "Bandeau réglé"),
    "site.header_media_id": Effect("/site/", _other_image, _image_file),
    "site.sidebar": Effect(PAGE, "pages", "site-body--sidebar"),
    "site.social_icons": Effect("/site/", "1", "reseau.exemple.fr/reglages-facebook",
                                also={"social.facebook": SOCIAL_URL.format("facebook")}),
    "site.social_position": Effect("/site/", "below_header", 'class="social-bar"', also=ICONS),
    **{f"social.{k}": Effect("/site/", SOCIAL_URL.format(k), SOCIAL_URL.format(k).split("//")[1], also=ICONS)
       for k in ("facebook", "instagram", "linkedin", "pinterest", "tiktok", "x", "youtube")},
    "reading.show_on_front": Effect("/site/", "page", "Texte de Page des réglages.",
                                    also={"reading.page_on_front": "{page}"}),
    "reading.page_on_front": Effect("/site/", "{page}", "Texte de Page des réglages.",
                                    also={"reading.show_on_front": "page"}),
    "reading.posts_per_page": Effect("/site/blog", "500", "Articles plus anciens", gone=True),
    "company.address1": Effect("/site/", "12 rue des Réglages", "12 rue des Réglages"),
    "company.address2": Effect("/site/", "Bâtiment Réglé", "Bâtiment Réglé"),
    "company.postcode": Effect("/site/", "99999", "99999"),
    "company.city": Effect("/site/", "Villeréglée", "Villeréglée"),
    "company.phone": Effect("/site/", "01 99 99 99 99", "01 99 99 99 99"),
    "company.email": Effect("/site/", "regle@exemple.fr", "regle@exemple.fr"),
    "company.opening_hours": Effect("/site/", "Ouvert le dimanche réglé", "Ouvert le dimanche réglé"),
    **{f"shop.{k}": Effect("/boutique/", v, v) for k, v in {
        "name": "Boutique réglée", "email": "boutique-reglee@exemple.fr", "address1": "3 quai Réglé",
        "address2": "Entrepôt réglé", "postcode": "98888", "city": "Bourgréglé", "country": "Belgique",
        "phone": "01 98 98 98 98", "opening_hours": "Ouvert la nuit (réglé)"}.items()},
    "seo.breadcrumbs": Effect(PAGE, "1", 'aria-label="Fil d\'Ariane"', also=SEO),
    "seo.breadcrumbs_separator": Effect(PAGE, "‡", "‡", also=CRUMBS),
    "seo.breadcrumbs_home": Effect(PAGE, "Départ réglé", "Départ réglé", also=CRUMBS),
    "seo.breadcrumbs_prefix": Effect(PAGE, "Vous êtes ici (réglé)", "Vous êtes ici (réglé)", also=CRUMBS),
    "plugins.seo": Effect("/site/admin/", "1", "/site/admin/seo/reglages"),
    # « Autoriser les commentaires sur les nouveaux articles » off: a new article's box is not ticked.
    "discussion.comments_open": Effect("/site/admin/articles/nouveau", "0", 'checked id="comments_open"',
                                       gone=True),
    # Moderation off: a visitor's comment is public at once (on, it waits: the public does not see it).
    "discussion.moderation": Effect("/site/blog/{post}", "0", "Commentaire {marker}", act=_comment,
                                    fresh=True),
    "privacy.page_id": Effect("/site/admin/reglages/confidentialite", "{page}", "Page des réglages"),
    # The seat's clock: an article scheduled in five days is published once the seat lives ten days later.
    "clock.today": Effect("/site/blog", "{in_ten_days}", "Article du futur"),
    "returns.days": Effect(TERMS, "45", "acceptés pendant 45 jours"),
    "returns.enabled": Effect(TERMS, "1", "nos retours sont acceptés", also={"returns.enabled": "0"}),
    "returns.instructions": Effect("/boutique/mon-compte/commandes/{reference}/retour", "Colis réglé.",
                                   "Colis réglé.", who="returner"),
    # « Nouveau » lasts shop.new_product_days: at 0 no product of the home page wears the flag any more.
    "shop.new_product_days": Effect("/boutique/", "0", ">Nouveau<", gone=True),
    "stock.allow_out_of_stock_orders": Effect("/boutique/produit/{sold_out}", "1",
                                              'id="add-to-cart-button">Ajouter au panier'),
    "orders.minimum_ttc": Effect("/boutique/panier", "99999", "Le montant minimum d", who="buyer"),
    "product_comments.enabled": Effect(PRODUCT, "0", 'id="avis"', gone=True),
    "product_comments.allow_guests": Effect(PRODUCT, "1", "Donnez votre avis"),
    "product_comments.moderation": Effect(PRODUCT, "0", "Avis {marker}", act=_review, fresh=True),
    "payment.cheque.payee": Effect(TERMS, "Ordre Réglé", "Ordre Réglé"),
    "payment.cheque.address": _paid("cheque", "12 allée des Chèques", "12 allée des Chèques"),
    "payment.cheque.enabled": _paid("cheque", "0", CHEQUE, gone=True),
    "payment.cheque.groups": _paid("cheque", "1", CHEQUE, gone=True),  # visitors only: not this customer
    "payment.cheque.carriers": _paid("cheque", "{other_carrier}", CHEQUE, gone=True),
    "payment.wire.enabled": _paid("wire", "0", WIRE, gone=True),
    "payment.wire.groups": _paid("wire", "1", WIRE, gone=True),
    "payment.wire.carriers": _paid("wire", "{other_carrier}", WIRE, gone=True),
    **{f"payment.wire.{k}": _paid("wire", v, v) for k, v in {
        "owner": "Titulaire Réglé", "bank": "Banque Réglée", "iban": "FR76 9999 9999 9999 9999 9999 999",
        "bic": "REGLFRPPXXX", "details": "Virement sous 8 jours (réglé)"}.items()},
}
