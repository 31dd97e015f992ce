"""The Cross-attention page under AppTest, with the shipped checkpoint.

Charts are read back from what the page sends to the browser: each Vega-Lite
element's spec (JSON) and its named Arrow datasets.
"""

import json
from functools import partial
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.corpus import render_pair
from model.decoding import translate
from tests import app_testing
from tests.app_testing import drawn_charts, markdown_text, rerun
from ui import state, texts

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "cross.py")
SEED = "나는 학생이다"
run_page = partial(app_testing.run_page, PAGE, sentence=SEED, timeout=120)
TABS = "cross_tab"


def open_tab(app: AppTest, label_key: str) -> AppTest:
    return app_testing.open_tab(app, TABS, label_key)


class Chart:
    """One Vega-Lite element: its spec and its datasets as DataFrames by name."""

    def __init__(self, spec: dict, datasets: dict):
        self.spec = spec
        self.datasets = datasets

    @property
    def title(self) -> str:
        title = self.spec.get("title", "")
        return title if isinstance(title, str) else title.get("text", "")

    def layers(self) -> list[dict]:
        return self.spec.get("layer", [])

    def data_of(self, layer: dict):
        name = layer.get("data", self.spec.get("data", {})).get("name")
        return self.datasets[name]


def charts(app: AppTest) -> list[Chart]:
    return [Chart(spec, datasets) for spec, datasets in drawn_charts(app)]


def chart_titled(app: AppTest, title: str) -> Chart:
    (chart,) = [chart for chart in charts(app) if chart.title == title]
    return chart


def heatmap_cells(chart: Chart):
    """The weights layer of a heatmap (the first layer: colour-encoded rects)."""
    cells = chart.layers()[0]
    assert cells["mark"]["type"] == "rect" and "color" in cells["encoding"]
    return chart.data_of(cells)


def outline_cells(chart: Chart, field: str) -> set[tuple[int, int]]:
    """(query_pos, key_pos) of the stroke-only outline layer whose stroke encodes `field`
    ("gold": the gold alignment, "copy": cells attention chose for a copied word); empty when none."""
    outlines = [layer for layer in chart.layers() if layer.get("encoding", {}).get("stroke", {}).get("field") == field]
    if not outlines:
        return set()
    (outline,) = outlines
    assert outline["mark"].get("filled") is False  # only the outline: the weights stay visible
    frame = chart.data_of(outline)
    return set(zip(frame["query_pos"].astype(int), frame["key_pos"].astype(int), strict=True))


def gold_layer_cells(chart: Chart) -> set[tuple[int, int]]:
    return outline_cells(chart, "gold")


def chart_with_columns(app: AppTest, *columns: str, rows: int | None = None) -> Chart:
    """The one chart whose first layer's data has these columns (and this many rows, if given)."""
    found = []
    for chart in charts(app):
        data = chart.data_of(chart.layers()[0]) if chart.layers() else None
        if data is not None and set(columns) <= set(data.columns) and (rows is None or len(data) == rows):
            found.append(chart)
    assert len(found) == 1, [chart.title for chart in found]
    return found[0]


def step_bars(app: AppTest, kind: str, step: int):
    """The bars of the decoder self-attention ("decoder_self") or cross row of the step view."""
    key_count = step + 1 if kind == "decoder_self" else None
    matches = []
    for chart in charts(app):
        layers = chart.layers()
        if not layers or layers[0]["mark"]["type"] != "bar" or "kind" not in chart.data_of(layers[0]):
            continue
        data = chart.data_of(layers[0])
        if set(data["kind"]) == {kind} and set(data["query_pos"]) == {step}:
            matches.append(data)
    if key_count is not None:
        matches = [data for data in matches if len(data) == key_count]
    assert matches, f"no {kind} bars for step {step}"
    return matches[0]


def main_map_title(app: AppTest, layer: int, head: int) -> str:
    language = app.session_state[state.LANGUAGE]
    return texts.text("cross.map.title", language, layer=layer, head=head)


