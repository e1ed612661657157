"""Edge cases of the shop's check types that mutation testing found unproven (scripts/mutation.sh
observables-shop): an object gone, an empty value said « (vide) », the newest of two look-alikes, a
default threshold, nothing compared. Each case checks the whole sentence (sentences.json).

The seeded seat: Emmanuelle Jacques has no company, no order and subscribed to the newsletter; Inès
Belkacem's contact message was read, neither handled nor answered; the shop's phone is « 03 20 45 67 89 »
and its e-mail « boutique@lin-et-nature.fr » (the company's is « contact@… »).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sandbox.activity.actor import VISITOR, act_as
from sandbox.activity.recorder import record_visit
from sandbox.clock import seat_today
from sandbox.models import (
    Carrier,
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    CatalogRule,
    Customer,
    CustomerThread,
    Employee,
    Order,
    Product,
    ProductComment,
    SocialComment,
    SpecificPrice,
    Zone,
)
from sandbox.models.modules import LinkBlock, LinkBlockItem
from sandbox.services import customer_service, inbox, newsletter, payment, relations, social
from sandbox.services.carriers import delete_carrier
from sandbox.services.gdpr import erase_customer
from sandbox.services.groups import save_group
from sandbox.services.shop_contact import contact_details, save_contact
from sandbox.services.shop_content import PageInput, save_page
from sandbox.subjects.observables.relations import EXIT_PREFIX
from tests.observables.both_ways import Case
from tests.observables.site_seat import media, message_from, social_comment_by

EMMA = "emmanuelle.jacques@gmail.com"
BEFFROI = "contact@hotel-lebeffroi.fr"
GONE = "Julie Martin-Dunes"  # no customer of that name
LIN = "DH-LIN-BLA"  # Drap housse en lin lavé Blanc: no specific price


def _erase_emma(db: Session) -> dict:
    emma = db.scalar(select(Customer).where(Customer.email == EMMA))
    erase_customer(db, emma, EMMA)
    return {"cliente": emma}


def _gone(kind: str):
    """A named object deleted since (or never made): the check cannot find it."""
    return lambda db: {"ailleurs": {"type": kind, "id": 99999}}


def _two_specific_prices(db: Session) -> None:
    """-10 % from 2 units for ten days from today, then (newer) 5 € off for everyone, at any time."""
    lin = db.scalar(select(Product.id).where(Product.reference == LIN))
    today = seat_today(db)
    db.add(SpecificPrice(product_id=lin, from_quantity=2, reduction_type="percent", reduction=Decimal("10"),
                         reduction_tax_included=True, date_from=today, date_to=today + timedelta(days=10)))
    db.flush()
    db.add(SpecificPrice(product_id=lin, from_quantity=1, reduction_type="amount", reduction=Decimal("5"),
                         reduction_tax_included=True))


def _prices_hidden_group(db: Session) -> None:
    save_group(db, None, "Prospects", None, "ttc", False)


def _shop_writes_first(db: Session) -> dict:
    """A thread the shop started about an order (« Message au client »): no customer message in it."""
    order = db.scalar(select(Order).where(Order.reference == "PPYONJSDY"))
    karim = db.scalar(select(Employee).where(Employee.email == "karim.benali@lin-et-nature.fr"))
    message = customer_service.message_about_order(db, order, karim, "Votre colis partira lundi.",
                                                   "Expédition")
    return {"fil": db.get(CustomerThread, message.thread_id)}


def _review_waiting(db: Session) -> dict:
    review = db.get(ProductComment, 1)
    review.validated = False
    return {"avis": review}


def _wire_off(db: Session) -> None:
    payment.set_enabled(db, "wire", False)


def _campaigns(first_sent: bool, second_sent: bool):
    """Two campaigns on the open days, the older to the « salon » tag, the newer to everyone."""
    def arrange(db: Session) -> None:
        for subject, segment, send in (("Portes ouvertes : invitation", "tag:salon", first_sent),
                                       ("Portes ouvertes : rappel", "all", second_sent)):
            campaign = newsletter.save_campaign(db, subject, "<p>Venez nous voir à Roubaix.</p>", segment)
            if send:
                newsletter.send_campaign(db, campaign)
    return arrange


def _two_carriers_deleted(db: Session) -> None:
    """Chronopost deleted, then the pallet carrier (a newer row) too."""
    for words in ("Chronopost", "Messagerie palette"):
        delete_carrier(db, db.scalar(select(Carrier).where(Carrier.name.like(f"{words}%"))))


def _carrier_named(db: Session, words: str) -> Carrier:
    return db.scalar(select(Carrier).where(Carrier.name.like(f"{words}%")))


def _relay_ranges_split_at_2_kg(db: Session) -> None:
    """Mondial Relay's weight ranges: below 2 kg (3,75 € HT in France), from 2 kg (5,75 € HT)."""
    light, heavy = db.scalars(select(CarrierRange).where(
        CarrierRange.carrier_id == _carrier_named(db, "Mondial Relay").id).order_by(CarrierRange.lower))
    light.upper = heavy.lower = Decimal("2")
    france = db.scalar(select(Zone.id).where(Zone.name == "France métropolitaine"))
    db.get(CarrierRangePrice, (heavy.id, france)).price_ht = Decimal("5.75")


