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
        texts.TEXTS[key]["ko"] for key in ("cross.tab.map", "cross.tab.guess", "cross.tab.steps", "cross.tab.heads")
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
    pair = render_pair("나", "먹다", "사과", tense="past", place="도서관", time="어제")
    assert pair.korean == "나는 어제 도서관에서 사과를 먹었다"
    assert translate(shipped, pair.korean).translation == pair.english == "i ate an apple at the library yesterday"
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
