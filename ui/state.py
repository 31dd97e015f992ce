"""Session-state keys, in one place, and the helpers pages use to read shared state.

The sidebar (ui/sidebar.py) writes these keys on every page; pages read them through
`current_language`, `current_checkpoint`, `current_sentence` and `current_translation`.
The Train page offers its model with `use_session_checkpoint`.

A *state* key holds the truth; a *widget* key belongs to the widget that edits it.
They are kept apart because Streamlit deletes a widget's value when the widget is not
drawn, and forbids assigning a widget's key after the widget is drawn in a run (the
Train page must be able to switch the model from below the sidebar). Each sidebar
widget copies its value into the state key in its `on_change` callback and is reset
from the state key before it is drawn.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui import loading, texts

# State keys: the truth, read by every page.
LANGUAGE = "language"  # "ko" | "en"
SENTENCE = "sentence"  # the normalised sentence under study; always one the model accepted
PENDING_SENTENCE = "pending_sentence"  # text just picked or typed, checked by the sidebar before use
MODEL_SOURCE = "model_source"  # SHIPPED | SESSION | UPLOADED
SESSION_CHECKPOINT = "session_checkpoint"  # model.checkpoint.Checkpoint trained on the Train page, or None
UPLOADED_CHECKPOINT = "uploaded_checkpoint"  # Checkpoint loaded from an uploaded file, or None
UPLOADED_NAME = "uploaded_name"  # file name of UPLOADED_CHECKPOINT
UPLOAD_ERROR = "upload_error"  # the CheckpointError of the last rejected upload, or None
UPLOADS_READ = "uploads_read"  # how many uploaded files the sidebar has read (names a fresh upload box)

# Widget keys: owned by the sidebar's widgets (see the module docstring).
LANGUAGE_WIDGET = "sidebar_language"
MODEL_SOURCE_WIDGET = "sidebar_model_source"
UPLOAD_WIDGET = "sidebar_upload"
EXAMPLE_WIDGET = "sidebar_example"
TYPED_SENTENCE_WIDGET = "sidebar_typed_sentence"

# Where the model under study comes from.
SHIPPED, SESSION, UPLOADED = "shipped", "session", "uploaded"


def browser_language() -> str:
    """The browser's language if it is Korean ("ko"), else "en" (also when it says nothing)."""
    locale = getattr(st.context, "locale", None)
    return "ko" if isinstance(locale, str) and locale.lower().startswith("ko") else "en"


def _leave_pages_folder_mode() -> None:
    """Rerun through streamlit_app.py when Streamlit ran a page file on its own.

    Until `st.navigation` has been called once, a fresh server takes a `pages/`
    folder for the legacy multipage layout: a first visit to a deep link (say
    /encoder, after Community Cloud wakes the app) runs that file alone, without
    the sidebar, and every session stays that way until someone opens the home
    page. One rerun with that mode off goes through streamlit_app.py instead.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def init_state() -> None:
    """Give every state key its first value; later runs keep what the session chose."""
    _leave_pages_folder_mode()
    defaults = {
        LANGUAGE: browser_language,
        SENTENCE: lambda: loading.example_sentences()[0],
        PENDING_SENTENCE: lambda: None,
        MODEL_SOURCE: lambda: SHIPPED,
        SESSION_CHECKPOINT: lambda: None,
        UPLOADED_CHECKPOINT: lambda: None,
        UPLOADED_NAME: lambda: "",
        UPLOAD_ERROR: lambda: None,
        UPLOADS_READ: lambda: 0,
    }
    for key, default in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = default()


def upload_widget_key(uploads_read: int | None = None) -> str:
    """The sidebar upload box's key: UPLOAD_WIDGET, then a new key after each file read.

    A new key gives an empty box and lets Streamlit drop the widget holding the file read
    (up to 25 MB per session otherwise, kept even after the tab closes). Tests pass the
    session's UPLOADS_READ; the app reads it from its session.
    """
    if uploads_read is None:
        init_state()
        uploads_read = st.session_state[UPLOADS_READ]
    return UPLOAD_WIDGET if uploads_read == 0 else f"{UPLOAD_WIDGET}_{uploads_read}"


def current_language() -> str:
    init_state()
    language = st.session_state[LANGUAGE]
    return language if language in texts.LANGUAGES else "en"


def tr(key: str, **fields) -> str:
    """The text `key` of ui/texts.py in the session's language, with `fields` filled in."""
    return texts.text(key, current_language(), **fields)


