"""Focal point of a media item over HTTP (S-MED-2): edit, refused values kept, public render."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from sandbox.clock import seat_today
from sandbox.models import Media
from sandbox.subjects.observables import ObserveContext, observe
from tests.integration.site_helpers import add_post, csrf_token, seat_db
from tests.integration.test_site_admin import ADMIN, _login


def _media(data, seat) -> int:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 50)).save(buffer, "PNG")
    with seat_db(data, seat) as db:
        media = Media(filename="vitrine-focale.png", mime="image/png", title="vitrine focale", size=10,
                      width=40, height=30, created_at=seat_today(db), data=buffer.getvalue())
        db.add(media)
        db.flush()
        return media.id


def _post(client, url: str, **fields):
    token = csrf_token(client.get(url).get_data(as_text=True))
    base = {"csrf_token": token, "alt": "Vitrine", "title": "Vitrine", "caption": "", "description": ""}
    return client.post(url, data={**base, **fields})


@pytest.mark.feature("S-MED-2")
def test_focal_point_edit_errors_and_public_render(client, seat, data):
    _login(client, seat)
    media_id = _media(data, seat)
    edit = f"{ADMIN.format(seat=seat.name)}/medias/{media_id}"
    page = client.get(edit).get_data(as_text=True)
    assert "Point focal horizontal (%)" in page and "Point focal vertical (%)" in page
    assert 'name="focal_x" type="text" value="50"' in page or 'value="50"' in page

    bad = _post(client, edit, focal_x="150", focal_y="abc")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "Le point focal horizontal doit être un nombre entier entre 0 et 100" in html
    assert 'value="150"' in html and 'value="abc"' in html
    with seat_db(data, seat) as db:
        assert (db.get(Media, media_id).focal_x, db.get(Media, media_id).alt) == (50, "")

    ok = _post(client, edit, focal_x="25", focal_y="70")
    assert ok.status_code == 302
    with seat_db(data, seat) as db:
        assert (db.get(Media, media_id).focal_x, db.get(Media, media_id).focal_y) == (25, 70)
        add_post(db, "Vitrine recadrée", "vitrine-recadree", blocks=[
            {"type": "image", "media_id": media_id, "crop": "16:9"},
            {"type": "cover", "title": "Bannière", "media_id": media_id},
        ])
        ctx = ObserveContext(db=db, objects={}, today=seat_today(db))
        params = {"filename_contains": "focale", "x": 25, "y": 70}
        seen = observe(ctx, {"check": "media.focal_point", "params": params})
        assert seen.ok is True, seen
        far = observe(ctx, {"check": "media.focal_point", "params": {**params, "x": 80}})
        assert far.ok is False
    public = client.get(f"/s/{seat.name}/site/blog/vitrine-recadree").get_data(as_text=True)
    assert "aspect-ratio: 16 / 9; width: 100%; object-fit: cover; object-position: 25% 70%;" in public
    assert 'style="object-fit: cover; object-position: 25% 70%;"' in public
