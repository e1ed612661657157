"""Check types of the shop's main menu and contact details (✓ and ✗), and the main menu change types."""

from __future__ import annotations

from sandbox.activity.actor import Actor, act_as
from sandbox.clock import seat_today
from sandbox.models import Category, set_setting
from sandbox.seats import create_seat
from sandbox.services import main_menu as menu
from sandbox.services.modules import set_module_active
from sandbox.subjects.observables import ObserveContext, observe, observe_line, validate_observable
from sandbox.subjects.prepare import prepare_subject
from sandbox.subjects.store import read_subject
from tests.integration.site_helpers import seat_db
from tests.subjects.conftest import EXAM_DAY, edit, seat_session


def run(db, entry: dict):
    clean, problems = validate_observable(entry, file="grid.toml", where="lines[0]", names={})
    assert problems == [], problems
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def test_main_menu_entry_on_the_seeded_seat_and_after_the_work(seat, data):
    with seat_db(data, seat) as db:
        seeded = run(db, {"check": "main_menu.entry", "category": "Linge de lit", "position": 1})
        assert seeded.ok is True, seeded.sentence
        assert seeded.sentence.startswith("Menu principal (activé) : Linge de lit › Linge de bain ›")
        missing = run(db, {"check": "main_menu.entry", "category": "Parures de lit"})
        assert missing.ok is False and "catégorie « Parures de lit » absente du menu" in missing.sentence
        assert run(db, {"check": "main_menu.entry", "page": "Livraison", "present": False}).ok is True

        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        parures = db.query(Category).filter_by(name="Parures de lit").one()
        row = menu.add_target(db, "category", parures.id)
        menu.add_link(db, "Nos magasins", "https://www.lin-et-nature.fr/magasins")
        db.commit()
        assert run(db, {"check": "main_menu.entry", "category": "parures de LIT"}).ok is True
        wrong_place = run(db, {"check": "main_menu.entry", "category": "Parures de lit", "position": 2})
        assert wrong_place.ok is False and "en position 7" in wrong_place.sentence
        for _ in range(5):
            menu.move(db, row.id, -1)
        db.commit()
        assert run(db, {"check": "main_menu.entry", "category": "Parures de lit", "position": 2}).ok is True
        assert run(db, {"check": "main_menu.entry", "link": "Nos magasins", "position": 8}).ok is True
        set_module_active(db, "main_menu", False)
        db.commit()
        off = run(db, {"check": "main_menu.entry", "category": "Parures de lit"})
        assert off.ok is False and "module activé" in off.sentence


def test_shop_contact_compares_values_and_phone_digits(seat, data):
    with seat_db(data, seat) as db:
        phone = run(db, {"check": "shop.contact", "field": "phone", "equals": "03.20.45.67.89"})
        assert phone.ok is True, phone.sentence
        sunday = {"check": "shop.contact", "field": "opening_hours", "contains": "dimanche"}
        assert run(db, sunday).ok is False
        set_setting(db, "shop.opening_hours", "Du mardi au dimanche, de 10 h à 19 h")
        db.commit()
        hours = run(db, {"check": "shop.contact", "field": "opening_hours", "contains": "Dimanche"})
        assert hours.ok is True and "Boutique, horaires d'ouverture : « Du mardi" in hours.sentence
        assert run(db, {"check": "shop.contact", "field": "city"}).ok is None  # facts only


def test_main_menu_change_types_prepare_the_seat(data, pack_copy):
    pack = pack_copy("ln-boutique-f")
    (pack / "changes.toml").write_text(
        '[[changes]]\ntype = "main_menu.remove"\nname = "cadeaux"\ncategory = "Idées cadeaux"\n\n'
        '[[changes]]\ntype = "main_menu.add"\nname = "parures"\ncategory = "Parures de lit"\nposition = 1\n',
        encoding="utf-8",
    )
    edit(pack / "grid.toml", 'check = "main_menu.entry"\n  page = "Nos engagements"',
         'check = "main_menu.entry"\n  category = "Idées cadeaux"')
    template = prepare_subject(data, pack, EXAM_DAY)
    create_seat(data, "poste-a", template=template)
    with seat_session(data, "poste-a") as db:
        names = [e.name for e in menu.entries(db)]
        assert names[0] == "Parures de lit" and "Idées cadeaux" not in names and len(names) == 6
        subject = read_subject(db)
        assert subject.objects["cadeaux"]["type"] == "Category"
        assert [o.ok for o in observe_line(db, subject, "q1-liens")][-1] is False


def _home(db) -> list[int]:
    from sqlalchemy import select

    from sandbox.models import ProductCategory

    return list(db.scalars(select(ProductCategory.product_id).where(ProductCategory.category_id == 1)
                           .order_by(ProductCategory.position, ProductCategory.product_id)))


def test_a_product_stripped_or_created_by_a_change_joins_accueil_last(data, pack_copy):
    pack = pack_copy("ln-boutique-a")
    with (pack / "changes.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[changes]]\ntype = "product.create_with_photos"\nname = "coussin"\n'
                     'product_name = "Coussin Ardoise"\nimages = ["files/bandeau-maison-flandre.jpg"]\n'
                     'offline = false\n')
    create_seat(data, "poste-b")  # the context as installed
    with seat_session(data, "poste-b") as db:
        before = _home(db)
    template = prepare_subject(data, pack, EXAM_DAY)
    create_seat(data, "poste-a", template=template)
    with seat_session(data, "poste-a") as db:
        after, objects = _home(db), read_subject(db).objects
    added = [pid for pid in after if pid not in before]
    assert after[: len(before)] == before  # the seeded selection keeps its order
    assert objects["coussin"]["id"] == added[-1] and added == after[len(before):]


def test_a_deleted_category_leaves_the_menu_and_the_console_says_so(seat, data):
    from sqlalchemy import select

    from sandbox.models import ActivityEvent
    from sandbox.services.categories import CategoryInput, delete_category, save_category

    with seat_db(data, seat) as db:
        act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
        jardin = save_category(db, None, CategoryInput(name="Jardin", parent_id=1))
        menu.add_target(db, "category", jardin.id)
        db.commit()
        assert run(db, {"check": "main_menu.entry", "category": "Jardin", "position": 7}).ok is True
        delete_category(db, jardin)
        db.commit()
        assert [e.name for e in menu.entries(db)][-1] == "Idées cadeaux"
        summaries = list(db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id)))
        assert "Menu principal : catégorie « Jardin » ajoutée (position 7)" in summaries
        assert "Menu principal : catégorie « Jardin » retirée" in summaries
