"""No script from text (issue 5): script payloads typed into every text input of every page,
and a checkpoint whose words are markup, run nothing in a real browser.

Each payload would set `window.__xss` if the browser ever ran it (an `<img onerror>`, a
`<script>`, a `javascript:` link). After each submission the test asserts that
`window.__xss` is undefined, that no dialog opened, and that no live `javascript:` link,
injected `<img src=x>` or payload `<script>` is in the page. Payloads are typed both
alone (the sidebar refuses a sentence without Hangul) and inside a Korean sentence, which
the model takes, so the markup reaches every page as tokens, tables and chart labels.
"""

from __future__ import annotations

import json
import struct

import pytest

from model.checkpoint import SHIPPED_CHECKPOINT
from tests.browser import harness

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    "[x](javascript:window.__xss=1)",
)
HOSTILE_WORD = "<img/src=x/onerror=window.__xss=1>"  # "/" separates HTML attributes like a space
TYPED = [*PAYLOADS, *(f"나는 {payload} 학생이다" for payload in PAYLOADS)]
TEXT_INPUTS = '[data-testid="stTextInput"] input, [data-testid="stTextArea"] textarea'

_INJECTED = """() => ({
  xss: typeof window.__xss,
  javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
  injectedImages: document.querySelectorAll('img[src="x"]').length,
  payloadScripts: [...document.scripts].filter((script) => script.text.includes('__xss')).length,
})"""
CLEAN = {"xss": "undefined", "javascriptLinks": 0, "injectedImages": 0, "payloadScripts": 0}


def watch_dialogs(session: harness.BrowserSession) -> list[str]:
    """Every alert/confirm/prompt the page opens (dismissed at once)."""
    opened: list[str] = []

    def on_dialog(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    session.page.on("dialog", on_dialog)
    return opened


def submit_text(session: harness.BrowserSession, index: int, text: str) -> None:
    """Type `text` into the page's index-th text input and press Enter, as a learner does."""
    field = session.page.locator(TEXT_INPUTS).nth(index)
    field.click()
    field.fill(text)
    field.press("Enter")
    harness.wait_until_idle(session.page)


def test_script_payloads_in_every_text_input_run_nothing(english_session, app_url):
    page = english_session.page
    dialogs = watch_dialogs(english_session)
    harness.open_app(page, app_url)
    tried: dict[str, int] = {}
    for link in harness.sidebar_links(page):
        harness.click_sidebar_link(page, link)
        count = page.locator(TEXT_INPUTS).count()
        assert count >= 1, f"{link.url_path or 'home'}: the sidebar's sentence box is missing"
        for index in range(count):
            for text in TYPED:
                submit_text(english_session, index, text)
                state = page.evaluate(_INJECTED)
                assert state == CLEAN, (link.url_path, index, text, state)
                assert dialogs == [], (link.url_path, index, text, dialogs)
                assert not page.locator('[data-testid="stException"]').count(), (link.url_path, text)
        tried[link.url_path or "home"] = count
    # Every page has the sidebar's box; the Train page adds its corpus search.
    assert len(tried) >= 7 and tried["train"] >= 2, tried
    # The last payload sentence is still the one under study on the last page: it was rendered, not dropped.
    assert "javascript" in page.locator('[data-testid="stSidebarUserContent"]').inner_text()


def hostile_vocabulary_checkpoint(tmp_path) -> str:
    """The shipped model with its English word "student" renamed to a script payload (one word: no spaces)."""
    data = SHIPPED_CHECKPOINT.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    metadata = header["__metadata__"]
    tokens = json.loads(metadata["target_vocabulary"])
    metadata["target_vocabulary"] = json.dumps([HOSTILE_WORD if token == "student" else token for token in tokens])
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    path = tmp_path / "hostile-words.safetensors"
    path.write_bytes(struct.pack("<Q", len(encoded)) + encoded + data[8 + size :])
    return str(path)


def test_a_checkpoint_whose_words_are_markup_runs_nothing_on_any_page(english_session, app_url, tmp_path):
    page = english_session.page
    dialogs = watch_dialogs(english_session)
    harness.open_app(page, app_url)
    sidebar = page.locator('[data-testid="stSidebarUserContent"]')
    expander = sidebar.locator('[data-testid="stExpander"]').filter(has_text="safetensors")
    if not expander.locator('[data-testid="stFileUploaderDropzone"]').is_visible():
        expander.locator("summary").click()
    expander.locator('input[type="file"]').set_input_files(hostile_vocabulary_checkpoint(tmp_path))
    harness.wait_until_idle(page)
    # The uploaded model is in use and translates 나는 학생이다 into the payload word.
    assert "hostile-words" in sidebar.inner_text()
    assert HOSTILE_WORD in sidebar.inner_text()  # shown as text
    for link in harness.sidebar_links(page):
        harness.click_sidebar_link(page, link)
        state = page.evaluate(_INJECTED)
        assert state == CLEAN, (link.url_path, state)
        assert dialogs == []
        assert not page.locator('[data-testid="stException"]').count(), link.url_path


FOREIGN_IMAGE = "http://127.0.0.1:9/tracker.png"  # port 9 (discard): nothing answers, the request alone tells


def test_markdown_images_in_typed_text_load_nothing_from_other_hosts(english_session, app_url):
    """Widget options render inline markdown: a typed ![x](url) must stay text, not fetch url."""
    page = english_session.page
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if request.url.startswith(FOREIGN_IMAGE) else None)
    harness.open_app(page, app_url)
    submit_text(english_session, 0, f"나는 ![x]({FOREIGN_IMAGE}) 학생이다")
    fetched_on = []
    for link in harness.sidebar_links(page):
        harness.click_sidebar_link(page, link)
        if foreign:
            fetched_on.append(link.url_path or "home")
            foreign.clear()
    assert fetched_on == []
