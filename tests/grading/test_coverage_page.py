"""« Couverture » in the console: each feature id with its behaviour tests (found by reading tests/)."""

from __future__ import annotations

import re
from html import unescape

from grading.app import create_app
from tests.grading.conftest import console_login


def test_the_coverage_page_lists_the_behaviour_tests_of_each_feature(gdata, accounts):
    client = create_app(gdata, TESTING=True).test_client()
    console_login(client, *accounts["admin"][:2])
    page = unescape(client.get("/console/couverture").get_data(as_text=True))
    assert "83 fonctionnalités sur 83 ont au moins un test de comportement" in re.sub(r"\s+", " ", page)
    row = page.split('<tr id="B-MOD-6"', 1)[1].split("</tr>", 1)[0]
    assert "test_shop_modules_public.py::test_social_sharing_networks_chosen_are_the_buttons" in row
    assert "Tests de comportement" in page and 'class="badge badge--danger">aucun' not in page
