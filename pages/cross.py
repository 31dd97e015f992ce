"""Cross-attention: English rows x Korean columns, gold alignment, step-through decoding.

Thin page: widgets and layout. Frames, gold links and head scores come from
ui/cross_views.py (model/alignment.py underneath), charts from ui/charts.py.
"""

import streamlit as st

from ui import cross_views, export, loading, sidebar, views
from ui.state import current_attention_frame, current_checkpoint, current_translation, keep_widget_values, tr

# Widget and state keys of this page.
TAB = "cross_tab"
LAYER = "cross_layer"
HEAD = "cross_head"
SHOW_GOLD = "cross_show_gold"
FOCUS = "cross_focus"
STEP = "cross_step"
GUESS_TOKEN = "cross_guess_token"
GUESS_HEAD = "cross_guess_head"
GUESS = "cross_guess"
REVEALED = "cross_revealed"  # state: the question (sentence, token, layer, head) whose answer is shown

PICKED, BEST = "picked", "best"
PRODUCED = "produced_token"  # rows are labelled with the token each decoder position wrote


def number(value: float) -> str:
    return f"{value:.2f}"


def literal(token) -> str:
    """A token placed into markdown prose, shown as typed (tokens come from the user or an uploaded model)."""
    return sidebar.escape_markdown(str(token))


def quoted_tokens(tokens) -> str:
    return ", ".join(f"'{literal(token)}'" for token in tokens)


def heatmap_titles() -> dict:
    return {
        "x_title": tr("cross.axis.korean"),
        "y_title": tr("cross.axis.produced"),
        "value_title": tr("cross.axis.weight"),
        "query_label": PRODUCED,
    }


def gold_text(gold) -> str:
    if gold.reason == "unknown_words":
        return tr("cross.gold.unknown_words", tokens=", ".join(literal(token) for token in gold.unknown_tokens))
    return tr(f"cross.gold.{gold.reason}")


def partners_of(english_index: int, gold, source_tokens) -> list[str]:
    return [source_tokens[korean] for korean, english in gold.links if english == english_index]


# --- read shared state --------------------------------------------------------------
checkpoint = current_checkpoint()
translation = current_translation()
attention = current_attention_frame()
model_key = loading.checkpoint_key(checkpoint)
config = checkpoint.model_config
source_tokens = translation.source_tokens
english_tokens = translation.output_tokens[:-1]  # without <eos>
sentence_id = (model_key, translation.source)

# --- title and prose ------------------------------------------------------------------
st.title(tr("cross.title"))
st.markdown(tr("cross.intro"))
st.markdown(
    tr("cross.translation", source=literal(translation.source), translation=literal(translation.translation or "∅"))
)

# --- widgets shared by every tab ----------------------------------------------------------
layer_column, head_column = st.columns(2)
with layer_column:
    layer = st.radio(
        tr("cross.layer"),
        list(range(config.n_decoder_layers)),
        horizontal=True,
        key=LAYER,
        help=tr("cross.picker_help"),
    )
with head_column:
    head = st.radio(tr("cross.head"), list(range(config.n_heads)), horizontal=True, key=HEAD)

# --- compute (cached) ----------------------------------------------------------------------
lexicon = cross_views.checkpoint_lexicon(checkpoint)
gold = cross_views.gold_alignment(translation, lexicon)
score_table = cross_views.head_score_table(model_key, checkpoint)
head_scores = score_table.scores if score_table is not None else None
best = head_scores[head_scores["best"]].iloc[0] if head_scores is not None else None
one_head = cross_views.cross_frame(attention, layer, head)
copies = cross_views.copy_cells(translation)

# --- draw ----------------------------------------------------------------------------------


