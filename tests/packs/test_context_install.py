"""Install: identical dumps for every install, metadata, replacement, failures that keep the old template."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from sandbox.db.dump import canonical_dump, dump_digest
from sandbox.db.storage import storage_for
from sandbox.packs import install as install_module
from sandbox.packs.archive import build_archive, content_checksum
from sandbox.packs.errors import PackError
from sandbox.packs.install import install_context, list_templates, read_template
from tests.conftest import DEFAULT_CONTEXT, ROOT

TEMPLATE = "context-lin-et-nature"


def engine_of(data):
    return storage_for(data).engine("templates", TEMPLATE)


def assert_same_dump(data_a, data_b) -> None:
    """Equal digests, or a readable diff of the first lines that differ."""
    if dump_digest(engine_of(data_a)) == dump_digest(engine_of(data_b)):
        return
    lines_a, lines_b = list(canonical_dump(engine_of(data_a))), list(canonical_dump(engine_of(data_b)))
    diff = [(a, b) for a, b in zip(lines_a, lines_b, strict=False) if a != b][:5]
    pytest.fail(f"dumps differ ({len(lines_a)} vs {len(lines_b)} lines); first differences: {diff}")


def test_installed_template_and_its_record(installed_data):
    [info] = list_templates(installed_data)
    assert info.name == TEMPLATE and info.id == "lin-et-nature" and info.version == "1.0.0"
    assert info.reference_date == "2027-05-20" and info.seconds > 0 and info.installed_at
    assert info.checksum == content_checksum(DEFAULT_CONTEXT) and info.archive_sha256 == ""
    record = json.loads((installed_data / "templates" / f"{TEMPLATE}.json").read_text(encoding="utf-8"))
    assert record["title"] == info.title and record["checksum"] == info.checksum
    assert not (installed_data / "staging").exists()
    dump = canonical_dump(engine_of(installed_data))
    tables = {line.split(" ")[2] for line in dump if line.startswith("# table")}
    assert {"product", "customer", "setting"} <= tables


def test_reinstall_and_archive_install_give_identical_dumps(installed_data, tmp_path):
    """Same pack on "another machine" (another process, hash seed, time zone and locale), then reinstalled."""
    archive = build_archive(DEFAULT_CONTEXT, tmp_path)
    other = tmp_path / "other-machine"
    env = os.environ | {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland", "LC_ALL": "C", "LANG": "C"}
    code = "import sys; from sandbox.packs.install import install_context; install_context(*sys.argv[1:])"
    subprocess.run([sys.executable, "-c", code, str(other), str(archive)], env=env, check=True, cwd=ROOT)
    info = read_template(other, TEMPLATE)
    assert info.archive_sha256 and info.checksum == content_checksum(DEFAULT_CONTEXT)
    assert_same_dump(installed_data, other)
    # Reinstalling the same id replaces the template (and its record) in place.
    again = install_context(other, DEFAULT_CONTEXT)
    assert again.archive_sha256 == "" and [t.name for t in list_templates(other)] == [TEMPLATE]
    assert read_template(other, TEMPLATE).archive_sha256 == ""
    assert_same_dump(installed_data, other)


def test_invalid_pack_is_refused_and_the_old_template_kept(data, tmp_path):
    before = dump_digest(engine_of(data))
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTEXT, pack)
    text = (pack / "context.toml").read_text(encoding="utf-8").replace("seed = 20270520", 'seed = "x"')
    (pack / "context.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        install_context(data, pack)
    assert [(p.file, p.field) for p in caught.value.problems] == [("context.toml", "context.seed")]
    assert dump_digest(engine_of(data)) == before


def test_failed_seeding_keeps_the_old_template(data, monkeypatch):
    before = dump_digest(engine_of(data))
    record = read_template(data, TEMPLATE)

    def broken_seed(reader, manifest, db, progress):
        raise RuntimeError("seeding failed half way")

    import sandbox.seeding as seeding

    monkeypatch.setattr(seeding, "seed_context", broken_seed)
    with pytest.raises(RuntimeError):
        install_context(data, DEFAULT_CONTEXT)
    assert dump_digest(engine_of(data)) == before
    assert read_template(data, TEMPLATE) == record
    assert not (data / "staging").exists()
    assert install_module.list_templates(data) == [record]


def test_progress_is_reported(tmp_path, monkeypatch):
    steps = []

    def tiny_seed(reader, manifest, db, progress):
        progress("Catalogue", 0, 2)
        progress("Catalogue", 2, 2)

    import sandbox.seeding as seeding

    monkeypatch.setattr(seeding, "seed_context", tiny_seed)
    install_context(tmp_path, DEFAULT_CONTEXT, lambda step, done, total: steps.append((step, done, total)))
    assert [s[0] for s in steps] == ["Vérification du pack", "Catalogue", "Catalogue",
                                     "Finalisation du modèle"]
