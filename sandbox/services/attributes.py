"""Catalogue › Attributs & caractéristiques (B-CAT-7): attributes and their values (colours), features."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.models import (
    Attribute,
    AttributeGroup,
    CombinationAttribute,
    Feature,
    FeatureValue,
    ProductFeature,
)
from sandbox.services import ServiceError

KINDS = {"select": "Liste déroulante", "radio": "Boutons radio", "color": "Couleur ou texture"}
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _name(value: str, field: str, what: str, limit: int = 80) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError(f"Indiquez {what}.", field)
    if len(value) > limit:
        raise ServiceError(f"{limit} caractères au plus.", field)
    return value


def add_group(db: Session, name: str, public_name: str, kind: str) -> AttributeGroup:
    """Create an attribute (Taille, Couleur…)."""
    name = _name(name, "name", "le nom de l'attribut")
    if kind not in KINDS:
        raise ServiceError("Choisissez le type d'attribut.", "kind")
    if db.scalar(select(AttributeGroup.id).where(func.lower(AttributeGroup.name) == name.lower())):
        raise ServiceError("Un attribut porte déjà ce nom.", "name")
    last = db.scalar(select(func.max(AttributeGroup.position))) or 0
    public = (public_name or "").strip() or name
    group = AttributeGroup(name=name, public_name=public, kind=kind, position=last + 1)
    db.add(group)
    db.flush()
    return group


def add_value(db: Session, group_id: int, name: str, color: str) -> Attribute:
    """Add a value to an attribute; a colour attribute needs a colour (#RRGGBB)."""
    group = db.get(AttributeGroup, group_id)
    if group is None:
        raise ServiceError("Choisissez l'attribut.", "group_id")
    name = _name(name, "value", "la valeur")
    color = (color or "").strip()
    if group.kind == "color" and not COLOR.match(color):
        raise ServiceError("Indiquez la couleur au format #RRGGBB (exemple : #2F4F4F).", "color")
    if color and not COLOR.match(color):
        raise ServiceError("Indiquez la couleur au format #RRGGBB (exemple : #2F4F4F).", "color")
    if any(v.name.lower() == name.lower() for v in group.values):
        raise ServiceError(f"L'attribut « {group.name} » a déjà la valeur « {name} ».", "value")
    last = max((v.position for v in group.values), default=0)
    value = Attribute(group_id=group.id, name=name, color=color, position=last + 1)
    db.add(value)
    db.flush()
    return value


def delete_value(db: Session, value_id: int) -> str:
    """Delete an attribute value that no combination uses; returns its name."""
    value = db.get(Attribute, value_id)
    if value is None:
        raise ServiceError("Cette valeur n'existe pas.")
    used = db.scalar(select(func.count()).where(CombinationAttribute.attribute_id == value_id)) or 0
    if used:
        raise ServiceError(f"La valeur « {value.name} » est utilisée par {used} déclinaison(s) : "
                           "supprimez-les d'abord.")
    name = value.name
    db.delete(value)
    db.flush()
    return name


def add_feature(db: Session, name: str) -> Feature:
    """Create a feature (Composition, Origine…)."""
    name = _name(name, "feature_name", "le nom de la caractéristique")
    if db.scalar(select(Feature.id).where(func.lower(Feature.name) == name.lower())):
        raise ServiceError("Une caractéristique porte déjà ce nom.", "feature_name")
    last = db.scalar(select(func.max(Feature.position))) or 0
    feature = Feature(name=name, position=last + 1)
    db.add(feature)
    db.flush()
    return feature


def add_feature_value(db: Session, feature_id: int, value: str) -> FeatureValue:
    """Add a predefined value to a feature."""
    feature = db.get(Feature, feature_id)
    if feature is None:
        raise ServiceError("Choisissez la caractéristique.", "feature_id")
    value = _name(value, "feature_value", "la valeur", 160)
    existing = db.scalars(select(FeatureValue.value).where(FeatureValue.feature_id == feature_id)).all()
    if any(v.lower() == value.lower() for v in existing):
        raise ServiceError(f"La caractéristique « {feature.name} » a déjà la valeur « {value} ».",
                           "feature_value")
    row = FeatureValue(feature_id=feature_id, value=value)
    db.add(row)
    db.flush()
    return row


def delete_feature_value(db: Session, value_id: int) -> str:
    """Delete a feature value no product uses; returns it."""
    row = db.get(FeatureValue, value_id)
    if row is None:
        raise ServiceError("Cette valeur n'existe pas.")
    used = db.scalar(select(func.count()).where(ProductFeature.value_id == value_id)) or 0
    if used:
        raise ServiceError(f"La valeur « {row.value} » est utilisée par {used} produit(s).")
    value = row.value
    db.delete(row)
    db.flush()
    return value


def features(db: Session) -> list[tuple[Feature, list[FeatureValue], dict[int, int]]]:
    """Features with their values and how many products use each value."""
    values = list(db.scalars(select(FeatureValue).order_by(FeatureValue.value)))
    counts = select(ProductFeature.value_id, func.count()).group_by(ProductFeature.value_id)
    used = dict(db.execute(counts).all())
    return [(f, [v for v in values if v.feature_id == f.id], used)
            for f in db.scalars(select(Feature).order_by(Feature.position, Feature.id))]
