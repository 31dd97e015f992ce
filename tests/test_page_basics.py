"""The Attention basics page under AppTest, and its toy math (ui/basics.py) directly."""

import math
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
import torch
from streamlit.testing.v1 import AppTest

from model import toy
from model.attention import causal_allowed
from tests import app_testing
from tests.app_testing import markdown_text
from ui import basics, basics_sections, frames, texts

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "basics.py")
TOKENS = list(toy.SENTENCE)
run_page = partial(app_testing.run_page, PAGE)
QUERY_AND_KEY = "basics.qk.header"
MATRIX_FORM = "basics.matrix.header"


def run_step(label_key: str, language: str = "en") -> AppTest:
    """The page with the step labelled `label_key` open."""
    return app_testing.open_tab(run_page(language), basics_sections.STEP, label_key)


def reveal_button(app: AppTest):
    return next(button for button in app.button if button.label == texts.TEXTS["basics.predict.reveal"]["en"])


def weights_table(app: AppTest):
    """The softmax table of the matrix form: tokens × tokens, rows summing to 1."""
    candidates = [
        element.value
        for element in app.dataframe
        if list(element.value.index) == TOKENS
        and list(element.value.columns) == TOKENS
        and ((element.value.sum(axis=1) - 1).abs() < 0.01).all()
        and (element.value.to_numpy() >= 0).all()
    ]
    assert len(candidates) == 1
    return candidates[0].to_numpy()


# --- the page -----------------------------------------------------------------------


def test_page_runs_and_title_follows_the_language():
    english = run_page("en")
    korean = run_page("ko")
    assert english.title[0].value == texts.TEXTS["basics.title"]["en"] == "Attention basics"
    assert korean.title[0].value == texts.TEXTS["basics.title"]["ko"]
    assert korean.title[0].value != english.title[0].value
    assert texts.TEXTS["basics.intro"]["ko"] in markdown_text(korean)


def test_only_the_open_step_runs():
    app = run_page()
    assert [tab.label for tab in app.tabs][: len(basics_sections.STEPS)] == [
        texts.TEXTS[label_key]["en"] for label_key in basics_sections.STEPS
    ]
    first_step_charts = len(app_testing.drawn_charts(app))
    assert app.slider(key=basics_sections.WEIGHT_A) and not app.toggle  # step 1 only: no matrix-form toggles
    assert first_step_charts == 3  # the weighted sum and the two pairs of vectors
    app = app_testing.open_tab(app, basics_sections.STEP, MATRIX_FORM)
    assert app.toggle(key=basics_sections.SCALE)
    assert not [slider for slider in app.slider if slider.key == basics_sections.WEIGHT_A]
    assert len(app_testing.drawn_charts(app)) > first_step_charts  # X, the weights and the projections


def test_each_step_ends_with_a_button_to_the_next():
    app = run_page("ko")
    labels = list(basics_sections.STEPS)
    for label_key, next_key in zip(labels, labels[1:], strict=False):
        assert app.session_state[basics_sections.STEP] == texts.TEXTS[label_key]["ko"]
        wanted = texts.text("basics.next_step", "ko", step=texts.TEXTS[next_key]["ko"])
        next(button for button in app.button if button.label == wanted).click()
        app_testing.rerun(app)
    assert app.session_state[basics_sections.STEP] == texts.TEXTS[labels[-1]]["ko"]
    assert not [button for button in app.button if button.label.startswith("다음 단계")]  # the last step has none


def test_a_closed_step_keeps_its_widget_values():
    app = run_page()
    app.slider(key=basics_sections.WEIGHT_A).set_value(0.5)
    app_testing.rerun(app)
    app = app_testing.open_tab(app, basics_sections.STEP, MATRIX_FORM)
    app.toggle(key=basics_sections.SCALE).set_value(False)
    app_testing.rerun(app)
    app = app_testing.open_tab(app, basics_sections.STEP, "basics.prereq.header")
    assert app.slider(key=basics_sections.WEIGHT_A).value == 0.5
    app = app_testing.open_tab(app, basics_sections.STEP, MATRIX_FORM)
    assert app.toggle(key=basics_sections.SCALE).value is False


def test_weighted_sum_slider_moves_c():
    app = run_page()
    assert "**(1.48, 3.64)**" in markdown_text(app)  # 0.88·(1, 4) + 0.12·(5, 1)
    app.slider(key="basics_weight_a").set_value(0.25).run()
    expected = basics.weighted_sum_point(0.25)
    assert f"**({expected[0]:.2f}, {expected[1]:.2f})**" in markdown_text(app)
    assert "**(1.48, 3.64)**" not in markdown_text(app)


