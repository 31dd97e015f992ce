"""Home: what Attention Lab is, the path through the pages, and the loaded model's card."""

import streamlit as st

from ui import sidebar, state
from ui.state import tr

checkpoint = state.current_checkpoint()
translation = state.current_translation()

st.title(tr("home.title"))
st.markdown(tr("home.intro"))
st.caption(tr("home.offline"))

st.subheader(tr("home.try_header"))
st.markdown(
    f"**{sidebar.escape_markdown(translation.source)}** → **{sidebar.escape_markdown(translation.translation)}**"
)
st.caption(tr("home.try_caption"))

st.subheader(tr("home.path_header"))
for page in sidebar.PAGES[1:]:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.page_link(page.path, label=tr(page.title_key), icon=page.icon, width=260)
        st.markdown(tr(f"home.path_{page.title_key.removeprefix('nav.')}"))

st.subheader(tr("home.model_header"))
st.caption(tr("home.model_source", source=sidebar.model_source_label(state.current_model_source())))
config, metrics = checkpoint.model_config, checkpoint.metrics
exact_match = metrics.get("test_exact_match")
with st.container(horizontal=True):
    st.metric(tr("home.card_parameters"), f"{checkpoint.parameter_count():,}", border=True)
    st.metric(tr("home.card_layers"), f"{config.n_encoder_layers} / {config.n_decoder_layers}", border=True)
    st.metric(tr("home.card_heads"), config.n_heads, border=True)
    st.metric(tr("home.card_d_model"), config.d_model, border=True)
with st.container(horizontal=True):
    st.metric(
        tr("home.card_vocabularies"),
        f"{len(checkpoint.source_vocabulary)} / {len(checkpoint.target_vocabulary)}",
        border=True,
    )
    st.metric(
        tr("home.card_exact_match"),
        "–" if exact_match is None else f"{exact_match:.1%}",
        help=tr("home.card_exact_match_help"),
        border=True,
    )
    st.metric(
        tr("home.card_training"),
        f"{metrics.get('steps', '–')} / {metrics.get('seconds', 0):.0f}",
        border=True,
    )
    st.metric(tr("home.card_created"), str(checkpoint.created_at), border=True)
