"""A page with a title only (see streamlit_app.py)."""

import streamlit as st

st.title("Decoder self-attention")
st.write("Nothing else on this page.")
