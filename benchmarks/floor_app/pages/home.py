"""A page with a title only (see streamlit_app.py)."""

import streamlit as st

st.title("Home")
st.write("Nothing else on this page.")
