"""The sections of the Attention basics page, one per step of the seed post (DESIGN §2).

Each draws its widgets, numbers and charts; the page (pages/basics.py) puts them in
order under their headers. The numbers come from ui/basics.py and model/toy.py (the
matrix form, on the model's own attention function), the charts from ui/charts.py.
"""

from collections.abc import Callable, Sequence

import streamlit as st

from model import toy
from model.attention import AttentionKind
from ui import basics, frames, state, streamlit_internals, views
from ui.state import tr

# Widget and state keys of this page (the shared keys live in ui/state.py).
WEIGHT_A = "basics_weight_a"
DOT_INPUT = "basics_dot_{pair}_{vector}_{axis}"  # e.g. basics_dot_0_u_x
GUESS = "basics_guess"
REVEALED = "basics_revealed"  # state: the learner has revealed the softmax of step 2
TEMPERATURE = "basics_temperature"
SCALE = "basics_scale"
CAUSAL = "basics_causal"
MATRIX_TEMPERATURE = "basics_matrix_temperature"
STEP = "basics_step"  # the open step's tab
DOT_INPUTS = tuple(
    DOT_INPUT.format(pair=pair, vector=vector, axis=axis) for pair in (0, 1) for vector in "uv" for axis in "xy"
)
MATRIX_TABS = ("basics_inputs_tabs", "basics_projections_tabs", "basics_scores_tabs", "basics_output_tabs")
# The post's steps in order: each step's tab label and the keys of the widgets it draws. Step 3 (value)
# comes inside step 2, with the reveal of its softmax.
STEPS = {
    "basics.prereq.header": (WEIGHT_A, *DOT_INPUTS),
    "basics.qk.header": (GUESS, TEMPERATURE),
    "basics.matrix.header": (SCALE, CAUSAL, MATRIX_TEMPERATURE, *MATRIX_TABS),
    "basics.kinds.header": (),
    "basics.takeaway.header": (),
}


@st.cache_data(show_spinner=False)
def dot_product_growth():
    """Thousands of random draws from a fixed seed: the same table every run."""
    return basics.dot_product_growth_frame()


def reveal() -> None:
    st.session_state[REVEALED] = True


def show_matrices(items, key: str, columns: int = 2) -> None:
    """Each (title, tensor, row labels, column labels) as a heatmap and, in a second tab, a table.

    Only the open tab runs (`on_change="rerun"`): the tables are one click away instead of
    being drawn, hidden, on every visit of this long page.
    """

    def heatmap(title, matrix, rows, cols) -> None:
        views.show("matrix_heatmap", frames.matrix_frame(matrix, rows, cols), title=title)

    def table(title, matrix, rows, cols) -> None:
        st.markdown(f"**{title}**")
        st.dataframe(frames.matrix_table(matrix, rows, cols))

    tabs = state.lazy_tabs(["basics.tab.chart", "basics.tab.table"], key=key)
    for tab, show in zip(tabs, (heatmap, table), strict=True):
        if not tab.open:
            continue
        with tab:
            for start in range(0, len(items), columns):
                for column, item in zip(st.columns(columns), items[start : start + columns], strict=False):
                    with column:
                        show(*item)


def open_step(label_key: str) -> None:
    st.session_state[STEP] = tr(label_key)


def steps(sections: Sequence[Callable[[], None]]) -> None:
    """The steps (STEPS, in order) as tabs, each drawn by its section; only the open one runs.

    Drawn all at once the page held 19 charts and was 7,300 px tall: every visit cost the browser
    about a second of CPU, which a phone feels, and so do a dozen learners' browsers sharing one CPU
    (benchmarks/classroom.py). One step at a time, each ends with a button to the next. Widgets
    of closed steps keep their values for when their step opens again.
    """
    for tab, widget_keys, section, next_label_key in zip(
        state.lazy_tabs(STEPS, key=STEP),
        STEPS.values(),
        sections,
        [*list(STEPS)[1:], None],
        strict=True,
    ):
        if not tab.open:
            state.keep_widget_values(widget_keys)
            continue
        with tab:
            section()
            if next_label_key is not None:
                st.button(
                    tr("basics.next_step", step=tr(next_label_key)),
                    on_click=open_step,
                    args=(next_label_key,),
                    icon=":material/arrow_forward:",
                )


def init_state() -> None:
    """The page's own state: whether the softmax of step 2 has been revealed."""
    if REVEALED not in st.session_state:
        st.session_state[REVEALED] = False


