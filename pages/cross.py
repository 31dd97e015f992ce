"""Cross-attention: English rows x Korean columns, gold alignment, step-through decoding.

The page reads top to bottom; each tab's section is drawn by ui/cross_sections.py.
"""

import streamlit as st

from ui import cross_sections, state, view_link
from ui.state import tr

# --- read shared state (a link to a view may set it) ------------------------------------------
view_link.follow_shared()
study = state.study()

# --- title and prose ----------------------------------------------------------------------------
st.title(tr("cross.title"))
st.markdown(tr("cross.intro"))
st.markdown(
    tr(
        "cross.translation",
        source=cross_sections.literal(study.translation.source),
        translation=cross_sections.literal(study.translation.translation or "∅"),
    )
)

# --- widgets shared by every tab (a link sets them first) ---------------------------------------
cross_sections.follow_link(study)
link_box = st.container()  # the "copy link" control, filled once the whole view is known
layer, head = cross_sections.pick_layer_and_head(study.checkpoint.model_config)

# --- compute (cached) ------------------------------------------------------------------------------
maps = cross_sections.CrossMaps.of(study, layer, head)

# --- draw: the map, guessing, step-through, heads, is attention an explanation?, compare ------------
open_tab = cross_sections.tabs(maps)
cross_sections.keep_in_url(maps, open_tab, link_box)
