"""The encoder and decoder self-attention pages: one page, drawn for either kind.

Every layer x head at once, one head large, one token's row in every head as bars and as
lines (ui/views.py draws each section); the decoder's page adds its reading rule and the
causal mask step by step. Texts come from the page's own section of ui/texts.py
(`encoder.*` or `decoder.*`).
"""

import streamlit as st

from model.attention import AttentionKind
from ui import compare_sections, export, links, sidebar, state, view_link, views
from ui.state import tr

# The section of ui/texts.py each kind's page takes its texts from.
TEXT_SECTIONS = {AttentionKind.ENCODER_SELF: "encoder", AttentionKind.DECODER_SELF: "decoder"}


def attention_page(kind: AttentionKind) -> None:
    """The whole page of `kind` (encoder or decoder self-attention) for the sentence under study."""
    view_link.follow_shared()
    study = state.study()
    attention = views.kind_frame(study.attention, kind)
    section = TEXT_SECTIONS[kind]

    st.title(tr(f"{section}.title"))
    follow_link(kind, study, attention)
    if kind.causal:
        decoder_intro(study.translation)
    else:
        encoder_intro(study.translation)
    st.info(tr(f"{section}.look_for"), icon=":material/lightbulb:")

    st.subheader(tr(f"{section}.grid_header"))
    st.caption(tr("encoder.grid_body"))
    views.head_grid(attention, kind)

    one_head_views(kind, study, attention)

    st.subheader(tr(f"{section}.download_header"))
    st.caption(tr("encoder.download_body"))
    export.translation_json_button(study.translation, "attention_maps")


def encoder_intro(translation) -> None:
    st.markdown(tr("encoder.intro"))
    st.caption(
        tr(
            "encoder.sentence",
            sentence=sidebar.escape_markdown(translation.source),
            translation=sidebar.escape_markdown(translation.translation),
        )
    )


def decoder_intro(translation) -> None:
    """What the decoder reads, and how its rows read: "read → produced" on an example row."""
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


def default_query(kind: AttentionKind, study: state.Study) -> int:
    """The focused token before the learner picks one: the decoder starts at the step that
    produced the last word (the earlier ones mostly look at <bos>), the encoder at the first."""
    return len(study.translation.target_tokens) - 2 if kind.causal else 0


def follow_link(kind: AttentionKind, study: state.Study, attention) -> None:
    """Show the layer, head and token a link to this page names (ui/view_link.py)."""
    sizes = links.ViewSizes(
        layers=attention["layer"].nunique(),
        heads=attention["head"].nunique(),
        tokens=attention["query_pos"].nunique(),
        default_token=default_query(kind, study),
    )
    keys = {name: views.widget_key(kind, widget) for name, widget in VIEW_WIDGETS.items()}
    view_link.follow_page(sizes, keys)


# The view's fields and the names of the widgets that show them (views.widget_key).
VIEW_WIDGETS = {"layer": "layer", "head": "head", "token": "focus"}


# Not an st.fragment, though it would rerun only these sections: on a server starved by a class,
# Streamlit 1.67 dropped a fragment's rerun request that came in while the session's previous run
# was ending (benchmarks/classroom.py: 7 of 12 learners picked a head and the page never
# changed). A click's full rerun cancels a run in progress and is never dropped; the page's
# charts are cached, so it costs a few hundredths of a second more.
def one_head_views(kind: AttentionKind, study: state.Study, attention) -> None:
    section = TEXT_SECTIONS[kind]
    st.subheader(tr(f"{section}.head_header"))
    link_box = st.container()  # filled at the end, when the whole view is known
    layer, head = views.pick_layer_head(attention, kind)
    views.large_head(attention, kind, layer, head)

    if kind.causal:
        st.subheader(tr("decoder.mask_header"))
        st.markdown(tr("decoder.mask_why"))
        scores = views.decoder_scores_for(study.model_key, study.sentence, study.checkpoint)
        views.mask_stages(views.one_head(scores, layer, head), layer, head)

    st.subheader(tr(f"{section}.focus_header"))
    query_pos = views.pick_query(attention, kind, default_index=default_query(kind, study))
    st.caption(tr(f"{section}.focus_body"))
    views.focused_row_bars(attention, kind, query_pos)

    st.markdown(f"**{tr(f'{section}.lines_header')}**")
    st.caption(tr(f"{section}.lines_body"))
    views.lines_view(attention, kind, layer, head, query_pos)

    st.subheader(tr("compare.header"))
    compare_view(kind, study, layer, head)
    view_link.keep_in_url(view_link.session_view(layer, head, query_pos), link_box)


def compare_keys(kind: AttentionKind) -> compare_sections.CompareKeys:
    return compare_sections.CompareKeys.with_prefix(views.widget_key(kind, "compare"))


def compare_view(kind: AttentionKind, study: state.Study, layer: int, head: int) -> None:
    """The picked head beside another sentence's or another model's (ui/compare_sections.py), behind
    a toggle: off, the page computes and sends nothing for it (a toggle, not an expander: it stays
    as it was when the language changes its label)."""
    keys = compare_keys(kind)
    if not st.toggle(tr("compare.open"), key=views.widget_key(kind, "compare_open")):
        state.keep_widget_values(keys.every_key)  # for when it is switched on again
        return
    labels = compare_sections.MapLabels(query_label="row_label", **views.axis_titles(kind))
    with st.container(border=True):
        compare_sections.compare_section(kind, study, layer, head, keys, labels)
