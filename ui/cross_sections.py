"""The sections of the Cross-attention page: the map, the guessing game, step-through decoding
and the head scores; one function per tab, each drawing from one `CrossMaps`. The tabs of
issue 13 live in their own modules (explanation_sections, compare_sections; the heads
tab ends with alignment_sections and head_roles_sections, the map with word_order_sections).

Frames, gold links and head scores come from ui/cross_views.py (model/alignment.py
underneath), charts from ui/charts.py through ui/views.py.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model import alignment
from ui import (
    alignment_sections,
    compare_sections,
    cross_views,
    explanation_sections,
    export,
    head_roles_sections,
    links,
    sidebar,
    state,
    view_link,
    views,
    word_order_sections,
)
from ui.state import tr

# Widget and state keys of the page.
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


@dataclass(frozen=True)
class CrossMaps:
    """The sentence under study, the picked head and what every tab draws from them."""

    study: state.Study
    layer: int
    head: int
    gold: alignment.GoldAlignment  # gold links of the translation (or why there are none)
    score_table: cross_views.HeadScoreTable | None  # every head scored on the test split
    one_head: pd.DataFrame  # the cross rows of the picked head (ui/frames.py format)
    copies: pd.DataFrame  # the cells attention chose for copied words (cross_views.copy_cells)

    @classmethod
    def of(cls, study: state.Study, layer: int, head: int) -> "CrossMaps":
        """Computed (and cached where it costs) for the study and the picked head."""
        gold = cross_views.gold_alignment(study.translation, cross_views.checkpoint_lexicon(study.checkpoint))
        score_table = cross_views.head_score_table(study.model_key, study.checkpoint)
        one_head = cross_views.cross_frame(study.attention, layer, head)
        return cls(study, layer, head, gold, score_table, one_head, cross_views.copy_cells(study.translation))

    @property
    def english_tokens(self) -> list[str]:
        return self.study.translation.output_tokens[:-1]  # without <eos>

    @property
    def sentence_id(self) -> tuple[str, str]:
        return (self.study.model_key, self.study.translation.source)

    @property
    def head_scores(self) -> pd.DataFrame | None:
        return self.score_table.scores if self.score_table is not None else None

    @property
    def best(self) -> pd.Series | None:
        """The best-scoring head's row of `head_scores`, or None without scores."""
        scores = self.head_scores
        return scores[scores["best"]].iloc[0] if scores is not None else None


def pick_layer_and_head(config) -> tuple[int, int]:
    """The layer and head radios every tab shares."""
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
    return layer, head


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