def test_page_runs_with_its_widgets_and_follows_the_language():
    english = run_page("en")
    korean = run_page("ko")
    assert english.title[0].value == texts.TEXTS["cross.title"]["en"]
    assert korean.title[0].value == texts.TEXTS["cross.title"]["ko"] != english.title[0].value
    assert texts.TEXTS["cross.intro"]["en"] in markdown_text(english)
    assert texts.TEXTS["cross.intro"]["ko"] in markdown_text(korean)
    assert texts.TEXTS["cross.intro"]["en"] not in markdown_text(korean)
    for app in (english, korean):
        app.radio(key="cross_layer"), app.radio(key="cross_head"), app.toggle(key="cross_show_gold")
        app.selectbox(key="cross_focus")
        assert len(charts(app)) >= 4  # map, focus bars, grid, lines
    assert [tab.label for tab in korean.tabs] == [
        texts.TEXTS[key]["ko"]
        for key in (
            "cross.tab.map",
            "cross.tab.guess",
            "cross.tab.steps",
            "cross.tab.heads",
            "cross.tab.explain",
            "cross.tab.compare",
        )
    ]


def test_only_the_open_tab_runs_and_closed_tabs_keep_their_choices():
    app = run_page()
    assert not app.get("select_slider") and not app.dataframe  # the steps and heads tabs did not run
    app.toggle(key="cross_show_gold").set_value(False)
    app.selectbox(key="cross_focus").set_value(2)
    rerun(app)
    open_tab(app, "cross.tab.steps")
    assert not app.get("toggle") and not app.get("selectbox")  # the map tab did not run
    app.select_slider(key="cross_step").set_value(2)
    rerun(app)
    revealed = chart_titled(app, texts.text("cross.steps.revealed_title", "en", step=2))
    assert gold_layer_cells(revealed) == set()  # the map tab's "gold off" holds here too
    open_tab(app, "cross.tab.map")
    assert app.toggle(key="cross_show_gold").value is False
    assert app.selectbox(key="cross_focus").value == 2
    open_tab(app, "cross.tab.steps")
    assert app.select_slider(key="cross_step").value == 2


def test_rows_are_the_produced_english_and_columns_the_korean_in_order(shipped):
    sentence = "나는 나는 학생이다"  # 나 and 는 repeat: each keeps its own column
    app = run_page(sentence=sentence)
    expected = translate(shipped, sentence)
    assert expected.source_tokens == ["나", "는", "나", "는", "학생", "이다"]
    cells = heatmap_cells(chart_titled(app, main_map_title(app, 0, 0)))
    columns = cells.drop_duplicates("key_pos").sort_values("key_pos")
    assert columns["key_pos"].tolist() == list(range(6))
    assert columns["key_token"].tolist() == expected.source_tokens
    rows = cells.drop_duplicates("query_pos").sort_values("query_pos")
    assert rows["produced_token"].tolist() == expected.output_tokens
    assert rows["query_token"].tolist() == expected.target_tokens
    axis = chart_titled(app, main_map_title(app, 0, 0)).layers()[0]["encoding"]["y"]["axis"]
    assert json.dumps(expected.output_tokens[0], ensure_ascii=False) in axis["labelExpr"]


def test_changing_layer_and_head_changes_the_map(shipped):
    app = run_page()
    first = heatmap_cells(chart_titled(app, main_map_title(app, 0, 0)))
    app.radio(key="cross_head").set_value(2)
    rerun(app)
    second = heatmap_cells(chart_titled(app, main_map_title(app, 0, 2)))
    app.radio(key="cross_layer").set_value(1)
    rerun(app)
    third = heatmap_cells(chart_titled(app, main_map_title(app, 1, 2)))
    expected = translate(shipped, SEED).maps.cross
    for cells, (layer, head) in ((first, (0, 0)), (second, (0, 2)), (third, (1, 2))):
        ordered = cells.sort_values(["query_pos", "key_pos"])["weight"].to_numpy()
        assert ordered == pytest.approx(expected[layer, head].flatten().numpy(), abs=1e-6)
    assert abs(first["weight"].to_numpy() - second["weight"].to_numpy()).max() > 1e-3


def test_the_gold_overlay_marks_exactly_the_gold_cells():
    pair = render_pair("나", "이다", "학생")
    assert pair.korean == SEED
    app = run_page()
    gold = {(english, korean) for korean, english in pair.alignment}
    assert gold_layer_cells(chart_titled(app, main_map_title(app, 0, 0))) == gold == {(0, 0), (1, 3), (2, 2), (3, 2)}
    app.toggle(key="cross_show_gold").set_value(False)
    rerun(app)
    assert gold_layer_cells(chart_titled(app, main_map_title(app, 0, 0))) == set()


def test_a_longer_corpus_sentence_gets_its_stored_alignment(shipped):
    pair = render_pair("선생님", "읽다", "책", tense="past", place="도서관")
    assert translate(shipped, pair.korean).output_tokens[:-1] == list(pair.english_tokens)
    app = run_page(sentence=pair.korean)
    outlined = gold_layer_cells(chart_titled(app, main_map_title(app, 0, 0)))
    assert outlined == {(english, korean) for korean, english in pair.alignment}


