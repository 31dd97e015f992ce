"""Links to a view in the real browser: a link opens its view in a fresh session, the address
bar follows the controls, the "copy link" box copies that address, and a hostile link shows its
defaults with a message (no script runs, no traceback)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser import harness
from ui.texts import TEXTS

pytestmark = pytest.mark.browser

SENTENCE = "그는 학교에서 밥을 먹었다"


def checked_options(page) -> list[str]:
    """The labels of every checked radio button on the page, in page order."""
    return [
        radio.evaluate("e => e.closest('label').innerText") for radio in page.locator("input[type=radio]:checked").all()
    ]


def pick_radio(page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
    harness.wait_until_idle(page)


def params_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def open_url(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]', timeout=harness.IDLE_TIMEOUT_MS)
    # A fresh session can look idle before its first run starts: wait for the page's radios too.
    page.wait_for_function(
        "document.querySelectorAll('input[type=radio]:checked').length >= 3", timeout=harness.IDLE_TIMEOUT_MS
    )
    harness.wait_until_idle(page)


def test_a_link_opens_its_view_follows_the_controls_and_copies(browser, streamlit_server, app_url):
    sender = harness.new_browser_session(browser, "en-US")  # the teacher's browser is in English
    try:
        page = sender.page
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
        link = {"lang": "ko", "sentence": SENTENCE, "layer": "1", "head": "2", "token": "2"}
        open_url(page, f"{app_url}/encoder?{urlencode(link)}")
        assert harness.page_problems(sender) == []
        assert checked_options(page)[-3:] == ["층 1", "헤드 2", "학교"]  # the link's language and view
        assert params_of(page.url) == link

        pick_radio(page, "헤드 0")  # a rerun by a picker: the address bar follows it too
        assert params_of(page.url) == {**link, "head": "0"}

        page.get_by_role("button", name=TEXTS["links.copy_button"]["ko"]).click()
        code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
        code.hover()
        code.get_by_role("button", name="Copy to clipboard").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.url.replace("+", "%20")  # the same address, spaces written %20
    finally:
        sender.close()

    receiver = harness.new_browser_session(browser, "en-US")  # a learner opens the copied link
    try:
        open_url(receiver.page, copied)
        assert harness.page_problems(receiver) == []
        assert checked_options(receiver.page)[-3:] == ["층 1", "헤드 0", "학교"]
    finally:
        receiver.close()


def test_a_cross_link_opens_its_tab_and_step(browser, streamlit_server, app_url):
    session = harness.new_browser_session(browser, "ko-KR")
    try:
        link = {
            "lang": "en",
            "sentence": SENTENCE,
            "layer": "0",
            "head": "1",
            "token": "2",
            "step": "3",
            "tab": "steps",
        }
        open_url(session.page, f"{app_url}/cross?{urlencode(link)}")
        assert harness.page_problems(session) == []
        selected = session.page.get_by_role("tab", selected=True)
        assert selected.inner_text().strip() == TEXTS["cross.tab.steps"]["en"]
        slider = session.page.locator('[data-testid="stSlider"] input[type="range"]')
        assert slider.input_value() == "3"
        assert params_of(session.page.url) == link
    finally:
        session.close()


def test_a_hostile_link_shows_the_defaults_and_says_why(browser, streamlit_server, app_url):
    session = harness.new_browser_session(browser, "ko-KR")
    dialogs: list[str] = []
    session.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        hostile = (
            "layer=99&head=1&head=2&token=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
            "&sentence=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=%22%3E%3Csvg%20onload%3Dalert(2)%3E"
        )
        open_url(session.page, f"{app_url}/decoder?{hostile}")
        assert harness.page_problems(session) == []
        assert dialogs == []
        shown = session.page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
        # Five refusals (layer, repeated head, token, language, sentence), in the browser's language.
        assert len(shown) == 5, shown
        assert all(harness.HANGUL.search(text) for text in shown)
        written = params_of(session.page.url)
        assert (written["layer"], written["head"], written["lang"]) == ("0", "0", "ko")
        assert "<" not in session.page.url
    finally:
        session.close()


def test_an_under_the_hood_link_opens_its_kind_and_what_ifs(browser, streamlit_server, app_url):
    """A teacher's "look what happens without the scale" link: kind, layer, head, query and
    what-ifs, opened in a fresh browser whose language differs from the link's."""
    session = harness.new_browser_session(browser, "en-US")
    try:
        page = session.page
        link = {
            "lang": "ko",
            "sentence": SENTENCE,
            "kind": "cross",
            "layer": "1",
            "head": "2",
            "token": "3",
            "scale": "off",
            "temperature": "2.5",
        }
        page.goto(f"{app_url}/under_the_hood?{urlencode(link)}", wait_until="domcontentloaded")
        kind_picker = page.get_by_role("combobox", name=TEXTS["hood.kind"]["ko"], exact=True)
        kind_picker.wait_for(timeout=harness.IDLE_TIMEOUT_MS)
        harness.wait_until_idle(page)
        assert harness.page_problems(session) == []
        assert kind_picker.input_value() == TEXTS["hood.kind.cross"]["ko"]
        for label_key, shown in (("hood.layer", "1"), ("hood.head", "2")):
            assert page.get_by_role("combobox", name=TEXTS[label_key]["ko"], exact=True).input_value() == shown
        query = page.get_by_role("combobox", name=TEXTS["hood.query"]["ko"], exact=True).input_value()
        assert query.startswith("3: ")  # decoder position 3 (its label adds the token it read and produced)
        scale = page.get_by_role("switch", name=TEXTS["hood.what_if.scale"]["ko"])
        assert not scale.is_checked()
        temperature = page.locator('[data-testid="stSlider"] input[type="range"]')
        assert float(temperature.input_value()) == 2.5
        shown = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
        assert any(TEXTS["hood.what_if.no_scale"]["ko"] in text for text in shown)  # the what-if is computed
        assert params_of(page.url) == link

        scale.press("Space")  # the scale back on (a click may land on the sticky header): the address follows
        harness.wait_until_idle(page)
        assert params_of(page.url) == {**link, "scale": "on"}
    finally:
        session.close()
