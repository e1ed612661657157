"""The centre's address: what people type is accepted when it is an address, refused in French otherwise."""

from __future__ import annotations

import pytest

from sandbox.base_url import base_url, configured_base_url, is_loopback, normalise_base_url, save_base_url
from sandbox.services import ServiceError


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("http://192.168.1.10:8000/", "http://192.168.1.10:8000"),
        ("192.168.1.10:8000", "http://192.168.1.10:8000"),
        ("https://e5.lycee-moulin.fr/examen/", "https://e5.lycee-moulin.fr/examen"),
        ("  http://[fe80::1]:8000 ", "http://[fe80::1]:8000"),
    ],
)
def test_an_address_is_kept_without_its_trailing_slash(typed, kept):
    assert normalise_base_url(typed) == kept


@pytest.mark.parametrize("typed", ["", "ftp://serveur", "http://", "http://serveur:port", "http://a b", "http://x/?q=1"])
def test_what_is_not_an_address_is_refused_in_french(typed):
    with pytest.raises(ServiceError) as refused:
        normalise_base_url(typed)
    assert refused.value.field == "base_url" and "192.168.1.10:8000" in refused.value.message


def test_loopback_addresses():
    for url in ("http://127.0.0.1:8000", "http://127.1.2.3", "http://localhost:8000", "http://[::1]:8000"):
        assert is_loopback(url), url
    for url in ("http://192.168.1.10:8000", "http://serveur-e5:8000", "http://10.0.0.1"):
        assert not is_loopback(url), url


def test_saved_in_the_data_folder(tmp_path):
    assert configured_base_url(tmp_path) is None
    assert base_url(tmp_path, "http://10.0.0.2:8000/") == "http://10.0.0.2:8000"
    assert save_base_url(tmp_path, "10.0.0.5:8000") == "http://10.0.0.5:8000"
    assert configured_base_url(tmp_path) == base_url(tmp_path) == "http://10.0.0.5:8000"
