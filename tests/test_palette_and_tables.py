"""The sidebar's display settings: a colour-blind-safe palette for every heatmap, and every
chart's numbers as a table. Read back from what the pages send (Vega-Lite specs, dataframes)."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_testing import drawn_charts, rerun
from ui import basics_sections, charts, state, texts

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
SENTENCE = "그는 학교에서 밥을 먹었다"


def colour_schemes(spec) -> set[str]:
    """Every `scale.scheme` of a chart's colour encodings, layers and facets included."""
    found, stack = set(), [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            scheme = node.get("scale", {}).get("scheme") if isinstance(node.get("scale"), dict) else None
            if scheme is not None:
                found.add(scheme)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


# The step of a page whose heatmaps are not in its first, open tab.
HEATMAP_TABS = {"basics.py": (basics_sections.STEP, "basics.matrix.header")}


def page_schemes(page: str, palette: str | None = None, tables: bool = False) -> tuple[set[str], AppTest]:
    app = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=120)
    app.session_state[state.LANGUAGE] = "en"
    app.session_state[state.SENTENCE] = SENTENCE
    if page in HEATMAP_TABS:
        tabs_key, label_key = HEATMAP_TABS[page]
        app.session_state[tabs_key] = texts.text(label_key, "en")
    if palette is not None:
        app.session_state[state.PALETTE] = palette
    app.session_state[state.SHOW_TABLES] = tables
    rerun(app)
    return set().union(*(colour_schemes(spec) for spec, _ in drawn_charts(app))), app


@pytest.mark.parametrize("chart_name", ["attention_heatmap", "attention_grid", "attention_heatmap_with_gold"])
def test_every_weight_heatmap_takes_the_palette(chart_name):
    rows = pd.DataFrame(
        {
            "kind": "encoder_self",
            "layer": 0,
            "head": 0,
            "query_pos": [0, 0, 1, 1],
            "key_pos": [0, 1, 0, 1],
            "query_token": ["a", "a", "b", "b"],
            "key_token": ["a", "b", "a", "b"],
            "weight": [0.9, 0.1, 0.3, 0.7],
        }
    )
    extra = {"gold_frame": None} if chart_name == "attention_heatmap_with_gold" else {}
    standard = getattr(charts, chart_name)(rows, **extra).to_dict()
    safe = getattr(charts, chart_name)(rows, palette=state.COLOUR_BLIND_SAFE_PALETTE, **extra).to_dict()
    assert colour_schemes(standard) == {"blues"}
    assert colour_schemes(safe) == {"greys"}  # single hue: lightness alone


def test_the_palettes_are_the_ones_the_state_names():
    assert set(charts.PALETTES) == {state.STANDARD_PALETTE, state.COLOUR_BLIND_SAFE_PALETTE}
    assert charts.PALETTES[state.COLOUR_BLIND_SAFE_PALETTE]["diverging"] == "blueorange"


def test_the_decoder_page_draws_every_heatmap_in_the_chosen_palette():
    standard, _ = page_schemes("decoder.py")
    safe, _ = page_schemes("decoder.py", palette=state.COLOUR_BLIND_SAFE_PALETTE)
    assert standard == {"blues", "redblue"}  # weights, and the signed scores of the mask stages
    assert safe == {"greys", "blueorange"}


@pytest.mark.parametrize("page", ["encoder.py", "cross.py", "under_the_hood.py", "basics.py"])
def test_no_page_keeps_a_standard_colour_in_the_safe_palette(page):
    safe, _ = page_schemes(page, palette=state.COLOUR_BLIND_SAFE_PALETTE)
    assert safe, "the page draws no colour scale"
    assert not safe & {"blues", "redblue"}


def test_the_sidebar_toggle_switches_the_palette_and_keeps_it(navigation_runs_the_entrypoint):
    app = AppTest.from_file(APP, default_timeout=120)
    app.context["locale"] = "en-US"
    rerun(app)
    app.switch_page("pages/encoder.py")
    rerun(app)
    assert set().union(*(colour_schemes(spec) for spec, _ in drawn_charts(app))) == {"blues"}
    app.sidebar.toggle(key=state.PALETTE_WIDGET).set_value(True)
    rerun(app)
    assert app.session_state[state.PALETTE] == state.COLOUR_BLIND_SAFE_PALETTE
    app.switch_page("pages/cross.py")
    rerun(app)  # kept across pages (session state, not the widget)
    assert set().union(*(colour_schemes(spec) for spec, _ in drawn_charts(app))) == {"greys"}
    assert app.sidebar.toggle(key=state.PALETTE_WIDGET).value is True


def test_with_tables_on_every_exported_chart_has_its_numbers_as_a_table():
    _, without = page_schemes("encoder.py")
    _, with_tables = page_schemes("encoder.py", tables=True)
    charts_drawn = len(drawn_charts(with_tables))
    assert len(without.dataframe) == 0
    assert len(with_tables.dataframe) == charts_drawn  # grid, one head, bars, lines
    grid_table = with_tables.dataframe[0].value
    assert {"layer", "head", "query_token", "key_token", "weight"} <= set(grid_table.columns)