def guess_section(c: CrossMaps) -> None:
    st.markdown(tr("cross.guess.body"))
    if not c.english_tokens:
        st.info(tr("cross.gold.no_translation"))
        return
    head_options = [PICKED] + ([BEST] if c.best is not None else [])
    question_column, guess_column = st.columns(2)
    with question_column:
        english_index = st.selectbox(
            tr("cross.guess.token"),
            list(range(len(c.english_tokens))),
            index=len(c.english_tokens) - 1,
            format_func=lambda index: f"{index}: {c.english_tokens[index]}",
            key=GUESS_TOKEN,
        )
        which_head = st.radio(
            tr("cross.guess.which_head"),
            head_options,
            format_func=lambda option: (
                tr("cross.guess.head_picked", layer=c.layer, head=c.head)
                if option == PICKED
                else tr("cross.guess.head_best", layer=int(c.best["layer"]), head=int(c.best["head"]))
            ),
            key=GUESS_HEAD,
        )
    guess_layer, guess_head = (c.layer, c.head) if which_head == PICKED else (int(c.best["layer"]), int(c.best["head"]))
    with guess_column:
        guess = st.radio(
            tr("cross.guess.pick"),
            list(range(len(c.study.translation.source_tokens))),
            index=None,
            format_func=lambda index: sidebar.escape_label(
                c.study.translation.source_tokens[index]
            ),  # radio options render markdown
            horizontal=True,
            key=GUESS,
        )
    question = (*c.sentence_id, english_index, guess_layer, guess_head)
    if st.button(tr("cross.guess.reveal"), disabled=guess is None, type="primary"):
        st.session_state[REVEALED] = question
    if guess is None or st.session_state.get(REVEALED) != question:
        st.info(tr("cross.guess.waiting"))
        return
    row = cross_views.cross_frame(c.study.attention, guess_layer, guess_head)
    row = row[row["query_pos"] == english_index].reset_index(drop=True)
    answer = row.loc[row["weight"].idxmax()]
    fields = {
        "english": literal(c.english_tokens[english_index]),
        "answer": literal(answer["key_token"]),
        "weight": number(answer["weight"]),
    }
    if int(answer["key_pos"]) == guess:
        st.success(tr("cross.guess.right", **fields))
    else:
        guess_weight = row.loc[row["key_pos"] == guess, "weight"].iloc[0]
        st.warning(
            tr(
                "cross.guess.wrong",
                guess=literal(c.study.translation.source_tokens[guess]),
                guess_weight=number(guess_weight),
                **fields,
            )
        )
    views.show(
        "attention_bars",
        row,
        title=tr("cross.focus.title", token=c.english_tokens[english_index]),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.axis.weight"),
    )
    st.markdown(tr("cross.guess.why"))
    if not c.gold.available:
        st.info(gold_text(c.gold))
        return
    partners = partners_of(english_index, c.gold, c.study.translation.source_tokens)
    if not partners:
        st.info(tr("cross.guess.gold_none", english=fields["english"]))
    elif (int(answer["key_pos"]), english_index) in c.gold.links:
        st.success(tr("cross.guess.gold_match", english=fields["english"], partners=quoted_tokens(partners)))
    else:
        st.warning(tr("cross.guess.gold_miss", english=fields["english"], partners=quoted_tokens(partners)))


def map_section(c: CrossMaps) -> None:
    show_gold = st.toggle(tr("cross.map.gold_toggle"), key=SHOW_GOLD)
    gold_frame = cross_views.gold_cells(c.one_head, c.gold.links) if show_gold and c.gold.available else None
    heatmap = views.show(
        "attention_heatmap_with_gold",
        c.one_head,
        gold_frame=gold_frame,
        gold_label=tr("cross.map.gold_legend"),
        copy_frame=c.copies if not c.copies.empty else None,
        copy_label=tr("cross.copy.legend"),
        title=tr("cross.map.title", layer=c.layer, head=c.head),
        **heatmap_titles(),
    )
    export.download_buttons(c.one_head, heatmap.chart, f"cross_layer{c.layer}_head{c.head}")
    for copy in c.copies.itertuples():
        st.info(
            tr("cross.copy.explained", row=copy.query_pos, word=literal(copy.key_token), weight=number(copy.weight)),
            icon=":material/content_copy:",
        )
    if c.english_tokens:
        strongest = c.one_head[c.one_head["query_pos"] < len(c.english_tokens)]
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
        if c.gold.available:
            st.caption(tr("cross.map.gold_shown"))
            sentence_scores = cross_views.sentence_score_frame(c.study.translation, c.gold.links)
            this_head = sentence_scores[
                (sentence_scores["layer"] == c.layer) & (sentence_scores["head"] == c.head)
            ].iloc[0]
            partnered = len({english for _, english in c.gold.links})
            st.markdown(tr("cross.map.sentence_score", hits=round(this_head["hit_rate"] * partnered), total=partnered))
        else:
            st.info(gold_text(c.gold))

    st.subheader(tr("cross.focus.header"))
    focus = st.selectbox(
        tr("cross.focus.pick"),
        list(range(len(c.study.translation.output_tokens))),
        format_func=lambda index: f"{index}: {c.study.translation.output_tokens[index]}",
        key=FOCUS,
    )
    focus_row = c.one_head[c.one_head["query_pos"] == focus].reset_index(drop=True)
    focus_chart = views.show(
        "attention_bars",
        focus_row,
        title=tr("cross.focus.title", token=c.study.translation.output_tokens[focus]),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.axis.weight"),
    )
    if c.gold.available and focus < len(c.english_tokens):
        partners = partners_of(focus, c.gold, c.study.translation.source_tokens)
        st.caption(
            tr("cross.focus.gold", partners=quoted_tokens(partners)) if partners else tr("cross.focus.no_partner")
        )
    export.download_buttons(focus_row, focus_chart.chart, f"cross_layer{c.layer}_head{c.head}_row{focus}")

    st.subheader(tr("cross.grid.header"))
    st.markdown(tr("cross.grid.body"))
    cross_rows = views.kind_frame(c.study.attention, cross_views.CROSS)
    views.head_grid(cross_rows, cross_views.CROSS)

    st.subheader(tr("cross.lines.header"))
    st.markdown(tr("cross.lines.body"))
    views.lines_view(cross_rows, cross_views.CROSS, c.layer, c.head, focus)
    word_order_sections.word_order_section(c)
    export.translation_json_button(c.study.translation, "translation")


