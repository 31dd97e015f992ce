"""The Cross-attention page's heads tab, second part: alignment as the literature scores it
(issue 13 §2).

Sure and possible gold links, precision, recall and the alignment error rate of Och &
Ney (2003) for every cross-attention head and every layer average on the test split,
in the standard reading or the Shift-Att reading (Chen et al., EMNLP 2020), which one
wins for this model, and Garg et al.'s (EMNLP 2019) layer against this model's best.
Figures from model/heads.py through ui/head_reports.py (cached per model).
"""

import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from ui import head_reports
from ui.state import tr

SHIFT = "cross_aer_shift"  # the Shift-Att toggle's key
TABLE_COLUMNS = ["best", "layer", "head", "precision", "recall", "aer"]


def alignment_table(tables: head_reports.HeadReportTables, reading: str) -> pd.DataFrame:
    """Every cross-attention head and layer average in `reading`, lowest AER first, the best marked.

    `head` is the head's number as text, or the layer-average label, so both kinds of
    row sort in one column.
    """
    prefix = "" if reading == "standard" else "shift_"
    cross = tables.heads[tables.heads["kind"] == AttentionKind.CROSS]
    head_rows = pd.DataFrame(
        {
            "layer": cross["layer"].astype(int),
            "head": cross["head"].astype(str),
            "precision": cross[f"{prefix}precision"],
            "recall": cross[f"{prefix}recall"],
            "aer": cross[f"{prefix}aer"],
        }
    )
    layers = tables.layers[tables.layers["reading"] == reading]
    layer_rows = pd.DataFrame(
        {
            "layer": layers["layer"].astype(int),
            "head": tr("cross.aer.layer_average"),
            "precision": layers["precision"],
            "recall": layers["recall"],
            "aer": layers["aer"],
        }
    )
    table = pd.concat([head_rows, layer_rows], ignore_index=True).sort_values(["aer", "layer"], kind="stable")
    table.insert(0, "best", "")
    table.iloc[0, 0] = tr("cross.heads.best_mark")
    return table[TABLE_COLUMNS].reset_index(drop=True)


def alignment_columns() -> dict:
    return {
        "best": st.column_config.TextColumn(tr("cross.heads.column.best")),
        "layer": st.column_config.NumberColumn(tr("cross.layer"), format="%d"),
        "head": st.column_config.TextColumn(tr("cross.head")),
        "precision": st.column_config.NumberColumn(tr("cross.aer.column.precision"), format="%.3f"),
        "recall": st.column_config.NumberColumn(tr("cross.aer.column.recall"), format="%.3f"),
        "aer": st.column_config.NumberColumn(tr("cross.aer.column.aer"), format="%.3f"),
    }


def lowest_aer(tables: head_reports.HeadReportTables, reading: str) -> float:
    return float(alignment_table(tables, reading)["aer"].min())


def alignment_section(study) -> None:
    """The section, for a ui.state.Study."""
    st.subheader(tr("cross.aer.header"))
    tables = head_reports.head_report_for(study.model_key, study.checkpoint)
    if tables is None:
        st.info(tr("cross.heads.unavailable"))
        return
    if not tables.with_gold:
        st.info(tr("cross.aer.no_gold"))
        return
    st.markdown(tr("cross.aer.body", count=tables.pair_count))
    shift = st.toggle(tr("cross.aer.shift_toggle"), key=SHIFT, help=tr("cross.aer.shift_help"))
    reading = "shift" if shift else "standard"
    st.dataframe(alignment_table(tables, reading), hide_index=True, column_config=alignment_columns())
    st.markdown(
        tr(
            f"cross.aer.winner.{tables.winning_reading}",
            standard=f"{lowest_aer(tables, 'standard'):.3f}",
            shift=f"{lowest_aer(tables, 'shift'):.3f}",
        )
    )
    best = tables.best_layer[reading]
    best_aer = tables.layers[(tables.layers["reading"] == reading) & (tables.layers["layer"] == best)]["aer"]
    garg = "same" if best == tables.garg_layer else "differs"
    st.markdown(tr(f"cross.aer.garg.{garg}", garg=tables.garg_layer, best=best, aer=f"{float(best_aer.iloc[0]):.3f}"))
