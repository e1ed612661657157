"""Subject pack archives (.zip, .tar.gz, .tgz, .tar): unpacked safely before the pack is checked.

An archive comes from a USB key or an e-mail, so nothing in it is trusted: paths leaving the folder
(zip-slip: ``../x``, ``/etc/x``, ``C:\\x``), links and special files, and absurd sizes (zip bombs) are
refused with a French problem naming the entry, before any byte is written outside a fresh folder.
The pack may sit at the root of the archive or in one folder (``ln-boutique-a/subject.toml``).
"""

from __future__ import annotations

import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.safety import unsafe_name

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".tar")
MAX_TOTAL = 200 * 1024**2  # a subject is texts and a few images: 200 Mo is already absurd
MAX_FILES = 2000
SKIPPED = ("__MACOSX",)  # folders that archivers add, not part of the pack
FIX = "refaites l'archive à partir du dossier du sujet (clic droit › Compresser), sans lien ni chemin absolu"


def is_archive(path: Path | str) -> bool:
    """Whether a file name is one of the archive formats a subject may come in."""
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def _refuse(label: str, problem: str, fix: str = FIX) -> PackError:
    return PackError([PackProblem(label, "", problem, fix)])


def _skipped(name: str) -> bool:
    return name.split("/", 1)[0] in SKIPPED


def _zip_entries(path: Path, label: str) -> Iterator[tuple[str, int, bool, Callable[[], IO[bytes]]]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(label, f"ce fichier n'est pas une archive zip lisible ({exc})") from exc
    with archive:
        for info in archive.infolist():
            mode = info.external_attr >> 16
            if mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise _refuse(info.filename, f"lien ou fichier spécial refusé dans l'archive {label}")
            yield info.filename, info.file_size, info.is_dir(), lambda i=info: archive.open(i)


def _tar_entries(path: Path, label: str) -> Iterator[tuple[str, int, bool, Callable[[], IO[bytes]]]]:
    try:
        archive = tarfile.open(path, mode="r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as exc:
        raise _refuse(label, f"ce fichier n'est pas une archive .tar.gz lisible ({exc})") from exc
    with archive:
        for member in archive:
            if not (member.isfile() or member.isdir()):
                raise _refuse(member.name, f"lien ou fichier spécial refusé dans l'archive {label}")
            yield member.name, member.size, member.isdir(), lambda m=member: archive.extractfile(m)


def _copy(source: IO[bytes], dest: Path, budget: int, label: str) -> int:
    """Copy one entry, counting the bytes really read (headers can lie about sizes)."""
    written = 0
    with dest.open("wb") as out:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            written += len(chunk)
            if written > budget:
                raise _refuse(
                    label, "archive anormalement volumineuse (plus de 200 Mo une fois décompressée)"
                )
            out.write(chunk)
    return written


def unpack(path: Path, target: Path) -> Path:
    """Unpack a subject archive into the empty folder ``target``; returns the folder holding subject.toml."""
    path, target = Path(path), Path(target)
    label = path.name
    if not is_archive(label):
        raise _refuse(
            label, "format de fichier non reconnu", "déposez une archive .zip ou .tar.gz du dossier du sujet"
        )
    entries = _zip_entries(path, label) if label.lower().endswith(".zip") else _tar_entries(path, label)
    target.mkdir(parents=True, exist_ok=True)
    root, total, count = target.resolve(), 0, 0
    for name, size, is_dir, opener in entries:
        if _skipped(name):
            continue
        if unsafe_name(name):
            raise _refuse(name, f"chemin interdit dans l'archive {label} (il sortirait du dossier du sujet)")
        dest = (root / name).resolve()
        if not dest.is_relative_to(root):
            raise _refuse(name, f"chemin interdit dans l'archive {label} (il sortirait du dossier du sujet)")
        count += 1
        if count > MAX_FILES or total + size > MAX_TOTAL:
            raise _refuse(label, f"archive anormalement volumineuse (plus de {MAX_FILES} fichiers ou 200 Mo)")
        if is_dir:
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        with opener() as source:
            total += _copy(source, dest, MAX_TOTAL - total, label)
    return pack_root(target, label)


def pack_root(folder: Path, label: str) -> Path:
    """The folder of the unpacked archive that holds subject.toml (the root, or its only sub-folder)."""
    if (folder / "subject.toml").is_file():
        return folder
    inner = [
        p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name not in SKIPPED
    ]
    if len(inner) == 1 and (inner[0] / "subject.toml").is_file():
        return inner[0]
    raise PackError(
        [
            PackProblem(
                "subject.toml",
                "",
                f"fichier introuvable dans l'archive {label}",
                "compressez le dossier du sujet lui-même (celui qui contient subject.toml)",
            )
        ]
    )
