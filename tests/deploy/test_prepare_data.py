"""deploy/docker/prepare-data.sh, what the image runs when it is built and at every start (and compose's
« init »): a new folder gets the context and the subjects, a second run changes nothing, a new SQLite
volume starts from the folder prepared with the image."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sandbox.base_url import configured_base_url
from sandbox.subjects.prepare import list_prepared
from tests.conftest import copy_data, drop_data

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "docker" / "prepare-data.sh"
SUBJECTS = "subjects/ln-vitrine-b/ subjects/ln-vitrine-c/"

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="a POSIX shell runs the script")


def _prepare(data: Path, prepared: Path, **env) -> str:
    environment = {**os.environ, "E5_DATA": str(data), "E5_PREPARED": str(prepared), "E5_SUBJECTS": SUBJECTS,
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", **env}
    done = subprocess.run(["sh", str(SCRIPT)], cwd=ROOT, env=environment, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def image_folder(installed_data, tmp_path_factory):
    """What the image build makes (context already installed here: the fixture's copy saves its time)."""
    folder = copy_data(installed_data, tmp_path_factory.mktemp("image") / "e5-prepared")
    said = _prepare(folder, tmp_path_factory.mktemp("none") / "absent")
    assert all(f"Modèle préparé : subject-{id_}-" in said for id_ in ("ln-vitrine-b", "ln-vitrine-c"))
    assert "e5 seat create" not in said  # no command hint after each subject (seats come from the console)
    assert said.count("les postes se créent dans la console") == 1
    yield folder
    drop_data(folder)


def test_the_prepared_folder_has_the_subject_and_a_second_run_changes_nothing(image_folder, tmp_path):
    assert [info.subject for info in list_prepared(image_folder)] == ["ln-vitrine-b", "ln-vitrine-c"]
    assert not (image_folder / "secret_key").exists()  # never baked into an image
    said = _prepare(image_folder, tmp_path / "absent")
    assert "Modèle préparé" not in said and "installé" not in said and "Sujets prêts" not in said


@pytest.mark.skipif(bool(os.environ.get("E5_DATABASE")), reason="the copy is for the embedded SQLite engine")
def test_a_new_sqlite_volume_starts_from_the_image_folder(image_folder, tmp_path):
    volume = tmp_path / "data"
    volume.mkdir()
    said = _prepare(volume, image_folder, E5_BASE_URL="http://e5.lycee-exemple.fr")
    assert "modèles préparés avec l'image copiés" in said and "Modèle préparé" not in said
    assert [info.subject for info in list_prepared(volume)] == ["ln-vitrine-b", "ln-vitrine-c"]
    assert configured_base_url(volume) == "http://e5.lycee-exemple.fr"
