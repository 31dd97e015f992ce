"""Every chart of the app: pure functions from a tidy DataFrame to an `alt.Chart`.

Altair only, never streamlit: pages call `st.altair_chart(chart)`. No font is set,
so the browser's default sans-serif falls back to Noto CJK for Hangul.

Data formats (one row per cell or point; extra columns are ignored):
- attention (docs/ARCHITECTURE.md): `query_pos`, `key_pos` (0-based ints),
  `query_token`, `key_token` (labels), `weight` (0..1); for `attention_grid` also
  `layer` and `head`.
- matrix (`matrix_heatmap`): `row_pos`, `column_pos`, `row_label`, `column_label`,
  `value` (float; NaN where masked) and optional `negative_infinity` (bool) — see
  `ui.frames.matrix_frame`.
- points (`vectors_chart`, `points_chart`): `label`, `x`, `y`, optional `role`, `size`.

Positions, not tokens, are encoded on the axes, and each axis label is looked up
from the position (`labelExpr`), so a repeated token keeps its own row and column
and sentence order always holds. Axis labels are horizontal so Hangul reads.

Encodings are channel objects (`alt.Text("label:N")`, `alt.ColorValue(...)`, `value_if`),
never shorthand strings, `alt.value` or `alt.condition` dicts: Altair converts those
through a slow path (about 5 ms each, most of the time a small chart takes to build).
"""

import json
import math
import unicodedata

import altair as alt
import pandas as pd

WEIGHT_DOMAIN = [0, 1]  # attention weights: the colour scale never rescales per map
WEIGHT_SCHEME = "blues"
DIVERGING_SCHEME = "redblue"  # general matrices: negative red, positive blue, 0 white
# The colour-blind-safe palette (the sidebar's display setting): sequential maps in lightness
# alone (grey), the same order for every kind of colour vision and on a grey projector;
# diverging maps blue against orange, the pair red-green colour blindness keeps apart.
PALETTES = {
    "standard": {"sequential": WEIGHT_SCHEME, "diverging": DIVERGING_SCHEME},
    "colour_blind_safe": {"sequential": "greys", "diverging": "blueorange"},
}
STANDARD_PALETTE = "standard"
HIGHLIGHT_COLOR = "#e4572e"
MUTED_COLOR = "#9db4cc"
MASKED_COLOR = "#d9d9d9"
# Okabe & Ito's colour-blind-safe palette: one colour per importance method (importance_bars).
METHOD_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
HIGHLIGHT_ROLES = ("query", "output")  # points and arrows drawn in HIGHLIGHT_COLOR
# Sizes are set per chart (cells of a fixed size), so titles, axes and legends are
# added around the plot ("pad"). Without this Streamlit sets autosize "fit", which
# squeezes the plot until everything fits the given width and height.
PAD = alt.AutoSizeParams(type="pad", contains="padding")
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")  # curves fill the page width


def position_label_expression(frame: pd.DataFrame, position_column: str, label_column: str) -> str:
    """A Vega `labelExpr` that shows the label of each position, e.g. {"0": "the", ...}[datum.value].

    JSON strings are valid Vega expression string literals, so any token (quotes,
    Hangul, `<bos>`) is escaped safely.
    """
    pairs = frame[[position_column, label_column]].drop_duplicates(position_column).sort_values(position_column)
    mapping = {str(int(position)): str(label) for position, label in pairs.itertuples(index=False)}
    return f"{json.dumps(mapping, ensure_ascii=False)}[datum.value]"


# A y-axis title written horizontally above the labels, so a Korean title reads
# left to right instead of sideways.
HORIZONTAL_Y_TITLE = {
    "titleAngle": 0,
    "titleAlign": "right",
    "titleAnchor": "end",
    "titleBaseline": "bottom",
    "titleX": 0,
    "titleY": -6,
}


def value_if(test: str, if_true, if_false, channel=alt.ColorValue):
    """`alt.condition(test, alt.value(if_true), alt.value(if_false))` as a channel object
    (the same Vega-Lite, built without Altair's slow dict conversion)."""
    return channel(if_false, condition={"test": test, "value": if_true})


def _position_axis(frame, position_column, label_column, title, label_limit=None, vertical=False) -> alt.Axis:
    """A position axis labelled with tokens; `label_limit` (px) truncates long tokens with "…"."""
    options = {
        "labelExpr": position_label_expression(frame, position_column, label_column),
        "labelAngle": 0,
        "title": title,
        "labelOverlap": False,  # every token is shown, never thinned out
        "ticks": False,
        "domain": False,
    }
    if label_limit is not None:
        options["labelLimit"] = label_limit
    if vertical:
        options.update(HORIZONTAL_Y_TITLE)
    return alt.Axis(**options)


def _label_width(label: str) -> float:
    """Rough pixel width of an 11 px axis label; Hangul and other wide glyphs count double."""
    return sum(11.0 if unicodedata.east_asian_width(char) in "WF" else 6.5 for char in label)


def _cell_size(count: int, cell_size: int | None, column_labels=()) -> int:
    """Cells big enough for the column labels of a short sentence, smaller for long ones.

    Long sentences get small cells (their labels are truncated with "…"; the tooltip
    shows the whole token) so the map still fits the page.
    """
    if cell_size is not None:
        return cell_size
    base = 44 if count <= 6 else 36 if count <= 10 else 24
    if count > 10:
        return base
    widest = max((_label_width(str(label)) for label in column_labels), default=0.0)
    return int(min(60, max(base, widest + 8)))


# (position column, label column) across, then down: of the matrix and the attention formats.
MATRIX_AXES = (("column_pos", "column_label"), ("row_pos", "row_label"))
ATTENTION_AXES = (("key_pos", "key_token"), ("query_pos", "query_token"))


