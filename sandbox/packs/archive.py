"""Context pack archives (``<id>-<version>.e5ctx``): one deterministic file per pack version.

An archive is a zip holding the pack files, ``CHECKSUMS`` (sha256 of every file, one sorted line
each, the format of ``sha256sum``) and a ``PACK`` header recording the format, id, version and the
sha256 of ``CHECKSUMS`` itself. Entries are stored uncompressed, sorted, with fixed timestamps and
permissions, so the same pack gives the same bytes on every machine (deflate output differs between
zlib implementations, which would break that), and the archive's own sha256 can be published.

What the checks protect against: accidental corruption (a truncated download, a bad copy, a disk
error) and naive edits (someone opening the archive and changing, adding or removing a file, or
editing CHECKSUMS to match). They do NOT stop a determined forger, who can rewrite CHECKSUMS and
PACK consistently: there is no signature key infrastructure. Against that, compare the archive's
sha256 printed by ``e5 context build`` and ``e5 context install`` with the one the publisher gives.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sandbox.packs.context import ARCHIVE_SUFFIX, MANIFEST, check_context
from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.reader import PackReader
from sandbox.packs.safety import unsafe_name

ARCHIVE_FORMAT = 1
PACK_FILE = "PACK"
CHECKSUMS_FILE = "CHECKSUMS"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_TOTAL_SIZE = 4 * 1024**3  # refuse absurd archives (zip bombs) before writing anything
CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")
REFETCH = ("l'archive est abîmée ou a été modifiée : reprenez l'archive d'origine et comparez son empreinte "
           "sha256 avec celle publiée")


@dataclass(frozen=True)
class ArchiveInfo:
    """What a verified archive holds."""

    path: Path
    id: str
    version: str
    content_checksum: str
    sha256: str
    files: int


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pack_files(reader: PackReader) -> list[str]:
    """Files that make up a pack: everything but hidden files (.git, .DS_Store) and archive headers."""
    return [rel for rel in reader.files()
            if rel != PACK_FILE and not any(part.startswith(".") for part in rel.split("/"))]


def checksums_text(folder: Path) -> str:
    """The CHECKSUMS file of a pack folder: ``<sha256>  <path>`` per file, sorted by path."""
    reader = PackReader(Path(folder))
    return "".join(f"{sha256_file(reader.root / rel)}  {rel}\n" for rel in pack_files(reader))


def content_checksum(folder: Path) -> str:
    """Identity of a pack's content: sha256 of its CHECKSUMS (the same for a folder and its archive)."""
    return hashlib.sha256(checksums_text(folder).encode("utf-8")).hexdigest()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3  # the default depends on the OS building the archive
    info.external_attr = 0o100644 << 16
    return info


