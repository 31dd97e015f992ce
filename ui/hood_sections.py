"""The sections of the Under the hood page: which head and query, the what-ifs, every step of
the head recomputed, the check against the model, and head ablation.

The math is model/inspect.py (explain_head) and model/decoding.py (translate and
exact_match with a head mask); ui/hood.py caches it and turns it into tables.
"""

import math
from dataclasses import dataclass

import streamlit as st

from model.attention import AttentionKind
from model.inspect import AGREEMENT_TOLERANCE, HeadExplanation, layer_count
from ui import export, frames, hood, links, state, view_link, views
from ui.state import tr

# Widget keys of this page (the shared keys live in ui/state.py).
KIND = "hood_kind"
LAYER = "hood_layer"
HEAD = "hood_head"
QUERY = "hood_query"
SCALE = "hood_scale"
CAUSAL = "hood_causal"
TEMPERATURE = "hood_temperature"
HEADS_OFF = "hood_heads_off"
MAP_LAYER = "hood_map_layer"
MAP_HEAD = "hood_map_head"

NUMBERS_BOX = "hood_numbers_{name}"  # the boxes with a step's numbers, e.g. hood_numbers_W_q
TABLE_HEIGHT = 250  # px: long tables (x, W_q) scroll instead of filling the page
# The temperature slider's range; a link's temperature is checked against it (ui/links.py).
TEMPERATURES = links.NumberRange(low=0.1, high=10.0, step=0.1, default=1.0)


def numbers_box(name: str, count: int, key: str):
    """A closed box "show the {count} numbers of {name}": draw its table under `if box.open`, so it
    runs only once opened. Each table is a grid the browser draws on a canvas, and the page had nine:
    a visit cost the browser a second of CPU, which a phone or a class on one server feels."""
    return st.expander(tr("hood.numbers", name=name, count=f"{count:,}"), key=key, on_change="rerun")


def show_key_matrix(matrix, title: str, key_labels, head_dims) -> None:
    """K or V of the chosen head: one row per key token, as a heatmap and, one click away, a table."""
    box = numbers_box(title, matrix.numel(), key=NUMBERS_BOX.format(name=title))
    if box.open:
        with box:
            st.dataframe(hood.matrix_table(matrix, key_labels, head_dims))
    views.show(
        "matrix_heatmap",
        frames.matrix_frame(matrix, key_labels, head_dims),
        title=title,
        show_values=False,
        cell_size=26,
    )


def show_head_map(frame, title: str, **options):
    """One head's weights (ui/frames.py format) as a heatmap with the page's axis titles; returns the PreparedChart."""
    titles = {"x_title": tr("hood.axis.key"), "y_title": tr("hood.axis.query"), "value_title": tr("hood.axis.weight")}
    return views.show("attention_heatmap", frame, title=title, **titles, **options)


def show_table(frame, names: dict[str, str], formats: dict[str, str | None]) -> None:
    """`frame` with its columns renamed to `names` (the user's language), without its index;
    `formats` gives a column's number format, or None to show it as text."""
    config = {
        names[column]: st.column_config.NumberColumn(format=number_format)
        if number_format
        else st.column_config.TextColumn()
        for column, number_format in formats.items()
    }
    st.dataframe(frame.rename(columns=names), hide_index=True, column_config=config)


def keep_choice_in_range(key: str, count: int) -> None:
    """Reset a position picker whose old choice no longer exists (another sentence, kind or model)."""
    if key in st.session_state and st.session_state[key] not in range(count):
        st.session_state[key] = 0


def difference_text(value: float) -> str:
    return "0" if value == 0 else f"{value:.1e}"


def head_label(name: str) -> str:
    kind, layer, head = hood.parse_head(name)
    return tr("hood.ablation.head_option", kind=tr(f"hood.kind.{kind}"), layer=layer, head=head)


def switch_off(heads: list[str]) -> None:
    """Button callback: these heads off (or every head back on for an empty list)."""
    st.session_state[HEADS_OFF] = heads


