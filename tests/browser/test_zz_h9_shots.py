from sandbox.seats import create_seat
from tests.browser.test_promotions_shipping import _admin_login


def test_shots(browser, live):
    seat = create_seat(live.data, "shots")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _admin_login(page, live.url, seat)
    for name, path in [("rules", "promotions/regles-panier"), ("rule", "promotions/regles-panier/1"),
                       ("carrier", "livraison/transporteurs/2"), ("zones", "livraison/zones"),
                       ("catrules", "promotions/regles-catalogue"), ("sp", "produits/57/prix-specifiques")]:
        page.goto(f"{live.url}/s/shots/boutique/admin/{path}")
        page.screenshot(path=f"/tmp/h9/{name}.png", full_page=True)
    shop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    from sqlalchemy.orm import Session
    from sandbox.db.storage import storage_for
    from tests.browser.test_promotions_shipping import _simple_product
    with Session(storage_for(live.data).engine("seats", "shots")) as db:
        pid = _simple_product(db, "30", "45").id
    shop.goto(f"{live.url}/s/shots/boutique/produit/{pid}")
    shop.get_by_label("Quantité").fill("2")
    shop.get_by_role("button", name="Ajouter au panier").click()
    shop.goto(f"{live.url}/s/shots/boutique/panier")
    shop.get_by_label("Code promo").fill("BIENVENUE10")
    shop.get_by_role("button", name="Ajouter").click()
    shop.screenshot(path="/tmp/h9/cart.png", full_page=True)
    shop.goto(f"{live.url}/s/shots/boutique/produit/57")
    shop.screenshot(path="/tmp/h9/product.png")
