"""Home: what Attention Lab is, the path through the pages, and the loaded model's card."""

from datetime import UTC, datetime

import streamlit as st

from ui import loading, sidebar, state, texts
from ui.state import tr


def readable_time(iso_time: str) -> str:
    """2026-11-27T18:30:42+00:00 -> 2026-11-27 18:30 UTC (as given when it is not ISO 8601)."""
    try:
        moment = datetime.fromisoformat(iso_time)
    except (TypeError, ValueError):
        return str(iso_time)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


study = state.study()
checkpoint, translation = study.checkpoint, study.translation

st.title(tr("home.title"))
st.markdown(tr("home.intro"))
st.markdown(tr("home.credit", **texts.SEED_POST))
st.caption(tr("home.offline"))

st.subheader(tr("home.try_header"))
st.markdown(
    f"**{sidebar.escape_markdown(translation.source)}** → **{sidebar.escape_markdown(translation.translation)}**"
)
st.caption(tr("home.try_caption"))

st.subheader(tr("home.path_header"))
steps = list(enumerate(sidebar.PAGES[1:], start=1))
for row_start in range(0, len(steps), 3):
    for column, (number, page) in zip(st.columns(3), steps[row_start : row_start + 3], strict=False):
        with column.container(border=True, height="stretch"):
            st.page_link(page.path, label=f"{number}. {tr(page.title_key)}", icon=page.icon)
            st.caption(tr(f"home.path_{page.title_key.removeprefix('nav.')}"))

st.subheader(tr("home.model_header"))
st.caption(tr("home.model_source", source=sidebar.model_source_label(state.current_model_source())))
config, metrics = checkpoint.model_config, checkpoint.metrics
exact_match = metrics.get("test_exact_match")
with st.container(horizontal=True):
    st.metric(tr("home.card_parameters"), f"{loading.parameter_count(checkpoint):,}", border=True)
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
st.caption(tr("home.card_created", created=readable_time(checkpoint.created_at)))
