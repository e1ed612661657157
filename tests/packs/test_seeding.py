"""Seeding of the default context: counts of the issue, exact order totals, determinism, pack validation."""

from __future__ import annotations

import io
import shutil
import tomllib
import wave
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session

from sandbox.db.base import Base
from sandbox.db.dump import dump_digest
from sandbox.models import (
    Address,
    Category,
    Combination,
    Comment,
    Customer,
    CustomerThread,
    CustomizationField,
    Employee,
    Media,
    Order,
    OrderLine,
    OrderState,
    PackItem,
    Post,
    Product,
    ProductComment,
    ReturnRequest,
    SiteUser,
    TrafficDay,
    get_setting,
)
from sandbox.money import to_cents, ttc_from_ht
from sandbox.packs.reader import PackReader
from sandbox.seeding import seed_context, validate_context
from sandbox.seeding.common import luhn_valid
from sandbox.seeding.markdown import to_blocks

PACK = Path(__file__).resolve().parents[2] / "contexts" / "lin-et-nature"
MANIFEST = tomllib.loads((PACK / "context.toml").read_text(encoding="utf-8"))
REFERENCE = date(2027, 5, 20)


def _seed(path: Path, pack: Path = PACK):
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    steps = []
    with Session(engine) as db, db.begin():
        seed_context(
            PackReader(pack), MANIFEST, db, lambda step, done, total: steps.append((step, done, total))
        )
    return engine, steps


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The default context seeded once into a SQLite file, with the progress calls it made."""
    return _seed(tmp_path_factory.mktemp("seed") / "a.sqlite")


@pytest.fixture
def db(seeded):
    with Session(seeded[0]) as session:
        yield session


def _count(db, model, *where) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*where))


def test_sizes_of_the_manifest_are_honoured(db):
    sizes = MANIFEST["sizes"]
    assert _count(db, Product) == sizes["products"] == 100
    assert _count(db, Customer) == sizes["customers"]
    assert _count(db, Order) == sizes["orders"]
    assert _count(db, ProductComment) == sizes["product_comments"]
    assert _count(db, CustomerThread) == sizes["customer_threads"]
    assert _count(db, ReturnRequest) == sizes["return_requests"]
    assert _count(db, Post, Post.kind == "post") == sizes["posts"]
    assert _count(db, Post, Post.kind == "page") == sizes["pages"]


def test_catalogue_has_what_subjects_rely_on(db):
    assert db.get(Category, 1).name == "Accueil"
    for category in db.scalars(select(Category).where(Category.parent_id.is_not(None))):
        assert category.parent_id == 1 or category.parent.parent_id == 1  # two levels under the root
    assert _count(db, Product, Product.is_pack.is_(True)) >= 2
    assert _count(db, PackItem) >= 4
    assert len(set(db.scalars(select(CustomizationField.product_id)))) >= 4
    assert _count(db, Product, Product.summary == "", Product.description == "") >= 2  # photos only
    assert _count(db, Product, Product.active.is_(False)) >= 1
    assert _count(db, Product, Product.quantity == 0) >= 1
    assert _count(db, Combination) > 200
    drap = db.scalar(select(Product).where(Product.reference == "DH-LIN-BLA"))
    prices = {c.label.split(" – ")[1]: c.price_ttc for c in drap.combinations}
    assert prices == {
        "90 x 190": Decimal("79.90"),
        "140 x 190": Decimal("89.90"),
        "160 x 200": Decimal("99.90"),
        "180 x 200": Decimal("109.90"),
    }
    assert len({c.reference for c in db.scalars(select(Combination))}) == _count(db, Combination)
    assert all(p.images and sum(i.cover for i in p.images) == 1 for p in db.scalars(select(Product)))


def test_people_accounts_and_groups(db):
    candidate = db.get(Employee, 1)
    assert (candidate.first_name, candidate.last_name, candidate.profile_id) == ("Candidat", "Stagiaire", 1)
    assert candidate.email == "candidat@lin-et-nature.fr"
    assert (db.get(SiteUser, 1).login, db.get(SiteUser, 1).role) == ("candidat", "administrator")
    assert {u.role for u in db.scalars(select(SiteUser))} >= {
        "administrator",
        "editor",
        "author",
        "contributor",
    }
    groups = Counter(db.scalars(select(Customer.default_group_id)))
    assert set(groups) == {2, 3, 4, 5} and groups[3] > groups[4] > 0
    for pro in db.scalars(select(Customer).where(Customer.default_group_id == 4)):
        assert pro.company and len(pro.siret) == 14 and luhn_valid(pro.siret) and luhn_valid(pro.siret[:9])
    per_customer = Counter(db.scalars(select(Address.customer_id)))
    assert set(per_customer.values()) == {1, 2} and len(per_customer) == 600
    assert len(set(db.scalars(select(Customer.email)))) == 600


def test_orders_totals_add_up_to_the_cent(db):
    lines: dict[int, list[OrderLine]] = {}
    for line in db.scalars(select(OrderLine)):
        lines.setdefault(line.order_id, []).append(line)
    for order in db.scalars(select(Order)):
        assert lines[order.id], order.reference
        for line in lines[order.id]:
            assert line.unit_price_ttc == ttc_from_ht(line.unit_price_ht, line.tax_rate_bp)
        assert order.total_products_ttc == sum(
            line.unit_price_ttc * line.quantity for line in lines[order.id]
        )
        assert order.total_products_ht == to_cents(
            sum(line.unit_price_ht * line.quantity for line in lines[order.id])
        )
        assert order.shipping_ttc == ttc_from_ht(order.shipping_ht, 2000)
        assert order.total_ht == order.total_products_ht + order.shipping_ht
        assert order.total_ttc == order.total_products_ttc + order.shipping_ttc - order.total_discounts_ttc
        assert order.total_paid_ttc in (Decimal("0.00"), order.total_ttc)


def test_orders_look_like_a_real_shop(db):
    states = Counter(db.scalars(select(OrderState.code).join(Order, Order.state_id == OrderState.id)))
    assert states["delivered"] > 0.8 * sum(states.values())
    assert {"shipped", "cancelled", "refunded", "payment_error"} <= set(states)
    assert states["awaiting_cheque"] + states["awaiting_transfer"] + states["payment_accepted"] >= 1
    assert set(db.scalars(select(Order.payment))) == {"Carte bancaire", "Chèque", "Virement bancaire"}
    months = Counter(d.month for d in db.scalars(select(Order.created_at)))
    assert months[12] > months[7] and months[11] > months[8]  # Christmas shopping
    assert max(db.scalars(select(Order.created_at))) < datetime(2027, 5, 20, 8)
    assert min(db.scalars(select(Order.created_at))) >= datetime(2025, 11, 20)
    visits = db.scalar(select(func.sum(TrafficDay.visits)))
    assert 0.01 <= _count(db, Order) / visits <= 0.02
    assert _count(db, TrafficDay) == (REFERENCE - date(2025, 11, 20)).days * 6


def test_after_sales_and_site_vitrine(db):
    assert 0 < _count(db, ProductComment, ProductComment.validated.is_(False)) < 30
    returns = Counter(db.scalars(select(ReturnRequest.state)))
    assert (
        set(returns) == {"awaiting", "validated", "refused", "received", "completed"}
        and returns["validated"] >= 2
    )
    assert _count(db, CustomerThread, CustomerThread.customer_id.is_(None)) >= 1
    assert _count(db, CustomerThread, CustomerThread.order_id.is_not(None)) >= 1
    posts = list(db.scalars(select(Post).where(Post.kind == "post")))
    assert Counter(p.status for p in posts) == {"publish": 17, "draft": 2, "future": 1}
    assert sum(p.sticky for p in posts) == 1
    assert {b["type"] for p in posts for b in p.blocks} >= {"heading", "paragraph", "list", "image", "quote"}
    assert _count(db, Post, Post.kind == "page", Post.parent_id.is_not(None)) == 1
    statuses = Counter(db.scalars(select(Comment.status)))
    assert statuses["approved"] > statuses["pending"] >= 3 and statuses["spam"] >= 1
    assert get_setting(db, "clock.today") == "2027-05-20"
    assert get_setting(db, "company.siret") == "81234567600017"


def test_media_files_are_valid(db):
    media = {m.filename: m for m in db.scalars(select(Media))}
    pdf = media["formulaire-de-retractation.pdf"].data
    assert pdf.startswith(b"%PDF-1.4") and b"/AcroForm" in pdf and pdf.rstrip().endswith(b"%%EOF")
    with wave.open(io.BytesIO(media["interview-claire-vandamme.wav"].data)) as audio:
        assert audio.getnframes() / audio.getframerate() == 2.0
    for m in media.values():
        if m.mime.startswith("image/"):
            assert Image.open(io.BytesIO(m.data)).size == (m.width, m.height)
            assert m.size == len(m.data) < 60_000


def test_two_seedings_give_identical_rows(seeded, tmp_path):
    engine, steps = seeded
    again, _ = _seed(tmp_path / "b.sqlite")
    assert dump_digest(engine) == dump_digest(again)
    assert steps[0] == ("Comptes et paramètres de base", 0, len(steps) - 1) and steps[-1][0] == "Terminé"


def test_default_pack_is_valid():
    assert validate_context(PackReader(PACK), MANIFEST) == []


def test_markdown_becomes_blocks():
    text = (
        "## Titre\n\nUn **mot** et un [lien](https://exemple.fr) <b>.\n\n- un\n- deux\n\n"
        '![Alt](media:logo "Légende")\n\n> Citation\n> — Claire'
    )
    assert to_blocks(text, {"logo": 7}) == [
        {"type": "heading", "level": 2, "text": "Titre"},
        {
            "type": "paragraph",
            "html": 'Un <strong>mot</strong> et un <a href="https://exemple.fr">lien</a> &lt;b&gt;.',
        },
        {"type": "list", "ordered": False, "items": ["un", "deux"]},
        {"type": "image", "media_id": 7, "alt": "Alt", "caption": "Légende"},
        {"type": "quote", "text": "Citation", "cite": "Claire"},
    ]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_validate_context_names_file_field_and_fix(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    _replace(pack / "categories.csv", "12,2,Parures de lit", "12,99,Parures de lit")  # line 13
    _replace(pack / "products.csv", '"79,90","10,00",900', '"79,9O","10,00",900')  # line 2
    _replace(
        pack / "products.csv",
        "Blanc|Lin naturel|Sauge|Terracotta|Bleu indigo|Anthracite",
        "Blanc|Lin naturel|Saugé|Terracotta|Bleu indigo|Anthracite",
    )
    _replace(pack / "attributes.toml", '"#9caf88"', '"vert"')
    _replace(pack / "comments.csv", "id,post_id,parent_id", "id,article,parent_id")
    (pack / "texts" / "pages" / "faq.md").unlink()
    problems = validate_context(PackReader(pack), MANIFEST)
    where = {(p.file, p.field): p for p in problems}
    parent = where[("categories.csv", "parent_id (ligne 13)")]
    assert parent.problem == "la catégorie parente « 99 » n'existe pas"
    assert parent.fix == "indiquez l'id d'une ligne de categories.csv"
    assert "79,9O" in where[("products.csv", "price_ttc (ligne 2)")].problem
    assert "Saugé" in where[("products.csv", "colours (ligne 2)")].problem
    assert ("attributes.toml", "group[1].values[3].color") in where
    assert ("comments.csv", "post_id") in where
    assert ("texts/pages/faq.md", "") in where
    assert all(p.fix for p in problems)


def test_validate_context_checks_sizes_against_the_data(tmp_path):
    manifest = {**MANIFEST, "sizes": {**MANIFEST["sizes"], "products": 150, "posts": 21}}
    problems = validate_context(PackReader(PACK), manifest)
    fields = {(p.file, p.field) for p in problems}
    assert ("products.csv", "") in fields and ("posts.csv", "kind") in fields
