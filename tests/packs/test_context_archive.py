"""Archives: deterministic bytes, checksums, refusal of tampered archives, safe extraction."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from sandbox.packs.archive import build_archive, content_checksum, extract_archive, verify_archive
from sandbox.packs.context import load_context
from sandbox.packs.errors import PackError
from tests.conftest import DEFAULT_CONTEXT


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The default pack built once for this module."""
    return build_archive(DEFAULT_CONTEXT, tmp_path_factory.mktemp("archive"))


def first_csv(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return next(n for n in zf.namelist() if n.endswith(".csv"))


def rewrite(source: Path, target: Path, change=None, drop=(), add=None) -> Path:
    """Copy an archive entry by entry, editing it the way a person with a zip tool would."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = src.read(info)
            if change and info.filename in change:
                data = change[info.filename](data)
            dst.writestr(info, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return target


def refusal(path: Path) -> list:
    with pytest.raises(PackError) as caught:
        verify_archive(path)
    return caught.value.problems


def test_archive_is_named_versioned_and_deterministic(archive, tmp_path):
    assert archive.name == "lin-et-nature-1.0.0.e5ctx"
    again = build_archive(DEFAULT_CONTEXT, tmp_path / "again.e5ctx")
    assert again.read_bytes() == archive.read_bytes()
    info = verify_archive(archive)
    assert info.id == "lin-et-nature" and info.version == "1.0.0"
    assert info.sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert info.content_checksum == content_checksum(DEFAULT_CONTEXT)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        checksums = zf.read("CHECKSUMS").decode()
    assert names[:2] == ["PACK", "CHECKSUMS"] and names[2:] == sorted(names[2:])
    assert "context.toml" in names
    assert len(checksums.splitlines()) == info.files == len(names) - 2


def test_archive_loads_like_the_folder(archive):
    with load_context(archive) as pack:
        extracted = pack.reader.root
        assert pack.archive == archive and pack.id == "lin-et-nature"
        assert content_checksum(extracted) == content_checksum(DEFAULT_CONTEXT)
    assert not extracted.exists()  # the temporary extraction is removed


def test_one_changed_byte_is_refused_naming_the_file(archive, tmp_path):
    name = first_csv(archive)
    # A naive edit: the zip is valid, only the sha256 tells.
    edited = rewrite(archive, tmp_path / "edited.e5ctx", change={name: lambda d: d[:-2] + b"9" + d[-1:]})
    [problem] = refusal(edited)
    assert problem.file == name and "empreinte" in problem.problem
    assert name in str(PackError([problem]))
    # Corruption on disk: one byte flipped in place (the zip's own CRC catches it first).
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(name)
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 1
    raw[offset] ^= 0x01
    corrupted = tmp_path / "corrupted.e5ctx"
    corrupted.write_bytes(bytes(raw))
    [problem] = refusal(corrupted)
    assert problem.file == name


def test_added_and_removed_files_are_refused(archive, tmp_path):
    name = first_csv(archive)
    added = rewrite(archive, tmp_path / "added.e5ctx", add={"texts/intrus.md": b"# Intrus\n"})
    [problem] = refusal(added)
    assert problem.file == "texts/intrus.md" and "ajouté" in problem.problem
    removed = rewrite(archive, tmp_path / "removed.e5ctx", drop={name})
    [problem] = refusal(removed)
    assert problem.file == name and "manquant" in problem.problem


def test_edited_checksums_are_refused(archive, tmp_path):
    name = first_csv(archive)
    with zipfile.ZipFile(archive) as zf:
        data = zf.read(name) + b"\n"
    forged_line = f"{hashlib.sha256(data).hexdigest()}  {name}".encode()

    def forge(checksums: bytes) -> bytes:
        suffix = b"  " + name.encode()
        lines = [forged_line if line.endswith(suffix) else line for line in checksums.splitlines()]
        return b"\n".join(lines) + b"\n"

    change = {name: lambda d: d + b"\n", "CHECKSUMS": forge}
    forged = rewrite(archive, tmp_path / "forged.e5ctx", change=change)
    problems = refusal(forged)
    assert [p.file for p in problems] == ["CHECKSUMS"]
    assert "modifiée" in problems[0].problem


def test_not_an_archive_and_missing_headers(tmp_path):
    junk = tmp_path / "junk.e5ctx"
    junk.write_bytes(b"not a zip at all")
    [problem] = refusal(junk)
    assert problem.file == "junk.e5ctx"
    bare = tmp_path / "bare.e5ctx"
    with zipfile.ZipFile(bare, "w") as zf:
        zf.writestr("context.toml", "")
    assert {p.file for p in refusal(bare)} == {"PACK", "CHECKSUMS"}


def test_extraction_never_writes_outside_the_target(archive, tmp_path):
    evil = rewrite(archive, tmp_path / "evil.e5ctx", add={"../evil.txt": b"x", "/abs.txt": b"x"})
    target = tmp_path / "out" / "pack"
    with pytest.raises(PackError) as caught:
        extract_archive(evil, target)
    assert {"../evil.txt", "/abs.txt"} <= {p.file for p in caught.value.problems}
    assert not (tmp_path / "out" / "evil.txt").exists()
    assert not Path("/abs.txt").exists()


def test_build_refuses_an_invalid_pack(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "context.toml").write_text('[context]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(PackError) as caught:
        build_archive(tmp_path / "pack", tmp_path)
    assert any(p.field == "context.version" for p in caught.value.problems)
    assert not list(tmp_path.glob("*.e5ctx"))
