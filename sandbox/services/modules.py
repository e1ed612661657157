"""Shop modules (B-MOD-1..8): which exist, whether they are on, their configuration, and home block order.

Six modules keep their state in a Module row. Two (product comments, cheque payment) keep it in the settings
the shop already reads (product_comments.*, payment.cheque.*), so that there is one source of truth.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sandbox.db.tx_cache import tx_cached
from sandbox.models import get_setting, set_setting
from sandbox.models.module_catalogue import (  # noqa: F401  (re-exported: the catalogue lives with the models)
    HOME_BLOCKS,
    MODULES,
    NETWORKS,
    ModuleSpec,
    Option,
    describe_module_changes,
)
from sandbox.models.modules import HookPosition, Module
from sandbox.services import ServiceError


def _spec(code: str) -> ModuleSpec:
    spec = MODULES.get(code)
    if spec is None:
        raise ServiceError("Ce module n'existe pas.")
    return spec


def _from_setting(option: Option | None, raw: str) -> Any:
    if option is None or option.kind == "bool":
        return raw == "1"
    return raw


def module_state(db: Session, code: str) -> tuple[bool, dict[str, Any]]:
    """Whether a module is on, and its configuration (defaults filled in)."""
    spec = _spec(code)
    config = {o.key: o.default for o in spec.options}
    if spec.settings:
        options = {o.key: o for o in spec.options}
        for key, setting in spec.settings.items():
            default = ("1" if (options[key].default if key in options else spec.active) else "0") \
                if key == "active" or options[key].kind == "bool" else (options[key].default or "")
            config[key] = _from_setting(options.get(key), get_setting(db, setting, default))
        return config.pop("active"), config
    # A shop page asks for several modules: their rows are read together, once per transaction.
    row = tx_cached(db, "modules", lambda: {m.code: m for m in db.execute(select(Module.__table__))},
                    shared=True).get(code)
    if row is None:
        return spec.active, config
    return row.active, {**config, **{k: v for k, v in (row.config or {}).items() if k in config}}


def module_active(db: Session, code: str) -> bool:
    """Whether a module is switched on."""
    return module_state(db, code)[0]


def module_config(db: Session, code: str) -> dict[str, Any]:
    """A module's configuration (defaults filled in)."""
    return module_state(db, code)[1]


def _row(db: Session, code: str) -> Module:
    spec = _spec(code)
    row = db.get(Module, code)
    if row is None:
        row = Module(code=code, name=spec.name, active=spec.active,
                     config={o.key: o.default for o in spec.options})
        db.add(row)
    return row


def set_module_active(db: Session, code: str, active: bool) -> None:
    """Switch a module on or off."""
    spec = _spec(code)
    if spec.settings:
        set_setting(db, spec.settings["active"], "1" if active else "0")
    else:
        _row(db, code).active = active
    db.flush()


def configure_module(db: Session, code: str, values: dict[str, Any]) -> None:
    """Save a module's configuration, checked against its options (French errors, nothing saved)."""
    spec = _spec(code)
    clean: dict[str, Any] = {}
    for option in spec.options:
        value = values.get(option.key, option.default)
        if option.kind == "int":
            if not isinstance(value, int) or (option.low is not None and value < option.low) \
                    or (option.high is not None and value > option.high):
                raise ServiceError(f"Indiquez un nombre entier entre {option.low} et {option.high}.",
                                   option.key)
        elif option.kind in ("text", "textarea", "html"):
            value = (value or "").strip()
            if option.key == "payee" and not value:
                raise ServiceError("Indiquez à l'ordre de qui les chèques doivent être libellés.", option.key)
        elif option.kind == "networks":
            value = [n for n in NETWORKS if n in (value or [])]
        elif option.kind == "bool":
            value = bool(value)
        clean[option.key] = value
    if spec.settings:
        for key, value in clean.items():
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            set_setting(db, spec.settings[key], text)
    else:
        row = _row(db, code)
        row.config = {**(row.config or {}), **clean}
    db.flush()


def home_order(db: Session) -> list[str]:
    """Codes of the home blocks in their configured order (blocks never placed keep their default rank)."""
    rows = db.scalars(select(HookPosition).where(HookPosition.hook == "home"))
    placed = {r.block: r.position for r in rows}
    default = {code: (i + 1) * 10 for i, code in enumerate(HOME_BLOCKS)}
    return sorted(HOME_BLOCKS, key=lambda c: (placed.get(c, default[c]), default[c]))


def set_home_order(db: Session, positions: dict[str, int]) -> None:
    """Place the home blocks: positions 1..n, each used once."""
    if set(positions) != set(HOME_BLOCKS):
        raise ServiceError("Indiquez une position pour chaque bloc de la page d'accueil.")
    used = sorted(positions.values())
    if used != list(range(1, len(HOME_BLOCKS) + 1)):
        raise ServiceError(f"Chaque position de 1 à {len(HOME_BLOCKS)} doit être utilisée une seule fois.",
                           "positions")
    for code, position in positions.items():
        row = db.get(HookPosition, ("home", code))
        if row is None:
            db.add(HookPosition(hook="home", block=code, position=position * 10))
        elif row.position != position * 10:
            row.position = position * 10
    db.flush()


def home_blocks(db: Session) -> list[str]:
    """Home blocks to render, in order: those whose module is off are left out."""
    return [code for code in home_order(db)
            if HOME_BLOCKS[code][1] is None or module_active(db, HOME_BLOCKS[code][1])]
