"""Fixtures for the real-browser tests: one `streamlit run` server and one headless
Chromium for the whole session, a fresh browser context (= Streamlit session) per test.

Without /usr/bin/chromium these tests are skipped on a developer's machine and fail
in CI (CI=true), where .ci/run installs the Debian package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser import harness

SCREENSHOT_DIR_DEFAULT = Path(__file__).resolve().parent / "screenshots"


def require_chromium() -> None:
    if harness.CHROMIUM_PATH.exists():
        return
    reason = (
        f"{harness.CHROMIUM_PATH} not found: install the Debian packages "
        "`chromium` and `fonts-noto-cjk` to run the browser tests"
    )
    if harness.in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # A failed browser test comes with the server's side of what the browser saw.
    report = yield
    server = item.funcargs.get("streamlit_server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, harness.StreamlitServer):
        report.sections.append(("streamlit server log (tail)", server.log_text()[-4000:]))
    return report


@pytest.fixture(scope="session")
def streamlit_server() -> Iterator[harness.StreamlitServer]:
    require_chromium()
    try:
        with harness.running_streamlit() as server:
            yield server
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def app_url(streamlit_server: harness.StreamlitServer) -> str:
    return streamlit_server.base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        chromium = harness.launch_chromium(playwright)
        yield chromium
        chromium.close()


def _browser_session(browser, locale):
    session = harness.new_browser_session(browser, locale=locale)
    yield session
    session.close()


@pytest.fixture
def english_session(browser, streamlit_server) -> Iterator[harness.BrowserSession]:
    """A new Streamlit session in a browser that reports English (en-US)."""
    yield from _browser_session(browser, "en-US")


@pytest.fixture
def korean_session(browser, streamlit_server) -> Iterator[harness.BrowserSession]:
    """A new Streamlit session in a browser that reports Korean (ko-KR)."""
    yield from _browser_session(browser, "ko-KR")


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where page screenshots go: $SCREENSHOT_DIR, else tests/browser/screenshots/."""
    directory = Path(os.environ.get("SCREENSHOT_DIR") or SCREENSHOT_DIR_DEFAULT)
    directory.mkdir(parents=True, exist_ok=True)
    return directory
