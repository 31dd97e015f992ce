"""The Cross-attention page's map tab, last part: word order, seen (issue 13 §4).

Korean is SOV, English SVO: the Korean sentence across the top, the English below,
each in order, one line from every English word to the Korean token the picked head
weights most, and the lines that cross another highlighted (ui.frames.word_order_frame,
ui.charts.word_order_lines).
"""

import streamlit as st

from ui import export, frames, views
from ui.state import tr


def word_order_section(c) -> None:
    """The section, drawn from a ui.cross_sections.CrossMaps `c` (its picked head)."""
    st.subheader(tr("cross.order.header"))
    st.markdown(tr("cross.order.body"))
    if not c.english_tokens:
        st.info(tr("cross.explain.no_words"))
        return
    links = frames.word_order_frame(c.one_head, len(c.english_tokens))
    prepared = views.show(
        "word_order_lines",
        links,
        title=tr("cross.order.title", layer=c.layer, head=c.head),
        top_title=tr("cross.order.korean"),
        bottom_title=tr("cross.order.english"),
        value_title=tr("cross.axis.weight"),
        crossing_label=tr("cross.order.crossing"),
        straight_label=tr("cross.order.straight"),
    )
    crossing = int(links.loc[links["link"], "crosses"].sum())
    st.markdown(tr("cross.order.count", crossing=crossing, total=len(c.english_tokens)))
    export.download_buttons(links[links["link"]], prepared.chart, f"cross_layer{c.layer}_head{c.head}_word_order")