def translation_text(translation) -> str:
    return translation.translation or tr("hood.ablation.empty")


@dataclass(frozen=True)
class HeadChoice:
    """The head, query and what-ifs the learner picked, with the tokens on both axes."""

    config: object  # model.config.ModelConfig of the model under study
    kind: AttentionKind
    layer: int
    head: int
    query: int  # position of the query token
    query_tokens: list[str]
    key_tokens: list[str]
    query_labels: list[str]  # "position: token", unique and in sentence order
    key_labels: list[str]
    scale: bool = True
    causal: bool = True
    temperature: float = 1.0

    @property
    def head_and_what_ifs(self) -> tuple:
        """(kind, layer, head, query, scale, causal, temperature): what model.inspect.explain_head takes."""
        return self.kind, self.layer, self.head, self.query, self.scale, self.causal, self.temperature


def tokens_of(choice: HeadChoice) -> tuple[list[str], list[str], list[str], list[str]]:
    """(query tokens, key tokens, query labels, key labels) of the choice."""
    return choice.query_tokens, choice.key_tokens, choice.query_labels, choice.key_labels


def pick_head(study: state.Study) -> HeadChoice:
    """Kind, layer, head and query pickers side by side, then the what-ifs."""
    checkpoint, translation, config = study.checkpoint, study.translation, study.checkpoint.model_config
    kind_column, layer_column, head_column, query_column = st.columns([3, 1, 1, 3])
    # Labels fixed now, in this run's language: a format_func must not read session state later.
    kind_labels = {kind: tr(f"hood.kind.{kind}") for kind in AttentionKind}
    with kind_column:
        kind = AttentionKind(
            st.selectbox(tr("hood.kind"), list(kind_labels), format_func=kind_labels.__getitem__, key=KIND)
        )
    layers = layer_count(checkpoint.model, kind)
    keep_choice_in_range(LAYER, layers)
    keep_choice_in_range(HEAD, config.n_heads)
    with layer_column:
        layer = st.selectbox(tr("hood.layer"), range(layers), key=LAYER)
    with head_column:
        head = st.selectbox(tr("hood.head"), range(config.n_heads), key=HEAD)
    query_tokens, key_tokens = hood.query_and_key_tokens(translation, kind)
    query_labels = hood.token_labels(query_tokens)
    key_labels = hood.token_labels(key_tokens)
    if not kind.in_decoder:
        query_options = query_labels
    else:
        query_options = [
            tr("hood.query_option_decoder", position=position, token=token, produced=produced)
            for position, (token, produced) in enumerate(zip(query_tokens, translation.output_tokens, strict=True))
        ]
    keep_choice_in_range(QUERY, len(query_tokens))
    with query_column:
        query = st.selectbox(
            tr("hood.query"), range(len(query_tokens)), format_func=query_options.__getitem__, key=QUERY
        )
    scale, causal, temperature = pick_what_ifs(kind)
    return HeadChoice(
        config, kind, layer, head, query, query_tokens, key_tokens, query_labels, key_labels, scale, causal, temperature
    )


def pick_what_ifs(kind: AttentionKind) -> tuple[bool, bool, float]:
    """Scale on/off, causal mask on/off (decoder self-attention only) and the temperature."""
    with st.expander(tr("hood.what_if.header"), expanded=True):
        st.markdown(tr("hood.what_if.body"))
        scale_column, causal_column, temperature_column = st.columns(3)
        # Defaults through session state, not value=: a link sets these keys first (follow_link), and a
        # widget whose value= meets a value set through session state makes Streamlit log a warning.
        for key, default in ((SCALE, True), (CAUSAL, True), (TEMPERATURE, TEMPERATURES.default)):
            st.session_state.setdefault(key, default)
        with scale_column:
            scale = st.toggle(tr("hood.what_if.scale"), key=SCALE, help=tr("hood.what_if.scale_help"))
        with causal_column:
            causal = st.toggle(
                tr("hood.what_if.causal"),
                key=CAUSAL,
                disabled=not kind.causal,
                help=tr("hood.what_if.causal_help"),
            )
        with temperature_column:
            temperature = st.slider(
                tr("hood.what_if.temperature"),
                TEMPERATURES.low,
                TEMPERATURES.high,
                step=TEMPERATURES.step,
                key=TEMPERATURE,
                help=tr("hood.what_if.temperature_help"),
            )
    return scale, causal, temperature


