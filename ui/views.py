"""Sections the attention pages share: every layer x head at once, one head large, one
token's row in every head, the lines view, and (decoder) the causal mask step by step.

Each renderer takes the tidy attention frame (ui/frames.py) of one `kind`
(a model.attention.AttentionKind), draws one section with its export buttons
(ui/export.py), and leaves layout and prose to the page. Pickers return what the
learner chose; their widget keys come from `widget_key(kind, name)` so that two pages
never share a widget.

Decoder rows (decoder_self and cross) are labelled "read → produced" (`row_label`),
e.g. "a → student": row t reads target_tokens[t] and produces output_tokens[t].

Charts are built through `prepared_chart`, cached per (chart function, rows, options):
building an Altair chart and turning it into Vega-Lite (schema validation, deep copies)
costs far more than the page's own work, and a page switch or a layer change mostly
redraws charts it has drawn before.
"""

import hashlib
import json
from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from model.inspect import decoder_mask_stages
from ui import charts, export, frames, loading, sidebar, state, streamlit_internals
from ui.state import tr

# Bounds the shared chart cache: a chart is a few kB to a few hundred kB (its rows as Arrow).
CACHED_CHARTS = 1024

ARROW = " → "
SMALLEST_LABELLED_CELL = 14  # px: grid cells smaller than this are drawn without token labels


def widget_key(kind: str, name: str) -> str:
    """The session-state key of a view widget on the page of `kind`, e.g. "views_cross_layer"."""
    return f"views_{kind}_{name}"


class ChartRecipe(NamedTuple):
    """How to build a chart: `ui.charts.<chart_name>(frame, **options)`."""

    chart_name: str
    frame: pd.DataFrame
    options: dict
    axis_labels: bool = True

    def build(self) -> alt.TopLevelMixin:
        chart = getattr(charts, self.chart_name)(self.frame, **self.options)
        return chart if self.axis_labels else chart.configure_axis(labels=False)

    def save(self, *args, **kwargs):
        """Altair's `Chart.save`, for the SVG/PNG export buttons: builds the chart only when
        an image is asked for, so the cache below holds no Altair objects."""
        return self.build().save(*args, **kwargs)


class PreparedChart(NamedTuple):
    """A chart ready to send: its Vega-Lite spec as `st.altair_chart` would send it.

    The spec is kept as JSON text and the datasets as Arrow bytes: a handful of Python
    objects per chart instead of thousands, because Streamlit runs the garbage collector
    after every script run and its time grows with the objects alive.
    """

    chart: ChartRecipe  # what the export buttons render on click
    spec_json: str | None  # None when this Streamlit cannot convert ahead (then `draw` converts)
    datasets: dict[str, bytes]


def frame_key(frame: pd.DataFrame) -> str:
    """The chart cache's key for a frame: a digest of its column names, dtypes, index and every
    value, so frames that differ in anything get charts of their own, and equal frames (however
    they were built or copied) find the same one.

    Streamlit's own DataFrame hashing (pandas' hash_pandas_object) took 7 ms for the encoder
    grid's 648 rows, four times this, and a page draws a few charts a run: on a server a class
    shares, that was the largest part of a page switch.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(json.dumps([list(map(str, frame.columns)), [str(dtype) for dtype in frame.dtypes]]).encode())
    digest.update(json.dumps(frame.index.tolist(), default=repr).encode())
    for _, column in frame.items():
        if column.dtype.kind in "biufcmM":  # numbers, booleans, dates: their bytes
            digest.update(np.ascontiguousarray(column.to_numpy()).tobytes())
        else:  # text (None apart from "None"), or anything else by its repr
            digest.update(json.dumps(column.to_numpy(dtype=object).tolist(), ensure_ascii=False, default=repr).encode())
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=CACHED_CHARTS, hash_funcs={pd.DataFrame: frame_key})
def prepared_chart(chart_name: str, frame: pd.DataFrame, options: dict, axis_labels: bool = True) -> PreparedChart:
    """`ui.charts.<chart_name>(frame, **options)`, built and converted once per distinct input.

    Shared by every session (st.cache_resource: no copy per call); nothing changes a
    cached chart (`draw` parses a fresh spec each time).
    """
    recipe = ChartRecipe(chart_name, frame, options, axis_labels)
    spec = streamlit_internals.vega_lite_spec(recipe.build())
    if spec is None:
        return PreparedChart(recipe, None, {})
    datasets = spec.pop("datasets", {})
    return PreparedChart(recipe, json.dumps(spec), datasets)


# The charts drawn in colour scales: they take the session's palette (`ui.charts.PALETTES`).
HEATMAPS = {
    "attention_heatmap",
    "attention_heatmap_with_gold",
    "matrix_heatmap",
    "attention_grid",
    "token_probability_strip",
}


def with_palette(chart_name: str, options: dict) -> dict:
    """`options`, plus the session's colour palette when `chart_name` is a heatmap."""
    return {**options, "palette": state.current_palette()} if chart_name in HEATMAPS else options


