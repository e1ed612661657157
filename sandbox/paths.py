"""The data folder: the one place where templates, seats, archives and the grading database live."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA = "e5-data"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Resolve the data folder: --data, else $E5_DATA, else ./e5-data; created when missing."""
    path = Path(explicit or os.environ.get("E5_DATA") or DEFAULT_DATA).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path
