"""Subject archives and the centre's library: safe unpacking, the same checks as `e5 subject check`."""

from __future__ import annotations

import tarfile
import zipfile

import pytest
from click.testing import CliRunner

from grading.cli import cli
from sandbox.packs.errors import PackError
from sandbox.subjects.archive import unpack
from sandbox.subjects.library import import_archive, library_subjects, prepare_from_library
from tests.subjects.archives import tar_pack, zip_pack
from tests.subjects.conftest import EXAM_DAY, edit


def _problems(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def _zip(path, entries: dict[str, bytes], mode: int | None = None):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name)
            if mode is not None:
                info.external_attr = mode << 16
            archive.writestr(info, content)
    return path


def test_zip_slip_paths_are_refused_and_nothing_lands_outside(tmp_path):
    for name in ("../evil.txt", "/etc/evil.txt", "pack/../../evil.txt", "C:\\evil.txt"):
        archive = _zip(tmp_path / "slip.zip", {"pack/subject.toml": b"", name: b"x"})
        with pytest.raises(PackError) as exc:
            unpack(archive, tmp_path / "out")
        assert any("chemin interdit" in m for m in _problems(exc)), name
    assert not (tmp_path / "evil.txt").exists()


def test_links_are_refused_in_zip_and_tar(tmp_path):
    archive = _zip(tmp_path / "link.zip", {"pack/lien": b"/etc/passwd"}, mode=0o120777)
    with pytest.raises(PackError) as exc:
        unpack(archive, tmp_path / "z")
    assert "pack/lien : lien ou fichier spécial refusé dans l'archive link.zip" in _problems(exc)[0]
    target = tmp_path / "link.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        info = tarfile.TarInfo("pack/lien")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    with pytest.raises(PackError) as exc:
        unpack(target, tmp_path / "t")
    assert "lien ou fichier spécial refusé" in _problems(exc)[0]


def test_absurd_sizes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("sandbox.subjects.archive.MAX_TOTAL", 1000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("pack/subject.toml", b"0" * 5000)  # compresses to a few bytes
    with pytest.raises(PackError) as exc:
        unpack(archive, tmp_path / "out")
    assert "archive anormalement volumineuse" in _problems(exc)[0]


def test_not_an_archive_and_no_subject_toml(tmp_path):
    bad = tmp_path / "sujet.zip"
    bad.write_bytes(b"pas un zip")
    with pytest.raises(PackError) as exc:
        unpack(bad, tmp_path / "a")
    assert "n'est pas une archive zip lisible" in _problems(exc)[0]
    empty = _zip(tmp_path / "vide.zip", {"notes/lisez-moi.txt": b"x"})
    with pytest.raises(PackError) as exc:
        unpack(empty, tmp_path / "b")
    assert _problems(exc)[0].startswith("subject.toml : fichier introuvable dans l'archive vide.zip")


def test_import_a_zip_and_a_tar_then_prepare(data, pack_copy, tmp_path):
    pack = pack_copy("ln-boutique-b")
    subject = import_archive(data, zip_pack(pack, tmp_path / "b.zip"), "b.zip")
    assert (subject.id, subject.shipped, subject.folder) == (
        "ln-boutique-b",
        False,
        data / "subjects" / "ln-boutique-b",
    )
    again = import_archive(data, tar_pack(pack, tmp_path / "b.tar.gz"), "b.tar.gz")  # replaces the first
    assert again.folder == subject.folder
    name, seconds = prepare_from_library(data, "ln-boutique-b", EXAM_DAY)
    assert name == "subject-ln-boutique-b-2027-05-20" and seconds > 0
    listed = {s.id: s for s in library_subjects(data)}
    assert listed["ln-boutique-b"].prepared_dates == [EXAM_DAY] and not listed["ln-boutique-b"].shipped
    assert listed["ln-boutique-a"].shipped and listed["ln-boutique-a"].prepared_dates == []


def test_a_broken_pack_is_not_stored(data, pack_copy, tmp_path):
    pack = pack_copy()
    edit(pack / "subject.toml", 'letter = "A"', 'letter = "a"')
    with pytest.raises(PackError) as exc:
        import_archive(data, zip_pack(pack, tmp_path / "a.zip"), "a.zip")
    assert any("subject.toml, champ « subject.letter »" in m for m in _problems(exc))
    assert not (data / "subjects").exists() or not any((data / "subjects").iterdir())


def test_cli_checks_and_prepares_a_zip(data, pack_copy, tmp_path):
    archive = zip_pack(pack_copy("ln-boutique-b"), tmp_path / "sujet-b.zip")
    checked = CliRunner().invoke(cli, ["--data", str(data), "subject", "check", str(archive)])
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("Sujet valide : ln-boutique-b")
    prepared = CliRunner().invoke(
        cli, ["--data", str(data), "subject", "prepare", str(archive), "--date", "2027-05-27"]
    )
    assert prepared.exit_code == 0, prepared.output
    assert "subject-ln-boutique-b-2027-05-27" in prepared.output
    assert (data / "subjects" / "ln-boutique-b" / "subject.toml").is_file()  # the library holds it now
    broken_zip = tmp_path / "casse.zip"
    broken_zip.write_bytes(b"PK pas vraiment un zip")
    refused = CliRunner().invoke(cli, ["--data", str(data), "subject", "check", str(broken_zip)])
    assert refused.exit_code == 1 and "n'est pas une archive zip lisible" in refused.output
