"""The real app in headless Chromium: every page opened the way a user opens it
(a click in the sidebar), none showing an error, each saved as a screenshot; and
the sidebar's language switch changing what the user reads."""

from __future__ import annotations

import re

import pytest

from tests.browser import harness

pytestmark = pytest.mark.browser

# DESIGN §5: Home, Attention basics, Train, Encoder self-attention, Decoder masked
# self-attention, Cross-attention, Under the hood.
EXPECTED_MIN_PAGES = 7
# The attention pages must draw their heatmaps (issue 3, "How it will be checked").
ATTENTION_PAGE_PATH = re.compile(r"encoder|decoder|cross")
HANGUL = harness.HANGUL


def hangul_share(text: str) -> float:
    """Share of the letters in `text` that are Hangul syllables."""
    letters = [character for character in text if character.isalpha()]
    return sum(bool(HANGUL.match(c)) for c in letters) / max(len(letters), 1)


def is_the_apps(url: str, app_url: str) -> bool:
    """Whether a browser request stays with the app: its own server, or data the page made itself."""
    return url.startswith((app_url.rstrip("/") + "/", "data:", "blob:"))


def main_text(session: harness.BrowserSession) -> str:
    return session.page.locator('[data-testid="stMain"]').inner_text()


def test_every_page_opens_from_the_sidebar_without_an_error(english_session, app_url, screenshot_dir):
    page = english_session.page
    # The app runs offline: nothing a page loads may come from anywhere but the app's server.
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url) if not is_the_apps(request.url, app_url) else None)
    harness.open_app(page, app_url)
    assert harness.page_problems(english_session) == []

    links = harness.sidebar_links(page)
    assert len(links) >= EXPECTED_MIN_PAGES, [link.label for link in links]
    assert len({link.url for link in links}) == len(links), "two links to one page"

    problems_by_page = {}
    for link in links:
        harness.click_sidebar_link(page, link)
        problems = harness.page_problems(english_session)
        # The session's language (from the browser: English) holds on every page.
        if harness.navigation_language(page) != "en":
            problems.append("the sidebar is no longer in English")
        if page.locator('[data-testid="stMain"] h1').count() == 0:
            problems.append("no page title (h1) drawn")
        if ATTENTION_PAGE_PATH.search(link.url_path):
            charts = page.locator('[data-testid="stVegaLiteChart"]')
            if charts.count() == 0:
                problems.append("no chart drawn")
            elif charts.first.locator("canvas, svg").count() == 0:
                problems.append("a chart element without a rendered canvas or svg")
        harness.save_full_page_screenshot(page, screenshot_dir / f"{harness.screenshot_name(link)}.png")
        if problems:
            problems_by_page[link.url_path or "(home)"] = problems

    assert problems_by_page == {}
    assert elsewhere == [], "requests to other hosts (the tab's icon was once fetched from fonts.gstatic.com)"
    attention_pages = [link for link in links if ATTENTION_PAGE_PATH.search(link.url_path)]
    assert len(attention_pages) >= 3, "expected the encoder, decoder and cross pages"


def visible_language_texts(session: harness.BrowserSession) -> list[str]:
    """What must be in the current language: the page title and every sidebar
    page name."""
    title = session.page.locator('[data-testid="stMain"] h1').first.inner_text()
    return [title] + [link.label for link in harness.sidebar_links(session.page)]


def assert_reads_korean(session: harness.BrowserSession) -> None:
    texts = visible_language_texts(session)
    assert all(HANGUL.search(text) for text in texts), texts


def assert_reads_english(session: harness.BrowserSession) -> None:
    texts = visible_language_texts(session)
    assert not any(HANGUL.search(text) for text in texts), texts


def test_the_default_language_follows_the_browser(korean_session, english_session, app_url):
    harness.open_app(korean_session.page, app_url)
    harness.open_app(english_session.page, app_url)
    assert_reads_korean(korean_session)
    assert_reads_english(english_session)
    # The prose too, not only the titles.
    assert hangul_share(main_text(korean_session)) > 3 * hangul_share(main_text(english_session))
    # And it holds when the learner moves on, even to the page already open.
    for link in harness.sidebar_links(korean_session.page)[:2]:
        harness.click_sidebar_link(korean_session.page, link)
        assert_reads_korean(korean_session)


def test_switching_the_language_changes_the_text(english_session, app_url):
    page = english_session.page
    harness.open_app(page, app_url)

    harness.select_sidebar_option(page, "한국어")
    assert_reads_korean(english_session)
    korean_text = main_text(english_session)

    harness.select_sidebar_option(page, "English")
    assert_reads_english(english_session)
    english_text = main_text(english_session)
    assert hangul_share(korean_text) > 3 * hangul_share(english_text)

    # The choice belongs to the session: it holds on a page opened afterwards.
    last_page = harness.sidebar_links(page)[-1]
    harness.click_sidebar_link(page, last_page)
    assert_reads_english(english_session)
    assert harness.page_problems(english_session) == []
