"""The Under the hood page under AppTest, with the shipped checkpoint.

Numbers are read back from the page's tables (st.dataframe) and charts (each
Vega-Lite element's spec and its Arrow datasets), as the browser receives them.
"""

from functools import partial
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from model.corpus import build_corpus
from model.decoding import translate
from model.inspect import AGREEMENT_TOLERANCE
from tests import app_testing
from tests.app_testing import drawn_charts, markdown_text, rerun
from ui import hood, hood_sections, texts

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "under_the_hood.py")
SEED = "나는 학생이다"
REPEATED = "선생님은 도서관에서 물을 마셨다"  # "the teacher drank water at the library": "the" twice
KINDS = ("encoder_self", "decoder_self", "cross")
run_page = partial(app_testing.run_page, PAGE, sentence=SEED, timeout=120)


def en(key: str) -> str:
    return texts.TEXTS[key]["en"]


def table_with_columns(app: AppTest, *columns: str):
    """The one st.dataframe whose columns include `columns`."""
    (table,) = [element.value for element in app.dataframe if set(columns) <= set(element.value.columns)]
    return table


def steps_table(app: AppTest):
    return table_with_columns(app, en("hood.col.score"), en("hood.col.weight"), en("hood.col.model_weight"))


def output_table(app: AppTest):
    return table_with_columns(app, en("hood.col.recomputed"), en("hood.col.model"), en("hood.col.difference"))


def model_head_output(checkpoint, kind: str, layer: int, head: int, query: int) -> list[float]:
    """What the model itself computed for that head and query (its explicit path), as floats."""
    translation = translate(checkpoint, SEED)
    source = torch.tensor([checkpoint.source_vocabulary.encode(translation.source_tokens)])
    target = torch.tensor([checkpoint.target_vocabulary.encode(translation.target_tokens)])
    with torch.no_grad():
        _, inspection = checkpoint.model.inspect(source, target)
    return inspection.records(kind)[layer].head_outputs[0, head, query].double().tolist()


def translations_shown(app: AppTest) -> list[str]:
    """The ablation's before and after boxes (st.code), not the address in the copy-link box."""
    return [element.value for element in app.code if "&kind=" not in element.value]


def captions(app: AppTest) -> list[str]:
    return [element.value for element in app.caption]


def chart_data(app: AppTest, title: str):
    (data,) = [
        next(iter(datasets.values()))
        for spec, datasets in drawn_charts(app)
        if (spec.get("title") if isinstance(spec.get("title"), str) else spec.get("title", {}).get("text")) == title
    ]
    return data


# --- the page ----------------------------------------------------------------------


def test_page_runs_and_shows_the_widgets():
    app = run_page()
    for key in ("hood_kind", "hood_layer", "hood_head", "hood_query", "hood_map_layer", "hood_map_head"):
        assert app.selectbox(key=key) is not None
    assert app.toggle(key="hood_scale").value is True
    assert app.toggle(key="hood_causal").disabled  # only decoder self-attention has a causal mask
    assert app.slider(key="hood_temperature").value == 1.0
    assert app.multiselect(key="hood_heads_off").value == []
    assert app.selectbox(key="hood_kind").options == [en(f"hood.kind.{kind}") for kind in KINDS]
    assert app.selectbox(key="hood_query").options == ["0: 나", "1: 는", "2: 학생", "3: 이다"]


def test_the_input_matrices_are_one_click_away(shipped):
    app = run_page()

    def w_query_tables():
        return [
            element.value
            for element in app.dataframe
            if list(element.value.columns) == [f"d{i}" for i in range(16)]
            and len(element.value) == shipped.model_config.d_model
        ]

    assert not w_query_tables()  # closed: only the box's label is sent
    assert "Show the 1,040 numbers of W_q and b_q" in [element.label for element in app.expander]
    app.session_state[hood_sections.NUMBERS_BOX.format(name="W_q")] = True  # as a click on the box
    rerun(app)
    (w_query,) = w_query_tables()
    explanation = hood.head_explanation("shipped", SEED, "encoder_self", 0, 0, 0, True, True, 1.0, shipped)
    assert w_query.to_numpy() == pytest.approx(explanation.w_query.numpy(), abs=1e-3)


