"""« en cours (brouillon) »: an unmet observable whose object exists only as an autosave (not saved yet).

The examiner then sees that the work is under way (« Aucun article dont le titre contient … — en cours
(brouillon) : « Nos draps d'été », 87 mots »), while the line stays unmet until it is saved.
"""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, inspect, select

from sandbox.models import Autosave
from sandbox.subjects import refs
from sandbox.subjects.observables.common import fold

# Autosave object types by the model a parameter names or refers to; the field holding each one's name.
TYPES = {"Post": ("post", "page"), "Product": ("product",), "CustomerThread": ("thread",),
         "Campaign": ("campaign",)}
NAME_FIELDS = ("title", "name", "subject")


# Engines whose database has the autosave table: asked once (an inspector costs ~2 ms a time), and only
# its presence is remembered (a seat installed before autosaves gets the table on first use).
_with_autosaves: weakref.WeakSet[Engine] = weakref.WeakSet()


def seat_drafts(db) -> list[Autosave]:
    """Every autosave of the seat (none on a seat installed before autosaves existed)."""
    bind = db.get_bind()
    engine = getattr(bind, "engine", bind)  # a session bound to one connection (observables.kept)
    if engine not in _with_autosaves:
        if not inspect(bind).has_table(Autosave.__tablename__):
            return []
        _with_autosaves.add(engine)
    return list(db.scalars(select(Autosave).order_by(Autosave.id)))


def _name(draft: Autosave) -> str:
    fields = draft.fields or {}
    return next((str(fields[k]) for k in NAME_FIELDS if isinstance(fields.get(k), str) and fields[k]), "")


def matching_draft(ctx, spec, params: dict) -> Autosave | None:
    """The autosave standing for the object an observable looks at: by its id, or by the name it is given."""
    drafts = ctx.drafts if ctx.drafts is not None else seat_drafts(ctx.db)
    ctx.drafts = drafts
    if not drafts:
        return None
    for key, value in params.items():
        param = spec.params.get(key)
        if param is None:
            continue
        if param.kind == "ref" and isinstance(value, str):
            model = refs.REF_KINDS[param.ref].model.__name__
            pk = refs.resolve(ctx.db, param.ref, value, ctx.objects)
            found = next((d for d in drafts if d.object_type in TYPES.get(model, ())
                          and pk is not None and d.object_key == str(pk)), None)
        elif param.names and isinstance(value, str) and value.strip():
            found = next((d for d in drafts if d.object_type in TYPES.get(param.names, ())
                          and fold(value) in fold(_name(d))), None)
        else:
            continue
        if found is not None:
            return found
    return None


def draft_sentence(draft: Autosave) -> str:
    """« en cours (brouillon) : « Nos draps d'été » »."""
    name = _name(draft)
    return "en cours (brouillon)" + (f" : « {name} »" if name else "")
