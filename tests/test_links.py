"""ui/links.py: a link's query parameters -> the view it asks for, and back; hostile links refused.

The parser is pure, so it is tested directly and fuzzed (hypothesis, derandomized with a fixed
budget: the same 300 examples on every run)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.decoding import MAX_SENTENCE_CHARACTERS
from ui import links, texts

SIZES = links.ViewSizes(layers=2, heads=4, tokens=5, default_token=3)
CROSS_SIZES = links.ViewSizes(layers=2, heads=4, tokens=6, steps=6, tabs=("map", "guess", "steps", "heads"))


def codes(messages) -> list[str]:
    return [message.text_key for message in messages]


def test_a_full_link_gives_exactly_its_view():
    view, messages = links.parse_view(
        {"lang": "ko", "sentence": "나는 학생이다", "layer": "1", "head": "3", "token": "4"}, SIZES
    )
    assert view == links.View("ko", "나는 학생이다", 1, 3, 4, None, None)
    assert messages == []


def test_missing_parameters_take_the_defaults_silently():
    view, messages = links.parse_view({}, SIZES)
    assert view == links.View(None, None, 0, 0, 3, None, None)  # the page's default token
    assert messages == []
    view, messages = links.parse_view({}, CROSS_SIZES)
    assert (view.step, view.tab) == (0, "map")
    assert messages == []


def test_step_and_tab_on_a_page_that_has_them():
    view, messages = links.parse_view({"step": "5", "tab": "steps", "token": "2"}, CROSS_SIZES)
    assert (view.token, view.step, view.tab) == (2, 5, "steps")
    assert messages == []


def test_step_and_tab_mean_nothing_on_a_page_without_them():
    view, messages = links.parse_view({"step": "99", "tab": "<b>", "step ": "x"}, SIZES)
    assert (view.step, view.tab) == (None, None)
    assert messages == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"layer": "2"}, "links.bad_layer"),  # one past the last layer
        ({"layer": "-1"}, "links.bad_layer"),
        ({"layer": "+1"}, "links.bad_layer"),  # int() would read these four
        ({"layer": " 1"}, "links.bad_layer"),
        ({"layer": "1_0"}, "links.bad_layer"),
        ({"layer": "١"}, "links.bad_layer"),  # Arabic-Indic one: a digit to str.isdigit
        ({"head": "²"}, "links.bad_head"),
        ({"head": "9" * 5000}, "links.bad_head"),  # never handed to int()
        ({"token": "5"}, "links.bad_token"),
        ({"token": ""}, "links.bad_token"),
        ({"lang": "fr"}, "links.bad_lang"),
        ({"lang": "<script>alert(1)</script>"}, "links.bad_lang"),
        ({"sentence": "가" * (MAX_SENTENCE_CHARACTERS + 1)}, "links.bad_sentence"),
        ({"sentence": "나" * 2000}, "links.bad_sentence"),
        ({"sentence": "   "}, "links.bad_sentence"),
        ({"sentence": "나는\u202e학생이다"}, "links.bad_sentence"),  # a right-to-left override
        ({"sentence": "나는\x00학생"}, "links.bad_sentence"),
        ({"sentence": "\ud800"}, "links.bad_sentence"),  # a lone surrogate: not UTF-8
        ({"layer": ["0", "1"]}, "links.repeated"),
    ],
)
def test_a_bad_parameter_falls_back_to_its_default_with_a_message(params, code):
    view, messages = links.parse_view(params, SIZES)
    default = links.default_view(SIZES)
    assert codes(messages) == [code]
    assert view == default
    # The message names a range or a parameter, never the link's text.
    for message in messages:
        for language in texts.LANGUAGES:
            shown = texts.text(message.text_key, language, **message.fields)
            for value in params.values():
                for text in [value] if isinstance(value, str) else value:
                    assert len(text) < 2 or text not in shown


def test_a_bad_tab_and_step_fall_back_to_the_first():
    view, messages = links.parse_view({"tab": "settings", "step": "6"}, CROSS_SIZES)
    assert (view.tab, view.step) == ("map", 0)
    assert codes(messages) == ["links.bad_step", "links.bad_tab"]


def test_script_tags_in_the_sentence_pass_to_the_model_unchanged():
    """Markup is text to the parser (the model refuses it: no Korean); the page never renders it."""
    view, _ = links.parse_view({"sentence": "<script>alert(1)</script>"}, SIZES)
    assert view.sentence == "<script>alert(1)</script>"


def test_unknown_parameters_are_ignored():
    view, messages = links.parse_view({"utm_source": "mail", "embed": "true", "layer": "1"}, SIZES)
    assert view.layer == 1
    assert messages == []


def test_every_message_has_its_text_in_both_languages():
    keys = {f"links.bad_{name}" for name in ("lang", "sentence", "layer", "head", "token", "step", "tab")}
    for key in keys | {"links.repeated"}:
        for language in texts.LANGUAGES:
            assert texts.text(key, language, count=3, last=2, max_characters=200, name="layer")


@pytest.mark.parametrize("sizes", [SIZES, CROSS_SIZES])
def test_link_params_read_back_as_the_same_view(sizes):
    view = links.View(
        "en", "그는 학교에서 밥을 먹었다", 1, 2, 1, 3 if sizes.steps else None, "heads" if sizes.tabs else None
    )
    assert links.parse_view(links.link_params(view), sizes) == (view, [])


# --- fuzzing -------------------------------------------------------------------------------------

NAMES = st.sampled_from([*links.PARAMETERS, "embed", "utm_source", "", "layer\x00"])
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789-+ _", max_size=6),
    st.sampled_from(["ko", "en", "map", "steps", "<script>alert(1)</script>", "나는 학생이다", "9" * 3000]),
    st.integers(-5, 50).map(str),
)
RAW = st.dictionaries(NAMES, st.one_of(VALUES, st.lists(VALUES, max_size=4)), max_size=9)
ANY_SIZES = st.builds(
    links.ViewSizes,
    layers=st.integers(1, 6),
    heads=st.integers(1, 8),
    tokens=st.integers(1, 40),
    default_token=st.integers(-3, 50),
    steps=st.integers(0, 40),
    tabs=st.sampled_from([(), ("map",), ("map", "guess", "steps", "heads")]),
)


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=RAW, sizes=ANY_SIZES)
def test_any_link_gives_a_valid_view(raw, sizes):
    view, messages = links.parse_view(raw, sizes)
    assert view.language in (None, *links.LANGUAGES)
    assert view.sentence is None or 0 < len(view.sentence) <= MAX_SENTENCE_CHARACTERS
    assert 0 <= view.layer < sizes.layers
    assert 0 <= view.head < sizes.heads
    assert 0 <= view.token < sizes.tokens
    assert (view.step is None) == (sizes.steps == 0)
    assert view.step is None or 0 <= view.step < sizes.steps
    assert view.tab in (sizes.tabs or (None,))
    for message in messages:
        for language in texts.LANGUAGES:
            texts.text(message.text_key, language, **message.fields)  # every message can be shown
    # What the page writes back is a link to the same view, followed without a message.
    assert links.parse_view(links.link_params(view), sizes) == (view, [])
