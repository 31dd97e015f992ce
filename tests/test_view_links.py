"""Links to a view under AppTest: a link's query parameters in -> the page shows that view;
a control changed -> the URL's parameters follow; hostile links -> defaults and a message in
the user's language, never a traceback. Encoder, decoder, cross-attention and Under the hood
pages, both languages."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from model.attention import AttentionKind
from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint
from model.decoding import translate
from tests.app_testing import rerun
from ui import cross_sections, hood_sections, links, state, texts, views

PAGES = Path(__file__).resolve().parents[1] / "pages"
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
SENTENCE = "그는 학교에서 밥을 먹었다"
CONFIG = load_checkpoint(SHIPPED_CHECKPOINT).model_config


def open_link(page: str, params: dict, browser_language: str = "en", timeout: float = 120) -> AppTest:
    """A fresh session opening `page` with the link's query parameters (a browser in `browser_language`)."""
    app = AppTest.from_file(str(PAGES / page), default_timeout=timeout)
    app.context["locale"] = "ko-KR" if browser_language == "ko" else "en-US"
    app.query_params.update(params)
    return rerun(app)


def url_params(app: AppTest) -> dict[str, str]:
    """The URL's query parameters after the run (AppTest keeps what the script wrote)."""
    return {name: value if isinstance(value, str) else value[-1] for name, value in app.query_params.items()}


def copied_link(app: AppTest) -> dict[str, str]:
    """The parameters of the link in the page's "copy link" box."""
    (code,) = [element.value for element in app.code if "?" in element.value]
    return {name: values[0] for name, values in parse_qs(urlsplit(code).query, keep_blank_values=True).items()}


def warnings(app: AppTest) -> list[str]:
    return [element.value for element in app.warning]


def key(kind: str, name: str) -> str:
    return views.widget_key(kind, name)


# --- params in -> view ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_encoder_link_opens_exactly_its_view(language):
    params = {"lang": language, "sentence": SENTENCE, "layer": "1", "head": "2", "token": "3"}
    app = open_link("encoder.py", params, browser_language="en" if language == "ko" else "ko")
    assert app.session_state[state.LANGUAGE] == language  # the link's, not the browser's
    assert app.session_state[state.SENTENCE] == SENTENCE
    assert app.radio(key=key("encoder_self", "layer")).value == 1
    assert app.radio(key=key("encoder_self", "head")).value == 2
    assert app.radio(key=key("encoder_self", "focus")).value == 3
    assert app.title[0].value == texts.text("encoder.title", language)
    titles = [json.loads(element.proto.spec).get("title") for element in app.get("vega_lite_chart")]
    assert texts.text("views.head_title", language, layer=1, head=2) in titles  # the large head
    assert warnings(app) == []
    assert url_params(app) == params  # the URL still says what is shown
    assert copied_link(app) == params


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_decoder_link_opens_exactly_its_view(language):
    params = {"lang": language, "sentence": SENTENCE, "layer": "0", "head": "3", "token": "1"}
    app = open_link("decoder.py", params)
    assert app.radio(key=key("decoder_self", "head")).value == 3
    assert app.radio(key=key("decoder_self", "focus")).value == 1
    assert warnings(app) == []  # no "default value and Session State" warning from Streamlit either
    assert url_params(app) == params


def test_a_link_without_a_token_keeps_the_pages_default():
    app = open_link("decoder.py", {"sentence": SENTENCE, "head": "1"})
    translation = translate(load_checkpoint(SHIPPED_CHECKPOINT), SENTENCE)
    default = len(translation.target_tokens) - 2
    assert app.radio(key=key("decoder_self", "focus")).value == default
    assert url_params(app)["token"] == str(default)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_cross_link_opens_its_tab_and_step(language):
    params = {
        "lang": language,
        "sentence": SENTENCE,
        "layer": "1",
        "head": "2",
        "token": "1",
        "step": "3",
        "tab": "steps",
    }
    app = open_link("cross.py", params)
    assert app.radio(key=cross_sections.LAYER).value == 1
    assert app.radio(key=cross_sections.HEAD).value == 2
    assert app.select_slider(key=cross_sections.STEP).value == 3  # the steps tab is the open one
    assert app.session_state[cross_sections.TAB] == texts.text("cross.tab.steps", language)
    assert warnings(app) == []
    assert url_params(app) == params
    assert copied_link(app) == params


