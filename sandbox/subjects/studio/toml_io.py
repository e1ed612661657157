"""The studio's one TOML writer (tomli-w) and reader: every file of a draft goes through here."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import tomli_w


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def dumps(data: dict[str, Any]) -> str:
    """TOML text of a dict (long texts as multi-line strings, readable in a text editor)."""
    return tomli_w.dumps(data, multiline_strings=True)


def write_toml(path: Path, data: dict[str, Any]) -> None:
    """Write a TOML file atomically: a browser closing mid-write never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(dumps(data), encoding="utf-8")
    os.replace(tmp, path)
