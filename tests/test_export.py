"""ui/export.py: CSV of the rows a chart draws, SVG/PNG of the chart, the sentence's JSON."""

import io
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model import translate as translate_cli
from model.decoding import translate
from tests import app_testing, spreadsheet
from tests.app_testing import rerun
from ui import charts, export, frames

SENTENCE = "그는 학교에서 사과를 먹었다"
REPO_ROOT = Path(__file__).resolve().parents[1]
PAGES = REPO_ROOT / "pages"


@pytest.fixture(scope="module")
def translation(shipped):
    return translate(shipped, SENTENCE)


@pytest.fixture(scope="module")
def one_head(translation):
    frame = frames.attention_frame(translation)
    return frame[(frame["kind"] == "encoder_self") & (frame["layer"] == 1) & (frame["head"] == 2)].reset_index(
        drop=True
    )


def chart_rows(chart) -> list[dict]:
    (rows,) = chart.to_dict()["datasets"].values()
    return rows


def test_csv_rows_equal_the_weights_the_chart_draws(one_head, translation):
    chart = charts.attention_heatmap(one_head)
    data = export.csv_bytes(one_head)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read Hangul as UTF-8
    exported = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    drawn = chart_rows(chart)
    assert len(exported) == len(drawn) == len(one_head)
    for row, cell in zip(exported.itertuples(index=False), drawn, strict=True):
        assert (row.query_pos, row.key_pos) == (cell["query_pos"], cell["key_pos"])
        assert (row.query_token, row.key_token) == (cell["query_token"], cell["key_token"])
        assert row.weight == pytest.approx(cell["weight"], abs=1e-12)
    # The first query's row lists the keys in sentence order.
    assert list(exported["key_token"].iloc[: len(translation.source_tokens)]) == translation.source_tokens


