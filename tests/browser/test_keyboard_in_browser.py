"""Keyboard only: an attention page walked with Tab, its controls used with the keys a
keyboard user has (arrow keys in radio groups and sliders, Space on toggles, Enter on buttons
and in lists), never the mouse. Each use is checked by its effect: the URL's view parameters
(ui/view_link.py), the sidebar's sentence, the chart palette."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser import harness
from ui import texts
from ui.texts import TEXTS

pytestmark = pytest.mark.browser

MAX_TABS = 250  # Tab presses allowed to reach one control from wherever the focus is

# What the focused element is, in words: its label as a user would hear it.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return '';
  // Containers (the main section, the sidebar) are focusable too: only controls name their text.
  const control = ['button', 'summary', 'a'].includes(element.tagName.toLowerCase());
  const label = element.getAttribute('aria-label') || (element.closest('label') || {}).innerText
    || (control ? element.innerText : '') || '';
  return `${element.tagName.toLowerCase()}|${element.getAttribute('type') || element.getAttribute('role') || ''}|${label.trim()}`;
}"""


def params_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def named(label: str) -> str:
    """A pattern for a control named `label`: its text may carry a Material icon's name before it
    ("link\n\nCopy link to this view") and a popover's arrow after it."""
    return rf"(^|\|)([a-z_]+\n\n)?{re.escape(label)}(\n\nexpand_more)?$"


def tab_to(page, pattern: str, seen: list[str]) -> str:
    """Press Tab until the focused element's description matches `pattern`; every element passed
    is added to `seen`. Fails when it is not reached within MAX_TABS presses."""
    wanted = re.compile(pattern)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if wanted.search(focused):
            return focused
    raise AssertionError(f"{pattern!r} not reachable with Tab; reached: {sorted(set(seen))}")


def settle(page) -> None:
    harness.wait_until_idle(page)


def test_the_encoder_page_works_without_a_mouse(browser, streamlit_server, app_url, screenshot_dir):
    session = harness.new_browser_session(browser, "en-US")
    page = session.page
    try:
        link = {"lang": "en", "sentence": "나는 학생이다", "layer": "0", "head": "0", "token": "0"}
        page.goto(f"{app_url}/encoder?{urlencode(link)}", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stApp"]', timeout=harness.IDLE_TIMEOUT_MS)
        settle(page)
        seen: list[str] = []

        # Sidebar: the display settings (an expander opened with Enter, a toggle switched with Space).
        tab_to(page, named(TEXTS["sidebar.display"]["en"]), seen)
        page.keyboard.press("Enter")
        tab_to(page, named(TEXTS["sidebar.colour_blind_safe"]["en"]), seen)
        page.keyboard.press("Space")
        settle(page)
        assert page.locator('[data-testid="stSidebar"] input[type="checkbox"]:checked').count() == 1

        # Sidebar: an example sentence picked from the list with the arrow keys and Enter.
        page.keyboard.press("Shift+Tab")  # focus may have moved with the rerun: start again from the top
        tab_to(page, named(TEXTS["sidebar.examples"]["en"]), seen)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        settle(page)
        picked = params_of(page.url)["sentence"]
        assert picked != link["sentence"], "the example picked with the keyboard is studied"

        # The page: the layer, head and token radio groups, moved with the arrow keys.
        tab_to(page, "radio\\|" + re.escape(texts.text("views.layer_n", "en", n=0)) + "$", seen)
        page.keyboard.press("ArrowRight")
        settle(page)
        assert params_of(page.url)["layer"] == "1"
        tab_to(page, "radio\\|" + re.escape(texts.text("views.head_n", "en", n=0)) + "$", seen)
        page.keyboard.press("ArrowRight")
        settle(page)
        page.keyboard.press("ArrowRight")
        settle(page)
        assert params_of(page.url)["head"] == "2"
        tab_to(page, r"radio\|", seen)  # the token radio group comes next
        page.keyboard.press("ArrowRight")
        settle(page)
        assert params_of(page.url)["token"] == "1"

        # The "copy link" popover opens with Enter.
        tab_to(page, named(TEXTS["links.copy_button"]["en"]), seen)
        page.keyboard.press("Enter")
        page.get_by_test_id("stPopoverBody").wait_for(timeout=10_000)
        page.keyboard.press("Escape")

        # Every kind of control on the page was reached: buttons (downloads), radios, the lines toggle.
        tab_to(page, named(TEXTS["views.lines_every_token"]["en"]), seen)
        page.keyboard.press("Space")
        settle(page)
        assert harness.page_problems(session) == []
        assert any(focused.endswith("CSV") for focused in seen), "download buttons reachable"
        harness.save_full_page_screenshot(page, screenshot_dir / "keyboard-encoder-colour-blind-safe.png")
    finally:
        session.close()


def test_the_cross_step_slider_moves_with_the_arrow_keys(browser, streamlit_server, app_url):
    session = harness.new_browser_session(browser, "ko-KR")
    page = session.page
    try:
        link = {"lang": "ko", "sentence": "그는 학교에서 밥을 먹었다", "step": "1", "tab": "steps"}
        page.goto(f"{app_url}/cross?{urlencode(link)}", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stApp"]', timeout=harness.IDLE_TIMEOUT_MS)
        settle(page)
        tab_to(page, r"input\|range\|", [])
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        settle(page)
        assert params_of(page.url)["step"] == "3"
        assert page.locator('[data-testid="stSlider"] input[type="range"]').input_value() == "3"
        assert harness.page_problems(session) == []
    finally:
        session.close()
