"""Products with their combinations, features, categories, pictures, packs, customisation fields and stock."""

from __future__ import annotations

from decimal import Decimal
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


def seed_products(run: Run) -> None:
    """Every product row and what hangs from it."""
    attrs, specs, created = run.data["attributes"], run.data["specs"], run.data["created"]
    taxes = {int(t["id"]): int(amount(t["rate_percent"]) * 100) for t in run.reader.csv("taxes.csv")}
    ids = {spec.key: n for n, spec in enumerate(specs, start=1)}
    run.keys["product"] = ids
    out: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "product",
            "combination",
            "comb_attr",
            "category",
            "feature",
            "image",
            "pack",
            "custom",
            "related",
            "stock",
        )
    }
    category_positions: dict[int, int] = {}
    ean = 0
    run.data["catalogue"] = {}
    for spec in specs:
        pid, row, flags = ids[spec.key], spec.row, split(spec.row["flags"])
        rate = taxes[int(row["tax_id"])]
        price_ttc = amount(row["price_ttc"])
        price_ht = ht_from_ttc(price_ttc, rate)
        step = amount(row["size_step_ttc"]) if row["size_step_ttc"] else Decimal(0)
        stock_base = int(row["stock"])
        out_of_stock = "out_of_stock" in flags
        combos = []
        colour_axis = split(row["colours"]) if row["colour_mode"] == "combination" else []
        axes = [
            (("Taille", s) for s in split(row["sizes"])),
            (("Couleur", c) for c in colour_axis),
            (("Motif", m) for m in split(row["motifs"])),
        ]
        axes = [list(a) for a in axes]
        axes = [a for a in axes if a]
        sizes = split(row["sizes"])
        for values in cartesian(*axes) if axes else []:
            size_index = sizes.index(values[0][1]) if values[0][0] == "Taille" else 0
            target_ttc = price_ttc + step * size_index
            quantity = (
                0
                if out_of_stock or run.rng.random() < 0.07
                else run.rng.randint(stock_base // 2, stock_base + stock_base // 2)
            )
            ean += 1
            combos.append(
                {
                    "id": len(out["combination"]) + 1,
                    "product_id": pid,
                    "reference": "-".join([spec.key.upper()] + [attrs[g][v]["code"] for g, v in values]),
                    "ean13": ean13(ean),
                    "price_impact_ht": ht_from_ttc(target_ttc, rate) - price_ht,
                    "weight_impact_g": int(row["weight_g"]) * size_index // 4,
                    "quantity": quantity,
                    "is_default": not combos,
                    "unit_ttc": target_ttc,
                    "label": ", ".join(v for _, v in values),
                }
            )
            out["combination"].append(combos[-1])
            out["comb_attr"] += [
                {"combination_id": combos[-1]["id"], "attribute_id": attrs[g][v]["id"]} for g, v in values
            ]
        quantity = (
            sum(c["quantity"] for c in combos)
            if combos
            else (
                0 if out_of_stock else run.rng.randint(stock_base // 2 + 1, stock_base + stock_base // 2 + 1)
            )
        )
        summary, description = _texts(run, spec)
        first_of_family = spec.colour_index == 0
        name = product_name(spec)
        ean += 1
        out["product"].append(
            {
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
                    "Réassort en cours : expédition sous 3 semaines"
                    if out_of_stock
                    else "Bientôt de retour en stock"
                ),
                "available_date": run.ref + days(21) if out_of_stock else None,
                "is_pack": bool(row["pack"]),
                "meta_title": f"{name} | Lin & Nature" if first_of_family and summary else "",
                "meta_description": summary[:300] if first_of_family else "",
                "created_at": created[spec.key],
            }
        )
        run.data["catalogue"][pid] = {
            "spec": spec,
            "name": name,
            "price_ht": price_ht,
            "rate": rate,
            "combos": combos,
            "created": created[spec.key],
            "flags": flags,
            "top": run.data["category_parent"][int(row["category_id"])],
        }
        cats = [int(row["category_id"]), run.data["category_parent"][int(row["category_id"])]]
        cats += [int(c) for c in split(row["extra_categories"]) if int(c) not in cats]
        for cat in cats:
            out["category"].append(
                {"product_id": pid, "category_id": cat, "position": category_positions.setdefault(cat, 0)}
            )
            category_positions[cat] += 1
        for pair in split(row["features"], ";"):
            feature_id, value_id = run.data["feature_values"][tuple(pair.split("="))]
            out["feature"].append({"product_id": pid, "feature_id": feature_id, "value_id": value_id})
        for n, image in enumerate(run.data["images"][spec.key]):
            out["image"].append(
                {"id": len(out["image"]) + 1, "product_id": pid, "position": n + 1, "cover": n == 0, **image}
            )
        for item in split(row["pack"]):
            key, _, qty = item.partition("*")
            out["pack"].append({"pack_id": pid, "item_id": ids[key], "quantity": int(qty or 1)})
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
        _stock_rows(run, out["stock"], pid, combos, quantity)
    _related(run, out["related"])
    out["combination"] = [
        {k: v for k, v in c.items() if k not in ("unit_ttc", "label")} for c in out["combination"]
    ]
    for model, key in (
        (Product, "product"),
        (Combination, "combination"),
        (CombinationAttribute, "comb_attr"),
        (ProductCategory, "category"),
        (ProductFeature, "feature"),
        (ProductImage, "image"),
        (PackItem, "pack"),
        (CustomizationField, "custom"),
        (RelatedProduct, "related"),
        (StockMovement, "stock"),
    ):
        run.insert(model, out[key])


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