def test_dot_product_presets_are_the_posts_numbers_written_out():
    app = run_page()
    text = markdown_text(app)
    assert "[2, 3]·[4, 5] = (2×4) + (3×5) = 8 + 15 = 23" in text
    assert "[2, 3]·[-5, 2] = (2×-5) + (3×2) = -10 + 6 = -4" in text
    app.number_input(key="basics_dot_0_u_x").set_value(1.0).run()
    assert "[1, 3]·[4, 5] = (1×4) + (3×5) = 4 + 15 = 19" in markdown_text(app)


def feedback(app: AppTest) -> list[str]:
    """The verdict on the learner's guess (the takeaway box is also st.success, without a key name)."""
    return [element.value for element in [*app.success, *app.warning] if "k₂" in element.value]


def key_tables(app: AppTest) -> list:
    return [element.value for element in app.dataframe if "k₂" in element.value.iloc[:, 0].tolist()]


def test_predict_then_reveal():
    app = run_step(QUERY_AND_KEY)
    assert reveal_button(app).disabled  # nothing to reveal before a guess
    assert texts.TEXTS["basics.predict.waiting"]["en"] in [element.value for element in app.info]
    assert not feedback(app) and not key_tables(app)  # the softmax of step 2 stays hidden
    app.radio(key="basics_guess").set_value("k₁").run()
    assert not key_tables(app)  # guessing alone reveals nothing
    reveal_button(app).click().run()
    assert key_tables(app)
    assert app.warning and "k₂" in app.warning[0].value  # k₁ points the same way but k₂ is longer
    app.radio(key="basics_guess").set_value("k₂").run()
    assert not app.warning
    assert any(value.startswith("Right") for value in feedback(app))


def test_temperature_sharpens_the_revealed_weights():
    app = run_step(QUERY_AND_KEY)
    app.radio(key="basics_guess").set_value("k₂").run()
    reveal_button(app).click().run()
    table = next(element.value for element in app.dataframe if "k₂" in element.value.iloc[:, 0].tolist())
    warm = table.iloc[1, -1]
    app.slider(key="basics_temperature").set_value(0.3).run()
    table = next(element.value for element in app.dataframe if "k₂" in element.value.iloc[:, 0].tolist())
    assert table.iloc[1, -1] > warm
    assert table.iloc[:, -1].sum() == pytest.approx(1.0)


def test_scale_toggle_changes_the_weights():
    app = run_step(MATRIX_FORM)
    scaled = weights_table(app)
    app.toggle(key="basics_scale").set_value(False).run()
    unscaled = weights_table(app)
    assert not (abs(scaled - unscaled) < 1e-6).all()
    # Without ÷√d_k the rows are sharper: the largest weight of each row grows.
    assert (unscaled.max(axis=1) >= scaled.max(axis=1) - 1e-6).all()


def test_causal_toggle_puts_zeros_above_the_diagonal():
    app = run_step(MATRIX_FORM)
    before = weights_table(app)
    above = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1).numpy()
    assert (before[above] > 0).all()
    app.toggle(key="basics_causal").set_value(True).run()
    after = weights_table(app)
    assert (after[above] == 0).all()
    assert after[0, 0] == pytest.approx(1.0)  # "i" can only look at itself


def test_every_basics_text_exists_in_both_languages():
    keys = [key for key in texts.TEXTS if key.startswith("basics.")]
    assert len(keys) > 50
    for key in keys:
        assert set(texts.TEXTS[key]) == set(texts.LANGUAGES), key
        assert all(texts.TEXTS[key][language].strip() for language in texts.LANGUAGES), key


# --- the toy math -------------------------------------------------------------------


def test_softmax_sums_to_one_matches_torch_and_sharpens_with_low_temperature():
    scores = [1.725, 2.1, -0.975, -0.075]
    weights = basics.softmax(scores)
    assert sum(weights) == pytest.approx(1.0)
    assert weights == pytest.approx(torch.softmax(torch.tensor(scores), dim=0).tolist())
    assert max(basics.softmax(scores, temperature=0.2)) > max(weights) > max(basics.softmax(scores, temperature=5))
    with pytest.raises(ValueError):
        basics.softmax(scores, temperature=0)


def test_query_key_frame_is_dot_then_exp_then_divide_by_sum():
    frame = basics.query_key_frame(temperature=2.0)
    for key, row in zip(basics.KEYS, frame.itertuples(), strict=True):
        assert row.score == pytest.approx(basics.QUERY[0] * key[0] + basics.QUERY[1] * key[1])
        assert row.exp == pytest.approx(math.exp(row.score / 2.0))
    assert frame["weight"].tolist() == pytest.approx((frame["exp"] / frame["exp"].sum()).tolist())
    assert frame.loc[frame["is_max"], "key_token"].tolist() == ["k₂"]


def test_weighted_sum_equals_manual_computation():
    weights = [0.1, 0.2, 0.3, 0.4]
    manual = (
        sum(w * value[0] for w, value in zip(weights, basics.VALUES, strict=True)),
        sum(w * value[1] for w, value in zip(weights, basics.VALUES, strict=True)),
    )
    assert basics.weighted_value(weights) == pytest.approx(manual)
    assert basics.weighted_sum_point(0.88, (1, 4), (5, 1)) == pytest.approx((0.88 + 0.6, 3.52 + 0.12))


