"""The scale option ([sizes] scale, `e5 context install --scale N`): a busier shop, deterministically."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sandbox.db.dump import dump_digest
from sandbox.db.storage import storage_for
from sandbox.models import Customer, Order, get_setting
from sandbox.packs.context import check_manifest
from sandbox.packs.install import install_context
from tests.conftest import DEFAULT_CONTEXT

MANIFEST = {"context": {"id": "x", "title": "X", "version": "1.0.0", "format": 1, "locale": "fr_FR",
                        "seed": 1, "reference_date": "2027-05-20"},
            "sizes": {"products": 1, "customers": 1, "orders": 0, "product_comments": 0,
                      "customer_threads": 0, "return_requests": 0, "posts": 0, "pages": 1, "months": 1}}


def test_scale_is_optional_and_checked():
    assert not [p for p in check_manifest(MANIFEST) if "scale" in p.field]
    for wrong in (0, 101, "10"):
        manifest = {**MANIFEST, "sizes": {**MANIFEST["sizes"], "scale": wrong}}
        assert [p.field for p in check_manifest(manifest)] == ["sizes.scale"]


def test_scaled_install_multiplies_orders_and_is_deterministic(tmp_path, installed_data):
    digests = []
    for name in ("a", "b"):
        install_context(tmp_path / name, DEFAULT_CONTEXT, scale=2)
        engine = storage_for(tmp_path / name).engine("templates", "context-lin-et-nature")
        digests.append(dump_digest(engine))
    with Session(engine) as db, Session(
            storage_for(installed_data).engine("templates", "context-lin-et-nature")) as base:
        assert db.scalar(select(func.count(Order.id))) == 2 * base.scalar(select(func.count(Order.id)))
        assert db.scalar(select(func.count(Customer.id))) > base.scalar(select(func.count(Customer.id)))
        assert get_setting(db, "context.scale") == "2" and not get_setting(base, "context.scale")
    assert digests[0] == digests[1]
