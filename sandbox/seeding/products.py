"""Products with their combinations, features, categories, pictures, packs, customisation fields and stock."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from itertools import product as cartesian
from typing import Any

from sandbox.models import (
    Combination,
    CombinationAttribute,
    CustomizationField,
    PackItem,
    Product,
    ProductCategory,
    ProductFeature,
    ProductImage,
    RelatedProduct,
    StockMovement,
)
from sandbox.money import ht_from_ttc, to_cents
from sandbox.seeding.catalogue import Spec
from sandbox.seeding.common import Run, amount, at, days, ean13, fill, slugify, split
from sandbox.seeding.product_pictures import product_name


def _texts(run: Run, spec: Spec) -> tuple[str, str]:
    colour = (spec.colour or "").lower()
    summary = fill(spec.row["summary"], couleur=colour)
    description = spec.row["description"]
    if description.startswith("@"):
        description = run.reader.text(description[1:]).strip()
    return summary, fill(description, couleur=colour)


# Rows built for each table, inserted in this order (foreign keys).
TABLES = {
    "product": Product,
    "combination": Combination,
    "comb_attr": CombinationAttribute,
    "category": ProductCategory,
    "feature": ProductFeature,
    "image": ProductImage,
    "pack": PackItem,
    "custom": CustomizationField,
    "related": RelatedProduct,
    "stock": StockMovement,
}


def seed_products(run: Run) -> None:
    """Every product row and what hangs from it."""
    taxes = {int(t["id"]): int(amount(t["rate_percent"]) * 100) for t in run.reader.csv("taxes.csv")}
    ids = {spec.key: n for n, spec in enumerate(run.data["specs"], start=1)}
    run.keys["product"] = ids
    out: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    eans, positions = count(1), {}
    run.data["catalogue"] = {}
    for spec in run.data["specs"]:
        pid = ids[spec.key]
        rate = taxes[int(spec.row["tax_id"])]
        price_ht = ht_from_ttc(amount(spec.row["price_ttc"]), rate)
        combos = _combinations(run, spec, pid, rate, price_ht, out, eans)
        out["product"].append(_product_row(run, spec, pid, price_ht, combos, next(eans)))
        run.data["catalogue"][pid] = {
            "spec": spec,
            "name": out["product"][-1]["name"],
            "price_ht": price_ht,
            "rate": rate,
            "combos": combos,
            "created": run.data["created"][spec.key],
            "flags": split(spec.row["flags"]),
            "top": run.data["category_parent"][int(spec.row["category_id"])],
        }
        _links(run, spec, pid, ids, out, positions)
        _stock_rows(run, out["stock"], pid, combos, out["product"][-1]["quantity"])
    _related(run, out["related"])
    out["combination"] = [
        {k: v for k, v in c.items() if k not in ("unit_ttc", "label")} for c in out["combination"]
    ]
    for table, model in TABLES.items():
        run.insert(model, out[table])


def _combinations(run: Run, spec: Spec, pid: int, rate: int, price_ht, out: dict, eans) -> list[dict]:
    """Combinations sizes × colours × motifs; a size's price is the base TTC + its rank × the step TTC."""
    row, attrs = spec.row, run.data["attributes"]
    price_ttc = amount(row["price_ttc"])
    step = amount(row["size_step_ttc"]) if row["size_step_ttc"] else Decimal(0)
    stock = int(row["stock"])
    sizes = split(row["sizes"])
    colours = split(row["colours"]) if row["colour_mode"] == "combination" else []
    axes = [
        axis
        for axis in (
            [("Taille", s) for s in sizes],
            [("Couleur", c) for c in colours],
            [("Motif", m) for m in split(row["motifs"])],
        )
        if axis
    ]
    combos: list[dict] = []
    for values in cartesian(*axes) if axes else []:
        size_index = sizes.index(values[0][1]) if values[0][0] == "Taille" else 0
        target_ttc = price_ttc + step * size_index
        out_of_stock = "out_of_stock" in split(row["flags"]) or run.rng.random() < 0.07
        combos.append(
            {
                "id": len(out["combination"]) + 1,
                "product_id": pid,
                "reference": "-".join([spec.key.upper()] + [attrs[g][v]["code"] for g, v in values]),
                "ean13": ean13(next(eans)),
                # Stored HT so that the combination's TTC is exactly the authored price.
                "price_impact_ht": ht_from_ttc(target_ttc, rate) - price_ht,
                "weight_impact_g": int(row["weight_g"]) * size_index // 4,
                "quantity": 0 if out_of_stock else run.rng.randint(stock // 2, stock + stock // 2),
                "is_default": not combos,
                "unit_ttc": target_ttc,
                "label": ", ".join(v for _, v in values),
            }
        )
        out["combination"].append(combos[-1])
        out["comb_attr"] += [
            {"combination_id": combos[-1]["id"], "attribute_id": attrs[g][v]["id"]} for g, v in values
        ]
    return combos


def _product_row(run: Run, spec: Spec, pid: int, price_ht, combos: list[dict], ean: int) -> dict[str, Any]:
    """The product itself; its stock is the sum of its combinations' when it has some."""
    row, flags = spec.row, split(spec.row["flags"])
    out_of_stock = "out_of_stock" in flags
    stock = int(row["stock"])
    if combos:
        quantity = sum(c["quantity"] for c in combos)
    else:
        quantity = 0 if out_of_stock else run.rng.randint(stock // 2 + 1, stock + stock // 2 + 1)
    summary, description = _texts(run, spec)
    name = product_name(spec)
    first_of_family = spec.colour_index == 0
    return {
        "id": pid,
        "reference": spec.key.upper(),
        "ean13": ean13(ean),
        "name": name,
        "slug": slugify(name),
        "summary": summary,
        "description": description,
        "price_ht": price_ht,
        "tax_id": int(row["tax_id"]),
        "wholesale_price_ht": to_cents(price_ht * run.rng.randint(32, 45) / 100),
        "weight_g": int(row["weight_g"]),
        "condition": "new",
        "visibility": "both",
        "active": "offline" not in flags,
        "online_only": "online_only" in flags,
        "on_sale": "on_sale" in flags,
        "default_category_id": int(row["category_id"]),
        "brand_id": int(row["brand_id"]) if row["brand_id"] else None,
        "quantity": quantity,
        "out_of_stock": "allow" if out_of_stock else "deny",
        "available_now": "En stock, expédié sous 24 h",
        "available_later": (
            "Réassort en cours : expédition sous 3 semaines" if out_of_stock else "Bientôt de retour en stock"
        ),
        "available_date": run.ref + days(21) if out_of_stock else None,
        "is_pack": bool(row["pack"]),
        # SEO fields are filled on one product per family only: subjects ask candidates to write the others.
        "meta_title": f"{name} | Lin & Nature" if first_of_family and summary else "",
        "meta_description": summary[:300] if first_of_family else "",
        "created_at": run.data["created"][spec.key],
    }


def _links(run: Run, spec: Spec, pid: int, ids: dict[str, int], out: dict, positions: dict[int, int]) -> None:
    """Categories (default, its parent, extras), features, pictures, pack contents, customisation fields."""
    row = spec.row
    default = int(row["category_id"])
    categories = [default, run.data["category_parent"][default]]
    categories += [int(c) for c in split(row["extra_categories"]) if int(c) not in categories]
    for category in categories:
        out["category"].append(
            {"product_id": pid, "category_id": category, "position": positions.setdefault(category, 0)}
        )
        positions[category] += 1
    for pair in split(row["features"], ";"):
        feature_id, value_id = run.data["feature_values"][tuple(pair.split("="))]
        out["feature"].append({"product_id": pid, "feature_id": feature_id, "value_id": value_id})
    for n, image in enumerate(run.data["images"][spec.key]):
        out["image"].append(
            {"id": len(out["image"]) + 1, "product_id": pid, "position": n + 1, "cover": n == 0, **image}
        )
    for item in split(row["pack"]):
        key, _, quantity = item.partition("*")
        out["pack"].append({"pack_id": pid, "item_id": ids[key], "quantity": int(quantity or 1)})
    fields = []
    for field in split(row["custom"]):
        kind, _, label = field.partition(":")
        fields.append(
            {
                "id": len(out["custom"]) + 1,
                "product_id": pid,
                "kind": kind,
                "label": label.rstrip("!"),
                "required": label.endswith("!"),
            }
        )
        out["custom"].append(fields[-1])
    run.data["catalogue"][pid]["custom"] = fields


def _stock_rows(run: Run, rows: list[dict], pid: int, combos: list[dict], quantity: int) -> None:
    created = run.data["catalogue"][pid]["created"]
    inventory = at(run.ref - days(136), 9)
    when, reason = (
        (inventory, "Inventaire annuel")
        if created < inventory
        else (created + days(1), "Réception fournisseur")
    )
    items = [(c["id"], c["quantity"]) for c in combos] if combos else [(None, quantity)]
    for combination_id, qty in items:
        if qty:
            rows.append(
                {
                    "id": len(rows) + 1,
                    "product_id": pid,
                    "combination_id": combination_id,
                    "delta": qty,
                    "reason": reason,
                    "employee_id": run.data["staff"]["logistics"],
                    "order_id": None,
                    "created_at": when,
                }
            )


def _related(run: Run, rows: list[dict]) -> None:
    """Two or three accessories per product, from the same top-level category."""
    catalogue = run.data["catalogue"]
    by_top: dict[int, list[int]] = {}
    for pid, info in catalogue.items():
        by_top.setdefault(info["top"], []).append(pid)
    for pid, info in catalogue.items():
        others = [
            p for p in by_top[info["top"]] if catalogue[p]["spec"].row["key"] != info["spec"].row["key"]
        ]
        for related in sorted(run.rng.sample(others, min(len(others), run.rng.randint(2, 3)))):
            rows.append({"product_id": pid, "related_id": related})
