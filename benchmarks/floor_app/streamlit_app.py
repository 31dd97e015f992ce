"""The floor: a Streamlit app with nothing on its pages but what benchmarks/classroom.py uses.

    python benchmarks/classroom.py --app benchmarks/floor_app

The same seven pages by address, a sidebar with one text field, the encoder page's layer and
head pickers, and a Train page whose "training" is a clock: one slot, 15 s a run, one run per
seed shared by everyone who asks for it, a progress bar redrawn every second. The app's own
.streamlit/config.toml (a link to the repository's) sets Streamlit up as for Attention Lab.
What a class's browsers pay here is what Streamlit's frontend costs whatever an app shows;
Attention Lab's page-switch figures above it are its pages' own weight. The clock is shorter
than a real default run (19-28 s on one thread, README "Training speed"), so the floor's wait
for a model says nothing about the app's.
"""

import streamlit as st

PAGES = {
    "home": "Home",
    "basics": "Basics",
    "train": "Train",
    "encoder": "Encoder self-attention",
    "decoder": "Decoder self-attention",
    "cross": "Cross-attention",
    "under_the_hood": "Under the hood",
}

st.set_page_config(page_title="Floor", layout="wide")
with st.sidebar:
    st.text_input("Sentence", "나는 학생이다")
st.navigation(
    [st.Page(f"pages/{name}.py", title=title, url_path=name, default=name == "home") for name, title in PAGES.items()]
).run()