def step_view(column, title: str, frame, chart_name: str, stem: str, **options) -> None:
    """One of the three side-by-side views of a decoding step, with its export buttons."""
    with column:
        # Headings above the charts, not chart titles: a one-bar chart is too narrow for a title.
        st.markdown(f"**{title}**")
        prepared = views.show(chart_name, frame, **options)
        export.download_buttons(frame, prepared.chart, stem)


def steps_section(c: CrossMaps) -> None:
    st.markdown(tr("cross.steps.body"))
    step_count = len(c.study.translation.output_tokens)
    step = st.select_slider(
        tr("cross.steps.slider"),
        options=list(range(step_count)),
        format_func=lambda index: tr("cross.steps.option", step=index, token=c.study.translation.output_tokens[index]),
        key=STEP,
    )
    st.markdown(
        tr(
            "cross.steps.now",
            step=step,
            read=literal(c.study.translation.target_tokens[step]),
            token=literal(c.study.translation.output_tokens[step]),
        )
    )
    self_column, cross_column, top_column = st.columns(3)
    bars = {"y_title": tr("cross.axis.weight"), "bar_width": 44}
    step_view(
        self_column,
        tr("cross.steps.self_title", step=step),
        cross_views.decoder_row(c.study.attention, c.layer, c.head, step),
        "attention_bars",
        f"decoder_self_layer{c.layer}_head{c.head}_step{step}",
        x_title=tr("cross.steps.earlier"),
        **bars,
    )
    step_view(
        cross_column,
        tr("cross.steps.cross_title", step=step),
        c.one_head[c.one_head["query_pos"] == step].reset_index(drop=True),
        "attention_bars",
        f"cross_layer{c.layer}_head{c.head}_step{step}",
        x_title=tr("cross.axis.korean"),
        **bars,
    )
    step_view(
        top_column,
        tr("cross.steps.top_title"),
        cross_views.top_tokens(c.study.translation, c.study.checkpoint.target_vocabulary, step),
        "top_tokens_chart",
        f"next_tokens_step{step}",
        token_title=tr("cross.steps.next_token"),
        probability_title=tr("cross.steps.probability"),
    )
    revealed = cross_views.revealed_cross(c.study.translation, c.layer, c.head, step)
    show_gold = st.session_state[SHOW_GOLD]  # the map tab's toggle
    revealed_gold = cross_views.gold_cells(revealed, c.gold.links) if show_gold and c.gold.available else None
    revealed_copies = c.copies[c.copies["query_pos"] <= step]
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
    export.download_buttons(revealed, revealed_chart.chart, f"cross_layer{c.layer}_head{c.head}_up_to_step{step}")


def heads_section(c: CrossMaps) -> None:
    if c.head_scores is None:
        st.info(tr("cross.heads.unavailable"))
    else:
        st.markdown(tr("cross.heads.body", count=c.score_table.pair_count))
        if not c.score_table.same_corpus:
            st.caption(tr("cross.heads.other_corpus"))
        st.markdown(
            tr(
                "cross.heads.best",
                layer=int(c.best["layer"]),
                head=int(c.best["head"]),
                hit_rate=number(c.best["hit_rate"]),
                aer=number(c.best["alignment_error_rate"]),
            )
        )
        st.dataframe(
            cross_views.score_table(c.head_scores),
            hide_index=True,
            column_config=cross_views.score_columns(),
        )
        st.markdown(tr("cross.heads.definitions"))
    if c.gold.available:
        st.subheader(tr("cross.heads.sentence_header"))
        st.dataframe(
            cross_views.score_table(cross_views.sentence_score_frame(c.study.translation, c.gold.links)),
            hide_index=True,
            column_config=cross_views.score_columns(),
        )
    else:
        st.info(gold_text(c.gold))
    alignment_sections.alignment_section(c.study)
    head_roles_sections.head_roles_section(c.study)


