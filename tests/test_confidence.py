"""Confidence and copied words as the learner sees them: the sidebar's translation, its
probability strip and its notes (ui/sidebar.py, ui/frames.py, ui/charts.py)."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from model.decoding import LOW_PROBABILITY, translate
from ui import charts, frames, sidebar, state, texts
from ui.sidebar import escape_markdown

LANGUAGES = ("en", "ko")


def _sidebar_only_app():
    from ui import sidebar

    sidebar.render()


def sidebar_app(language: str, sentence: str) -> AppTest:
    app = AppTest.from_function(_sidebar_only_app, default_timeout=120)
    app.session_state[state.LANGUAGE] = language
    app.run()
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value(sentence)
    app.run()
    assert not app.exception, app.exception
    return app


def strip_charts(app: AppTest) -> list[dict]:
    """The probability strips the sidebar drew: Vega-Lite specs whose first layer encodes `probability`."""
    specs = [json.loads(element.proto.spec) for element in app.sidebar.get("vega_lite_chart")]
    return [
        spec
        for spec in specs
        if spec.get("layer") and spec["layer"][0].get("encoding", {}).get("color", {}).get("field") == "probability"
    ]


def test_the_probability_frame_has_one_row_per_written_token(shipped):
    result = translate(shipped, "나는 햄버거를 먹었다")
    frame = frames.token_probability_frame(result)
    assert list(frame.columns) == ["position", "token", "probability", "copied", "uncertain"]
    assert list(frame["token"]) == result.output_tokens  # <eos> included, copied word as typed
    assert list(frame["probability"]) == result.token_probabilities
    ((row, _),) = result.copied
    assert list(frame["copied"]) == [position == row for position in range(len(frame))]
    assert list(frame["uncertain"]) == [probability < LOW_PROBABILITY for probability in frame["probability"]]


def test_the_strip_shades_by_probability_and_outlines_copied_and_unsure_tokens():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "position": [0, 1, 2, 3],
            "token": ["i", "ate", "햄버거", "<eos>"],
            "probability": [0.99, 0.3, 0.8, 0.97],
            "copied": [False, False, True, False],
            "uncertain": [False, True, False, False],
        }
    )
    spec = charts.token_probability_strip(frame, copied_label="copied", uncertain_label="unsure").to_dict()
    cells, outline = spec["layer"][0], spec["layer"][1]
    assert cells["encoding"]["color"]["scale"]["domain"] == [0, 1]
    assert {tip["field"] for tip in cells["encoding"]["tooltip"]} >= {"token", "probability"}
    assert outline["mark"]["filled"] is False
    assert outline["encoding"]["stroke"]["scale"]["domain"] == ["copied", "unsure"]
    outlined = spec["datasets"][outline["data"]["name"]]
    assert [(row["token"], row["note"]) for row in outlined] == [("ate", "unsure"), ("햄버거", "copied")]
    # Nothing to outline: no outline layer.
    calm = frame.assign(copied=False, uncertain=False)
    layers = charts.token_probability_strip(calm).to_dict()["layer"]
    assert all("stroke" not in layer.get("encoding", {}) for layer in layers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sidebar_shows_the_translation_as_text_with_its_strip_and_says_what_was_copied(shipped, language):
    app = sidebar_app(language, "나는 햄버거를 먹었다")
    result = translate(shipped, "나는 햄버거를 먹었다")
    (shown,) = app.sidebar.text
    assert shown.value == result.translation == "i ate a 햄버거"
    assert texts.text("sidebar.probability.help", language) in shown.proto.help
    for token, probability in zip(result.output_tokens, result.token_probabilities, strict=True):
        line = texts.text(
            "sidebar.probability.line", language, token=escape_markdown(token), probability=f"{probability:.2f}"
        )
        assert line in shown.proto.help  # every token's probability
    (strip,) = strip_charts(app)
    assert strip is not None
    warnings = [element.value for element in app.sidebar.warning]
    copied_note = texts.text("sidebar.confidence.copied", language, words="'햄버거'")
    assert copied_note in warnings


def test_a_known_sentence_says_nothing_to_doubt(shipped):
    app = sidebar_app("en", "민수는 우유를 마신다")
    assert [element.value for element in app.sidebar.text] == ["minsu drinks milk"]
    assert [element.value for element in app.sidebar.warning] == []
    assert len(strip_charts(app)) == 1


def test_uncertain_tokens_are_named_with_their_probability(shipped):
    result = translate(shipped, "나는 햄버거를 먹었다")
    forced = type(result)(**{**result.__dict__, "token_probabilities": [0.9, 0.42, 0.9, 0.9, 0.9]})
    notes = sidebar.confidence_notes(forced, "en")
    assert texts.text("sidebar.confidence.uncertain", "en", tokens="'ate' (0.42)") in notes
    assert "(0.42)" in sidebar.confidence_notes(forced, "ko")[-1]


@pytest.mark.parametrize(
    "typed", ["나는 *피자를 먹었다", "나는 <b>피자를 먹었다", "나는 [x](javascript:1)피자를 먹었다"]
)
def test_a_copied_word_is_the_learners_text_and_never_markup(shipped, typed):
    result = translate(shipped, typed)
    assert result.copied, result.translation  # the odd word is copied
    copied_word = result.source_tokens[result.copied[0][1]]
    assert copied_word in result.translation.split()
    app = sidebar_app("en", typed)
    assert [element.value for element in app.sidebar.text] == [result.translation]  # plain text, verbatim
    shown = "\n".join(
        [element.value for element in app.sidebar.warning] + [element.value for element in app.sidebar.markdown]
    )
    for raw in ("*피자", "<b>", "](javascript"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), shown), raw
    assert escape_markdown(copied_word) in shown
