"""Fixtures shared by the whole suite, and the switch that forbids skips in CI.

With ``PHAEN_TEST_REQUIRE_ALL=1`` (set by ``.ci/run``) a test that would be skipped
because a service is missing (PostgreSQL, Chromium) fails instead, so CI always runs
the whole suite.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from phaen.core import testing

# The suite shares two cores with a browser and a second database pass: a property test
# must not fail because one example was slow.
hypothesis_settings.register_profile("phaen", deadline=None)
hypothesis_settings.load_profile("phaen")


def require_or_skip(available: bool, reason: str) -> None:
    """Skip with ``reason`` when a service is missing, or fail when CI requires all."""
    if available:
        return
    if os.environ.get("PHAEN_TEST_REQUIRE_ALL") == "1":
        pytest.fail(f"required by PHAEN_TEST_REQUIRE_ALL=1 but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def world(db) -> testing.World:
    return testing.build_world()
