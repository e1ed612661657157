"""Key/value settings of a seat: company identity, shop and site preferences, the seat clock."""

from __future__ import annotations

from sqlalchemy import String, Text, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session

from sandbox.db.base import Base


class Setting(Base):
    """One named setting; values are text (JSON where structured)."""

    __tablename__ = "setting"
    __activity__ = {"label": "Paramètre", "title": "key"}

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="", info={"label": "valeur"})

    def _before_after(self, action: str, changes: dict) -> tuple[str | None, str | None]:
        if action == "create":
            return None, self.value
        if action == "delete":
            return self.value, None
        return changes.get("value", (self.value, self.value))

    def activity_summary(self, action: str, changes: dict) -> str | None:
        """« Réseau social TikTok : adresse ajoutée », from the settings' label registry."""
        from sandbox.activity.setting_summary import setting_summary

        return setting_summary(self.key, *self._before_after(action, changes), object_session(self))

    def activity_unchanged(self, action: str, changes: dict) -> bool:
        """A setting saved with the value it already had (or created empty) is no change at all."""
        from sandbox.activity.setting_summary import setting_unchanged

        return setting_unchanged(self.key, *self._before_after(action, changes))


_CACHE = "settings_cache"


def get_setting(db: Session, key: str, default: str = "") -> str:
    """Read a setting, or the default when it is not set.

    A page reads dozens of settings: they are loaded once per transaction (one small query) and
    the cache is dropped on any write, flush, commit or rollback of the session.
    """
    if any(isinstance(o, Setting) for o in (*db.new, *db.dirty, *db.deleted)):
        value = db.scalar(select(Setting.value).where(Setting.key == key))
        return default if value is None else value
    cache = db.info.get(_CACHE)
    if cache is None:
        cache = db.info[_CACHE] = all_settings(db)
    value = cache.get(key)
    return default if value is None else value


def all_settings(db: Session) -> dict[str, str]:
    """Every setting of the seat, key → value (what the per-transaction cache holds)."""
    return {key: value for key, value in db.execute(select(Setting.key, Setting.value))}


def preload_settings(db: Session, values: dict[str, str]) -> None:
    """Give a fresh session the settings already read by an earlier request of the same data version."""
    db.info[_CACHE] = dict(values)


def _drop_cache(session: Session, *_args) -> None:
    session.info.pop(_CACHE, None)


for _name in ("after_flush", "after_commit", "after_soft_rollback"):
    event.listen(Session, _name, _drop_cache)


@event.listens_for(Session, "do_orm_execute")
def _drop_cache_on_write(state) -> None:
    """A bulk statement (seeding, an UPDATE of settings) may change settings behind the ORM."""
    if not state.is_select:
        state.session.info.pop(_CACHE, None)


def set_setting(db: Session, key: str, value: str) -> None:
    """Create or update a setting (flushed with the caller's transaction)."""
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value
