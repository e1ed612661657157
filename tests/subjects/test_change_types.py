"""Every change type puts its named object in place, and the matching check types observe the work on it."""

from __future__ import annotations

import wave
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from sandbox.activity.actor import Actor, act_as
from sandbox.models import (
    Comment,
    Customer,
    CustomerGroup,
    CustomerMessage,
    CustomerThread,
    Media,
    Post,
    Product,
    ProductComment,
    ReturnRequest,
    Setting,
    SiteUser,
    get_setting,
    set_setting,
)
from sandbox.seats import create_seat
from sandbox.services.comments import post_comment
from sandbox.services.modules import module_active, module_config
from sandbox.subjects.changes import CHANGE_TYPES, _types
from sandbox.subjects.observables import check_types, observe_line
from sandbox.subjects.prepare import prepare_subject
from sandbox.subjects.store import read_subject
from tests.subjects.conftest import EXAM_DAY, seat_session

# The observables modules of this issue (later issues add theirs, exercised by their own tests).
DOMAINS = {"catalogue", "stock", "orders", "customers", "service", "content", "settings"}

EXTRA_CHANGES = """
[[changes]]
type = "product.set"
name = "nappe_hors_ligne"
product = "NAPPE-VICHY"
active = false
price_ttc = "54,90"
clear = ["meta_title"]

[[changes]]
type = "thread.create"
name = "sav_client"
customer = "@vasseur"
order = "@cheque"
subject = "Adresse de livraison"
message = "Bonjour, pouvez-vous livrer ma commande chez ma voisine ? Hélène Vasseur"
at = "today-1 09:12"

[[changes]]
type = "thread.create"
name = "sav_visiteur"
from_email = "claire.petit@example.fr"
subject = "Délai de réassort"
message = "Bonjour, quand le tapis de bain en lin sera-t-il de retour ?"
product = "TAPIS-LIN"
status = "pending"

[[changes]]
type = "message.reply"
name = "sav_repondu"
thread = "@sav_visiteur"
message = "Bonjour, il sera de retour dans trois semaines. Claire"
at = "today 10:00"

[[changes]]
type = "product_comment.create"
name = "avis"
product = "TAPIS-LIN"
author_name = "Julie M."
title = "Arnaque"
body = "Produit jamais reçu, bande d'escrocs !"
grade = 1

[[changes]]
type = "comment.create"
name = "insulte"
post = "comment-laver-et-entretenir-le-linge-en-lin"
author_name = "Anonyme"
author_email = "troll@example.fr"
body = "Article nul, vous êtes des incapables."

[[changes]]
type = "comment.create"
name = "question"
post = "comment-laver-et-entretenir-le-linge-en-lin"
author_name = "Marc Durand"
author_email = "marc.durand@example.fr"
body = "Peut-on laver le lin à 60 °C ?"
status = "approved"
at = "today-2 18:30"

[[changes]]
type = "post.create"
name = "brouillon"
title = "Bien dormir l'été grâce au lin"
body = "## Un tissu qui respire\\n\\nLe lin absorbe l'humidité.\\n\\n## Nos conseils\\n\\nAérez le matin."
author = "lucie.martin"

[[changes]]
type = "setting.set"
name = "delai_retour"
key = "returns.days"
value = "14"

[[changes]]
type = "media.add"
name = "interview"
file = "files/interview-brodeuse.wav"
title = "Interview d'une brodeuse"
description = "Deux minutes avec Martine, brodeuse à l'atelier de Roubaix."

[[changes]]
type = "order.set_state"
name = "livree"
order = "@expediee"
state = "delivered"
at = "today-1 16:00"

[[changes]]
type = "return.create"
name = "retour"
order = "@livree"
product = "SAVON"
quantity = 1
reason = "Doublon : j'ai commandé deux fois le même article par erreur."
state = "received"

[[changes]]
type = "product.carriers"
name = "tapis_express"
product = "TAPIS-LIN"
carriers = ["Chronopost"]
additional_shipping = "4,00"

[[changes]]
type = "group.category_reduction"
name = "pros_bain"
group = "Professionnels"
category = "Linge de bain"
reduction = "5"

[[changes]]
type = "main_menu.remove"
name = "hors_menu"
category = "Idées cadeaux"

[[changes]]
type = "main_menu.add"
name = "dans_menu"
category = "Parures de lit"
position = 2

[[changes]]
type = "module.set"
module = "social_sharing"
active = false

[[changes]]
type = "module.set"
module = "featured"
option = "count"
value = "4"
"""