def _heatmap_base(chart: alt.Chart, frame: pd.DataFrame, x, y, x_title, y_title, cell_size: int, tooltip):
    """What every heatmap shares: `x` = (position column, label column) across, `y` down.

    Positions are encoded and labelled with their tokens (ordinal axes in sentence order,
    a repeated token keeps its own row); column labels are cut to the cell's width.
    """
    return chart.encode(
        x=alt.X(f"{x[0]}:O", axis=_position_axis(frame, x[0], x[1], x_title, cell_size - 2)),
        y=alt.Y(f"{y[0]}:O", axis=_position_axis(frame, y[0], y[1], y_title, 100, vertical=True)),
        tooltip=tooltip,
    )


def attention_heatmap(
    frame: pd.DataFrame,
    title: str = "",
    value_column: str = "weight",
    x_title: str = "key",
    y_title: str = "query",
    value_title: str = "weight",
    query_label: str = "query_token",
    show_values: bool | None = None,
    cell_size: int | None = None,
    palette: str = STANDARD_PALETTE,
) -> alt.LayerChart:
    """Attention weights as a heatmap: keys across (x), queries down (y), colour 0..1.

    `frame` is one map in the tidy attention format (filter layer/head first).
    `show_values` overlays each weight as text; by default on for maps up to 8×8.
    `query_label` names the column that labels the rows, e.g. "produced_token" to
    label a decoder row by the token it produced rather than the one it read.
    Tooltips show the query and key tokens and the exact weight.
    """
    query_count = frame["query_pos"].nunique()
    key_count = frame["key_pos"].nunique()
    if show_values is None:
        show_values = query_count <= 8 and key_count <= 8
    size = _cell_size(max(query_count, key_count), cell_size, frame["key_token"].unique())
    tooltip = [
        alt.Tooltip(f"{query_label}:N", title=y_title),
        alt.Tooltip("key_token:N", title=x_title),
        alt.Tooltip(f"{value_column}:Q", title=value_title, format=".4f"),
    ]
    base = _heatmap_base(
        alt.Chart(frame), frame, ("key_pos", "key_token"), ("query_pos", query_label), x_title, y_title, size, tooltip
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            f"{value_column}:Q",
            scale=alt.Scale(domain=WEIGHT_DOMAIN, scheme=PALETTES[palette]["sequential"]),
            legend=alt.Legend(title=value_title, format=".1f"),
        )
    )
    layers = [cells]
    if show_values:
        layers.append(
            base.mark_text(fontSize=11).encode(
                text=alt.Text(f"{value_column}:Q", format=".2f"),
                color=value_if(f"datum['{value_column}'] > 0.55", "white", "black"),
            )
        )
    return alt.layer(*layers).properties(autosize=PAD, title=title, width=size * key_count, height=size * query_count)


def matrix_heatmap(
    frame: pd.DataFrame,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    show_values: bool = True,
    value_format: str = ".2f",
    cell_size: int | None = None,
    masked_text: str = "−∞",
    palette: str = STANDARD_PALETTE,
) -> alt.LayerChart:
    """A general matrix (embeddings, weights, scores) with a diverging colour scale around 0.

    `frame` is in the matrix format (`ui.frames.matrix_frame`). Cells flagged
    `negative_infinity` (masked scores) are drawn grey with the text "−∞".
    """
    frame = frame.copy()
    if "negative_infinity" not in frame:
        frame["negative_infinity"] = False
    finite = frame.loc[~frame["negative_infinity"], "value"].abs()
    largest = float(finite.max()) if len(finite) and not math.isnan(finite.max()) else 1.0
    largest = largest or 1.0
    row_count = frame["row_pos"].nunique()
    column_count = frame["column_pos"].nunique()
    size = _cell_size(max(row_count, column_count), cell_size, frame["column_label"].unique())
    shown = f"datum.negative_infinity ? {json.dumps(masked_text, ensure_ascii=False)} : format(datum.value, '{value_format}')"
    tooltip = [
        alt.Tooltip("row_label:N", title=y_title or "row"),
        alt.Tooltip("column_label:N", title=x_title or "column"),
        alt.Tooltip("shown:N", title="value"),
    ]
    chart = alt.Chart(frame).transform_calculate(shown=shown)
    base = _heatmap_base(chart, frame, *MATRIX_AXES, x_title, y_title, size, tooltip)
    cells = (
        base.transform_filter("!datum.negative_infinity")
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            color=alt.Color(
                "value:Q",
                scale=alt.Scale(scheme=PALETTES[palette]["diverging"], domain=[-largest, largest], domainMid=0),
                legend=alt.Legend(
                    title=None,
                    format=".1f",
                    orient="bottom",
                    direction="horizontal",
                    gradientLength=max(size * column_count, 80),
                ),
            )
        )
    )
    masked = base.transform_filter("datum.negative_infinity").mark_rect(
        color=MASKED_COLOR, stroke="white", strokeWidth=1
    )
    layers = [cells, masked]
    if show_values:
        layers.append(
            base.mark_text(fontSize=11).encode(
                text=alt.Text("shown:N"),
                color=value_if(f"!datum.negative_infinity && abs(datum.value) > {0.6 * largest}", "white", "black"),
            )
        )
    return alt.layer(*layers).properties(autosize=PAD, title=title, width=size * column_count, height=size * row_count)


