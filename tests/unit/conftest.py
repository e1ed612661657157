"""Fixtures shared by the unit tests of prices, cart rules and shipping."""

from __future__ import annotations

import pytest

from tests.unit.pricing_world import build_world


@pytest.fixture
def db():
    """The small pricing world of tests/unit/pricing_world.py, in a session closed afterwards."""
    session = build_world()
    yield session
    session.close()
