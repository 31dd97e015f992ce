"""Drive the real app in a real browser: `streamlit run` plus Debian's headless Chromium.

Shared by the browser tests (tests/browser/conftest.py), scripts/screenshots.py and
anything else that needs the app running in a browser. Nothing here downloads a
browser: Playwright only drives the Chromium that the Debian package `chromium`
installs at /usr/bin/chromium.

Streamlit marks its state on the root element, which is what "idle" means here:
`[data-testid="stApp"]` carries `data-test-connection-state` (CONNECTED once the
websocket is up) and `data-test-script-state` (running / notRunning / ...).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = "streamlit_app.py"
CHROMIUM_PATH = Path("/usr/bin/chromium")
# --no-sandbox: CI runs as root, where Chromium refuses to start with its sandbox.
# The rest keep a headless run from calling home or doing background work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Wide enough that Streamlit keeps the sidebar open (it collapses it on narrow screens).
VIEWPORT = {"width": 1400, "height": 900}
MAX_SCREENSHOT_HEIGHT = 12_000
SERVER_START_TIMEOUT_S = 60.0
IDLE_TIMEOUT_MS = 60_000
# Streamlit needs a few milliseconds between a click and the rerun it triggers, so
# "idle" means: not running for this long in a row.
QUIET_PERIOD_MS = 800
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A Python exception or traceback that leaked into the page's text.
LEAKED_EXCEPTION = re.compile(r"Traceback \(most recent call last\)|\b[A-Z]\w*(?:Error|Exception): ")


@dataclass
class StreamlitServer:
    """A `streamlit run` process serving the app on 127.0.0.1."""

    process: subprocess.Popen
    base_url: str
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server by its process id: terminate, then kill if it lingers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def find_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_streamlit(
    app_dir: Path = REPO_ROOT,
    extra_options: dict[str, str] | None = None,
    timeout_s: float = SERVER_START_TIMEOUT_S,
    command_prefix: list[str] | None = None,
) -> StreamlitServer:
    """Start the app headless on a free port and wait until /_stcore/health says ok.

    `extra_options` are more Streamlit config options, e.g. {"client.toolbarMode":
    "viewer"}. `command_prefix` runs the server under another command that then execs
    it, e.g. ["taskset", "-c", "0"] to pin it to one CPU (the process id stays the
    server's). Raises RuntimeError with the server's log if the server exits or is not
    healthy in time.
    """
    port = find_free_port()
    log_fd, log_name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
    os.close(log_fd)
    command = [
        *(command_prefix or []),
        sys.executable,
        "-m",
        "streamlit",
        "run",
        APP_SCRIPT,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        # Nothing edits the sources during a run; watching them only costs CPU.
        "--server.fileWatcherType",
        "none",
    ]
    for option, value in (extra_options or {}).items():
        command += [f"--{option}", value]
    # The child keeps its own copy of the file handle; ours can close at once.
    with open(log_name, "wb") as log_file:
        process = subprocess.Popen(
            command, cwd=app_dir, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
        )
    server = StreamlitServer(process, f"http://127.0.0.1:{port}", Path(log_name))
    try:
        _wait_until_healthy(server, timeout_s)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_healthy(server: StreamlitServer, timeout_s: float) -> None:
    health_url = f"{server.base_url}/_stcore/health"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited with code {server.process.returncode} before "
                f"it was healthy. Server log:\n{server.log_text()}"
            )
        try:
            with urllib.request.urlopen(health_url, timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{health_url} did not answer ok within {timeout_s:.0f} s. Server log:\n{server.log_text()}")


@contextlib.contextmanager
def running_streamlit(
    app_dir: Path = REPO_ROOT, extra_options: dict[str, str] | None = None, command_prefix: list[str] | None = None
) -> Iterator[StreamlitServer]:
    server = start_streamlit(app_dir, extra_options, command_prefix=command_prefix)
    try:
        yield server
    finally:
        server.stop()
        server.log_path.unlink(missing_ok=True)


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch Debian's Chromium headless (never a Playwright-downloaded browser)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS)


@dataclass
class BrowserSession:
    """One browser tab with its own context, hence its own Streamlit session."""

    page: Page
    # Errors thrown by the page's JavaScript: the frontend broke on what it was sent.
    javascript_errors: list[str]

    def close(self) -> None:
        self.page.context.close()


def new_browser_session(browser: Browser, locale: str = "en-US", viewport: dict | None = None) -> BrowserSession:
    """A fresh context and page; `locale` is the language the browser reports,
    which the app takes as its default language; `viewport` its size (VIEWPORT unless given)."""
    context = browser.new_context(viewport=viewport or VIEWPORT, locale=locale)
    page = context.new_page()
    session = BrowserSession(page=page, javascript_errors=[])

    def record(error: Exception) -> None:
        # Chromium reports a resize that takes more than one frame to settle (our
        # screenshots resize the viewport) as an error; it harms nothing.
        if "ResizeObserver loop" not in str(error):
            session.javascript_errors.append(str(error))

    page.on("pageerror", record)
    return session


_IDLE_CHECK = """([quietMs, busySinceKey]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const busy = !app
    || app.dataset.testConnectionState !== 'CONNECTED'
    || app.dataset.testScriptState !== 'notRunning'
    || document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') !== null;
  const now = performance.now();
  if (busy || window[busySinceKey] === undefined) {
    window[busySinceKey] = now;
    return false;
  }
  return now - window[busySinceKey] >= quietMs;
}"""


def wait_until_idle(page: Page, timeout_ms: float = IDLE_TIMEOUT_MS) -> None:
    """Wait until the app is connected and no script run has happened for a while."""
    busy_since_key = f"__attentionLabBusySince{time.monotonic_ns()}"
    page.wait_for_function(
        _IDLE_CHECK,
        arg=[QUIET_PERIOD_MS, busy_since_key],
        polling=100,
        timeout=timeout_ms,
    )
    # Charts and images load after the script has finished.
    page.wait_for_load_state("networkidle", timeout=timeout_ms)


def open_app(page: Page, url: str) -> None:
    """Open `url` (the app, or one of its pages with a query string) and wait until it is idle."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=IDLE_TIMEOUT_MS)
    wait_until_idle(page)


@dataclass(frozen=True)
class SidebarLink:
    """One entry of the sidebar's page navigation."""

    label: str
    url: str

    @property
    def url_path(self) -> str:
        """The page's url path, e.g. "encoder"; the default page has ""."""
        return urlparse(self.url).path.strip("/")


def _read_sidebar_links(page: Page) -> list[SidebarLink]:
    navigation = page.locator('[data-testid="stSidebarNav"]')
    navigation.wait_for(state="visible", timeout=IDLE_TIMEOUT_MS)
    # With many pages Streamlit folds the list behind a "View more" button.
    view_more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if view_more.count() and "more" in view_more.inner_text().lower():
        view_more.click()
    # `a.href` is the absolute URL whatever the attribute holds; the label is the
    # page title without the icon's ligature text.
    entries = navigation.locator('[data-testid="stSidebarNavLink"]').evaluate_all(
        """anchors => anchors.map((a) => ({
            url: a.href,
            label: (a.querySelector('[data-testid="stMarkdownContainer"]') || a).innerText.trim(),
        }))"""
    )
    return [SidebarLink(label=entry["label"], url=entry["url"]) for entry in entries]


def sidebar_links(page: Page) -> list[SidebarLink]:
    """Every page in the sidebar navigation, in the order shown.

    Read until two reads agree: on a fresh server the first run can show
    Streamlit's legacy `pages/`-folder navigation until `st.navigation` replaces it.
    """
    links = _read_sidebar_links(page)
    for _ in range(5):
        wait_until_idle(page)
        settled = _read_sidebar_links(page)
        if settled == links:
            break
        links = settled
    return links


def click_sidebar_link(page: Page, link: SidebarLink) -> None:
    """Open a page the way a user does: click its sidebar link, wait until idle."""
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    urls = links.evaluate_all("anchors => anchors.map((a) => a.href)")
    if link.url not in urls:
        raise LookupError(f"the sidebar has no link to {link.url}; it has {urls}")
    links.nth(urls.index(link.url)).click()
    page.wait_for_url(page_address(link.url), timeout=IDLE_TIMEOUT_MS)
    wait_until_idle(page)


def page_address(url: str) -> re.Pattern:
    """The addresses of the page at `url`: the attention pages keep their view in the query
    string (ui/view_link.py), so the page's address with or without one is the page."""
    return re.compile(re.escape(url) + r"(\?.*)?$")


def navigation_language(page: Page) -> str:
    """Which language the sidebar's page names are in: "ko" when every name has
    Hangul, "en" when none has, "mixed" otherwise."""
    labels = [link.label for link in _read_sidebar_links(page)]
    with_hangul = sum(bool(HANGUL.search(label)) for label in labels)
    if labels and with_hangul == len(labels):
        return "ko"
    if with_hangul == 0:
        return "en"
    return "mixed"


def select_sidebar_option(page: Page, option: str) -> None:
    """Pick `option` in a sidebar choice widget (radio, segmented control, pills or
    selectbox) found by the option's visible text, then wait until idle."""
    sidebar = page.locator('[data-testid="stSidebarUserContent"]')
    visible_option = sidebar.get_by_text(option, exact=True).filter(visible=True)
    if visible_option.count():
        visible_option.first.click()
    else:
        # A selectbox shows only its current value: open each until one offers it.
        for selectbox in sidebar.locator('[data-testid="stSelectbox"]').all():
            selectbox.click()
            choice = page.get_by_role("option", name=option, exact=True)
            if choice.count():
                choice.first.click()
                break
            page.keyboard.press("Escape")
        else:
            raise LookupError(f"no sidebar widget offers the option {option!r}")
    wait_until_idle(page)


def page_problems(session: BrowserSession) -> list[str]:
    """What a user should never see: exception boxes, error alerts, tracebacks,
    and what should never happen behind them: JavaScript errors."""
    page = session.page
    problems = [f"javascript error: {error}" for error in session.javascript_errors]
    for exception_box in page.locator('[data-testid="stException"]').all():
        problems.append(f"exception box: {exception_box.inner_text()[:500]}")
    for error_alert in page.locator('[data-testid="stAlertContentError"]').all():
        problems.append(f"error alert: {error_alert.inner_text()[:500]}")
    leaked = LEAKED_EXCEPTION.search(page.locator("body").inner_text())
    if leaked:
        problems.append(f"exception text on the page: {leaked.group(0)!r}")
    return problems


def save_full_page_screenshot(page: Page, path: Path) -> None:
    """Screenshot the whole app, not just the viewport.

    Streamlit scrolls inside its main section rather than the document, so a
    Playwright full-page shot would stop at the viewport: grow the viewport to the
    content's height for the shot, then restore it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    content_height = page.evaluate(
        """() => Math.max(
            document.documentElement.scrollHeight,
            ...['stMain', 'stSidebarContent'].map((id) => {
              const el = document.querySelector(`[data-testid="${id}"]`);
              return el ? el.scrollHeight : 0;
            }))"""
    )
    original = page.viewport_size or VIEWPORT
    height = min(max(original["height"], content_height), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": original["width"], "height": height})
    try:
        wait_until_idle(page)
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(original)


def save_element_screenshot(page: Page, locator, path: Path) -> None:
    """Screenshot one element whole, also when it is taller than the viewport (grown for the shot,
    as in `save_full_page_screenshot`: Streamlit scrolls its main section, not the document)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    box = locator.bounding_box()
    original = page.viewport_size or VIEWPORT
    needed = int(box["height"] + 200) if box else original["height"]
    page.set_viewport_size(
        {"width": original["width"], "height": min(max(original["height"], needed), MAX_SCREENSHOT_HEIGHT)}
    )
    try:
        wait_until_idle(page)
        locator.scroll_into_view_if_needed()
        page.mouse.move(0, 0)  # no chart toolbar shown by a hover
        locator.screenshot(path=str(path), animations="disabled")
    finally:
        page.set_viewport_size(original)


def screenshot_name(link: SidebarLink) -> str:
    """File stem for a page's screenshot: its url path, "home" for the default page."""
    return link.url_path.replace("/", "-") or "home"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