# --- links to a view (ui/view_link.py) -------------------------------------------------------------
# The view's fields and the keys of the widgets that show them. The head-ablation section's
# switched-off heads stay out of the link: a list of heads is a parameter of its own to check, and a
# link that switches heads off would make every opener wait seconds for the test-split exact match.
LINKED_WIDGETS = {
    "kind": KIND,
    "layer": LAYER,
    "head": HEAD,
    "token": QUERY,
    "scale": SCALE,
    "causal": CAUSAL,
    "temperature": TEMPERATURE,
}


def link_sizes(study: state.Study) -> links.KindViewSizes:
    """What a link to this page may name: each kind's layers, heads and query tokens of the model
    and sentence under study, in the kind picker's order (encoder self-attention first, the default),
    and the temperature slider's range."""
    model, translation = study.checkpoint.model, study.translation
    kinds = {
        kind: links.ViewSizes(
            layers=layer_count(model, kind),
            heads=study.checkpoint.model_config.n_heads,
            tokens=len(hood.query_and_key_tokens(translation, kind)[0]),
        )
        for kind in AttentionKind
    }
    return links.KindViewSizes(kinds, TEMPERATURES)


def follow_link(study: state.Study) -> None:
    """Show the kind, layer, head, query and what-ifs a link to this page names; call before pick_head."""
    view_link.follow_page(link_sizes(study), LINKED_WIDGETS)


def keep_in_url(choice: HeadChoice, box) -> None:
    """The view on screen into the URL, and its link to copy in `box`. The causal switch goes into
    the link only for decoder self-attention, the one kind it changes."""
    view = view_link.session_view(
        choice.layer,
        choice.head,
        choice.query,
        kind=choice.kind,
        scale=choice.scale,
        causal=choice.causal if choice.kind.causal else None,
        temperature=choice.temperature,
    )
    view_link.keep_in_url(view, box, body_key="links.copy_body_hood")


def explanation_of(study: state.Study, choice: HeadChoice) -> HeadExplanation:
    """model.inspect.explain_head of the choice (cached per model, sentence and choice)."""
    return hood.head_explanation(study.model_key, study.sentence, *choice.head_and_what_ifs, study.checkpoint)


