"""Model answers (see ``answers``)."""

WORK: dict = {}
