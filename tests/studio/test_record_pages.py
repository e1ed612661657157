"""« Situation de départ » and « Corrigé » through the HTTP client (real app and seats, CSRF on): what the
author does in the scratch seats comes back as named, editable changes and as observables shown on both
seats, which the author keeps in the grid."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from grading.accounts import create_user
from grading.app import create_app
from sandbox.activity.actor import Actor, act_as
from sandbox.db.storage import storage_for
from sandbox.models import Category, Order, OrderState
from sandbox.services.modules import set_module_active
from sandbox.services.order_status import change_order_state
from sandbox.subjects.studio import draft as studio
from tests.conftest import copy_data
from tests.grading.conftest import console_login, csrf_token

AUTHOR = Actor("employee", 1, "Auteur du sujet")


@pytest.fixture(scope="module")
def sdata(installed_data, tmp_path_factory):
    data = tmp_path_factory.mktemp("studio-record") / "data"
    copy_data(installed_data, data)
    create_user(data, "dupont", "dupont-motdepasse", "teacher", "M. Dupont")
    return data


@pytest.fixture(scope="module")
def teacher(sdata):
    client = create_app(sdata, TESTING=True).test_client()
    console_login(client, "dupont", "dupont-motdepasse")
    return client


def _in_seat(data, seat: str):
    db = Session(storage_for(data).engine("seats", seat))
    act_as(db, AUTHOR)
    return db


def test_record_then_model_answer_then_both_columns(sdata, teacher):
    draft = studio.create_draft(sdata, author="M. Dupont")
    studio.set_grid(draft, "ti-ts", [{"id": "q1-commande", "question": "q1", "text": "Traiter la commande"}])
    base = f"/console/sujets/studio/{draft.id}"
    editor = teacher.get(f"{base}/").get_data(as_text=True)
    assert f'href="{base}/depart"' in editor and f'href="{base}/corrige"' in editor

    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert "Préparer la situation de départ" in page
    assert teacher.post(f"{base}/depart/preparer", data={"csrf_token": csrf_token(page)}).status_code == 302
    with _in_seat(sdata, f"studio-{draft.id}-depart") as db:
        set_module_active(db, "featured", False)
        set_module_active(db, "product_comments", False)
        db.get(Category, 2).description = "Texte"
        db.commit()
    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert 'for="keep-0"' in page and 'for="field-0-module"' in page and 'for="field-0-active"' in page
    assert re.search(r'<option value="featured" selected>featured</option>', page)
    assert re.search(r'id="field-0-active".*?<option value="false" selected>Non</option>', page, re.S)
    assert re.search(r'id="field-1-module".*?<option value="product_comments" selected>', page, re.S)
    assert "Non transposable" in page  # the category's description: no change type for it
    keys = re.search(r'name="keys-0" value="([^"]+)"', page).group(1)
    assert keys == "name,module,active,option,value"
    typed = {"field-0-module": "featured", "field-0-active": "false", "field-0-option": "",
             "field-0-value": ""}
    form = {"csrf_token": csrf_token(page), "count": "1", "type-0": "module.set", "keep-0": "1",
            "keys-0": keys}

    bad = teacher.post(f"{base}/depart/enregistrer",
                       data={**form, **typed, "field-0-module": "", "field-0-option": "count"})
    assert bad.status_code == 422
    shown = bad.get_data(as_text=True)
    assert "Valeur obligatoire pour ce type de modification" in shown
    assert 'id="field-0-option" name="field-0-option" value="count"' in shown  # typed value kept
    studio.touch(draft)  # another tab saved the draft meanwhile: this page's revision is behind
    behind = re.search(r'name="revision" value="(\d+)"', page).group(1)
    stale = teacher.post(f"{base}/depart/enregistrer", data={**form, **typed, "revision": behind})
    assert stale.status_code == 409 and "modifié dans un autre onglet" in stale.get_data(as_text=True)
    assert studio.changes(draft) == []
    answer = teacher.post(f"{base}/depart/enregistrer", data={**form, **typed})
    assert answer.status_code == 302
    assert studio.changes(draft) == [{"type": "module.set", "module": "featured", "active": False}]
    # Back on the page: the subject's change as saved, then only what the seat records from now on.
    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert "<code>module.set</code> — dans le sujet" in page and 'id="field-1-module"' not in page
    with _in_seat(sdata, f"studio-{draft.id}-depart") as db:
        set_module_active(db, "product_comments", True)
        db.commit()
    page = teacher.get(f"{base}/depart").get_data(as_text=True)
    assert re.search(r'id="field-1-module".*?<option value="product_comments" selected>', page, re.S)
    assert "<code>module.set</code> — relevée sur le poste" in page

    page = teacher.get(f"{base}/corrige").get_data(as_text=True)
    assert teacher.post(f"{base}/corrige/preparer", data={"csrf_token": csrf_token(page)}).status_code == 302
    with _in_seat(sdata, f"studio-{draft.id}-corrige") as db:
        order = db.scalar(
            select(Order).where(Order.state.has(OrderState.code == "payment_accepted")).limit(1)
        )
        shipped = db.scalar(select(OrderState.id).where(OrderState.code == "shipped"))
        reference = order.reference
        change_order_state(db, order, shipped, employee_id=1)
        db.commit()
    assert not any(n.startswith("studio-") for n in storage_for(sdata).names("templates"))
    page = teacher.get(f"{base}/corrige").get_data(as_text=True)
    assert "Sur le corrigé" in page and "Sur la situation de départ" in page
    row = page[
        page.index('id="observable-0"') : page.index('id="observable-1"')
        if 'id="observable-1"' in page
        else len(page)
    ]
    assert 'check = "order.state"' in unescape(row) and reference in row
    assert '<td data-column="corrige"><span class="studio-verdict--ok">✓ vrai' in row
    assert '<td data-column="depart"><span class="studio-verdict--ko">✗ faux' in row
    observable = unescape(re.search(r'<textarea id="observable-0"[^>]*>([^<]*)</textarea>', page).group(1))
    saved = teacher.post(
        f"{base}/corrige/enregistrer",
        data={
            "csrf_token": csrf_token(page),
            "count": "1",
            "observable-0": observable,
            "line-0": "q1-commande",
        },
    )
    assert saved.status_code == 302
    line = studio.grid(draft)["lines"][0]
    assert line["observables"] == [{"check": "order.state", "order": reference, "state": "shipped"}]
