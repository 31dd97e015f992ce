"""Attention basics: the seed post's teaching path (DESIGN §2), every step live.

The page reads top to bottom: the credit and the introduction, then the post's steps, a
tab each (only the open one runs); ui/basics_sections.py draws each step's widgets,
numbers and charts.
"""

import streamlit as st

from model import toy
from ui import basics_sections, texts
from ui.state import tr


def prerequisites() -> None:
    st.subheader(tr("basics.matrix_keeps.header"))
    st.markdown(tr("basics.matrix_keeps.body"))
    basics_sections.weighted_sum()
    basics_sections.dot_products()


def query_and_key() -> None:
    st.markdown(tr("basics.qk.body"))
    guess = basics_sections.query_and_keys()
    basics_sections.softmax_and_value(guess)  # 3. value comes with the reveal


def matrix_form() -> None:
    st.markdown(tr("basics.matrix.body", d_model=toy.D_MODEL, d_k=toy.D_K))
    basics_sections.matrix_form()


def three_kinds() -> None:
    st.markdown(tr("basics.kinds.body"))
    basics_sections.three_kinds()


def takeaway() -> None:
    st.success(tr("basics.takeaway.body"))
    st.markdown(tr("basics.next.body"))
    basics_sections.next_pages()


# --- read shared state ---------------------------------------------------------------------------
basics_sections.init_state()

st.title(tr("basics.title"))
st.markdown(tr("basics.credit", **texts.SEED_POST))
st.markdown(tr("basics.intro"))

# --- the steps: 1. prerequisites, 2. query and key (3. value), 4. matrix form, 5. three kinds, 6. takeaway
basics_sections.steps((prerequisites, query_and_key, matrix_form, three_kinds, takeaway))
