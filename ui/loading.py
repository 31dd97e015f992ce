"""Cached loading: the shipped model once per server, translations and frames per sentence.

`st.cache_resource` holds the shipped Checkpoint: one read-only, eval-mode object
shared by every session, so nothing may train or change it. `st.cache_data` holds
what is computed from a model and a sentence; it pickles the value and hands every
caller its own copy. A Checkpoint cannot be hashed, so those functions take it as an
underscore argument (which Streamlit does not hash) and are keyed by `model_key`,
the `checkpoint_key` of that checkpoint.
"""

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import pyarrow as pa
import streamlit as st

from model import corpus, runtime
from model.checkpoint import (
    SHIPPED_CHECKPOINT,
    Checkpoint,
    CheckpointError,
    load_checkpoint,
)
from model.decoding import (
    MAX_SENTENCE_CHARACTERS,
    MAX_SENTENCE_TOKENS,
    SentenceError,
    Translation,
    translate,
)
from model.fingerprint import checkpoint_key, parameter_count
from ui import frames

__all__ = [
    "MAX_SENTENCE_CHARACTERS",
    "MAX_SENTENCE_TOKENS",
    "CheckpointError",
    "SentenceError",
    "attention_frame_for",
    "checkpoint_key",
    "example_sentences",
    "load_shipped_checkpoint",
    "parameter_count",
    "prepared_process",
    "shipped_checkpoint_or_error",
    "translation_for",
]

# Bounds on what st.cache_data keeps: many sessions type many sentences.
CACHED_SENTENCES = 512

# One torch thread for the app's inference: the model is tiny, so a second thread gains
# little, while on a shared CPU (Community Cloud, a class of 30) threads spin-waiting for
# each other cost many times over (measured here under load: validation exact match
# 0.15 s on one thread, 5 s on two). Training runs choose their own count (ui/training.py).
INFERENCE_THREADS = 1


@contextmanager
def prepared_process() -> Iterator[None]:
    """The server process's settings around one script run (streamlit_app.py wraps its run in it).

    Before the run, once per process: torch on INFERENCE_THREADS threads, and Arrow
    (every chart's and table's rows on their way to the browser) through the C allocator
    instead of pyarrow's mimalloc pool, which keeps what it freed: ~20 MB less server
    memory once the Train page's corpus table has been sent. After the run (also when
    the page stopped or asked for a rerun), `freeze_long_lived_objects` whenever the run
    imported new modules.
    """
    _configure_process()
    try:
        yield
    finally:
        freeze_long_lived_objects(len(sys.modules))


@st.cache_resource(show_spinner=False)
def _configure_process() -> bool:
    runtime.use_threads(INFERENCE_THREADS)
    pa.set_memory_pool(pa.system_memory_pool())
    return True


@st.cache_resource(show_spinner=False)
def freeze_long_lived_objects(module_count: int) -> bool:
    """Take what the server keeps for good out of the garbage collector's sight.

    Streamlit collects garbage after every script run (`runner.postScriptGC`); with
    torch, pandas and altair imported that means scanning ~250k objects, 0.1-0.2 s of
    every click on a 2-core machine. `gc.freeze` moves every object alive now (modules,
    the shipped model) into a generation the collector never scans again; objects
    created later are collected as usual. Keyed by the number of imported modules, so
    it runs again only after a page has imported new ones (a few times per server).
    """
    gc.collect()
    gc.freeze()
    return True


@st.cache_resource(show_spinner=False)
def load_shipped_checkpoint() -> Checkpoint:
    """The shipped pretrained model, loaded once and shared by every session (read-only)."""
    checkpoint = load_checkpoint(SHIPPED_CHECKPOINT)
    checkpoint.model.eval()
    return checkpoint


def shipped_checkpoint_or_error() -> tuple[Checkpoint | None, CheckpointError | None]:
    """(checkpoint, None), or (None, error) when the shipped file is missing or damaged."""
    try:
        return load_shipped_checkpoint(), None
    except CheckpointError as error:
        return None, error


@st.cache_data(show_spinner=False)
def example_sentences() -> list[str]:
    """Korean example sentences for the sidebar, 나는 학생이다 first."""
    return corpus.example_sentences()


@st.cache_data(show_spinner=False, max_entries=CACHED_SENTENCES)
def translation_for(model_key: str, sentence: str, _checkpoint: Checkpoint) -> Translation:
    """model.decoding.translate of `sentence`; raises SentenceError (never cached) when refused."""
    return translate(_checkpoint, sentence)


@st.cache_data(show_spinner=False, max_entries=CACHED_SENTENCES)
def attention_frame_for(model_key: str, sentence: str, _checkpoint: Checkpoint) -> pd.DataFrame:
    """The tidy attention DataFrame (ui/frames.py) of every map of `sentence`'s translation."""
    return frames.attention_frame(translation_for(model_key, sentence, _checkpoint))
