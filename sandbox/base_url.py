"""The centre's address, as the candidates' PCs reach the server: kept in the data folder (`centre.json`).

Set with `e5 --base-url URL` or by the administrator in the console settings; every printed address (seat
cards, examiner sheet, class code page, CLI output) is built from it, never from the Host header of
whoever prints.
"""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from sandbox.services import ServiceError

FILE = "centre.json"
DEFAULT = "http://127.0.0.1:8000"
EXAMPLE = "http://192.168.1.10:8000"


def normalise_base_url(raw: str | None) -> str:
    """The address without trailing slash; ServiceError (French, field base_url) when it is not one."""
    text = (raw or "").strip()
    if not text:
        raise ServiceError(f"Indiquez l'adresse du serveur (exemple : {EXAMPLE}).", "base_url")
    if "://" not in text:
        text = "http://" + text  # « 192.168.1.10:8000 » is what people type
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise ServiceError(f"Adresse invalide : « {raw} » (exemple : {EXAMPLE}).", "base_url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServiceError(
            f"Adresse invalide : « {raw} ». Elle commence par http:// ou https:// suivi du nom ou de "
            f"l'adresse IP du serveur (exemple : {EXAMPLE}).",
            "base_url",
        )
    if parts.query or parts.fragment or " " in text:
        raise ServiceError(f"Adresse invalide : « {raw} » (exemple : {EXAMPLE}).", "base_url")
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


_read: dict[str, tuple[tuple[int, int, int], str | None]] = {}  # file → (its stat, the address)


def configured_base_url(data: Path) -> str | None:
    """The address saved in the data folder, or None when the centre has not set one."""
    path = f"{data}/{FILE}"
    try:
        stat = os.stat(path)
    except OSError:
        return None
    # Read on every response (cookie policy, public pages): parsed again only when the file was replaced.
    signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    known = _read.get(path)
    if known is None or known[0] != signature:
        try:
            value = json.loads(Path(path).read_text(encoding="utf-8")).get("base_url")
        except (OSError, ValueError, AttributeError):
            return None
        known = _read[path] = (signature, value or None)
    return known[1]


def save_base_url(data: Path, raw: str) -> str:
    """Check and save the centre's address (atomically: several server processes read it)."""
    url = normalise_base_url(raw)
    path = Path(data) / FILE
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    settings["base_url"] = url
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return url


def base_url(data: Path, fallback: str = DEFAULT) -> str:
    """The configured address, else the fallback (the address the server listens on)."""
    return configured_base_url(data) or fallback.rstrip("/")


def is_loopback(url: str) -> bool:
    """Whether the address only works on the server itself (localhost, 127.x, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
