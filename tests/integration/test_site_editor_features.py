"""The article editor's gallery block, « Mettre en avant en haut du blog » and « Auteur », posted as the
editor form is and seen on the public site (S-CON-5, S-CON-8, S-USR-3)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from sqlalchemy import select

from sandbox.models import Media, Post, SiteUser
from tests.integration.shop_admin_helpers import form_values
from tests.integration.site_helpers import csrf_token, seat_db

ADMIN = "/s/{seat}/site/admin"


@pytest.fixture
def editor(client, seat):
    """A client logged into the seat's site back office as the candidate (administrator)."""
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/login").get_data(as_text=True)
    client.post(f"{base}/login", data={"csrf_token": csrf_token(page), "login": "candidat",
                                      "password": seat.password})
    return client


def _post_form(client, url: str, action: str, **changes):
    """Post the editor's form as the browser would (every field as shown), with some fields changed."""
    values = form_values(client.get(url).get_data(as_text=True), "post-form")
    values.update(changes, action=action)
    for name in [n for n, v in changes.items() if v is None]:  # an unticked box is not posted
        del values[name]
    response = client.post(url, data=values)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def _new_post(client, seat, data, title: str, **fields) -> Post:
    _post_form(client, f"{ADMIN.format(seat=seat.name)}/articles/nouveau", "publish", title=title, **fields)
    with seat_db(data, seat) as db:
        return db.scalar(select(Post).where(Post.title == title))


def _public(client, path: str) -> str:
    return unescape(client.get(path).get_data(as_text=True))


def _cards(client, path: str) -> list[str]:
    """The post cards of a blog page, in page order."""
    return re.findall(r'<article class="post-card[^"]*">.*?</article>', _public(client, path), re.S)


@pytest.mark.feature("S-CON-5")
def test_gallery_block_inserted_then_modified_shows_its_images_on_the_post(editor, seat, data):
    with seat_db(data, seat) as db:
        images = db.scalars(select(Media).where(Media.mime.like("image/%"), Media.alt != "")
                            .order_by(Media.id).limit(3)).all()
        alts = [m.alt for m in images]
    gallery = {"type": "gallery", "media_ids": [m.id for m in images[:2]], "columns": 2,
               "caption": "L'atelier"}
    post = _new_post(editor, seat, data, "Galerie de l'atelier", blocks=json.dumps([gallery]))
    public = _public(editor, f"/s/{seat.name}/site/blog/{post.slug}")
    shown = public.split('class="block-gallery columns-2"', 1)[1].split("</figure>\n", 1)[0]
    assert all(f'alt="{alt}"' in shown for alt in alts[:2]) and f'alt="{alts[2]}"' not in shown
    assert "<figcaption>L'atelier</figcaption>" in public

    gallery.update(media_ids=[images[2].id, images[0].id], columns=3)  # images changed, reordered
    edit = f"{ADMIN.format(seat=seat.name)}/articles/{post.id}"
    _post_form(editor, edit, "save", blocks=json.dumps([gallery]))
    public = _public(editor, f"/s/{seat.name}/site/blog/{post.slug}")
    shown = public.split('class="block-gallery columns-3"', 1)[1]
    assert shown.index(f'alt="{alts[2]}"') < shown.index(f'alt="{alts[0]}"')
    assert f'alt="{alts[1]}"' not in shown.split("</ul>", 1)[0]


@pytest.mark.feature("S-CON-8")
def test_a_post_put_forward_tops_the_blog_until_unticked(editor, seat, data):
    post = _new_post(editor, seat, data, "Épinglé par le candidat", sticky="y")
    with seat_db(data, seat) as db:  # the oldest post: only « mis en avant » can show it on the first page
        db.execute(Post.__table__.update().where(Post.id == post.id)
                   .values(published_at=post.published_at.replace(year=2001)))
        db.commit()
    cards = _cards(editor, f"/s/{seat.name}/site/blog")
    mine = [c for c in cards if "Épinglé par le candidat" in c]
    assert len(mine) == 1 and "Article mis en avant" in mine[0]
    assert all("Article mis en avant" in c for c in cards[:cards.index(mine[0])])  # only stickies above it
    _post_form(editor, f"{ADMIN.format(seat=seat.name)}/articles/{post.id}", "save", sticky=None)
    assert not any("Épinglé par le candidat" in c for c in _cards(editor, f"/s/{seat.name}/site/blog"))


@pytest.mark.feature("S-USR-3")
def test_the_author_chosen_in_the_editor_signs_the_public_post(editor, seat, data):
    post = _new_post(editor, seat, data, "Article à réattribuer")
    with seat_db(data, seat) as db:
        other = db.scalars(select(SiteUser).where(SiteUser.id != post.author_id,
                                                  SiteUser.role.in_(("author", "editor")))).first()
        before = db.get(SiteUser, post.author_id).display_name
    page = _public(editor, f"/s/{seat.name}/site/blog/{post.slug}")
    assert f'<span class="entry-author">{before}</span>' in page
    _post_form(editor, f"{ADMIN.format(seat=seat.name)}/articles/{post.id}", "save", author_id=str(other.id))
    page = _public(editor, f"/s/{seat.name}/site/blog/{post.slug}")
    assert f'<span class="entry-author">{other.display_name}</span>' in page