COMPARE_KEYS = compare_sections.CompareKeys.with_prefix("cross_compare")


def compare_section(c: CrossMaps) -> None:
    """Two sentences or two models through the picked head, rows labelled as the map tab labels them."""
    titles = heatmap_titles()
    labels = compare_sections.MapLabels(
        query_label=titles["query_label"],
        x_title=titles["x_title"],
        y_title=titles["y_title"],
        value_title=titles["value_title"],
        english_rows_only=True,  # the rows that wrote an English word: B − A of the words of A and B
    )
    compare_sections.compare_section(cross_views.CROSS, c.study, c.layer, c.head, COMPARE_KEYS, labels)


# The map comes first so the page opens on it; the guessing game is one tab away.
SECTIONS = {
    "cross.tab.map": (map_section, [SHOW_GOLD, FOCUS, views.widget_key(cross_views.CROSS, "lines_every_token")]),
    "cross.tab.guess": (guess_section, [GUESS_TOKEN, GUESS_HEAD, GUESS]),
    "cross.tab.steps": (steps_section, [STEP]),
    "cross.tab.heads": (heads_section, [alignment_sections.SHIFT]),
    "cross.tab.explain": (
        explanation_sections.explanation_section,
        [explanation_sections.WHICH, explanation_sections.WORD],
    ),
    "cross.tab.compare": (compare_section, COMPARE_KEYS.every_key),
}


def tab_id(label_key: str) -> str:
    """A tab's id in links: "cross.tab.steps" -> "steps"."""
    return label_key.removeprefix("cross.tab.")


def tabs(maps: CrossMaps) -> str | None:
    """The tabs; only the open one runs (on_change="rerun"): the others would compute and
    send their charts on every click. Widgets in closed tabs keep their values for when the
    tab reopens. Returns the open tab's id (`tab_id`)."""
    st.session_state.setdefault(SHOW_GOLD, True)  # the map tab's toggle, read by the steps tab too
    drawn = state.lazy_tabs(SECTIONS, key=TAB)
    opened = None
    for tab, label_key, (section, widget_keys) in zip(drawn, SECTIONS, SECTIONS.values(), strict=True):
        if tab.open:
            opened = tab_id(label_key)
            with tab:
                section(maps)
        else:
            state.keep_widget_values(widget_keys)
    return opened


# --- links to a view (ui/view_link.py) -------------------------------------------------------------
# The view's fields and the keys of the widgets that show them.
LINKED_WIDGETS = {"layer": LAYER, "head": HEAD, "token": FOCUS, "step": STEP, "tab": TAB}


def follow_link(study: state.Study) -> None:
    """Show the layer, head, token, step and tab a link to this page names; call before the widgets."""
    config, steps = study.checkpoint.model_config, len(study.translation.output_tokens)
    sizes = links.ViewSizes(
        layers=config.n_decoder_layers,
        heads=config.n_heads,
        tokens=steps,
        steps=steps,
        tabs=tuple(tab_id(label_key) for label_key in SECTIONS),
    )
    view_link.follow_page(sizes, LINKED_WIDGETS, tab_label=lambda tab: tr(f"cross.tab.{tab}"))


def keep_in_url(maps: CrossMaps, open_tab: str | None, box) -> None:
    """The view on screen into the URL, and its link to copy in `box`. The focused token and the
    step keep the values their widgets last had, also while their tab is closed."""
    steps = len(maps.study.translation.output_tokens)

    def kept(key: str) -> int:
        value = st.session_state.get(key, 0)
        return value if isinstance(value, int) and 0 <= value < steps else 0

    view = view_link.session_view(
        maps.layer, maps.head, kept(FOCUS), kept(STEP), open_tab or tab_id(next(iter(SECTIONS)))
    )
    view_link.keep_in_url(view, box)