def attention_bars(
    frame: pd.DataFrame,
    title: str = "",
    value_column: str = "weight",
    x_title: str = "key",
    y_title: str = "weight",
    bar_width: int = 56,
) -> alt.LayerChart:
    """One query's attention row as bars over the keys in sentence order, the largest marked.

    `frame` holds one row per key: `key_pos`, `key_token` and the weight (filter one
    query first). The most-weighted key's bar is drawn in the highlight colour and its
    value is printed in that colour.
    """
    key_count = frame["key_pos"].nunique()
    base = (
        alt.Chart(frame)
        .transform_joinaggregate(largest=f"max({value_column})")
        .transform_calculate(is_largest=f"datum['{value_column}'] == datum.largest")
        .encode(
            x=alt.X(
                "key_pos:O",
                axis=_position_axis(frame, "key_pos", "key_token", x_title, bar_width - 4),
            ),
            y=alt.Y(
                f"{value_column}:Q",
                scale=alt.Scale(domain=WEIGHT_DOMAIN),
                title=y_title,
                axis=alt.Axis(**HORIZONTAL_Y_TITLE),
            ),
            tooltip=[
                alt.Tooltip("key_token:N", title=x_title),
                alt.Tooltip(f"{value_column}:Q", title=y_title, format=".4f"),
            ],
        )
    )
    bars = base.mark_bar(size=int(bar_width * 0.7)).encode(
        color=value_if("datum.is_largest", HIGHLIGHT_COLOR, MUTED_COLOR)
    )
    values = base.mark_text(dy=-8, fontSize=12, fontWeight="bold").encode(
        text=alt.Text(f"{value_column}:Q", format=".2f"),
        color=value_if("datum.is_largest", HIGHLIGHT_COLOR, "#555555"),
    )
    return alt.layer(bars, values).properties(autosize=PAD, title=title, width=bar_width * key_count, height=200)


def attention_grid(
    frame: pd.DataFrame,
    title: str = "",
    value_column: str = "weight",
    layer_title: str = "layer",
    head_title: str = "head",
    x_title: str = "key",
    y_title: str = "query",
    value_title: str = "weight",
    query_label: str = "query_token",
    cell_size: int | None = None,
    palette: str = STANDARD_PALETTE,
) -> alt.FacetChart:
    """Small multiples: one heatmap per (layer, head), layers as rows, heads as columns.

    `frame` is the tidy attention format with `layer` and `head` for one kind and one
    sentence. All panels share the 0..1 colour scale; facet headers read
    "layer 0", "head 1" (titles are passed in so the page can translate them).
    `query_label` names the column that labels the rows (see `attention_heatmap`).
    """
    token_count = max(frame["query_pos"].nunique(), frame["key_pos"].nunique())
    size = cell_size if cell_size is not None else (26 if token_count <= 8 else 18)
    tooltip = [
        alt.Tooltip("layer:O", title=layer_title),
        alt.Tooltip("head:O", title=head_title),
        alt.Tooltip(f"{query_label}:N", title=y_title),
        alt.Tooltip("key_token:N", title=x_title),
        alt.Tooltip(f"{value_column}:Q", title=value_title, format=".4f"),
    ]
    # Panels without axis titles: the facet headers say which layer and head.
    panel = (
        _heatmap_base(
            alt.Chart(), frame, ("key_pos", "key_token"), ("query_pos", query_label), None, None, size, tooltip
        )
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            color=alt.Color(
                f"{value_column}:Q",
                scale=alt.Scale(domain=WEIGHT_DOMAIN, scheme=PALETTES[palette]["sequential"]),
                legend=alt.Legend(title=value_title, format=".1f", orient="bottom", direction="horizontal"),
            ),
        )
        .properties(
            width=size * frame["key_pos"].nunique(),
            height=size * frame["query_pos"].nunique(),
        )
    )
    return panel.facet(
        data=frame,
        row=alt.Row(
            "layer:O",
            header=alt.Header(
                labelExpr=f"{json.dumps(layer_title + ' ', ensure_ascii=False)} + datum.value",
                labelAngle=0,
                title=None,
            ),
        ),
        column=alt.Column(
            "head:O",
            header=alt.Header(
                labelExpr=f"{json.dumps(head_title + ' ', ensure_ascii=False)} + datum.value",
                title=None,
            ),
        ),
        title=title,
    )


def mask_pattern_chart(
    frame: pd.DataFrame,
    title: str = "",
    allowed_label: str = "may attend",
    blocked_label: str = "blocked",
    x_title: str = "key",
    y_title: str = "query",
    cell_size: int | None = None,
) -> alt.LayerChart:
    """Which query may look at which key: an `allowed` (bool) column over the attention positions."""
    size = _cell_size(
        max(frame["query_pos"].nunique(), frame["key_pos"].nunique()),
        cell_size,
        frame["key_token"].unique(),
    )
    status = f"datum.allowed ? {json.dumps(allowed_label, ensure_ascii=False)} : {json.dumps(blocked_label, ensure_ascii=False)}"
    tooltip = [
        alt.Tooltip("query_token:N", title=y_title),
        alt.Tooltip("key_token:N", title=x_title),
        alt.Tooltip("status:N", title=" "),
    ]
    chart = alt.Chart(frame).transform_calculate(status=status)
    base = _heatmap_base(chart, frame, *ATTENTION_AXES, x_title, y_title, size, tooltip)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=[allowed_label, blocked_label], range=["#4c78a8", "#eeeeee"]),
            legend=alt.Legend(title=None, orient="bottom"),
        )
    )
    marks = base.mark_text(fontSize=13).encode(
        text=value_if("datum.allowed", "✓", "✗", channel=alt.TextValue),
        color=value_if("datum.allowed", "white", "#999999"),
    )
    return alt.layer(cells, marks).properties(
        autosize=PAD,
        title=title,
        width=size * frame["key_pos"].nunique(),
        height=size * frame["query_pos"].nunique(),
    )


