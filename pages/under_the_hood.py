"""Under the hood: one head of the real model, recomputed step by step; what-ifs; head ablation.

The page reads top to bottom; ui/hood_sections.py draws each section (the math is
model/inspect.py and model/decoding.py, cached and tabulated by ui/hood.py).
"""

import streamlit as st

from ui import hood_sections, state, view_link
from ui.state import tr

# --- read shared state (a link to a view may set it) ------------------------------------------
view_link.follow_shared()
study = state.study()

# --- title and prose ----------------------------------------------------------------------------
st.title(tr("hood.title"))
st.markdown(tr("hood.intro"))

# --- widgets: which head, which query, which what-ifs (a link sets them first) ---------------------
hood_sections.follow_link(study)
link_box = st.container()  # the "copy link" control, filled once the whole view is known
choice = hood_sections.pick_head(study)
hood_sections.keep_in_url(choice, link_box)

# --- compute (cached) ------------------------------------------------------------------------------
explanation = hood_sections.explanation_of(study, choice)

# --- draw: every step, then the check against the model --------------------------------------------
hood_sections.steps_section(choice, explanation)
hood_sections.check_section(choice, explanation)

# --- head ablation ----------------------------------------------------------------------------------
st.divider()
hood_sections.ablation_section(study)
