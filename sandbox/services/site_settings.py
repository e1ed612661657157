"""Site vitrine settings: identity, header, home page, layout, social icons, reading, discussion, privacy."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_now
from sandbox.models import Media, Post, get_setting, set_setting
from sandbox.services import ServiceError

SOCIAL_KEYS = ("facebook", "instagram", "pinterest", "linkedin", "youtube", "x", "tiktok")
LAYOUTS = {
    "none": "Pleine largeur partout", "posts": "Colonne latérale sur les articles et le blog",
    "pages": "Colonne latérale sur les pages", "both": "Colonne latérale sur les articles et les pages",
}
PRIVACY_SLUG = "politique-de-confidentialite"
# Where the theme shows the social icons (theme option of « Personnaliser › Réseaux sociaux »).
SOCIAL_POSITIONS = {"header": "Dans l'en-tête", "below_header": "Sous l'en-tête",
                    "footer": "Dans le pied de page"}


def _media(db: Session, raw: str, field: str, kinds: tuple[str, ...]) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    media = db.get(Media, int(raw)) if raw.isdigit() else None
    if media is None or not media.mime.startswith(kinds):
        raise ServiceError("Choisissez un fichier de la médiathèque du bon type.", field)
    return str(media.id)


def save_identity(db: Session, title: str, tagline: str, logo_id: str, icon_id: str) -> None:
    """Site title, tagline (slogan), logo and icon (images of the media library)."""
    title, tagline = (title or "").strip(), (tagline or "").strip()
    if not title:
        raise ServiceError("Indiquez le titre du site.", "title")
    if len(title) > 120 or len(tagline) > 200:
        raise ServiceError("Texte trop long (120 caractères pour le titre, 200 pour le slogan).",
                           "title" if len(title) > 120 else "tagline")
    set_setting(db, "site.title", title)
    set_setting(db, "site.tagline", tagline)
    set_setting(db, "site.logo_media_id", _media(db, logo_id, "logo", ("image/",)))
    set_setting(db, "site.icon_media_id", _media(db, icon_id, "icon", ("image/",)))
    db.flush()


def save_header(db: Session, text: str, media_id: str) -> None:
    """Header banner: a text and a photo or a video of the media library (both optional)."""
    text = (text or "").strip()
    if len(text) > 300:
        raise ServiceError("Le texte de l'en-tête est trop long (300 caractères au plus).", "header_text")
    set_setting(db, "site.header_text", text)
    set_setting(db, "site.header_media_id", _media(db, media_id, "header_media", ("image/", "video/")))
    db.flush()


def save_layout(db: Session, layout: str) -> None:
    """Where the side column (sidebar widgets) is shown."""
    if layout not in LAYOUTS:
        raise ServiceError("Choisissez une mise en page.", "layout")
    set_setting(db, "site.sidebar", layout)
    db.flush()


def save_social(db: Session, enabled: bool, urls: dict[str, str], position: str = "footer") -> None:
    """Social icons on/off, where the theme shows them, and their URLs (never fetched: exit page)."""
    if position not in SOCIAL_POSITIONS:
        raise ServiceError("Choisissez l'emplacement des icônes.", "position")
    for key in SOCIAL_KEYS:
        url = (urls.get(key) or "").strip()
        if url and not url.startswith(("http://", "https://")):
            raise ServiceError("Indiquez une adresse complète commençant par https://.", key)
        set_setting(db, f"social.{key}", url)
    set_setting(db, "site.social_icons", "1" if enabled else "0")
    set_setting(db, "site.social_position", position)
    db.flush()


def save_reading(db: Session, show_on_front: str, page_id: str, per_page: str) -> None:
    """Home page (latest posts or a static page) and number of posts per page."""
    if show_on_front not in ("posts", "page"):
        raise ServiceError("Choisissez ce qu'affiche la page d'accueil.", "show_on_front")
    if show_on_front == "page":
        page = db.get(Post, int(page_id)) if (page_id or "").isdigit() else None
        if page is None or page.kind != "page":
            raise ServiceError("Choisissez la page statique à afficher en accueil.", "page_on_front")
        if page.status != "publish":
            raise ServiceError(f"La page « {page.title} » n'est pas publiée.", "page_on_front")
        set_setting(db, "reading.page_on_front", str(page.id))
    per_page = (per_page or "").strip()
    if not per_page.isdigit() or not 1 <= int(per_page) <= 50:
        raise ServiceError("Indiquez un nombre d'articles entre 1 et 50.", "posts_per_page")
    set_setting(db, "reading.show_on_front", show_on_front)
    set_setting(db, "reading.posts_per_page", per_page)
    db.flush()


def save_discussion(db: Session, moderation: bool, comments_open: bool) -> None:
    """Manual approval of comments, and whether new posts accept comments."""
    set_setting(db, "discussion.moderation", "1" if moderation else "0")
    set_setting(db, "discussion.comments_open", "1" if comments_open else "0")
    db.flush()


@dataclass
class Company:
    """Company data the privacy template needs."""

    name: str
    address: str
    email: str
    website: str
    phone: str


def company(db: Session) -> Company:
    """The company's data from the settings company.*."""
    def c(key: str) -> str:
        return get_setting(db, f"company.{key}").strip()

    address = ", ".join(filter(None, [c("address1"), c("address2"), f"{c('postcode')} {c('city')}".strip()]))
    return Company(c("legal_name") or c("name"), address, c("email"), c("website") or c("domain"), c("phone"))