def line_chart(
    history_frame: pd.DataFrame,
    x: str = "step",
    y_columns: tuple[str, ...] | list[str] = ("train_loss", "valid_loss"),
    series_labels: dict[str, str] | None = None,
    title: str = "",
    x_title: str | None = None,
    y_title: str = "",
    log_x: bool = False,
    log_y: bool = False,
    marker_x: float | None = None,
    width: int | str = "container",
    height: int = 240,
) -> alt.LayerChart:
    """Curves of one or more columns of a wide frame (e.g. training history) against `x`.

    `series_labels` renames columns for the legend (translated by the page);
    `marker_x` draws a vertical rule, e.g. the step a slider points at.
    """
    series_labels = series_labels or {}
    columns = [series_labels.get(column, column) for column in y_columns]
    data = history_frame[[x, *y_columns]].rename(columns=series_labels)
    x_scale = alt.Scale(type="log") if log_x else alt.Scale()
    y_scale = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    curves = (
        alt.Chart(data)
        .transform_fold(columns, as_=["series", "value"])
        .mark_line(point=len(data) <= 30)
        .encode(
            x=alt.X(
                f"{x}:Q",
                scale=x_scale,
                title=x_title if x_title is not None else x,
                axis=alt.Axis(labelAngle=0),
            ),
            # A long title starts over the tick labels and runs right, above the plot.
            y=alt.Y(
                "value:Q",
                scale=y_scale,
                title=y_title,
                axis=alt.Axis(**{**HORIZONTAL_Y_TITLE, "titleAlign": "left", "titleX": -30}),
            ),
            color=alt.Color("series:N", sort=columns, legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{x}:Q", title=x_title if x_title is not None else x),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("value:Q", title=y_title or "value", format=".4f"),
            ],
        )
    )
    layers = [curves]
    if marker_x is not None:
        layers.append(
            alt.Chart(pd.DataFrame({x: [marker_x]})).mark_rule(color="#555555", strokeDash=[4, 3]).encode(x=f"{x}:Q")
        )
    return alt.layer(*layers).properties(autosize=FIT_WIDTH, title=title, width=width, height=height)


def _square_domain(frame: pd.DataFrame, include_origin: bool) -> list[float]:
    """One domain for both axes so that angles and lengths look right."""
    values = [*frame["x"], *frame["y"]] + ([0.0] if include_origin else [])
    low, high = min(values), max(values)
    padding = 0.15 * (high - low or 1.0)
    return [math.floor(low - padding), math.ceil(high + padding)]


def _origin_axes(domain) -> list[alt.Chart]:
    axes = pd.DataFrame({"zero": [0.0]})
    if not domain[0] <= 0 <= domain[1]:
        return []
    return [
        alt.Chart(axes).mark_rule(color="#bbbbbb").encode(x=alt.X("zero:Q")),
        alt.Chart(axes).mark_rule(color="#bbbbbb").encode(y=alt.Y("zero:Q")),
    ]


def vectors_chart(frame: pd.DataFrame, title: str = "", size: int = 260) -> alt.LayerChart:
    """2-D vectors as arrows from the origin, each labelled at its tip; equal scales on both axes."""
    domain = _square_domain(frame, include_origin=True)
    data = frame.copy()
    if "role" not in data:
        data["role"] = data["label"]
    data["origin"] = 0.0
    # Vega's triangle points up; rotate it clockwise to the vector's direction.
    data["angle"] = [90 - math.degrees(math.atan2(y, x)) for x, y in zip(data["x"], data["y"], strict=True)]
    scale = alt.Scale(domain=domain, nice=False)
    x_axis = alt.X("x:Q", scale=scale, title=None, axis=alt.Axis(labelAngle=0, tickMinStep=1))
    y_axis = alt.Y("y:Q", scale=scale, title=None, axis=alt.Axis(tickMinStep=1))
    roles = list(dict.fromkeys(data["role"]))
    palette = iter(["#4c78a8", "#54a24b", "#b279a2", "#9d755d", "#72b7b2", "#eeca3b"])
    role_colors = [HIGHLIGHT_COLOR if role in HIGHLIGHT_ROLES else next(palette, "#4c78a8") for role in roles]
    color = alt.Color("role:N", scale=alt.Scale(domain=roles, range=role_colors), legend=None)
    tooltip = [
        alt.Tooltip("label:N", title=" "),
        alt.Tooltip("x:Q", format=".2f"),
        alt.Tooltip("y:Q", format=".2f"),
    ]
    base = alt.Chart(data)
    shafts = base.mark_rule(strokeWidth=2.5).encode(
        x=alt.X("origin:Q"), y=alt.Y("origin:Q"), x2=alt.X2("x:Q"), y2=alt.Y2("y:Q"), color=color
    )
    heads = base.mark_point(shape="triangle-up", filled=True, size=110, opacity=1).encode(
        x=x_axis,
        y=y_axis,
        angle=alt.Angle("angle:Q", scale=None),
        color=color,
        tooltip=tooltip,
    )
    labels = base.mark_text(dx=10, dy=-10, fontSize=13, fontWeight="bold").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N"), color=color
    )
    return alt.layer(*_origin_axes(domain), shafts, heads, labels).properties(
        autosize=PAD, title=title, width=size, height=size
    )


def points_chart(
    frame: pd.DataFrame,
    title: str = "",
    line_labels: list[str] | None = None,
    size: int = 260,
) -> alt.LayerChart:
    """Labelled 2-D points, equal scales; optional dashed segment through `line_labels` in order.

    A `size` column (e.g. attention weights) scales the points; `role` "output" is
    drawn in the highlight colour.
    """
    domain = _square_domain(frame, include_origin=False)
    data = frame.copy()
    if "role" not in data:
        data["role"] = "input"
    if "size" not in data:
        data["size"] = 1.0
    scale = alt.Scale(domain=domain, nice=False)
    x_axis = alt.X("x:Q", scale=scale, title=None, axis=alt.Axis(labelAngle=0, tickMinStep=1))
    y_axis = alt.Y("y:Q", scale=scale, title=None, axis=alt.Axis(tickMinStep=1))
    color = alt.Color(
        "role:N",
        scale=alt.Scale(domain=["input", "output"], range=["#4c78a8", HIGHLIGHT_COLOR]),
        legend=None,
    )
    layers = []
    if line_labels:
        segment = data.set_index("label").loc[list(line_labels)].reset_index()
        segment["order"] = range(len(segment))
        layers.append(
            alt.Chart(segment)
            .mark_line(strokeDash=[5, 4], color="#888888")
            .encode(x=x_axis, y=y_axis, order=alt.Order("order:Q"))
        )
    base = alt.Chart(data)
    layers.append(
        base.mark_circle(opacity=0.9).encode(
            x=x_axis,
            y=y_axis,
            color=color,
            size=alt.Size("size:Q", scale=alt.Scale(domain=[0, 1], range=[40, 400]), legend=None),
            tooltip=[
                alt.Tooltip("label:N", title=" "),
                alt.Tooltip("x:Q", format=".3f"),
                alt.Tooltip("y:Q", format=".3f"),
            ],
        )
    )
    layers.append(
        base.mark_text(dx=12, dy=-12, fontSize=13, fontWeight="bold").encode(
            x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("label:N"), color=color
        )
    )
    return alt.layer(*layers).properties(autosize=PAD, title=title, width=size, height=size)


