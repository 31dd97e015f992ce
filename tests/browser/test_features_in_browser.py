"""The deeper-inspection features used in the real browser, as a new learner would, in both
languages: every tab of the Cross-attention page (the map with its gold outline, predict
then reveal, step-through decoding, head scores, is attention an explanation?, compare two sentences), head ablation on Under the hood,
attention over training on the Train page, and Compare on the encoder and decoder pages (two sentences, then two models after
an upload). Each state is saved as a screenshot."""

from __future__ import annotations

import pytest

from model.checkpoint import SHIPPED_CHECKPOINT
from tests.browser import harness
from ui.texts import TEXTS

pytestmark = pytest.mark.browser


def link_to(page, url_path: str) -> harness.SidebarLink:
    return next(link for link in harness.sidebar_links(page) if link.url_path == url_path)


def assert_clean(session: harness.BrowserSession, where: str) -> None:
    assert harness.page_problems(session) == [], where


def open_tab(session: harness.BrowserSession, label: str) -> None:
    session.page.get_by_role("tab", name=label).click()
    harness.wait_until_idle(session.page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_cross_attention_tabs_guess_and_step_through(
    language, english_session, korean_session, app_url, screenshot_dir
):
    session = english_session if language == "en" else korean_session
    page = session.page
    harness.open_app(page, app_url)
    harness.click_sidebar_link(page, link_to(page, "cross"))
    assert_clean(session, "cross page")
    # The map tab is open first and outlines the gold cells in its legend.
    assert page.get_by_text(TEXTS["cross.tab.map"][language]).count() >= 1
    # Word order, seen: the lines between the two sentences close the map tab.
    assert page.get_by_text(TEXTS["cross.order.header"][language]).count() == 1
    harness.save_full_page_screenshot(page, screenshot_dir / f"{language}-cross-map.png")

    open_tab(session, TEXTS["cross.tab.guess"][language])
    guess_panel = page.locator('[role="tabpanel"]:visible')
    guess_panel.locator('[role="radiogroup"]').last.locator("label").first.click()
    harness.wait_until_idle(page)
    page.get_by_role("button", name=TEXTS["cross.guess.reveal"][language]).click()
    harness.wait_until_idle(page)
    assert_clean(session, "after the reveal")
    revealed = guess_panel.locator('[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentWarning"]')
    assert revealed.count() >= 1, "the reveal says whether the guess was right"
    harness.save_full_page_screenshot(page, screenshot_dir / f"{language}-cross-guess.png")

    for tab in ("cross.tab.steps", "cross.tab.heads", "cross.tab.explain", "cross.tab.compare"):
        open_tab(session, TEXTS[tab][language])
        assert_clean(session, tab)
        charts = page.locator('[role="tabpanel"]:visible [data-testid="stVegaLiteChart"]')
        if tab == "cross.tab.steps":
            assert charts.count() >= 3, "masked self-attention row, cross-attention row and top-5 side by side"
        if tab == "cross.tab.heads":
            # What each head does: the pruning curve is computed on request.
            page.get_by_role("button", name=TEXTS["cross.prune.button"][language]).click()
            harness.wait_until_idle(page, timeout_ms=300_000)
            assert_clean(session, "after pruning")
            assert charts.count() == 1, "the pruning curve"
        if tab == "cross.tab.compare":
            assert charts.count() == 3, "sentence A, sentence B and the difference map B − A"
        if tab == "cross.tab.explain":
            assert charts.count() == 1, "the four importance methods side by side"
            assert page.get_by_text(TEXTS["cross.explain.agreement_header"][language]).count() == 1
        harness.save_full_page_screenshot(page, screenshot_dir / f"{language}-{tab.split('.')[-1]}.png")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_head_ablation_and_attention_over_training(language, english_session, korean_session, app_url, screenshot_dir):
    session = english_session if language == "en" else korean_session
    page = session.page
    harness.open_app(page, app_url)
    harness.click_sidebar_link(page, link_to(page, "under_the_hood"))
    quick = TEXTS["hood.ablation.quick"][language].format(kind=TEXTS["hood.kind_short.cross"][language], layer=0)
    page.get_by_role("button", name=quick).click()
    harness.wait_until_idle(page, timeout_ms=180_000)  # the whole test split is translated with those heads off
    assert_clean(session, "ablation")
    assert page.locator('[data-testid="stMetric"]').count() >= 2, "test exact match before and after"
    harness.save_full_page_screenshot(page, screenshot_dir / f"{language}-hood-ablation.png")

    harness.click_sidebar_link(page, link_to(page, "train"))
    assert_clean(session, "train page")
    slider = page.locator('[data-testid="stSlider"]').last.get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowLeft")
    harness.wait_until_idle(page)
    assert_clean(session, "attention over training")
    harness.save_full_page_screenshot(page, screenshot_dir / f"{language}-train-snapshots.png")


def compare_box(page, language: str):
    """The bordered box the compare toggle opens (the innermost block holding its difference map)."""
    header = TEXTS["compare.difference_header"][language]
    return (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text=header)
        .filter(has=page.locator('[data-testid="stVegaLiteChart"]'))
        .last
    )


def switch_compare_on(session: harness.BrowserSession, language: str) -> None:
    session.page.get_by_text(TEXTS["compare.open"][language], exact=True).click()
    harness.wait_until_idle(session.page)
    assert_clean(session, "compare switched on")


def upload_checkpoint(page, path: str) -> None:
    sidebar = page.locator('[data-testid="stSidebarUserContent"]')
    expander = sidebar.locator('[data-testid="stExpander"]').filter(has_text="safetensors")
    if not expander.locator('[data-testid="stFileUploaderDropzone"]').is_visible():
        expander.locator("summary").click()
    expander.locator('input[type="file"]').set_input_files(path)
    harness.wait_until_idle(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_compare_two_sentences_then_two_models_on_the_self_attention_pages(
    language, english_session, korean_session, app_url, screenshot_dir
):
    session = english_session if language == "en" else korean_session
    page = session.page
    harness.open_app(page, app_url)
    # One model: two sentences, and how to get a second model.
    harness.click_sidebar_link(page, link_to(page, "encoder"))
    switch_compare_on(session, language)
    assert page.get_by_text(TEXTS["compare.one_model"][language]).count() == 1
    box = compare_box(page, language)
    assert box.locator('[data-testid="stVegaLiteChart"]').count() == 3, "sentence A, sentence B and B − A"
    harness.save_element_screenshot(page, box, screenshot_dir / f"{language}-encoder-compare.png")

    # A second model: the shipped file uploaded again. Compared with itself, B − A is 0 everywhere.
    upload_checkpoint(page, str(SHIPPED_CHECKPOINT))
    harness.click_sidebar_link(page, link_to(page, "decoder"))
    switch_compare_on(session, language)
    page.get_by_text(TEXTS["compare.what_model"][language], exact=True).click()
    harness.wait_until_idle(page)
    assert_clean(session, "two models")
    assert page.get_by_text(TEXTS["compare.same_model"][language]).count() == 1
    box = compare_box(page, language)
    assert box.locator('[data-testid="stVegaLiteChart"]').count() == 3, "model A, model B and B − A"
    harness.save_element_screenshot(page, box, screenshot_dir / f"{language}-decoder-compare-models.png")
