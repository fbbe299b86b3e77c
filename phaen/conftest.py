"""Fixtures shared by the whole suite, and the switch that forbids skips in CI.

With ``PHAEN_TEST_REQUIRE_ALL=1`` (set by ``.ci/run``) a test that would be skipped
because a service is missing (PostgreSQL, Chromium) fails instead, so CI always runs
the whole suite.
"""

from __future__ import annotations

import os

import pytest

from phaen.core import testing


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