def steps_section(choice: HeadChoice, explanation: HeadExplanation) -> None:
    """x, W_q, q, K, the scores step by step, the head's map, V and the weighted sum."""
    kind, layer, head, query, scale, causal, temperature = choice.head_and_what_ifs
    query_tokens, key_tokens, query_labels, key_labels = tokens_of(choice)
    config = choice.config
    d_head = explanation.d_head
    head_dims = frames.dimension_labels(d_head)
    model_dims = frames.dimension_labels(config.d_model, "x")
    query_name = query_labels[query]

    if explanation.is_what_if:
        changes = []
        if not scale:
            changes.append(tr("hood.what_if.no_scale"))
        if kind.causal and not causal:
            changes.append(tr("hood.what_if.no_causal"))
        if temperature != 1.0:
            changes.append(tr("hood.what_if.temperature_value", temperature=f"{temperature:g}"))
        st.warning(tr("hood.what_if.on", changes=", ".join(changes)), icon=":material/science:")

    st.subheader(tr("hood.step.x.header"))
    st.markdown(tr(f"hood.step.x.body.{kind}", layer=layer, d_model=config.d_model, query=query_name))
    inputs = [explanation.query_input] + ([explanation.key_input] if kind is AttentionKind.CROSS else [])
    box = numbers_box("x", sum(matrix.numel() for matrix in inputs), key=NUMBERS_BOX.format(name="x"))
    if box.open:
        with box:
            if kind is AttentionKind.CROSS:
                st.markdown(f"**{tr('hood.step.x.query_table')}**")
            st.dataframe(hood.matrix_table(explanation.query_input, query_labels, model_dims), height="auto")
            if kind is AttentionKind.CROSS:
                st.markdown(f"**{tr('hood.step.x.key_table')}**")
                st.dataframe(hood.matrix_table(explanation.key_input, key_labels, model_dims), height="auto")

    st.subheader(tr("hood.step.wq.header"))
    st.markdown(
        tr(
            "hood.step.wq.body",
            d_model=config.d_model,
            d_head=d_head,
            head=head,
            start=head * d_head,
            end=(head + 1) * d_head - 1,
        )
    )
    count = explanation.w_query.numel() + explanation.b_query.numel()
    box = numbers_box(tr("hood.numbers.w_and_b"), count, key=NUMBERS_BOX.format(name="W_q"))
    if box.open:
        with box:
            weight_column, bias_column = st.columns([3, 2])
            with weight_column:
                st.dataframe(hood.matrix_table(explanation.w_query, model_dims, head_dims), height=TABLE_HEIGHT)
            with bias_column:
                st.markdown(f"**{tr('hood.step.wq.bias')}**")
                st.dataframe(hood.matrix_table(explanation.b_query[:, None], head_dims, ["b_q"]), height=TABLE_HEIGHT)

    st.subheader(tr("hood.step.q.header"))
    st.markdown(
        tr(
            "hood.step.q.body",
            query=query_name,
            d_head=d_head,
            difference=difference_text(explanation.step_differences["q"]),
        )
    )
    st.dataframe(frames.vector_table(explanation.q, f"q ({query_name})"))

    st.subheader(tr("hood.step.k.header"))
    st.markdown(
        tr(
            "hood.step.k.body.cross" if kind is AttentionKind.CROSS else "hood.step.k.body.self",
            difference=difference_text(explanation.step_differences["keys"]),
        )
    )
    show_key_matrix(explanation.keys, "K", key_labels, head_dims)

    st.subheader(tr("hood.step.scores.header"))
    st.markdown(
        tr(
            "hood.step.scores.body",
            d_head=d_head,
            sqrt_d=math.sqrt(d_head),
            temperature=f"{temperature:g}",
        )
    )
    if kind.causal and not causal:
        st.markdown(tr("hood.mask.decoder_self_off"))
    else:
        st.markdown(tr(f"hood.mask.{kind}", query=query))
    steps = hood.steps_frame(explanation, key_tokens)
    step_columns = {
        "key_pos": tr("hood.col.position"),
        "key_token": tr("hood.col.key"),
        "score": tr("hood.col.score"),
        "scaled": tr("hood.col.scaled") if scale else tr("hood.col.unscaled"),
        "allowed": tr("hood.col.allowed"),
        "masked": tr("hood.col.masked"),
        "weight": tr("hood.col.weight"),
        "model_weight": tr("hood.col.model_weight"),
    }
    formats = dict.fromkeys(("score", "scaled", "weight", "model_weight"), "%.4f") | {"masked": None}
    show_table(hood.masked_as_text(steps), step_columns, formats)
    export.download_buttons(steps, None, f"steps_{kind}_layer{layer}_head{head}_query{query}", key="hood_steps")
    step_names = [
        tr("hood.col.score"),
        tr("hood.col.scaled") if scale else tr("hood.col.unscaled"),
        tr("hood.col.masked"),
    ]
    scores_chart, bars_chart = st.columns(2)
    with scores_chart:
        views.show(
            "matrix_heatmap",
            hood.score_steps_matrix(explanation, step_names, key_tokens),
            title=tr("hood.scores_chart_title"),
            x_title=tr("hood.axis.key"),
            y_title=tr("hood.axis.step"),
            value_format=".1f",
        )
    with bars_chart:
        views.show(
            "attention_bars",
            hood.bars_frame(explanation.weights, key_tokens),
            title=tr("hood.bars_title"),
            x_title=tr("hood.axis.key"),
            y_title=tr("hood.axis.weight"),
        )

    head_map = hood.head_map_frame(explanation.model_head_weights, query_tokens, key_tokens)
    st.markdown(tr("hood.head_map_body", query=query_name))
    head_map_chart = show_head_map(
        head_map,
        tr("hood.head_map_title"),
    )
    export.download_buttons(head_map, head_map_chart.chart, f"{kind}_layer{layer}_head{head}", key="hood_head_map")

    st.subheader(tr("hood.step.v.header"))
    st.markdown(tr("hood.step.v.body", difference=difference_text(explanation.step_differences["values"])))
    show_key_matrix(explanation.values, "V", key_labels, head_dims)

    st.subheader(tr("hood.step.sum.header"))
    st.markdown(tr("hood.step.sum.body"))
    st.dataframe(hood.weighted_sum_table(explanation, key_labels, tr("hood.col.weight"), tr("hood.sum_row")))


