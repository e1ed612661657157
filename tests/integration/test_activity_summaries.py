"""Console summaries in plain French for every model and every setting: no raw key, no English, agreement."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, inspect, select
from sqlalchemy.orm import Session

from sandbox.activity.setting_labels import SETTING_LABELS, label_for
from sandbox.activity.setting_summary import setting_summary
from sandbox.activity.summaries import field_label, model_of_table, summarize_change
from sandbox.db.base import Base
from sandbox.db.storage import storage_for
from sandbox.models import Setting

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"\b(None|True|False|created|deleted|updated|enabled|disabled|null)\b|\(e\)")
LITERAL_KEY = re.compile(r"""(?:get_setting|set_setting)\([^,()]+,\s*"([a-z_]+(?:\.[a-z_]+)+)\"""")


def _activity_models() -> list[type]:
    return sorted((m.class_ for m in Base.registry.mappers if hasattr(m.class_, "__activity__")),
                  key=lambda c: c.__name__)


def _leaks(summary: str, cls: type) -> list[str]:
    """Raw attribute names (snake_case), the class name or English words found in a summary."""
    found = [m.group(0) for m in ENGLISH.finditer(summary)]
    found += [c.key for c in cls.__table__.columns if "_" in c.key and c.key in summary]
    english_name = cls.__name__ not in str(cls.__activity__)  # « Menu » is French too
    return found + ([cls.__name__] if english_name and re.search(rf"\b{cls.__name__}\b", summary) else [])


@pytest.mark.parametrize("cls", _activity_models(), ids=lambda c: c.__name__)
def test_every_recorded_column_has_a_french_label(cls):
    """Each column a summary may show has a French name: its own label, a shared one or its model's noun."""
    ignored = set(cls.__activity__.get("ignore", ()))
    missing = [c.key for c in cls.__table__.columns
               if not c.primary_key and c.key not in ignored and field_label(cls, c.key) == "autre champ"]
    assert not missing, f"{cls.__name__}: columns without a French label (info label) {missing}"


SAMPLES = {Integer: 1, String: "Texte", Text: "Texte", Boolean: True, Date: date(2027, 5, 20),
           DateTime: datetime(2027, 5, 20, 9, 0)}


def _made_up(db, cls):
    """A row of a model the context does not seed (links of cart rules…): its links point to seeded rows."""
    values = {}
    for column in cls.__table__.columns:
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column
            values[column.key] = db.scalar(select(target).order_by(target).limit(1))
        elif not column.nullable:
            values[column.key] = next((v for t, v in SAMPLES.items() if isinstance(column.type, t)), 1)
    obj = cls(**values)
    db.add(obj)  # in the session (never flushed) so that summaries can name the linked rows
    return obj


def test_summaries_of_every_model_read_as_french(seat, data):
    """Create, delete and a change of each field of a seeded row of every model: French, no raw key."""
    with Session(storage_for(data).engine("seats", seat.name)) as db:
        checked = 0
        for cls in _activity_models():
            rows = list(db.scalars(select(cls).limit(20))) or [_made_up(db, cls)]
            obj, checked = rows[0], checked + 1
            ignored = set(cls.__activity__.get("ignore", ()))
            summaries = [summarize_change(obj, "create", {}), summarize_change(obj, "delete", {})]
            for column in inspect(cls).column_attrs:
                if column.key in ignored:
                    continue
                before = getattr(obj, column.key)
                # A value another row really has (a state, a name…), else empty where the column allows it.
                after = next((v for v in (getattr(r, column.key) for r in rows) if v != before), None)
                if after is not None or column.columns[0].nullable:
                    summaries.append(summarize_change(obj, "update", {column.key: (before, after)}))
            for summary in summaries:
                assert summary and not _leaks(summary, cls), f"{cls.__name__}: {summary!r}"
        assert checked == len(_activity_models())
        db.rollback()


def test_feminine_nouns_agree(seat, data):
    from sandbox.models import Category, Product

    with Session(storage_for(data).engine("seats", seat.name)) as db:
        category, product = db.get(Category, 3), db.scalars(select(Product).limit(1)).first()
        assert summarize_change(category, "create", {}).endswith("» créée")
        assert summarize_change(product, "delete", {}).endswith("» supprimé")


def _known_setting_keys(data, seat) -> set[str]:
    """Every key the seeded seat holds, and every literal key the code reads or writes."""
    with Session(storage_for(data).engine("seats", seat.name)) as db:
        keys = set(db.scalars(select(Setting.key)))
    for path in (ROOT / "sandbox").rglob("*.py"):
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return {k for k in keys if not k.startswith("subject.")}  # the subject's own data, written at prepare


def test_every_setting_key_has_a_french_label(seat, data):
    missing = sorted(k for k in _known_setting_keys(data, seat) if k not in SETTING_LABELS)
    assert not missing, f"settings without a label in sandbox/activity/setting_labels.py: {missing}"


def test_setting_summaries_never_show_the_key(seat, data):
    for key in _known_setting_keys(data, seat) | set(SETTING_LABELS) | {"shop.mystery_option"}:
        for before, after in (("", "1"), ("1", "0"), ("https://exemple.fr/a", ""), ("14", "30")):
            summary = setting_summary(key, before, after)
            assert summary and key not in summary and not ENGLISH.search(summary), summary


def test_setting_sentences():
    assert setting_summary("social.tiktok", "", "https://www.tiktok.com/@linetnature") == (
        "Réseau social TikTok : adresse ajoutée (« https://www.tiktok.com/@linetnature »)")
    assert setting_summary("social.tiktok", "https://x.fr", "") == "Réseau social TikTok : adresse supprimée"
    assert setting_summary("returns.days", "14", "30") == (
        "Retours produits : délai de retour (jours) : 14 → 30")
    assert setting_summary("payment.cheque.enabled", "1", "0") == "Module Paiement par chèque désactivé"
    assert setting_summary("site.sidebar", "none", "posts") == (
        "Mise en page : colonne latérale : aucune → sur les articles")
    assert setting_summary("returns.days", "30", "30") is None
    assert label_for("shop.mystery_option").subject == "Réglages de la boutique"


def test_foreign_key_map_is_built_once():
    from sandbox.models import Category, Product

    table = Category.__table__
    assert model_of_table(table) is Category and model_of_table(Product.__table__) is Product
