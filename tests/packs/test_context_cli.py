"""`e5 context check|build|install|list` through click's CliRunner: exit codes and French messages."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from sandbox.cli_context import context_group
from sandbox.db.dump import dump_digest
from sandbox.db.storage import storage_for
from tests.conftest import DEFAULT_CONTEXT


def run(args, data=None):
    result = CliRunner().invoke(context_group, [str(a) for a in args], obj={"data": data})
    # User errors end with exit code 1 and a message, never with a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def broken_pack(tmp_path):
    pack = tmp_path / "broken"
    shutil.copytree(DEFAULT_CONTEXT, pack)
    text = (pack / "context.toml").read_text(encoding="utf-8")
    (pack / "context.toml").write_text(text.replace('"2027-05-20"', '"2027-13-45"').replace(
        "[sizes]", "[sizes]\nproduits = 3"), encoding="utf-8")
    return pack


def test_check(broken_pack):
    result = run(["check", DEFAULT_CONTEXT])
    assert result.exit_code == 0
    assert "Pack valide : lin-et-nature 1.0.0" in result.stdout and "20/05/2027" in result.stdout
    result = run(["check", broken_pack])
    assert result.exit_code == 1
    assert "2 problèmes" in result.stderr
    assert "context.toml, champ « context.reference_date »" in result.stderr
    assert "AAAA-MM-JJ" in result.stderr
    assert "context.toml, champ « sizes.produits »" in result.stderr
    result = run(["check", broken_pack.parent / "absent"])
    assert result.exit_code == 1 and "ni dossier ni archive" in result.stderr


def test_build_then_check_and_install_the_archive(installed_data, tmp_path, broken_pack):
    result = run(["build", DEFAULT_CONTEXT, "-o", tmp_path / "dist"])
    assert result.exit_code == 0, result.output
    archive = tmp_path / "dist" / "lin-et-nature-1.0.0.e5ctx"
    assert f"Archive créée : {archive}" in result.stdout
    assert hashlib.sha256(archive.read_bytes()).hexdigest() in result.stdout
    assert run(["check", archive]).exit_code == 0

    data = tmp_path / "data"
    result = run(["install", archive], data)
    assert result.exit_code == 0, result.output
    assert "Modèle : context-lin-et-nature" in result.stdout
    assert "installé en" in result.stdout and "Empreinte sha256 de l'archive" in result.stdout
    assert "✓ Vérification du pack" in result.stderr  # one line per step when not on a terminal
    engine = storage_for(data).engine("templates", "context-lin-et-nature")
    reference = storage_for(installed_data).engine("templates", "context-lin-et-nature")
    assert dump_digest(engine) == dump_digest(reference)

    result = run(["list"], data)
    assert result.exit_code == 0
    assert "context-lin-et-nature" in result.stdout and "Version           : 1.0.0" in result.stdout
    assert "Date de référence : 20/05/2027" in result.stdout

    result = run(["build", broken_pack, "-o", tmp_path / "dist2"])
    assert result.exit_code == 1 and "context.reference_date" in result.stderr
    assert not (tmp_path / "dist2").exists()


def test_install_refuses_a_tampered_archive(tmp_path):
    archive = tmp_path / "lin-et-nature-1.0.0.e5ctx"
    run(["build", DEFAULT_CONTEXT, "-o", archive])
    raw = bytearray(archive.read_bytes())
    raw[raw.index(b"[context]") + 1] ^= 0x20  # "[context]" -> "[Context]" inside context.toml
    archive.write_bytes(bytes(raw))
    result = run(["install", archive], tmp_path / "data")
    assert result.exit_code == 1
    assert "context.toml" in result.stderr and "✗ Vérification du pack" in result.stderr
    assert not storage_for(tmp_path / "data").names("templates")


def test_missing_paths_get_a_french_message(tmp_path):
    for command in ("build", "install"):
        result = run([command, tmp_path / "absent"], tmp_path / "data")
        assert result.exit_code == 1 and "absent" in result.stderr and "Error" not in result.output


def test_list_when_nothing_is_installed(tmp_path):
    result = run(["list"], tmp_path)
    assert result.exit_code == 0 and "Aucun contexte installé" in result.stdout


def test_help_is_in_french_with_examples():
    for command in ([], ["check"], ["build"], ["install"], ["list"]):
        result = run([*command, "--help"])
        assert result.exit_code == 0
        assert "Exemples :" in result.stdout or "Chaîne habituelle :" in result.stdout
