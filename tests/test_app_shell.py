"""The app shell: navigation, the shared sidebar (language, model, sentence), Home, the
texts table and the tidy attention frame. Runs the real app under Streamlit's AppTest
with the shipped checkpoint."""

import re

import numpy as np
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from model.checkpoint import checkpoint_bytes, load_checkpoint
from model.decoding import MAX_SENTENCE_TOKENS, translate
from tests.app_testing import rerun
from ui import frames, loading, state, texts
from ui.sidebar import escape_markdown

APP = "../streamlit_app.py"
STREAMLIT_PAGES_MANAGER_INIT = PagesManager.__init__
TIMEOUT_S = 60


# Every AppTest run here goes through streamlit_app.py, as the real server does (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("navigation_runs_the_entrypoint")


def start(locale: str | None = "en-US") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    app.context["locale"] = locale
    return rerun(app)


def sidebar_markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.sidebar.markdown)


# --- language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "language", "title"),
    [
        ("ko-KR", "ko", "어텐션 랩: 어텐션을 눈으로 보기"),
        ("ko", "ko", "어텐션 랩: 어텐션을 눈으로 보기"),
        ("en-GB", "en", "Attention Lab: see attention at work"),
        ("de-DE", "en", "Attention Lab: see attention at work"),
        (None, "en", "Attention Lab: see attention at work"),
    ],
)
def test_the_default_language_follows_the_browser(locale, language, title):
    app = start(locale)
    assert app.session_state[state.LANGUAGE] == language
    assert app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).value == language
    assert [element.value for element in app.title] == [title]


def test_switching_the_language_changes_title_prose_sidebar_and_navigation():
    app = start("en-US")
    english_prose = [element.value for element in app.markdown]
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).label == "Model"

    app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).set_value("ko")
    rerun(app)

    assert [element.value for element in app.title] == [texts.text("home.title", "ko")]
    korean_prose = [element.value for element in app.markdown]
    assert texts.text("home.intro", "ko") in korean_prose
    assert texts.text("home.intro", "en") not in korean_prose
    assert korean_prose != english_prose
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).label == "모델"
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).options == [texts.TEXTS["sidebar.model_shipped"]["ko"]]
    # The choice survives a page change (the sidebar is drawn on every page).
    app.switch_page("pages/basics.py")
    rerun(app)
    assert app.session_state[state.LANGUAGE] == "ko"
    assert app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).value == "ko"


@pytest.mark.parametrize(
    ("page", "tabs_key", "label_key"),
    [("pages/basics.py", "basics_step", "basics.matrix.header"), ("pages/cross.py", "cross_tab", "cross.tab.heads")],
)
def test_a_language_switch_keeps_the_open_tab(page, tabs_key, label_key):
    app = start()
    app.switch_page(page)
    rerun(app)
    app.session_state[tabs_key] = texts.text(label_key, "en")  # as a click on the tab
    rerun(app)
    app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).set_value("ko")
    rerun(app)
    assert app.session_state[tabs_key] == texts.text(label_key, "ko")
    app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).set_value("en")
    rerun(app)
    assert app.session_state[tabs_key] == texts.text(label_key, "en")


# --- sentence ------------------------------------------------------------------


def test_the_seed_sentence_comes_first_and_is_translated(shipped):
    app = start()
    examples = app.sidebar.selectbox(key=state.EXAMPLE_WIDGET)
    assert examples.options[0] == "나는 학생이다"
    assert examples.value == "나는 학생이다"
    assert app.session_state[state.SENTENCE] == "나는 학생이다"
    markdown = sidebar_markdown(app)
    assert ":blue-badge[나] :blue-badge[는] :blue-badge[학생] :blue-badge[이다]" in markdown
    assert [element.value for element in app.sidebar.text] == [translate(shipped, "나는 학생이다").translation]
    assert not app.sidebar.info  # every token is known