def weighted_sum() -> None:
    """C = w·A + (1 − w)·B with a slider for w, as numbers and as points."""
    st.subheader(tr("basics.weighted.header"))
    st.markdown(tr("basics.weighted.body"))
    weight_a = st.slider(tr("basics.weighted.slider"), 0.0, 1.0, 0.88, 0.01, key=WEIGHT_A)
    point_c = basics.weighted_sum_point(weight_a)
    text_column, chart_column = st.columns([3, 2])
    with text_column:
        st.markdown(
            tr(
                "basics.weighted.result",
                weight_a=f"{weight_a:.2f}",
                weight_b=f"{1 - weight_a:.2f}",
                a=f"({basics.POINT_A[0]:g}, {basics.POINT_A[1]:g})",
                b=f"({basics.POINT_B[0]:g}, {basics.POINT_B[1]:g})",
                c=f"({point_c[0]:.2f}, {point_c[1]:.2f})",
                percent_a=f"{100 * weight_a:.0f}",
                percent_b=f"{100 * (1 - weight_a):.0f}",
            )
        )
    with chart_column:
        views.show("points_chart", basics.weighted_sum_points_frame(weight_a), line_labels=["A", "B"])


def dot_products() -> None:
    """Two editable pairs of vectors, their dot products written out."""
    st.subheader(tr("basics.dot.header"))
    st.markdown(tr("basics.dot.body"))
    for pair_column, (pair, (preset_u, preset_v)) in zip(st.columns(2), enumerate(basics.DOT_PRESETS), strict=True):
        with pair_column:
            st.markdown(tr("basics.dot.pair", number=pair + 1))
            inputs = st.columns(4)
            entered = {}
            for index, (vector, axis, preset) in enumerate(
                [
                    ("u", "x", preset_u[0]),
                    ("u", "y", preset_u[1]),
                    ("v", "x", preset_v[0]),
                    ("v", "y", preset_v[1]),
                ]
            ):
                with inputs[index]:
                    entered[vector, axis] = st.number_input(
                        f"{vector}{'₁' if axis == 'x' else '₂'}",
                        value=preset,
                        step=1.0,
                        min_value=-10.0,
                        max_value=10.0,
                        format="%g",
                        key=DOT_INPUT.format(pair=pair, vector=vector, axis=axis),
                    )
            u = (entered["u", "x"], entered["u", "y"])
            v = (entered["v", "x"], entered["v", "y"])
            st.markdown(
                tr(
                    "basics.dot.result",
                    u=f"[{u[0]:g}, {u[1]:g}]",
                    v=f"[{v[0]:g}, {v[1]:g}]",
                    arithmetic=basics.dot_product_arithmetic(u, v),
                )
            )
            views.show("vectors_chart", basics.vectors_frame(["u", "v"], [u, v]), size=220)
    st.caption(tr("basics.dot.typo"))


def query_and_keys():
    """One query and four keys drawn; the learner predicts which key wins. Returns the guess (or None)."""
    vectors_column, predict_column = st.columns([2, 3])
    with vectors_column:
        views.show(
            "vectors_chart",
            basics.vectors_frame(
                ["q", *basics.KEY_LABELS],
                [basics.QUERY, *basics.KEYS],
                roles=["query"] + ["key"] * len(basics.KEYS),
            ),
            size=240,
        )
    with predict_column:
        st.markdown(
            tr(
                "basics.qk.vectors",
                query=f"[{basics.QUERY[0]:g}, {basics.QUERY[1]:g}]",
                keys=", ".join(
                    f"{label} = [{key[0]:g}, {key[1]:g}]"
                    for label, key in zip(basics.KEY_LABELS, basics.KEYS, strict=True)
                ),
            )
        )
        guess = st.radio(
            tr("basics.predict.question"),
            basics.KEY_LABELS,
            index=None,
            horizontal=True,
            key=GUESS,
        )
        st.button(
            tr("basics.predict.reveal"),
            on_click=reveal,
            disabled=guess is None and not st.session_state[REVEALED],
        )
    return guess


