"""Checks of the catalogue's taxonomy: categories tree, attribute groups and values, features and values."""

from __future__ import annotations

import re
from typing import Any

from sandbox.seeding.validate import Checker

CODE = re.compile(r"^[A-Za-z0-9]+$")


GROUP_KINDS = ("select", "radio", "color")


def check_categories(c: Checker) -> dict[int, dict[str, str]]:
    """The category tree: root 1 « Accueil », parents that exist, two levels below the root."""
    rows = c.csv("categories.csv")
    if rows is None:
        return {}
    ids = c.ids("categories.csv", rows)
    root = ids.get(1)
    if not root or root["parent_id"]:
        c.add(
            "categories.csv",
            "id",
            "la catégorie racine 1 (« Accueil », sans parent) est absente",
            "ajoutez la ligne 1,,Accueil, en tête du fichier",
        )
    for line, row in enumerate(rows, start=2):
        if row["id"] == "1" or not row["id"].isdigit():
            continue
        if not c.ref(
            "categories.csv",
            line,
            "parent_id",
            row["parent_id"],
            ids,
            "la catégorie parente",
            "categories.csv",
        ):
            continue
        parent = ids[int(row["parent_id"])]
        if parent["parent_id"] not in ("", "1"):
            c.add(
                "categories.csv",
                f"parent_id (ligne {line})",
                "l'arbre ne peut avoir que deux niveaux sous Accueil",
                "rattachez la catégorie à Accueil (1) ou à une catégorie de premier niveau",
            )
    return ids


def check_attributes(c: Checker) -> dict[str, dict[str, Any]]:
    """Attribute groups and values: unique alphanumeric codes, #rrggbb colours, Taille/Couleur/Motif."""
    data = c.toml("attributes.toml")
    if data is None:
        return {}
    groups: dict[str, dict[str, Any]] = {}
    for n, group in enumerate(data.get("group", [])):
        where = f"group[{n}]"
        if (
            not isinstance(group.get("id"), int)
            or not group.get("name")
            or group.get("kind") not in GROUP_KINDS
        ):
            c.add(
                "attributes.toml",
                where,
                "groupe incomplet (id entier, name, public_name, kind)",
                f"complétez le groupe ; kind vaut {', '.join(GROUP_KINDS)}",
            )
            continue
        values, codes = {}, set()
        for m, value in enumerate(group.get("values", [])):
            field = f"{where}.values[{m}]"
            if not value.get("name") or not CODE.match(str(value.get("code", ""))) or value["code"] in codes:
                c.add(
                    "attributes.toml",
                    field,
                    "valeur sans nom, ou code absent, en double ou non alphanumérique",
                    "donnez un name et un code unique fait de lettres et de chiffres (ex. 160200)",
                )
                continue
            if group["kind"] == "color":
                c.colour("attributes.toml", f"{field}.color", value.get("color", ""))
            codes.add(value["code"])
            values[value["name"]] = value
        if not values:
            c.add("attributes.toml", f"{where}.values", "groupe sans valeur", "ajoutez au moins une valeur")
        groups[group["name"]] = values
    for name in ("Taille", "Couleur", "Motif"):
        if name not in groups:
            c.add(
                "attributes.toml",
                "group",
                f"le groupe « {name} » est absent",
                f"ajoutez un groupe [[group]] nommé {name} (products.csv s'en sert)",
            )
    return groups


def check_features(c: Checker) -> dict[str, set[str]]:
    """Features and their value keys."""
    data = c.toml("features.toml")
    if data is None:
        return {}
    result: dict[str, set[str]] = {}
    for n, feature in enumerate(data.get("feature", [])):
        keys = [v.get("key") for v in feature.get("values", [])]
        if not feature.get("key") or not isinstance(feature.get("id"), int) or len(set(keys)) != len(keys):
            c.add(
                "features.toml",
                f"feature[{n}]",
                "caractéristique sans id/key ou valeurs aux clés en double",
                "donnez un id entier, une key, et une key différente à chaque valeur",
            )
            continue
        result[feature["key"]] = set(keys)
    return result