def test_a_chosen_sentence_stays_the_same_across_pages():
    app = start()
    app.sidebar.selectbox(key=state.EXAMPLE_WIDGET).set_value("그들은 학생이다")
    rerun(app)
    assert app.session_state[state.SENTENCE] == "그들은 학생이다"
    assert app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).value == "그들은 학생이다"

    app.switch_page("pages/basics.py")
    rerun(app)
    assert app.session_state[state.SENTENCE] == "그들은 학생이다"
    assert app.sidebar.selectbox(key=state.EXAMPLE_WIDGET).value == "그들은 학생이다"

    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value("민수는  커피를 마셨다.")
    rerun(app)
    app.switch_page("pages/home.py")
    rerun(app)
    # Normalised (spaces collapsed, trailing full stop dropped) and still chosen on Home.
    assert app.session_state[state.SENTENCE] == "민수는 커피를 마셨다"
    assert any(element.value.startswith("**민수는 커피를 마셨다** → **") for element in app.markdown)
    assert app.sidebar.selectbox(key=state.EXAMPLE_WIDGET).value is None  # typed, not an example


def test_an_unknown_word_is_marked_and_explained():
    app = start()
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value("고양이를 먹었다")
    rerun(app)
    markdown = sidebar_markdown(app)
    assert ":orange-badge[고양이 ?]" in markdown
    assert ":blue-badge[를]" in markdown and ":blue-badge[먹] :blue-badge[었다]" in markdown
    assert [element.value for element in app.sidebar.info] == [
        "'고양이' is not in the model's vocabulary; it is read as `<unk>` (unknown)."
    ]

    app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).set_value("ko")
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value("고양이는 강아지를 먹었다")
    rerun(app)
    [explanation] = [element.value for element in app.sidebar.info]
    assert explanation.startswith("'고양이', '강아지'는 모델의 어휘에 없어서")  # the particle follows 지


@pytest.mark.parametrize(
    ("typed", "english_message"),
    [
        ("", "The sentence is empty."),
        (" .?! ", "The sentence is empty."),
        (" ".join(["나는"] * (MAX_SENTENCE_TOKENS // 2 + 1)), f"at most {MAX_SENTENCE_TOKENS} tokens"),
        ("가" * 201, f"at most {MAX_SENTENCE_TOKENS} tokens"),
    ],
)
def test_bad_input_gives_a_message_and_keeps_the_previous_sentence(typed, english_message):
    app = start()
    app.sidebar.selectbox(key=state.EXAMPLE_WIDGET).set_value("그녀는 가수이다")
    rerun(app)
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value(typed)
    rerun(app)
    [warning] = [element.value for element in app.sidebar.warning]
    assert english_message in warning
    assert "Keeping the previous sentence: 그녀는 가수이다" in warning
    assert app.session_state[state.SENTENCE] == "그녀는 가수이다"
    assert app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).value == "그녀는 가수이다"
    # The message is once, not forever: the next run is clean.
    rerun(app)
    assert not app.sidebar.warning


def test_markdown_in_a_typed_sentence_is_shown_literally():
    app = start()
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value("나는 **[학생](http://x)**이다")
    rerun(app)
    # Every markdown character is escaped: no bold, no live link.
    assert "\\*\\*\\[학생\\]\\(http\\://x\\)\\*\\*" in sidebar_markdown(app)


# --- model ---------------------------------------------------------------------


def test_the_shipped_model_card_is_shown(shipped):
    app = start()
    radio = app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET)
    assert radio.value == state.SHIPPED and radio.options == ["Pretrained model"]
    expected = f"{shipped.parameter_count():,} parameters · test exact match {shipped.metrics['test_exact_match']:.1%}"
    assert expected in [element.value for element in app.sidebar.caption]
    metrics = {element.label: element.value for element in app.metric}
    assert metrics["Parameters"] == f"{shipped.parameter_count():,}"
    assert metrics["Heads per layer"] == str(shipped.model_config.n_heads)
    assert metrics["Vocabulary size (Korean / English)"] == (
        f"{len(shipped.source_vocabulary)} / {len(shipped.target_vocabulary)}"
    )


@pytest.mark.parametrize(
    ("content", "english_message"),
    [
        (b"definitely not a checkpoint", "This is not a safetensors checkpoint."),
        (b"\x80\x04\x95" + b"\x00" * 64, "Pickle files are unsafe and are never opened"),
    ],
)
def test_a_bad_upload_is_refused_in_words_and_the_model_is_kept(content, english_message):
    app = start()
    app.sidebar.file_uploader(key=state.UPLOAD_WIDGET).set_value(
        ("mine.safetensors", content, "application/octet-stream")
    )
    rerun(app)
    [error] = [element.value for element in app.sidebar.error]
    assert error.endswith("Keeping the model you had.")
    assert error.startswith(english_message)
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).options == ["Pretrained model"]
    assert app.session_state[state.UPLOADED_CHECKPOINT] is None

    app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).set_value("ko")
    rerun(app)
    [error] = [element.value for element in app.sidebar.error]
    assert error.endswith("쓰던 모델을 그대로 씁니다.")


