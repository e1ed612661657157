"""Every setting a screen or a change type writes changes what it claims, seen through the real app.

The keys come from the source (``tests/integration/setting_keys.py``): a new ``set_setting`` without an
entry in EFFECTS fails here. Each effect is checked both ways on one seat: the page does not show the
expected text before the write, shows it after (then the old value is put back). The source is also
checked the other way round: every key read is written somewhere, and every seeded key is read.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.models import Media, Post, Setting, get_setting, set_setting
from tests.integration.setting_keys import read_sites, write_sites
from tests.integration.site_helpers import add_post, site_login

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


# The reference company's identity facts from company.toml (history, founders, NAF…): the seed keeps them
# for subject packs (setting.equals) although no page shows them yet. Listed, so that the list only shrinks.
COMPANY_FACTS = {f"company.{k}" for k in ("country", "founded", "founders", "headcount", "history", "naf",
                                          "president", "siren", "values")}


# --- the effects ---------------------------------------------------------------------------------------

@dataclass
class Effect:
    """Writing `value` to the key makes `shows` appear on `path` (relative to the seat), where it was not
    (or, with `gone`, disappear from it)."""

    path: str
    value: str | Callable[[Session], str]
    shows: str | Callable[[Session], str]
    site_admin: bool = False  # the page is in the site back office (logged in as the candidate)
    also: dict[str, str] = field(default_factory=dict)  # other settings the effect needs (put back too)
    gone: bool = False


def _other_image(db: Session) -> str:
    """An image of the media library that is not the site's logo."""
    logo = get_setting(db, "site.logo_media_id")
    return str(db.scalar(select(Media.id).where(Media.mime.like("image/%"), Media.id != int(logo or 0))
                        .order_by(Media.id.desc())))


def _image_file(db: Session) -> str:
    media = db.get(Media, int(_other_image(db)))
    return f"/media/{media.id}/"


def _page(db: Session, slug: str = "reglages-page") -> Post:
    page = db.scalar(select(Post).where(Post.slug == slug))
    return page or add_post(db, "Page des réglages", slug, kind="page")


def _page_id(db: Session) -> str:
    return str(_page(db).id)


ICONS = {"site.social_icons": "1", "site.social_position": "footer"}
SEO = {"plugins.seo": "1"}  # the breadcrumb is the SEO extension's: shown only while it is active
CRUMBS = {"seo.breadcrumbs": "1", **SEO}
SOCIAL_URL = "https://reseau.exemple.fr/reglages-{}"

EFFECTS: dict[str, Effect] = {
    "site.title": Effect("/site/", "Titre réglé", "Titre réglé"),
    "site.tagline": Effect("/site/", "Slogan réglé", "Slogan réglé"),
    "site.logo_media_id": Effect("/site/", _other_image, _image_file),
    "site.icon_media_id": Effect("/site/", _other_image, 'rel="icon"'),
    "site.header_text": Effect("/site/", "Bandeau réglé", "Bandeau réglé"),
    "site.header_media_id": Effect("/site/", _other_image, _image_file),
    "site.sidebar": Effect("/site/reglages-page/", "pages", "site-body--sidebar"),
    "site.social_icons": Effect("/site/", "1", "reseau.exemple.fr/reglages-facebook",
                                also={"social.facebook": SOCIAL_URL.format("facebook")}),
    "site.social_position": Effect("/site/", "below_header", 'class="social-bar"', also=ICONS),
    **{f"social.{k}": Effect("/site/", SOCIAL_URL.format(k), SOCIAL_URL.format(k).split("//")[1], also=ICONS)
       for k in ("facebook", "instagram", "linkedin", "pinterest", "tiktok", "x", "youtube")},
    "reading.show_on_front": Effect("/site/", "page", "Texte de Page des réglages.",
                                    also={"reading.page_on_front": "{page}"}),
    "reading.page_on_front": Effect("/site/", "{page}", "Texte de Page des réglages.",
                                    also={"reading.show_on_front": "page"}),
    "reading.posts_per_page": Effect("/site/blog", "500", "Articles plus anciens", gone=True),
    "company.address1": Effect("/site/", "12 rue des Réglages", "12 rue des Réglages"),
    "company.address2": Effect("/site/", "Bâtiment Réglé", "Bâtiment Réglé"),
    "company.postcode": Effect("/site/", "99999", "99999"),
    "company.city": Effect("/site/", "Villeréglée", "Villeréglée"),
    "company.phone": Effect("/site/", "01 99 99 99 99", "01 99 99 99 99"),
    "company.email": Effect("/site/", "regle@exemple.fr", "regle@exemple.fr"),
    "company.opening_hours": Effect("/site/", "Ouvert le dimanche réglé", "Ouvert le dimanche réglé"),
    **{f"shop.{k}": Effect("/boutique/", v, v) for k, v in {
        "name": "Boutique réglée", "email": "boutique-reglee@exemple.fr", "address1": "3 quai Réglé",
        "address2": "Entrepôt réglé", "postcode": "98888", "city": "Bourgréglé", "country": "Belgique",
        "phone": "01 98 98 98 98", "opening_hours": "Ouvert la nuit (réglé)"}.items()},
    "seo.breadcrumbs": Effect("/site/reglages-page/", "1", 'aria-label="Fil d\'Ariane"', also=SEO),
    "seo.breadcrumbs_separator": Effect("/site/reglages-page/", "‡", "‡", also=CRUMBS),
    "seo.breadcrumbs_home": Effect("/site/reglages-page/", "Départ réglé", "Départ réglé", also=CRUMBS),
    "seo.breadcrumbs_prefix": Effect("/site/reglages-page/", "Vous êtes ici (réglé)", "Vous êtes ici (réglé)",
                                     also=CRUMBS),
    "plugins.seo": Effect("/site/admin/", "1", "/site/admin/seo/reglages", site_admin=True),
    # « Autoriser les commentaires sur les nouveaux articles » off: a new article's box is not ticked.
    "discussion.comments_open": Effect("/site/admin/articles/nouveau", "0", 'checked id="comments_open"',
                                       site_admin=True, gone=True),
    "privacy.page_id": Effect("/site/admin/reglages/confidentialite", "{page}", "Page des réglages",
                              site_admin=True),
    "returns.days": Effect("/boutique/conditions-generales-de-vente", "45", "acceptés pendant 45 jours"),
    "returns.enabled": Effect("/boutique/conditions-generales-de-vente", "1", "nos retours sont acceptés",
                              also={"returns.enabled": "0"}),
    # « Nouveau » lasts shop.new_product_days: at 0 no product of the home page wears the flag any more.
    "shop.new_product_days": Effect("/boutique/", "0", ">Nouveau<", gone=True),
    "payment.cheque.payee": Effect("/boutique/conditions-generales-de-vente", "Ordre Réglé", "Ordre Réglé"),
}


