"""Seeding of the shop modules: their default configuration, 3 carousel slides (drawn pictures), reassurance
items and the order of the home blocks. Runs after the catalogue (slides link to products)."""

from __future__ import annotations

from PIL import ImageDraw
from sqlalchemy import select

from sandbox.models import Category, Product, ProductCategory, ProductComment
from sandbox.models.modules import (
    CarouselSlide,
    HookPosition,
    LinkBlock,
    LinkBlockItem,
    MainMenuItem,
    Module,
    ReassuranceItem,
    SearchAlias,
    ShopPage,
)
from sandbox.seeding.common import Run, at, days
from sandbox.seeding.drawing import hex_rgb, jpeg, text
from sandbox.seeding.media import Library
from sandbox.seeding.pictures import fabric
from sandbox.services.modules import HOME_BLOCKS, MODULES

TEXT_BLOCK = (
    "<p>Depuis l'atelier de Roubaix, nous tissons, lavons et cousons un lin cultivé en France. "
    "Chaque pièce est pensée pour durer et s'adoucir au fil des lavages.</p>"
)
SLIDES = [  # title, caption, colour, pattern
    ("Collection été", "Le lin lavé, frais et léger", "#c9b89a", "stripes"),
    ("Linge de lit", "Des nuits douces toute l'année", "#8fa3ad", "checks"),
    ("Idées cadeaux", "Coffrets prêts à offrir", "#b5836b", "chevrons"),
]
REASSURANCE = [
    ("truck", "Livraison offerte dès 60 € d'achat"),
    ("lock", "Paiement 100 % sécurisé"),
    ("return", "Retours gratuits sous 30 jours"),
    ("leaf", "Lin cultivé et tissé en France"),
]


PAGES = [  # title, slug, content
    ("Livraison", "livraison",
     "<p>Nous expédions vos commandes sous 48 heures ouvrées depuis Roubaix, en Colissimo ou en point relais."
     "</p><p>La livraison est offerte dès 60 € d'achat en France métropolitaine.</p>"),
    ("Mentions légales", "mentions-legales",
     "<p>Ce site est édité par Lin & Nature SAS, 27 rue de l'Épeule, 59100 Roubaix. Hébergement : "
     "simulation d'examen, aucune donnée réelle.</p>"),
    ("Conditions générales de vente", "conditions-generales-de-vente",
     "<p>Les présentes conditions régissent les ventes conclues sur la boutique en ligne Lin & Nature. "
     "Les prix sont indiqués en euros TTC.</p>"),
    ("À propos", "a-propos",
     "<p>Lin & Nature tisse et confectionne du linge de maison en lin cultivé en France depuis 15 ans.</p>"),
    ("Paiement sécurisé", "paiement-securise",
     "<p>Payez par chèque ou par virement bancaire : vos coordonnées ne quittent jamais notre boutique.</p>"),
]
ALIASES = [("couverture", "plaid"), ("torchons", "torchon")]


def _slide_picture(title: str, colour: str, pattern: str) -> bytes:
    # 960 × 320 keeps each picture under the pack's 60 kB budget for seeded images.
    canvas = fabric(hex_rgb(colour), pattern, scale=2, size=960).crop((0, 0, 960, 320))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([48, 110, 500, 210], fill=(255, 255, 255))
    text(draw, (72, 160), title, 40, (40, 40, 40))
    return jpeg(canvas)


OFF_AT_START = {"social_sharing"}