def softmax_and_value(guess) -> None:
    """After the reveal: the scores, their softmax (with a temperature) and, step 3, the weighted values."""
    if not st.session_state[REVEALED]:
        st.info(tr("basics.predict.waiting"))
    else:
        temperature = st.slider(
            tr("basics.temperature.slider"),
            0.1,
            5.0,
            1.0,
            0.1,
            key=TEMPERATURE,
            help=tr("basics.temperature.help"),
        )
        key_frame = basics.query_key_frame(temperature=temperature)
        winner = key_frame.loc[key_frame["is_max"]].iloc[0]
        first = key_frame.iloc[0]
        explanation = tr(
            "basics.predict.explain",
            winner=winner["key_token"],
            winner_score=f"{winner['score']:.2f}",
            weight=f"{winner['weight']:.3f}",
            first=first["key_token"],
            first_score=f"{first['score']:.2f}",
        )
        if guess == winner["key_token"]:
            st.success(tr("basics.predict.right", winner=winner["key_token"]) + " " + explanation)
        elif guess is not None:
            st.warning(tr("basics.predict.wrong", guess=guess, winner=winner["key_token"]) + " " + explanation)
        else:
            st.info(explanation)
        table_column, bars_column = st.columns([3, 2])
        with table_column:
            st.dataframe(
                key_frame[["key_token", "key", "score", "exp", "weight"]].rename(
                    columns={
                        "key_token": tr("basics.qk.col.key"),
                        "key": tr("basics.qk.col.vector"),
                        "score": tr("basics.qk.col.score"),
                        "exp": tr("basics.qk.col.exp", temperature=f"{temperature:g}"),
                        "weight": tr("basics.qk.col.weight"),
                    }
                ),
                hide_index=True,
            )
            st.markdown(
                tr(
                    "basics.qk.sum",
                    total=f"{key_frame['exp'].sum():.3f}",
                    weights_total=f"{key_frame['weight'].sum():.3f}",
                )
            )
            st.markdown(tr("basics.qk.nothing_lost", smallest=basics.readable_number(key_frame["weight"].min())))
        with bars_column:
            views.show(
                "attention_bars",
                key_frame,
                title=tr("basics.qk.bars_title"),
                x_title=tr("basics.qk.col.key"),
                y_title=tr("basics.qk.col.weight"),
            )
        st.markdown(
            tr(
                "basics.qk.marked",
                winner=winner["key_token"],
                weight=f"{winner['weight']:.3f}",
            )
        )

        # --- 3. value -----------------------------------------------------------------
        st.header(tr("basics.value.header"))
        st.markdown(tr("basics.value.body"))
        weights = key_frame["weight"].tolist()
        output = basics.weighted_value(weights)
        value_table, value_chart = st.columns([3, 2])
        with value_table:
            st.dataframe(
                basics.weighted_value_frame(weights).rename(
                    columns={
                        "value_token": tr("basics.value.col.value"),
                        "weight": tr("basics.qk.col.weight"),
                        "value_x": "v₁",
                        "value_y": "v₂",
                        "weighted_x": tr("basics.value.col.weighted", axis="₁"),
                        "weighted_y": tr("basics.value.col.weighted", axis="₂"),
                    }
                ),
                hide_index=True,
            )
            st.markdown(tr("basics.value.result", output=f"[{output[0]:.3f}, {output[1]:.3f}]"))
        with value_chart:
            views.show("points_chart", basics.weighted_value_points_frame(weights), size=240)


