"""The Cross-attention page's "Is attention an explanation?" tab (issue 13 §1).

For the English word the learner picks, four answers to "which Korean tokens
mattered?" (model/explain.py: attention, ‖α·v‖, rollout, leave-one-out) as bars on
the same axes, then how far every pair of methods agrees (Spearman's rho and the
top token) and what that says, after Jain & Wallace (2019) and Wiegreffe & Pinter (2019).

The computation is cached per model, sentence, layer and head (ui/loading.py); it
runs only while this tab is open.
"""

import math

import pandas as pd
import streamlit as st

from model.explain import METHOD_PAIRS, METHODS
from ui import loading, views
from ui.state import tr

# Widget keys of the tab.
WHICH = "cross_explain_which"
WORD = "cross_explain_word"

PICKED_HEAD, LAYER_AVERAGE = "picked_head", "layer_average"
# Mean rank correlation of attention and leave-one-out from which the reading says "agree well" / "in part".
AGREE_WELL, AGREE_IN_PART = 0.6, 0.3
FAITHFULNESS_PAIR = ("attention", "leave_one_out")


def method_labels() -> dict[str, str]:
    return {method: tr(f"cross.explain.method.{method}") for method in METHODS}


def pair_label(pair: tuple[str, str], labels: dict[str, str]) -> str:
    return f"{labels[pair[0]]} ~ {labels[pair[1]]}"


def agreement_table(agreement: pd.DataFrame, english_pos: int, labels: dict[str, str]) -> pd.DataFrame:
    """One row per method pair: mean rho over the sentence's words, rho of the picked word, top-token share."""
    rows = []
    for pair in METHOD_PAIRS:
        of_pair = agreement[(agreement["method_a"] == pair[0]) & (agreement["method_b"] == pair[1])]
        word = of_pair[of_pair["english_pos"] == english_pos]
        rows.append(
            {
                "pair": pair_label(pair, labels),
                "mean": of_pair["spearman"].mean(),  # NaN (undefined words) left out, as model/explain.py does
                "word": float(word["spearman"].iloc[0]),
                "same_top": float(of_pair["same_top"].mean()),
            }
        )
    return pd.DataFrame(rows, columns=["pair", "mean", "word", "same_top"])


def agreement_columns() -> dict:
    return {
        "pair": st.column_config.TextColumn(tr("cross.explain.column.pair")),
        "mean": st.column_config.NumberColumn(tr("cross.explain.column.mean"), format="%.2f"),
        "word": st.column_config.NumberColumn(tr("cross.explain.column.word"), format="%.2f"),
        "same_top": st.column_config.ProgressColumn(
            tr("cross.explain.column.same_top"), min_value=0.0, max_value=1.0, format="percent"
        ),
    }


def reading_key(mean_rho: float) -> str:
    """The text key that reads the attention ~ leave-one-out mean correlation in plain words."""
    if math.isnan(mean_rho):
        return "cross.explain.reading.undefined"
    if mean_rho >= AGREE_WELL:
        return "cross.explain.reading.high"
    if mean_rho >= AGREE_IN_PART:
        return "cross.explain.reading.medium"
    return "cross.explain.reading.low"


def explanation_section(c) -> None:
    """The tab, drawn from a ui.cross_sections.CrossMaps `c`."""
    st.markdown(tr("cross.explain.body"))
    english = c.english_tokens
    if not english:
        st.info(tr("cross.explain.no_words"))
        return
    which_column, word_column = st.columns(2)
    with which_column:
        # Labels made now, in this run's language (a format_func may also be called after the run).
        options = {
            option: tr(f"cross.explain.{option}", layer=c.layer, head=c.head) for option in (PICKED_HEAD, LAYER_AVERAGE)
        }
        which = st.radio(tr("cross.explain.which"), list(options), format_func=options.get, key=WHICH)
    with word_column:
        english_pos = st.selectbox(
            tr("cross.explain.word"),
            list(range(len(english))),
            format_func=lambda index: f"{index}: {english[index]}",
            key=WORD,
        )
    head = c.head if which == PICKED_HEAD else None
    study = c.study
    with st.spinner(tr("cross.explain.computing")):
        importance, agreement = loading.explanation_frames_for(
            study.model_key, study.translation.source, c.layer, head, study.checkpoint
        )
    labels = method_labels()
    views.show(
        "importance_bars",
        importance[importance["english_pos"] == english_pos].reset_index(drop=True),
        method_labels=labels,
        title=tr("cross.explain.chart_title", english=english[english_pos]),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.explain.axis.relative"),
        method_title=tr("cross.explain.axis.method"),
    )
    st.caption(tr("cross.explain.scaled"))

    st.subheader(tr("cross.explain.agreement_header"))
    st.markdown(tr("cross.explain.agreement_body", count=len(english)))
    table = agreement_table(agreement, english_pos, labels)
    st.dataframe(table, hide_index=True, column_config=agreement_columns())
    faithfulness = table.loc[table["pair"] == pair_label(FAITHFULNESS_PAIR, labels), "mean"].iloc[0]
    st.markdown(tr(reading_key(float(faithfulness)), rho=f"{faithfulness:.2f}"))
    st.markdown(tr("cross.explain.literature"))