def build_archive(folder: Path, output: Path | None = None) -> Path:
    """Check a pack folder and write ``<id>-<version>.e5ctx`` (``output``: a .e5ctx file or a folder)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PackError([PackProblem(str(folder), "", "dossier introuvable",
                                     "indiquez le dossier du pack, par exemple contexts/lin-et-nature")])
    problems = check_context(folder)
    if problems:
        raise PackError(problems)
    ctx = PackReader(folder).toml(MANIFEST)["context"]
    name = f"{ctx['id']}-{ctx['version']}{ARCHIVE_SUFFIX}"
    # An output ending in .e5ctx is the file to write; anything else is the folder to write it in.
    target = Path(output) if output is not None else Path.cwd()
    if target.suffix != ARCHIVE_SUFFIX:
        target = target / name
    target.parent.mkdir(parents=True, exist_ok=True)
    checksums = checksums_text(folder)
    header = (f'# Archive de contexte E5 Sandbox : ne pas modifier.\nformat = {ARCHIVE_FORMAT}\n'
              f'id = "{ctx["id"]}"\nversion = "{ctx["version"]}"\n'
              f'checksums_sha256 = "{hashlib.sha256(checksums.encode("utf-8")).hexdigest()}"\n')
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w") as archive:
        archive.writestr(_entry(PACK_FILE), header.encode("utf-8"))
        archive.writestr(_entry(CHECKSUMS_FILE), checksums.encode("utf-8"))
        for line in checksums.splitlines():
            rel = line.split("  ", 1)[1]
            archive.writestr(_entry(rel), (folder / rel).read_bytes())
    os.replace(partial, target)
    return target


def _unsafe(name: str) -> bool:
    # Stricter than subject archives: this format is written by build_archive only, never « ./x ».
    return unsafe_name(name) or any(part in ("", ".") for part in name.split("/"))


def _read_header(archive: zipfile.ZipFile, label: str) -> tuple[dict, bytes]:
    names = set(archive.namelist())
    missing = [n for n in (PACK_FILE, CHECKSUMS_FILE) if n not in names]
    if missing:
        raise PackError([PackProblem(n, "", f"absent de l'archive {label}", REFETCH) for n in missing])
    try:
        header = tomllib.loads(archive.read(PACK_FILE).decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError([PackProblem(PACK_FILE, "", f"en-tête illisible ({exc})", REFETCH)]) from exc
    if header.get("format") != ARCHIVE_FORMAT:
        fmt = header.get("format")
        raise PackError([PackProblem(PACK_FILE, "format", f"format d'archive « {fmt} » inconnu",
                                     "mettez à jour E5 Sandbox ou reconstruisez l'archive")])
    return header, archive.read(CHECKSUMS_FILE)


def _expected(checksums: bytes, header: dict) -> tuple[dict[str, str], list[PackProblem]]:
    problems = []
    if hashlib.sha256(checksums).hexdigest() != header.get("checksums_sha256"):
        problems.append(PackProblem(CHECKSUMS_FILE, "", "la liste des empreintes ne correspond pas à "
                                    "l'en-tête PACK : elle a été modifiée", REFETCH))
    expected: dict[str, str] = {}
    for number, line in enumerate(checksums.decode("utf-8", "replace").splitlines(), start=1):
        match = CHECKSUM_LINE.match(line)
        if not match or _unsafe(match.group(2)):
            problems.append(PackProblem(CHECKSUMS_FILE, f"ligne {number}", "ligne illisible", REFETCH))
        else:
            expected[match.group(2)] = match.group(1)
    return expected, problems


def _copy_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path | None) -> str:
    """sha256 of one entry, written under ``target`` as it is read when a target is given."""
    digest = hashlib.sha256()
    out = None
    if target is not None:
        dest = (target / info.filename).resolve()
        if not dest.is_relative_to(target.resolve()):
            raise ValueError("chemin hors du dossier d'extraction")
        dest.parent.mkdir(parents=True, exist_ok=True)
        out = dest.open("wb")
    try:
        with archive.open(info) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest()


def _scan(path: Path, target: Path | None) -> ArchiveInfo:
    """Verify every entry against CHECKSUMS; with ``target``, also write the files there."""
    label = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError([PackProblem(label, "", "ce fichier n'est pas une archive de contexte lisible "
                                     f"({exc})", REFETCH)]) from exc
    with archive:
        header, checksums = _read_header(archive, label)
        expected, problems = _expected(checksums, header)
        headers = (PACK_FILE, CHECKSUMS_FILE)
        infos = [i for i in archive.infolist() if not i.is_dir() and i.filename not in headers]
        if sum(i.file_size for i in infos) > MAX_TOTAL_SIZE:
            raise PackError([PackProblem(label, "", "archive anormalement volumineuse", REFETCH)])
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if _unsafe(name) or name in seen:
                problems.append(PackProblem(name, "", "chemin interdit ou en double dans l'archive", REFETCH))
                continue
            seen.add(name)
            if name not in expected:
                problems.append(PackProblem(name, "", "fichier ajouté : absent de la liste CHECKSUMS",
                                            REFETCH))
                continue
            try:
                digest = _copy_entry(archive, info, target)
            except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as exc:
                problems.append(PackProblem(name, "", f"contenu illisible ({exc})", REFETCH))
                continue
            if digest != expected[name]:
                problems.append(PackProblem(name, "", "contenu modifié : son empreinte sha256 ne correspond "
                                            "pas à celle de CHECKSUMS", REFETCH))
        for name in sorted(set(expected) - seen):
            problems.append(PackProblem(name, "", "fichier manquant : listé dans CHECKSUMS mais absent de "
                                        "l'archive", REFETCH))
    if problems:
        raise PackError(problems)
    return ArchiveInfo(path=path, id=str(header.get("id", "")), version=str(header.get("version", "")),
                       content_checksum=hashlib.sha256(checksums).hexdigest(), sha256=sha256_file(path),
                       files=len(expected))


def verify_archive(path: Path) -> ArchiveInfo:
    """Check an archive against its CHECKSUMS and PACK header; PackError names every file that differs."""
    return _scan(Path(path), None)


def extract_archive(path: Path, target: Path) -> ArchiveInfo:
    """Verify an archive while extracting it into ``target`` (entry paths checked: nothing lands outside)."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    return _scan(Path(path), target)