def test_the_language_switch_changes_title_and_prose():
    english = run_page("en")
    korean = run_page("ko")
    assert english.title[0].value == en("hood.title")
    assert korean.title[0].value == texts.TEXTS["hood.title"]["ko"] != english.title[0].value
    assert texts.TEXTS["hood.intro"]["ko"] in markdown_text(korean)
    assert en("hood.intro") not in markdown_text(korean)
    assert korean.header[0].value == texts.TEXTS["hood.ablation.header"]["ko"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_recomputation_matches_the_model_for_every_kind(kind, shipped):
    app = run_page()
    app.selectbox(key="hood_kind").set_value(kind)
    app.selectbox(key="hood_layer").set_value(1)
    app.selectbox(key="hood_head").set_value(2)
    app.selectbox(key="hood_query").set_value(3)
    rerun(app)
    outputs = output_table(app)
    assert len(outputs) == 16  # d_head of the shipped model
    model_output = model_head_output(shipped, kind, 1, 2, 3)
    assert outputs[en("hood.col.model")].tolist() == model_output  # the model's own numbers, unrounded
    assert outputs[en("hood.col.recomputed")].tolist() == pytest.approx(model_output, abs=AGREEMENT_TOLERANCE)
    assert outputs[en("hood.col.difference")].max() <= AGREEMENT_TOLERANCE
    steps = steps_table(app)
    assert (steps[en("hood.col.weight")] - steps[en("hood.col.model_weight")]).abs().max() <= AGREEMENT_TOLERANCE
    assert steps[en("hood.col.weight")].sum() == pytest.approx(1.0, abs=1e-6)
    (verdict,) = [element.value for element in app.success if element.value.startswith("✓")]
    assert "1e-06" in verdict
    assert not app.warning
    if kind == "decoder_self":  # query 3 may look at positions 0..3 only
        assert steps[en("hood.col.allowed")].tolist() == [True] * 4 + [False]
        assert (steps[en("hood.col.weight")][4:] == 0).all()
        assert steps[en("hood.col.masked")].tolist()[4] == "−∞"
    if kind == "cross":  # keys are the Korean tokens
        assert steps[en("hood.col.key")].tolist() == ["나", "는", "학생", "이다"]


def test_changing_kind_layer_head_or_query_changes_the_numbers():
    app = run_page()
    seen = [steps_table(app)[en("hood.col.score")].tolist()]
    for key, value in (("hood_query", 2), ("hood_head", 3), ("hood_layer", 1), ("hood_kind", "cross")):
        app.selectbox(key=key).set_value(value)
        rerun(app)
        scores = steps_table(app)[en("hood.col.score")].tolist()
        assert scores not in seen, key
        seen.append(scores)


def test_without_scaling_the_weights_change_and_are_called_hypothetical(shipped):
    app = run_page()
    app.selectbox(key="hood_query").set_value(2)
    real = steps_table(rerun(app))[en("hood.col.weight")]
    app.toggle(key="hood_scale").set_value(False)
    rerun(app)
    steps = steps_table(app)
    unscaled = steps[en("hood.col.weight")]
    assert (unscaled - real).abs().max() > 1e-3
    assert unscaled.max() > real.max()  # bigger scores, sharper softmax
    assert (steps[en("hood.col.model_weight")] - real).abs().max() <= AGREEMENT_TOLERANCE
    assert en("hood.col.unscaled") in steps.columns
    warnings = " ".join(element.value for element in app.warning)
    assert "Hypothetical" in warnings and en("hood.what_if.no_scale") in warnings
    assert not [element for element in app.success if element.value.startswith("✓")]
    comparison = table_with_columns(app, en("hood.col.what_if_weight"), en("hood.col.change"))
    assert comparison[en("hood.col.change")].abs().max() > 1e-3
    # The output table compares the what-if with what the model really computed.
    outputs = table_with_columns(app, en("hood.col.what_if_output"), en("hood.col.model"))
    assert outputs[en("hood.col.model")].tolist() == model_head_output(shipped, "encoder_self", 0, 0, 2)
    assert (outputs[en("hood.col.what_if_output")] - outputs[en("hood.col.model")]).abs().max() > 1e-3


def test_without_the_causal_mask_the_decoder_looks_ahead():
    app = run_page()
    app.selectbox(key="hood_kind").set_value("decoder_self")
    app.selectbox(key="hood_query").set_value(1)
    rerun(app)
    assert not app.toggle(key="hood_causal").disabled
    app.toggle(key="hood_causal").set_value(False)
    rerun(app)
    steps = steps_table(app)
    assert steps[en("hood.col.allowed")].all()
    assert steps[en("hood.col.weight")][2:].sum() > 1e-3
    assert (steps[en("hood.col.model_weight")][2:] == 0).all()
    what_if = chart_data(app, en("hood.what_if.map_what_if"))
    above = what_if[what_if["key_pos"] > what_if["query_pos"]]
    assert above["weight"].sum() > 1e-3
    model = chart_data(app, en("hood.what_if.map_model"))
    assert model[model["key_pos"] > model["query_pos"]]["weight"].max() == 0


def test_high_temperature_spreads_the_weights():
    app = run_page()
    normal = steps_table(app)[en("hood.col.weight")]
    app.slider(key="hood_temperature").set_value(10.0)
    rerun(app)
    weights = steps_table(app)[en("hood.col.weight")]
    # Flatter than at T = 1 by a wide margin: the largest weight falls, the smallest rises.
    assert weights.max() < normal.max() - 0.1
    assert weights.min() > normal.min()
    assert weights.max() - weights.min() < 0.5 * (normal.max() - normal.min())
    assert "Hypothetical" in " ".join(element.value for element in app.warning)


def test_tables_and_charts_keep_sentence_order_with_a_repeated_token():
    app = run_page(sentence=REPEATED)
    app.selectbox(key="hood_kind").set_value("decoder_self")
    rerun(app)
    options = app.selectbox(key="hood_query").options
    assert [option.split(" → ")[0] for option in options] == [
        "0: <bos>",
        "1: the",
        "2: teacher",
        "3: drank",
        "4: water",
        "5: at",
        "6: the",
        "7: library",
    ]
    assert steps_table(app)[en("hood.col.key")].tolist() == [
        "<bos>",
        "the",
        "teacher",
        "drank",
        "water",
        "at",
        "the",
        "library",
    ]
    head_map = chart_data(app, en("hood.head_map_title"))
    keys = head_map.drop_duplicates("key_pos").sort_values("key_pos")
    assert keys["key_token"].tolist()[1] == keys["key_token"].tolist()[6] == "the"
    assert head_map["query_pos"].nunique() == 8  # both "the" keep their own row


@pytest.fixture
def small_test_split(monkeypatch):
    """The first pairs of today's test split stand in for the model's (fast, and known even while
    the corpus generator differs from the one the shipped model was trained on)."""
    pairs = list(build_corpus(0).test)[:150]
    monkeypatch.setattr(hood, "test_split", lambda corpus_seed, corpus_fingerprint: pairs)
    hood.ablated_exact_match.clear()
    yield pairs
    hood.ablated_exact_match.clear()


def test_ablating_every_cross_attention_head_changes_the_translation(small_test_split, shipped):
    app = run_page()
    assert translations_shown(app) == ["i am a student", "—"]
    assert not app.metric  # the test split is translated only once heads are off
    recorded = shipped.metrics["test_exact_match"]
    assert f"{recorded:.1%}" in " ".join(element.value for element in app.info)  # as recorded at training time
    every_cross_head = [f"cross:{layer}:{head}" for layer in range(2) for head in range(4)]
    app.multiselect(key="hood_heads_off").set_value(every_cross_head)
    rerun(app)
    before, after = translations_shown(app)
    assert before == "i am a student"
    assert after != before
    assert en("hood.ablation.changed") in [element.value for element in app.warning]
    assert texts.TEXTS["hood.ablation.exact_body"]["en"].format(count=150) in markdown_text(app)
    # Both cross-attention maps are titled in words ("layer 1 · head 0"), not a bare "1/0".
    for state in ("hood.ablation.before", "hood.ablation.after"):
        title = texts.text("hood.ablation.map_title", "en", state=en(state), layer=1, head=0)
        assert len(chart_data(app, title)) > 0, title
    exact_before, exact_after = (float(metric.value.rstrip("%")) for metric in app.metric)
    assert exact_before > 50
    assert exact_after < exact_before
    # The step-by-step above still shows the real model: the ablation is a mask, not a change.
    assert output_table(app)[en("hood.col.difference")].max() <= AGREEMENT_TOLERANCE


def test_without_the_models_test_split_the_page_says_so(monkeypatch):
    monkeypatch.setattr(hood, "test_split", lambda corpus_seed, corpus_fingerprint: None)
    app = run_page()
    app.multiselect(key="hood_heads_off").set_value(["cross:0:0"])
    rerun(app)
    assert not app.metric
    assert en("hood.ablation.exact_unavailable") in [element.value for element in app.info]


def test_quick_picks_switch_a_whole_layer_off_and_back_on(small_test_split):
    app = run_page()
    app.button(key="hood_quick_cross_0").click()
    rerun(app)
    assert app.multiselect(key="hood_heads_off").value == [f"cross:0:{head}" for head in range(4)]
    assert translations_shown(app)[1] != "—"  # the ablated translation is shown
    assert app.selectbox(key="hood_map_layer").value == 1  # the last layer: it feels every earlier change
    assert en("hood.ablation.map_note") not in captions(app)
    app.selectbox(key="hood_map_layer").set_value(0)
    rerun(app)
    assert en("hood.ablation.map_note") in captions(app)  # this map's head is off
    app.button(key="hood_quick_clear").click()
    rerun(app)
    assert app.multiselect(key="hood_heads_off").value == []
    assert translations_shown(app)[1] == "—"