def test_a_good_upload_becomes_the_model_under_study(shipped):
    app = start()
    uploaded = checkpoint_bytes(shipped)
    app.sidebar.file_uploader(key=state.UPLOAD_WIDGET).set_value(
        ("mine.safetensors", uploaded, "application/octet-stream")
    )
    rerun(app)
    radio = app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET)
    assert radio.options == ["Pretrained model", "Uploaded (mine\\.safetensors)"]
    assert radio.value == state.UPLOADED
    assert not app.sidebar.error
    assert "Source: Uploaded (mine\\.safetensors)" in [element.value for element in app.caption]
    # Back to the shipped one: both stay on offer.
    radio.set_value(state.SHIPPED)
    rerun(app)
    assert app.session_state[state.MODEL_SOURCE] == state.SHIPPED
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).options == [
        "Pretrained model",
        "Uploaded (mine\\.safetensors)",
    ]


def test_a_model_trained_in_the_session_is_offered_and_chosen(shipped):
    app = start()
    session_model = load_checkpoint(checkpoint_bytes(shipped))
    session_model.metrics = {**session_model.metrics, "test_exact_match": 0.5}
    app.session_state[state.SESSION_CHECKPOINT] = session_model
    app.session_state[state.MODEL_SOURCE] = state.SESSION  # what state.use_session_checkpoint does
    rerun(app)
    radio = app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET)
    assert radio.options == ["Pretrained model", "Trained in this session"]
    assert radio.value == state.SESSION
    assert any("test exact match 50.0%" in element.value for element in app.sidebar.caption)


def test_a_missing_shipped_model_is_explained_not_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(loading, "SHIPPED_CHECKPOINT", tmp_path / "gone.safetensors")
    loading.load_shipped_checkpoint.clear()
    try:
        app = start()
        errors = [element.value for element in app.error] + [element.value for element in app.sidebar.error]
        assert errors and all("The checkpoint file is missing." in error for error in errors)
        assert not app.title  # Home stopped after saying why
        assert app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).value == "en"  # the sidebar still works
    finally:
        loading.load_shipped_checkpoint.clear()


def _page_reading_shared_state():
    import streamlit as st

    from ui import state

    study = state.study()
    translation, frame = study.translation, study.attention
    st.write(translation.source, translation.translation)
    st.dataframe(frame)


def test_pages_read_the_translation_and_tidy_frame_of_the_current_sentence(shipped):
    app = AppTest.from_function(_page_reading_shared_state, default_timeout=TIMEOUT_S)
    app.session_state[state.SENTENCE] = "그들은 학생이다"
    rerun(app)
    expected = translate(shipped, "그들은 학생이다")
    assert app.markdown[0].value == f"그들은 학생이다 {expected.translation}"
    frame = app.dataframe[0].value
    assert len(frame) == len(frames.attention_frame(expected))
    assert set(frame["kind"]) == {"encoder_self", "decoder_self", "cross"}


# --- navigation ----------------------------------------------------------------