def guess_section() -> None:
    st.markdown(tr("cross.guess.body"))
    if not english_tokens:
        st.info(tr("cross.gold.no_translation"))
        return
    head_options = [PICKED] + ([BEST] if best is not None else [])
    question_column, guess_column = st.columns(2)
    with question_column:
        english_index = st.selectbox(
            tr("cross.guess.token"),
            list(range(len(english_tokens))),
            index=len(english_tokens) - 1,
            format_func=lambda index: f"{index}: {english_tokens[index]}",
            key=GUESS_TOKEN,
        )
        which_head = st.radio(
            tr("cross.guess.which_head"),
            head_options,
            format_func=lambda option: (
                tr("cross.guess.head_picked", layer=layer, head=head)
                if option == PICKED
                else tr("cross.guess.head_best", layer=int(best["layer"]), head=int(best["head"]))
            ),
            key=GUESS_HEAD,
        )
    guess_layer, guess_head = (layer, head) if which_head == PICKED else (int(best["layer"]), int(best["head"]))
    with guess_column:
        guess = st.radio(
            tr("cross.guess.pick"),
            list(range(len(source_tokens))),
            index=None,
            format_func=lambda index: sidebar.escape_label(source_tokens[index]),  # radio options render markdown
            horizontal=True,
            key=GUESS,
        )
    question = (*sentence_id, english_index, guess_layer, guess_head)
    if st.button(tr("cross.guess.reveal"), disabled=guess is None, type="primary"):
        st.session_state[REVEALED] = question
    if guess is None or st.session_state.get(REVEALED) != question:
        st.info(tr("cross.guess.waiting"))
        return
    row = cross_views.cross_frame(attention, guess_layer, guess_head)
    row = row[row["query_pos"] == english_index].reset_index(drop=True)
    answer = row.loc[row["weight"].idxmax()]
    fields = {
        "english": literal(english_tokens[english_index]),
        "answer": literal(answer["key_token"]),
        "weight": number(answer["weight"]),
    }
    if int(answer["key_pos"]) == guess:
        st.success(tr("cross.guess.right", **fields))
    else:
        guess_weight = row.loc[row["key_pos"] == guess, "weight"].iloc[0]
        st.warning(
            tr("cross.guess.wrong", guess=literal(source_tokens[guess]), guess_weight=number(guess_weight), **fields)
        )
    views.show(
        "attention_bars",
        row,
        title=tr("cross.focus.title", token=english_tokens[english_index]),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.axis.weight"),
    )
    st.markdown(tr("cross.guess.why"))
    if not gold.available:
        st.info(gold_text(gold))
        return
    partners = partners_of(english_index, gold, source_tokens)
    if not partners:
        st.info(tr("cross.guess.gold_none", english=fields["english"]))
    elif (int(answer["key_pos"]), english_index) in gold.links:
        st.success(tr("cross.guess.gold_match", english=fields["english"], partners=quoted_tokens(partners)))
    else:
        st.warning(tr("cross.guess.gold_miss", english=fields["english"], partners=quoted_tokens(partners)))


def map_section() -> None:
    show_gold = st.toggle(tr("cross.map.gold_toggle"), key=SHOW_GOLD)
    gold_frame = cross_views.gold_cells(one_head, gold.links) if show_gold and gold.available else None
    heatmap = views.show(
        "attention_heatmap_with_gold",
        one_head,
        gold_frame=gold_frame,
        gold_label=tr("cross.map.gold_legend"),
        copy_frame=copies if not copies.empty else None,
        copy_label=tr("cross.copy.legend"),
        title=tr("cross.map.title", layer=layer, head=head),
        **heatmap_titles(),
    )
    export.download_buttons(one_head, heatmap.chart, f"cross_layer{layer}_head{head}")
    for copy in copies.itertuples():
        st.info(
            tr("cross.copy.explained", row=copy.query_pos, word=literal(copy.key_token), weight=number(copy.weight)),
            icon=":material/content_copy:",
        )
    if english_tokens:
        strongest = one_head[one_head["query_pos"] < len(english_tokens)]
        strongest = strongest.loc[strongest["weight"].idxmax()]
        st.markdown(
            tr(
                "cross.map.how_to_read",
                english=literal(strongest[PRODUCED]),
                korean=literal(strongest["key_token"]),
                weight=number(strongest["weight"]),
            )
        )
    if show_gold:
        if gold.available:
            st.caption(tr("cross.map.gold_shown"))
            sentence_scores = cross_views.sentence_score_frame(translation, gold.links)
            this_head = sentence_scores[(sentence_scores["layer"] == layer) & (sentence_scores["head"] == head)].iloc[0]
            partnered = len({english for _, english in gold.links})
            st.markdown(tr("cross.map.sentence_score", hits=round(this_head["hit_rate"] * partnered), total=partnered))
        else:
            st.info(gold_text(gold))

    st.subheader(tr("cross.focus.header"))
    focus = st.selectbox(
        tr("cross.focus.pick"),
        list(range(len(translation.output_tokens))),
        format_func=lambda index: f"{index}: {translation.output_tokens[index]}",
        key=FOCUS,
    )
    focus_row = one_head[one_head["query_pos"] == focus].reset_index(drop=True)
    focus_chart = views.show(
        "attention_bars",
        focus_row,
        title=tr("cross.focus.title", token=translation.output_tokens[focus]),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.axis.weight"),
    )
    if gold.available and focus < len(english_tokens):
        partners = partners_of(focus, gold, source_tokens)
        st.caption(
            tr("cross.focus.gold", partners=quoted_tokens(partners)) if partners else tr("cross.focus.no_partner")
        )
    export.download_buttons(focus_row, focus_chart.chart, f"cross_layer{layer}_head{head}_row{focus}")

    st.subheader(tr("cross.grid.header"))
    st.markdown(tr("cross.grid.body"))
    cross_rows = views.kind_frame(attention, cross_views.CROSS)
    views.head_grid(cross_rows, cross_views.CROSS)

    st.subheader(tr("cross.lines.header"))
    st.markdown(tr("cross.lines.body"))
    views.lines_view(cross_rows, cross_views.CROSS, layer, head, focus)
    export.translation_json_button(translation, "translation")


