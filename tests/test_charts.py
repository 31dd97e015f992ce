"""ui/charts.py: the specs the charts hand to Vega-Lite, checked through chart.to_dict()."""

import json
import math

import pandas as pd
import pytest
import torch

from model import toy
from ui import basics, charts, frames

REPEATED = ["the", "cat", "the"]


def self_attention_frame(tokens, seed=0):
    generator = torch.Generator().manual_seed(seed)
    weights = torch.softmax(torch.randn(len(tokens), len(tokens), generator=generator), dim=-1)
    return frames.weights_frame(weights, tokens, tokens)


def chart_rows(spec: dict) -> list[dict]:
    """The rows the chart draws (altair stores one inline dataset per chart)."""
    (rows,) = spec["datasets"].values()
    return rows


def label_mapping(axis: dict) -> dict[str, str]:
    """Evaluate a `{...}[datum.value]` labelExpr back into its position -> label mapping."""
    expression = axis["labelExpr"]
    assert expression.endswith("[datum.value]")
    return json.loads(expression.removesuffix("[datum.value]"))


def test_heatmap_keeps_sentence_order_with_repeated_tokens():
    frame = self_attention_frame(REPEATED)
    spec = charts.attention_heatmap(frame).to_dict()
    cells = spec["layer"][0]
    x, y = cells["encoding"]["x"], cells["encoding"]["y"]
    # Positions are encoded, not tokens: "the" at 0 and "the" at 2 stay two rows.
    assert (x["field"], x["type"]) == ("key_pos", "ordinal")
    assert (y["field"], y["type"]) == ("query_pos", "ordinal")
    assert "sort" not in x and "sort" not in y  # ordinal positions sort ascending = sentence order
    rows = chart_rows(spec)
    assert sorted({row["query_pos"] for row in rows}) == [0, 1, 2]
    assert len(rows) == 9
    assert label_mapping(x["axis"]) == {"0": "the", "1": "cat", "2": "the"}
    assert label_mapping(y["axis"]) == {"0": "the", "1": "cat", "2": "the"}


def test_heatmap_colour_domain_tooltips_and_horizontal_labels():
    spec = charts.attention_heatmap(self_attention_frame(REPEATED), value_title="weight").to_dict()
    cells = spec["layer"][0]["encoding"]
    assert cells["color"]["scale"]["domain"] == [0, 1]
    assert cells["color"]["legend"]["title"] == "weight"
    tooltip = {item["field"]: item for item in cells["tooltip"]}
    assert tooltip["weight"]["format"] == ".4f"
    assert {"query_token", "key_token"} <= tooltip.keys()
    assert cells["x"]["axis"]["labelAngle"] == 0
    assert cells["y"]["axis"]["labelAngle"] == 0
    # Streamlit would "fit" the plot into the given size and squash the cells.
    assert spec["autosize"]["type"] == "pad"


def test_heatmap_text_overlay_only_for_small_maps():
    small = charts.attention_heatmap(self_attention_frame(REPEATED)).to_dict()
    large = charts.attention_heatmap(self_attention_frame([f"w{i}" for i in range(12)])).to_dict()
    assert [layer["mark"]["type"] for layer in small["layer"]] == ["rect", "text"]
    assert [layer["mark"]["type"] for layer in large["layer"]] == ["rect"]


def test_label_expression_escapes_quotes_and_keeps_hangul():
    frame = pd.DataFrame({"key_pos": [0, 1, 2], "key_token": ['say "hi"', "학생", "<bos>"]})
    expression = charts.position_label_expression(frame, "key_pos", "key_token")
    assert json.loads(expression.removesuffix("[datum.value]")) == {
        "0": 'say "hi"',
        "1": "학생",
        "2": "<bos>",
    }
    assert "학생" in expression


def test_matrix_heatmap_shows_negative_infinity_as_text_and_diverges_around_zero():
    form = toy.matrix_form(causal=True)
    frame = frames.matrix_frame(form.masked, form.tokens, form.tokens)
    spec = charts.matrix_heatmap(frame).to_dict()
    rows = chart_rows(spec)
    masked = [row for row in rows if row["negative_infinity"]]
    assert {(row["row_pos"], row["column_pos"]) for row in masked} == {
        (0, 1),
        (0, 2),
        (0, 3),
        (1, 2),
        (1, 3),
        (2, 3),
    }
    assert all(row["value"] is None for row in masked)  # no infinities reach the JSON
    shown = spec["transform"][0]["calculate"] if "transform" in spec else spec["layer"][0]["transform"][0]["calculate"]
    assert "−∞" in shown
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    finite = form.masked[torch.isfinite(form.masked)].abs().max().item()
    assert scale["domain"] == pytest.approx([-finite, finite])
    assert scale["domainMid"] == 0


