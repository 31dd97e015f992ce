"""A page with a title only (see streamlit_app.py)."""

import streamlit as st

st.title("Cross-attention")
st.write("Nothing else on this page.")
