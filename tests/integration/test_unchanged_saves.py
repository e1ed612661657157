"""A back-office form saved without any change adds no activity event (the console shows only real work)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from sandbox.models import ActivityEvent
from tests.integration.shop_admin_helpers import csrf_token, form_values, seat_db
from tests.integration.shop_admin_helpers import login as shop_login

SITE = "/s/{seat}/site/admin"
SHOP = "/s/{seat}/boutique/admin"
# A screen is its address, or (its address, where its form posts) for the customizer's sections.
CUSTOMIZER = ("identity", "header", "home", "layout", "social")
SITE_SCREENS = ["/reglages/lecture", "/reglages/discussion", "/categories/1", "/etiquettes/1", "/medias/1",
                "/utilisateurs/2", "/apparence/widgets/4", "/apparence/fenetres/1", "/pages/21",
                "/articles/1", "/reglages/general",
                *(("/apparence", f"/apparence/{part}") for part in CUSTOMIZER)]
MODULES = ("featured", "carousel", "text_block", "reassurance", "social_sharing",
           "product_comments", "cheque")
SHOP_SCREENS = ["/produits/1", "/categories/3", "/marques/1", "/clients/1/modifier", "/clients/groupes/1",
                "/livraison/transporteurs/1", "/livraison/zones/1", "/parametres/produits",
                "/parametres/commandes", "/paiement/virement", "/paiement/preferences", "/equipe/profils/2",
                "/apparence/pages/1", *(f"/modules/{code}/configurer" for code in MODULES)]
FORM = re.compile(r"<form\b[^>]*>", re.S)


def _edit_form(html: str, path: str) -> dict:
    """The values of the page's own save form (method post, posting to the page itself)."""
    for match in FORM.finditer(html):
        tag = match.group(0)
        action = re.search(r'action="([^"]*)"', tag)
        if "post" in tag.lower() and (action is None or action.group(1) in ("", path)):
            return form_values(html[match.start():])
    raise AssertionError(f"no save form on {path}")


def _events(data, seat) -> int:
    with seat_db(data, seat.name) as db:
        return db.scalar(select(func.count()).select_from(ActivityEvent))


def _site_login(client, seat):
    base = SITE.format(seat=seat.name)
    page = client.get(f"{base}/login").get_data(as_text=True)
    client.post(f"{base}/login", data={"csrf_token": csrf_token(page), "login": "candidat",
                                       "password": seat.password})


@pytest.mark.parametrize("side", ["site", "shop"])
def test_saving_a_form_unchanged_records_nothing(client, seat, data, side):
    base, screens = (SITE, SITE_SCREENS) if side == "site" else (SHOP, SHOP_SCREENS)
    _site_login(client, seat) if side == "site" else shop_login(client, seat)
    noisy, refused = [], []
    for screen in screens:
        screen, target = screen if isinstance(screen, tuple) else (screen, screen)
        path, target = base.format(seat=seat.name) + screen, base.format(seat=seat.name) + target
        page = client.get(path)
        assert page.status_code == 200, path
        before = _events(data, seat)
        response = client.post(target, data=_edit_form(page.get_data(as_text=True), target))
        # A redirect is how these screens say « enregistré » (a refused form comes back with 200).
        if response.status_code not in (302, 303):
            refused.append(target)
        if _events(data, seat) != before:
            with seat_db(data, seat.name) as db:
                added = db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id.desc())
                                   .limit(_events(data, seat) - before))
                noisy.append((target, list(added)))
    assert not refused, f"saved unchanged, these forms were refused: {refused}"
    assert not noisy, "\n".join(f"{s}: {e}" for s, e in noisy)