def use_session_checkpoint(checkpoint) -> None:
    """Keep `checkpoint` (trained on the Train page) for this session and study it.

    Call `st.rerun()` afterwards so the sidebar, already drawn, shows the new model.
    """
    st.session_state[SESSION_CHECKPOINT] = checkpoint
    st.session_state[MODEL_SOURCE] = SESSION


def available_model_sources() -> list[str]:
    """The model sources this session can choose from: shipped, and the others once they exist."""
    init_state()
    sources = [SHIPPED]
    if st.session_state[SESSION_CHECKPOINT] is not None:
        sources.append(SESSION)
    if st.session_state[UPLOADED_CHECKPOINT] is not None:
        sources.append(UPLOADED)
    return sources


def current_model_source() -> str:
    init_state()
    source = st.session_state[MODEL_SOURCE]
    return source if source in available_model_sources() else SHIPPED


def current_checkpoint():
    """The Checkpoint chosen in the sidebar.

    When it cannot be had (the shipped file is missing or damaged and nothing else is
    loaded), shows why in the user's language and stops the page: no traceback.
    """
    source = current_model_source()
    if source == SESSION:
        return st.session_state[SESSION_CHECKPOINT]
    if source == UPLOADED:
        return st.session_state[UPLOADED_CHECKPOINT]
    checkpoint, error = loading.shipped_checkpoint_or_error()
    if checkpoint is None:
        st.error(tr("errors.no_model", reason=checkpoint_error_text(error)))
        st.stop()
    return checkpoint


def current_sentence() -> str:
    init_state()
    return st.session_state[SENTENCE]


def current_translation():
    """The current model's model.decoding.Translation of the current sentence (cached).

    Stops the page with a message when the model cannot take the sentence (possible
    right after switching to a model with another vocabulary).
    """
    checkpoint = current_checkpoint()
    try:
        return loading.translation_for(loading.checkpoint_key(checkpoint), current_sentence(), checkpoint)
    except loading.SentenceError as error:
        st.error(sentence_error_text(error))
        st.stop()


def current_attention_frame():
    """The tidy attention DataFrame (ui/frames.py) of the current model and sentence (cached)."""
    current_translation()  # shows the error and stops the page when the sentence is refused
    checkpoint = current_checkpoint()
    return loading.attention_frame_for(loading.checkpoint_key(checkpoint), current_sentence(), checkpoint)


def sentence_error_text(error) -> str:
    """A model.decoding.SentenceError in the user's language."""
    if error.code == "empty":
        return tr("errors.sentence_empty")
    if error.code == "too_long":
        details = getattr(error, "details", {})
        return tr(
            "errors.sentence_too_long",
            max_tokens=details.get("max_tokens", loading.MAX_SENTENCE_TOKENS),
            max_characters=details.get("max_characters", loading.MAX_SENTENCE_CHARACTERS),
        )
    key = f"errors.sentence_{error.code}"
    if key in texts.TEXTS and key != "errors.sentence_other":
        return tr(key)
    return tr("errors.sentence_other", message=error.message)


def checkpoint_error_text(error) -> str:
    """A model.checkpoint.CheckpointError in the user's language (by its code)."""
    key = f"errors.checkpoint_{error.code}"
    if key in texts.TEXTS:
        return tr(key)
    return tr("errors.checkpoint_other", message=error.message)


# --- train page ------------------------------------------------------------------
# State keys of pages/train.py (its purely local widget keys are constants in that file).
TRAIN_RUN = "train_run"  # ui.training.LearnerRun (its hold on a run) of this session's latest training (running or ended), or None
TRAIN_SETTINGS = "train_settings"  # (TrainConfig, ModelConfig) last submitted, to refill the form after a page switch
TRAIN_FORM_PROBLEMS = "train_form_problems"  # (text key, fields) pairs of the last refused submission
TRAIN_NOTICE = "train_notice"  # (text key, fields) of a one-off message (e.g. "a run is already going")
# (file name, model.user_corpus.UserCorpus) of the last uploaded pairs file that could be read, or None:
# a later file that cannot be read is refused and these pairs stay.
TRAIN_OWN_CORPUS = "train_own_corpus"


def keep_widget_values(keys) -> None:
    """Keep the values of widgets this run does not draw (those in a closed lazy tab).

    Streamlit forgets a widget's value after a run that does not draw it; written back
    as plain session state, the value waits for the widget to be drawn again.
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