def test_attention_bars_sentence_order_and_largest_marked():
    frame = self_attention_frame(REPEATED)
    row = frame[frame["query_pos"] == 1]
    spec = charts.attention_bars(row).to_dict()
    bars = spec["layer"][0]
    assert bars["encoding"]["x"]["field"] == "key_pos"
    assert label_mapping(bars["encoding"]["x"]["axis"]) == {
        "0": "the",
        "1": "cat",
        "2": "the",
    }
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["color"]["condition"]["test"] == "datum.is_largest"
    assert bars["encoding"]["color"]["condition"]["value"] == charts.HIGHLIGHT_COLOR
    assert len(chart_rows(spec)) == 3


def test_attention_grid_has_one_panel_per_layer_and_head():
    frame = pd.concat(
        [
            self_attention_frame(REPEATED, seed=layer * 10 + head).assign(layer=layer, head=head)
            for layer in range(2)
            for head in range(3)
        ]
    )
    spec = charts.attention_grid(frame, layer_title="층", head_title="헤드").to_dict()
    assert spec["facet"]["row"]["field"] == "layer"
    assert spec["facet"]["column"]["field"] == "head"
    assert "층" in spec["facet"]["row"]["header"]["labelExpr"]
    panel = spec["spec"]["encoding"]
    assert panel["color"]["scale"]["domain"] == [0, 1]
    assert label_mapping(panel["y"]["axis"]) == {"0": "the", "1": "cat", "2": "the"}
    assert panel["x"]["axis"]["labelAngle"] == 0
    assert len(chart_rows(spec)) == 2 * 3 * 9


def test_mask_pattern_chart_labels_blocked_cells():
    frame = basics.attention_pattern_frame("decoder_self")
    spec = charts.mask_pattern_chart(frame, allowed_label="볼 수 있음", blocked_label="가려짐").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "볼 수 있음",
        "가려짐",
    ]
    rows = chart_rows(spec)
    assert sum(not row["allowed"] for row in rows) == 10  # 5×5, strictly above the diagonal


def test_line_chart_folds_columns_into_translated_series():
    history = pd.DataFrame(
        {
            "step": [0, 10, 20],
            "train_loss": [3.0, 2.0, 1.5],
            "valid_loss": [3.1, 2.2, 1.9],
        }
    )
    spec = charts.line_chart(
        history,
        y_columns=["train_loss", "valid_loss"],
        series_labels={"train_loss": "학습", "valid_loss": "검증"},
        marker_x=10,
    ).to_dict()
    fold = spec["layer"][0]["transform"][0]
    assert fold["fold"] == ["학습", "검증"]
    assert spec["layer"][0]["encoding"]["x"]["axis"]["labelAngle"] == 0
    assert spec["layer"][1]["mark"]["type"] == "rule"


def test_vectors_chart_points_arrowheads_along_each_vector():
    frame = basics.vectors_frame(["u", "v"], [(2, 3), (-5, 2)])
    spec = charts.vectors_chart(frame).to_dict()
    heads = next(layer for layer in spec["layer"] if layer["mark"].get("shape") == "triangle-up")
    rows = {row["label"]: row for row in spec["datasets"][heads["data"]["name"]]}
    assert rows["u"]["angle"] == pytest.approx(90 - math.degrees(math.atan2(3, 2)))
    domain = heads["encoding"]["x"]["scale"]["domain"]
    assert domain == heads["encoding"]["y"]["scale"]["domain"]  # equal scales: angles look right
    assert domain[0] <= -5 and domain[1] >= 3


def test_rows_can_be_labelled_by_another_column():
    frame = self_attention_frame(["<bos>", "i", "am"]).assign(
        produced_token=lambda rows: rows["query_pos"].map({0: "i", 1: "am", 2: "<eos>"})
    )
    cells = charts.attention_heatmap(frame, query_label="produced_token").to_dict()["layer"][0]["encoding"]
    assert label_mapping(cells["y"]["axis"]) == {"0": "i", "1": "am", "2": "<eos>"}
    assert label_mapping(cells["x"]["axis"]) == {"0": "<bos>", "1": "i", "2": "am"}
    assert cells["tooltip"][0]["field"] == "produced_token"