def test_the_app_follows_a_links_language_and_sentence_in_the_sidebar(navigation_runs_the_entrypoint):
    app = AppTest.from_file(APP, default_timeout=120)
    app.context["locale"] = "en-US"
    app.query_params.update({"lang": "ko", "sentence": SENTENCE})
    rerun(app)
    assert app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).value == SENTENCE
    assert app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).value == "ko"


# --- control change -> params out ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["ko", "en"])
def test_changing_a_control_updates_the_url(language):
    app = open_link("encoder.py", {"lang": language, "sentence": SENTENCE})
    app.radio(key=key("encoder_self", "layer")).set_value(1)
    app.radio(key=key("encoder_self", "head")).set_value(3)
    rerun(app)
    app.radio(key=key("encoder_self", "focus")).set_value(2)
    rerun(app)
    expected = {"lang": language, "sentence": SENTENCE, "layer": "1", "head": "3", "token": "2"}
    assert url_params(app) == expected
    assert copied_link(app) == expected
    assert app.radio(key=key("encoder_self", "layer")).value == 1  # the URL written is not followed back


def test_changing_the_cross_step_and_tab_updates_the_url():
    app = open_link("cross.py", {"lang": "en", "sentence": SENTENCE, "tab": "steps"})
    app.select_slider(key=cross_sections.STEP).set_value(2)
    rerun(app)
    assert url_params(app)["step"] == "2"
    app.session_state[cross_sections.TAB] = texts.text("cross.tab.heads", "en")  # AppTest cannot click a tab
    rerun(app)
    assert (url_params(app)["tab"], url_params(app)["step"]) == ("heads", "2")  # the closed tab's step kept


def test_the_sentence_typed_in_the_sidebar_goes_into_the_url(navigation_runs_the_entrypoint):
    app = AppTest.from_file(APP, default_timeout=120)
    app.context["locale"] = "en-US"
    rerun(app)
    app.switch_page("pages/encoder.py")
    rerun(app)
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).input(SENTENCE)
    rerun(app)
    assert url_params(app)["sentence"] == SENTENCE


# --- hostile links -------------------------------------------------------------------------------


HOSTILE = [
    ({"layer": "99"}, "links.bad_layer"),
    ({"head": "-1"}, "links.bad_head"),
    ({"token": "1e3"}, "links.bad_token"),
    ({"sentence": "나" * 2000}, "links.bad_sentence"),
    ({"lang": "<script>alert(1)</script>"}, "links.bad_lang"),
    ({"layer": ["0", "1"]}, "links.repeated"),
]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(("params", "text_key"), HOSTILE)
def test_a_hostile_link_falls_back_with_a_message(params, text_key, language):
    app = open_link("encoder.py", params, browser_language=language)
    [message] = warnings(app)
    expected = texts.text(text_key, language, last=0, max_characters=200, name="layer")
    assert message.split("(")[0] == expected.split("(")[0]  # in the user's language
    assert app.radio(key=key("encoder_self", "layer")).value == 0
    assert app.radio(key=key("encoder_self", "head")).value == 0
    assert "<script>" not in url_params(app).values()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_sentence_the_model_refuses_keeps_the_current_one(language):
    app = open_link("encoder.py", {"lang": language, "sentence": "<script>alert(1)</script>", "layer": "1"})
    [message] = warnings(app)
    assert message.startswith(texts.text("links.sentence_refused", language))
    assert app.session_state[state.SENTENCE] != "<script>alert(1)</script>"
    assert app.radio(key=key("encoder_self", "layer")).value == 1  # the rest of the link is followed
    assert url_params(app)["sentence"] == app.session_state[state.SENTENCE]


