"""Change type « product.set »: a seeded product sheet edited before the test (offline, new price, texts…)."""

from __future__ import annotations

from sandbox.models import Product, Tax
from sandbox.money import ht_from_ttc
from sandbox.services.catalogue import slugify
from sandbox.subjects.changes import ChangeContext, ChangeFailure, change
from sandbox.subjects.params import Param, money, ref, text

# The texts of the sheet a subject may set or empty, by their PrestaShop names (French labels of the model).
TEXTS = ("summary", "description", "meta_title", "meta_description")


@change(
    "product.set",
    label="Fiche produit modifiée au début de l'épreuve",
    produces="Product",
    params={
        "product": ref("product", '"NAPPE-VICHY" (référence d\'un produit du contexte)'),
        "product_name": text('"Nappe vichy Maison Flandre" (nouveau nom, facultatif)', required=False),
        "active": Param("bool", "true (en ligne) ou false (hors ligne)", False),
        "on_sale": Param("bool", "true ou false (drapeau « En solde ! »)", False),
        "price_ttc": Param("money", '"39,90" (prix de vente TTC)', False),
        "price_ht": Param("money", '"33,25" (prix de vente HT, si le TTC ne tombe pas juste)', False),
        "quantity": Param("int", "la quantité en stock d'un produit sans déclinaison", False, minimum=0),
        "summary": text('"<p>…</p>" (récapitulatif)', required=False),
        "description": text('"<p>…</p>" (description)', required=False),
        "meta_title": text('"…" (balise titre)', required=False),
        "meta_description": text('"…" (méta description)', required=False),
        "clear": Param("list", '["summary"] (textes vidés : ' + ", ".join(TEXTS) + ")", False, []),
    },
)
def set_product(ctx: ChangeContext, p: dict) -> Product:
    """Put a seeded product in the state the subject starts from; only the parameters given change."""
    product = ctx.get("product", "product", p["product"])
    wrong = [key for key in p["clear"] if key not in TEXTS]
    if wrong:
        raise ChangeFailure("clear", f"texte « {wrong[0]} » inconnu", f"choisissez parmi {', '.join(TEXTS)}")
    if "product_name" in p:
        product.name, product.slug = p["product_name"], slugify(p["product_name"])
    for key in ("active", "on_sale", *TEXTS):
        if key in p:
            setattr(product, key, p[key])
    for key in p["clear"]:
        setattr(product, key, "")
    if "price_ht" in p:
        product.price_ht = money(p["price_ht"])
    elif "price_ttc" in p:
        tax = ctx.db.get(Tax, product.tax_id)
        product.price_ht = ht_from_ttc(money(p["price_ttc"]), tax.rate_bp if tax else 0)
    if "quantity" in p:
        if product.combinations:
            raise ChangeFailure(
                "quantity",
                "ce produit a des déclinaisons",
                "donnez le stock de chaque déclinaison par une modification « stock.set »",
            )
        product.quantity = p["quantity"]
    return product
