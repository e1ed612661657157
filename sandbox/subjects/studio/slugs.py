"""Names for recorded entries: « a-z0-9-_ », 1 to 40 characters, as changes.toml wants them."""

from __future__ import annotations

import re

from sandbox.subjects.changes import NAME


def slug(value: str, fallback: str) -> str:
    """A name made from ``value`` (« Linge de table » → « linge-de-table »), else ``fallback``."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40].strip("-")
    return slug if slug and NAME.match(slug) else fallback
