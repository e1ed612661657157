"""The registry of change types: what a subject pack may put in place before the test (named objects).

Each type declares its parameters and the model of the object it produces; ``changes.toml`` lists
changes in order, each with a ``name`` by which questions and observables refer to the object
(``"@plaid"``). Applying a change records that name in the seat (setting ``subject.objects``).
A change type is one function decorated with ``@change(...)`` in a module of this package.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy.orm import Session

from sandbox.models import Media
from sandbox.packs.errors import PackError, PackProblem
from sandbox.packs.reader import PackReader
from sandbox.services import ServiceError
from sandbox.services.images import check_pixels
from sandbox.subjects import refs
from sandbox.subjects.dates import resolve_datetime
from sandbox.subjects.params import Param, validate_params

FILE = "changes.toml"
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MEDIA_TIME = time(8, 0)  # pack files are in the library before the test starts
WHEN = Param("date", '"today-1" (date relative au jour de l\'épreuve)', False, "today")


class ChangeFailure(Exception):
    """A change that cannot be applied to this context (missing object…); French problem and fix."""

    def __init__(self, key: str, problem: str, fix: str):
        super().__init__(problem)
        self.key, self.problem, self.fix = key, problem, fix


@dataclass
class ChangeContext:
    """What a change type needs: the session, the exam day, the pack's files, the objects named so far."""

    db: Session
    today: date
    reader: PackReader
    objects: dict[str, dict] = field(default_factory=dict)
    media_ids: dict[str, int] = field(default_factory=dict)

    def at(self, relative: str) -> datetime:
        """A relative date ("today-2 14:00") as a moment of this exam."""
        return resolve_datetime(relative, self.today)

    def get(self, kind: str, key: str, value: str):
        """The object a reference parameter points to; ChangeFailure naming the parameter otherwise."""
        found = refs.load(self.db, kind, value, self.objects)
        if found is None:
            spec = refs.REF_KINDS[kind]
            raise ChangeFailure(
                key, f"{spec.label} « {value} » n'existe pas dans le contexte", refs.how_to_name(kind)
            )
        return found

    def media(
        self, rel: str, title: str = "", alt: str = "", caption: str = "", description: str = ""
    ) -> Media:
        """Add a pack file to the media library (once per file) and return it."""
        if rel in self.media_ids:
            return self.db.get(Media, self.media_ids[rel])
        data = self.reader.path(rel).read_bytes()
        name = PurePosixPath(rel).name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        width = height = None
        if mime.startswith("image/"):
            from PIL import Image  # imported late: Pillow is slow to import

            try:
                check_pixels(data, rel)
            except ServiceError as exc:  # a few Ko announcing 30000 × 30000 pixels
                fix = "réduisez l'image et remplacez le fichier"
                raise PackError([PackProblem(rel, "", exc.message, fix)]) from exc
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
        media = Media(
            filename=name,
            mime=mime,
            title=title or PurePosixPath(rel).stem,
            alt=alt,
            caption=caption,
            description=description,
            size=len(data),
            width=width,
            height=height,
            created_at=datetime.combine(self.today, MEDIA_TIME),
            data=data,
        )
        self.db.add(media)
        self.db.flush()
        self.media_ids[rel] = media.id
        return media


Apply = Callable[[ChangeContext, dict[str, Any]], Any]


@dataclass(frozen=True)
class ChangeType:
    """A registered change type."""

    name: str
    label: str
    produces: str  # model name of the named object
    params: dict[str, Param]
    apply: Apply
    named: bool = True  # False: the change sets a starting state nothing refers to; its name is optional


CHANGE_TYPES: dict[str, ChangeType] = {}


def change(name: str, *, label: str, produces: str, params: dict[str, Param],
           named: bool = True) -> Callable[[Apply], Apply]:
    """Register a change type; the function applies it and returns the produced object (or its key).

    ``named=False``: a starting state (a setting, a widget removed…) that questions rarely refer to; the
    pack may leave out its ``name``, and then nothing records it as a named object.
    """

    clash = {"type", "name"} & set(params)
    if clash:  # those keys say which change it is and how it is named, not how it is applied
        raise ValueError(f"change {name}: parameter names {clash} are reserved")

    def register(func: Apply) -> Apply:
        CHANGE_TYPES[name] = ChangeType(name, label, produces, params, func, named)
        return func

    return register


@dataclass(frozen=True)
class Change:
    """One validated entry of changes.toml."""

    number: int  # 1-based position in the file, as authors count
    type: str
    name: str
    params: dict[str, Any]


def _types() -> dict[str, ChangeType]:
    from sandbox.subjects.changes import (  # noqa: F401  (registration by import)
        catalogue,
        customers,
        main_menu,
        orders,
        pricing,
        product_set,
        service,
        shop_modules,
        site,
        site_look,
    )

    return CHANGE_TYPES


def check_changes(entries: Any, reader: PackReader) -> tuple[list[Change], dict[str, str], list[PackProblem]]:
    """Validate changes.toml entries: (changes, name → produced model, problems)."""
    types = _types()
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return (
            [],
            {},
            [
                PackProblem(
                    FILE,
                    "changes",
                    "la liste [[changes]] est mal écrite",
                    "écrivez chaque modification dans un bloc [[changes]]",
                )
            ],
        )
    changes, names, problems = [], {}, []
    for number, entry in enumerate(entries, start=1):
        where = f"changes[{number}]"
        kind = entry.get("type")
        if kind not in types:
            known = ", ".join(sorted(types))
            problems.append(
                PackProblem(
                    FILE,
                    f"{where}.type",
                    f"type de modification « {kind} » inconnu",
                    f"choisissez un type parmi : {known}",
                )
            )
            continue
        name = entry.get("name")
        if name is None and not types[kind].named:
            name = f"_{number}"  # internal: never recorded as a named object (see apply_changes)
        elif not isinstance(name, str) or not NAME.match(name):
            problems.append(
                PackProblem(
                    FILE,
                    f"{where}.name",
                    f"nom « {name} » invalide",
                    'écrivez 1 à 40 caractères parmi a-z, 0-9, « - » et « _ », par exemple name = "plaid"',
                )
            )
            continue
        if name in names:
            problems.append(
                PackProblem(
                    FILE,
                    f"{where}.name",
                    f"le nom « {name} » est déjà utilisé",
                    "donnez un nom différent à chaque modification",
                )
            )
            continue
        spec = types[kind]
        clean, trouble = validate_params(
            spec.params, entry, file=FILE, where=where, reserved=("type", "name"), names=names, reader=reader
        )
        problems += trouble
        names[name] = spec.produces  # later entries may refer to it even when this one has a problem
        if not trouble:
            changes.append(Change(number, kind, name, clean))
    return changes, names, problems


def apply_changes(ctx: ChangeContext, changes: list[Change]) -> dict[str, dict]:
    """Apply changes in order; every failure becomes a PackProblem (nothing is committed by this function)."""
    types = _types()
    problems = []
    for item in changes:
        spec = types[item.type]
        try:
            produced = spec.apply(ctx, item.params)
        except ChangeFailure as exc:
            problems.append(PackProblem(FILE, f"changes[{item.number}].{exc.key}", exc.problem, exc.fix))
            continue
        ctx.db.flush()
        if item.name.startswith("_"):  # an unnamed starting state
            continue
        key = getattr(produced, "key", None) if spec.produces == "Setting" else produced.id
        ctx.objects[item.name] = {"type": spec.produces, "id": key}
    if problems:
        raise PackError(problems)
    return ctx.objects
