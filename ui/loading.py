"""Cached loading: the shipped model once per server, translations and frames per sentence.

`st.cache_resource` holds the shipped Checkpoint: one read-only, eval-mode object
shared by every session, so nothing may train or change it. `st.cache_data` holds
what is computed from a model and a sentence; it pickles the value and hands every
caller its own copy. A Checkpoint cannot be hashed, so those functions take it as an
underscore argument (which Streamlit does not hash) and are keyed by `model_key`,
the `checkpoint_key` of that checkpoint.
"""

import gc
import hashlib
import weakref
from typing import NamedTuple

import pandas as pd
import pyarrow as pa
import streamlit as st
import torch

from model import corpus
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
from ui import frames

# One torch thread for the app's inference: the model is tiny, so a second thread gains
# little, while on a shared CPU (Community Cloud, a class of 30) threads spin-waiting for
# each other cost many times over (measured here under load: validation exact match
# 0.15 s on one thread, 5 s on two). Training runs choose their own count (ui/training.py).
torch.set_num_threads(1)

# Arrow (every chart's and table's rows on their way to the browser) through the C
# allocator instead of pyarrow's mimalloc pool, which keeps what it freed: ~20 MB less
# server memory once the Train page's corpus table has been sent.
pa.set_memory_pool(pa.system_memory_pool())

__all__ = [
    "MAX_SENTENCE_CHARACTERS",
    "MAX_SENTENCE_TOKENS",
    "CheckpointError",
    "SentenceError",
    "attention_frame_for",
    "checkpoint_key",
    "example_sentences",
    "freeze_long_lived_objects",
    "load_shipped_checkpoint",
    "parameter_count",
    "shipped_checkpoint_or_error",
    "translation_for",
]

# Bounds on what st.cache_data keeps: many sessions type many sentences.
CACHED_SENTENCES = 512


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


class _ModelFacts(NamedTuple):
    """What `checkpoint_key` and `parameter_count` derive from a model's weights."""

    corpus_fingerprint: str
    tensors: tuple  # the state dict's tensors, to notice an in-place change (their `_version`)
    versions: tuple[int, ...]
    key: str
    parameters: int


# Per model object: every page run asks for its key and size several times, and walking a
# module tree (state_dict, parameters) costs milliseconds each time; the weights never
# change for a loaded checkpoint, and a changed tensor (its version) recomputes.
_MODEL_FACTS: "weakref.WeakKeyDictionary[object, _ModelFacts]" = weakref.WeakKeyDictionary()


def _model_facts(checkpoint: Checkpoint) -> _ModelFacts:
    facts = _MODEL_FACTS.get(checkpoint.model)
    if (
        facts is not None
        and facts.corpus_fingerprint == checkpoint.corpus_fingerprint
        and tuple(tensor._version for tensor in facts.tensors) == facts.versions
    ):
        return facts
    state = checkpoint.model.state_dict()
    digest = hashlib.sha256(checkpoint.corpus_fingerprint.encode())
    # Words and shape count too (issue 5): an upload may pair the shipped weights with other words
    # or a shorter position table, and these keys name server-wide caches shared by every session.
    digest.update(repr((checkpoint.source_vocabulary.tokens, checkpoint.target_vocabulary.tokens)).encode())
    digest.update(repr(checkpoint.model_config).encode())
    for name, tensor in state.items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    tensors = tuple(state.values())
    facts = _ModelFacts(
        corpus_fingerprint=checkpoint.corpus_fingerprint,
        tensors=tensors,
        versions=tuple(tensor._version for tensor in tensors),
        key=digest.hexdigest(),
        parameters=checkpoint.parameter_count(),
    )
    _MODEL_FACTS[checkpoint.model] = facts
    return facts


def checkpoint_key(checkpoint: Checkpoint) -> str:
    """Identifies a checkpoint's behaviour in cache keys: a hash of its weights.

    Sessions may train models of the same corpus within the same second, so names and
    times are not enough. Hashing ~100k parameters takes about a millisecond, walking
    the module tree a few more; both are done once per model (see `_model_facts`).
    """
    return _model_facts(checkpoint).key


def parameter_count(checkpoint: Checkpoint) -> int:
    """`checkpoint.parameter_count()`, counted once per model."""
    return _model_facts(checkpoint).parameters


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
