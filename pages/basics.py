"""Attention basics: the seed post's teaching path (DESIGN §2), every step live.

The page reads top to bottom, a header per step; ui/basics_sections.py draws each
step's widgets, numbers and charts.
"""

import streamlit as st

from model import toy
from ui import basics_sections, texts
from ui.state import tr

# --- read shared state ---------------------------------------------------------------------------
basics_sections.init_state()

st.title(tr("basics.title"))
st.markdown(tr("basics.credit", **texts.SEED_POST))
st.markdown(tr("basics.intro"))

# --- 1. prerequisites -------------------------------------------------------------
st.header(tr("basics.prereq.header"))

st.subheader(tr("basics.matrix_keeps.header"))
st.markdown(tr("basics.matrix_keeps.body"))
basics_sections.weighted_sum()
basics_sections.dot_products()

# --- 2. query and keys ------------------------------------------------------------
st.header(tr("basics.qk.header"))
st.markdown(tr("basics.qk.body"))
guess = basics_sections.query_and_keys()
basics_sections.softmax_and_value(guess)  # 3. value comes with the reveal

# --- 4. matrix form ---------------------------------------------------------------
st.header(tr("basics.matrix.header"))
st.markdown(tr("basics.matrix.body", d_model=toy.D_MODEL, d_k=toy.D_K))
basics_sections.matrix_form()

# --- 5. three kinds of attention --------------------------------------------------
st.header(tr("basics.kinds.header"))
st.markdown(tr("basics.kinds.body"))
basics_sections.three_kinds()

# --- 6. takeaway ------------------------------------------------------------------
st.header(tr("basics.takeaway.header"))
st.success(tr("basics.takeaway.body"))
st.markdown(tr("basics.next.body"))
basics_sections.next_pages()
