"""Compare on every attention page (issue 13 §5): one head of the study (A) beside the same head
of B, another sentence through the same model or the same sentence through another model, then
the difference B − A.

A is what the sidebar studies. B is either another sentence (an example or one the learner
types) through the same model, or the same sentence through another model the session holds
(pretrained, trained here, uploaded: ui/state.py `other_model_sources`). Both maps of the
picked (layer, head) of the page's kind are drawn side by side with their translations, then
their difference on the diverging scale of `ui.charts.matrix_heatmap` in the session's palette
(standard: blue where B looks more, red where A looks more, white at 0; colour-blind-safe:
orange and blue) over the positions both maps have (ui.frames.difference_frame).

What can go wrong is said in words: a model B that refuses the sentence (its vocabulary),
a B without the picked layer or head, a session with one model only.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from model.decoding import Translation
from ui import export, frames, loading, sidebar, state, views
from ui.state import tr

SENTENCE, MODEL = "sentence", "model"  # what B differs from A in
# px for the cells of each of the two maps side by side: half the page holds a map's row labels
# ("student → <eos>"), its cells and its colour legend.
SIDE_BY_SIDE_CELLS = 280
SMALLEST_CELL, LARGEST_CELL = 16, 44  # px: a long sentence's labels are truncated, its tooltips whole


@dataclass(frozen=True)
class CompareKeys:
    """The session-state keys of one page's compare widgets."""

    what: str  # radio: SENTENCE or MODEL
    sentence: str  # selectbox: sentence B
    model: str  # radio: the model source of B

    @classmethod
    def with_prefix(cls, prefix: str) -> "CompareKeys":
        return cls(what=f"{prefix}_what", sentence=f"{prefix}_b", model=f"{prefix}_model")

    @property
    def every_key(self) -> list[str]:
        return [self.what, self.sentence, self.model]


@dataclass(frozen=True)
class MapLabels:
    """How the page labels one head's map: the column naming its rows, the axis titles, and
    whether only rows that wrote an English word are compared (`<eos>`'s row left out)."""

    query_label: str  # a column of the tidy frame: "row_label" (read → produced) or "produced_token"
    x_title: str
    y_title: str
    value_title: str
    english_rows_only: bool = False

    def heatmap_options(self) -> dict:
        return {
            "query_label": self.query_label,
            "x_title": self.x_title,
            "y_title": self.y_title,
            "value_title": self.value_title,
        }


@dataclass(frozen=True)
class Side:
    """One side of the comparison: its translation and the picked head's rows."""

    name: str  # "A" or "B"
    translation: Translation
    rows: pd.DataFrame  # one layer and head of the page's kind (views.kind_frame rows)
    model: str | None = None  # the model in words (markdown) when two models are compared


def head_rows(attention: pd.DataFrame, kind: AttentionKind, layer: int, head: int) -> pd.DataFrame:
    """One head's rows of `kind` from the tidy attention frame, labelled as ui/views.py labels them."""
    return views.one_head(views.kind_frame(attention, kind), layer, head)


def compare_section(
    kind: AttentionKind, study: state.Study, layer: int, head: int, keys: CompareKeys, labels: MapLabels
) -> None:
    """The whole comparison for the picked `layer` and `head` of `kind` (see the module docstring)."""
    what = pick_what(keys)
    side_a = Side("A", study.translation, head_rows(study.attention, kind, layer, head))
    if what == MODEL:
        side_a = Side("A", side_a.translation, side_a.rows, sidebar.model_source_label(state.current_model_source()))
        side_b = model_side(kind, study, layer, head, keys)
    else:
        side_b = sentence_side(kind, study, layer, head, keys)
    if side_b is None:  # said why
        return
    draw_sides(side_a, side_b, labels)
    draw_difference(kind, layer, head, side_a, side_b, labels)


def pick_what(keys: CompareKeys) -> str:
    """SENTENCE or MODEL; with one model only, SENTENCE, and how to get a second model."""
    if not state.other_model_sources():
        st.caption(tr("compare.one_model"))
        return SENTENCE
    options = {SENTENCE: tr("compare.what_sentence"), MODEL: tr("compare.what_model")}
    return st.radio(tr("compare.what"), list(options), format_func=options.__getitem__, horizontal=True, key=keys.what)


def sentence_side(kind: AttentionKind, study: state.Study, layer: int, head: int, keys: CompareKeys) -> Side | None:
    """Sentence B (an example, or typed) through the study's model; None, said why, when it cannot be translated."""
    st.markdown(tr("compare.body"))
    examples = [sentence for sentence in loading.example_sentences() if sentence != study.translation.source]
    sentence_b = st.selectbox(
        tr("compare.pick"), examples, key=keys.sentence, accept_new_options=True, help=tr("compare.pick_help")
    )
    if sentence_b is None:
        return None
    try:
        translation = loading.translation_for(study.model_key, sentence_b, study.checkpoint)
    except loading.SentenceError as error:
        st.warning(tr("compare.sentence_refused", reason=state.sentence_error_text(error)))
        return None
    attention = loading.attention_frame_for(study.model_key, sentence_b, study.checkpoint)
    return Side("B", translation, head_rows(attention, kind, layer, head))


