"""ui/views.py with kind="cross": the sections the cross-attention page reuses."""

import pytest
from streamlit.testing.v1 import AppTest

from model.decoding import translate
from tests.app_testing import rerun
from tests.test_page_encoder import bars_data, grid_data, large_head_data, lines_data, y_labels
from ui import views


def _cross_sections():
    import streamlit as st

    from ui import state, views

    attention = views.kind_frame(state.study().attention, "cross")
    views.head_grid(attention, "cross")
    layer, head = views.pick_layer_head(attention, "cross")
    views.large_head(attention, "cross", layer, head)
    query_pos = views.pick_query(attention, "cross")
    views.focused_row_bars(attention, "cross", query_pos)
    views.lines_view(attention, "cross", layer, head, query_pos)
    st.caption("done")


@pytest.fixture(scope="module")
def translation(shipped):
    return translate(shipped, "나는 학생이다")


def test_cross_sections_show_english_rows_over_korean_keys(translation):
    app = AppTest.from_function(_cross_sections, default_timeout=60)
    app.session_state["language"] = "en"
    rerun(app)
    grid = grid_data(app)
    assert set(grid["kind"]) == {"cross"}
    spec, head = large_head_data(app)
    assert y_labels(spec) == {
        "0": "<bos> → i",
        "1": "i → am",
        "2": "am → a",
        "3": "a → student",
        "4": "student → <eos>",
    }
    assert list(head["key_token"][:4]) == ["나", "는", "학생", "이다"]
    assert head["weight"].to_numpy().reshape(5, 4) == pytest.approx(translation.maps.cross[0, 0].numpy(), abs=1e-6)

    app.radio(key=views.widget_key("cross", "head")).set_value(3)
    app.radio(key=views.widget_key("cross", "focus")).set_value(4)
    rerun(app)
    _, head = large_head_data(app)
    assert head["weight"].to_numpy().reshape(5, 4) == pytest.approx(translation.maps.cross[0, 3].numpy(), abs=1e-6)
    assert set(bars_data(app)["query_pos"]) == {4}
    lines = lines_data(app)
    assert set(lines["query_pos"]) == {4} and list(lines["key_token"]) == ["나", "는", "학생", "이다"]
    assert app.caption[-1].value == "done"


def test_the_chart_cache_key_tells_apart_frames_that_differ_in_anything(translation, shipped):
    """`frame_key` replaces Streamlit's DataFrame hashing for the chart cache: equal frames
    must share a key (a redraw finds its chart), and a frame with one value, label, column
    name, dtype or index entry changed must not (it would be drawn as the other frame)."""
    from ui import frames

    frame = views.kind_frame(frames.attention_frame(translation), "encoder_self")
    rebuilt = views.kind_frame(frames.attention_frame(translate(shipped, translation.source)), "encoder_self")
    assert views.frame_key(rebuilt) == views.frame_key(frame)

    changed_weight = frame.copy()
    changed_weight.loc[changed_weight.index[-1], "weight"] += 1e-12
    changed_token = frame.copy()
    changed_token.loc[changed_token.index[0], "key_token"] = "학생"
    changed_none = frame.copy()
    changed_none.loc[changed_none.index[0], "row_label"] = None
    renamed = frame.rename(columns={"weight": "value"})
    retyped = frame.astype({"layer": "float64"})
    reindexed = frame.set_axis(frame.index + 1)
    variants = (changed_weight, changed_token, changed_none, renamed, retyped, reindexed)
    keys = {views.frame_key(variant) for variant in variants}
    assert views.frame_key(frame) not in keys
    assert len(keys) == 6


def test_the_chart_cache_draws_a_changed_frame_anew(translation):
    """Through `prepared_chart` itself: the same rows give the cached chart back, rows with one
    weight changed give a chart of their own whose data holds the new weight."""
    from ui import frames

    frame = views.kind_frame(frames.attention_frame(translation), "encoder_self")
    rows = views.one_head(frame, 0, 0)
    options = {"title": "t", "x_title": "x", "y_title": "y", "value_title": "v"}
    first = views.prepared_chart("attention_heatmap", rows, options)
    assert views.prepared_chart("attention_heatmap", rows.copy(), options) is first
    changed = rows.copy()
    changed.loc[changed.index[0], "weight"] = 0.123456
    second = views.prepared_chart("attention_heatmap", changed, options)
    assert second is not first
    assert second.spec_json is not None
    assert second.datasets != first.datasets
