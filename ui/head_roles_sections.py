"""The Cross-attention page's heads tab, third part: what each head does (issue 13 §3).

Every head of every kind with its confidence (Voita et al., ACL 2019) and, where one
pattern holds for more than half of its weight, a short description of it (model/heads.py,
cached per model in ui/head_reports.py); then, on a button press, heads pruned one at a
time, least important first, with the test exact match after each (Michel et al. 2019),
and how many heads the model needs.
"""

import pandas as pd
import streamlit as st

from model import heads
from ui import head_reports, views
from ui.state import tr

PRUNE = "cross_prune"  # the button's key
PRUNED = "cross_pruned_model"  # state: the model key whose pruning curve this session asked for


def roles_table(tables: head_reports.HeadReportTables) -> pd.DataFrame:
    """One row per head: kind (in words), layer, head, confidence, pattern (in words, "" when none)."""
    frame = tables.heads
    return pd.DataFrame(
        {
            "kind": [tr(f"hood.kind.{kind}") for kind in frame["kind"]],
            "layer": frame["layer"].astype(int),
            "head": frame["head"].astype(int),
            "confidence": frame["confidence"],
            "pattern": [tr(f"cross.roles.pattern.{pattern}") if pattern else "" for pattern in frame["pattern"]],
        }
    )


def roles_columns() -> dict:
    return {
        "kind": st.column_config.TextColumn(tr("cross.roles.column.kind")),
        "layer": st.column_config.NumberColumn(tr("cross.layer"), format="%d"),
        "head": st.column_config.NumberColumn(tr("cross.head"), format="%d"),
        "confidence": st.column_config.ProgressColumn(
            tr("cross.roles.column.confidence"), min_value=0.0, max_value=1.0, format="%.3f"
        ),
        "pattern": st.column_config.TextColumn(tr("cross.roles.column.pattern"), width="large"),
    }


def head_roles_section(study) -> None:
    """Confidence and pattern of every head, then the pruning curve on demand, for a ui.state.Study."""
    st.subheader(tr("cross.roles.header"))
    tables = head_reports.head_report_for(study.model_key, study.checkpoint)
    if tables is None:
        st.info(tr("cross.heads.unavailable"))
        return
    st.markdown(tr("cross.roles.body", count=tables.pair_count, threshold=f"{heads.PATTERN_THRESHOLD:.0%}"))
    if not tables.with_gold:
        st.caption(tr("cross.roles.no_gold"))
    table = roles_table(tables)
    # Tall enough for every head (35 px a row and the header), so the whole model reads at once.
    st.dataframe(table, hide_index=True, column_config=roles_columns(), height=(len(table) + 1) * 35 + 3)
    described = int((table["pattern"] != "").sum())
    st.markdown(tr("cross.roles.described", described=described, total=len(table)))

    st.subheader(tr("cross.prune.header"))
    st.markdown(tr("cross.prune.body"))
    if st.button(tr("cross.prune.button"), key=PRUNE):
        st.session_state[PRUNED] = study.model_key
    if st.session_state.get(PRUNED) != study.model_key:
        return
    with st.spinner(tr("cross.prune.computing")):
        pruning = head_reports.pruning_for(study.model_key, study.checkpoint)
    if pruning is None:
        st.info(tr("cross.heads.unavailable"))
        return
    views.draw(
        views.chart(
            "line_chart",
            pruning.curve,
            x="heads_pruned",
            y_columns=["exact_match"],
            series_labels={"exact_match": tr("cross.prune.exact_match")},
            x_title=tr("cross.prune.axis.pruned"),
            y_title=tr("cross.prune.exact_match"),
            marker_x=pruning.pruned_safely,
        ),
        "stretch",
    )
    st.markdown(
        tr(
            "cross.prune.needed",
            needed=pruning.heads_needed,
            total=pruning.head_count,
            full=f"{pruning.full_exact_match:.1%}",
            tolerance=f"{heads.NEEDED_TOLERANCE:.0%}",
            pruned=pruning.pruned_safely,
        )
    )
    st.caption(tr("cross.prune.measured", count=pruning.pair_count, seconds=f"{pruning.seconds:.0f}"))
