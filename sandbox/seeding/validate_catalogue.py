"""Checks of the catalogue files: categories, brands, attributes, features and products.csv."""

from __future__ import annotations

import re

from sandbox.seeding.catalogue import expand
from sandbox.seeding.common import split
from sandbox.seeding.pictures import PATTERNS, SHAPES
from sandbox.seeding.validate import Checker
from sandbox.seeding.validate_taxonomy import check_attributes, check_categories, check_features

KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FLAGS = ("photo_only", "offline", "out_of_stock", "online_only", "on_sale", "new")


def check_catalogue(c: Checker) -> None:
    """Categories, brands, attributes, features and every line of products.csv."""
    categories = check_categories(c)
    brands = c.csv("brands.csv")
    brand_ids = c.ids("brands.csv", brands) if brands is not None else {}
    for line, brand in enumerate(brands or [], start=2):
        c.colour("brands.csv", f"color (ligne {line})", brand["color"])
    groups = check_attributes(c)
    features = check_features(c)
    taxes = c.csv("taxes.csv")
    tax_ids = {t["id"] for t in taxes or []}
    rows = c.csv("products.csv")
    if rows is None or not groups or not categories:
        return
    try:
        specs = expand(c.reader)
    except Exception:  # a broken attributes/service file is reported elsewhere
        specs = []
    simple = {
        s.key: s
        for s in specs
        if not (s.row["sizes"] or s.row["motifs"] or s.row["colour_mode"] == "combination")
    }
    keys = [s.key for s in specs]
    for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
        c.add(
            "products.csv",
            "key",
            f"la clé « {duplicate} » désigne plusieurs produits",
            "donnez à chaque ligne une clé unique (les déclinaisons par couleur ajoutent -<code couleur>)",
        )
    for line, row in enumerate(rows, start=2):
        _product_line(c, line, row, categories, brand_ids, tax_ids, groups, features, simple)
    wanted = c.sizes.get("products", 0)
    if specs and len(specs) < wanted:
        c.add(
            "products.csv",
            "",
            f"les lignes donnent {len(specs)} produits, sizes.products en demande {wanted}",
            "ajoutez des lignes ou des couleurs (colour_mode = product), ou baissez sizes.products",
        )
    service = c.toml("service.toml") or {}
    for n, thread in enumerate(service.get("thread", [])):
        if thread.get("product") and thread["product"] not in keys:
            c.add(
                "service.toml",
                f"thread[{n}].product",
                f"le produit « {thread['product']} » n'existe pas",
                "indiquez la clé d'un produit de products.csv (déclinaison : <clé>-<code couleur>)",
            )


def _product_line(
    c: Checker, line: int, row: dict[str, str], categories, brand_ids, tax_ids, groups, features, simple: dict
) -> None:
    f = "products.csv"
    at = f" (ligne {line})"
    if not KEY.match(row["key"]):
        c.add(f, "key" + at, f"clé « {row['key']} » invalide", "utilisez des minuscules, chiffres et tirets")
    if not row["name"]:
        c.add(f, "name" + at, "nom absent", "donnez un nom au produit")
    if (
        c.ref(f, line, "category_id", row["category_id"], categories, "la catégorie", "categories.csv")
        and row["category_id"] == "1"
    ):
        c.add(
            f,
            "category_id" + at,
            "un produit ne se range pas dans la racine",
            "choisissez une sous-catégorie",
        )
    c.ref(f, line, "brand_id", row["brand_id"], brand_ids, "la marque", "brands.csv", optional=True)
    if row["tax_id"] not in tax_ids:
        c.add(
            f,
            "tax_id" + at,
            f"la taxe « {row['tax_id']} » n'existe pas",
            "indiquez l'id d'une ligne de taxes.csv",
        )
    c.decimal(f, "price_ttc" + at, row["price_ttc"])
    if row["size_step_ttc"]:
        c.decimal(f, "size_step_ttc" + at, row["size_step_ttc"], example="10,00")
    c.integer(f, "weight_g" + at, row["weight_g"])
    c.integer(f, "stock" + at, row["stock"])
    for column, group in (("sizes", "Taille"), ("colours", "Couleur"), ("motifs", "Motif")):
        for value in split(row[column]):
            if value not in groups.get(group, {}):
                c.add(
                    f,
                    column + at,
                    f"« {value} » n'est pas une valeur de l'attribut {group}",
                    f"utilisez une valeur de attributes.toml ou ajoutez-la au groupe {group}",
                )
    if row["colour_mode"] not in ("", "product", "combination"):
        c.add(
            f,
            "colour_mode" + at,
            f"« {row['colour_mode']} » est inconnu",
            "écrivez product, combination ou rien",
        )
    elif not row["colour_mode"] and len(split(row["colours"])) > 1:
        c.add(f, "colour_mode" + at, "plusieurs couleurs sans colour_mode", "écrivez product ou combination")
    seen = set()
    for pair in split(row["features"], ";"):
        key, _, value = pair.partition("=")
        if key not in features or value not in features[key] or key in seen:
            c.add(
                f,
                "features" + at,
                f"« {pair} » : caractéristique ou valeur inconnue, ou en double",
                "écrivez clé=valeur avec les clés de features.toml, une valeur par caractéristique",
            )
        seen.add(key)
    for field in split(row["custom"]):
        kind, _, label = field.partition(":")
        if kind not in ("text", "file") or not label.rstrip("!"):
            c.add(
                f,
                "custom" + at,
                f"« {field} » : champ de personnalisation mal écrit",
                "écrivez text:Libellé ou file:Libellé, suivi de ! s'il est obligatoire",
            )
    for item in split(row["pack"]):
        key, _, qty = item.partition("*")
        if key not in simple or not (qty or "1").isdigit() or int(qty or 1) < 1 or simple[key].row["pack"]:
            c.add(
                f,
                "pack" + at,
                f"« {item} » : produit inconnu, avec déclinaisons ou pack, ou quantité invalide",
                "écrivez clé*quantité avec la clé d'un produit simple de products.csv",
            )
    flags = split(row["flags"])
    for flag in flags:
        if flag not in FLAGS:
            c.add(f, "flags" + at, f"indicateur « {flag} » inconnu", f"choisissez parmi {', '.join(FLAGS)}")
    for extra in split(row["extra_categories"]):
        c.ref(f, line, "extra_categories", extra, categories, "la catégorie", "categories.csv")
    shape, pattern, colour = ([*row["picture"].split(":"), "", ""])[:3]
    if (
        shape not in SHAPES
        or (pattern and pattern not in PATTERNS)
        or (colour and colour not in groups.get("Couleur", {}))
    ):
        c.add(
            f,
            "picture" + at,
            f"« {row['picture']} » : dessin inconnu",
            f"écrivez forme[:motif[:couleur]] ; formes : {', '.join(SHAPES)} ; "
            f"motifs : {', '.join(PATTERNS)}",
        )
    if "photo_only" in flags and (row["summary"] or row["description"]):
        c.add(
            f,
            "summary" + at,
            "un produit « photo_only » n'a ni récapitulatif ni description",
            "videz summary et description, ou retirez photo_only",
        )
    elif "photo_only" not in flags and not row["summary"]:
        c.add(
            f,
            "summary" + at,
            "récapitulatif absent",
            "écrivez une phrase, ou ajoutez l'indicateur photo_only",
        )
    if row["description"].startswith("@") and not c.reader.exists(row["description"][1:]):
        c.add(
            f,
            "description" + at,
            f"le texte {row['description'][1:]} est introuvable",
            "ajoutez le fichier Markdown ou corrigez le chemin après @",
        )
