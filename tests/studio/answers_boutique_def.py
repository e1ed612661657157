"""Model answers of boutique subjects D, E and F (see ``answers``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from sandbox.models import (
    AttributeGroup,
    CustomerGroup,
    CustomerThread,
    LinkBlock,
    Media,
    Product,
    ProductComment,
    ReturnRequest,
    set_setting,
)
from sandbox.services import main_menu, reviews
from sandbox.services.attributes import add_value
from sandbox.services.catalogue import save_product
from sandbox.services.customer_service import reply, save_predefined, set_status
from sandbox.services.home_blocks import add_slide
from sandbox.services.modules import (
    configure_module,
    home_order,
    module_config,
    set_home_order,
    set_module_active,
)
from sandbox.services.price_rules import (
    CatalogRuleInput,
    SpecificPriceInput,
    add_specific_price,
    save_catalog_rule,
)
from sandbox.services.product_extras import add_accessory, add_customization_field, add_pack_item
from sandbox.services.promotion_admin import CartRuleInput, Reduction, save_cart_rule
from sandbox.services.returns import complete_return, save_return_settings
from sandbox.services.shop_content import PageInput, add_alias, add_link, add_link_block, save_page
from tests.studio.answers import TEXT_250, by, category_id, combine, employee, named, sheet, today_plus

SEO = {
    "meta_title": "Coffret Fête des mères | Lin & Nature",
    "meta_description": "Un coffret de linge en lin lavé Sauge et un savon de Marseille, prêt à offrir.",
}


def d_q1(db: Session, objects: dict) -> None:
    """The Mother's Day box as a pack, priced, described, with an accessory, online."""
    box = named(db, objects, "coffret")
    for reference, quantity in (("PLAID-LIN-SAU", 1), ("COUSSIN-SAU", 2), ("SAVON", 1)):
        add_pack_item(db, box, by(db, Product, reference=reference).id, quantity)
    data = sheet(box, price_ttc=Decimal(129), summary=TEXT_250, description=TEXT_250, active=True, **SEO)
    save_product(db, box, data, employee_id=1)
    add_accessory(db, box, by(db, Product, name="Housse de coussin en lin lavé Terracotta").id)


def d_q2(db: Session, objects: dict) -> None:
    """The FETEMERES code."""
    save_cart_rule(db, None, CartRuleInput(
        name="Fête des mères", code="FETEMERES", date_from=today_plus(db, 0), date_to=today_plus(db, 15),
        minimum_amount=Decimal(80), minimum_tax_included=True, quantity=200, quantity_per_user=1,
        reduction=Reduction("percent", Decimal(10)), exclude_specials=True, highlight=True,
    ))  # fmt: skip


def d_q3(db: Session, objects: dict) -> None:
    """15 % on bath linen during the operation."""
    save_catalog_rule(db, None, CatalogRuleInput(
        "Linge de bain Fête des mères", Reduction("percent", Decimal(15)),
        category_id=category_id(db, "Linge de bain"), date_from=today_plus(db, 0), date_to=today_plus(db, 15),
    ))  # fmt: skip


def d_q4(db: Session, objects: dict) -> None:
    """20 % from 3 bathrobes for professionals; « En solde ! »."""
    robe = by(db, Product, reference="PEIGNOIR")
    pros = by(db, CustomerGroup, name="Professionnels")
    add_specific_price(db, robe, SpecificPriceInput(
        Reduction("percent", Decimal(20)), group_id=pros.id, from_quantity=3,
        date_from=today_plus(db, 0), date_to=today_plus(db, 15),
    ))  # fmt: skip
    save_product(db, robe, sheet(robe, on_sale=True), employee_id=1)


def d_q5(db: Session, objects: dict) -> None:
    """A carousel slide to the box; 12 featured products from « Accueil »."""
    box = named(db, objects, "coffret")
    photo = db.get(Media, box.images[0].media_id)
    add_slide(db, (photo.filename, photo.data), "Fête des mères", "Le coffret à offrir", box.id, None)
    configure_module(db, "featured", {**module_config(db, "featured"), "count": 12, "category_id": 1})


def e_q1(db: Session, objects: dict) -> None:
    """The embroidered swaddle: a new colour, three combinations, price, texts, a name to embroider."""
    lange = named(db, objects, "lange")
    colour = by(db, AttributeGroup, name="Couleur")
    add_value(db, colour.id, "Vert d'eau", "#A8D5C2")
    combine(db, lange, [["Blanc", "Rose poudré", "Vert d'eau"]], 10)
    save_product(db, lange, sheet(lange, price_ttc=Decimal("34.90"), summary=TEXT_250, description=TEXT_250,
                                  active=True), employee_id=1)  # fmt: skip
    add_customization_field(db, lange, "Prénom à broder", "text", True)


