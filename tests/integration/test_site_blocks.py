"""Site vitrine over HTTP: the /feed RSS of the posts, the media picker's thumbnails, the RSS and gallery
widgets (own feed listed, outside feed offline, images picked rather than typed), the seeded video."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sqlalchemy import select

from sandbox.models import Media, Widget
from tests.integration.site_helpers import add_post, csrf_token, seat_db
from tests.integration.test_site_admin import _login

ADMIN = "/s/{seat}/site/admin"


def test_the_site_publishes_its_posts_as_rss(client, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Fête du lin à Roubaix", "fete-du-lin", days=-1)
        add_post(db, "Brouillon secret", "brouillon", status="draft")
    response = client.get(f"/s/{seat.name}/site/feed/", base_url="http://examen.lycee.fr")
    assert response.status_code == 200 and response.mimetype == "application/rss+xml"
    channel = ET.fromstring(response.get_data()).find("channel")
    items = channel.findall("item")
    assert items[0].findtext("title") == "Fête du lin à Roubaix"
    assert items[0].findtext("link") == f"http://examen.lycee.fr/s/{seat.name}/site/blog/fete-du-lin"
    assert "Brouillon secret" not in response.get_data(as_text=True)
    home = client.get(f"/s/{seat.name}/site/").get_data(as_text=True)
    link = f'type="application/rss+xml" title="Lin &amp; Nature » Flux" href="/s/{seat.name}/site/feed/"'
    assert link in home


def test_media_picker_lists_thumbnails_filtered_by_type_and_words(client, seat):
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    images = client.get(f"{base}/medias/selecteur?accept=image").get_data(as_text=True)
    assert 'data-mime="image/' in images and "video/" not in images and "<img src=" in images
    videos = client.get(f"{base}/medias/selecteur?accept=image,video&type=video").get_data(as_text=True)
    assert "Visite de l&#39;atelier (vidéo)" in videos and 'data-mime="image/' not in videos
    found = client.get(f"{base}/medias/selecteur?accept=image&s=champ").get_data(as_text=True)
    assert "Champ de lin en fleur" in found and "Logo Lin" not in found
    assert "Aucun média ne correspond à « zzz »" in client.get(
        f"{base}/medias/selecteur?s=zzz").get_data(as_text=True)


def test_the_seeded_video_is_a_webm_file(client, data, seat):
    with seat_db(data, seat) as db:
        video = db.scalars(select(Media).where(Media.mime == "video/webm")).one()
        url = f"/s/{seat.name}/media/{video.id}/{video.filename}"
    body = client.get(url).get_data()
    assert body[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in body[:64]  # EBML header, DocType webm


def _add_widget(client, seat, **fields) -> None:
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/apparence/widgets").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "widget-area": "sidebar",
            **{f"widget-{k}": v for k, v in fields.items()}}
    response = client.post(f"{base}/apparence/widgets", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_rss_widget_lists_the_own_feed_and_shows_an_outside_feed_offline(client, data, seat):
    with seat_db(data, seat) as db:
        add_post(db, "Nouvelle collection", "nouvelle-collection", days=-1)
        db.query(Widget).delete()
    _login(client, seat)
    _add_widget(client, seat, kind="rss", title="Nos actualités", count="3")
    _add_widget(client, seat, kind="rss", title="La presse", url="https://presse.exemple.fr/feed")
    with seat_db(data, seat) as db:
        from sandbox.models import set_setting

        set_setting(db, "site.sidebar", "both")
    html = client.get(f"/s/{seat.name}/site/blog").get_data(as_text=True)
    assert "Nos actualités" in html and ">Nouvelle collection</a>" in html
    assert "S'abonner au flux RSS" in html
    assert "Flux RSS externe (presse.exemple.fr)" in html
    assert f'href="/s/{seat.name}/site/sortie?url=https://presse.exemple.fr/feed"' in html


def test_gallery_widget_takes_picked_images(client, data, seat):
    with seat_db(data, seat) as db:
        ids = list(db.scalars(select(Media.id).where(Media.mime.like("image/%")).order_by(Media.id).limit(2)))
        db.query(Widget).delete()
    _login(client, seat)
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/apparence/widgets").get_data(as_text=True)
    assert 'data-media="image"' in page and 'multiple' in page
    response = client.post(f"{base}/apparence/widgets", data={
        "csrf_token": csrf_token(page), "widget-area": "footer", "widget-kind": "gallery",
        "widget-media_ids": [str(i) for i in ids]})
    assert response.status_code == 302
    with seat_db(data, seat) as db:
        assert db.scalars(select(Widget)).one().config["media_ids"] == ids


def test_widget_summaries_say_the_feed_and_the_images_in_french(client, data, seat):
    from sandbox.models import ActivityEvent

    with seat_db(data, seat) as db:
        ids = list(db.scalars(select(Media.id).where(Media.title == "Champ de lin en fleur")))
        db.query(Widget).delete()
    _login(client, seat)
    _add_widget(client, seat, kind="rss", title="La presse", url="https://presse.exemple.fr/feed")
    _add_widget(client, seat, kind="gallery", media_ids=[str(ids[0])])
    with seat_db(data, seat) as db:
        rss = db.scalars(select(Widget).where(Widget.kind == "rss")).one().id
    base = ADMIN.format(seat=seat.name)
    page = client.get(f"{base}/apparence/widgets/{rss}").get_data(as_text=True)
    client.post(f"{base}/apparence/widgets/{rss}", data={
        "csrf_token": csrf_token(page), "widget-title": "La presse", "widget-url": "", "widget-count": "4"})
    with seat_db(data, seat) as db:
        summaries = list(db.scalars(select(ActivityEvent.summary).order_by(ActivityEvent.id)))[-3:]
    assert summaries[0] == ("Widget « Flux RSS – La presse » (Colonne latérale) ajouté — adresse du flux : "
                            "« https://presse.exemple.fr/feed » (flux externe, affiché hors ligne)")
    assert summaries[1] == ("Widget « Galerie » (Colonne latérale) ajouté — images de la galerie : "
                            "1 image (Champ de lin en fleur)")
    assert summaries[2] == ("Widget « Flux RSS – La presse » (Colonne latérale) : nombre d'éléments : "
                            "(par défaut) → 4 ; adresse du flux : « https://presse.exemple.fr/feed » "
                            "(flux externe, affiché hors ligne) → flux de ce site")


def test_a_bad_embed_address_is_refused_in_french_and_the_content_kept(client, seat):
    import html as html_lib
    import json

    from tests.integration.test_site_admin import _save

    _login(client, seat)
    blocks = [{"type": "paragraph", "html": "Notre chaîne"}, {"type": "embed", "url": "youtube linetnature"}]
    response = _save(client, seat, f"{ADMIN.format(seat=seat.name)}/articles/nouveau",
                     title="Vidéos", blocks=json.dumps(blocks))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bloc « Contenu embarqué » : collez l&#39;adresse complète du contenu à embarquer" in page
    hidden = re.search(r'<input[^>]*id="blocks"[^>]*value="([^"]*)"', page).group(1)
    kept = json.loads(html_lib.unescape(hidden))
    assert kept[1]["url"] == "youtube linetnature"  # the editor reloads what was typed


def test_media_picker_answers_by_ids_for_the_current_choice(client, data, seat):
    with seat_db(data, seat) as db:
        logo = db.scalars(select(Media).where(Media.filename == "logo-lin-et-nature.png")).one()
    _login(client, seat)
    page = client.get(f"{ADMIN.format(seat=seat.name)}/medias/selecteur?ids={logo.id}").get_data(as_text=True)
    assert page.count('class="picker-item"') == 1 and "logo-lin-et-nature.png" in page
