"""Choice fields that take choices as WTForms 3.4 requires them, whatever shape the form gives.

Forms here build choices the natural way — ``[(id, name), …]`` from a query, ``list(LABELS.items())``,
plain strings, or ``{group: [(id, name), …]}`` for ``<optgroup>`` — and WTForms 3.3 deprecates every
one of those shapes but its ``SelectChoice`` (removed in 3.4). These fields turn them into
``SelectChoice`` objects once, on the way in (constructor and ``field.choices = …``), so no form has
to know, and the next WTForms changes nothing here.
"""

from __future__ import annotations

from wtforms import fields
from wtforms.fields.choices import SelectChoice


def select_choices(choices):
    """``SelectChoice`` objects for choices given as pairs, strings, {value: label} or {group: [...]}."""
    if choices is None or callable(choices):
        return choices
    if isinstance(choices, dict):
        if all(isinstance(label, str) for label in choices.values()):  # {value: label}
            return [SelectChoice(value, label) for value, label in choices.items()]
        return [_one(item, group) for group, items in choices.items() for item in items]
    return [_one(item) for item in choices]


def _one(item, optgroup: str | None = None) -> SelectChoice:
    if isinstance(item, SelectChoice):
        return item if optgroup is None else SelectChoice(item.value, item.label, item.render_kw, optgroup)
    if isinstance(item, tuple):
        return SelectChoice(*item, optgroup=optgroup)
    return SelectChoice(item, optgroup=optgroup)


def _normalised(base):
    """A subclass of ``base`` whose choices are normalised by ``select_choices``."""

    def __init__(self, label=None, validators=None, choices=None, **kwargs):  # noqa: N807
        base.__init__(self, label, validators, choices=select_choices(choices), **kwargs)

    prop = base.choices
    choices = property(prop.fget, lambda self, value: prop.fset(self, select_choices(value)))
    return type(base.__name__, (base,), {"__init__": __init__, "choices": choices,
                                         "__doc__": f"{base.__name__} taking any shape of choices.",
                                         "__module__": __name__})


SelectField = _normalised(fields.SelectField)
SelectMultipleField = _normalised(fields.SelectMultipleField)
RadioField = _normalised(fields.RadioField)