def test_a_typed_sentence_of_known_words_gets_gold_from_the_lexicon(shipped):
    # Rendered by the generator (so its true alignment is known) but typed by the user:
    # the page derives gold from the lexicon applied to the model's translation.
    pair = render_pair("나", "읽다", "신문", tense="past", place="도서관", time="어제")
    assert pair.korean == "나는 어제 도서관에서 신문을 읽었다"
    assert translate(shipped, pair.korean).translation == pair.english == "i read a newspaper at the library yesterday"
    app = run_page(sentence=pair.korean)
    outlined = gold_layer_cells(chart_titled(app, main_map_title(app, 0, 0)))
    assert outlined == {(english, korean) for korean, english in pair.alignment}
    assert {(5, 3), (6, 3)} <= outlined  # "the" and "library" both come from 도서관


def test_gold_is_explained_when_a_word_is_unknown(shipped):
    # An unknown word the translation does not copy (an adverb, an emoji): no gold for it.
    candidates = ["나는 빨리 걷는다", "나는 정말 학생이다", "😀 나는 학생이다", "나는 학생이다 😀"]
    sentence = next(text for text in candidates if not translate(shipped, text).copied)
    unknown = next(
        token for token in translate(shipped, sentence).source_tokens if token not in shipped.source_vocabulary
    )
    app = run_page(sentence=sentence)
    infos = [element.value for element in app.info]
    assert any(unknown in info and "not a word of the corpus" in info for info in infos)
    assert gold_layer_cells(chart_titled(app, main_map_title(app, 0, 0))) == set()


def test_the_step_slider_moves_all_three_views(shipped):
    app = open_tab(run_page(), "cross.tab.steps")
    expected = translate(shipped, SEED)
    assert len(step_bars(app, "decoder_self", 0)) == 1
    revealed_title = texts.text("cross.steps.revealed_title", "en", step=0)
    assert heatmap_cells(chart_titled(app, revealed_title))["query_pos"].max() == 0
    top_before = chart_with_columns(app, "probability", "chosen")
    assert texts.text("cross.steps.self_title", "en", step=0) in markdown_text(app)
    app.select_slider(key="cross_step").set_value(3)
    rerun(app)
    assert "Step 3: the decoder has read up to 'a' and produces 'student'." in markdown_text(app)
    assert texts.text("cross.steps.self_title", "en", step=3) in markdown_text(app)
    decoder_row = step_bars(app, "decoder_self", 3)
    assert decoder_row.sort_values("key_pos")["key_token"].tolist() == expected.target_tokens[:4]
    cross_row = step_bars(app, "cross", 3)
    weights = cross_row.sort_values("key_pos")["weight"].to_numpy()
    assert weights == pytest.approx(expected.maps.cross[0, 0, 3].numpy(), abs=1e-6)
    revealed = heatmap_cells(chart_titled(app, texts.text("cross.steps.revealed_title", "en", step=3)))
    assert sorted(revealed["query_pos"].unique()) == [0, 1, 2, 3]
    top_after = chart_with_columns(app, "probability", "chosen")
    before = top_before.data_of(top_before.layers()[0])
    after = top_after.data_of(top_after.layers()[0])
    assert before.loc[before["chosen"], "token"].tolist() == ["i"]
    assert after.loc[after["chosen"], "token"].tolist() == ["student"]
    assert len(after) == 5 and after["probability"].is_monotonic_decreasing
    assert after["probability"].iloc[0] == pytest.approx(float(expected.next_token_probabilities[3].max()), abs=1e-6)


def test_predict_then_reveal(shipped):
    app = open_tab(run_page(), "cross.tab.guess")
    question = texts.TEXTS["cross.guess.waiting"]["en"]
    assert question in [element.value for element in app.info]
    assert app.button[0].disabled  # nothing to reveal before a guess
    english_index = 3  # "student"
    app.selectbox(key="cross_guess_token").set_value(english_index)
    app.radio(key="cross_guess").set_value(0)  # 나
    rerun(app)
    assert question in [element.value for element in app.info]  # guessing alone reveals nothing
    app.button[0].click()
    rerun(app)
    weights = translate(shipped, SEED).maps.cross[0, 0, english_index]
    answer = ["나", "는", "학생", "이다"][int(weights.argmax())]
    verdicts = [element.value for element in [*app.success, *app.warning]]
    assert any(f"the most weight ({weights.max():.2f}) went to '{answer}'" in verdict for verdict in verdicts)
    assert any("gold partner of 'student' is '학생'" in verdict for verdict in verdicts)
    # A new question hides the answer again.
    app.selectbox(key="cross_guess_token").set_value(0)
    rerun(app)
    assert question in [element.value for element in app.info]


