"""ui/export.py: CSV of the rows a chart draws, SVG/PNG of the chart, the sentence's JSON."""

import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model import translate as translate_cli
from model.decoding import translate
from tests.app_testing import rerun
from ui import charts, export, frames

SENTENCE = "그는 학교에서 사과를 먹었다"


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


needs_vl_convert = pytest.mark.skipif(not export.image_export_available(), reason="vl-convert-python is not installed")


@needs_vl_convert
def test_svg_holds_the_charts_tokens(one_head):
    svg = export.chart_svg(charts.attention_heatmap(one_head, title="인코더"))
    assert svg.lstrip().startswith("<svg")
    for token in ["인코더", "학교", "었다"]:
        assert token in svg


@needs_vl_convert
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
        images = 2 if export.image_export_available() else 0
        assert labels.count("CSV") == 2
        assert labels.count("SVG") == labels.count("PNG") == images // 2
        assert label in labels