def seed_shop_modules(run: Run) -> None:
    """Module rows with their defaults, slides linked to the first products online, reassurance, order."""
    config = {code: {o.key: o.default for o in spec.options}
              for code, spec in MODULES.items() if not spec.settings}
    config["text_block"]["content"] = TEXT_BLOCK
    # Share buttons start off, as on the shops the national subjects start from.
    run.insert(Module, [{"code": code, "name": MODULES[code].name, "active": code not in OFF_AT_START,
                         "config": values} for code, values in config.items()])
    products = list(run.db.scalars(select(Product.id).where(Product.active.is_(True))
                                   .order_by(Product.id).limit(2)))
    category = run.db.scalar(select(Category.id).where(Category.parent_id == 1)
                             .order_by(Category.position, Category.id))
    library = Library(run)
    rows = []
    for index, (title, caption, colour, pattern) in enumerate(SLIDES, start=1):
        media_id = library.add(f"carrousel-{index}.jpg", _slide_picture(title, colour, pattern),
                               at(run.ref - days(60), 9), title=title, alt=title)
        product_id = products[index - 1] if index - 1 < len(products) else None
        rows.append({"id": index, "media_id": media_id, "title": title, "caption": caption,
                     "product_id": product_id, "category_id": None if product_id else category,
                     "position": index, "active": True})
    library.flush()
    run.insert(CarouselSlide, rows)
    run.insert(ReassuranceItem, [{"id": i, "icon": icon, "text": label, "position": i}
                                 for i, (icon, label) in enumerate(REASSURANCE, start=1)])
    run.insert(HookPosition, [{"hook": "home", "block": code, "position": (i + 1) * 10}
                              for i, code in enumerate(HOME_BLOCKS)])
    _seed_main_menu(run)
    _seed_home_selection(run)
    _seed_pages_and_links(run)


HOME_SELECTION = 16  # products attached to « Accueil »: what the featured block shows (8 by default)


def _seed_home_selection(run: Run) -> None:
    """The newest products online are attached to « Accueil » in that order (PrestaShop's demo puts its
    featured products in Home): the featured block is then defined by membership and position only."""
    rows = run.db.scalars(select(Product.id).where(Product.active.is_(True))
                          .order_by(Product.created_at.desc(), Product.id.desc()).limit(HOME_SELECTION))
    run.insert(ProductCategory, [{"product_id": pid, "category_id": 1, "position": position}
                                 for position, pid in enumerate(rows)])


def _seed_main_menu(run: Run) -> None:
    """The main menu lists the active top categories in their order (as PrestaShop's does on install)."""
    tops = run.db.execute(select(Category.id, Category.name).where(Category.parent_id == 1,
                                                                   Category.active.is_(True))
                          .order_by(Category.position, Category.id)).all()
    run.insert(MainMenuItem, [{"id": i, "kind": "category", "target_id": cid, "label": name, "url": "",
                               "position": i} for i, (cid, name) in enumerate(tops, start=1)])


def _seed_pages_and_links(run: Run) -> None:
    """The shop's information pages, two footer link lists and the search aliases."""
    run.insert(ShopPage, [{"id": i, "title": title, "slug": slug, "content": content, "meta_title": "",
                           "meta_description": "", "active": True, "position": i}
                          for i, (title, slug, content) in enumerate(PAGES, start=1)])
    run.insert(LinkBlock, [{"id": 1, "title": "Nos engagements", "position": 1},
                           {"id": 2, "title": "Nos univers", "position": 2}])
    categories = list(run.db.scalars(select(Category.id).where(Category.parent_id == 1)
                                     .order_by(Category.position, Category.id).limit(3)))
    names = dict(run.db.execute(select(Category.id, Category.name).where(Category.id.in_(categories))).all())
    items = [{"block_id": 1, "kind": "page", "target_id": page_id, "label": PAGES[page_id - 1][0], "url": ""}
             for page_id in (1, 5, 2)]
    items += [{"block_id": 2, "kind": "category", "target_id": cid, "label": names[cid], "url": ""}
              for cid in categories]
    run.insert(LinkBlockItem, [{**row, "id": i, "position": i} for i, row in enumerate(items, start=1)])
    run.insert(SearchAlias, [{"id": i, "alias": alias, "search": search}
                             for i, (alias, search) in enumerate(ALIASES, start=1)])
    _seed_replies(run)


REPLIES = [
    "Merci pour votre avis ! Toute l'équipe de l'atelier est ravie que le linge vous plaise.",
    "Merci de votre retour. Un conseil : lavez-le à 40 °C sans adoucissant, il gagnera en douceur.",
]


def _seed_replies(run: Run) -> None:
    """Public replies of the shop under two published reviews (the first ones, by id)."""
    rows = list(run.db.scalars(select(ProductComment).where(ProductComment.validated.is_(True))
                               .order_by(ProductComment.id).limit(len(REPLIES))))
    for comment, text_ in zip(rows, REPLIES, strict=False):
        comment.reply = text_
        comment.reply_at = max(comment.created_at, run.now - days(1))
    run.db.flush()