def chart(chart_name: str, frame: pd.DataFrame, **options) -> PreparedChart:
    """The cached `ui.charts.<chart_name>(frame, **options)` in the session's palette (see `prepared_chart`)."""
    return prepared_chart(chart_name, frame, with_palette(chart_name, options))


def draw(figure, width: str = "content") -> None:
    """A fixed-size chart at its own size (`width`="content"): stretching would squash its
    cells and labels. On a phone a chart wider than the screen scrolls sideways in its own box
    (ui.streamlit_internals.phone_charts_scroll, set once per run by streamlit_app.py).

    `figure` is a PreparedChart (sent as its cached spec) or a plain Altair chart.
    """
    if not isinstance(figure, PreparedChart):
        st.altair_chart(figure, width=width)
    elif figure.spec_json is None:
        st.altair_chart(figure.chart.build(), width=width)
    else:
        spec = json.loads(figure.spec_json)
        spec["datasets"] = dict(figure.datasets)
        st.vega_lite_chart(spec, width=width)


def show(chart_name: str, frame: pd.DataFrame, **options) -> PreparedChart:
    """`chart(chart_name, frame, **options)` drawn at its own size; returned so that the
    caller can add its export buttons (`export.download_buttons(frame, shown.chart, ...)`)."""
    prepared = chart(chart_name, frame, **options)
    draw(prepared)
    return prepared


# --- data ------------------------------------------------------------------------------