def test_a_hostile_cross_link_falls_back_with_messages():
    app = open_link("cross.py", {"tab": "<img src=x onerror=alert(1)>", "step": "999", "token": "x"})
    assert len(warnings(app)) == 3
    assert url_params(app)["tab"] == "map" and url_params(app)["step"] == "0"
    assert app.radio(key=cross_sections.LAYER).value == 0


def test_the_links_parameters_cover_the_page():
    """Every view field the page shows has a parameter (a new field would need both)."""
    assert set(cross_sections.LINKED_WIDGETS) == {"layer", "head", "token", "step", "tab"}
    assert set(links.PARAMETERS) >= set(cross_sections.LINKED_WIDGETS) | {"lang", "sentence"}


# --- Under the hood: the kind of attention and the what-ifs -----------------------------------------

HOOD = "under_the_hood.py"


def hood_view(app: AppTest) -> dict[str, str]:
    """What the page's pickers and what-if switches show, written as a link writes them."""
    view = links.View(
        None,
        None,
        app.selectbox(key=hood_sections.LAYER).value,
        app.selectbox(key=hood_sections.HEAD).value,
        app.selectbox(key=hood_sections.QUERY).value,
        kind=AttentionKind(app.selectbox(key=hood_sections.KIND).value),
        scale=app.toggle(key=hood_sections.SCALE).value,
        causal=app.toggle(key=hood_sections.CAUSAL).value,
        temperature=app.slider(key=hood_sections.TEMPERATURE).value,
    )
    return links.link_params(view)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_under_the_hood_link_opens_exactly_its_view(language):
    params = {"lang": language, "sentence": SENTENCE, "kind": "cross", "layer": "1", "head": "2", "token": "3"}
    app = open_link(HOOD, params, browser_language="en" if language == "ko" else "ko")
    assert app.session_state[state.SENTENCE] == SENTENCE
    shown = hood_view(app)
    assert {name: shown[name] for name in ("kind", "layer", "head", "token")} == {
        name: params[name] for name in ("kind", "layer", "head", "token")
    }
    assert (shown["scale"], shown["temperature"]) == ("on", "1")  # the real computation
    assert app.title[0].value == texts.text("hood.title", language)
    assert warnings(app) == []  # no what-if, no refusal, no Streamlit warning
    expected = {**params, "scale": "on", "temperature": "1"}  # the page writes its what-ifs too
    assert url_params(app) == expected
    assert copied_link(app) == expected


def test_an_under_the_hood_link_opens_its_what_ifs():
    params = {
        "lang": "en",
        "sentence": SENTENCE,
        "kind": "decoder_self",
        "layer": "0",
        "head": "3",
        "token": "2",
        "scale": "off",
        "causal": "off",
        "temperature": "2.5",
    }
    app = open_link(HOOD, params)
    assert hood_view(app) == {name: value for name, value in params.items() if name not in ("lang", "sentence")}
    # The page computes the what-if the link names: the page's "hypothetical" box lists all three.
    what_if = texts.text("hood.what_if.on", "en", changes="")
    [on] = [message for message in warnings(app) if message.startswith(what_if.split("(")[0])]
    for change in ("hood.what_if.no_scale", "hood.what_if.no_causal"):
        assert texts.text(change, "en") in on
    assert texts.text("hood.what_if.temperature_value", "en", temperature="2.5") in on
    assert url_params(app) == params
    assert copied_link(app) == params


def test_changing_an_under_the_hood_control_updates_the_url():
    app = open_link(HOOD, {"lang": "ko", "sentence": SENTENCE})
    app.selectbox(key=hood_sections.KIND).set_value(AttentionKind.DECODER_SELF)
    app.selectbox(key=hood_sections.LAYER).set_value(1)
    app.selectbox(key=hood_sections.HEAD).set_value(3)
    rerun(app)
    app.selectbox(key=hood_sections.QUERY).set_value(4)
    app.toggle(key=hood_sections.SCALE).set_value(False)
    app.toggle(key=hood_sections.CAUSAL).set_value(False)
    app.slider(key=hood_sections.TEMPERATURE).set_value(0.3)
    rerun(app)
    expected = {
        "lang": "ko",
        "sentence": SENTENCE,
        "kind": "decoder_self",
        "layer": "1",
        "head": "3",
        "token": "4",
        "scale": "off",
        "causal": "off",
        "temperature": "0.3",
    }
    assert url_params(app) == expected
    assert copied_link(app) == expected
    assert app.selectbox(key=hood_sections.HEAD).value == 3  # the URL written is not followed back
    app.selectbox(key=hood_sections.KIND).set_value(AttentionKind.CROSS)
    rerun(app)
    # Cross-attention has no causal mask: the switch leaves the link, the rest stays.
    assert url_params(app) == {name: value for name, value in expected.items() if name != "causal"} | {"kind": "cross"}