def model_side(kind: AttentionKind, study: state.Study, layer: int, head: int, keys: CompareKeys) -> Side | None:
    """The study's sentence through another model; None, said why, when that model refuses the
    sentence or has no such layer or head."""
    st.markdown(tr("compare.model_body"))
    sources = state.other_model_sources()
    if keys.model in st.session_state and st.session_state[keys.model] not in sources:
        del st.session_state[keys.model]  # a model the session no longer offers (or now studies as A)
    # Labels fixed now, in this run's language: a format_func must not read session state later.
    names = {source: sidebar.model_source_label(source) for source in sources}
    source = st.radio(tr("compare.model_pick"), sources, format_func=names.__getitem__, horizontal=True, key=keys.model)
    checkpoint = state.checkpoint_of_source(source)
    model_key = loading.checkpoint_key(checkpoint)
    try:
        translation = loading.translation_for(model_key, study.sentence, checkpoint)
    except loading.SentenceError as error:
        st.warning(tr("compare.model_refused", reason=state.sentence_error_text(error)))
        return None
    config = checkpoint.model_config
    layers, heads = kind.layer_count(config), config.n_heads
    if layer >= layers or head >= heads:
        st.info(tr("compare.missing_head", layer=layer, head=head, layers=layers, heads=heads))
        return None
    if model_key == study.model_key:
        st.caption(tr("compare.same_model"))
    attention = loading.attention_frame_for(model_key, study.sentence, checkpoint)
    return Side("B", translation, head_rows(attention, kind, layer, head), names[source])


def draw_sides(side_a: Side, side_b: Side, labels: MapLabels) -> None:
    """A and B side by side: each translation, then its map of the picked head (cells of one size)."""
    key_count = max(side_a.rows["key_pos"].nunique(), side_b.rows["key_pos"].nunique())
    cell_size = max(SMALLEST_CELL, min(LARGEST_CELL, SIDE_BY_SIDE_CELLS // key_count))
    for column, side in zip(st.columns(2), (side_a, side_b), strict=True):
        with column:
            fields = {
                "name": side.name,
                "source": sidebar.escape_markdown(side.translation.source),
                "translation": sidebar.escape_markdown(side.translation.translation or "∅"),
            }
            if side.model is None:
                st.markdown(tr("compare.translation", **fields))
                title = tr("compare.map_title", name=side.name)
            else:
                st.markdown(tr("compare.model_translation", model=side.model, **fields))
                title = tr("compare.model_title", name=side.name)
            views.show("attention_heatmap", side.rows, title=title, cell_size=cell_size, **labels.heatmap_options())


def english_row_count(translation: Translation) -> int:
    """The decoder rows that wrote an English word: every row but the one that wrote <eos>."""
    return len(translation.output_tokens) - 1


def draw_difference(kind: AttentionKind, layer: int, head: int, side_a: Side, side_b: Side, labels: MapLabels) -> None:
    """The difference map B − A over the positions both maps have, explained, with its CSV."""
    st.subheader(tr("compare.difference_header"))
    row_count = (
        min(english_row_count(side_a.translation), english_row_count(side_b.translation))
        if labels.english_rows_only
        else None
    )
    difference = frames.difference_frame(side_a.rows, side_b.rows, labels.query_label, row_count)
    if difference.empty:
        st.info(tr("cross.explain.no_words"))
        return
    safe = state.current_palette() == state.COLOUR_BLIND_SAFE_PALETTE
    st.markdown(tr("compare.difference_body_colour_blind_safe" if safe else "compare.difference_body"))
    if not same_shape(side_a, side_b, labels):
        st.caption(tr("compare.common_part" if side_b.model is None else "compare.common_part_models"))
    prepared = views.show(
        "matrix_heatmap",
        difference,
        title=tr("compare.difference_title", layer=layer, head=head),
        x_title=labels.x_title,
        y_title=labels.y_title,
    )
    export.download_buttons(difference, prepared.chart, f"{kind}_layer{layer}_head{head}_difference")


def same_shape(side_a: Side, side_b: Side, labels: MapLabels) -> bool:
    """Whether the two maps have the same compared rows and the same columns."""
    if labels.english_rows_only:
        rows_a, rows_b = english_row_count(side_a.translation), english_row_count(side_b.translation)
    else:
        rows_a, rows_b = side_a.rows["query_pos"].nunique(), side_b.rows["query_pos"].nunique()
    return rows_a == rows_b and side_a.rows["key_pos"].nunique() == side_b.rows["key_pos"].nunique()