def test_head_scores_table_marks_the_best_head():
    app = open_tab(run_page(), "cross.tab.heads")
    table = app.dataframe[0].value
    assert table["hit_rate"].between(0, 1).all() and table["alignment_error_rate"].between(0, 1).all()
    best = table[table["best"] != ""]
    assert len(best) == 1 and best["hit_rate"].iloc[0] == table["hit_rate"].max()
    assert f"layer {int(best['layer'].iloc[0])} · head {int(best['head'].iloc[0])}" in markdown_text(app)


@pytest.fixture(scope="module")
def shipped_explanations():
    """model.explain of SEED's translation with the shipped model: head 0 of the last layer, and its layer average."""
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint
    from model.explain import explain

    checkpoint = load_checkpoint(SHIPPED_CHECKPOINT)
    translation = translate(checkpoint, SEED)
    last = checkpoint.model_config.n_decoder_layers - 1
    return last, {head: explain(checkpoint, translation, last, head) for head in (0, None)}


def explanation_bars(app: AppTest):
    """The rows of the importance bars: the one single-layer chart with a `relative` column."""
    found = [chart.data_of(chart.spec) for chart in charts(app) if not chart.layers() and "data" in chart.spec]
    (bars,) = [data for data in found if "relative" in data.columns]
    return bars


@pytest.mark.parametrize("language", ["en", "ko"])
def test_explanation_tab_draws_the_four_methods_with_the_numbers_of_model_explain(language, shipped_explanations):
    last, explanations = shipped_explanations
    app = run_page(language)
    app.radio(key="cross_layer").set_value(last)
    app.radio(key="cross_head").set_value(0)
    open_tab(rerun(app), "cross.tab.explain")
    prose = markdown_text(app)
    for key in ("cross.explain.body", "cross.explain.literature"):
        assert texts.TEXTS[key][language] in prose
    assert "Jain & Wallace" in prose and "Wiegreffe & Pinter" in prose

    for which, head in (("picked_head", 0), ("layer_average", None)):
        app.radio(key="cross_explain_which").set_value(which)
        app.selectbox(key="cross_explain_word").set_value(3)  # 'student'
        rerun(app)
        explanation = explanations[head]
        bars = explanation_bars(app)
        assert set(bars["method"]) == {"attention", "value_norm", "rollout", "leave_one_out"}
        assert set(bars["english_pos"]) == {3} and set(bars["english_token"]) == {"student"}
        for method, matrix in explanation.importance.items():
            drawn = bars[bars["method"] == method].sort_values("key_pos")
            assert list(drawn["key_token"]) == ["나", "는", "학생", "이다"]  # sentence order
            assert drawn["importance"].tolist() == pytest.approx(matrix[3].tolist(), abs=1e-6)
            assert drawn["relative"].abs().max() == pytest.approx(1.0)
        table = app.dataframe[0].value
        assert len(table) == 6
        for row, pair in zip(table.itertuples(), explanation.agreement, strict=True):
            assert row.mean == pytest.approx(explanation.agreement[pair])
            assert row.word == pytest.approx(explanation.spearman[pair][3])
            assert row.same_top == pytest.approx(explanation.top_agreement[pair])
        rho = explanation.agreement[("attention", "leave_one_out")]
        assert f"ρ = {rho:.2f}" in markdown_text(app)


