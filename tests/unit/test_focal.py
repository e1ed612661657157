"""Focal point and crop (S-MED-2): the style is built from integers and a closed list only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sandbox.content.block_schema import validate_block
from sandbox.content.blocks import RenderContext, render_block
from sandbox.content.focal import focal_position, focal_style, percent

PHOTO = SimpleNamespace(id=7, filename="lin.jpg", mime="image/jpeg", alt="Drap", width=800, height=600,
                        focal_x=20, focal_y=80)


def _ctx(media=PHOTO) -> RenderContext:
    return RenderContext(media={7: media}.get, media_url=lambda m: f"/media/{m.id}/{m.filename}")


def test_style_from_integers_and_closed_ratios():
    assert focal_style(PHOTO) == "object-fit: cover; object-position: 20% 80%;"
    assert focal_style(PHOTO, "16:9").startswith("aspect-ratio: 16 / 9; width: 100%; object-fit: cover;")
    assert focal_style(PHOTO, "3:1") == focal_style(PHOTO)  # unknown ratio: no crop
    assert focal_position(SimpleNamespace()) == (50, 50)


@pytest.mark.parametrize("value, expected", [
    (None, 50), ("", 50), ("abc", 50), ("10%; background:url(x)", 50), ("50) ; }</style>", 50),
    (True, 50), (-5, 0), (250, 100), ("33", 33), (12.9, 12),
])
def test_hostile_percentages_become_integers(value, expected):
    assert percent(value) == expected
    media = SimpleNamespace(focal_x=value, focal_y=value)
    assert focal_style(media) == f"object-fit: cover; object-position: {expected}% {expected}%;"


def test_image_block_crop_is_validated_and_rendered():
    block = validate_block({"type": "image", "media_id": 7, "crop": "4:3"})
    assert block["crop"] == "4:3"
    assert validate_block({"type": "image", "media_id": 7, "crop": "1:1;color:red"})["crop"] == ""
    html = str(render_block(block, _ctx()))
    assert 'style="aspect-ratio: 4 / 3; width: 100%; object-fit: cover; object-position: 20% 80%;"' in html
    assert "is-cropped" in html
    plain = str(render_block({"type": "image", "media_id": 7}, _ctx()))
    assert "style=" not in plain


def test_hostile_stored_values_never_reach_the_style():
    evil = SimpleNamespace(**{**vars(PHOTO), "focal_x": '1%" onerror="alert(1)', "focal_y": "</style>"})
    html = str(render_block({"type": "image", "media_id": 7, "crop": '16:9" onload="x'}, _ctx(evil)))
    assert "onerror" not in html and "onload" not in html and "style=" not in html
    cover = str(render_block({"type": "cover", "title": "Soldes", "media_id": 7}, _ctx(evil)))
    assert 'style="object-fit: cover; object-position: 50% 50%;"' in cover and "onerror" not in cover


def test_cover_uses_the_focal_point():
    html = str(render_block({"type": "cover", "title": "Soldes", "media_id": 7}, _ctx()))
    assert "object-position: 20% 80%" in html
