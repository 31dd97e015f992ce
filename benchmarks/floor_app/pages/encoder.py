"""The encoder page's layer and head pickers (the widget keys classroom.py clicks), and nothing else.

The picked view goes into the address, as the real page's does: a run that changes nothing else
on the page still shows the benchmark that it ran.
"""

import streamlit as st

st.title("Encoder self-attention")
layer = st.radio("Layer", [0, 1], horizontal=True, key="views_encoder_self_layer")
head = st.radio("Head", [0, 1, 2, 3], horizontal=True, key="views_encoder_self_head")
st.query_params.update(layer=str(layer), head=str(head))
st.write(f"Layer {layer}, head {head}.")
