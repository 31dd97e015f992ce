"""The app shell: the table of pages and the sidebar drawn on every page.

The sidebar sets the three things every page shares: the language, the model and
the sentence under study. It lives in streamlit_app.py (not in a page), so its
widgets are drawn on every run and the choices survive page changes.
"""

from pathlib import PurePosixPath
from typing import NamedTuple

import streamlit as st

from model.checkpoint import MAX_CHECKPOINT_BYTES
from ui import frames, loading, state, texts, view_link
from ui.state import tr


class PageEntry(NamedTuple):
    path: str  # the page's file, relative to streamlit_app.py
    title_key: str  # its title in ui/texts.py
    icon: str

    @property
    def url_path(self) -> str:
        """The file name without .py (ASCII, shown in the address bar).

        Equal to the file name because on a fresh server the first request may be served in
        the legacy pages/-folder mode, which finds pages by file name (see ui.state.init_state).
        """
        return PurePosixPath(self.path).stem


PAGES = (
    PageEntry("pages/home.py", "nav.home", ":material/home:"),
    PageEntry("pages/basics.py", "nav.basics", ":material/school:"),
    PageEntry("pages/train.py", "nav.train", ":material/model_training:"),
    PageEntry("pages/encoder.py", "nav.encoder", ":material/grid_on:"),
    PageEntry("pages/decoder.py", "nav.decoder", ":material/change_history:"),
    PageEntry("pages/cross.py", "nav.cross", ":material/translate:"),
    PageEntry("pages/under_the_hood.py", "nav.under_the_hood", ":material/calculate:"),
)

# Markdown would read these characters as formatting in user text; a backslash keeps them literal.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~:$")


def escape_markdown(text: str) -> str:
    """`text` shown literally by st.markdown (no formatting, links, HTML or LaTeX)."""
    return "".join("\\" + character if character in _MARKDOWN_SPECIAL else character for character in text)


# Widget labels and options (st.radio, st.segmented_control, ...) render a few inline markdown forms
# only: bold, italics, strikethrough, code, links, images, LaTeX and :directives[...].
_LABEL_SPECIAL = set("\\`*_[]!~$:")


def escape_label(text: str) -> str:
    """`text` shown literally as a widget option; lighter than escape_markdown, so "는 (2)" stays as is."""
    return "".join("\\" + character if character in _LABEL_SPECIAL else character for character in text)


def render() -> None:
    """Draw the sidebar: language first (it decides every label), then model, then sentence."""
    state.init_state()
    view_link.follow_shared()  # a link's language and sentence, before the widgets that show them
    with st.sidebar:
        _language_picker()
        _display_settings()
        checkpoint = _model_picker()
        st.divider()
        _sentence_picker(checkpoint)


# --- display settings ----------------------------------------------------------


def _display_settings() -> None:
    """Colour-blind-safe colours for every heatmap, and every chart's numbers as a table."""
    with st.expander(tr("sidebar.display"), icon=":material/visibility:"):
        state.show_in_widget(state.PALETTE_WIDGET, state.current_palette() == state.COLOUR_BLIND_SAFE_PALETTE)
        st.toggle(
            tr("sidebar.colour_blind_safe"),
            key=state.PALETTE_WIDGET,
            on_change=state.palette_picked,
            help=tr("sidebar.colour_blind_safe_help"),
        )
        state.show_in_widget(state.SHOW_TABLES_WIDGET, state.tables_shown())
        st.toggle(
            tr("sidebar.show_tables"),
            key=state.SHOW_TABLES_WIDGET,
            on_change=state.show_tables_picked,
            help=tr("sidebar.show_tables_help"),
        )


# --- language ------------------------------------------------------------------


def _language_picker() -> None:
    state.show_in_widget(state.LANGUAGE_WIDGET, state.current_language())
    st.segmented_control(
        tr("sidebar.language"),
        options=texts.LANGUAGES,
        format_func=texts.LANGUAGE_NAMES.__getitem__,
        required=True,
        key=state.LANGUAGE_WIDGET,
        on_change=state.language_picked,
    )


# --- model ---------------------------------------------------------------------


def _model_picker():
    """Radio of the available models, the chosen one's card, and the upload box. Returns
    the chosen Checkpoint (or None when none can be loaded; the pages then say why)."""
    sources = state.available_model_sources()
    state.keep_model_source_available()
    state.show_in_widget(state.MODEL_SOURCE_WIDGET, state.current_model_source())
    # Labels fixed now, in this run's language: a format_func must not read session state later.
    labels = {source: model_source_label(source) for source in sources}
    st.radio(
        tr("sidebar.model"),
        options=sources,
        format_func=labels.__getitem__,
        key=state.MODEL_SOURCE_WIDGET,
        on_change=state.model_source_picked,
        help=tr("sidebar.model_help"),
    )
    checkpoint = None
    if state.current_model_source() == state.SHIPPED:
        checkpoint, error = loading.shipped_checkpoint_or_error()
        if error is not None:
            st.error(tr("errors.no_model", reason=state.checkpoint_error_text(error)))
    else:
        checkpoint = state.current_checkpoint()
    if checkpoint is not None:
        st.caption(model_card_line(checkpoint))

    upload_error = st.session_state[state.UPLOAD_ERROR]
    with st.expander(tr("sidebar.upload"), expanded=upload_error is not None):
        st.file_uploader(
            tr("sidebar.upload"),
            type=["safetensors"],
            # A little above the loader's own limit, so a too-large file gets its message in the user's language.
            max_upload_size=MAX_CHECKPOINT_BYTES // 2**20 + 5,
            key=state.upload_widget_key(),
            on_change=state.checkpoint_uploaded,
            args=(state.upload_widget_key(),),
            help=tr("sidebar.upload_help"),
            label_visibility="collapsed",
        )
        if upload_error is not None:
            st.error(f"{state.checkpoint_error_text(upload_error)} {tr('errors.checkpoint_kept')}")
    return checkpoint


