"""Studio tests reuse the subject fixtures (pack copies, prepared subjects and their seats)."""

from tests.subjects.conftest import pack_copy, prepared  # noqa: F401  (fixtures)
