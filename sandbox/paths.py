"""The data folder: the one place where templates, seats, archives and the grading database live.

It holds secrets (the session key, seat passwords, account hashes, marks), so the folder is created
for its owner only (0700) and files holding secrets are 0600 from the moment they exist: a chmod after
writing would leave a window where another account of the machine could read them.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

DEFAULT_DATA = "e5-data"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Resolve the data folder: --data, else $E5_DATA, else ./e5-data; created (0700) when missing."""
    path = Path(explicit or os.environ.get("E5_DATA") or DEFAULT_DATA).resolve()
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        path.chmod(PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    return path


def private_file(path: Path) -> Path:
    """Create the file when missing, readable by its owner only (before anything is written in it)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)
    return path


def write_private(path: Path, text: str) -> None:
    """Write a text file readable by its owner only, atomically (other processes never see half of it)."""
    path = Path(path)
    # Per process and thread: threads of one server writing the same file at once (a new data folder's
    # database.json on the first requests) must not share, and remove, one temporary file.
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(partial, PRIVATE_FILE)  # an older leftover of the same name kept its own mode
    os.replace(partial, path)
