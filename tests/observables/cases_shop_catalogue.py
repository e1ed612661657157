"""Product sheets and catalogue objects of the shop, proven ✓ and ✗ on the seeded « Lin & Nature » seat."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.clock import seat_today
from sandbox.models import (
    Attribute,
    AttributeGroup,
    Brand,
    Carrier,
    Category,
    CustomizationField,
    Feature,
    Product,
    ProductCarrier,
    SpecificPrice,
)
from sandbox.services.combinations import delete_combination
from sandbox.services.product_extras import accessories, remove_accessory
from tests.observables.both_ways import Case, each_unmet

LIN = "DH-LIN-BLA"  # Drap housse en lin lavé Blanc: 79,90 € TTC, 4 sizes, 2 captioned pictures
GAZE = "DH-GAZE"  # Drap housse en gaze: 12 combinations (Taille × Couleur), 180 x 200 Blanc out of stock
# Lower and upper bounds are written at the exact seeded value (159 in stock…): a check comparing with
# « <= » instead of « < » then fails a case.


def product(db: Session, reference: str) -> Product:
    """A seeded product by its reference."""
    return db.scalar(select(Product).where(Product.reference == reference))


def _no_description(db: Session) -> None:
    product(db, LIN).description = ""


def _uncaption_one_picture(db: Session) -> None:
    product(db, LIN).images[-1].legend = ""


def _no_picture(db: Session) -> None:
    for image in product(db, LIN).images:
        db.delete(image)


def _one_picture_left(db: Session) -> None:
    db.delete(product(db, LIN).images[-1])


def _uncaption_every_picture(db: Session) -> None:
    for image in product(db, LIN).images:
        image.legend = ""


def _no_restock_message(db: Session) -> None:
    item = product(db, LIN)
    item.available_date, item.available_later = None, ""


def _no_category(db: Session) -> None:
    item = product(db, LIN)
    item.categories.clear()
    db.flush()  # while the product is still referenced: the change is recorded on it


def _no_meta_title(db: Session) -> None:
    product(db, LIN).meta_title = ""


def _restock_in_three_weeks(db: Session) -> None:
    product(db, LIN).available_date = seat_today(db) + timedelta(days=21)


def _only_colissimo(db: Session) -> None:
    colissimo = db.scalar(select(Carrier).where(Carrier.name.like("Colissimo%")))
    db.add(ProductCarrier(product_id=product(db, LIN).id, carrier_id=colissimo.id))


def _colissimo_and_chronopost(db: Session) -> None:
    _only_colissimo(db)
    chronopost = db.scalar(select(Carrier).where(Carrier.name.like("Chronopost%")))
    db.add(ProductCarrier(product_id=product(db, LIN).id, carrier_id=chronopost.id))


def _no_accessory(db: Session) -> None:
    lin = product(db, LIN)
    for related in accessories(db, lin):
        remove_accessory(db, lin, related.id)


def _hide_category_title(db: Session) -> None:
    db.scalar(select(Category).where(Category.name == "Draps housses")).meta_title = ""


def _brand_without_logo(db: Session) -> None:
    db.scalar(select(Brand).where(Brand.name == "Petit Lin")).logo_id = None


def _heavy_without_ean(db: Session) -> None:
    item = product(db, LIN)
    item.weight_g, item.ean13 = 1250, ""


def _pack_offline(db: Session) -> None:
    product(db, "PACK-NAISSANCE").active = False


def _no_meta_description(db: Session) -> None:
    product(db, LIN).meta_description = ""


def _one_letter_meta_description(db: Session) -> None:
    product(db, LIN).meta_description = "L"


LONG_SIZE = "140 x 190 cm, bonnet de 30 cm, pour matelas épais ou surmatelas"


def _long_size_name(db: Session) -> None:
    size = db.scalar(select(Attribute).where(Attribute.name == "140 x 190"))
    size.name = LONG_SIZE


def _empty_attribute_and_feature(db: Session) -> None:
    db.add(AttributeGroup(name="Finition", public_name="Finition"))
    db.add(Feature(name="Certification"))


def _offline_without_reference(db: Session) -> None:
    item = product(db, LIN)
    item.active, item.reference = False, ""


def _hidden_top_category_of_the_same_name(db: Session) -> None:
    db.add(Category(name="Draps housses", slug="draps-housses-2", active=False))


def _optional_initials(db: Session) -> None:
    field = db.scalar(select(CustomizationField).where(CustomizationField.label.like("Initiales%")))
    field.required = False


def _brand_without_products(db: Session) -> None:
    db.add(Brand(name="Petit Lin Bébé", slug="petit-lin-bebe"))


def _five_euros_off(db: Session) -> None:
    db.add(SpecificPrice(product_id=product(db, LIN).id, from_quantity=1, reduction_type="amount",
                         reduction=Decimal("5"), reduction_tax_included=True))


def _one_size_left(db: Session) -> None:
    item = product(db, LIN)
    for combination in item.combinations[1:]:
        delete_combination(db, item, combination.id)


CASES: list[Case] = [
    *each_unmet(
        "product.price", {"product": LIN, "ttc": "79,90", "ht": "66,58", "tax_rate": "20"},
        {"ttc": "79,00", "ht": "66,60", "tax_rate": "10"},
        says={"": "Produit « Drap housse en lin lavé Blanc » : prix 79,90\u00a0€ TTC (66,58\u00a0€ HT, TVA "
                  "20\u00a0%) — conforme",  # French figures: a no-break space before € and %
              "ttc": "— attendu : 79,00\u00a0€ TTC", "ht": "— attendu : 66,60\u00a0€ HT",
              "tax_rate": "— attendu : TVA 10 %"},
    ),
    Case("product.price", {"name": "Drap housse en lin lavé Blanc", "ttc": "79,90"}, True, why="by name"),
    Case("product.price", {"name": "Plaid Ardoise", "ttc": "79,90"}, False, why="no such product"),
    Case("product.price", {"product": LIN, "tax_rate": "5,5"}, False, why="a reduced rate with a comma",
         says="— attendu : TVA 5,5 %"),
    Case("product.price", {"product": LIN, "ht": "66,58"}, True, why="the price before tax alone"),
    Case("product.price", {"product": LIN, "tax_rate": "20"}, True, why="the tax rate alone"),
    Case("product.price", {"product": LIN}, None, why="nothing compared"),
    Case("product.exists", {"name": "Drap housse en lin lavé Blanc"}, True, _offline_without_reference,
         why="offline, without reference", says="(réf. —) trouvé, hors ligne"),
    *each_unmet(
        "product.fields",
        {"product": LIN, "reference": LIN, "ean13": "3760123000055", "weight_g": 900, "active": True,
         "on_sale": False, "online_only": False, "condition": "new", "brand": "Lin & Nature"},
        {"reference": "DH-LIN-NAT", "ean13": "3760123000062", "weight_g": 1000, "active": False,
         "on_sale": True, "online_only": True, "condition": "used", "brand": "Petit Lin"},
        says={"": "Produit « Drap housse en lin lavé Blanc » : référence DH-LIN-BLA, EAN-13 3760123000055, "
                  "poids (g) 900, en ligne oui, drapeau « En solde ! » non, exclusivité web non, état new, "
                  "marque Lin & Nature — conforme",
              "reference": "— attendu : référence DH-LIN-NAT", "ean13": "— attendu : EAN-13 3760123000062",
              "weight_g": "— attendu : poids (g) 1000", "active": "— attendu : en ligne non",
              "on_sale": "— attendu : drapeau « En solde ! » oui",
              "online_only": "— attendu : exclusivité web oui",
              "condition": "— attendu : état used", "brand": "— attendu : marque Petit Lin"},
    ),
    Case("product.fields", {"name": "Drap housse en lin lavé", "active": True}, True,
         why="by part of a name"),
    Case("product.fields", {"product": LIN}, None, why="nothing compared: reference and online said",
         says="Produit « Drap housse en lin lavé Blanc » : référence DH-LIN-BLA, en ligne oui"),
    Case("product.fields", {"name": "Plaid Ardoise", "active": True}, False, why="no such product"),
    Case("product.fields", {"product": LIN, "reference": "dh-lin-bla", "ean13": "3760123000055"}, False,
         _heavy_without_ean, why="reference in lower case, heavy, no EAN", only="ean13",
         says="référence DH-LIN-BLA, EAN-13 (vide) — attendu : EAN-13 3760123000055"),
    Case("product.fields", {"product": LIN, "weight_g": 1250}, True, _heavy_without_ean,
         why="weight in thousands", says="poids (g) 1\u202f250 — conforme"),
    *each_unmet(
        "product.texts",
        {"product": LIN, "summary_min": 100, "summary_max": 200, "description_min": 700,
         "description_max": 800, "contains": ["lin lavé", "bonnet"]},
        {"summary_min": 130, "summary_max": 110, "description_min": 800, "description_max": 700,
         "contains": ["lin lavé", "ardoise"]},
        says={"": "Produit « Drap housse en lin lavé Blanc » : récapitulatif 121 caractères, description 726 "
                  "caractères — conforme",
              "summary_min": "— attendu : récapitulatif d'au moins 130 caractères",
              "summary_max": "— attendu : récapitulatif d'au plus 110 caractères",
              "description_min": "— attendu : description d'au moins 800 caractères",
              "description_max": "— attendu : description d'au plus 700 caractères",
              "contains": "— attendu : le mot « ardoise »"},
    ),
    Case("product.texts", {"name": "Drap housse en lin lavé Blanc"}, True, why="both texts written"),
    Case("product.texts", {"name": "Plaid Ardoise"}, False, why="no such product"),
    Case("product.texts", {"product": LIN}, False, _no_description, why="description emptied",
         says="description 0 caractère — attendu : un récapitulatif et une description"),
    *each_unmet(
        "product.categories",
        {"product": LIN, "categories": ["Linge de lit", "Draps housses"], "default": "Draps housses"},
        {"categories": ["Draps housses", "Plaids et jetés de lit"], "default": "Linge de lit"},
        says={"": "Produit « Drap housse en lin lavé Blanc » : catégories Linge de lit, Draps housses ; par "
                  "défaut Draps housses — conforme",
              "categories": "— attendu : la catégorie « Plaids et jetés de lit »",
              "default": "— attendu : catégorie par défaut « Linge de lit »"},
    ),
    Case("product.categories", {"product": LIN, "categories": ["Draps housses"]}, False, _no_category,
         why="in no category", says="catégories (aucune) ; par défaut"),
    Case("product.categories", {"name": "Plaid Ardoise", "default": "Plaids"}, False, why="no such product",
         says="Aucun produit nommé « Plaid Ardoise »"),
    Case("product.categories", {"name": "Drap housse en lin lavé Blanc", "default": "Draps housses"}, True,
         why="by name"),
    *each_unmet(
        "product.seo",
        {"product": LIN, "meta_title_contains": "drap housse", "meta_description_min": 100,
         "meta_description_max": 200, "slug_contains": "lin-lave"},
        {"meta_title_contains": "plaid", "meta_description_min": 130, "meta_description_max": 110,
         "slug_contains": "percale"},
        says={"": "Produit « Drap housse en lin lavé Blanc » : balise titre « Drap housse en lin lavé "
                  "Blanc | Lin & Nature », méta description 121 caractères, URL simplifiée "
                  "drap-housse-en-lin-lave-blanc — conforme",
              "meta_title_contains": "— attendu : « plaid » dans la balise titre",
              "meta_description_min": "— attendu : méta description d'au moins 130 caractères",
              "meta_description_max": "— attendu : méta description d'au plus 110 caractères",
              "slug_contains": "— attendu : « percale » dans l'URL simplifiée"},
    ),
    Case("product.seo", {"name": "Plaid Ardoise"}, False, why="no such product"),
    Case("product.seo", {"product": LIN}, False, _no_meta_title, why="no meta title",
         says="balise titre (vide), méta description 121 caractères, URL simplifiée "
              "drap-housse-en-lin-lave-blanc — attendu : une balise titre"),
    Case("product.seo", {"name": "Drap housse en lin lavé Blanc"}, True, why="title and description there"),
    Case("product.seo", {"product": LIN}, False, _no_meta_description, why="no meta description",
         says="— attendu : méta description d'au moins 1 caractères"),
    Case("product.seo", {"product": LIN}, True, _one_letter_meta_description,
         why="a one-letter meta description is one (default minimum 1)",
         says="Produit « Drap housse en lin lavé Blanc » : balise titre « Drap housse en lin lavé Blanc | "
              "Lin & Nature », méta description 1 caractère, URL simplifiée drap-housse-en-lin-lave-blanc "
              "— conforme"),
    *each_unmet(
        "product.combinations",
        {"product": GAZE, "min": 12, "max": 12, "attributes": ["Taille", "Couleur"],
         "values": ["140 x 190", "Sauge"], "stock_min": 159},
        {"min": 13, "max": 11, "attributes": ["Taille", "Motif"], "values": ["Sauge", "Anthracite"],
         "stock_min": 160, "each_stock_min": 1},
    ),
    Case("product.combinations", {"product": LIN, "each_stock_min": 11}, True, why="every size in stock"),
    Case("product.combinations", {"name": "Drap housse en gaze"}, True, why="by part of a name"),
    Case("product.combinations", {"product": "SAVON"}, False, why="a product without combinations"),
    # One combination is enough when no « min » is written (a default of 2 would say ✗).
    *each_unmet("product.combinations", {"product": LIN}, {"min": 2}, _one_size_left, why="one size left"),
    *each_unmet(
        "product.stock", {"product": GAZE, "combination": ["140 x 190", "Sauge"], "equals": 17, "min": 17},
        {"equals": 18, "min": 18},
    ),
    Case("product.stock", {"product": GAZE, "combination": ["180 x 200", "Ardoise"], "min": 0}, False,
         why="no such combination",
         says="Produit « Drap housse en gaze de coton bio » : aucune déclinaison 180 x 200 / Ardoise"),
    Case("product.stock", {"name": "Drap housse en gaze", "equals": 159}, True, why="whole product",
         says="Produit « Drap housse en gaze de coton bio » : stock 159 — conforme"),
    Case("product.stock", {"product": GAZE, "combination": ["140 x 190", "Sauge"]}, None,
         why="a combination's stock, nothing compared",
         says="Déclinaison « Drap housse en gaze de coton bio – 140 x 190, Sauge » : stock 17"),
    Case("product.stock", {"product": GAZE, "combination": [LONG_SIZE, "Sauge"], "min": 1}, True,
         _long_size_name, why="a long combination name shortened at 90 characters",
         says="Déclinaison « Drap housse en gaze de coton bio – 140 x 190 cm, bonnet de 30 cm, pour "
              "matelas épais ou su… » : stock 17 — conforme"),
    Case("product.stock", {"name": "Plaid Ardoise", "min": 0}, False, why="no such product",
         says="Aucun produit nommé « Plaid Ardoise »"),
    *each_unmet(
        "category.exists",
        {"name": "Draps housses", "parent": "Linge de lit", "description_min": 50, "meta_title": True,
         "meta_description_min": 50, "active": True},
        {"parent": "Décoration", "description_min": 200, "meta_description_min": 200, "active": False},
    ),
    Case("category.exists", {"name": "Draps housses", "meta_title": True}, False, _hide_category_title,
         why="title tag emptied", only="meta_title"),
    Case("category.exists", {"name": "Plaids d'été"}, False, why="no such category"),
    Case("category.exists", {"name": "Draps housses", "active": True}, False,
         _hidden_top_category_of_the_same_name, why="the newest of two, hidden, without parent",
         only="active", says="parente (aucune)"),
    *each_unmet(
        "product.availability",
        {"product": LIN, "out_of_stock": "deny", "available_date": "today+21", "message_contains": "retour"},
        {"out_of_stock": "allow", "available_date": "today+20", "message_contains": "réassort"},
        _restock_in_three_weeks,
        says={"": "Produit « Drap housse en lin lavé Blanc » : stock 72, hors stock commandes refusées, "
                  "disponibilité 10/06/2027, message « Bientôt de retour en stock » — conforme",
              "out_of_stock": "— attendu : commandes acceptées",
              "available_date": "— attendu : disponibilité le 09/06/2027",
              "message_contains": "— attendu : « réassort » dans le message hors stock"},
    ),
    # Each condition alone is compared (✓), and a product named alone is described, neither ✓ nor ✗.
    Case("product.availability", {"product": LIN, "out_of_stock": "deny"}, True, why="its behaviour alone"),
    Case("product.availability", {"product": LIN, "available_date": "today+21"}, True,
         _restock_in_three_weeks, why="its date alone", says="disponibilité 10/06/2027"),
    Case("product.availability", {"product": LIN, "message_contains": "retour"}, True,
         why="its message alone"),
    Case("product.availability", {"product": LIN}, None, why="nothing to compare",
         says="Produit « Drap housse en lin lavé Blanc » : stock 72, hors stock commandes refusées"),
    Case("product.categories", {"product": LIN}, None, why="nothing to compare",
         says="catégories Linge de lit, Draps housses ; par défaut Draps housses"),
    Case("product.images", {"product": LIN, "all_legends": True}, False, _uncaption_one_picture,
         why="the missing caption said", says="— attendu : une légende sur chaque image"),
    Case("product.availability", {"product": LIN, "message_contains": "retour"}, False, _no_restock_message,
         why="no date, no message",
         says="disponibilité (vide), message (vide) — attendu : « retour » dans le message hors stock"),
    Case("product.availability", {"name": "Plaid Ardoise", "out_of_stock": "deny"}, False,
         why="no such product"),
    *each_unmet(
        "product.images", {"product": LIN, "min": 2, "cover_legend": "coloris blanc", "all_legends": True},
        {"min": 3, "cover_legend": "sauge"},
        says={"cover_legend": "— attendu : « sauge » dans la légende de la couverture"},
    ),
    Case("product.images", {"product": LIN, "min": 2, "all_legends": True}, False, _uncaption_one_picture,
         why="one picture without caption", only="all_legends"),
    Case("product.images", {"name": "Plaid Ardoise"}, False, why="no such product"),
    # What the examiner reads: how many pictures, how many captioned, the cover's caption (or its absence).
    Case("product.images", {"product": LIN}, True, why="the facts read",
         says="Produit « Drap housse en lin lavé Blanc » : 2 image(s), 2 avec légende, couverture "
              "« Drap housse en lin lavé Blanc – coloris Blanc » — conforme"),
    Case("product.images", {"product": LIN}, False, _no_picture, why="no picture at all: one expected",
         says="0 image(s), 0 avec légende, couverture aucune — attendu : au moins 1 image(s)"),
    Case("product.images", {"product": LIN}, True, _one_picture_left, why="one picture is enough by default",
         says=": 1 image(s), 1 avec légende"),
    Case("product.images", {"product": LIN, "min": 3}, False, _uncaption_every_picture,
         why="cover without caption, three expected",
         says="2 image(s), 0 avec légende, couverture sans légende — attendu : au moins 3 image(s)"),
    *each_unmet(
        "attribute.values", {"attribute": "Couleur", "values": ["Sauge", "Blanc"], "color": "#9CAF88"},
        {"color": "#3C3F44"},
        says={"": "Attribut « Couleur » : Blanc (#f7f5ef), Écru (#efe6d2), Lin naturel (#cdbfa6), Sauge "
                  "(#9caf88), Vert olive (#6b7042), Terracotta (#c8694a), Ocre (#c98e3a), Moutarde "
                  "(#d4a23a), Rose poudré (#e3b9b0), Bleu ciel (#a8c6df), Bleu indigo (#3f4f7a), Gris "
                  "perle (#bfc1c2), Anthracite (#3c3f44) — conforme",
              "color": "— attendu : la couleur #3C3F44"},
    ),
    Case("attribute.values", {"attribute": "Couleur", "values": ["Sauge", "Ardoise"]}, False,
         why="a colour missing",
         says="— attendu : la valeur « Ardoise »"),
    Case("attribute.values", {"attribute": "Taille", "values": ["140 x 190"]}, True,
         why="values without colour",
         says="Attribut « Taille » : 40 x 60, 45 x 45, 50 x 70,"),
    Case("attribute.values", {"attribute": "Finition"}, None, _empty_attribute_and_feature,
         why="an attribute without values, nothing compared",
         says="Attribut « Finition » : (aucune valeur)"),
    Case("attribute.values", {"attribute": "Certification"}, None, _empty_attribute_and_feature,
         why="a feature without values, nothing compared",
         says="Caractéristique « Certification » : (aucune valeur)"),
    Case("attribute.values", {"attribute": "Composition", "values": ["100 % lin lavé"]}, True,
         why="a feature's value",
         says="Caractéristique « Composition » : 100 % lin lavé, 100 % coton biologique (percale 80 "
              "fils/cm²), 100 % coton biologique (éponge 500 g/m²),"),
    Case("attribute.values", {"attribute": "Composition", "values": ["100 % lin lavé"], "color": "#FFFFFF"},
         False, why="a feature has no colour", only="color",
         says="— attendu : la couleur #FFFFFF"),
    Case("attribute.values", {"attribute": "Composition", "values": ["100 % chanvre"]}, False,
         why="a feature's value missing",
         says="— attendu : la valeur « 100 % chanvre »"),
    Case("attribute.values", {"attribute": "Matière", "values": ["Lin"]}, False, why="no such attribute",
         says="Aucun attribut ni caractéristique nommé « Matière »"),
    *each_unmet(
        "brand.exists",
        {"brand": "Petit Lin", "logo": True, "description_min": 104, "products_min": 12,
         "product": "Gigoteuse"},
        {"description_min": 105, "products_min": 13, "product": "Drap housse en lin lavé"},
    ),
    Case("brand.exists", {"brand": "Petit Lin", "logo": True}, False, _brand_without_logo,
         why="logo removed", only="logo"),
    Case("brand.exists", {"brand": "Atelier Roubaix"}, False, why="no such brand"),
    Case("brand.exists", {"brand": "Petit"}, True, _brand_without_products,
         why="part of a name: the newest brand, without products", says="« Petit Lin Bébé »"),
    Case("brand.exists", {"brand": "Petit Lin", "products_min": 12}, True, _brand_without_products,
         why="the exact name before a newer brand containing it", says="Marque « Petit Lin » :"),
    *each_unmet(
        "product.pack",
        {"product": "PACK-NAISSANCE", "items": ["Bavoirs", "langes en gaze de coton Blanc"],
         "quantities": ["2", "1"], "active": True},
        {"items": ["Bavoirs", "Plaid"], "quantities": ["1", "1"], "active": False},
        says={"": "Produit « Coffret naissance Petit Lin » : pack (2 × Bavoirs en éponge bio (lot de 2), "
                  "1 × Lot de 3 langes en gaze de coton Blanc, 1 × Lot de 3 langes en gaze de coton Rose "
                  "poudré), en ligne — conforme",
              "items": "— attendu : « Plaid » dans le pack", "quantities": "— attendu : 1 × « Bavoirs »",
              "active": "— attendu : hors ligne"},
    ),
    Case("product.pack", {"product": "PACK-NAISSANCE", "active": True}, False, _pack_offline, why="offline",
         only="active",
         says="Produit « Coffret naissance Petit Lin » : pack (2 × Bavoirs en éponge bio (lot de 2), 1 × "
              "Lot de 3 langes en gaze de coton Blanc, 1 × Lot de 3 langes en gaze de coton Rose poudré), "
              "hors ligne — attendu : en ligne"),
    Case("product.pack", {"name": "Drap housse en lin lavé Blanc"}, False, why="not a pack",
         says="Produit « Drap housse en lin lavé Blanc » : produit standard (vide), en ligne — attendu : "
              "un pack contenant des produits"),
    Case("product.pack", {"name": "Plaid Ardoise"}, False, why="no such product",
         says="Aucun produit nommé « Plaid Ardoise »"),
    Case("product.accessory", {"product": LIN, "accessory": "Taie d'oreiller en lin"}, True, why="accessory",
         says="Produit « Drap housse en lin lavé Blanc » : accessoires Drap housse en percale de coton "
              "bio Gris perle, Housse de couette en lin rayé Flandre, Taie d'oreiller en lin lavé Blanc — "
              "conforme"),
    Case("product.accessory", {"product": LIN, "accessory": "Nappe"}, False, why="not an accessory",
         says="— attendu : l'accessoire « Nappe »"),
    Case("product.accessory", {"name": "Drap housse en lin lavé Blanc"}, True, why="has accessories"),
    Case("product.accessory", {"product": LIN}, False, _no_accessory, why="accessories removed",
         says="Produit « Drap housse en lin lavé Blanc » : accessoires (aucun) — attendu : au moins un "
              "accessoire"),
    Case("product.accessory", {"name": "Plaid Ardoise"}, False, why="no such product",
         says="Aucun produit nommé « Plaid Ardoise »"),
    *each_unmet(
        "product.customization",
        {"product": "DP-BRODE", "label": "Initiales", "kind": "text", "required": True},
        {"kind": "file", "required": False},
    ),
    Case("product.customization", {"product": "DP-BRODE", "label": "Logo"}, False, why="no such field"),
    Case("product.customization", {"name": "Drap housse en lin lavé Blanc"}, False, why="no field at all"),
    Case("product.customization", {"product": "DP-BRODE", "label": "Initiales", "required": True}, False,
         _optional_initials, why="an optional field, a required one expected", only="required",
         says="— attendu : champ obligatoire"),
    Case("product.customization", {"name": "Plaid Ardoise"}, False, why="no such product"),
    Case("product.combinations", {"name": "Plaid Ardoise"}, False, why="no such product"),
    *each_unmet(
        "product.carriers", {"product": LIN, "all_carriers": True, "additional_shipping": "0"},
        {"all_carriers": False, "additional_shipping": "2,50"},
    ),
    *each_unmet(
        "product.carriers", {"name": "Drap housse en lin lavé Blanc", "carriers": ["Colissimo"],
                             "all_carriers": False},
        {"carriers": ["Chronopost"], "all_carriers": True}, _only_colissimo, why="Colissimo only",
    ),
    Case("product.carriers", {"product": LIN, "carriers": ["Colissimo", "Chronopost"]}, False,
         _only_colissimo, why="one of two carriers ticked"),
    Case("product.carriers", {"product": LIN, "carriers": ["Colissimo"]}, False, _colissimo_and_chronopost,
         why="another carrier ticked too", only="carriers"),
    *each_unmet(
        "product.combination_impact",
        {"product": GAZE, "attributes": "160 x 200, Sauge", "impact_ttc": "+12,00", "impact_ht": "+10,00"},
        {"impact_ttc": "+10,00", "impact_ht": "+12,00"},
    ),
    Case("product.combination_impact", {"name": "Drap housse en gaze", "attributes": "90 x 190, Blanc",
                                        "impact_ttc": "0"}, True, why="no impact, by name"),
    Case("product.combination_impact",
         {"product": GAZE, "attributes": "160 x 200, Sauge", "impact_ttc": "+11,99"}, False,
         why="one cent off", only="impact_ttc"),
    Case("product.combination_impact", {"product": GAZE, "attributes": "200 x 200"}, False,
         why="no such combination"),
    *each_unmet(
        "product.specific_price", {"product": "SAVON", "from_quantity": 3, "percent": 10},
        {"from_quantity": 5, "percent": 15, "amount": "1,00"},
    ),
    *each_unmet(
        "product.specific_price",
        {"name": "Serviette hôtelière", "group": "Professionnels", "from_quantity": 50,
         "fixed_price": "8,00"},
        {"group": "Particuliers", "fixed_price": "9,00"}, why="fixed price for a group",
    ),
    Case("product.specific_price", {"product": LIN, "amount": "5,00"}, True, _five_euros_off,
         why="five euros off"),
    Case("product.specific_price", {"product": LIN}, False, why="no specific price"),
]
