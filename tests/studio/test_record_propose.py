"""Re-recording shipped subjects through the studio: starting-state actions give back change entries,
and the model answer gives observables that are ✓ on it and ✗ on the starting state."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from sandbox.activity.actor import Actor, act_as
from sandbox.models import Setting
from sandbox.subjects.changes import ChangeContext, apply_changes
from sandbox.subjects.pack import load_subject
from sandbox.subjects.studio.propose import propose
from sandbox.subjects.studio.record import last_event_id, record_changes
from tests.conftest import copy_data
from tests.subjects.conftest import EXAM_DAY, SHIPPED, SUBJECTS, seat_session

AUTHOR = Actor("employee", 1, "Auteur du sujet")
# What record.py cannot see: the seat records no event for them (a stock already at that quantity) or
# a product created from pack photos (its photos are files of the draft, added by the editor).
UNSEEN = {"stock.set"}
KEYS = {
    "customer.create": "email",
    "order.create": "reference",
    "order.set_state": "state",
    "product.strip_to_photos": "product",
    "product.create_with_photos": "product_name",
    "main_menu.remove": "category",
    "comment.create": "body",
    "setting.set": "key",
    "thread.create": "subject",
    "product_comment.create": "title",
    "return.create": "reason",
    "site.layout": "sidebar",
}


def _replay(db: Session, subject: str):
    """Apply a shipped subject's changes as the author would do them in the scratch seat."""
    pack = load_subject(SUBJECTS / subject, db.info["data"], EXAM_DAY)
    since = last_event_id(db)
    before = {
        c.params["key"]: (db.get(Setting, c.params["key"]) or Setting(value="")).value
        for c in pack.changes
        if c.type == "setting.set"
    }
    act_as(db, AUTHOR)
    apply_changes(ChangeContext(db=db, today=EXAM_DAY, reader=pack.reader), pack.changes)
    db.flush()
    recorded = record_changes(db, since)
    # A setting given the value the context already had is no change: the seat records nothing.
    recorded.noop = {
        ("setting.set", c.params["key"])
        for c in pack.changes
        if c.type == "setting.set" and before[c.params["key"]] in (c.params["value"], "")
    }
    return pack, recorded


@pytest.fixture(scope="module")
def scratch(installed_data, tmp_path_factory):
    """One scratch seat for the module, in a data folder of its own (each test rolls its work back)."""

    from sandbox.seats import create_seat

    folder = tmp_path_factory.mktemp("studio") / "data"
    copy_data(installed_data, folder)
    create_seat(folder, "studio-0000beef-depart")
    return folder


@pytest.mark.parametrize("subject", SHIPPED)
def test_starting_state_recorded_as_equivalent_changes(scratch, subject):
    with seat_session(scratch, "studio-0000beef-depart") as db:
        db.info["data"] = scratch
        pack, recorded = _replay(db, subject)
        db.rollback()
    expected = [
        (c.type, c.params.get(KEYS.get(c.type, "")))
        for c in pack.changes
        if c.type in KEYS and c.type not in UNSEEN and (c.type, c.params.get("key")) not in recorded.noop
    ]
    got = [(e["type"], e.get(KEYS.get(e["type"], ""))) for e in recorded.entries]
    # the sidebar setting comes back as the change type made for it (site.layout)
    got += [("setting.set", "site.sidebar") for e in recorded.entries if e["type"] == "site.layout"]
    for item in expected:
        assert item in got, (item, got, recorded.untranslatable)
    assert recorded.untranslatable == []  # every event of a shipped change has its place
    names = [e["name"] for e in recorded.entries if "name" in e]
    assert len(names) == len(set(names))


def test_recorded_entries_pass_the_pack_checks(scratch, pack_copy):
    from sandbox.subjects.studio.toml_io import read_toml, write_toml

    with seat_session(scratch, "studio-0000beef-depart") as db:
        db.info["data"] = scratch
        _, recorded = _replay(db, "ln-boutique-b")
        db.rollback()
    folder = pack_copy("ln-boutique-b")
    kept = recorded.entries
    for rel, content in recorded.files.items():
        (folder / rel).write_bytes(content)
    write_toml(folder / "changes.toml", {"changes": kept})
    grid = read_toml(folder / "grid.toml")  # its observables name the pack's own objects: not these
    write_toml(
        folder / "grid.toml",
        {**grid, "lines": [{k: v for k, v in line.items() if k != "observables"} for line in grid["lines"]]},
    )
    pack = load_subject(folder, scratch, EXAM_DAY)
    assert [c.type for c in pack.changes] == [e["type"] for e in kept]