EXTRA_LINES = """
[[lines]]
id = "q5-service"
question = "q5"
criterion = "Qualité de l'assistance et prise en compte des risques et de la réglementation"
text = "Toutes les autres observations"

  [[lines.observables]]
  check = "thread.answered"
  thread = "@sav_client"
  contains = ["voisine"]

  [[lines.observables]]
  check = "thread.status"
  thread = "@sav_client"
  status = "closed"

  [[lines.observables]]
  check = "product_comment.status"
  comment = "@avis"
  expect = "deleted"

  [[lines.observables]]
  check = "comment.status"
  comment = "@insulte"
  status = "spam"

  [[lines.observables]]
  check = "comment.reply"
  comment = "@question"
  contains = ["40"]

  [[lines.observables]]
  check = "post.published"
  post = "@brouillon"
  min_words = 20
  min_headings = 2
  keyphrase = "lin en été"

  [[lines.observables]]
  check = "post.seo"
  title_contains = "dormir l'été"
  meta_description_min = 50

  [[lines.observables]]
  check = "setting.equals"
  key = "returns.days"
  value = "30"
  label = "Délai de retour (jours)"

  [[lines.observables]]
  check = "return.state"
  return = "@retour"
  state = "completed"

  [[lines.observables]]
  check = "customer.exists"
  name = "Hélène Vasseur"
  newsletter = true

  [[lines.observables]]
  check = "customer.group"
  customer = "@prieure"
  group = "Particuliers"
  default = true

  [[lines.observables]]
  check = "product.exists"
  product = "@parure"
"""


