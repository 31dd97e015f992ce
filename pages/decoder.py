"""Decoder masked self-attention over the model's own translation: the same views as
the encoder page, plus the causal mask step by step (scores, −∞, softmax zeros)."""

import streamlit as st

from model.attention import AttentionKind
from ui import export, loading, sidebar, state, views
from ui.state import tr

KIND = AttentionKind.DECODER_SELF

checkpoint = state.current_checkpoint()
translation = state.current_translation()
attention = views.kind_frame(state.current_attention_frame(), KIND)

st.title(tr("decoder.title"))
st.markdown(tr("decoder.intro", tokens=sidebar.escape_markdown(" ".join(translation.target_tokens))))
# The example row: the first step that produced a word, else <bos> → <eos>.
example = min(1, len(translation.target_tokens) - 1)
read, produced = translation.target_tokens[example], translation.output_tokens[example]
st.markdown(
    tr(
        "decoder.rows",
        example=sidebar.escape_markdown(f"{read}{views.ARROW}{produced}"),
        read=sidebar.escape_markdown(read),
        produced=sidebar.escape_markdown(produced),
    )
)
st.info(tr("decoder.look_for"), icon=":material/lightbulb:")

st.subheader(tr("decoder.grid_header"))
st.caption(tr("encoder.grid_body"))
views.head_grid(attention, KIND)


# A fragment: picking a layer, head or step reruns these sections only, not the page.
@st.fragment
def one_head_views() -> None:
    st.subheader(tr("decoder.head_header"))
    layer, head = views.pick_layer_head(attention, KIND)
    views.large_head(attention, KIND, layer, head)

    st.subheader(tr("decoder.mask_header"))
    st.markdown(tr("decoder.mask_why"))
    scores = views.decoder_scores_for(loading.checkpoint_key(checkpoint), state.current_sentence(), checkpoint)
    views.mask_stages(views.one_head(scores, layer, head), layer, head)

    st.subheader(tr("decoder.focus_header"))
    # Start at the step that produced the last word: the earlier ones mostly look at <bos>.
    query_pos = views.pick_query(attention, KIND, default_index=len(translation.target_tokens) - 2)
    st.caption(tr("decoder.focus_body"))
    views.focused_row_bars(attention, KIND, query_pos)

    st.markdown(f"**{tr('decoder.lines_header')}**")
    st.caption(tr("decoder.lines_body"))
    views.lines_view(attention, KIND, layer, head, query_pos)


one_head_views()

st.subheader(tr("decoder.download_header"))
st.caption(tr("encoder.download_body"))
export.translation_json_button(translation, "attention_maps")