def test_an_under_the_hood_links_token_is_checked_against_its_kinds_tokens():
    """The sentence has 8 source tokens and 7 decoder positions: position 7 exists for encoder
    self-attention only."""
    app = open_link(HOOD, {"sentence": SENTENCE, "kind": "encoder_self", "token": "7"})
    assert (app.selectbox(key=hood_sections.QUERY).value, warnings(app)) == (7, [])
    app = open_link(HOOD, {"sentence": SENTENCE, "kind": "cross", "token": "7"})
    [message] = warnings(app)
    assert message == texts.text("links.bad_token", "en", last=6)
    assert app.selectbox(key=hood_sections.QUERY).value == 0


HOSTILE_HOOD = [
    ({"kind": "self"}, "links.bad_kind"),
    ({"layer": "99"}, "links.bad_layer"),
    ({"sentence": "나" * 2000}, "links.bad_sentence"),
    ({"temperature": "nan"}, "links.bad_temperature"),
    ({"temperature": "1e9999"}, "links.bad_temperature"),
    ({"kind": "decoder_self", "causal": "<script>alert(1)</script>"}, "links.bad_causal"),
    ({"scale": "<script>alert(1)</script>"}, "links.bad_scale"),
]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(("params", "text_key"), HOSTILE_HOOD)
def test_a_hostile_under_the_hood_link_falls_back_with_a_message(params, text_key, language):
    app = open_link(HOOD, params, browser_language=language)
    [message] = warnings(app)
    assert message.startswith(texts.TEXTS[text_key][language].split("{")[0])  # in the user's language
    assert "<script>" not in message and "nan" not in message
    shown = hood_view(app)
    expected_kind = params.get("kind") if params.get("kind") == "decoder_self" else "encoder_self"
    assert (shown["kind"], shown["layer"], shown["head"], shown["token"]) == (expected_kind, "0", "0", "0")
    assert (shown["scale"], shown["causal"], shown["temperature"]) == ("on", "on", "1")
    assert url_params(app)["temperature"] == "1"
    assert "<script>" not in url_params(app).values()


def test_script_tags_in_every_under_the_hood_parameter_give_the_defaults():
    script = "<script>alert(1)</script>"
    params = {name: script for name in links.PARAMETERS}
    app = open_link(HOOD, params, browser_language="ko")
    shown = warnings(app)
    # lang, kind, layer, head, token, scale, temperature refused; the sentence refused by the model;
    # step and tab mean nothing here, causal nothing for encoder self-attention (the default kind).
    assert len(shown) == 8, shown
    assert all("<script>" not in message for message in shown)
    assert shown[0].startswith(texts.text("links.sentence_refused", "ko"))
    defaults = {"kind": "encoder_self", "layer": "0", "head": "0", "token": "0"}
    assert hood_view(app) == defaults | {"scale": "on", "causal": "on", "temperature": "1"}
    written = url_params(app)
    assert written["lang"] == "ko" and written["sentence"] != script
    assert script not in written.values()


def test_the_hood_links_parameters_cover_the_page():
    """Every view field the page shows has a parameter and a widget."""
    assert set(hood_sections.LINKED_WIDGETS) == {"kind", "layer", "head", "token", "scale", "causal", "temperature"}
    assert set(links.PARAMETERS) >= set(hood_sections.LINKED_WIDGETS) | {"lang", "sentence"}
