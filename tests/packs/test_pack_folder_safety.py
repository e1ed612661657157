"""Pack folders are read like archives: no link, no special file, nothing outside the pack folder.

A subject annex or a context page that is a symlink to the data folder's ``secret_key`` used to be
shown to candidates (on the « Sujet » page, on the public FAQ).
"""

from __future__ import annotations

import os
import shutil

import pytest

from sandbox.packs.context import check_context, load_context
from sandbox.packs.errors import PackError
from sandbox.subjects.pack import check_subject
from sandbox.subjects.prepare import prepare_subject
from tests.conftest import DEFAULT_CONTEXT
from tests.subjects.conftest import EXAM_DAY, SUBJECTS, edit

SECRET = "0123456789abcdef" * 4


@pytest.fixture
def secret(data):
    """The data folder's session key, as the server writes it."""
    path = data / "secret_key"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def pack_copy(tmp_path):
    """A copy of the shipped subject A, to break."""
    return lambda: shutil.copytree(SUBJECTS / "ln-boutique-a", tmp_path / "packs" / "ln-boutique-a")


def _refused(data, folder, *expected: str) -> str:
    """Check and prepare both refuse the subject; every expected piece is in the messages."""
    messages = "\n".join(str(p) for p in check_subject(folder, data))
    for piece in expected:
        assert piece in messages, f"{piece!r} not in {messages}"
    with pytest.raises(PackError):
        prepare_subject(data, folder, EXAM_DAY)
    return messages


def test_subject_annex_symlink_is_refused(data, secret, pack_copy):
    folder = pack_copy()
    annex = folder / "annexes" / "annexe-1.md"
    annex.unlink()
    annex.symlink_to(secret)
    messages = _refused(data, folder, "annexes/annexe-1.md", "lien symbolique")
    assert SECRET not in messages


def test_subject_folder_symlink_is_refused(data, secret, pack_copy):
    folder = pack_copy()
    outside = folder.parent / "ailleurs"
    shutil.move(folder / "questions", outside)
    (folder / "questions").symlink_to(outside, target_is_directory=True)
    _refused(data, folder, "questions", "lien symbolique")


def test_subject_special_file_is_refused(data, pack_copy):
    folder = pack_copy()
    os.mkfifo(folder / "annexes" / "tube.md")
    _refused(data, folder, "annexes/tube.md", "fichier spécial")


def test_subject_path_leaving_the_pack_is_refused(data, pack_copy):
    folder = pack_copy()
    (folder.parent / "secret.md").write_text(f"La clé : {SECRET}", encoding="utf-8")
    edit(folder / "subject.toml", '"annexes/annexe-1.md"', '"../secret.md"')
    messages = _refused(data, folder, "../secret.md", "hors du dossier")
    assert SECRET not in messages


def test_context_page_symlink_is_refused(data, secret, tmp_path):
    folder = tmp_path / "lin-et-nature"
    shutil.copytree(DEFAULT_CONTEXT, folder)
    faq = folder / "texts" / "pages" / "faq.md"
    faq.unlink()
    faq.symlink_to(secret)
    messages = "\n".join(str(p) for p in check_context(folder))
    assert "texts/pages/faq.md" in messages and "lien symbolique" in messages
    with pytest.raises(PackError, match="faq.md"):
        load_context(folder)


def test_subject_image_announcing_huge_dimensions_is_refused(data, pack_copy):
    from tests.integration.test_bad_input import bomb_png

    folder = pack_copy()
    (folder / "files" / "bandeau-maison-flandre.jpg").write_bytes(bomb_png())
    _refused(data, folder, "files/bandeau-maison-flandre.jpg", "Image trop grande")
