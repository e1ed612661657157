"""Install a context pack as the template database ``templates/context-<id>``.

The pack (folder or verified archive) is checked completely, then seeded in ONE transaction into a
staging database, which replaces the template only once it is complete: a failed install leaves
the previous template, and the seats made from it, untouched. A JSON file beside the template
records what was installed (id, version, content checksum, dates, time taken).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from sandbox.db.storage import storage_for
from sandbox.packs.archive import content_checksum, sha256_file
from sandbox.packs.context import check_reader, load_context
from sandbox.packs.errors import PackError
from sandbox.progress import silent

TEMPLATES = "templates"
STAGING = "staging"
PREFIX = "context-"


@dataclass
class TemplateInfo:
    """An installed context template, as recorded in ``templates/context-<id>.json``."""

    name: str
    id: str = ""
    title: str = ""
    version: str = ""
    checksum: str = ""
    archive_sha256: str = ""
    reference_date: str = ""
    installed_at: str = ""
    seconds: float = 0.0
    source: str = ""


def _meta_path(data: Path, name: str) -> Path:
    return storage_for(data).meta_path(TEMPLATES, name)


def _write_meta(data: Path, info: TemplateInfo) -> None:
    path = _meta_path(data, info.name)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(asdict(info), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)


def _seed(data: Path, pack, checksum: str, progress: Callable[[str, int, int], None]) -> None:
    """Seed the staging database in one transaction, then make it the template."""
    from sandbox.models import set_setting  # registers every table on Base.metadata before create_all
    from sandbox.seeding import seed_context  # imported late: seeding pulls in Faker and Pillow

    storage = storage_for(data)
    name = pack.template_name
    engine = storage.create_empty(STAGING, name)
    try:
        with Session(engine) as db, db.begin():
            seed_context(pack.reader, pack.manifest, db, progress)
            # Which pack a seat comes from travels with every copy (evidence archives name it).
            set_setting(db, "context.id", pack.id)
            set_setting(db, "context.version", pack.version)
            set_setting(db, "context.checksum", checksum)
            scale = pack.manifest["sizes"].get("scale", 1)
            if scale != 1:  # a scaled install is not the national context: say so in every copy
                set_setting(db, "context.scale", str(scale))
        progress("Finalisation du modèle", 0, 0)
        storage.finalize_template(STAGING, name)
        storage.dispose(TEMPLATES, name)
        storage.copy(STAGING, name, TEMPLATES, name)
        storage.keep_spares([name])  # on PostgreSQL, the first seats made from it are renames, not copies
    finally:
        storage.remove(STAGING, name)
        with contextlib.suppress(OSError):  # leave no empty staging folder behind (kept if still in use)
            (Path(data) / STAGING).rmdir()


def install_context(data: Path, source: Path, progress: Callable[[str, int, int], None] | None = None,
                    scale: int | None = None) -> TemplateInfo:
    """Check a pack (folder or archive) and install it as ``context-<id>``, replacing an earlier install.

    ``scale`` overrides ``[sizes] scale`` (customers, orders and comments multiplied; still deterministic).
    """
    progress = progress or silent
    started = time.perf_counter()
    progress("Vérification du pack", 0, 0)
    with load_context(Path(source)) as pack:
        if scale is not None:
            pack.manifest = {**pack.manifest, "sizes": {**pack.manifest["sizes"], "scale": scale}}
        problems = check_reader(pack.reader)
        if problems:
            raise PackError(problems)
        checksum = content_checksum(pack.reader.root)
        _seed(Path(data), pack, checksum, progress)
        info = TemplateInfo(
            name=pack.template_name, id=pack.id, title=pack.title, version=pack.version, checksum=checksum,
            archive_sha256=sha256_file(pack.archive) if pack.archive else "",
            reference_date=pack.reference_date.isoformat(),
            installed_at=datetime.now().isoformat(timespec="seconds"),
            seconds=round(time.perf_counter() - started, 3), source=str(Path(source).resolve()),
        )
    _write_meta(Path(data), info)
    return info


def read_template(data: Path, name: str) -> TemplateInfo:
    """What is recorded about an installed template (only its name when the record is missing)."""
    path = _meta_path(data, name)
    if not path.exists():
        return TemplateInfo(name=name)
    known = {f.name for f in fields(TemplateInfo)}
    recorded = json.loads(path.read_text(encoding="utf-8"))
    return TemplateInfo(**{k: v for k, v in recorded.items() if k in known} | {"name": name})


def list_templates(data: Path) -> list[TemplateInfo]:
    """Every installed context template, sorted by name."""
    names = storage_for(data).names(TEMPLATES)
    return [read_template(data, name) for name in names if name.startswith(PREFIX)]
