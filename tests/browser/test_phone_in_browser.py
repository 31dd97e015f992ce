"""The attention pages on a phone (390 x 844, as the issue's learners had): no chart is cut
off (a chart wider than the screen scrolls inside its own box, the page itself never scrolls
sideways), and the sidebar's sentence picker still works. Screenshots: phone-*.png."""

from __future__ import annotations

import pytest

from tests.browser import harness
from ui.texts import TEXTS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# For every chart: its box, and whether an ancestor scrolls sideways to show all of it.
CHART_FIT = """() => {
  const charts = [];
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = chart.getBoundingClientRect();
    let scrolls = false;
    for (let node = chart.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      // Its own box: a scroller around this chart alone, within the screen.
      if ((overflow === 'auto' || overflow === 'scroll') && node.scrollWidth >= chart.scrollWidth
          && node.getBoundingClientRect().right <= innerWidth + 1
          && node.querySelectorAll('[data-testid="stVegaLiteChart"]').length === 1) { scrolls = true; break; }
    }
    charts.push({left: box.left, right: box.right, width: box.width, scrolls});
  }
  // Streamlit scrolls its main section, not the document: neither may scroll sideways.
  const main = document.querySelector('[data-testid="stMain"]');
  const pageWidth = Math.max(document.documentElement.scrollWidth, main ? main.scrollWidth : 0);
  return {charts, pageWidth, screenWidth: innerWidth};
}"""


def cut_off_charts(page) -> list[dict]:
    fit = page.evaluate(CHART_FIT)
    assert fit["pageWidth"] <= fit["screenWidth"], "the page itself scrolls sideways"
    assert fit["charts"], "no chart drawn"
    return [chart for chart in fit["charts"] if chart["right"] > fit["screenWidth"] + 1 and not chart["scrolls"]]


@pytest.mark.parametrize("url_path", ["encoder", "decoder", "cross"])
def test_no_chart_is_cut_off_on_a_phone(url_path, browser, streamlit_server, app_url, screenshot_dir):
    session = harness.new_browser_session(browser, "ko-KR", viewport=PHONE)
    try:
        page = session.page
        harness.open_app(page, f"{app_url}/{url_path}?sentence=그는 학교에서 밥을 먹었다")
        assert harness.page_problems(session) == []
        page.screenshot(path=str(screenshot_dir / f"phone-{url_path}-top.png"))
        assert cut_off_charts(page) == []
        harness.save_full_page_screenshot(page, screenshot_dir / f"phone-{url_path}.png")
    finally:
        session.close()


def test_the_sentence_picker_works_on_a_phone(browser, streamlit_server, app_url, screenshot_dir):
    session = harness.new_browser_session(browser, "en-US", viewport=PHONE)
    try:
        page = session.page
        harness.open_app(page, f"{app_url}/encoder")
        page.get_by_test_id("stExpandSidebarButton").click()  # collapsed on a narrow screen
        sidebar = page.get_by_test_id("stSidebar")
        typed = sidebar.get_by_role("textbox", name=TEXTS["sidebar.typed"]["en"])
        typed.fill("그는 학교에서 밥을 먹었다")
        typed.press("Enter")
        harness.wait_until_idle(page)
        page.screenshot(path=str(screenshot_dir / "phone-sidebar.png"))
        box = sidebar.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
        assert harness.page_problems(session) == []
        assert "학교" in sidebar.inner_text()  # its tokens are shown
        assert "sentence=%EA%B7%B8" in page.url or "sentence=그는" in page.url
    finally:
        session.close()


def test_compare_fits_a_phone(browser, streamlit_server, app_url, screenshot_dir):
    """The comparison's two maps side by side and the difference map: each fits or scrolls in its own box."""
    session = harness.new_browser_session(browser, "ko-KR", viewport=PHONE)
    try:
        page = session.page
        harness.open_app(page, f"{app_url}/decoder?sentence=그는 학교에서 밥을 먹었다")
        page.get_by_text(TEXTS["compare.open"]["ko"], exact=True).click()
        harness.wait_until_idle(page)
        assert harness.page_problems(session) == []
        assert page.get_by_text(TEXTS["compare.difference_header"]["ko"]).count() == 1
        assert cut_off_charts(page) == []
        box = (
            page.locator('[data-testid="stVerticalBlock"]')
            .filter(has_text=TEXTS["compare.difference_header"]["ko"])
            .filter(has=page.locator('[data-testid="stVegaLiteChart"]'))
            .last
        )
        harness.save_element_screenshot(page, box, screenshot_dir / "phone-decoder-compare.png")
    finally:
        session.close()
