"""Absolute addresses on seat pages (RSS feeds) use the centre's configured address, else the request's."""

from __future__ import annotations

import re

from sandbox.base_url import save_base_url


def test_feed_links_use_the_centre_address_once_configured(client, data, seat):
    url = f"/s/{seat.name}/site/feed/"
    before = client.get(url).get_data(as_text=True)
    assert re.search(r"<link>http://localhost/s/poste-a/site/", before)
    save_base_url(data, "http://192.168.1.10:8000")
    after = client.get(url).get_data(as_text=True)
    assert re.search(r"<link>http://192\.168\.1\.10:8000/s/poste-a/site/", after)
    assert "http://localhost" not in after