def e_q2(db: Session, objects: dict) -> None:
    """The returned pillowcase received and refunded by a credit slip; the customer told."""
    request = named(db, objects, "retour", ReturnRequest)
    complete_return(db, request, shipping=False, restock=True, employee_id=1)


CANNED = "Bonjour, votre remboursement est en cours : un avoir a été émis sur votre commande. Cordialement."


def e_q3(db: Session, objects: dict) -> None:
    """Returns accepted for 30 days."""
    text = "Vous disposez de 30 jours après réception pour nous retourner un article, dans son emballage."
    save_return_settings(db, True, 30, text)


def e_q4(db: Session, objects: dict) -> None:
    """A canned reply; both threads answered and closed."""
    save_predefined(db, None, "Remboursement en cours", CANNED)
    gold = "Bonjour, oui : nos langes peuvent être brodés en fil doré, sans supplément."
    answers = {"sav_martel": CANNED, "sav_visiteuse": gold}
    for name, text in answers.items():
        thread = named(db, objects, name, CustomerThread)
        reply(db, thread, employee(db), text)
        set_status(db, thread, "closed")


def e_q5(db: Session, objects: dict) -> None:
    """Reviews from visitors allowed; the insulting review deleted."""
    configure_module(db, "product_comments", {**module_config(db, "product_comments"), "allow_guests": True})
    reviews.delete(db, named(db, objects, "avis_insulte", ProductComment).id)


PLEDGE = "Lin & Nature s'engage pour un linge durable, tissé en Europe et confectionné à Roubaix."
PLEDGES = " ".join([PLEDGE] * 14)


def f_q1(db: Session, objects: dict) -> None:
    """« Nos engagements »: a page, in the « Informations » links and the main menu."""
    page = save_page(db, None, PageInput(
        "Nos engagements", f"<p>{PLEDGES}</p>", True, "nos-engagements", "Nos engagements | Lin & Nature",
        "Nos engagements : un linge durable, tissé en Europe, confectionné à Roubaix.",
    ))  # fmt: skip
    block = by(db, LinkBlock, title="Informations") or add_link_block(db, "Informations")
    add_link(db, block.id, "page", page.id, "Nos engagements", "")
    main_menu.add_target(db, "page", page.id)


def f_q2(db: Session, objects: dict) -> None:
    """Featured products first, reassurance before « Nos univers »; « Nouveau » for 15 days."""
    order = [b for b in home_order(db) if b not in ("featured", "reassurance")]
    order.insert(order.index("categories"), "reassurance")
    set_home_order(db, {b: i + 1 for i, b in enumerate(["featured", *order])})
    set_setting(db, "shop.new_product_days", "15")


def f_q3(db: Session, objects: dict) -> None:
    """The home text block's new title and content."""
    text = {"title": "Confectionné à Roubaix", "content": "<p>Notre atelier coud chaque pièce à Roubaix.</p>"}
    configure_module(db, "text_block", text)


def f_q4(db: Session, objects: dict) -> None:
    """Sharing on Facebook and Pinterest only; the cheques' new address."""
    set_module_active(db, "social_sharing", True)
    configure_module(db, "social_sharing", {"networks": ["facebook", "pinterest"]})
    address = "Lin & Nature — Service comptabilité, 12 rue du Grand Chemin, 59100 Roubaix"
    configure_module(db, "cheque", {**module_config(db, "cheque"), "address": address})


def f_q5(db: Session, objects: dict) -> None:
    """Search aliases for words that found nothing (annex 3), « serviette de bain » an expression."""
    for alias, search in (
        ("couette", "housse de couette"),
        ("drap-housse", "drap housse"),
        ("serviette de bain", "drap de bain"),
    ):
        add_alias(db, alias, search)


WORK = {
    "ln-boutique-d": {"q1": d_q1, "q2": d_q2, "q3": d_q3, "q4": d_q4, "q5": d_q5},
    "ln-boutique-e": {"q1": e_q1, "q2": e_q2, "q3": e_q3, "q4": e_q4, "q5": e_q5},
    "ln-boutique-f": {"q1": f_q1, "q2": f_q2, "q3": f_q3, "q4": f_q4, "q5": f_q5},
}