def test_a_page_run_on_its_own_reruns_through_the_entrypoint(monkeypatch):
    """What a fresh server does on a first visit to a deep link: Streamlit runs the
    page file alone; the app must rerun through streamlit_app.py and draw the sidebar."""
    monkeypatch.setattr(PagesManager, "__init__", STREAMLIT_PAGES_MANAGER_INIT)  # Streamlit as shipped
    app = start()
    app.switch_page("pages/basics.py")
    rerun(app)  # AppTest's later runs take pages/ for a legacy folder, like a fresh server
    assert app.sidebar.segmented_control(key=state.LANGUAGE_WIDGET).value == "en"
    assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).options == ["Pretrained model"]
    assert app.session_state[state.SENTENCE] == "나는 학생이다"


def test_home_links_every_other_page_in_order():
    app = start()
    links = [element for element in app.get("page_link")]
    assert [link.proto.label for link in links] == [
        f"{number}. {texts.text(key, 'en')}"
        for number, key in enumerate(
            ("nav.basics", "nav.train", "nav.encoder", "nav.decoder", "nav.cross", "nav.under_the_hood"), start=1
        )
    ]


# --- texts (the house rules of ui/texts.py: tests/test_texts.py) -------------------


def test_korean_texts_are_korean():
    for key, translations in texts.TEXTS.items():
        if key.startswith(("nav.", "home.", "sidebar.", "errors.")) and key != "sidebar.language":
            assert re.search("[가-힣]", translations["ko"]), key


# --- tidy attention frame --------------------------------------------------------


def test_attention_frame_holds_every_weight_in_sentence_order(shipped):
    translation = translate(shipped, "지연은 카페에서 신문을 읽는다")
    frame = frames.attention_frame(translation)
    assert list(frame.columns) == frames.COLUMNS

    for kind in ("encoder_self", "decoder_self", "cross"):
        weights = translation.maps.of_kind(kind).numpy()
        rows = frame[frame["kind"] == kind]
        assert len(rows) == weights.size
        layer, head, query, key = 1, 2, 1, 0
        row = rows[
            (rows["layer"] == layer) & (rows["head"] == head) & (rows["query_pos"] == query) & (rows["key_pos"] == key)
        ]
        assert row["weight"].item() == pytest.approx(float(weights[layer, head, query, key]))
        sums = rows.groupby(["layer", "head", "query_pos"])["weight"].sum()
        assert np.allclose(sums, 1.0, atol=1e-5)

    encoder = frame[frame["kind"] == "encoder_self"]
    head_zero = encoder[(encoder["layer"] == 0) & (encoder["head"] == 0) & (encoder["key_pos"] == 0)]
    assert list(head_zero["query_token"]) == translation.source_tokens
    assert encoder["produced_token"].isna().all()

    cross = frame[frame["kind"] == "cross"]
    first_key = cross[(cross["layer"] == 0) & (cross["head"] == 0) & (cross["key_pos"] == 0)]
    assert list(first_key["query_token"]) == translation.target_tokens
    assert list(first_key["produced_token"]) == translation.output_tokens
    assert first_key["query_token"].iloc[0] == "<bos>"
    decoder = frame[frame["kind"] == "decoder_self"]
    above_diagonal = decoder[decoder["key_pos"] > decoder["query_pos"]]
    assert len(above_diagonal) and (above_diagonal["weight"] < 1e-6).all()


def test_attention_frame_keeps_repeated_tokens_apart(shipped):
    translation = translate(shipped, "나는 나는 학생이다")
    encoder = frames.attention_frame(translation).query("kind == 'encoder_self' and layer == 0 and head == 0")
    assert encoder["query_token"].tolist().count("나") == 2 * len(translation.source_tokens)
    assert sorted(encoder["query_pos"].unique()) == list(range(len(translation.source_tokens)))


def test_snapshot_frame_reads_a_training_snapshot(shipped):
    snapshot = shipped.snapshots[-1]
    frame = frames.snapshot_frame(snapshot)
    cross = frame[frame["kind"] == "cross"]
    assert len(cross) == np.asarray(snapshot["cross"]).size
    assert set(cross["key_token"]) == set(snapshot["source_tokens"])


def test_escape_markdown_keeps_text_literal():
    assert escape_markdown("나는 학생이다") == "나는 학생이다"
    assert escape_markdown("**a** [b](c) $x$ <i>") == "\\*\\*a\\*\\* \\[b\\]\\(c\\) \\$x\\$ \\<i\\>"
