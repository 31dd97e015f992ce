"""ui/links.py: a link's query parameters -> the view it asks for, and back; hostile links refused.

The parser is pure, so it is tested directly and fuzzed (hypothesis, derandomized with a fixed
budget: the same 300 examples on every run)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.attention import AttentionKind
from model.decoding import MAX_SENTENCE_CHARACTERS
from ui import links, texts

SIZES = links.ViewSizes(layers=2, heads=4, tokens=5, default_token=3)
CROSS_SIZES = links.ViewSizes(layers=2, heads=4, tokens=6, steps=6, tabs=("map", "guess", "steps", "heads"))
# Under the hood's: the kinds differ in layers (3 encoder, 2 decoder) and in query tokens (source 4,
# decoder input 7), as a model with more encoder than decoder layers has them.
TEMPERATURES = links.NumberRange(low=0.1, high=10.0, step=0.1, default=1.0)
HOOD_SIZES = links.KindViewSizes(
    {
        AttentionKind.ENCODER_SELF: links.ViewSizes(layers=3, heads=4, tokens=4),
        AttentionKind.DECODER_SELF: links.ViewSizes(layers=2, heads=4, tokens=7),
        AttentionKind.CROSS: links.ViewSizes(layers=2, heads=4, tokens=7),
    },
    TEMPERATURES,
)


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


# --- a page that picks the kind and has the what-ifs (Under the hood) ------------------------------


def test_a_full_hood_link_gives_exactly_its_view():
    params = {
        "lang": "en",
        "sentence": "나는 학생이다",
        "kind": "decoder_self",
        "layer": "1",
        "head": "2",
        "token": "6",
        "scale": "off",
        "causal": "off",
        "temperature": "2.5",
    }
    view, messages = links.parse_view(params, HOOD_SIZES)
    assert messages == []
    assert view == links.View(
        "en", "나는 학생이다", 1, 2, 6, kind=AttentionKind.DECODER_SELF, scale=False, causal=False, temperature=2.5
    )
    assert links.link_params(view) == params  # and written back the same, in the same order


def test_a_hood_link_without_parameters_shows_the_real_computation_of_the_first_kind():
    view, messages = links.parse_view({}, HOOD_SIZES)
    assert view == links.View(None, None, 0, 0, 0, kind=AttentionKind.ENCODER_SELF, scale=True, temperature=1.0)
    assert view.causal is None  # encoder self-attention has no causal mask
    assert messages == []
    assert links.parse_view({"kind": "decoder_self"}, HOOD_SIZES)[0].causal is True


def test_the_layer_and_token_are_checked_against_the_linked_kinds_sizes():
    assert links.parse_view({"kind": "encoder_self", "layer": "2"}, HOOD_SIZES) == (
        links.View(None, None, 2, 0, 0, kind=AttentionKind.ENCODER_SELF, scale=True, temperature=1.0),
        [],
    )
    view, messages = links.parse_view({"kind": "cross", "layer": "2", "token": "6"}, HOOD_SIZES)
    assert (view.kind, view.layer, view.token) == (AttentionKind.CROSS, 0, 6)
    assert codes(messages) == ["links.bad_layer"]
    assert messages[0].fields["last"] == 1  # the decoder's layers, not the encoder's
    view, messages = links.parse_view({"token": "6"}, HOOD_SIZES)  # the encoder reads 4 tokens
    assert (view.kind, view.token, codes(messages)) == (AttentionKind.ENCODER_SELF, 0, ["links.bad_token"])


def test_a_bad_kind_falls_back_to_the_first_and_checks_the_rest_against_it():
    view, messages = links.parse_view({"kind": "<script>alert(1)</script>", "layer": "2", "token": "5"}, HOOD_SIZES)
    assert view.kind is AttentionKind.ENCODER_SELF
    assert view.layer == 2  # the encoder has three layers
    assert codes(messages) == ["links.bad_kind", "links.bad_token"]  # ... and four tokens


def test_the_causal_switch_means_nothing_for_a_kind_without_a_mask():
    view, messages = links.parse_view({"kind": "cross", "causal": "off"}, HOOD_SIZES)
    assert view.causal is None
    assert messages == []
    assert "causal" not in links.link_params(view)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.1", 0.1), ("1", 1.0), ("1.0", 1.0), ("0.3", 0.3), ("2.50", 2.5), ("10", 10.0), ("10.0", 10.0)],
)
def test_a_temperature_on_the_sliders_grid_is_followed(text, value):
    view, messages = links.parse_view({"temperature": text}, HOOD_SIZES)
    assert (view.temperature, messages) == (value, [])


HOSTILE_HOOD = [
    ({"kind": "Cross"}, "links.bad_kind"),  # kind names are exact
    ({"kind": "encoder"}, "links.bad_kind"),
    ({"kind": ["cross", "cross"]}, "links.repeated"),
    ({"scale": "false"}, "links.bad_scale"),
    ({"scale": "<script>alert(1)</script>"}, "links.bad_scale"),
    ({"kind": "decoder_self", "causal": "0"}, "links.bad_causal"),
    ({"temperature": "nan"}, "links.bad_temperature"),
    ({"temperature": "NaN"}, "links.bad_temperature"),
    ({"temperature": "inf"}, "links.bad_temperature"),
    ({"temperature": "-inf"}, "links.bad_temperature"),
    ({"temperature": "1e1"}, "links.bad_temperature"),  # Decimal and float read it: 10
    ({"temperature": "+2"}, "links.bad_temperature"),
    ({"temperature": " 2"}, "links.bad_temperature"),
    ({"temperature": "1_0"}, "links.bad_temperature"),
    ({"temperature": ".5"}, "links.bad_temperature"),
    ({"temperature": "0"}, "links.bad_temperature"),  # below the slider (and not a temperature)
    ({"temperature": "0.05"}, "links.bad_temperature"),
    ({"temperature": "10.1"}, "links.bad_temperature"),
    ({"temperature": "0.25"}, "links.bad_temperature"),  # between two steps of 0.1
    ({"temperature": "٣"}, "links.bad_temperature"),  # Arabic-Indic three
    ({"temperature": "1" * 2000}, "links.bad_temperature"),  # never handed to Decimal()
    ({"temperature": "0." + "1" * 40}, "links.bad_temperature"),
    ({"temperature": ""}, "links.bad_temperature"),
]


@pytest.mark.parametrize(("params", "code"), HOSTILE_HOOD)
def test_a_bad_hood_parameter_falls_back_to_its_default_with_a_message(params, code):
    view, messages = links.parse_view(params, HOOD_SIZES)
    expected = links.default_view(HOOD_SIZES)
    if params.get("kind") == "decoder_self":
        expected = links.parse_view({"kind": "decoder_self"}, HOOD_SIZES)[0]
    assert codes(messages) == [code]
    assert view == expected
    # The message never depends on the refused value, so it cannot echo it: another one, the same message.
    [message] = messages
    refused = message.fields["name"] if code == "links.repeated" else code.removeprefix("links.bad_")
    other = "@@@" if isinstance(params[refused], str) else ["@@@"] * len(params[refused])
    assert links.parse_view({**params, refused: other}, HOOD_SIZES)[1] == messages
    for language in texts.LANGUAGES:
        assert "<" not in texts.text(message.text_key, language, **message.fields)


def test_the_kind_and_what_ifs_mean_nothing_on_a_page_without_them():
    view, messages = links.parse_view({"kind": "cross", "scale": "off", "temperature": "nan"}, SIZES)
    assert (view.kind, view.scale, view.causal, view.temperature) == (None, None, None, None)
    assert messages == []
    assert set(links.link_params(view)) == {"layer", "head", "token"}


def test_every_hood_message_has_its_text_in_both_languages():
    fields = {"kinds": "`a`, `b`", "default": "1", "low": "0.1", "high": "10", "step": "0.1"}
    for key in ("links.bad_kind", "links.bad_scale", "links.bad_causal", "links.bad_temperature"):
        for language in texts.LANGUAGES:
            assert texts.text(key, language, **fields)


def test_a_slider_value_with_float_noise_is_written_as_the_step_it_is():
    assert links.number_text(0.1 + 0.2) == "0.3"  # 0.30000000000000004
    assert links.parse_view({"temperature": links.number_text(0.1 + 0.2)}, HOOD_SIZES)[0].temperature == 0.3


# --- fuzzing -------------------------------------------------------------------------------------

NAMES = st.sampled_from([*links.PARAMETERS, "embed", "utm_source", "", "layer\x00"])
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789-+ _", max_size=6),
    st.text(alphabet="0123456789.eE-+", max_size=8),
    st.sampled_from(["ko", "en", "map", "steps", "<script>alert(1)</script>", "나는 학생이다", "9" * 3000]),
    st.sampled_from([*AttentionKind, "on", "off", "nan", "inf", "-0", "1e308", "0.1", "10.0", "10.1"]),
    st.integers(-5, 50).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=-1, max_value=20, places=2, allow_nan=False).map(str),
)
RAW = st.dictionaries(NAMES, st.one_of(VALUES, st.lists(VALUES, max_size=4)), max_size=12)
PAGE_SIZES = st.builds(
    links.ViewSizes,
    layers=st.integers(1, 6),
    heads=st.integers(1, 8),
    tokens=st.integers(1, 40),
    default_token=st.integers(-3, 50),
    steps=st.integers(0, 40),
    tabs=st.sampled_from([(), ("map",), ("map", "guess", "steps", "heads")]),
)
KIND_SIZES = st.builds(
    links.KindViewSizes,
    kinds=st.lists(st.sampled_from(list(AttentionKind)), min_size=1, max_size=3, unique=True).flatmap(
        lambda kinds: st.fixed_dictionaries({kind: PAGE_SIZES for kind in kinds})
    ),
    temperatures=st.sampled_from(
        [TEMPERATURES, links.NumberRange(0.5, 2.0, 0.25, 1.0), links.NumberRange(1.0, 5.0, 1.0, 3.0)]
    ),
)
ANY_SIZES = st.one_of(PAGE_SIZES, KIND_SIZES)


def on_the_grid(value: float, temperatures: links.NumberRange) -> bool:
    steps = (value - temperatures.low) / temperatures.step
    return temperatures.low <= value <= temperatures.high and abs(steps - round(steps)) < 1e-9


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=RAW, sizes=ANY_SIZES)
def test_any_link_gives_a_valid_view(raw, sizes):
    view, messages = links.parse_view(raw, sizes)
    if isinstance(sizes, links.KindViewSizes):
        assert view.kind in sizes.kinds
        assert isinstance(view.scale, bool)
        assert view.causal is None if not view.kind.causal else isinstance(view.causal, bool)
        assert on_the_grid(view.temperature, sizes.temperatures)
        page_sizes = sizes.kinds[view.kind]  # the rest is checked against that kind's sizes
    else:
        assert (view.kind, view.scale, view.causal, view.temperature) == (None, None, None, None)
        page_sizes = sizes
    assert view.language in (None, *links.LANGUAGES)
    assert view.sentence is None or 0 < len(view.sentence) <= MAX_SENTENCE_CHARACTERS
    assert 0 <= view.layer < page_sizes.layers
    assert 0 <= view.head < page_sizes.heads
    assert 0 <= view.token < page_sizes.tokens
    assert (view.step is None) == (page_sizes.steps == 0)
    assert view.step is None or 0 <= view.step < page_sizes.steps
    assert view.tab in (page_sizes.tabs or (None,))
    for message in messages:
        for language in texts.LANGUAGES:
            texts.text(message.text_key, language, **message.fields)  # every message can be shown
    # What the page writes back is a link to the same view, followed without a message.
    assert links.parse_view(links.link_params(view), sizes) == (view, [])
