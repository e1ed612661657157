"""Check type media.focal_point (S-MED-2) on a seat database."""

from __future__ import annotations

from sandbox.clock import seat_now, seat_today
from sandbox.models import Media
from sandbox.subjects.observables import ObserveContext, observe, validate_observable
from tests.integration.shop_admin_helpers import seat_db


def _run(db, **params):
    entry = {"check": "media.focal_point", **params}
    clean, problems = validate_observable(entry, file="grid.toml", where="lines[0]", names={})
    assert problems == [], problems
    return observe(ObserveContext(db=db, objects={}, today=seat_today(db)), clean)


def test_media_focal_point(seat, data):
    with seat_db(data, seat.name) as db:
        db.add(Media(filename="affiche-salon.jpg", mime="image/jpeg", title="Affiche salon", size=1,
                     created_at=seat_now(db), data=b"x"))
        db.flush()
        centred = _run(db, filename_contains="affiche salon")
        assert centred.ok is False and "encore au centre" in centred.sentence
        media = db.query(Media).filter_by(filename="affiche-salon.jpg").one()
        media.focal_x, media.focal_y = 30, 75
        db.flush()
        assert _run(db, filename_contains="affiche").ok is True
        seen = _run(db, filename_contains="affiche", x=35, y=70)
        assert seen.ok is True and "30 % horizontal, 75 % vertical" in seen.sentence
        assert _run(db, filename_contains="affiche", y=20, tolerance=5).ok is False
        assert _run(db, filename_contains="introuvable").ok is False