def test_dot_product_arithmetic():
    assert basics.dot_product((2, 3), (4, 5)) == 23
    assert basics.dot_product((2, 3), (-5, 2)) == -4
    assert basics.dot_product_arithmetic((2, 3), (-5, 2)) == "(2×-5) + (3×2) = -10 + 6 = -4"


@pytest.mark.parametrize("causal", [False, True])
def test_matrix_form_matches_the_fused_attention(causal):
    form = toy.matrix_form(scale=True, causal=causal)
    assert torch.equal(form.query, form.x @ form.w_query)
    assert form.scaled == pytest.approx(form.scores / math.sqrt(toy.D_K))
    assert torch.allclose(form.weights.sum(dim=-1), torch.ones(4))
    fused = torch.nn.functional.scaled_dot_product_attention(form.query, form.key, form.value, is_causal=causal)
    assert torch.allclose(form.output, fused, atol=1e-6)


def test_matrix_form_mask_scale_and_temperature():
    plain = toy.matrix_form(scale=False)
    causal = toy.matrix_form(scale=False, causal=True)
    above = ~causal_allowed(4, 4)
    assert torch.isinf(causal.masked[above]).all() and (causal.weights[above] == 0).all()
    assert torch.allclose(causal.output[0], causal.value[0])  # the first word sees only itself
    assert torch.allclose(causal.output[-1], plain.output[-1])  # the last word saw everything anyway
    assert torch.equal(plain.scaled, plain.scores)
    hot = toy.matrix_form(scale=False, temperature=10.0)
    assert (hot.weights.max(dim=-1).values < plain.weights.max(dim=-1).values).all()


def test_matrix_form_is_reproducible():
    first, second = toy.matrix_form(), toy.matrix_form()
    assert torch.equal(first.x, second.x) and torch.equal(first.output, second.output)


def test_dot_products_grow_with_d_k_and_scaling_cancels_it():
    growth = pd.DataFrame(toy.dot_product_growth(dimensions=(4, 64, 512), samples=128))
    unscaled = growth[growth["series"] == "unscaled"].set_index("d_k")
    scaled = growth[growth["series"] == "scaled"].set_index("d_k")
    assert unscaled.loc[512, "score_std"] == pytest.approx(math.sqrt(512), rel=0.15)
    assert scaled.loc[512, "score_std"] == pytest.approx(1.0, rel=0.15)
    assert unscaled.loc[512, "max_weight"] > 0.9 > unscaled.loc[4, "max_weight"]
    assert unscaled.loc[512, "gradient"] < 0.5 * scaled.loc[512, "gradient"]


def test_attention_patterns():
    encoder = basics.attention_pattern_frame("encoder_self")
    decoder = basics.attention_pattern_frame("decoder_self")
    cross = basics.attention_pattern_frame("cross")
    assert encoder["allowed"].all() and cross["allowed"].all()
    assert len(cross) == len(basics.DECODER_INPUT_TOKENS) * len(basics.KOREAN_TOKENS)
    assert (decoder["allowed"] == (decoder["key_pos"] <= decoder["query_pos"])).all()
    with pytest.raises(ValueError):
        basics.attention_pattern_frame("sideways")


def test_matrix_tables_are_one_tab_away():
    app = run_step(MATRIX_FORM)
    model_dims = frames.dimension_labels(toy.D_MODEL)

    def x_tables():
        return [
            element.value
            for element in app.dataframe
            if list(element.value.index) == TOKENS and list(element.value.columns) == model_dims
        ]

    assert not x_tables() and "**X**" not in markdown_text(app)  # only the heatmaps ran
    app_testing.open_tab(app, "basics_inputs_tabs", "basics.tab.table")
    (x_table,) = x_tables()
    assert x_table.to_numpy() == pytest.approx(toy.matrix_form().x.numpy(), abs=1e-2)


def test_nothing_is_thrown_away_even_at_a_low_temperature():
    app = run_step(QUERY_AND_KEY)
    app.radio(key="basics_guess").set_value("k₂").run()
    reveal_button(app).click().run()
    app.slider(key="basics_temperature").set_value(0.1).run()
    smallest = basics.query_key_frame(temperature=0.1)["weight"].min()
    assert 0 < smallest < 1e-3
    expected = texts.text("basics.qk.nothing_lost", "en", smallest=basics.readable_number(smallest))
    assert expected in markdown_text(app) and "0.000" not in expected


def test_readable_number_never_prints_a_positive_weight_as_zero():
    assert basics.readable_number(0.0254) == "0.025"
    assert basics.readable_number(4.39e-14) == "4.4 × 10⁻¹⁴"
    assert basics.readable_number(0.0) == "0.000"
