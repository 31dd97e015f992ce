"""The Cross-attention page's "Compare two sentences" tab (issue 13 §5).

Sentence A is the one under study, sentence B an example the learner picks; both
translated by the same model, their maps of the picked head side by side with their
translations, then the difference B − A on a diverging scale (red below 0, blue above,
white at 0: ColorBrewer's RdBu, safe for colour-blind readers) over the positions both
maps have (ui.frames.difference_frame).
"""

import streamlit as st

from ui import cross_views, export, frames, loading, sidebar, views
from ui.state import tr

SENTENCE_B = "cross_compare_b"  # the picked example's key


def compare_section(c) -> None:
    """The tab, drawn from a ui.cross_sections.CrossMaps `c` (sentence A and the picked head)."""
    study = c.study
    st.markdown(tr("cross.compare.body"))
    examples = [sentence for sentence in loading.example_sentences() if sentence != study.translation.source]
    sentence_b = st.selectbox(tr("cross.compare.pick"), examples, key=SENTENCE_B)
    translation_b = loading.translation_for(study.model_key, sentence_b, study.checkpoint)
    map_b = cross_views.cross_frame(
        loading.attention_frame_for(study.model_key, sentence_b, study.checkpoint), c.layer, c.head
    )
    titles = {
        "x_title": tr("cross.axis.korean"),
        "y_title": tr("cross.axis.produced"),
        "value_title": tr("cross.axis.weight"),
        "query_label": "produced_token",
    }
    column_a, column_b = st.columns(2)
    for column, name, translation, rows in (
        (column_a, "A", study.translation, c.one_head),
        (column_b, "B", translation_b, map_b),
    ):
        with column:
            st.markdown(
                tr(
                    "cross.compare.translation",
                    name=name,
                    source=sidebar.escape_markdown(translation.source),
                    translation=sidebar.escape_markdown(translation.translation or "∅"),
                )
            )
            views.show("attention_heatmap", rows, title=tr("cross.compare.map_title", name=name), **titles)

    st.subheader(tr("cross.compare.difference_header"))
    english_a, english_b = len(study.translation.output_tokens) - 1, len(translation_b.output_tokens) - 1
    difference = frames.difference_frame(c.one_head, map_b, english_a, english_b)
    if difference.empty:
        st.info(tr("cross.explain.no_words"))
        return
    same_shape = english_a == english_b and len(study.translation.source_tokens) == len(translation_b.source_tokens)
    st.markdown(tr("cross.compare.difference_body"))
    if not same_shape:
        st.caption(tr("cross.compare.common_part"))
    prepared = views.show(
        "matrix_heatmap",
        difference,
        title=tr("cross.compare.difference_title", layer=c.layer, head=c.head),
        x_title=tr("cross.axis.korean"),
        y_title=tr("cross.axis.produced"),
    )
    export.download_buttons(difference, prepared.chart, f"cross_layer{c.layer}_head{c.head}_difference")