def test_an_action_no_change_type_expresses_is_listed_not_dropped(scratch):
    from sandbox.models import Category

    with seat_session(scratch, "studio-0000beef-depart") as db:
        since = last_event_id(db)
        act_as(db, AUTHOR)
        db.get(Category, 2).description = "Une description écrite par l'auteur."
        db.flush()
        recorded = record_changes(db, since)
        db.rollback()
    assert recorded.entries == []
    assert len(recorded.untranslatable) == 1 and recorded.untranslatable[0]


def test_model_answer_of_varied_work_gives_discriminating_observables(data):
    """A promotion, a category, a customer note, a module and a setting: each proposed, ✓ then ✗."""
    from datetime import date
    from decimal import Decimal

    from sqlalchemy import select

    from sandbox.models import Customer
    from sandbox.seats import create_seat
    from sandbox.services.catalogue import ProductInput, save_product
    from sandbox.services.categories import CategoryInput, save_category
    from sandbox.services.customer_notes import set_private_note
    from sandbox.services.modules import set_module_active
    from sandbox.services.promotion_admin import CartRuleInput, Reduction, save_cart_rule
    from sandbox.subjects.studio.record_other import module_switches

    create_seat(data, "studio-0000beef-depart")
    create_seat(data, "studio-0000beef-corrige")
    with (
        seat_session(data, "studio-0000beef-corrige") as answer,
        seat_session(data, "studio-0000beef-depart") as start,
    ):
        since = last_event_id(answer)
        act_as(answer, AUTHOR)
        save_cart_rule(
            answer,
            None,
            CartRuleInput(
                name="Bienvenue",
                code="ETE2027",
                date_from=date(2027, 5, 1),
                date_to=date(2027, 6, 30),
                minimum_amount=Decimal("50"),
                reduction=Reduction("percent", Decimal("10")),
            ),
        )
        save_category(answer, None, CategoryInput(name="Linge d'été", parent_id=2))
        customer = answer.scalar(select(Customer).order_by(Customer.id).limit(1))
        set_private_note(answer, customer, "Cliente fidèle : proposer le code ETE2027.")
        switch = next(iter(module_switches().values()))
        set_module_active(answer, switch, False)
        answer.get(Setting, "returns.days").value = "45"
        save_product(
            answer,
            None,
            ProductInput(
                name="Nappe d'été en lin",
                tax_id=1,
                default_category_id=2,
                category_ids=[2],
                price_ttc=Decimal("39.90"),
                price_basis="ttc",
            ),
            employee_id=1,
        )
        answer.commit()
        proposals = propose(answer, start, since)
    checks = {p.observable["check"] for p in proposals}
    assert {
        "cart_rule.code",
        "category.exists",
        "customer.note",
        "module.state",
        "setting.equals",
        "product.exists",
        "product.price",
    } <= checks
    wrong = [(p.observable, p.sentence, p.on_answer, p.on_start) for p in proposals if not p.discriminates]
    assert wrong == []



def test_a_customer_the_starting_state_created_is_proposed_by_its_recorded_name(data):
    """The studio's flow: the starting state's entries name their objects, and observables proposed from
    the model answer about one of them say « @nom » (the name the draft's changes give it)."""
    from sandbox.seats import create_seat
    from sandbox.services.customer_notes import set_private_note
    from sandbox.services.customers import register

    create_seat(data, "studio-0000beef-depart")
    create_seat(data, "studio-0000beef-vierge")
    with (
        seat_session(data, "studio-0000beef-depart") as db,
        seat_session(data, "studio-0000beef-vierge") as blank,
    ):
        since = last_event_id(db)
        act_as(db, AUTHOR)
        customer = register(db, gender="Mme", first_name="Lou", last_name="Vasseur",
                            email="lou.vasseur@exemple.fr", password="Motdepasse-2027")  # fmt: skip
        db.flush()
        recorded = record_changes(db, since)
        name = recorded.entries[0]["name"]
        assert recorded.objects[name] == {"type": "Customer", "id": customer.id}
        since = last_event_id(db)
        set_private_note(db, customer, "Cliente du salon : rappeler en juin.")
        db.flush()
        proposals = propose(db, blank, since, recorded.objects)
    notes = [p for p in proposals if p.observable["check"] == "customer.note"]
    assert [p.observable["customer"] for p in notes] == [f"@{name}"]
    assert notes[0].on_answer is True and notes[0].on_start is False
