"""Issue 4 in a real browser: « Paiement » section — bank transfer details, methods switched, restrictions."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.seats import create_seat
from tests.browser.test_promotions_shipping import _admin_login, _new_customer, _observe, _simple_product

IBAN = "FR76 3000 6000 0112 3456 7890 189"


def test_paiement_wire_details_methods_and_restrictions(browser, live):
    seat = create_seat(live.data, "paiement-a")
    with Session(storage_for(live.data).engine("seats", seat.name)) as db:
        product_id = _simple_product(db, "20", "40").id

    candidate = browser.new_context().new_page()
    _admin_login(candidate, live.url, seat)
    candidate.get_by_role("link", name="Moyens de paiement").click()
    candidate.get_by_role("link", name="Configurer Virement bancaire").click()
    candidate.get_by_label("Titulaire du compte").fill("Lin et Nature SARL")
    candidate.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 180")
    candidate.get_by_label("BIC").fill("AGRIFRPP")
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.locator(".field--error")).to_contain_text("la clé de contrôle ne correspond pas")
    expect(candidate.get_by_label("IBAN")).to_have_value("FR76 3000 6000 0112 3456 7890 180")
    candidate.get_by_label("IBAN").fill(IBAN)
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_role("status")).to_contain_text("coordonnées bancaires du virement")
    candidate.get_by_role("button", name="Désactiver Chèque").click()
    expect(candidate.get_by_role("status")).to_contain_text("« Chèque » est désactivé")
    candidate.get_by_role("button", name="Désactiver Virement bancaire").click()
    expect(candidate.get_by_role("status")).to_contain_text("dernier moyen de paiement actif")
    candidate.get_by_role("link", name="Préférences", exact=True).click()
    candidate.get_by_label("Professionnels : Virement bancaire").uncheck()
    candidate.get_by_role("button", name="Enregistrer").click()
    expect(candidate.get_by_role("status")).to_contain_text("restrictions des moyens de paiement")

    customer = browser.new_context().new_page()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/produit/{product_id}")
    customer.get_by_role("button", name="Ajouter au panier").click()
    customer.goto(f"{live.url}/s/{seat.name}/boutique/commande")
    _new_customer(customer, "paul.virement@example.fr")
    customer.get_by_label("Adresse", exact=True).fill("5 rue du Lin")
    customer.get_by_label("Code postal").fill("59100")
    customer.get_by_label("Ville").fill("Roubaix")
    customer.get_by_role("button", name="Continuer").first.click()
    customer.get_by_role("button", name="Continuer").first.click()
    expect(customer.get_by_label("Payer par chèque")).to_have_count(0)
    customer.get_by_label("Payer par virement bancaire").check()
    customer.get_by_label("J'ai lu les conditions générales de vente et j'y adhère sans réserve").check()
    customer.get_by_role("button", name="Confirmer la commande").click()
    expect(customer.get_by_text(f"IBAN : {IBAN}")).to_be_visible()

    wire = _observe(live.data, seat.name, {"check": "payment.method", "method": "wire", "active": True,
                                           "owner": "Lin et Nature SARL", "iban": IBAN})
    assert wire.ok is True, wire.sentence
    cheque = _observe(live.data, seat.name, {"check": "payment.method", "method": "cheque", "active": False})
    assert cheque.ok is True, cheque.sentence
    pro = _observe(live.data, seat.name, {"check": "payment.restriction", "method": "wire",
                                          "group": "Professionnels", "allowed": False})
    assert pro.ok is True, pro.sentence
