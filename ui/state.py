"""Session-state keys, in one place, the one module that writes the state the sidebar owns,
and `study()`, what every page reads that state through.

Pages get the model, sentence and translation under study from `study()` (and the
language through `tr`). The sidebar (ui/sidebar.py) draws the widgets and calls the
functions here to change what is studied; the Train page offers its model with
`use_session_checkpoint`. No other module writes these keys.

A *state* key holds the truth; a *widget* key belongs to the widget that edits it.
They are kept apart because Streamlit deletes a widget's value when the widget is not
drawn, and forbids assigning a widget's key after the widget is drawn in a run (the
Train page must be able to switch the model from below the sidebar). Each sidebar
widget copies its value into the state key in its `on_change` callback and is reset
from the state key before it is drawn.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.checkpoint import Checkpoint, CheckpointError, check_records, load_checkpoint
from model.decoding import Translation
from model.tokenizer import split_korean
from ui import loading, streamlit_internals, texts

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
PALETTE = "palette"  # a name of ui.charts.PALETTES: the colours of every heatmap
SHOW_TABLES = "show_tables"  # bool: every chart's numbers also as a table under it

# Widget keys: owned by the sidebar's widgets (see the module docstring).
LANGUAGE_WIDGET = "sidebar_language"
MODEL_SOURCE_WIDGET = "sidebar_model_source"
UPLOAD_WIDGET = "sidebar_upload"
EXAMPLE_WIDGET = "sidebar_example"
TYPED_SENTENCE_WIDGET = "sidebar_typed_sentence"
PALETTE_WIDGET = "sidebar_colour_blind_safe"  # a toggle: on = the colour-blind-safe palette
SHOW_TABLES_WIDGET = "sidebar_show_tables"

# The palettes of ui/charts.py (named here: ui/ modules other than charts.py never import altair).
STANDARD_PALETTE, COLOUR_BLIND_SAFE_PALETTE = "standard", "colour_blind_safe"

# Where the model under study comes from.
SHIPPED, SESSION, UPLOADED = "shipped", "session", "uploaded"


def browser_language() -> str:
    """The browser's language if it is Korean ("ko"), else "en" (also when it says nothing)."""
    locale = getattr(st.context, "locale", None)
    return "ko" if isinstance(locale, str) and locale.lower().startswith("ko") else "en"


def _leave_pages_folder_mode() -> None:
    """Rerun through streamlit_app.py when Streamlit ran a page file on its own (a deep link
    on a fresh server: see ui.streamlit_internals.leave_pages_folder_mode)."""
    if streamlit_internals.leave_pages_folder_mode():
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
        PALETTE: lambda: STANDARD_PALETTE,
        SHOW_TABLES: lambda: False,
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

    A model of an uploaded corpus may know none of the current sentence's words: then it
    studies its own probe sentence. Used as a button callback, so the sidebar, drawn
    after it, shows the new model.
    """
    st.session_state[SESSION_CHECKPOINT] = checkpoint
    st.session_state[MODEL_SOURCE] = SESSION
    known = checkpoint.source_vocabulary.words
    if not set(split_korean(current_sentence(), known)) & known:
        st.session_state[SENTENCE] = checkpoint.train_config.probe_sentence


def session_checkpoint():
    """The model trained on the Train page and kept for this session, or None."""
    init_state()
    return st.session_state[SESSION_CHECKPOINT]


# --- what the sidebar's widgets change (their on_change callbacks) ---------------------------


def show_in_widget(widget_key: str, value) -> None:
    """Reset a sidebar widget from the truth before it is drawn (see the module docstring)."""
    st.session_state[widget_key] = value


def language_picked() -> None:
    # `required` stops a click from clearing the choice; keep the language if it ever is None.
    picked = st.session_state[LANGUAGE_WIDGET]
    if picked in texts.LANGUAGES:
        keep_tabs_open(current_language(), picked)
        st.session_state[LANGUAGE] = picked


# The text keys of every lazy tabs' labels, by their widget key (filled as `lazy_tabs` draws them).
LAZY_TAB_LABELS: dict[str, tuple[str, ...]] = {}


def lazy_tabs(label_keys, key: str) -> list:
    """`st.tabs` labelled with the texts of `label_keys`, where only the open tab runs (`on_change="rerun"`):
    draw a tab's content under `if tab.open`. Returns the tabs."""
    LAZY_TAB_LABELS[key] = tuple(label_keys)
    return st.tabs([tr(label_key) for label_key in label_keys], key=key, on_change="rerun")