def model_source_label(source: str) -> str:
    """The model source in words, as markdown (radio options and captions render it)."""
    if source == state.UPLOADED:
        return tr("sidebar.model_uploaded", name=escape_markdown(st.session_state[state.UPLOADED_NAME]))
    return tr(f"sidebar.model_{source}")


def model_card_line(checkpoint) -> str:
    """The sidebar's one-line card, e.g. "123,456 parameters · test exact match 99.8%"."""
    exact_match = checkpoint.metrics.get("test_exact_match")
    return tr(
        "sidebar.model_card",
        parameters=f"{loading.parameter_count(checkpoint):,}",
        exact_match="–" if exact_match is None else f"{exact_match:.1%}",
    )


# --- sentence ------------------------------------------------------------------


def _sentence_picker(checkpoint) -> None:
    st.subheader(tr("sidebar.sentence"))
    rejected = state.take_pending_sentence(checkpoint)

    examples = loading.example_sentences()
    sentence = state.current_sentence()
    state.show_in_widget(state.EXAMPLE_WIDGET, sentence if sentence in examples else None)
    st.selectbox(
        tr("sidebar.examples"),
        options=examples,
        index=None,
        placeholder=tr("sidebar.examples_placeholder"),
        key=state.EXAMPLE_WIDGET,
        on_change=state.example_picked,
    )
    state.show_in_widget(state.TYPED_SENTENCE_WIDGET, sentence)
    st.text_input(
        tr("sidebar.typed"),
        key=state.TYPED_SENTENCE_WIDGET,
        on_change=state.sentence_typed,
        help=tr("sidebar.typed_help"),
    )
    st.caption(
        tr(
            "errors.sentence_limits",
            max_tokens=loading.MAX_SENTENCE_TOKENS,
            max_characters=loading.MAX_SENTENCE_CHARACTERS,
        )
    )
    if rejected is not None:
        st.warning(f"{rejected} {tr('errors.sentence_kept', sentence=escape_markdown(sentence))}")
    if checkpoint is not None:
        _show_tokens(checkpoint, sentence)


def _show_tokens(checkpoint, sentence: str) -> None:
    try:
        translation = loading.translation_for(loading.checkpoint_key(checkpoint), sentence, checkpoint)
    except loading.SentenceError as error:  # a sentence the previous model took, this one refuses
        st.warning(state.sentence_error_text(error))
        return
    tokens = list(zip(translation.source_tokens, translation.source_known, strict=True))
    badges = [
        f":blue-badge[{escape_markdown(token)}]" if known else f":orange-badge[{escape_markdown(token)} ?]"
        for token, known in tokens
    ]
    st.markdown(f"{tr('sidebar.tokens')}: " + " ".join(badges), help=tr("sidebar.tokens_legend"))
    unknown = [token for token, known in tokens if not known]
    if len(unknown) == 1:
        st.info(tr("sidebar.unknown_one", tokens=escape_markdown(unknown[0])), icon=":material/help:")
    elif unknown:
        listed = ", ".join(f"'{escape_markdown(token)}'" for token in unknown)
        st.info(tr("sidebar.unknown_many", tokens=listed), icon=":material/help:")
    show_translation(translation)


def show_translation(translation) -> None:
    """The translation as plain text (a copied word is the learner's own text, never markdown), each
    token's probability in a tooltip and a strip under it, and in words what deserves doubt."""
    from ui import views  # here: ui.views imports this module

    st.caption(tr("sidebar.translation_label"))
    lines = [
        tr("sidebar.probability.line", token=escape_markdown(token), probability=f"{probability:.2f}")
        for token, probability in zip(translation.output_tokens, translation.token_probabilities, strict=True)
    ]
    # The tooltip renders markdown: each token escaped, one per line.
    st.text(translation.translation or "∅", help=tr("sidebar.probability.help") + "\n\n" + "  \n".join(lines))
    views.show(
        "token_probability_strip",
        frames.token_probability_frame(translation),
        token_title=tr("sidebar.probability.token"),
        probability_title=tr("sidebar.probability.value"),
        copied_label=tr("sidebar.probability.copied"),
        uncertain_label=tr("sidebar.probability.uncertain"),
    )
    for note in confidence_notes(translation, state.current_language()):
        st.warning(note, icon=":material/info:")


def confidence_notes(translation, language: str) -> list[str]:
    """What the learner should doubt, in words of `language` (markdown, user text escaped):
    copied words, unknown words the translation did not carry over, tokens below probability 0.5."""
    notes = []
    copied_sources = [source_index for _, source_index in translation.copied]

    def quoted(words) -> str:
        return ", ".join(f"'{escape_markdown(word)}'" for word in words)

    if copied_sources:
        notes.append(
            texts.text(
                "sidebar.confidence.copied",
                language,
                words=quoted(translation.source_tokens[i] for i in copied_sources),
            )
        )
    missing = [index for index in translation.unknown_tokens if index not in copied_sources]
    if missing:
        notes.append(
            texts.text(
                "sidebar.confidence.not_copied", language, words=quoted(translation.source_tokens[i] for i in missing)
            )
        )
    if translation.uncertain:
        listed = ", ".join(
            f"'{escape_markdown(translation.output_tokens[row])}' ({translation.token_probabilities[row]:.2f})"
            for row in translation.uncertain
        )
        notes.append(texts.text("sidebar.confidence.uncertain", language, tokens=listed))
    return notes
