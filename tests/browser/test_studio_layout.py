"""The studio editor fits a 1366 px window: the « Fonctionnalités » lists do not widen the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from grading.accounts import create_user
from tests.browser.conftest import console_login

TEACHER = ("prof-mise-en-page", "mise-en-page-2027")


@pytest.fixture(scope="module")
def teacher(live):
    create_user(live.data, TEACHER[0], TEACHER[1], "teacher", "M. Largeur")
    return TEACHER


def test_feature_lists_fit_the_window(page: Page, live, teacher):
    page.set_viewport_size({"width": 1366, "height": 768})
    console_login(page, live, teacher)
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Sujets", exact=True).click()
    page.get_by_label("Site du sujet").select_option(label="Boutique en ligne")
    page.get_by_role("button", name="Nouveau sujet").click()
    features = page.get_by_label("Fonctionnalités de la question 1")
    expect(features).to_be_visible()
    box = features.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    features.select_option(["B-CAT-1", "B-CAT-5"])  # still a usable list: two features chosen
    assert features.evaluate("s => [...s.selectedOptions].map(o => o.value)") == ["B-CAT-1", "B-CAT-5"]
