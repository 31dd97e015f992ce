"""Under the hood: one head of the real model, recomputed step by step; what-ifs; head ablation.

The page reads top to bottom; ui/hood_sections.py draws each section (the math is
model/inspect.py and model/decoding.py, cached and tabulated by ui/hood.py).
"""

import streamlit as st

from ui import hood_sections, state
from ui.state import tr

# --- read shared state ------------------------------------------------------------------------
study = state.study()

# --- title and prose ----------------------------------------------------------------------------
st.title(tr("hood.title"))
st.markdown(tr("hood.intro"))

# --- widgets: which head, which query, which what-ifs ---------------------------------------------
choice = hood_sections.pick_head(study)

# --- compute (cached) ------------------------------------------------------------------------------
explanation = hood_sections.explanation_of(study, choice)

# --- draw: every step, then the check against the model --------------------------------------------
hood_sections.steps_section(choice, explanation)
hood_sections.check_section(choice, explanation)

# --- head ablation ----------------------------------------------------------------------------------
st.divider()
hood_sections.ablation_section(study)