def check_section(choice: HeadChoice, explanation: HeadExplanation) -> None:
    """The recomputed output next to the model's, and under a what-if what changed."""
    query_tokens, key_tokens = choice.query_tokens, choice.key_tokens

    st.subheader(tr("hood.check.header"))
    st.markdown(tr("hood.check.body"))
    what_if = explanation.is_what_if
    # A what-if changes the numbers a lot, so they read better as decimals than as 1e-7s.
    shown = (lambda value: f"{value:.4f}") if what_if else difference_text
    differences = {
        "output_difference": shown(explanation.output_difference),
        "weights_difference": shown(explanation.weights_difference),
        "tolerance": f"{AGREEMENT_TOLERANCE:.0e}",
    }
    if what_if:
        st.warning(tr("hood.check.what_if", **differences), icon=":material/science:")
    elif explanation.matches_model:
        st.success(tr("hood.check.ok", **differences))
    else:
        st.error(tr("hood.check.bad", **differences))

    if what_if:
        weights_columns = {
            "key_pos": tr("hood.col.position"),
            "key_token": tr("hood.col.key"),
            "model_weight": tr("hood.col.model_weight"),
            "weight": tr("hood.col.what_if_weight"),
            "change": tr("hood.col.change"),
        }
        formats = dict.fromkeys(("model_weight", "weight", "change"), "%.4f")
        show_table(hood.weights_comparison(explanation, key_tokens), weights_columns, formats)
        model_side, what_if_side = st.columns(2)
        for side, weights, title in (
            (model_side, explanation.model_head_weights, tr("hood.what_if.map_model")),
            (what_if_side, explanation.head_weights, tr("hood.what_if.map_what_if")),
        ):
            with side:
                show_head_map(
                    hood.head_map_frame(weights, query_tokens, key_tokens),
                    title,
                )

    comparison_columns = {
        "dimension": tr("hood.col.dimension"),
        "recomputed": tr("hood.col.what_if_output") if what_if else tr("hood.col.recomputed"),
        "model": tr("hood.col.model"),
        "difference": tr("hood.col.difference"),
    }
    formats = {"recomputed": "%.6f", "model": "%.6f", "difference": "%.4f" if what_if else "%.1e"}
    show_table(hood.output_comparison(explanation), comparison_columns, formats)