def step_view(column, title: str, frame, chart_name: str, stem: str, **options) -> None:
    """One of the three side-by-side views of a decoding step, with its export buttons."""
    with column:
        # Headings above the charts, not chart titles: a one-bar chart is too narrow for a title.
        st.markdown(f"**{title}**")
        prepared = views.show(chart_name, frame, **options)
        export.download_buttons(frame, prepared.chart, stem)


def steps_section() -> None:
    st.markdown(tr("cross.steps.body"))
    step_count = len(translation.output_tokens)
    step = st.select_slider(
        tr("cross.steps.slider"),
        options=list(range(step_count)),
        format_func=lambda index: tr("cross.steps.option", step=index, token=translation.output_tokens[index]),
        key=STEP,
    )
    st.markdown(
        tr(
            "cross.steps.now",
            step=step,
            read=literal(translation.target_tokens[step]),
            token=literal(translation.output_tokens[step]),
        )
    )
    self_column, cross_column, top_column = st.columns(3)
    bars = {"y_title": tr("cross.axis.weight"), "bar_width": 44}
    step_view(
        self_column,
        tr("cross.steps.self_title", step=step),
        cross_views.decoder_row(attention, layer, head, step),
        "attention_bars",
        f"decoder_self_layer{layer}_head{head}_step{step}",
        x_title=tr("cross.steps.earlier"),
        **bars,
    )
    step_view(
        cross_column,
        tr("cross.steps.cross_title", step=step),
        one_head[one_head["query_pos"] == step].reset_index(drop=True),
        "attention_bars",
        f"cross_layer{layer}_head{head}_step{step}",
        x_title=tr("cross.axis.korean"),
        **bars,
    )
    step_view(
        top_column,
        tr("cross.steps.top_title"),
        cross_views.top_tokens(translation, checkpoint.target_vocabulary, step),
        "top_tokens_chart",
        f"next_tokens_step{step}",
        token_title=tr("cross.steps.next_token"),
        probability_title=tr("cross.steps.probability"),
    )
    revealed = cross_views.revealed_cross(translation, layer, head, step)
    show_gold = st.session_state[SHOW_GOLD]  # the map tab's toggle
    revealed_gold = cross_views.gold_cells(revealed, gold.links) if show_gold and gold.available else None
    revealed_copies = copies[copies["query_pos"] <= step]
    revealed_chart = views.show(
        "attention_heatmap_with_gold",
        revealed,
        gold_frame=revealed_gold,
        gold_label=tr("cross.map.gold_legend"),
        copy_frame=revealed_copies if not revealed_copies.empty else None,
        copy_label=tr("cross.copy.legend"),
        title=tr("cross.steps.revealed_title", step=step),
        **heatmap_titles(),
    )
    export.download_buttons(revealed, revealed_chart.chart, f"cross_layer{layer}_head{head}_up_to_step{step}")


def heads_section() -> None:
    if head_scores is None:
        st.info(tr("cross.heads.unavailable"))
    else:
        st.markdown(tr("cross.heads.body", count=score_table.pair_count))
        if not score_table.same_corpus:
            st.caption(tr("cross.heads.other_corpus"))
        st.markdown(
            tr(
                "cross.heads.best",
                layer=int(best["layer"]),
                head=int(best["head"]),
                hit_rate=number(best["hit_rate"]),
                aer=number(best["alignment_error_rate"]),
            )
        )
        st.dataframe(
            cross_views.score_table(head_scores),
            hide_index=True,
            column_config=cross_views.score_columns(),
        )
        st.markdown(tr("cross.heads.definitions"))
    if gold.available:
        st.subheader(tr("cross.heads.sentence_header"))
        st.dataframe(
            cross_views.score_table(cross_views.sentence_score_frame(translation, gold.links)),
            hide_index=True,
            column_config=cross_views.score_columns(),
        )
    else:
        st.info(gold_text(gold))


# The map comes first so the page opens on it; the guessing game is one tab away. Only
# the open tab runs (on_change="rerun"): the others would compute and send their charts
# on every click. Widgets in closed tabs keep their values for when the tab reopens.
st.session_state.setdefault(SHOW_GOLD, True)  # the map tab's toggle, read by the steps tab too
sections = {
    "cross.tab.map": (map_section, [SHOW_GOLD, FOCUS, views.widget_key(cross_views.CROSS, "lines_every_token")]),
    "cross.tab.guess": (guess_section, [GUESS_TOKEN, GUESS_HEAD, GUESS]),
    "cross.tab.steps": (steps_section, [STEP]),
    "cross.tab.heads": (heads_section, []),
}
tabs = st.tabs([tr(label) for label in sections], key=TAB, on_change="rerun")
for tab, (section, widget_keys) in zip(tabs, sections.values(), strict=True):
    if tab.open:
        with tab:
            section()
    else:
        keep_widget_values(widget_keys)
