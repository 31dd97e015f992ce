"""A Train page whose training is a clock: one slot, RUN_SECONDS a run, one run per seed, shared.

A waiting or running learner's page redraws every second (the real page's progress bar does),
and when the run has ended the whole page reruns to show "Use this model".
"""

import threading
import time

import streamlit as st

RUN_SECONDS = 15.0


@st.cache_resource
def schedule() -> dict:
    """Every run asked for on this server: seed -> (start, end) on the wall clock."""
    return {"lock": threading.Lock(), "runs": {}, "slot_free_at": 0.0}


def request(seed: int) -> tuple[float, float]:
    """The run of `seed`: the one already asked for, or a new one after the last in the queue."""
    runs = schedule()
    with runs["lock"]:
        if seed not in runs["runs"]:
            start = max(time.time(), runs["slot_free_at"])
            runs["slot_free_at"] = start + RUN_SECONDS
            runs["runs"][seed] = (start, start + RUN_SECONDS)
        return runs["runs"][seed]


@st.fragment(run_every=1.0)
def live(start: float, end: float) -> None:
    now = time.time()
    if now >= end:
        st.rerun()
    if now < start:
        st.info(f"Waiting for the training slot: it starts in {start - now:.0f} s.")
    else:
        st.progress((now - start) / RUN_SECONDS, text=f"{now - start:.0f} s of {RUN_SECONDS:.0f} s")


st.title("Train")
with st.form("train"):
    seed = st.number_input("Seed", 0, 1000, 0, key="train_field_seed")
    if st.form_submit_button("Train"):
        st.session_state.run = request(int(seed))
if (run := st.session_state.get("run")) is not None:
    if time.time() < run[1]:
        live(*run)
    else:
        st.success("Trained.")
        st.button("Use this model", key="train_use_model")