@pytest.fixture(scope="module")
def shipped_report():
    """model.heads.head_report of the shipped model on the generated test split (with gold links)."""
    from model import heads
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint

    checkpoint = load_checkpoint(SHIPPED_CHECKPOINT)
    pairs, with_gold, _ = heads.scoring_pairs(checkpoint)
    assert with_gold
    return heads.head_report(checkpoint, pairs, with_gold), len(pairs)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_heads_tab_scores_alignment_as_the_literature_does_in_both_readings(language, shipped_report):
    report, pair_count = shipped_report
    app = open_tab(run_page(language), "cross.tab.heads")
    assert texts.text("cross.aer.body", language, count=pair_count) in markdown_text(app)
    cross_heads = {(head.layer, head.head): head for head in report.heads if head.kind == "cross"}
    mean_label = texts.text("cross.aer.layer_average", language)
    for shift in (False, True):
        app.toggle(key="cross_aer_shift").set_value(shift)
        rerun(app)
        reading = "shift" if shift else "standard"
        (table,) = [frame.value for frame in app.dataframe if "precision" in frame.value.columns]
        assert len(table) == len(cross_heads) + len(report.layer_scores[reading])
        assert table["aer"].is_monotonic_increasing  # best first
        assert (table["best"] != "").sum() == 1 and table["best"].iloc[0] != ""
        for row in table.itertuples():
            if row.head == mean_label:
                score = report.layer_scores[reading][row.layer]
                expected = (score.precision, score.recall, score.alignment_error_rate)
            else:
                head = cross_heads[(row.layer, int(row.head))]
                expected = (
                    (head.precision, head.recall, head.aer)
                    if reading == "standard"
                    else (head.shift_precision, head.shift_recall, head.shift_aer)
                )
            assert (row.precision, row.recall, row.aer) == pytest.approx(expected)
        prose = markdown_text(app)
        lowest = {
            name: min(
                [getattr(head, "aer" if name == "standard" else "shift_aer") for head in cross_heads.values()]
                + [score.alignment_error_rate for score in report.layer_scores[name]]
            )
            for name in ("standard", "shift")
        }
        winner = texts.text(
            f"cross.aer.winner.{report.winning_reading()}",
            language,
            standard=f"{lowest['standard']:.3f}",
            shift=f"{lowest['shift']:.3f}",
        )
        assert winner in prose
        best = report.best_layer(reading)
        garg = max(len(report.layer_scores[reading]) - 2, 0)
        garg_key = "cross.aer.garg.same" if best == garg else "cross.aer.garg.differs"
        aer = report.layer_scores[reading][best].alignment_error_rate
        assert texts.text(garg_key, language, garg=garg, best=best, aer=f"{aer:.3f}") in prose


@pytest.mark.parametrize("language", ["en", "ko"])
def test_heads_tab_says_what_each_head_does(language, shipped_report):
    report, pair_count = shipped_report
    app = open_tab(run_page(language), "cross.tab.heads")
    (table,) = [frame.value for frame in app.dataframe if "confidence" in frame.value.columns]
    assert len(table) == len(report.heads) == 24  # 4 heads x (2 encoder self + 2 decoder self + 2 cross layers)
    for row, head in zip(table.itertuples(), report.heads, strict=True):
        assert row.kind == texts.text(f"hood.kind.{head.kind}", language)
        assert (row.layer, row.head) == (head.layer, head.head)
        assert row.confidence == pytest.approx(head.confidence)
        assert row.pattern == (texts.text(f"cross.roles.pattern.{head.pattern}", language) if head.pattern else "")
    described = sum(head.pattern is not None for head in report.heads)
    assert texts.text("cross.roles.described", language, described=described, total=24) in markdown_text(app)
    # The pruning curve waits for the button.
    assert texts.text("cross.prune.exact_match", language) not in json.dumps([spec for spec, _ in drawn_charts(app)])


