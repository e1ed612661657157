"""Every setting a screen or a change type writes changes what it claims, seen through the real app.

The keys come from the source (``tests/integration/setting_keys.py``): a new ``set_setting`` without an
entry in EFFECTS fails here. Each effect is checked both ways on one seat: the page does not show the
expected text before the write, shows it after (then the old value is put back). The source is also
checked the other way round: every key read is written somewhere, and every seeded key is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import Setting, get_setting, set_setting
from tests.conftest import copy_data, drop_data
from tests.integration.setting_effects import EFFECTS, references
from tests.integration.setting_keys import read_sites, write_sites
from tests.integration.shop_admin_helpers import text
from tests.integration.site_helpers import site_login
from tests.integration.test_after_sales import _customer_login, _returnable_order
from tests.integration.test_shop_front import add_to_cart, simple_product
from tests.integration.test_shop_front_checkout import ADDRESS, paying_carrier, post_step

# Keys the machinery writes (pack install, seat creation, subject preparation): not a screen's setting.
MACHINERY = re.compile(r"^(context|seat|subject)\.")


def _payment_keys() -> set[str]:
    from sandbox.services.payment import MODULES, WIRE_FIELDS

    return ({f"payment.{m}.{k}" for m in MODULES for k in ("enabled", "groups", "carriers")}
            | {f"payment.wire.{k}" for k in WIRE_FIELDS})


def _module_keys() -> set[str]:
    from sandbox.models.module_catalogue import MODULES

    return {key for spec in MODULES.values() for key in (spec.settings or {}).values()}


def _plugin_keys() -> set[str]:
    from sandbox.web.site_admin.plugins import PLUGINS

    return {f"plugins.{code}" for code, _name, _text in PLUGINS}


def _shop_contact_keys() -> set[str]:
    from sandbox.services.shop_contact import FIELDS

    return {f"shop.{f}" for f in FIELDS}


def _none() -> set[str]:
    return set()


# Calls whose key is a variable the source alone cannot tell: (file, function) → the keys they cover,
# from the registry the code itself iterates. An unresolved call missing here fails the walk.
DYNAMIC_WRITES: dict[tuple[str, str], Callable[[], set[str]]] = {
    ("sandbox/services/modules.py", "set_module_active"): _module_keys,
    ("sandbox/services/modules.py", "configure_module"): _module_keys,
    ("sandbox/services/payment.py", "set_enabled"): _payment_keys,
    ("sandbox/services/payment.py", "set_restriction"): _payment_keys,
    ("sandbox/services/payment.py", "configure_wire"): _payment_keys,
    ("sandbox/services/shop_contact.py", "save_contact"): _shop_contact_keys,
    ("sandbox/subjects/changes/site_look.py", "set_plugin"): _plugin_keys,
    ("sandbox/web/site_admin/plugins.py", "plugin_switch"): _plugin_keys,
}
DYNAMIC_READS: dict[tuple[str, str], Callable[[], set[str]]] = {
    ("sandbox/content/queries.py", "setting_int"): _none,  # the helper itself: its callers are walked
    ("sandbox/services/checkout.py", "available_payments"): _payment_keys,
    ("sandbox/services/modules.py", "module_state"): _module_keys,
    ("sandbox/services/payment.py", "restriction"): _payment_keys,
    ("sandbox/services/payment.py", "is_enabled"): _payment_keys,
    ("sandbox/web/shop_front/chrome.py", "_chrome"): _none,  # templates' setting(): walked in the templates
    ("sandbox/web/site_admin/__init__.py", "_visible"): _plugin_keys,  # a menu shown with its extension
    # Observables read the key a subject pack names (setting.equals, plugin.active…): no fixed key.
    ("sandbox/subjects/observables/settings.py", "setting_equals"): _none,
    ("sandbox/subjects/observables/payment.py", "payment_method"): _payment_keys,
    ("sandbox/subjects/observables/site.py", "plugin_active"): _plugin_keys,
    ("sandbox/subjects/observables/site_settings.py", "site_social"): _none,
}


def _keys(sites, dynamic) -> set[str]:
    keys, unknown = set(), []
    for site in sites:
        if site.keys is not None:
            keys |= site.keys
        elif (site.where.split(":")[0], site.function) in dynamic:
            keys |= dynamic[(site.where.split(":")[0], site.function)]()
        else:
            unknown.append(f"{site.where} ({site.function})")
    assert not unknown, f"setting calls whose key the walk cannot tell: add them to DYNAMIC_*: {unknown}"
    return keys


def written_keys() -> set[str]:
    """Every key a screen or a change type writes."""
    return {k for k in _keys(write_sites(), DYNAMIC_WRITES) if not MACHINERY.match(k)}


def read_keys() -> set[str]:
    """Every key read by the app (seeding's own reads do not count: they read what they just wrote)."""
    return _keys([s for s in read_sites() if not s.where.startswith("sandbox/seeding/")], DYNAMIC_READS)


# The reference company's identity facts from company.toml (history, founders, NAF…) that no page or
# observable reads: seeded because every [company] key becomes a setting (seeding's docstring). Still to
# decide: show them where a French site would (« Mentions légales »: directeur de la publication…) or stop
# seeding them. Listed, so that the list only shrinks.
COMPANY_FACTS = {f"company.{k}" for k in ("country", "founded", "founders", "headcount", "history", "naf",
                                          "siren", "values")}


# --- the effects ---------------------------------------------------------------------------------------

# Written keys not proved here yet. Listed, so that the list only shrinks.
NOT_YET: set[str] = set()


@dataclass
class World:
    """One seat, the app, the people who look at it and the references the effects use."""

    data: object
    seat: object
    app: object
    people: dict
    refs: dict = field(default_factory=dict)


def _buyer(app, db) -> tuple[object, int]:
    """A new customer who reached the checkout's payment step (cart, account, address, carrier)."""
    buyer = app.test_client()
    carrier = paying_carrier(db).id
    add_to_cart(buyer, simple_product(db), 1)
    account = {"gender": "Mme", "first_name": "Léa", "last_name": "Martin",
               "email": "lea.reglages@example.fr", "password": "motdepasse1"}
    post_step(buyer, "/commande/identification", account)
    post_step(buyer, "/commande/adresse", ADDRESS)
    post_step(buyer, "/commande/livraison", {"carrier": str(carrier), "message": ""})
    return buyer, carrier


@pytest.fixture(scope="module")
def world(installed_data, tmp_path_factory):
    """One seat (named as the shop helpers expect) and its people, for every effect (each puts its key
    back)."""
    from grading.app import create_app
    from sandbox.seats import create_seat

    data = copy_data(installed_data, tmp_path_factory.mktemp("settings-wired") / "data")
    seat = create_seat(data, "poste-a")
    app = create_app(data, TESTING=True)
    visitor, returner = app.test_client(), app.test_client()
    assert site_login(visitor, seat).status_code == 302
    email, reference, _order, _line = _returnable_order(data, seat)
    _customer_login(returner, seat, email)
    with _db(data, seat) as db:
        buyer, carrier = _buyer(app, db)
        refs = references(db, carrier, reference)
        db.commit()
    yield World(data, seat, app, {"visitor": visitor, "buyer": buyer, "returner": returner}, refs)
    drop_data(data)


def _db(data, seat) -> Session:
    return Session(storage_for(data).engine("seats", seat.name), expire_on_commit=False)


def test_every_written_key_has_an_effect_to_prove():
    assert not NOT_YET & set(EFFECTS) and written_keys() >= NOT_YET
    missing = sorted(written_keys() - set(EFFECTS) - NOT_YET)
    assert not missing, f"settings written by a screen or a change type with no effect checked: {missing}"


def _look(world: World, effect, marker: str) -> str:
    """The page as the effect's person (or a new browser) sees it, after the effect's act."""
    if effect.act is not None:
        effect.act(world, marker)
    who = world.app.test_client() if effect.fresh else world.people[effect.who]
    url = f"/s/{world.seat.name}{effect.path.format(**world.refs)}"
    response = who.get(url)
    assert response.status_code == 200, (url, response.status_code, response.headers.get("Location"))
    return response.get_data(as_text=True)


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_a_written_setting_changes_what_it_claims(world, key):
    effect = EFFECTS[key]
    with _db(world.data, world.seat) as db:
        def fill(v):
            return v(db) if callable(v) else v.format(**world.refs, marker="{marker}")

        value, shows = fill(effect.value), fill(effect.shows)
        also = {k: fill(v) for k, v in effect.also.items()}
        old = {k: get_setting(db, k, None) for k in {key, *also}}
        for other, v in also.items():
            set_setting(db, other, v)
        db.commit()
    try:
        before, expected = _look(world, effect, "avant"), shows.format(marker="avant")
        assert (expected in before) is effect.gone, f"{key}: « {expected} » before the write"
        with _db(world.data, world.seat) as db:
            set_setting(db, key, value)
            db.commit()
        after, expected = _look(world, effect, "après"), shows.format(marker="après")
        assert (expected in after) is not effect.gone, f"{key} = {value!r}: « {expected} » after the write"
    finally:
        with _db(world.data, world.seat) as db:
            for k, v in old.items():
                if v is None:
                    db.delete(db.get(Setting, k))
                else:
                    set_setting(db, k, v)
            db.commit()


def test_every_key_read_is_written_somewhere(data):
    from sandbox.seats import create_seat

    seat = create_seat(data, "poste-k")
    with _db(data, seat) as db:
        stored = set(db.scalars(select(Setting.key)))
    unwritten = sorted(read_keys() - stored - written_keys() - {k for k in read_keys() if MACHINERY.match(k)})
    assert not unwritten, f"keys read by the app that neither the seed nor any screen writes: {unwritten}"


def test_every_seeded_key_is_read_somewhere(data):
    from sandbox.seats import create_seat

    seat = create_seat(data, "poste-k")
    with _db(data, seat) as db:
        seeded = set(db.scalars(select(Setting.key)))
    unread = sorted(seeded - read_keys() - COMPANY_FACTS - {k for k in seeded if MACHINERY.match(k)})
    assert not unread, f"settings the seed (or the seat) holds that nothing reads: {unread}"


def test_the_terms_name_only_the_payment_modules_switched_on(world):
    visitor, terms = world.people["visitor"], f"/s/{world.seat.name}/boutique/conditions-generales-de-vente"
    page = text(visitor.get(terms).get_data(as_text=True))
    assert "s'effectue par chèque à l'ordre de Lin & Nature SAS ou par virement bancaire ;" in page
    with _db(world.data, world.seat) as db:
        set_setting(db, "payment.cheque.enabled", "0")
        db.commit()
    try:
        page = text(visitor.get(terms).get_data(as_text=True))
        assert "par chèque" not in page and "Le paiement s'effectue par virement bancaire ;" in page
    finally:
        with _db(world.data, world.seat) as db:
            set_setting(db, "payment.cheque.enabled", "1")
            db.commit()