def test_csv_keeps_hangul_and_odd_tokens_intact():
    frame = pd.DataFrame({"query_token": ["나", '"a,b"'], "key_token": ["<bos>", "학생"], "weight": [0.25, 0.75]})
    exported = pd.read_csv(io.BytesIO(export.csv_bytes(frame)), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(exported, frame)


def test_json_equals_the_cli_record(translation, capsys):
    record = json.loads(export.translation_json_bytes(translation))
    assert record == translate_cli.translation_json(translation)
    assert translate_cli.main(["--json", SENTENCE]) == 0
    assert json.loads(capsys.readouterr().out) == record
    assert record["source_tokens"] == ["그", "는", "학교", "에서", "사과", "를", "먹", "었다"]


def test_file_stem_is_ascii_and_never_empty():
    assert export.file_stem("encoder_self layer 0/head 1") == "encoder_self_layer_0_head_1"
    assert export.file_stem("나는") == "attention"


def test_the_image_exporter_is_installed():
    # vl-convert-python is in requirements.txt: without it every SVG/PNG button is gone. Never
    # skipped (here and in CI alike), or a broken install would pass unnoticed.
    assert export.image_export_available(), "vl-convert-python is missing: pip install -r requirements-dev.txt"


def test_svg_holds_the_charts_tokens(one_head):
    svg = export.chart_svg(charts.attention_heatmap(one_head, title="인코더"))
    assert svg.lstrip().startswith("<svg")
    for token in ["인코더", "학교", "었다"]:
        assert token in svg


def test_png_is_an_image_of_the_charts_size(one_head):
    chart = charts.attention_heatmap(one_head)
    png = export.chart_png(chart, scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    key_count = one_head["key_pos"].nunique()
    assert width >= 2 * chart.to_dict()["width"] >= 2 * 20 * key_count


def _page_with_exports():
    import streamlit as st

    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint
    from model.decoding import translate
    from ui import charts, export, frames

    translation = translate(load_checkpoint(SHIPPED_CHECKPOINT), "나는 학생이다")
    frame = frames.attention_frame(translation)
    frame = frame[(frame["kind"] == "cross") & (frame["layer"] == 0) & (frame["head"] == 0)]
    chart = charts.attention_heatmap(frame)
    st.altair_chart(chart)
    export.download_buttons(frame, chart, "cross_layer0_head0")
    export.download_buttons(frame, None, "table only")
    export.translation_json_button(translation, "translation")


def test_buttons_are_drawn_in_both_languages():
    for language, label in [("en", "All of this sentence's attention (JSON)"), ("ko", "이 문장의 모든 어텐션 (JSON)")]:
        app = AppTest.from_function(_page_with_exports, default_timeout=60)
        app.session_state["language"] = language
        rerun(app)
        buttons = app.get("download_button")
        labels = [button.proto.label for button in buttons]
        assert labels.count("CSV") == 2
        assert labels.count("SVG") == labels.count("PNG") == 1  # the chart's; the table has none
        assert label in labels


def test_a_pages_run_makes_no_file_and_a_click_makes_it(monkeypatch):
    """Every export is made on its button's click, never on the page's run: the decoder page
    has 22 buttons, and its CSVs alone, made on every run, were a fifth of the run's time."""
    download = app_testing.record_downloads(monkeypatch)
    made = []
    monkeypatch.setattr(export, "csv_bytes", lambda frame: made.append(frame) or b"rows")
    app = app_testing.run_page(str(PAGES / "decoder.py"))
    rerun(app)
    buttons = app.get("download_button")
    assert len(buttons) > 10 and made == []
    (first_csv, *_) = [button for button in buttons if button.proto.label == "CSV"]
    assert download(first_csv) == b"rows" and len(made) == 1


# --- CSVs safe to open in a spreadsheet (issue 16) ---------------------------------------------

# OWASP's formula starts, then the same after whitespace, full-width, and after a separator.
FORMULAS = ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
DISGUISED = [" =1+1", "\n=1+1", "＝1+1", "a;=1+1", "a\r=1+1", "a\t@SUM(A1)"]


def test_no_cell_of_a_csv_starts_a_formula():
    count = len(FORMULAS) + len(DISGUISED)
    frame = pd.DataFrame(
        {
            "query_token": FORMULAS + DISGUISED,
            "weight": [-0.25] * count,
            "key_token": pd.Categorical(list(reversed(FORMULAS + DISGUISED))),
            "=SUM(A1)": ["나"] * count,  # a column name is a cell too
        }
    )
    data = export.csv_bytes(frame)
    # Read with the file's comma, and as an importer that also splits on ";" or tabs would.
    for delimiter in (",", ";", "\t"):
        assert spreadsheet.formula_cells(data, delimiter) == [], delimiter
    header, *rows = spreadsheet.cells(data)
    assert len(rows) == count  # no "\r" or "\n" inside a cell ended its row
    assert header == ["query_token", "weight", "key_token", "'=SUM(A1)"]
    # Each hostile cell is still all there, behind the quote that makes it text.
    assert [row[0] for row in rows[: len(FORMULAS)]] == ["'=1+1", "'+1", "'-1+1", "'@SUM(A1)", "'\t'=1", "'\r'=1"]
    assert [row[0] for row in rows[len(FORMULAS) :]] == [
        "' =1+1",
        "\n'=1+1",
        "'＝1+1",
        "a;'=1+1",
        "a\r'=1+1",
        "a\t'@SUM(A1)",
    ]


def test_numbers_stay_numbers_and_plain_text_stays_as_it_is():
    frame = pd.DataFrame(
        {
            "kind": ["cross", "cross", "cross"],
            "layer": [0, 1, -1],
            "query_token": ["나", "<bos>", "don't"],
            "weight": [-0.25, 0.5, float("-inf")],
            "allowed": [True, False, True],
        }
    )
    data = export.csv_bytes(frame)
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig"), frame)
    # A negative weight is a bare number, neither quoted nor prefixed.
    assert [row[3] for row in spreadsheet.cells(data)[1:]] == ["-0.25", "0.5", "-inf"]


def test_json_export_keeps_formula_like_tokens_exact(shipped, capsys):
    record = json.loads(export.translation_json_bytes(translate(shipped, spreadsheet.HOSTILE_SENTENCE)))
    assert spreadsheet.HOSTILE_WORD in record["source_tokens"]  # data for programs: no quote added
    assert translate_cli.main(["--json", spreadsheet.HOSTILE_SENTENCE]) == 0
    assert json.loads(capsys.readouterr().out) == record


@pytest.mark.parametrize("page", ["encoder", "cross"])
def test_a_pages_csv_downloads_hold_no_formula_after_a_hostile_sentence(page, monkeypatch):
    download_data = app_testing.record_downloads(monkeypatch)
    app = app_testing.run_page(str(PAGES / f"{page}.py"), sentence=spreadsheet.HOSTILE_SENTENCE)
    csv_buttons = [button for button in app.get("download_button") if button.proto.label == "CSV"]
    assert csv_buttons
    every_cell = []
    for button in csv_buttons:
        data = download_data(button)
        assert spreadsheet.formula_cells(data) == [], button.proto.id
        every_cell += [cell for row in spreadsheet.cells(data) for cell in row]
    # The token is there, as text (not in every file: the word-order lines keep only the links drawn).
    assert "'" + spreadsheet.HOSTILE_WORD in every_cell


def test_streamlit_offers_no_csv_download_of_its_own():
    """Streamlit's table toolbar would write shown rows as they are; the app's config turns it
    off (what the learner sees: tests/browser/test_exports_in_browser.py)."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
