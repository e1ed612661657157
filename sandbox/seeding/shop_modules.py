"""Seeding of the shop modules: their default configuration, 3 carousel slides (drawn pictures), reassurance
items and the order of the home blocks. Runs after the catalogue (slides link to products)."""

from __future__ import annotations

from PIL import ImageDraw
from sqlalchemy import select

from sandbox.models import Category, Product
from sandbox.models.modules import CarouselSlide, HookPosition, Module, ReassuranceItem
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


def _slide_picture(title: str, colour: str, pattern: str) -> bytes:
    canvas = fabric(hex_rgb(colour), pattern, size=1200).crop((0, 0, 1200, 400))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([60, 140, 620, 260], fill=(255, 255, 255))
    text(draw, (90, 200), title, 48, (40, 40, 40))
    return jpeg(canvas)


def seed_shop_modules(run: Run) -> None:
    """Module rows with their defaults, slides linked to the first products online, reassurance, order."""
    config = {code: {o.key: o.default for o in spec.options}
              for code, spec in MODULES.items() if not spec.settings}
    config["text_block"]["content"] = TEXT_BLOCK
    run.insert(Module, [{"code": code, "name": MODULES[code].name, "active": True, "config": values}
                        for code, values in config.items()])
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
