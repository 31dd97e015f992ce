"""The Encoder self-attention page under AppTest, read through the data of the charts it draws."""

import itertools
import json
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model.decoding import translate
from tests import app_testing
from tests.app_testing import drawn_charts, rerun
from ui import views

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "encoder.py")
KIND = "encoder_self"
REPEATED = "그는 그녀는"  # 그 는 그녀 는: "는" at positions 1 and 3
run_page = partial(app_testing.run_page, PAGE)


def marks(spec: dict) -> set[str]:
    """The mark types of a chart, layers and facets included."""
    found = set()
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            mark = node.get("mark")
            if mark is not None:
                found.add(mark["type"] if isinstance(mark, dict) else mark)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def title_of(spec: dict) -> str:
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else title


def only_data(datasets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    (rows,) = datasets.values()
    return rows


def grid_data(app: AppTest) -> pd.DataFrame:
    """The layer x head grid: the facet chart of rectangles."""
    [rows] = [only_data(data) for spec, data in drawn_charts(app) if "facet" in spec and "rect" in marks(spec)]
    return rows


def large_head_data(app: AppTest) -> tuple[dict, pd.DataFrame]:
    """The one-head heatmap: a layered chart of rectangles and values with the head's title."""
    [(spec, rows)] = [
        (spec, only_data(data))
        for spec, data in drawn_charts(app)
        if "facet" not in spec and marks(spec) == {"rect", "text"} and "weight" in only_data(data)
    ][:1]
    return spec, rows


def bars_data(app: AppTest) -> pd.DataFrame:
    [rows] = [only_data(data) for spec, data in drawn_charts(app) if "facet" in spec and "bar" in marks(spec)]
    return rows


def lines_data(app: AppTest) -> pd.DataFrame:
    """The lines view's edges: the dataset with a weight per (query, key)."""
    [datasets] = [data for spec, data in drawn_charts(app) if "rule" in marks(spec) and "rect" not in marks(spec)]
    [edges] = [rows for rows in datasets.values() if "weight" in rows]
    return edges


def y_labels(spec: dict) -> dict[str, str]:
    """Position -> label of the first layer's y axis (its labelExpr)."""
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    return json.loads(axis["labelExpr"].removesuffix("[datum.value]"))


def expected_map(translation, kind: str, layer: int, head: int):
    return getattr(translation.maps, kind)[layer, head].numpy()


# --- the page -------------------------------------------------------------------------


def test_page_runs_and_title_and_prose_follow_the_language():
    english = run_page(language="en")
    korean = run_page(language="ko")
    assert english.title[0].value == "Encoder self-attention"
    assert korean.title[0].value == "인코더 셀프 어텐션"
    assert "query" in english.markdown[0].value and "쿼리" in korean.markdown[0].value
    assert english.radio(key=views.widget_key(KIND, "layer")).label == "Layer"
    assert korean.radio(key=views.widget_key(KIND, "layer")).label == "층"


def test_key_widgets_and_exports_exist(shipped):
    app = run_page()
    config = shipped.model_config
    assert app.radio(key=views.widget_key(KIND, "layer")).options == [
        f"Layer {n}" for n in range(config.n_encoder_layers)
    ]
    assert app.radio(key=views.widget_key(KIND, "head")).options == [f"Head {n}" for n in range(config.n_heads)]
    assert app.radio(key=views.widget_key(KIND, "focus")).options == ["나", "는", "학생", "이다"]
    assert app.toggle(key=views.widget_key(KIND, "lines_every_token")).value is False
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels.count("CSV") == 4  # grid, one head, bars, lines
    assert "All of this sentence's attention (JSON)" in labels


def test_grid_has_every_layer_and_head(shipped):
    rows = grid_data(run_page())
    config = shipped.model_config
    panels = set(zip(rows["layer"], rows["head"], strict=True))
    assert panels == set(itertools.product(range(config.n_encoder_layers), range(config.n_heads)))
    assert len(rows) == config.n_encoder_layers * config.n_heads * 4 * 4  # 나 는 학생 이다
    assert set(rows["kind"]) == {KIND}


def test_changing_layer_and_head_changes_the_large_heatmap(shipped):
    translation = translate(shipped, "나는 학생이다")
    app = run_page()
    spec, first = large_head_data(app)
    assert title_of(spec) == "Layer 0 · head 0"
    assert first["weight"].to_numpy().reshape(4, 4) == pytest.approx(expected_map(translation, KIND, 0, 0), abs=1e-6)

    app.radio(key=views.widget_key(KIND, "layer")).set_value(1)
    app.radio(key=views.widget_key(KIND, "head")).set_value(2)
    spec, second = large_head_data(rerun(app))
    assert title_of(spec) == "Layer 1 · head 2"
    assert set(second["layer"]) == {1} and set(second["head"]) == {2}
    assert second["weight"].to_numpy().reshape(4, 4) == pytest.approx(expected_map(translation, KIND, 1, 2), abs=1e-6)
    assert abs(first["weight"].to_numpy() - second["weight"].to_numpy()).max() > 1e-3


def test_focus_token_changes_the_bars_and_lines(shipped):
    translation = translate(shipped, "나는 학생이다")
    app = run_page()
    bars = bars_data(app)
    assert set(bars["query_pos"]) == {0}
    lines = lines_data(app)
    assert set(lines["query_pos"]) == {0}

    app.radio(key=views.widget_key(KIND, "focus")).set_value(2)  # 학생
    rerun(app)
    bars = bars_data(app)
    assert set(bars["query_pos"]) == {2} and set(bars["query_token"]) == {"학생"}
    for (layer, head), panel in bars.groupby(["layer", "head"]):
        assert list(panel["key_token"]) == ["나", "는", "학생", "이다"]
        assert panel["weight"].to_numpy() == pytest.approx(expected_map(translation, KIND, layer, head)[2], abs=1e-6)
    assert set(lines_data(app)["query_pos"]) == {2}

    app.toggle(key=views.widget_key(KIND, "lines_every_token")).set_value(True)
    lines = lines_data(rerun(app))
    assert sorted(set(lines["query_pos"])) == [0, 1, 2, 3] and len(lines) == 16


def test_a_repeated_token_keeps_its_own_row_in_sentence_order():
    app = run_page(sentence=REPEATED)
    tokens = ["그", "는", "그녀", "는"]
    spec, rows = large_head_data(app)
    assert y_labels(spec) == {"0": "그", "1": "는", "2": "그녀", "3": "는"}
    assert list(rows["query_pos"]) == [q for q in range(4) for _ in range(4)]
    assert list(rows["key_token"][:4]) == tokens
    assert len(rows) == 16  # two "는" rows, not one merged row
    focus = app.radio(key=views.widget_key(KIND, "focus"))
    assert focus.options == ["그", "는 (1)", "그녀", "는 (2)"]
    focus.set_value(3)
    bars = bars_data(rerun(app))
    assert set(bars["query_pos"]) == {3}
    assert list(bars.drop_duplicates("key_pos")["key_token"]) == tokens


# --- views helpers ----------------------------------------------------------------------


def test_position_labels_number_repeated_tokens_only():
    frame = pd.DataFrame({"query_pos": [2, 0, 1, 3], "label": ["는", "그", "는", "다"]})
    assert views.position_labels(frame, "query_pos", "label") == {0: "그", 1: "는 (1)", 2: "는 (2)", 3: "다"}


def test_decoder_rows_are_labelled_read_then_produced(shipped):
    from ui import frames

    translation = translate(shipped, "나는 학생이다")
    rows = views.kind_frame(frames.attention_frame(translation), "decoder_self")
    labels = rows.drop_duplicates("query_pos")["row_label"].tolist()
    assert labels == ["<bos> → i", "i → am", "am → a", "a → student", "student → <eos>"]
    encoder = views.kind_frame(frames.attention_frame(translation), KIND)
    assert encoder.drop_duplicates("query_pos")["row_label"].tolist() == ["나", "는", "학생", "이다"]
