"""The Decoder masked self-attention page under AppTest, and its score frame (ui/views.py)."""

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from model.decoding import translate
from tests.app_testing import drawn_charts, markdown_text, rerun, run_page
from tests.test_page_encoder import (
    bars_data,
    expected_map,
    grid_data,
    large_head_data,
    lines_data,
    marks,
    only_data,
    title_of,
    y_labels,
)
from ui import views

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "decoder.py")
KIND = "decoder_self"
ROWS = ["<bos> → i", "i → am", "am → a", "a → student", "student → <eos>"]
KEYS = ["<bos>", "i", "am", "a", "student"]


@pytest.fixture(scope="module")
def translation(shipped):
    return translate(shipped, "나는 학생이다")


def mask_stages(app) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(scores, masked scores, softmax) as drawn: the two matrix charts, then the weights after them."""
    single = [(spec, only_data(data)) for spec, data in drawn_charts(app) if len(data) == 1]
    matrices = [rows for spec, rows in single if "negative_infinity" in rows]
    scores, masked = matrices
    heatmaps = [
        rows for spec, rows in single if "facet" not in spec and marks(spec) == {"rect", "text"} and "weight" in rows
    ]
    large, softmax = heatmaps
    return scores, masked, softmax


def test_page_runs_and_title_and_prose_follow_the_language():
    english = run_page(PAGE, language="en")
    korean = run_page(PAGE, language="ko")
    assert english.title[0].value == "Decoder masked self-attention"
    assert korean.title[0].value == "디코더 마스크드 셀프 어텐션"
    prose_en = markdown_text(english)
    prose_ko = markdown_text(korean)
    assert "peek at the next word" in prose_en and "produces" in prose_en
    assert "베낄 수" in prose_ko and "만드는" in prose_ko
    assert english.radio(key=views.widget_key(KIND, "focus")).options == ROWS


def test_grid_has_every_layer_and_head_over_the_translation(shipped):
    rows = grid_data(run_page(PAGE))
    config = shipped.model_config
    assert set(zip(rows["layer"], rows["head"], strict=True)) == set(
        itertools.product(range(config.n_decoder_layers), range(config.n_heads))
    )
    assert len(rows) == config.n_decoder_layers * config.n_heads * 5 * 5


def test_rows_read_then_produce_and_layer_head_change_the_data(translation):
    app = run_page(PAGE)
    spec, first = large_head_data(app)
    assert y_labels(spec) == {str(position): label for position, label in enumerate(ROWS)}
    assert list(first["key_token"][:5]) == KEYS
    assert first["weight"].to_numpy().reshape(5, 5) == pytest.approx(expected_map(translation, KIND, 0, 0), abs=1e-6)
    first_scores = mask_stages(app)[0]

    app.radio(key=views.widget_key(KIND, "layer")).set_value(1)
    app.radio(key=views.widget_key(KIND, "head")).set_value(3)
    rerun(app)
    spec, second = large_head_data(app)
    assert title_of(spec) == "Layer 1 · head 3"
    assert second["weight"].to_numpy().reshape(5, 5) == pytest.approx(expected_map(translation, KIND, 1, 3), abs=1e-6)
    second_scores = mask_stages(app)[0]
    assert abs(first_scores["value"].to_numpy() - second_scores["value"].to_numpy()).max() > 1e-3


@pytest.mark.parametrize(("layer", "head"), [(0, 0), (1, 2)])
def test_masked_cells_are_minus_infinity_then_zero_after_softmax(translation, layer, head):
    app = run_page(PAGE)
    app.radio(key=views.widget_key(KIND, "layer")).set_value(layer)
    app.radio(key=views.widget_key(KIND, "head")).set_value(head)
    scores, masked, softmax = mask_stages(rerun(app))
    above = masked["column_pos"] > masked["row_pos"]
    assert above.sum() == 10  # 5 x 5, strictly above the diagonal
    # Masked: exactly the cells above the diagonal are −∞ (no number), the rest keep their score.
    assert (masked["negative_infinity"] == above).all()
    assert masked.loc[above, "value"].isna().all()
    assert masked.loc[~above, "value"].to_numpy() == pytest.approx(scores.loc[~above, "value"].to_numpy())
    # Before masking every cell has a finite score, future ones included.
    assert not scores["negative_infinity"].any() and np.isfinite(scores["value"]).all()
    # Softmax: zeros above the diagonal, rows sum to 1, and it is the softmax of the masked row.
    weights = softmax["weight"].to_numpy().reshape(5, 5)
    assert (weights[np.triu_indices(5, k=1)] == 0).all()
    assert weights.sum(axis=1) == pytest.approx(np.ones(5), abs=1e-6)
    masked_rows = torch.tensor(masked["value"].fillna(-math.inf).to_numpy().reshape(5, 5))
    assert weights == pytest.approx(torch.softmax(masked_rows, dim=-1).numpy(), abs=1e-5)
    assert weights == pytest.approx(expected_map(translation, KIND, layer, head), abs=1e-6)


def test_focus_step_changes_bars_and_lines(translation):
    app = run_page(PAGE)
    # The page starts at the step that produced the last word ("a → student").
    assert app.radio(key=views.widget_key(KIND, "focus")).value == 3
    assert set(bars_data(app)["query_pos"]) == {3}
    app.radio(key=views.widget_key(KIND, "focus")).set_value(1)  # i → am
    rerun(app)
    bars = bars_data(app)
    assert set(bars["query_pos"]) == {1}
    for (layer, head), panel in bars.groupby(["layer", "head"]):
        assert panel["weight"].to_numpy() == pytest.approx(expected_map(translation, KIND, layer, head)[1], abs=1e-6)
        assert (panel.loc[panel["key_pos"] > 1, "weight"] == 0).all()
    lines = lines_data(app)
    assert set(lines["query_pos"]) == {1} and list(lines["key_token"]) == KEYS


def test_score_frame_matches_the_model(shipped, translation):
    frame = views.decoder_score_frame(shipped, translation)
    config = shipped.model_config
    assert len(frame) == config.n_decoder_layers * config.n_heads * 25
    assert (frame["allowed"] == (frame["key_pos"] <= frame["query_pos"])).all()
    assert frame["scaled_score"].to_numpy() == pytest.approx(frame["score"].to_numpy() / math.sqrt(config.d_head))
    assert np.isneginf(frame.loc[~frame["allowed"], "masked_score"]).all()
    assert (frame.loc[frame["allowed"], "masked_score"] == frame.loc[frame["allowed"], "scaled_score"]).all()
    weights = frame["weight"].to_numpy().reshape(config.n_decoder_layers, config.n_heads, 5, 5)
    assert weights == pytest.approx(translation.maps.decoder_self.numpy(), abs=1e-6)


def test_score_matrix_flags_minus_infinity(shipped, translation):
    head = views.one_head(views.decoder_score_frame(shipped, translation), 0, 1)
    matrix = views.score_matrix(head, "masked_score")
    assert list(matrix.columns) == ["row_pos", "column_pos", "row_label", "column_label", "value", "negative_infinity"]
    assert (matrix["negative_infinity"] == (matrix["column_pos"] > matrix["row_pos"])).all()
    assert matrix.loc[matrix["negative_infinity"], "value"].isna().all()
    assert list(matrix["row_label"].drop_duplicates()) == ROWS
