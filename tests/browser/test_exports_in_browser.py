"""Exports that are safe to open (issue 16), in a real browser: a CSV downloaded after a
hostile sentence holds no formula, and Streamlit's own tables offer no CSV of their own.

Streamlit's table toolbar (st.dataframe, and a chart's "Show data" view) would download
the rows as they are, so .streamlit/config.toml turns it off (`client.disableDataExport`);
these tests look at the toolbar a learner sees.
"""

from __future__ import annotations

import pytest

from tests import spreadsheet
from tests.browser import harness

pytestmark = pytest.mark.browser

SIDEBAR_SENTENCE = '[data-testid="stSidebarUserContent"] [data-testid="stTextInput"] input'
TOOLBAR_BUTTONS = '[data-testid="stElementToolbar"] button'
CSV_DOWNLOAD = "Download as CSV"  # Streamlit's toolbar labels are English in every language


def go_to(page, url_path: str) -> None:
    """Open a page from the sidebar, in the same session (what was typed stays)."""
    links = {link.url_path: link for link in harness.sidebar_links(page)}
    harness.click_sidebar_link(page, links[url_path])


def toolbar_labels(page, element) -> list[str]:
    """The labels of the toolbar Streamlit shows over `element` when the pointer is on it."""
    element.scroll_into_view_if_needed()
    element.hover()
    buttons = page.locator(TOOLBAR_BUTTONS).filter(visible=True)
    buttons.first.wait_for(timeout=harness.IDLE_TIMEOUT_MS)
    return buttons.evaluate_all("buttons => buttons.map((button) => button.getAttribute('aria-label'))")


def test_a_csv_downloaded_after_a_hostile_sentence_holds_no_formula(english_session, app_url):
    page = english_session.page
    harness.open_app(page, app_url)
    field = page.locator(SIDEBAR_SENTENCE).first
    field.fill(spreadsheet.HOSTILE_SENTENCE)
    field.press("Enter")
    harness.wait_until_idle(page)
    go_to(page, "encoder")
    with page.expect_download(timeout=harness.IDLE_TIMEOUT_MS) as download_info:
        page.locator('[data-testid="stDownloadButton"] button').filter(has_text="CSV").first.click()
    download = download_info.value
    data = download.path().read_bytes()
    assert download.suggested_filename.endswith(".csv")
    assert spreadsheet.formula_cells(data) == []
    # The sentence was taken: its unknown word is in the rows, as text.
    assert "'" + spreadsheet.HOSTILE_WORD in [cell for row in spreadsheet.cells(data) for cell in row]


def test_streamlit_tables_offer_no_csv_download(english_session, app_url):
    page = english_session.page
    harness.open_app(page, app_url)
    # The Train page's table of pairs (an uploaded corpus is shown the same way).
    go_to(page, "train")
    table = page.locator('[data-testid="stDataFrame"]').filter(visible=True).first
    labels = toolbar_labels(page, table)
    assert "Search" in labels and CSV_DOWNLOAD not in labels, labels
    # A chart's "Show data" view: the chart's rows, tokens included, as a table.
    go_to(page, "encoder")
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(visible=True).first
    toolbar_labels(page, chart)
    page.locator(f'{TOOLBAR_BUTTONS}[aria-label="Show data"]').filter(visible=True).first.click()
    table_view = page.locator('[data-testid="stDataFrame"]').filter(visible=True).first
    labels = toolbar_labels(page, table_view)
    assert "Show chart" in labels and "Search" in labels and CSV_DOWNLOAD not in labels, labels
