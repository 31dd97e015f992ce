"""Links to a view under AppTest: a link's query parameters in -> the page shows that view;
a control changed -> the URL's parameters follow; hostile links -> defaults and a message in
the user's language, never a traceback. Encoder, decoder and cross-attention pages, both languages."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint
from model.decoding import translate
from tests.app_testing import rerun
from ui import cross_sections, links, state, texts, views

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
