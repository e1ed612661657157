"""Build subject archives for tests: a pack folder zipped or tarred as a teacher would (one top folder)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path


def zip_pack(folder: Path, target: Path, top: str | None = None) -> Path:
    """Zip a pack folder under one top folder (its name by default), as « Compresser » does."""
    top = top if top is not None else folder.name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(
                    path,
                    f"{top}/{path.relative_to(folder).as_posix()}"
                    if top
                    else path.relative_to(folder).as_posix(),
                )
    return target


def tar_pack(folder: Path, target: Path) -> Path:
    """A .tar.gz of a pack folder under its own name."""
    with tarfile.open(target, "w:gz") as archive:
        archive.add(folder, arcname=folder.name)
    return target
