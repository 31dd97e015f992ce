"""Encoder self-attention: every layer x head, one head large, one token's row in every
head as bars and as lines (ui/views.py draws the sections; this page lays them out)."""

import streamlit as st

from model.attention import AttentionKind
from ui import export, sidebar, state, views
from ui.state import tr

KIND = AttentionKind.ENCODER_SELF

translation = state.current_translation()
attention = views.kind_frame(state.current_attention_frame(), KIND)

st.title(tr("encoder.title"))
st.markdown(tr("encoder.intro"))
st.caption(
    tr(
        "encoder.sentence",
        sentence=sidebar.escape_markdown(translation.source),
        translation=sidebar.escape_markdown(translation.translation),
    )
)
st.info(tr("encoder.look_for"), icon=":material/lightbulb:")

st.subheader(tr("encoder.grid_header"))
st.caption(tr("encoder.grid_body"))
views.head_grid(attention, KIND)


# A fragment: picking a layer, head or token reruns these sections only, not the page.
@st.fragment
def one_head_views() -> None:
    st.subheader(tr("encoder.head_header"))
    layer, head = views.pick_layer_head(attention, KIND)
    views.large_head(attention, KIND, layer, head)

    st.subheader(tr("encoder.focus_header"))
    query_pos = views.pick_query(attention, KIND)
    st.caption(tr("encoder.focus_body"))
    views.focused_row_bars(attention, KIND, query_pos)

    st.markdown(f"**{tr('encoder.lines_header')}**")
    st.caption(tr("encoder.lines_body"))
    views.lines_view(attention, KIND, layer, head, query_pos)


one_head_views()

st.subheader(tr("encoder.download_header"))
st.caption(tr("encoder.download_body"))
export.translation_json_button(translation, "attention_maps")