def _colissimo_relay(db: Session) -> None:
    """A newer carrier whose name holds « Colissimo » too, with no zone (offered everywhere)."""
    colissimo = _carrier_named(db, "Colissimo")
    db.add(Carrier(name="Colissimo Point Retrait", price_ht=Decimal("4.90"), tax_id=colissimo.tax_id,
                   shipping_method="fixed", position=9))


def _chronopost_off(db: Session) -> None:
    _carrier_named(db, "Chronopost").active = False


def _showroom_everywhere(db: Session) -> None:
    """The showroom pick-up keeps no zone: it is offered everywhere."""
    db.execute(delete(CarrierZone).where(CarrierZone.carrier_id == _carrier_named(db, "Retrait").id))


def _summer_sales(db: Session) -> None:
    """A newer catalogue rule whose name holds « soldes » too."""
    db.add(CatalogRule(name="Soldes d'été", reduction_type="percent", reduction=Decimal("20")))


def _bath_linen_rules(db: Session) -> None:
    """Two rules on bath linen: -12,5 % from 2 units from today (older), 5 € HT off until ten days from
    today (newer)."""
    today = seat_today(db)
    db.add(CatalogRule(name="Linge de bain : -12,5 %", reduction_type="percent", reduction=Decimal("12.5"),
                       from_quantity=2, date_from=today))
    db.flush()
    db.add(CatalogRule(name="Linge de bain : 5 € HT", reduction_type="amount", reduction=Decimal("5"),
                       reduction_tax_included=False, date_to=today + timedelta(days=10)))


def _no_catalogue_rule(db: Session) -> None:
    db.execute(delete(CatalogRule))


def _no_address2(db: Session) -> None:
    save_contact(db, {**contact_details(db), "address2": ""})


def _express_page(db: Session) -> None:
    """A newer page whose title holds « Livraison », hidden, of one character."""
    save_page(db, None, PageInput(title="Livraison express", content="<p>—</p>", active=False))


def _empty_page(db: Session) -> None:
    save_page(db, None, PageInput(title="Nos magasins", content=""))


def _no_link_block(db: Session) -> None:
    db.execute(delete(LinkBlockItem))
    db.execute(delete(LinkBlock))


def _beffroi_writes_again(db: Session) -> None:
    """The first message answered, then a newer one from the same address, not answered."""
    inbox.reply(db, message_from(db, BEFFROI), "Bonjour, voici notre devis.")
    relations.send_contact_message(db, "Hôtel Le Beffroi", BEFFROI, "Merci ! Et pour 60 parures ?")


def _olive_with_photo(db: Session) -> None:
    """A newer post on the same words as the seeded one, with a photo this time."""
    social.publish_post(db, "instagram", "Nos draps vert olive, en photo cette fois.",
                        media(db, "atelier-de-confection-roubaix.jpg").id)


def _a_follower_answers_claire(db: Session) -> None:
    """Another follower (not the company) answers Claire Dumont's question."""
    claire = social_comment_by(db, "Claire Dumont")
    db.add(SocialComment(post_id=claire.post_id, parent_id=claire.id, author_name="Paul Vasseur",
                         body="Moi aussi j'aimerais savoir !", from_company=False,
                         created_at=claire.created_at + timedelta(hours=1)))


def _four_exits_and_a_visit(db: Session) -> None:
    act_as(db, VISITOR)
    for site in ("facebook.com/linetnature", "instagram.com/linetnature", "pinterest.fr/linetnature",
                 "youtube.com/@linetnature"):
        record_visit(db, EXIT_PREFIX + "https://www." + site)
    record_visit(db, "Page « Livraison » consultée")  # a visit inside the site: no exit