def _kitchen_sink(pack_copy):
    pack = pack_copy("ln-boutique-a")
    with wave.open(str(pack / "files" / "interview-brodeuse.wav"), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 800)
    with (pack / "changes.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_CHANGES)
    with (pack / "grid.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_LINES)
    return pack


def test_the_kitchen_sink_pack_uses_every_change_type():
    from tests.subjects.test_change_types_site_look import STARTING_LOOK  # the site's starting look

    used = {line.split('"')[1] for line in (EXTRA_CHANGES + STARTING_LOOK).splitlines()
            if line.startswith("type = ")}
    shipped = {
        "product.strip_to_photos",
        "stock.set",
        "customer.create",
        "order.create",
        "order.set_state",
        "product.create_with_photos",
    }
    assert used | shipped == set(_types()) == set(CHANGE_TYPES)


def test_change_types_put_named_objects_and_checks_observe_them(data, pack_copy):
    template = prepare_subject(data, _kitchen_sink(pack_copy), EXAM_DAY)
    create_seat(data, "poste-a", template=template)
    with seat_session(data, "poste-a") as db:
        subject = read_subject(db)
        objects = subject.objects
        visitor = db.get(CustomerThread, objects["sav_visiteur"]["id"])
        assert (visitor.customer_id, visitor.email, visitor.status) == (
            None,
            "claire.petit@example.fr",
            "pending",
        )
        assert [m.employee_id is not None for m in visitor.messages] == [False, True]
        assert db.get(ProductComment, objects["avis"]["id"]).validated is False
        assert module_active(db, "social_sharing") is False and module_config(db, "featured")["count"] == 4
        assert db.get(Comment, objects["insulte"]["id"]).status == "pending"
        draft = db.get(Post, objects["brouillon"]["id"])
        assert (draft.status, [b["type"] for b in draft.blocks]) == ("draft", ["heading", "paragraph"] * 2)
        assert objects["delai_retour"] == {"type": "Setting", "id": "returns.days"}
        assert get_setting(db, "returns.days") == "14"
        interview = db.get(Media, objects["interview"]["id"])
        assert (interview.mime, interview.title, interview.width) == (
            "audio/x-wav",
            "Interview d'une brodeuse",
            None,
        )
        nappe = db.get(Product, objects["nappe_hors_ligne"]["id"])
        assert (nappe.active, nappe.price_ttc, nappe.meta_title) == (False, Decimal("54.90"), "")
        request = db.get(ReturnRequest, objects["retour"]["id"])
        assert (request.state, [line.quantity for line in request.lines]) == ("received", [1])
        before = observe_line(db, subject, "q5-service")
        assert [o.ok for o in before] == [False] * (len(before) - 1) + [True], [o.sentence for o in before]

        _do_the_work(db, objects)
        after = observe_line(db, subject, "q5-service")
    assert [(o.ok, o.sentence) for o in after if o.ok is not True] == []
    assert "Délai de retour (jours) : « 30 » — conforme" in [o.sentence for o in after]


def _do_the_work(db, objects) -> None:
    """What the candidate would do in the back offices (the screens come with later issues)."""
    act_as(db, Actor("employee", 1, "Candidat Stagiaire"))
    thread = db.get(CustomerThread, objects["sav_client"]["id"])
    thread.messages.append(
        CustomerMessage(
            employee_id=1,
            body="Bonjour, c'est noté : livraison chez votre voisine.",
            created_at=datetime(2027, 5, 20, 10, 5),
        )
    )
    thread.status = "closed"
    db.delete(db.get(ProductComment, objects["avis"]["id"]))
    db.get(Comment, objects["insulte"]["id"]).status = "spam"
    question = db.get(Comment, objects["question"]["id"])
    post_comment(
        db,
        db.get(Post, question.post_id),
        body="Oui, jusqu'à 40 °C seulement pour le lin lavé.",
        parent_id=question.id,
        user=db.get(SiteUser, 1),
    )
    draft = db.get(Post, objects["brouillon"]["id"])
    draft.blocks = [
        *draft.blocks,
        {
            "type": "paragraph",
            "html": "Choisissez des draps en lin lavé : ils "
            "régulent la température et sèchent vite, pour des nuits fraîches.",
        },
    ]
    draft.status, draft.published_at = "publish", datetime(2027, 5, 20, 10, 30)
    draft.focus_keyphrase = "lin en été"
    draft.meta_description = (
        "Pourquoi le lin rafraîchit : nos conseils pour bien dormir l'été avec du linge en lin."
    )
    set_setting(db, "returns.days", "30")
    db.get(ReturnRequest, objects["retour"]["id"]).state = "completed"
    db.get(Customer, objects["vasseur"]["id"]).newsletter = True
    prieure = db.get(Customer, objects["prieure"]["id"])
    prieure.groups = [
        *prieure.groups,
        db.scalar(select(CustomerGroup).where(CustomerGroup.name == "Particuliers")),
    ]
    prieure.default_group_id = prieure.groups[-1].id
    db.commit()


def test_every_check_type_is_exercised_by_the_shipped_subjects_or_this_test():
    import tomllib

    from tests.subjects.conftest import SHIPPED, SUBJECTS

    used = {
        o["check"]
        for s in SHIPPED
        for line in tomllib.loads((SUBJECTS / s / "grid.toml").read_text())["lines"]
        for o in line.get("observables", [])
    }
    used |= {line.split('"')[1] for line in EXTRA_LINES.splitlines() if line.strip().startswith("check = ")}
    mine = {
        name for name, spec in check_types().items() if spec.func.__module__.rsplit(".", 1)[-1] in DOMAINS
    }
    missing = mine - used
    assert missing == set()


def test_setting_set_refuses_an_unknown_key(data, pack_copy):
    from sandbox.subjects.pack import check_subject

    pack = pack_copy("ln-boutique-a")
    with (pack / "changes.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[changes]]\ntype = "setting.set"\nname = "x"\nkey = "returns.dayz"\nvalue = "3"\n')
    assert [str(p) for p in check_subject(pack, data)] == [
        "changes.toml, champ « changes[12].key » : le réglage « returns.dayz » n'existe pas "
        "dans le contexte — "
        "corrigez la clé, ou ajoutez create = true pour le créer"
    ]
    assert Setting  # the model the change writes