def keep_tabs_open(old_language: str, new_language: str) -> None:
    """A tab keeps its state as its label, which is text in one language: after a switch the label
    would match no tab and the first one would open. Turn each open label into the new language."""
    for key, label_keys in LAZY_TAB_LABELS.items():
        opened = st.session_state.get(key)
        for label_key in label_keys:
            if opened == texts.text(label_key, old_language):
                st.session_state[key] = texts.text(label_key, new_language)
                break


def palette_picked() -> None:
    safe = st.session_state[PALETTE_WIDGET]
    st.session_state[PALETTE] = COLOUR_BLIND_SAFE_PALETTE if safe else STANDARD_PALETTE


def show_tables_picked() -> None:
    st.session_state[SHOW_TABLES] = bool(st.session_state[SHOW_TABLES_WIDGET])


def current_palette() -> str:
    """The session's heatmap palette: a name of ui.charts.PALETTES."""
    init_state()
    palette = st.session_state[PALETTE]
    return palette if palette in (STANDARD_PALETTE, COLOUR_BLIND_SAFE_PALETTE) else STANDARD_PALETTE


def tables_shown() -> bool:
    """Whether every chart's numbers are also shown as a table (the sidebar's display setting)."""
    init_state()
    return bool(st.session_state[SHOW_TABLES])


def model_source_picked() -> None:
    st.session_state[MODEL_SOURCE] = st.session_state[MODEL_SOURCE_WIDGET]


def keep_model_source_available() -> None:
    """Fall back to the shipped model when the chosen source has nothing loaded (any more)."""
    st.session_state[MODEL_SOURCE] = current_model_source()


def example_picked() -> None:
    picked = st.session_state[EXAMPLE_WIDGET]
    if picked is not None:
        st.session_state[PENDING_SENTENCE] = picked


def sentence_typed() -> None:
    st.session_state[PENDING_SENTENCE] = st.session_state[TYPED_SENTENCE_WIDGET]


def checkpoint_uploaded(widget_key: str) -> None:
    """Load the uploaded file; on success study it, on failure keep the previous model (and say why)."""
    uploaded = st.session_state[widget_key]
    if uploaded is None:  # the file was removed from the box; the loaded model stays
        st.session_state[UPLOAD_ERROR] = None
        return
    data = uploaded.getvalue()
    streamlit_internals.release_uploaded_file(uploaded)
    st.session_state[UPLOADS_READ] += 1  # an empty box from now on: the file's bytes can go
    try:
        checkpoint = load_checkpoint(data)
        check_records(checkpoint)  # the Train page draws its snapshots and history
    except CheckpointError as error:
        # A fresh error, without the traceback: its frames hold the uploaded bytes, and session
        # state outlives the tab (kept for reconnection), so a refused 20 MB file would stay.
        st.session_state[UPLOAD_ERROR] = CheckpointError(error.code, error.message)
        return
    st.session_state[UPLOAD_ERROR] = None
    st.session_state[UPLOADED_CHECKPOINT] = checkpoint
    st.session_state[UPLOADED_NAME] = uploaded.name
    st.session_state[MODEL_SOURCE] = UPLOADED


def take_pending_sentence(checkpoint) -> str | None:
    """Adopt the sentence just picked or typed if the model takes it; else say why.

    Returns the reason in the user's language when it was refused (the previous
    sentence stays), None otherwise.
    """
    pending = st.session_state[PENDING_SENTENCE]
    st.session_state[PENDING_SENTENCE] = None
    if pending is None or checkpoint is None:
        return None
    try:
        translation = loading.translation_for(loading.checkpoint_key(checkpoint), pending, checkpoint)
    except loading.SentenceError as error:
        return sentence_error_text(error)
    st.session_state[SENTENCE] = translation.source
    return None