_NO_AXIS = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)  # lines views: positions only


def _rule_edges(rows: pd.DataFrame, x: tuple, y: tuple, **channels) -> alt.Chart:
    """The rule layer of the lines views (attention_lines, word_order_lines): one line per row of
    `rows`, from (x start, y start) to (x end, y end). `x` and `y` are (start column, end column,
    scale), drawn without axes; `channels` are the other encodings (width, colour, tooltip)."""
    (x_start, x_end, x_scale), (y_start, y_end, y_scale) = x, y
    return (
        alt.Chart(rows)
        .mark_rule(strokeCap="round")
        .encode(
            x=alt.X(f"{x_start}:Q", scale=x_scale, axis=_NO_AXIS),
            x2=alt.X2(x_end),
            y=alt.Y(f"{y_start}:Q", scale=y_scale, axis=_NO_AXIS),
            y2=alt.Y2(y_end),
            **channels,
        )
    )


def attention_lines(
    frame: pd.DataFrame,
    focus_pos: int | None = None,
    title: str = "",
    query_label: str = "query_token",
    left_title: str = "query",
    right_title: str = "key",
    value_title: str = "weight",
    row_height: int = 26,
    width: int = 320,
) -> alt.LayerChart:
    """One head as lines between tokens, like BertViz's head view.

    The queries stand in a column on the left, the keys in a column on the right, both
    in sentence order top to bottom; a line joins each query to each key, its opacity
    and width growing with the weight. With `focus_pos`, only that query's lines are
    drawn and its token is marked. `frame` is one map in the tidy attention format.
    """
    lines = frame if focus_pos is None else frame[frame["query_pos"] == focus_pos]
    lines = lines.assign(left=0.0, right=1.0)
    rows = max(frame["query_pos"].max(), frame["key_pos"].max()) + 1
    y_scale = alt.Scale(domain=[-0.5, rows - 0.5], reverse=True, nice=False, zero=False)
    x_scale = alt.Scale(domain=[0, 1], nice=False, zero=False)
    weight_legend = alt.Legend(title=value_title, orient="bottom", values=[0.1, 0.5, 1.0], format=".1f")
    edges = _rule_edges(
        lines,
        ("left", "right", x_scale),
        ("query_pos", "key_pos", y_scale),
        # One legend for both channels of the weight (Vega-Lite merges them; a legend on one and
        # none on the other is a conflict it warns about): its lines grow thicker and darker.
        opacity=alt.Opacity("weight:Q", scale=alt.Scale(domain=WEIGHT_DOMAIN, range=[0.03, 1]), legend=weight_legend),
        strokeWidth=alt.StrokeWidth(
            "weight:Q", scale=alt.Scale(domain=WEIGHT_DOMAIN, range=[0.5, 7]), legend=weight_legend
        ),
        color=alt.ColorValue(HIGHLIGHT_COLOR if focus_pos is not None else "#4c78a8"),
        tooltip=[
            alt.Tooltip(f"{query_label}:N", title=left_title),
            alt.Tooltip("key_token:N", title=right_title),
            alt.Tooltip("weight:Q", title=value_title, format=".4f"),
        ],
    )
    queries = frame.drop_duplicates("query_pos")[["query_pos", query_label]].rename(
        columns={"query_pos": "pos", query_label: "label"}
    )
    keys = frame.drop_duplicates("key_pos")[["key_pos", "key_token"]].rename(
        columns={"key_pos": "pos", "key_token": "label"}
    )
    queries = queries.assign(side=0.0, focused=queries["pos"] == focus_pos)
    keys = keys.assign(side=1.0, focused=False)

    def token_column(tokens: pd.DataFrame, align: str, dx: int) -> list[alt.Chart]:
        """The tokens of one side; the focused one bold and in the highlight colour."""

        def marks(rows: pd.DataFrame, **style) -> alt.Chart:
            return (
                alt.Chart(rows)
                .mark_text(align=align, dx=dx, fontSize=13, **style)
                .encode(
                    x=alt.X("side:Q", scale=x_scale, axis=_NO_AXIS),
                    y=alt.Y("pos:Q", scale=y_scale, axis=_NO_AXIS),
                    text=alt.Text("label:N"),
                )
            )

        focused = tokens["focused"]
        return [
            marks(tokens[~focused], color="#333333"),
            marks(tokens[focused], color=HIGHLIGHT_COLOR, fontWeight="bold"),
        ]

    def header(side: float, label: str, align: str, dx: int) -> alt.Chart:
        return (
            alt.Chart(pd.DataFrame({"side": [side], "label": [label]}))
            .mark_text(align=align, dx=dx, dy=-row_height * 0.8, fontSize=12, color="#777777")
            .encode(x=alt.X("side:Q", scale=x_scale, axis=_NO_AXIS), y=alt.YValue(0), text=alt.Text("label:N"))
        )

    return (
        # One flat layer list: Altair deep-copies every nested layer chart, which made
        # building this chart three times slower.
        alt.layer(
            edges,
            *token_column(queries, "right", -8),
            *token_column(keys, "left", 8),
            header(0.0, left_title, "right", -8),
            header(1.0, right_title, "left", 8),
        )
        .properties(autosize=PAD, title=title, width=width, height=row_height * rows)
        .configure_view(stroke=None)
    )


