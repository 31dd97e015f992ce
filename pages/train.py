"""Train: browse the corpus, bring your own pairs, train a model in the background, keep or
download it, and watch attention change over training.

The page reads top to bottom; ui/train_sections.py draws each section (the run itself is
ui/training.py's thread). A trained model belongs to this session until "use this model"
puts it in the sidebar; the shared shipped model is never touched.
"""

import streamlit as st

from ui import state, train_sections
from ui.state import tr

# --- read shared state ------------------------------------------------------------------------
train_sections.init_state()
checkpoint = state.current_checkpoint()  # the model under study: its snapshots are drawn at the end
run = st.session_state[state.TRAIN_RUN]  # ui.training.TrainingRun of this session, or None

# --- title ----------------------------------------------------------------------------------------
st.title(tr("train.title"))
st.markdown(tr("train.intro"))

# --- 1. your own pairs (decides which corpus the rest of the page uses) -----------------------------
own_corpus = train_sections.own_pairs_section()

# --- 2. browse the corpus ---------------------------------------------------------------------------
train_sections.corpus_section(own_corpus)

# --- 3. the form ------------------------------------------------------------------------------------
train_sections.form_section(own_corpus, run)

# --- 4. the run, live ---------------------------------------------------------------------------------
st.header(tr("train.run_header"))
train_sections.run_section(run)

# --- 5. attention over training -------------------------------------------------------------------------
train_sections.over_training_section(checkpoint)