def ablation_section(study: state.Study) -> None:
    """Switch heads off (a head mask, never a changed model) and see the translation, the maps
    and the test-split exact match change."""
    checkpoint, translation, sentence, model_key = study.checkpoint, study.translation, study.sentence, study.model_key
    config = checkpoint.model_config
    st.divider()
    st.header(tr("hood.ablation.header"))
    st.markdown(tr("hood.ablation.body"))
    quick_picks = st.container(horizontal=True, gap="small")
    for quick_kind in reversed(AttentionKind):  # cross first: its heads change the translation most
        for quick_layer in range(quick_kind.layer_count(config)):
            quick_picks.button(
                tr("hood.ablation.quick", kind=tr(f"hood.kind_short.{quick_kind}"), layer=quick_layer),
                key=f"hood_quick_{quick_kind}_{quick_layer}",
                on_click=switch_off,
                args=([hood.head_name(quick_kind, quick_layer, head) for head in range(config.n_heads)],),
            )
    quick_picks.button(tr("hood.ablation.clear"), key="hood_quick_clear", on_click=switch_off, args=([],))
    heads_off = st.multiselect(
        tr("hood.ablation.heads"),
        hood.all_head_names(config),
        format_func=head_label,
        key=HEADS_OFF,
        placeholder=tr("hood.ablation.placeholder"),
    )
    heads_off = tuple(sorted(heads_off))
    ablated = hood.ablated_translation(model_key, sentence, heads_off, checkpoint) if heads_off else translation

    before_column, after_column = st.columns(2)
    with before_column:
        st.markdown(f"**{tr('hood.ablation.before')}**")
        st.code(translation_text(translation), language=None)
    with after_column:
        st.markdown(f"**{tr('hood.ablation.after')}**")
        st.code(translation_text(ablated) if heads_off else "—", language=None)
    if not heads_off:
        st.info(tr("hood.ablation.none_off"))
    elif ablated.translation != translation.translation:
        st.warning(tr("hood.ablation.changed"))
    else:
        st.info(tr("hood.ablation.unchanged"))

    keep_choice_in_range(MAP_LAYER, config.n_decoder_layers)
    keep_choice_in_range(MAP_HEAD, config.n_heads)
    map_layer_column, map_head_column = st.columns(2)
    with map_layer_column:
        # The last layer by default: its maps change whichever earlier heads are off.
        map_layer = st.selectbox(
            tr("hood.ablation.map_layer"),
            range(config.n_decoder_layers),
            index=config.n_decoder_layers - 1,
            key=MAP_LAYER,
        )
    with map_head_column:
        map_head = st.selectbox(tr("hood.ablation.map_head"), range(config.n_heads), key=MAP_HEAD)
    if hood.head_name(AttentionKind.CROSS, map_layer, map_head) in heads_off:
        st.caption(tr("hood.ablation.map_note"))
    map_before, map_after = st.columns(2)
    compared = [(map_before, translation, "hood.ablation.before", "before")]
    if heads_off:
        compared.append((map_after, ablated, "hood.ablation.after", "after"))
    for side, shown, title_key, name in compared:
        with side:
            frame = hood.cross_map_frame(shown, map_layer, map_head)
            chart = show_head_map(
                frame,
                tr("hood.ablation.map_title", state=tr(title_key), layer=map_layer, head=map_head),
                query_label="produced_token",
            )
            export.download_buttons(
                frame, chart.chart, f"cross_layer{map_layer}_head{map_head}_{name}", key=f"hood_ablation_{name}"
            )

    st.subheader(tr("hood.ablation.exact_header"))
    test_pairs = hood.test_split(checkpoint.train_config.corpus_seed, checkpoint.corpus_fingerprint)
    if test_pairs is None:
        st.info(tr("hood.ablation.exact_unavailable"))
    else:
        st.markdown(tr("hood.ablation.exact_body", count=len(test_pairs)))
        if not heads_off:
            # Translating the whole test split takes seconds: only measured once heads are off.
            recorded = checkpoint.metrics.get("test_exact_match")
            if isinstance(recorded, (int, float)):
                st.info(tr("hood.ablation.exact_waiting_recorded", recorded=f"{recorded:.1%}"))
            else:
                st.info(tr("hood.ablation.exact_waiting"))
        else:
            with st.spinner(tr("hood.ablation.measuring")):
                exact_before = hood.ablated_exact_match(model_key, (), checkpoint)
                exact_after = hood.ablated_exact_match(model_key, heads_off, checkpoint)
            exact_before_column, exact_after_column = st.columns(2)
            exact_before_column.metric(tr("hood.ablation.before"), f"{exact_before:.1%}")
            exact_after_column.metric(
                tr("hood.ablation.after"),
                f"{exact_after:.1%}",
                delta=f"{100 * (exact_after - exact_before):+.1f} pp",
            )