def head_bars_grid(
    frame: pd.DataFrame,
    title: str = "",
    value_column: str = "weight",
    layer_title: str = "layer",
    head_title: str = "head",
    x_title: str = "key",
    value_title: str = "weight",
    bar_width: int | None = None,
    budget: int = 760,
) -> alt.FacetChart:
    """One query's attention row in every head: small bar charts, one panel per (layer, head).

    `frame` is the tidy attention format filtered to one query position (all layers and
    heads). Keys stay in sentence order; each panel's most-weighted key is highlighted.
    Heads are columns and layers rows while that fits `budget` px with bars at least
    20 px wide; for long sentences the grid turns (layers as columns, heads as rows)
    so the bars stay wide enough to label.
    """
    key_count = frame["key_pos"].nunique()
    layer_count, head_count = frame["layer"].nunique(), frame["head"].nunique()
    heads_across = key_count * head_count * 20 <= budget
    across = head_count if heads_across else layer_count
    if bar_width is None:
        bar_width = fitted_cell_size(frame["key_token"].unique(), key_count * across, budget=budget)
    panel = (
        alt.Chart()
        .transform_joinaggregate(largest=f"max({value_column})", groupby=["layer", "head"])
        .transform_calculate(is_largest=f"datum['{value_column}'] == datum.largest")
        .mark_bar()
        .encode(
            x=alt.X("key_pos:O", axis=_position_axis(frame, "key_pos", "key_token", None, bar_width - 2)),
            y=alt.Y(
                f"{value_column}:Q",
                scale=alt.Scale(domain=WEIGHT_DOMAIN),
                axis=alt.Axis(title=None, values=[0, 0.5, 1], format=".1f"),
            ),
            color=value_if("datum.is_largest", HIGHLIGHT_COLOR, MUTED_COLOR),
            tooltip=[
                alt.Tooltip("layer:O", title=layer_title),
                alt.Tooltip("head:O", title=head_title),
                alt.Tooltip("key_token:N", title=x_title),
                alt.Tooltip(f"{value_column}:Q", title=value_title, format=".4f"),
            ],
        )
        .properties(width=bar_width * key_count, height=90)
    )

    def header(title_text: str, **options) -> alt.Header:
        return alt.Header(
            labelExpr=f"{json.dumps(title_text + ' ', ensure_ascii=False)} + datum.value", title=None, **options
        )

    layers = ("layer:O", header(layer_title, labelAngle=0))
    heads = ("head:O", header(head_title, labelAngle=0))
    rows, columns = (layers, heads) if heads_across else (heads, layers)
    return panel.facet(
        data=frame,
        row=alt.Row(rows[0], header=rows[1]),
        column=alt.Column(columns[0], header=columns[1]),
        title=title,
    )


