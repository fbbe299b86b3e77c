"""Fixtures shared by the whole suite, and the switch that forbids skips in CI.

With ``PHAEN_TEST_REQUIRE_ALL=1`` (set by ``.ci/run``) a test that would be skipped
because a service is missing (PostgreSQL, Chromium) fails instead, so CI always runs
the whole suite.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

# Playwright's sync API runs an event loop in this thread; the ORM calls the browser tests
# make around it are synchronous and safe. Only the test configuration sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from hypothesis import settings as hypothesis_settings

from phaen.core import testing
from phaen.env import REPO_ROOT

# The suite shares two cores with a browser and a second database pass: a property test
# must not fail because one example was slow.
hypothesis_settings.register_profile("phaen", deadline=None)
hypothesis_settings.load_profile("phaen")


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language (Thai): a request made by an earlier test in
    the same worker (the API follows Accept-Language) must not leave English active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


# --- Browser tests: Playwright driving Debian's headless Chromium against live_server ------
# The pytest-playwright plugin is not used: these fixtures are all the tests need. Without
# /usr/bin/chromium the browser tests are skipped (or fail under PHAEN_TEST_REQUIRE_ALL=1).
# A failing browser test leaves a screenshot in test-artifacts/.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    require_or_skip(Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Trap: Playwright's sync API switches the test code into another contextvars context,
    # and Django's connections are context-local: after start() the tests get fresh
    # connection objects (to the same test database) that lack the snapshot which
    # serialized_rollback restores between tests. Carry it over.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, snapshot in snapshots.items():
        connections[alias]._test_serialized_contents = snapshot
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, request):
    """A factory of pages, each in a fresh context (no cookies): ``new_page(phone=True)``."""
    contexts = []

    def make(*, phone: bool = False):
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP, locale="en-US", timezone_id="Asia/Bangkok"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        request.node._phaen_pages = [*getattr(request.node, "_phaen_pages", []), page]
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page. The context's browser language is English on purpose: the
    site must still open in Thai (Thai first, decision 0005)."""
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        for i, page in enumerate(getattr(item, "_phaen_pages", [])):
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)
            ARTIFACTS.mkdir(exist_ok=True)
            # The page may be closed already; the test's own report matters more.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(ARTIFACTS / f"{name}-{i}.png"), full_page=True)
    return report
