"""What a pack may contain, checked the same way for folders and archives.

A pack comes from outside (a USB key, an e-mail, a colleague's folder): nothing in it may make the
server read a file that is not part of it. A symlink to the data folder's ``secret_key`` would show
the key to candidates on the « Sujet » page or the public FAQ; a path such as ``../secret.md`` would
do the same without any link; a named pipe would hang the server. Archives refuse links and special
entries by their type and unsafe names before extraction; folders are walked without following links.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sandbox.packs.errors import PackProblem

LINK = "lien symbolique refusé : un pack ne peut pas pointer vers un autre fichier de la machine"
SPECIAL = "fichier spécial refusé (tube, périphérique, socket) : un pack ne contient que des fichiers"
OUTSIDE = "chemin hors du dossier du pack refusé"
FIX = "remplacez-le par une copie du fichier, placée dans le dossier du pack"
OUTSIDE_FIX = "placez le fichier dans le dossier du pack et écrivez son chemin à partir de ce dossier"


def unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters, backslashes, control characters or « .. » parts (zip-slip)."""
    parts = [p for p in name.split("/") if p not in ("", ".")]
    return (name.startswith("/") or "\\" in name or ":" in name or any(ord(c) < 32 for c in name)
            or ".." in parts or not parts)


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISLNK(mode):
        return LINK
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return SPECIAL
    return None


def entry_problem(root: Path, rel: str) -> PackProblem | None:
    """Why the pack file ``rel`` must not be read (path leaving the pack, link, special file), or None."""
    if unsafe_name(rel):
        return PackProblem(rel, "", OUTSIDE, OUTSIDE_FIX)
    current = Path(root)
    for part in (p for p in rel.split("/") if p not in ("", ".")):
        current = current / part
        try:
            problem = _kind_problem(current.lstat().st_mode)
        except OSError:
            return None  # missing: the caller says « introuvable »
        if problem:
            return PackProblem(rel, "", problem, FIX)
    if not current.resolve().is_relative_to(Path(root).resolve()):
        return PackProblem(rel, "", OUTSIDE, OUTSIDE_FIX)
    return None


def folder_problems(root: Path) -> list[PackProblem]:
    """Every link and special file of a pack folder (walked without following links), naming each one."""
    root = Path(root)
    problems = []
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            problem = _kind_problem(path.lstat().st_mode)
            if problem:
                problems.append(PackProblem(path.relative_to(root).as_posix(), "", problem, FIX))
    return problems