def follow_link(language: str | None, sentence: str | None, checkpoint):
    """Study what a link to a view names (ui/view_link.py): its language and sentence, each
    None when the link names none (then the session keeps its own).

    `language` is one of texts.LANGUAGES and `sentence` passed ui.links.parse_view. The
    sentence is adopted only if `checkpoint` takes it; returns the model.decoding.SentenceError
    when it does not (the previous sentence stays), else None.
    """
    init_state()
    if language in texts.LANGUAGES:
        st.session_state[LANGUAGE] = language
    if sentence is None or checkpoint is None:
        return None
    try:
        translation = loading.translation_for(loading.checkpoint_key(checkpoint), sentence, checkpoint)
    except loading.SentenceError as error:
        return error
    st.session_state[SENTENCE] = translation.source
    return None


def available_model_sources() -> list[str]:
    """The model sources this session can choose from: shipped, and the others once they exist."""
    init_state()
    sources = [SHIPPED]
    if st.session_state[SESSION_CHECKPOINT] is not None:
        sources.append(SESSION)
    if st.session_state[UPLOADED_CHECKPOINT] is not None:
        sources.append(UPLOADED)
    return sources


def checkpoint_of_source(source: str):
    """The Checkpoint that model source `source` (SHIPPED, SESSION or UPLOADED) holds, or None when
    it holds none (for SHIPPED: when the shipped file cannot be read; the sidebar says why)."""
    init_state()
    if source == SESSION:
        return st.session_state[SESSION_CHECKPOINT]
    if source == UPLOADED:
        return st.session_state[UPLOADED_CHECKPOINT]
    checkpoint, _ = loading.shipped_checkpoint_or_error()
    return checkpoint


def other_model_sources() -> list[str]:
    """The model sources, other than the sidebar's, that hold a model to compare with (ui/compare_sections.py)."""
    current = current_model_source()
    return [
        source for source in available_model_sources() if source != current and checkpoint_of_source(source) is not None
    ]


def current_model_source() -> str:
    init_state()
    source = st.session_state[MODEL_SOURCE]
    return source if source in available_model_sources() else SHIPPED


def current_checkpoint():
    """The Checkpoint chosen in the sidebar.

    When it cannot be had (the shipped file is missing or damaged and nothing else is
    loaded), shows why in the user's language and stops the page: no traceback.
    """
    checkpoint = checkpoint_of_source(current_model_source())
    if checkpoint is None:  # only the shipped source can hold none: its file is missing or damaged
        _, error = loading.shipped_checkpoint_or_error()
        st.error(tr("errors.no_model", reason=checkpoint_error_text(error)))
        st.stop()
    return checkpoint


def current_sentence() -> str:
    init_state()
    return st.session_state[SENTENCE]


@dataclass(frozen=True)
class Study:
    """What the pages study: the sidebar's model and sentence, and the model's translation of it."""

    checkpoint: Checkpoint
    model_key: str  # loading.checkpoint_key(checkpoint): names the server-wide caches
    sentence: str  # normalised, always one the model accepted
    translation: Translation  # model.decoding.Translation (cached per model and sentence)

    @property
    def attention(self) -> pd.DataFrame:
        """The tidy attention DataFrame (ui/frames.py) of every map of the translation (cached)."""
        return loading.attention_frame_for(self.model_key, self.sentence, self.checkpoint)


def study() -> Study:
    """The model, sentence and translation under study.

    Stops the page with a message in the user's language when there is no model (see
    `current_checkpoint`) or the model cannot take the sentence (possible right after
    switching to a model with another vocabulary).
    """
    checkpoint = current_checkpoint()
    model_key, sentence = loading.checkpoint_key(checkpoint), current_sentence()
    try:
        translation = loading.translation_for(model_key, sentence, checkpoint)
    except loading.SentenceError as error:
        st.error(sentence_error_text(error))
        st.stop()
    return Study(checkpoint, model_key, sentence, translation)


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
