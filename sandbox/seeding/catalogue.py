"""Catalogue taxonomy: categories, brands, attribute groups and values, features and values.

Also the expansion of products.csv into products: a line whose `colour_mode` is « product » gives one
product per colour (key « <key>-<colour code> »); other lines give one product whose combinations are
sizes × colours (mode « combination ») × motifs. When the lines give more products than `sizes.products`,
colour variants are dropped from the largest families first (never one a pack or a thread refers to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.models import Attribute, AttributeGroup, Brand, Category, Feature, FeatureValue
from sandbox.packs.reader import PackReader
from sandbox.seeding.common import Run, slugify, split


@dataclass
class Spec:
    """One product to create: its family line, its key and (for colour variants) its colour."""

    key: str
    row: dict[str, str]
    line: int
    colour: str | None
    colour_index: int


def attribute_values(reader: PackReader) -> dict[str, dict[str, dict[str, Any]]]:
    """{group name: {value name: {"id", "code", "color", "group_id"}}} with ids numbered in file order."""
    result: dict[str, dict[str, dict[str, Any]]] = {}
    next_id = 1
    for group in reader.toml("attributes.toml")["group"]:
        values = {}
        for value in group["values"]:
            values[value["name"]] = {
                "id": next_id,
                "code": value["code"],
                "color": value.get("color", ""),
                "group_id": group["id"],
            }
            next_id += 1
        result[group["name"]] = values
    return result


def protected_keys(reader: PackReader) -> set[str]:
    """Product keys other files refer to (pack contents, customer-service threads)."""
    keys = set()
    for row in reader.csv("products.csv"):
        keys.update(item.split("*")[0] for item in split(row.get("pack", "")))
    keys.update(t["product"] for t in reader.toml("service.toml").get("thread", []) if t.get("product"))
    return keys


def expand(reader: PackReader, wanted: int | None = None) -> list[Spec]:
    """The products the catalogue lines give, trimmed to `wanted` (see the module docstring)."""
    colours = attribute_values(reader).get("Couleur", {})
    specs: list[Spec] = []
    for line, row in enumerate(reader.csv("products.csv"), start=2):
        names = split(row["colours"])
        if row["colour_mode"] == "product":
            for index, colour in enumerate(names):
                code = colours[colour]["code"].lower() if colour in colours else str(index)
                specs.append(Spec(f"{row['key']}-{code}", row, line, colour, index))
        else:
            single = names[0] if len(names) == 1 else None
            specs.append(Spec(row["key"], row, line, single, 0))
    if wanted is None or len(specs) <= wanted:
        return specs
    protected = protected_keys(reader)
    dropped: set[str] = set()
    for _ in range(len(specs) - wanted):
        family_sizes: dict[str, list[Spec]] = {}
        for spec in specs:
            if spec.row["colour_mode"] == "product" and spec.key not in dropped:
                family_sizes.setdefault(spec.row["key"], []).append(spec)
        candidates = [
            (len(members), -members[0].line, members[-1])
            for members in family_sizes.values()
            if len(members) > 1 and members[-1].key not in protected
        ]
        if not candidates:
            break
        dropped.add(max(candidates, key=lambda c: (c[0], c[1]))[2].key)
    return [spec for spec in specs if spec.key not in dropped]


def seed_taxonomy(run: Run) -> None:
    """Categories (with an image), brands (with a logo), attributes and features."""
    r = run.reader
    covers = run.data.get("category_covers", {})
    categories = r.csv("categories.csv")
    positions: dict[str, int] = {}
    rows = []
    parents = {c["id"]: c["parent_id"] for c in categories}
    depth = {cid: 0 if not parent else 1 if parent == "1" else 2 for cid, parent in parents.items()}
    for c in sorted(categories, key=lambda c: (depth[c["id"]], int(c["id"]))):  # parents before children
        position = positions.setdefault(c["parent_id"], 0)
        positions[c["parent_id"]] += 1
        rows.append(
            {
                "id": int(c["id"]),
                "parent_id": int(c["parent_id"]) if c["parent_id"] else None,
                "name": c["name"],
                "slug": slugify(c["name"]),
                "description": c["description"],
                "position": position,
                "active": True,
                "image_id": covers.get(int(c["id"])),
                "meta_title": f"{c['name']} | Lin & Nature" if c["parent_id"] else "",
                "meta_description": c["description"][:300],
            }
        )
    run.insert(Category, rows)
    run.data["category_parent"] = {r["id"]: r["parent_id"] for r in rows}
    run.insert(
        Brand,
        [
            {
                "id": int(b["id"]),
                "name": b["name"],
                "slug": slugify(b["name"]),
                "description": b["description"],
                "logo_id": run.keys["media"][f"brand-{b['id']}"],
                "active": True,
            }
            for b in r.csv("brands.csv")
        ],
    )
    groups = r.toml("attributes.toml")["group"]
    run.insert(
        AttributeGroup,
        [
            {
                "id": g["id"],
                "name": g["name"],
                "public_name": g["public_name"],
                "kind": g["kind"],
                "position": n,
            }
            for n, g in enumerate(groups)
        ],
    )
    values = attribute_values(r)
    run.insert(
        Attribute,
        [
            {
                "id": v["id"],
                "group_id": v["group_id"],
                "name": name,
                "color": v["color"].lower(),
                "position": n,
            }
            for group in values.values()
            for n, (name, v) in enumerate(group.items())
        ],
    )
    run.data["attributes"] = values
    features = r.toml("features.toml")["feature"]
    run.insert(Feature, [{"id": f["id"], "name": f["name"], "position": n} for n, f in enumerate(features)])
    value_rows, by_key = [], {}
    for f in features:
        for v in f["values"]:
            value_rows.append({"id": len(value_rows) + 1, "feature_id": f["id"], "value": v["value"]})
            by_key[(f["key"], v["key"])] = (f["id"], len(value_rows))
    run.insert(FeatureValue, value_rows)
    run.data["feature_values"] = by_key