def privacy_blocks(data: Company) -> list[dict]:
    """The privacy-policy template filled with the company's data (blocks, editable afterwards)."""
    name, site = escape(data.name), escape(data.website)
    sections = [
        ("Qui sommes-nous ?", f"L'adresse de notre site est : {site}. Le responsable du traitement "
         f"des données personnelles est {name}, {escape(data.address)}."),
        ("Données collectées et finalités", "Nous collectons les données que vous nous confiez lorsque "
         "vous passez commande, créez un compte, vous inscrivez à notre lettre d'information, laissez un "
         "commentaire ou nous écrivez par le formulaire de contact, pour traiter votre demande."),
        ("Cookies", "Notre site utilise des cookies nécessaires à son fonctionnement (panier, connexion). "
         "Aucun cookie publicitaire n'est déposé sans votre accord."),
        ("Durées de conservation", "Les données des clients sont conservées trois ans après le "
         "dernier achat ; celles des prospects trois ans après le dernier contact."),
        ("Vos droits", "Vous disposez d'un droit d'accès, de rectification, d'effacement et de "
         f"portabilité de vos données. Écrivez-nous à {escape(data.email)} ou au {escape(data.phone)}. "
         "Vous pouvez aussi adresser une réclamation à la CNIL."),
    ]
    blocks: list[dict] = []
    for heading, text in sections:
        blocks += [{"type": "heading", "level": 2, "text": heading}, {"type": "paragraph", "html": text}]
    return blocks


def generate_privacy_page(db: Session, author_id: int) -> Post:
    """Fill the privacy page (created if missing) from the template; it stays a draft to complete."""
    data = company(db)
    if not data.name:
        raise ServiceError("Renseignez d'abord le nom de l'entreprise (company.name).")
    page = db.scalars(select(Post).where(Post.kind == "page", Post.slug == PRIVACY_SLUG)).first()
    now = seat_now(db)
    if page is None:
        page = Post(kind="page", title="Politique de confidentialité", slug=PRIVACY_SLUG, status="draft",
                    author_id=author_id, comments_open=False, updated_at=now)
        db.add(page)
    page.blocks = privacy_blocks(data)
    page.updated_at = now
    db.flush()
    set_setting(db, "privacy.page_id", str(page.id))
    db.flush()
    return page