CASES: list[Case] = [
    # customer.exists: no company said « (vide) », a subscriber said « oui », « non inscrit » expected.
    Case("customer.exists", {"customer": EMMA, "newsletter": False}, False, only="newsletter",
         why="subscribed, no company",
         says="société (vide), lettre d'information oui — attendu : non inscrit"),
    Case("customer.group", {"name": GONE, "group": "Professionnels"}, False, why="no such customer"),
    Case("customer.note", {"customer": "julie@example.invalid"}, False, why="no such customer"),
    Case("customer.erased", {"customer": "@ailleurs"}, False, _gone("Customer"), why="no such customer",
         says="Client introuvable"),
    Case("customer.erased", {"customer": "@cliente"}, True, _erase_emma, why="erased, had no order",
         says="0 commande(s) conservée(s)"),
    Case("thread.status", {"thread": "@ailleurs", "status": "closed"}, False, _gone("CustomerThread"),
         why="no such thread", says="Fil SAV « @ailleurs » introuvable"),
    # product.specific_price: the one matching best (not the newest), its quantity and dates said; the
    # newest of two matching as well; a product not found.
    Case("product.specific_price", {"product": LIN, "percent": 10}, True, _two_specific_prices,
         why="the older of two matches", says="-10 %, tous les groupes, dès 2 unités, du "),
    Case("product.specific_price", {"product": LIN}, True, _two_specific_prices,
         why="the newest of two equal matches", says="-5,00\u00a0€ TTC"),
    Case("product.specific_price", {"product": "DH-LIN-XXX"}, False, why="no such product"),
    Case("group.settings", {"group": "Prospects", "show_prices": True}, False, _prices_hidden_group,
         only="show_prices", why="prices hidden", says="TTC (prix masqués) — attendu : prix affichés"),
    Case("customer.exists", {"name": "Simone David"}, True, why="the newest of two namesakes"),
    Case("thread.answered", {"thread": "@ailleurs"}, False, _gone("CustomerThread"), why="no such thread",
         says="Fil SAV « @ailleurs » introuvable"),
    Case("thread.answered", {"thread": "@fil"}, True, _shop_writes_first,
         why="started by the shop, no customer message"),
    Case("product_comment.status", {"comment": "@avis", "expect": "validated"}, False, _review_waiting,
         why="waiting, expected published", says="attendu : validé"),
    # payment: a BIC typed in small letters with spaces, a method switched off, nothing compared.
    Case("payment.method", {"method": "wire", "bic": "nord fr pp xxx"}, True, why="BIC typed loosely"),
    Case("payment.method", {"method": "wire", "active": True}, False, _wire_off,
         why="switched off", says="Virement bancaire : désactivé — attendu : activé"),
    Case("payment.restriction", {"method": "wire", "group": "Professionnels", "allowed": True}, True,
         _wire_off, why="offered, the method switched off", says="(Virement bancaire désactivé)"),
    Case("payment.restriction", {"method": "cheque", "carrier": "Colissimo"}, None, why="nothing compared"),
    Case("payment.method", {"method": "wire", "details": "Indiquez"}, False, why="details never written",
         says="informations complémentaires (vide)"),
    Case("payment.method", {"method": "wire"}, None, why="nothing compared",
         says="Virement bancaire : activé"),
    # cart_rule.code: every kind of unmet expectation worded; catalog_rule.exists: newest first, none at all.
    Case("cart_rule.code", {"code": "noel10", "amount": "5,00", "minimum_tax_included": False,
                            "free_shipping": True, "exclude_specials": True}, False,
         why="every wording unmet", says="attendu : réduction de 5,00\u00a0€ ; minimum HT ; "
                                        "livraison gratuite ; produits en promotion exclus"),
    Case("catalog_rule.exists", {"name": "soldes"}, True, _summer_sales, why="the newest of two names",
         says="Soldes d'été"),
    Case("catalog_rule.exists", {"name": "linge de bain", "from_quantity": 2}, True, _bath_linen_rules,
         why="the older of two matches best", says="-12,50 %, dès 2 unités, du "),
    Case("catalog_rule.exists", {"name": "linge de bain"}, True, _bath_linen_rules,
         why="the newest of two equal matches", says="-5,00\u00a0€ HT, tout le catalogue, au "),
    Case("catalog_rule.exists", {"percent": 20}, False, _no_catalogue_rule, why="no rule at all",
         says="Aucune règle de prix catalogue"),
    # carrier.zone: 1 kg by default; no free shipping, switched off; no zone at all.
    Case("carrier.zone", {"carrier": "Mondial Relay", "zone": "France métropolitaine"}, True,
         _relay_ranges_split_at_2_kg, why="one kilo by default", says="4,50"),
    Case("carrier.zone", {"carrier": "colissimo", "zone": "Suisse"}, True, _colissimo_relay,
         why="the newest of two carriers of those words", says="Colissimo Point Retrait"),
    Case("carrier.zone", {"carrier": "Chronopost", "zone": "France métropolitaine", "active": True}, False,
         _chronopost_off, only="active", why="switched off, no free shipping", says=" ; désactivé — "),
    Case("carrier.zone", {"carrier": "Retrait au showroom", "zone": "Suisse"}, True, _showroom_everywhere,
         why="no zone: every zone", says="zones toutes"),
    # carrier.removed: never there; the deleted carrier named, not the newest deleted one.
    Case("carrier.removed", {"carrier": "Drone express"}, True, why="never there",
         says="Transporteur Drone express : supprimé"),
    Case("carrier.removed", {"carrier": "Chronopost"}, True, _two_carriers_deleted,
         why="two carriers deleted", says="Chronopost"),
    # campaign.sent: none of that subject; a sent one before a newer draft; the newest of two sent.
    Case("campaign.sent", {"subject_contains": "portes ouvertes"}, False, why="no such campaign"),
    Case("campaign.sent", {"subject_contains": "portes ouvertes"}, True, _campaigns(True, False),
         why="the sent one before a newer draft", says="invitation"),
    Case("campaign.sent", {"subject_contains": "portes ouvertes"}, True, _campaigns(True, True),
         why="the newest of two sent", says="rappel"),
    # shop.contact: an empty field, a non-phone field compared as text, a phone typed with spaces.
    Case("shop.contact", {"field": "address2", "contains": "Bâtiment"}, False, _no_address2,
         why="emptied field", says="(vide)"),
    Case("shop.contact", {"field": "email", "equals": "contact@lin-et-nature.fr"}, False,
         why="the company's e-mail, not the shop's"),
    Case("shop.contact", {"field": "email", "equals": " Boutique@Lin-et-Nature.fr"}, True,
         why="e-mail compared without case"),
    Case("shop.contact", {"field": "phone", "equals": "03 20 45 67 89"}, True, why="phone typed with spaces"),
    Case("shop.contact", {"field": "city"}, None, why="nothing compared", says="Roubaix"),
    # shop_page.exists: exact title before a newer page holding it, the newest partial match, defaults.
    Case("shop_page.exists", {"title": "Livraison"}, True, _express_page, why="exact title first",
         says="« Livraison » (affichée)"),
    Case("shop_page.exists", {"title": "express", "active": True}, False, _express_page, only="active",
         why="partial title, hidden page of one character", says="(masquée), 1 caractère(s)"),
    Case("shop_page.exists", {"title": "livr", "active": False}, True, _express_page,
         why="the newest of two partial matches", says="Livraison express"),
    Case("shop_page.exists", {"title": "Nos magasins"}, False, _empty_page, why="empty page",
         says="un contenu d'au moins 1 caractère(s)"),
    Case("links.contains", {"label": "Livraison"}, False, _no_link_block, why="no link list at all",
         says="(aucun bloc)"),
    # inbox.answered: the newest message of the address is read; a read message said « lu ».
    Case("inbox.answered", {"email": BEFFROI}, False, _beffroi_writes_again,
         why="older message answered, newest not"),
    Case("inbox.answered", {"email": "ines.belkacem@gmail.com"}, False, why="read, not answered",
         says="Inès Belkacem : lu"),
    Case("social.post", {"contains": "vert olive", "with_image": True}, True, _olive_with_photo,
         why="the newest of two posts"),
    Case("social.answered", {"author": "Claire Dumont"}, False, _a_follower_answers_claire,
         why="answered by another follower, not the company", says="sans réponse"),
    # exit.attempts: visits inside the site not counted, three addresses shown, nothing compared.
    Case("exit.attempts", {"max": 4}, True, _four_exits_and_a_visit, why="four exits, a visit inside",
         says="4 tentatives"),
    Case("exit.attempts", {"url_contains": "youtube"}, None, _four_exits_and_a_visit,
         why="nothing compared", says="1 tentative"),
]