def matrix_form() -> None:
    """Step 4: every matrix of one head on the toy sentence, with scale, causal and temperature toggles."""
    scale_column, causal_column, temperature_column = st.columns(3)
    with scale_column:
        scale = st.toggle(tr("basics.matrix.scale_toggle"), value=True, key=SCALE)
    with causal_column:
        causal = st.toggle(tr("basics.matrix.causal_toggle"), value=False, key=CAUSAL)
    with temperature_column:
        matrix_temperature = st.slider(
            tr("basics.temperature.slider"),
            0.1,
            5.0,
            1.0,
            0.1,
            key=MATRIX_TEMPERATURE,
            help=tr("basics.temperature.help"),
        )

    form = toy.matrix_form(scale=scale, causal=causal, temperature=matrix_temperature)
    tokens = list(form.tokens)
    model_dims = frames.dimension_labels(toy.D_MODEL)
    head_dims = frames.dimension_labels(toy.D_K)

    st.subheader(tr("basics.matrix.inputs"))
    show_matrices(
        [
            ("X", form.x, tokens, model_dims),
            ("W_q", form.w_query, model_dims, head_dims),
            ("W_k", form.w_key, model_dims, head_dims),
            ("W_v", form.w_value, model_dims, head_dims),
        ],
        key="basics_inputs_tabs",
    )
    st.subheader(tr("basics.matrix.projections"))
    show_matrices(
        [
            ("Q = X·W_q", form.query, tokens, head_dims),
            ("K = X·W_k", form.key, tokens, head_dims),
            ("V = X·W_v", form.value, tokens, head_dims),
        ],
        key="basics_projections_tabs",
        columns=3,
    )
    st.subheader(tr("basics.matrix.scores"))
    st.markdown(tr("basics.matrix.scores_body"))
    score_items = [("QKᵀ", form.scores, tokens, tokens)]
    if scale:
        score_items.append((f"QKᵀ ÷ √{toy.D_K}", form.scaled, tokens, tokens))
    if causal:
        score_items.append((tr("basics.matrix.masked_title"), form.masked, tokens, tokens))
    show_matrices(score_items, key="basics_scores_tabs")

    with st.expander(tr("basics.why_scale.header"), expanded=True):
        st.markdown(tr("basics.why_scale.body"))
        growth = dot_product_growth()
        wide = growth.pivot(index="d_k", columns="series", values="max_weight").reset_index()
        growth_column, toy_column = st.columns(2)
        with growth_column:
            views.draw(
                views.chart(
                    "line_chart",
                    wide,
                    x="d_k",
                    y_columns=["unscaled", "scaled"],
                    series_labels={
                        "unscaled": tr("basics.why_scale.unscaled"),
                        "scaled": tr("basics.why_scale.scaled"),
                    },
                    title=tr("basics.why_scale.chart_title"),
                    x_title="d_k",
                    y_title=tr("basics.why_scale.max_weight"),
                    log_x=True,
                ),
                width="stretch",
            )
        with toy_column:
            unscaled_form = toy.matrix_form(scale=False, causal=causal, temperature=matrix_temperature)
            scaled_form = toy.matrix_form(scale=True, causal=causal, temperature=matrix_temperature)
            st.markdown(tr("basics.why_scale.toy"))
            st.dataframe(
                basics.sharpness_comparison(unscaled_form, scaled_form).rename(
                    columns={
                        "token": tr("basics.matrix.query"),
                        "unscaled": tr("basics.why_scale.unscaled"),
                        "scaled": tr("basics.why_scale.scaled"),
                    }
                ),
                hide_index=True,
            )

    st.subheader(tr("basics.matrix.softmax"))
    st.markdown(tr("basics.matrix.softmax_body"))
    weights_chart, weights_table = st.columns(2)
    attention = frames.weights_frame(form.weights, tokens, tokens)
    options = {
        "title": tr("basics.matrix.weights_title"),
        "x_title": tr("basics.matrix.key"),
        "y_title": tr("basics.matrix.query"),
        "value_title": tr("basics.qk.col.weight"),
    }
    with weights_chart:
        views.show("attention_heatmap", attention, **options)
    with weights_table:
        st.dataframe(frames.matrix_table(form.weights, tokens, tokens, decimals=3))
        if causal:
            st.markdown(tr("basics.matrix.causal_note"))

    st.subheader(tr("basics.matrix.output"))
    st.markdown(tr("basics.matrix.output_body"))
    show_matrices([(tr("basics.matrix.output_title"), form.output, tokens, head_dims)], key="basics_output_tabs")
    if causal:
        st.markdown(tr("basics.matrix.causal_change"))
        change_column, _ = st.columns(2)
        with change_column:
            change = toy.causal_change(scale=scale, temperature=matrix_temperature)
            st.dataframe(frames.matrix_table(change, tokens, head_dims, decimals=3))


def three_kinds() -> None:
    """Step 5: which query may look at which key, for each kind of attention."""
    for kind_column, kind in zip(st.columns([4, 5, 4]), AttentionKind, strict=True):
        with kind_column:
            st.markdown(f"**{tr(f'basics.kinds.{kind}.title')}**")
            views.show(
                "mask_pattern_chart",
                basics.attention_pattern_frame(kind),
                allowed_label=tr("basics.kinds.allowed"),
                blocked_label=tr("basics.kinds.blocked"),
                x_title=tr("basics.kinds.key"),
                y_title=tr("basics.kinds.query"),
            )
            st.markdown(tr(f"basics.kinds.{kind}.body"))


def next_pages() -> None:
    """Links to the pages that open up the real model (a caption where there is no navigation)."""
    for path, label_key, icon in (
        ("pages/encoder.py", "basics.next.encoder", ":material/grid_on:"),
        ("pages/cross.py", "basics.next.cross", ":material/translate:"),
    ):
        try:
            st.page_link(path, label=tr(label_key), icon=icon)
        except streamlit_internals.page_not_found_error():
            # The page file runs on its own (not through streamlit_app.py): no navigation to link into.
            st.caption(tr("basics.next.unavailable", page=tr(label_key)))
