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