@pytest.fixture(scope="module")
def world(installed_data, tmp_path_factory):
    """One seat and a client of the whole app for every effect (each effect puts its key back)."""
    from grading.app import create_app
    from sandbox.seats import create_seat

    data = tmp_path_factory.mktemp("settings-wired") / "data"
    shutil.copytree(installed_data, data)
    seat = create_seat(data, "poste-r")
    client = create_app(data, TESTING=True).test_client()
    assert site_login(client, seat).status_code == 302
    return data, seat, client


def _db(data, seat) -> Session:
    return Session(storage_for(data).engine("seats", seat.name), expire_on_commit=False)


# Written keys whose effect needs a cart, an order or a customer account: proved elsewhere for now
# (test_shop_admin_payment, test_shop_front_checkout, test_shop_front, test_site_moderation…), not yet here.
# Listed, so that the list only shrinks.
NOT_YET = {"clock.today", "discussion.moderation", "orders.minimum_ttc", "payment.cheque.address",
           "payment.cheque.carriers", "payment.cheque.enabled", "payment.cheque.groups", "payment.wire.bank",
           "payment.wire.bic", "payment.wire.carriers", "payment.wire.details", "payment.wire.enabled",
           "payment.wire.groups", "payment.wire.iban", "payment.wire.owner", "product_comments.allow_guests",
           "product_comments.enabled", "product_comments.moderation", "returns.instructions",
           "stock.allow_out_of_stock_orders"}


def test_every_written_key_has_an_effect_to_prove():
    assert not NOT_YET & set(EFFECTS) and written_keys() >= NOT_YET
    missing = sorted(written_keys() - set(EFFECTS) - NOT_YET)
    assert not missing, f"settings written by a screen or a change type with no effect checked: {missing}"


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_a_written_setting_changes_what_it_claims(world, key):
    data, seat, client = world
    effect = EFFECTS[key]
    with _db(data, seat) as db:
        page_id = _page_id(db)

        def fill(v):
            return v(db) if callable(v) else v.replace("{page}", page_id)

        value, shows = fill(effect.value), fill(effect.shows)
        also = {k: fill(v) for k, v in effect.also.items()}
        old = {k: get_setting(db, k, None) for k in {key, *also}}
        for other, v in also.items():
            set_setting(db, other, v)
        db.commit()
    url = f"/s/{seat.name}{effect.path}"
    before = client.get(url)
    assert before.status_code == 200, url
    assert (shows in before.get_data(as_text=True)) is effect.gone, f"{key}: « {shows} » before, on {url}"
    with _db(data, seat) as db:
        set_setting(db, key, value)
        db.commit()
    try:
        after = client.get(url).get_data(as_text=True)
        assert (shows in after) is not effect.gone, f"{key} = {value!r}: « {shows} » after, on {url}"
    finally:
        with _db(data, seat) as db:
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