def test_pruning_curve_on_request_says_how_many_heads_the_model_needs():
    from model import heads
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint

    app = open_tab(run_page("en"), "cross.tab.heads")
    app.button(key="cross_prune").click()
    rerun(app)
    series = texts.text("cross.prune.exact_match", "en")  # the curve's column, named for its legend
    (datasets,) = [datasets for spec, datasets in drawn_charts(app) if "heads pruned" in json.dumps(spec)]
    (curve,) = [frame for frame in datasets.values() if series in frame.columns]
    curve = curve.sort_values("heads_pruned")
    assert curve["heads_pruned"].tolist() == list(range(25))  # 0 .. all 24 heads
    values = curve[series].tolist()
    # With every head on it is the shipped model's test exact match; with every head off the model is lost.
    assert values[0] == pytest.approx(
        load_checkpoint(SHIPPED_CHECKPOINT).metrics["test_exact_match"], abs=1e-6
    )  # float32; one pair is 1e-3
    assert values[-1] < 0.05
    # Heads needed, recomputed from the drawn curve.
    safely = 0
    for count in range(1, len(values)):
        if values[count] < values[0] - heads.NEEDED_TOLERANCE:
            break
        safely = count
    assert f"really needs **{24 - safely} of its 24 heads**" in markdown_text(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_word_order_lines_link_each_english_word_to_its_strongest_korean_token(language):
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint

    sentence = "나는 어제 학교에서 사과를 먹었다"  # SOV with a time and a place: English reorders them
    translation = translate(load_checkpoint(SHIPPED_CHECKPOINT), sentence)
    english_count = len(translation.output_tokens) - 1
    app = app_testing.run_page(PAGE, language, sentence=sentence, timeout=120)
    app.radio(key="cross_layer").set_value(1)
    app.radio(key="cross_head").set_value(1)
    rerun(app)
    (chart,) = [
        chart for chart in charts(app) if chart.spec.get("config", {}) and "kind_of_line" in json.dumps(chart.spec)
    ]
    links = chart.data_of(chart.layers()[0]).sort_values("query_pos")
    strongest = translation.maps.cross[1, 1, :english_count].argmax(dim=-1).tolist()
    assert links["query_pos"].tolist() == list(range(english_count))
    assert links["key_pos"].tolist() == strongest
    crossing = [
        any((e - f) * (strongest[e] - strongest[f]) < 0 for f in range(english_count)) for e in range(english_count)
    ]
    assert links["crosses"].tolist() == crossing and any(crossing)
    crossing_label = texts.text("cross.order.crossing", language)
    assert set(links.loc[links["crosses"], "kind_of_line"]) == {crossing_label}
    expected = texts.text("cross.order.count", language, crossing=sum(crossing), total=english_count)
    assert expected in markdown_text(app)


@pytest.mark.parametrize(("language", "sentence_b"), [("en", "그녀는 가수이다"), ("ko", "나는 사과를 먹었다")])
def test_compare_tab_shows_both_maps_and_their_difference(language, sentence_b):
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint

    checkpoint = load_checkpoint(SHIPPED_CHECKPOINT)
    first, second = translate(checkpoint, SEED), translate(checkpoint, sentence_b)
    app = open_tab(run_page(language), "cross.tab.compare")
    app.selectbox(key="cross_compare_b").set_value(sentence_b)
    rerun(app)
    prose = markdown_text(app)
    assert f"**A**: {SEED} → {first.translation}" in prose and f"**B**: {sentence_b} → {second.translation}" in prose
    title = texts.text("compare.difference_title", language, layer=0, head=0)
    difference = chart_titled(app, title).data_of(chart_titled(app, title).layers()[0])
    rows = min(len(first.output_tokens), len(second.output_tokens)) - 1
    columns = min(len(first.source_tokens), len(second.source_tokens))
    expected = second.maps.cross[0, 0, :rows, :columns] - first.maps.cross[0, 0, :rows, :columns]
    drawn = difference.sort_values(["row_pos", "column_pos"])["value"].to_numpy()
    assert drawn == pytest.approx(expected.flatten().tolist(), abs=1e-6)
    common = texts.text("compare.common_part", language)
    same_shape = len(first.output_tokens) == len(second.output_tokens) and len(first.source_tokens) == len(
        second.source_tokens
    )
    assert same_shape == (sentence_b == "그녀는 가수이다")  # she is a singer: SEED's shape; 사과를 adds a token
    assert (common in [caption.value for caption in app.caption]) == (not same_shape)


@pytest.mark.parametrize("sentence", ["나는 햄버거를 먹었다", "민수는 식당에서 빵을 샀다"])
def test_a_copied_word_is_marked_on_the_map_explained_and_aligned_to_its_source(shipped, sentence):
    translation = translate(shipped, sentence)
    assert len(translation.copied) == 1
    ((row, source_index),) = translation.copied
    app = run_page(sentence=sentence)
    main_map = chart_titled(app, main_map_title(app, 0, 0))
    assert outline_cells(main_map, "copy") == {(row, source_index)}
    assert (row, source_index) in gold_layer_cells(main_map)  # gold: the copy comes from its source
    explanation = [info for info in (element.value for element in app.info) if "<unk>" in info]
    assert len(explanation) == 1
    assert f"At row {row} " in explanation[0] and f"'{translation.source_tokens[source_index]}'" in explanation[0]
    # Korean too.
    korean = run_page(sentence=sentence, language="ko")
    korean_map = next(chart for chart in charts(korean) if chart.title == main_map_title(korean, 0, 0))
    assert outline_cells(korean_map, "copy") == {(row, source_index)}
    assert any(f"{row}번 행에서" in element.value for element in korean.info)


def test_a_translation_without_copies_marks_no_cell():
    app = run_page()
    assert outline_cells(chart_titled(app, main_map_title(app, 0, 0)), "copy") == set()
    assert not any("<unk>" in element.value for element in app.info)
