"""A page with a title only (see streamlit_app.py)."""

import streamlit as st

st.title("Under the hood")
st.write("Nothing else on this page.")