def test_importance_bars_put_every_method_on_the_same_axes_in_sentence_order():
    methods = {"attention": "attention weight", "leave_one_out": "leave-one-out"}
    frame = pd.DataFrame(
        {
            "key_pos": [0, 1, 2, 0, 1, 2],
            "key_token": REPEATED * 2,
            "method": ["attention"] * 3 + ["leave_one_out"] * 3,
            "importance": [0.2, 0.5, 0.3, -0.01, 0.04, 0.02],
            "relative": [0.4, 1.0, 0.6, -0.25, 1.0, 0.5],
        }
    )
    spec = charts.importance_bars(frame, methods, x_title="Korean").to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["field"] == "key_pos" and encoding["x"]["type"] == "ordinal"
    assert label_mapping(encoding["x"]["axis"]) == {"0": "the", "1": "cat", "2": "the"}
    assert encoding["xOffset"]["field"] == "method_label" and encoding["xOffset"]["sort"] == list(methods.values())
    assert encoding["color"]["scale"]["domain"] == list(methods.values())
    assert encoding["color"]["scale"]["range"] == list(charts.METHOD_COLORS[:2])
    assert encoding["y"]["field"] == "relative"
    assert encoding["y"]["scale"]["domain"] == [-0.25, 1]  # below 0 only because one value is negative
    assert {row["method_label"] for row in chart_rows(spec)} == set(methods.values())
    positive = charts.importance_bars(frame.assign(relative=frame["relative"].abs()), methods).to_dict()
    assert positive["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_word_order_lines_keep_both_sentences_in_order_and_colour_the_crossings():
    korean, english = ["나", "는", "사과", "를", "먹었다"], ["i", "ate", "an", "apple"]
    weights = torch.full((len(english), len(korean)), 0.01)
    for row, key in enumerate([0, 4, 3, 2]):  # i-나, ate-먹었다 (crosses), an-를, apple-사과
        weights[row, key] = 0.96
    cross = frames.weights_frame(weights, english, korean).rename(columns={"query_token": "produced_token"})
    links = frames.word_order_frame(cross, len(english))
    strong = links[links["link"]].sort_values("query_pos")
    assert strong["key_pos"].tolist() == [0, 4, 3, 2]
    assert strong["crosses"].tolist() == [False, True, True, True]
    spec = charts.word_order_lines(links, crossing_label="x", straight_label="=").to_dict()
    edges = spec["layer"][0]
    assert edges["encoding"]["color"]["scale"] == {"domain": ["x", "="], "range": [charts.HIGHLIGHT_COLOR, "#4c78a8"]}
    rows = spec["datasets"][edges["data"]["name"]]
    assert [row["kind_of_line"] for row in sorted(rows, key=lambda row: row["query_pos"])] == ["=", "x", "x", "x"]
    # Korean across the top, English across the bottom, each evenly spaced in sentence order.
    korean_words, english_words = (spec["datasets"][spec["layer"][index]["data"]["name"]] for index in (1, 2))
    assert [word["label"] for word in sorted(korean_words, key=lambda word: word["x"])] == korean
    assert [word["label"] for word in sorted(english_words, key=lambda word: word["x"])] == english
    assert {word["y"] for word in korean_words} == {0.0} and {word["y"] for word in english_words} == {1.0}
    assert spec["layer"][0]["encoding"]["y"]["scale"]["reverse"] is True  # y = 0 (Korean) on top


# The encoding channels Vega-Lite draws a legend for (positions have axes instead).
LEGEND_CHANNELS = {"color", "fill", "stroke", "opacity", "fillOpacity", "strokeOpacity", "strokeWidth", "size", "shape"}


def legend_conflicts(spec) -> list[str]:
    """Fields that two channels of one mark encode, one with a legend and one without: Vega-Lite
    merges the legends of a field and warns "Conflicting legend property disable"."""
    conflicts = []
    if isinstance(spec, dict):
        by_field: dict[str, set[bool]] = {}
        for name, channel in (spec.get("encoding") or {}).items():
            if name in LEGEND_CHANNELS and isinstance(channel, dict) and "field" in channel:
                by_field.setdefault(channel["field"], set()).add(channel.get("legend", {}) is None)
        conflicts += [field for field, shown in by_field.items() if len(shown) > 1]
        for value in spec.values():
            conflicts += legend_conflicts(value)
    elif isinstance(spec, list):
        for value in spec:
            conflicts += legend_conflicts(value)
    return conflicts


@pytest.mark.parametrize("focus_pos", [None, 1])
def test_attention_lines_show_one_legend_for_the_weights_width_and_opacity(focus_pos):
    frame = self_attention_frame(["나", "는", "학생", "이다"])
    spec = charts.attention_lines(frame, focus_pos=focus_pos, value_title="가중치").to_dict()
    assert legend_conflicts(spec) == []
    (edges,) = [layer for layer in spec["layer"] if "strokeWidth" in layer.get("encoding", {})]
    legends = [edges["encoding"][channel]["legend"] for channel in ("opacity", "strokeWidth")]
    assert legends[0] == legends[1] and legends[0]["title"] == "가중치"
