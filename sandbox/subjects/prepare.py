"""Prepare a subject template: the context template + the exam date + the pack's files and changes.

``prepare_subject`` copies ``templates/context-<id>`` to a staging database, sets the seat clock to the
exam date (moving the whole seeded history so that it ends the day before, ``sandbox.db.timeshift``), adds
the pack's files to the media library, applies the changes in order, stores the subject in the seat
settings, and only then replaces ``templates/subject-<id>-<date>``: a failure leaves nothing behind. Every
value derives from the pack and the date, so preparing the same subject for the same date twice gives the
same rows.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from sandbox.clock import move_seat_day
from sandbox.db.storage import storage_for
from sandbox.models import get_setting
from sandbox.packs.archive import content_checksum
from sandbox.packs.errors import PackError, PackProblem
from sandbox.subjects.changes import ChangeContext, apply_changes
from sandbox.subjects.grouping import watched_objects
from sandbox.subjects.manifest import SITES
from sandbox.subjects.observables import ObserveContext, check_types
from sandbox.subjects.pack import GRID, SubjectPack, read_checked
from sandbox.subjects.render import csv_html, markdown_html, text_or_file_html
from sandbox.subjects.store import QuestionInfo, SeatSubject, read_subject, write_subject

STAGING = "staging"
DRY_RUN = "dry"
TEMPLATES = "templates"


@dataclass
class SubjectTemplateInfo:
    """A prepared subject template, as recorded in ``templates/subject-<id>-<date>.json``."""

    name: str
    subject: str
    title: str
    version: str
    context: str
    context_version: str
    exam_date: str
    checksum: str
    prepared_at: str
    source: str


def _sheet(pack: SubjectPack, day: date, media: list) -> dict:
    """What the candidate reads, rendered once."""
    m, reader = pack.manifest, pack.reader
    subject = m.subject

    def annex(a) -> dict:
        text = reader.text(a.file)
        html = csv_html(text, day) if a.file.endswith(".csv") else markdown_html(text, day)
        return {"id": a.id, "title": a.title, "html": html}

    return {
        "id": subject["id"],
        "title": subject["title"],
        "session": subject["session"],
        "letter": subject["letter"],
        "code": subject["code"],
        "site": subject["site"],
        "site_label": SITES[subject["site"]],
        "exam_date": day.isoformat(),
        "contexte_html": markdown_html(reader.text(m.texts["contexte"]), day),
        "mise_en_situation_html": text_or_file_html(m.texts["mise_en_situation"], reader, day),
        "questions": [
            {"id": q.id, "title": q.title, "html": markdown_html(reader.text(q.file), day)}
            for q in m.questions
        ],
        "annexes": [annex(a) for a in m.annexes],
        "files": [
            {"media_id": f.id, "filename": f.filename, "title": f.title, "mime": f.mime, "size": f.size}
            for f in media
        ],
    }


def build(db: Session, pack: SubjectPack, day: date) -> SeatSubject:
    """Put the subject in a copy of the context template (one transaction, committed by the caller)."""
    move_seat_day(db, day)  # before the changes: they are already relative to the exam day
    ctx = ChangeContext(db=db, today=day, reader=pack.reader)
    media = [ctx.media(f.file, f.title, f.alt, f.caption, f.description) for f in pack.manifest.files]
    objects = apply_changes(ctx, pack.changes)
    db.flush()
    subject = pack.manifest.subject
    seat_subject = SeatSubject(
        id=pack.id,
        title=subject["title"],
        letter=subject["letter"],
        code=subject["code"],
        site=subject["site"],
        exam_date=day.isoformat(),
        questions=[QuestionInfo(q.id, q.title, q.features) for q in pack.manifest.questions],
        grid=pack.grid,
        objects=objects,
        line_objects=watched_objects(db, pack.grid, objects),
    )
    write_subject(db, _sheet(pack, day, media), seat_subject)
    db.flush()
    return seat_subject


def _observe_problems(db: Session, pack: SubjectPack) -> list[PackProblem]:
    """Compute every observable once; a check that crashes on the prepared data is a pack problem."""
    subject = read_subject(db)
    ctx = ObserveContext(db=db, objects=subject.objects, today=date.fromisoformat(subject.exam_date))
    types, problems = check_types(), []
    for number, line in enumerate(pack.grid.lines, start=1):
        for index, observable in enumerate(line.observables, start=1):
            try:
                types[observable["check"]].func(ctx, observable["params"])
            except Exception as exc:  # reported to the author, with the check's own words
                problems.append(
                    PackProblem(
                        GRID,
                        f"lines[{number}].observables[{index}]",
                        f"l'observable échoue sur le contexte ({exc})",
                        "vérifiez ses paramètres",
                    )
                )
    return problems


def _build_checked(db: Session, pack: SubjectPack, day: date) -> list[PackProblem]:
    """Build the subject in ``db``, then compute every observable once; what went wrong (the third
    round of the checks)."""
    try:
        build(db, pack, day)
    except PackError as exc:
        return list(exc.problems)
    except DatabaseError as exc:  # a template installed by an older version of the software
        return [
            PackProblem(
                "subject.toml",
                "subject.context",
                f"la base du contexte installé ne correspond pas à cette version ({exc.orig})",
                f"réinstallez le contexte : e5 context install contexts/{pack.context}",
            )
        ]
    return _observe_problems(db, pack)


def dry_run(data: Path, pack: SubjectPack, day: date | None = None) -> list[PackProblem]:
    """Apply the pack to a throw-away copy of the context template; return what went wrong."""
    storage = storage_for(data)
    scratch = f"{pack.id}-{secrets.token_hex(4)}"  # several checks of one pack may run at once
    storage.copy(TEMPLATES, pack.context_template, DRY_RUN, scratch)
    try:
        with Session(storage.engine(DRY_RUN, scratch)) as db:
            return _build_checked(db, pack, day or date.fromisoformat(get_setting(db, "clock.today")))
    finally:
        storage.remove(DRY_RUN, scratch)
        with contextlib.suppress(OSError):  # leave no empty scratch folder behind (SQLite)
            (Path(data) / DRY_RUN).rmdir()


def _write_meta(data: Path, info: SubjectTemplateInfo) -> None:
    path = storage_for(data).meta_path(TEMPLATES, info.name)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(asdict(info), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)


def prepare_subject(data: Path, source: Path, day: date, spares: bool = True) -> str:
    """Check a subject pack and prepare ``templates/subject-<id>-<date>``; returns the template name.

    ``spares``: have seats made ahead from it (PostgreSQL); not for a studio trial, which gets one seat."""
    from sandbox.packs.install import read_template  # imported late: install pulls in seeding

    data = Path(data)
    pack = read_checked(source, data)
    storage, name = storage_for(data), pack.template_name(day)
    storage.copy(TEMPLATES, pack.context_template, STAGING, name)
    try:
        # The third round of the checks runs on the staged copy itself: the pack is built once, not once
        # in a dry run and again here (half of a subject's preparation, on either engine).
        with Session(storage.engine(STAGING, name)) as db, db.begin():
            problems = _build_checked(db, pack, day)
            if problems:
                raise PackError(problems)
        storage.finalize_template(STAGING, name)
        storage.dispose(TEMPLATES, name)
        storage.copy(STAGING, name, TEMPLATES, name)
        if spares:  # on PostgreSQL, the first seats made from it are then renames, not copies
            storage.keep_spares([name])
    finally:
        storage.remove(STAGING, name)
        with contextlib.suppress(OSError):  # leave no empty staging folder behind
            (data / STAGING).rmdir()
    subject = pack.manifest.subject
    _write_meta(
        data,
        SubjectTemplateInfo(
            name=name,
            subject=pack.id,
            title=subject["title"],
            version=subject["version"],
            context=pack.context,
            context_version=read_template(data, pack.context_template).version,
            exam_date=day.isoformat(),
            checksum=content_checksum(pack.reader.root),
            prepared_at=datetime.now().isoformat(timespec="seconds"),
            source=str(Path(source).resolve()),
        ),
    )
    return name


def list_prepared(data: Path) -> list[SubjectTemplateInfo]:
    """Subject templates prepared in a data folder, by name."""
    storage, found = storage_for(data), []
    for name in storage.names(TEMPLATES):
        meta = storage.meta_path(TEMPLATES, name)
        if name.startswith("subject-") and meta.exists():
            try:
                found.append(SubjectTemplateInfo(**json.loads(meta.read_text(encoding="utf-8"))))
            except (TypeError, ValueError):
                continue  # a record written by another tool or version: not listed rather than a crash
    return found