def fitted_cell_size(labels, cells_across: int, budget: int = 760, smallest: int = 16, largest: int = 46) -> int:
    """A cell (or bar) width that fits the widest label when `cells_across` cells fit in `budget` px.

    For small multiples: the whole row of panels must fit the page, so long sentences
    and many heads get narrow cells whose labels are truncated (tooltips show them whole).
    """
    widest = max((_label_width(str(label)) for label in labels), default=0.0)
    return int(max(smallest, min(largest, widest + 6, budget // max(cells_across, 1))))


# --- cross-attention page: gold alignment overlay and next-token probabilities ------

GOLD_COLOR = "#f2a900"  # gold outlines: visible on both light and dark blue cells


def gold_outline(
    frame: pd.DataFrame,
    label: str = "gold link",
    x_title: str = "key",
    y_title: str = "query",
    query_label: str = "query_token",
) -> alt.Chart:
    """Stroke-only rectangles on the gold-aligned cells of an attention map, with a legend entry.

    `frame` holds one row per gold cell: `query_pos`, `key_pos`, `query_token`,
    `key_token` (and optionally `weight`). Layer it over `attention_heatmap` of the
    same map (`attention_heatmap_with_gold`); the cells' fill stays visible.
    `query_label` names the column that labels rows, as in `attention_heatmap`.
    """
    tooltip = [alt.Tooltip(f"{query_label}:N", title=y_title), alt.Tooltip("key_token:N", title=x_title)]
    if "weight" in frame:
        tooltip.append(alt.Tooltip("weight:Q", format=".4f"))
    return (
        alt.Chart(frame.assign(gold=label))
        .mark_rect(filled=False, strokeWidth=3)
        .encode(
            x=alt.X("key_pos:O"),
            y=alt.Y("query_pos:O"),
            stroke=alt.Stroke(
                "gold:N",
                scale=alt.Scale(domain=[label], range=[GOLD_COLOR]),
                legend=alt.Legend(title=None, symbolType="square", symbolFillColor="transparent"),
            ),
            tooltip=tooltip,
        )
    )


def copy_outline(frame: pd.DataFrame, label: str = "copied word") -> alt.Chart:
    """A thick purple outline on the cell attention chose for a copied word, with a legend entry.

    `frame` holds one row per copy: `query_pos` (the row that wrote <unk>) and
    `key_pos` (the source token copied), as `ui.cross_views.copy_cells` returns.
    """
    return (
        alt.Chart(frame.assign(copy=label))
        .mark_rect(filled=False, strokeWidth=4, strokeDash=[6, 3])
        .encode(
            x=alt.X("key_pos:O"),
            y=alt.Y("query_pos:O"),
            stroke=alt.Stroke(
                "copy:N",
                scale=alt.Scale(domain=[label], range=[COPY_COLOR]),
                legend=alt.Legend(title=None, symbolType="square", symbolFillColor="transparent"),
            ),
        )
    )


def attention_heatmap_with_gold(
    frame: pd.DataFrame,
    gold_frame: pd.DataFrame | None,
    gold_label: str = "gold link",
    copy_frame: pd.DataFrame | None = None,
    copy_label: str = "copied word",
    **heatmap_options,
) -> alt.LayerChart:
    """`attention_heatmap(frame, **heatmap_options)` with the `gold_frame` cells outlined (if given)
    and the cells attention chose for copied words (`copy_frame`, if given) marked."""
    heatmap = attention_heatmap(frame, **heatmap_options)
    layers = []
    if gold_frame is not None and not gold_frame.empty:
        x_title = heatmap_options.get("x_title", "key")
        y_title = heatmap_options.get("y_title", "query")
        query_label = heatmap_options.get("query_label", "query_token")
        layers.append(gold_outline(gold_frame, gold_label, x_title, y_title, query_label))
    if copy_frame is not None and not copy_frame.empty:
        layers.append(copy_outline(copy_frame, copy_label))
    if not layers:
        return heatmap
    combined = heatmap
    for layer in layers:  # `+` adds to the heatmap's own layers and keeps its size settings
        combined = combined + layer
    # Independent colour/stroke legends and stroke scales; the shared position scales keep cells aligned.
    return combined.resolve_legend(color="independent", stroke="independent").resolve_scale(stroke="independent")


def top_tokens_chart(
    frame: pd.DataFrame,
    title: str = "",
    token_title: str = "next token",
    probability_title: str = "probability",
    width: int = 220,
) -> alt.LayerChart:
    """Next-token probabilities as horizontal bars, most likely on top; the chosen token highlighted.

    `frame` holds `rank` (0 = most likely), `token`, `probability` (0..1) and
    `chosen` (bool: the token greedy decoding wrote).
    """
    mapping = {str(int(rank)): str(token) for rank, token in zip(frame["rank"], frame["token"], strict=True)}
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "rank:O",
            axis=alt.Axis(
                labelExpr=f"{json.dumps(mapping, ensure_ascii=False)}[datum.value]",
                title=token_title,
                ticks=False,
                domain=False,
                labelLimit=120,
                **HORIZONTAL_Y_TITLE,
            ),
        ),
        x=alt.X(
            "probability:Q", scale=alt.Scale(domain=WEIGHT_DOMAIN), title=probability_title, axis=alt.Axis(format=".1f")
        ),
        tooltip=[
            alt.Tooltip("token:N", title=token_title),
            alt.Tooltip("probability:Q", title=probability_title, format=".4f"),
        ],
    )
    bars = base.mark_bar(size=18).encode(color=value_if("datum.chosen", HIGHLIGHT_COLOR, MUTED_COLOR))
    values = base.mark_text(align="left", dx=4, fontSize=12).encode(
        text=alt.Text("probability:Q", format=".2f"),
    )
    return alt.layer(bars, values).properties(autosize=PAD, title=title, width=width, height=26 * len(frame))


def importance_bars(
    frame: pd.DataFrame,
    method_labels: dict[str, str],
    title: str = "",
    x_title: str = "key",
    y_title: str = "relative importance",
    method_title: str = "method",
    group_width: int = 84,
) -> alt.Chart:
    """Several importance vectors of one English token, side by side over the same Korean tokens.

    `frame` is ui.frames.importance_frame filtered to one `english_pos`: per (method,
    key) `key_pos`, `key_token`, `importance` (the method's own value) and `relative`
    (scaled so each method's largest |value| is 1), which the bars show. Korean tokens
    run across in sentence order; each holds one bar per method, in `method_labels`'
    order ({method: label in the user's language}), coloured from METHOD_COLORS. The
    y axis always shows 0..1 and reaches below 0 only when a value is negative.
    """
    methods = list(method_labels)
    key_count = frame["key_pos"].nunique()
    lowest = min(0.0, float(frame["relative"].min())) if len(frame) else 0.0
    labelled = frame.assign(method_label=frame["method"].map(method_labels))
    order = [method_labels[method] for method in methods]
    return (
        alt.Chart(labelled)
        .mark_bar()
        .encode(
            x=alt.X("key_pos:O", axis=_position_axis(frame, "key_pos", "key_token", x_title, group_width - 4)),
            xOffset=alt.XOffset("method_label:N", sort=order),
            y=alt.Y(
                "relative:Q",
                scale=alt.Scale(domain=[lowest, 1]),
                title=y_title,
                axis=alt.Axis(**HORIZONTAL_Y_TITLE),
            ),
            color=alt.Color(
                "method_label:N",
                sort=order,
                scale=alt.Scale(domain=order, range=list(METHOD_COLORS[: len(order)])),
                legend=alt.Legend(title=method_title, orient="bottom", direction="horizontal", labelLimit=260),
            ),
            tooltip=[
                alt.Tooltip("key_token:N", title=x_title),
                alt.Tooltip("method_label:N", title=method_title),
                alt.Tooltip("importance:Q", title=method_title, format=".4f"),
                alt.Tooltip("relative:Q", title=y_title, format=".2f"),
            ],
        )
        .properties(autosize=PAD, title=title, width=group_width * key_count, height=220)
    )


def word_order_lines(
    frame: pd.DataFrame,
    title: str = "",
    query_label: str = "produced_token",
    top_title: str = "Korean",
    bottom_title: str = "English",
    value_title: str = "weight",
    crossing_label: str = "crosses another line",
    straight_label: str = "keeps the order",
    column_width: int = 72,
) -> alt.LayerChart:
    """Lines between two sentences, each in order: the Korean tokens across the top, the English
    below, one line from each English token to the Korean token it weights most.

    `frame` is ui.frames.word_order_frame: tidy cross-attention rows of one head with
    `link` and `crosses`. Lines that cross another are drawn in HIGHLIGHT_COLOR,
    the rest in the muted blue; their width grows with the weight. Both sentences
    span the same width, each spaced evenly.
    """
    korean_count = int(frame["key_pos"].max()) + 1
    english_count = int(frame["query_pos"].max()) + 1
    links = frame[frame["link"]].assign(
        korean_x=lambda rows: (rows["key_pos"] + 0.5) / korean_count,
        english_x=lambda rows: (rows["query_pos"] + 0.5) / english_count,
        top=0.12,  # lines stop short of the words so every token stays readable
        bottom=0.88,
        kind_of_line=lambda rows: rows["crosses"].map({True: crossing_label, False: straight_label}),
    )
    x_scale = alt.Scale(domain=[0, 1], nice=False, zero=False)
    y_scale = alt.Scale(domain=[-0.1, 1.1], reverse=True, nice=False, zero=False)  # Korean on top
    edges = _rule_edges(
        links,
        ("korean_x", "english_x", x_scale),
        ("top", "bottom", y_scale),
        strokeWidth=alt.StrokeWidth("weight:Q", scale=alt.Scale(domain=WEIGHT_DOMAIN, range=[1, 7]), legend=None),
        color=alt.Color(
            "kind_of_line:N",
            scale=alt.Scale(domain=[crossing_label, straight_label], range=[HIGHLIGHT_COLOR, "#4c78a8"]),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip(f"{query_label}:N", title=bottom_title),
            alt.Tooltip("key_token:N", title=top_title),
            alt.Tooltip("weight:Q", title=value_title, format=".4f"),
        ],
    )
    korean = frame.drop_duplicates("key_pos")[["key_pos", "key_token"]]
    korean = pd.DataFrame({"x": (korean["key_pos"] + 0.5) / korean_count, "y": 0.0, "label": korean["key_token"]})
    english = frame.drop_duplicates("query_pos")[["query_pos", query_label]]
    english = pd.DataFrame(
        {"x": (english["query_pos"] + 0.5) / english_count, "y": 1.0, "label": english[query_label].astype(str)}
    )

    def words(rows: pd.DataFrame, baseline: str, dy: int) -> alt.Chart:
        return (
            alt.Chart(rows)
            .mark_text(fontSize=14, baseline=baseline, dy=dy, color="#333333")
            .encode(
                x=alt.X("x:Q", scale=x_scale, axis=_NO_AXIS),
                y=alt.Y("y:Q", scale=y_scale, axis=_NO_AXIS),
                text=alt.Text("label:N"),
            )
        )

    def side_title(label: str, y: float, baseline: str, dy: int) -> alt.Chart:
        return (
            alt.Chart(pd.DataFrame({"x": [0.0], "y": [y], "label": [label]}))
            .mark_text(align="right", baseline=baseline, dx=-10, dy=dy, fontSize=12, color="#777777")
            .encode(
                x=alt.X("x:Q", scale=x_scale, axis=_NO_AXIS),
                y=alt.Y("y:Q", scale=y_scale, axis=_NO_AXIS),
                text=alt.Text("label:N"),
            )
        )

    width = column_width * max(korean_count, english_count)
    return (
        alt.layer(
            edges,
            words(korean, "middle", 0),
            words(english, "middle", 0),
            side_title(top_title, 0.0, "middle", 0),
            side_title(bottom_title, 1.0, "middle", 0),
        )
        .properties(autosize=PAD, title=title, width=width, height=180)
        .configure_view(stroke=None)
    )


# --- sidebar: how sure the model was of each token it wrote ----------------------------

COPY_COLOR = "#7b3294"  # copied words: purple, apart from the blues and from the gold outline


def token_probability_strip(
    frame: pd.DataFrame,
    token_title: str = "token",
    probability_title: str = "probability",
    copied_label: str = "copied word",
    uncertain_label: str = "below 0.5",
    width: int = 250,
    palette: str = STANDARD_PALETTE,
) -> alt.LayerChart:
    """One small cell per written token, in order, shaded by its probability (0..1).

    `frame` is `ui.frames.token_probability_frame`: `position`, `token`,
    `probability`, `copied`, `uncertain`. A copied word gets a purple outline and an
    uncertain token an orange one, each with a legend entry; the tooltip shows the
    token, its exact probability and what its outline means. Cells shrink so a long
    translation still fits `width` px (the sidebar).
    """
    count = max(1, len(frame))
    size = int(max(12, min(36, width // count)))
    note = [
        (copied_label if copied else uncertain_label if uncertain else "")
        for copied, uncertain in zip(frame["copied"], frame["uncertain"], strict=True)
    ]
    data = frame.assign(note=note)
    base = alt.Chart(data).encode(
        x=alt.X(
            "position:O",
            axis=_position_axis(data, "position", "token", None, size - 2) if size >= 28 else None,
        ),
        tooltip=[
            alt.Tooltip("token:N", title=token_title),
            alt.Tooltip("probability:Q", title=probability_title, format=".4f"),
            alt.Tooltip("note:N", title=" "),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "probability:Q",
            scale=alt.Scale(domain=WEIGHT_DOMAIN, scheme=PALETTES[palette]["sequential"]),
            legend=None,
        )
    )
    marked = data[data["note"] != ""]
    layers = [cells]
    if not marked.empty:
        layers.append(
            alt.Chart(marked)
            .mark_rect(filled=False, strokeWidth=3)
            .encode(
                x=alt.X("position:O"),
                stroke=alt.Stroke(
                    "note:N",
                    scale=alt.Scale(domain=[copied_label, uncertain_label], range=[COPY_COLOR, HIGHLIGHT_COLOR]),
                    legend=alt.Legend(title=None, orient="bottom", symbolType="square", symbolFillColor="transparent"),
                ),
                tooltip=[
                    alt.Tooltip("token:N", title=token_title),
                    alt.Tooltip("probability:Q", title=probability_title, format=".4f"),
                    alt.Tooltip("note:N", title=" "),
                ],
            )
        )
    if size >= 20:
        layers.append(
            base.mark_text(fontSize=9).encode(
                text=alt.Text("probability:Q", format=".2f"),
                color=value_if("datum.probability > 0.55", "white", "black"),
            )
        )
    return alt.layer(*layers).properties(autosize=PAD, width=size * count, height=size)