def kind_frame(attention: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The rows of one kind of attention, with a `row_label` column for the query axis.

    Encoder rows are labelled with their token; decoder rows with "read → produced".
    """
    rows = attention[attention["kind"] == kind].reset_index(drop=True)
    if not AttentionKind(kind).in_decoder:
        labels = rows["query_token"].astype(str)
    else:
        labels = rows["query_token"].astype(str) + ARROW + rows["produced_token"].astype(str)
    return rows.assign(row_label=labels)


def one_head(frame: pd.DataFrame, layer: int, head: int) -> pd.DataFrame:
    return frame[(frame["layer"] == layer) & (frame["head"] == head)].reset_index(drop=True)


def one_query(frame: pd.DataFrame, query_pos: int) -> pd.DataFrame:
    return frame[frame["query_pos"] == query_pos].reset_index(drop=True)


def position_labels(frame: pd.DataFrame, position_column: str, label_column: str) -> dict[int, str]:
    """Position -> label in sentence order; a repeated label gets its occurrence, e.g. "는 (2)"."""
    pairs = frame.drop_duplicates(position_column).sort_values(position_column)
    labels = [str(label) for label in pairs[label_column]]
    seen: dict[str, int] = {}
    shown = {}
    for position, label in zip(pairs[position_column], labels, strict=True):
        seen[label] = seen.get(label, 0) + 1
        repeated = labels.count(label) > 1
        shown[int(position)] = f"{label} ({seen[label]})" if repeated else label
    return shown


def decoder_score_frame(checkpoint, translation) -> pd.DataFrame:
    """The decoder's masked self-attention of `translation`, stage by stage, as tidy rows.

    model.inspect.decoder_mask_stages (the model's explicit attention path) as
    ui.frames.mask_stage_frame rows — `score`, `scaled_score`, `allowed`,
    `masked_score` and `weight` per (layer, head, query, key) — plus `row_label`.
    """
    stages = decoder_mask_stages(
        checkpoint.model,
        checkpoint.source_vocabulary.encode(translation.source_tokens),
        checkpoint.target_vocabulary.encode(translation.target_tokens),
    )
    return kind_frame(frames.mask_stage_frame(stages, translation), AttentionKind.DECODER_SELF)


@st.cache_data(show_spinner=False, max_entries=loading.CACHED_SENTENCES)
def decoder_scores_for(model_key: str, sentence: str, _checkpoint) -> pd.DataFrame:
    """`decoder_score_frame` of the sentence's translation, cached per (model, sentence)."""
    return decoder_score_frame(_checkpoint, loading.translation_for(model_key, sentence, _checkpoint))


def score_matrix(head_scores: pd.DataFrame, column: str) -> pd.DataFrame:
    """One head's `column` of the decoder score frame in ui.charts' matrix format.

    −inf becomes NaN with the `negative_infinity` flag (JSON has no infinity), which
    `charts.matrix_heatmap` draws as a grey "−∞" cell.
    """
    values = head_scores[column].astype(float)
    infinite = np.isneginf(values)
    return pd.DataFrame(
        {
            "row_pos": head_scores["query_pos"],
            "column_pos": head_scores["key_pos"],
            "row_label": head_scores["row_label"],
            "column_label": head_scores["key_token"],
            "value": values.where(~infinite),
            "negative_infinity": infinite,
        }
    )


# --- pickers -----------------------------------------------------------------------


def pick_layer_head(frame: pd.DataFrame, kind: str) -> tuple[int, int]:
    """Layer and head radios side by side; returns the chosen (layer, head)."""
    layer_column, head_column = st.columns(2)
    # Labels fixed now, in this run's language: a format_func must not read session state later.
    layer_labels = {value: tr("views.layer_n", n=value) for value in sorted(frame["layer"].unique().tolist())}
    head_labels = {value: tr("views.head_n", n=value) for value in sorted(frame["head"].unique().tolist())}
    layer = layer_column.radio(
        tr("views.layer_pick"),
        list(layer_labels),
        format_func=layer_labels.__getitem__,
        horizontal=True,
        key=widget_key(kind, "layer"),
    )
    head = head_column.radio(
        tr("views.head_pick"),
        list(head_labels),
        format_func=head_labels.__getitem__,
        horizontal=True,
        key=widget_key(kind, "head"),
    )
    return int(layer), int(head)


def pick_query(frame: pd.DataFrame, kind: str, default_index: int = 0) -> int:
    """The focused query position, picked by its label (repeated tokens numbered)."""
    labels = position_labels(frame, "query_pos", "row_label")
    key = widget_key(kind, "focus")
    if key in st.session_state and st.session_state[key] not in labels:
        del st.session_state[key]  # a position of the previous sentence
    # A value set through session state (a link) must not meet a default index: Streamlit warns then.
    default = {} if key in st.session_state else {"index": min(max(default_index, 0), len(labels) - 1)}
    query_pos = st.radio(
        tr(f"views.{kind}.focus_pick"),
        list(labels),
        **default,
        format_func=lambda position: sidebar.escape_label(labels[position]),  # radio options render markdown
        horizontal=True,
        key=key,
    )
    return int(query_pos)


# --- sections ------------------------------------------------------------------------


def axis_titles(kind: str) -> dict[str, str]:
    return {
        "x_title": tr(f"views.{kind}.key_title"),
        "y_title": tr(f"views.{kind}.query_title"),
        "value_title": tr("views.weight"),
    }


def head_grid(frame: pd.DataFrame, kind: str) -> None:
    """Every layer x head as small heatmaps, with the grid's rows as CSV and the chart as images."""
    cells_across = frame["key_pos"].nunique() * frame["head"].nunique()
    # The row labels ("student → <eos>") and layer headers take ~200 px of the page.
    cell_size = charts.fitted_cell_size(frame["key_token"].unique(), cells_across, budget=660, smallest=8, largest=40)
    # A long sentence: cells too small to label; the large view below has the tokens.
    labelled = cell_size >= SMALLEST_LABELLED_CELL
    options = {
        "cell_size": cell_size,
        "layer_title": tr("views.layer"),
        "head_title": tr("views.head"),
        "query_label": "row_label",
        **axis_titles(kind),
    }
    prepared = prepared_chart("attention_grid", frame, with_palette("attention_grid", options), axis_labels=labelled)
    if not labelled:
        st.caption(tr("views.grid_unlabelled"))
    draw(prepared)
    export.download_buttons(frame, prepared.chart, f"{kind}_all_heads")


def large_head(frame: pd.DataFrame, kind: str, layer: int, head: int) -> None:
    """One head as a large heatmap with exact weights on hover."""
    rows = one_head(frame, layer, head)
    key_count = rows["key_pos"].nunique()
    # Long sentences: cells as large as the page allows, so the tokens stay readable.
    cell_size = None if key_count <= 10 else charts.fitted_cell_size(rows["key_token"].unique(), key_count, 700, 20, 48)
    prepared = show(
        "attention_heatmap",
        rows,
        title=tr("views.head_title", layer=layer, head=head),
        query_label="row_label",
        cell_size=cell_size,
        **axis_titles(kind),
    )
    export.download_buttons(rows, prepared.chart, f"{kind}_layer{layer}_head{head}")


def focused_row_bars(frame: pd.DataFrame, kind: str, query_pos: int) -> None:
    """The focused query's row in every layer and head, as small bar charts."""
    rows = one_query(frame, query_pos)
    label = position_labels(frame, "query_pos", "row_label")[query_pos]
    prepared = show(
        "head_bars_grid",
        rows,
        title=tr("views.bars_title", token=label),
        layer_title=tr("views.layer"),
        head_title=tr("views.head"),
        x_title=tr(f"views.{kind}.key_title"),
        value_title=tr("views.weight"),
    )
    export.download_buttons(rows, prepared.chart, f"{kind}_query{query_pos}_all_heads")


def lines_view(frame: pd.DataFrame, kind: str, layer: int, head: int, query_pos: int) -> None:
    """One head as lines from query tokens (left) to key tokens (right), BertViz style."""
    every_token = st.toggle(tr("views.lines_every_token"), key=widget_key(kind, "lines_every_token"))
    rows = one_head(frame, layer, head)
    shown = rows if every_token else one_query(rows, query_pos)
    prepared = show(
        "attention_lines",
        rows,
        focus_pos=None if every_token else query_pos,
        title=tr("views.head_title", layer=layer, head=head),
        query_label="row_label",
        left_title=tr(f"views.{kind}.query_short"),
        right_title=tr(f"views.{kind}.key_short"),
        value_title=tr("views.weight"),
    )
    export.download_buttons(shown, prepared.chart, f"{kind}_layer{layer}_head{head}_lines")


def mask_stages(head_scores: pd.DataFrame, layer: int, head: int) -> None:
    """The decoder's mask at work for one head: scaled scores, masked scores (−∞), softmax."""
    stem = f"decoder_self_layer{layer}_head{head}"
    titles = {"x_title": tr("views.decoder_self.key_short"), "y_title": tr("views.decoder_self.query_short")}
    # Two charts side by side (before and after masking), so cells shrink with the sentence.
    token_count = head_scores["key_pos"].nunique()
    cell_size = max(18, min(44, 300 // token_count))
    columns = [*st.columns(2, gap="medium"), st.container()]
    with columns[0]:
        st.markdown(tr("views.mask.scores_header"))
        st.caption(tr("views.mask.scores_caption"))
        matrix = score_matrix(head_scores, "scaled_score")
        prepared = show("matrix_heatmap", matrix, cell_size=cell_size, **titles)
        export.download_buttons(matrix, prepared.chart, f"{stem}_scores")
    with columns[1]:
        st.markdown(tr("views.mask.masked_header"))
        st.caption(tr("views.mask.masked_caption"))
        matrix = score_matrix(head_scores, "masked_score")
        prepared = show("matrix_heatmap", matrix, cell_size=cell_size, **titles)
        # The CSV says -inf where the chart says −∞ (NaN only exists for the chart's JSON).
        exported = matrix.assign(value=head_scores["masked_score"].to_numpy())
        export.download_buttons(exported, prepared.chart, f"{stem}_masked_scores")
    with columns[2]:
        st.markdown(tr("views.mask.softmax_header"))
        st.caption(tr("views.mask.softmax_caption"))
        weights = head_scores.drop(columns=["score", "scaled_score", "masked_score"])
        prepared = show(
            "attention_heatmap",
            weights,
            query_label="row_label",
            value_title=tr("views.weight"),
            cell_size=cell_size,
            **titles,
        )
        export.download_buttons(weights, prepared.chart, f"{stem}_softmax")
