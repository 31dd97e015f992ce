"""model/heads.py's figures of every head, computed once per model for every session (cached).

`head_report_for` scores the model on the generated corpus's test split by teacher
forcing (model.heads.scoring_pairs: with gold links only when the model was trained on
that corpus) and keeps the figures as ui/frames.py tables, so a page reads them
without torch. A few seconds per model; only the tabs and sections that show these
figures ask for them.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model import heads
from ui import frames

CACHED_MODELS = 8


@dataclass(frozen=True)
class HeadReportTables:
    """A model.heads.Report as tables (ui/frames.py) and the few figures read from it."""

    heads: pd.DataFrame  # frames.head_report_frame
    layers: pd.DataFrame  # frames.layer_alignment_frame (empty without gold)
    pair_count: int
    with_gold: bool
    best_layer: dict[str, int]  # {"standard" | "shift": decoder layer whose head average aligns best}
    winning_reading: str | None  # "standard" or "shift" (None without gold)
    decoder_layers: int

    @property
    def garg_layer(self) -> int:
        """The layer Garg et al. (EMNLP 2019) read alignments from: the penultimate decoder layer."""
        return max(self.decoder_layers - 2, 0)


@st.cache_data(show_spinner=False, max_entries=CACHED_MODELS)
def head_report_for(model_key: str, _checkpoint) -> HeadReportTables | None:
    """Every head of the model scored on the test split; None when it knows the words of no test pair."""
    pairs, with_gold, _ = heads.scoring_pairs(_checkpoint)
    if not pairs:
        return None
    report = heads.head_report(_checkpoint, pairs, with_gold)
    return HeadReportTables(
        frames.head_report_frame(report),
        frames.layer_alignment_frame(report),
        len(pairs),
        with_gold,
        {reading: report.best_layer(reading) for reading in heads.READINGS} if with_gold else {},
        report.winning_reading() if with_gold else None,
        _checkpoint.model_config.n_decoder_layers,
    )


@dataclass(frozen=True)
class PruningTables:
    """A model.heads.PruningResult as tables.

    curve: `heads_pruned` (0 .. all heads), `exact_match` (test exact match with the first
        `heads_pruned` heads of the order switched off), `pruned_kind`, `pruned_layer`,
        `pruned_head` (the head switched off at that step; empty at 0).
    heads_needed: the fewest heads left on while every step stayed within
        model.heads.NEEDED_TOLERANCE of the full model; head_count: all heads.
    """

    curve: pd.DataFrame
    heads_needed: int
    head_count: int
    full_exact_match: float
    seconds: float
    pair_count: int

    @property
    def pruned_safely(self) -> int:
        return self.head_count - self.heads_needed


@st.cache_data(show_spinner=False, max_entries=CACHED_MODELS)
def pruning_for(model_key: str, _checkpoint) -> PruningTables | None:
    """model.heads.prune_heads on the test split (2 × heads + 1 forward passes: ~10-50 s on a
    shared CPU), once per model for every session; None when the model knows no test pair."""
    pairs, _, _ = heads.scoring_pairs(_checkpoint)
    if not pairs:
        return None
    model, source_vocabulary, target_vocabulary = (
        _checkpoint.model,
        _checkpoint.source_vocabulary,
        _checkpoint.target_vocabulary,
    )
    confidence = heads.head_confidence(heads.teacher_forced_maps(model, pairs, source_vocabulary, target_vocabulary))
    task = heads.ExactMatchTask.of(pairs, source_vocabulary, target_vocabulary)
    result = heads.prune_heads(model, task, confidence)
    steps = [(None, None, None), *result.order]
    curve = pd.DataFrame(
        {
            "heads_pruned": range(len(result.exact_match)),
            "exact_match": result.exact_match,
            "pruned_kind": [str(kind) if kind is not None else "" for kind, _, _ in steps],
            "pruned_layer": pd.array([layer for _, layer, _ in steps], dtype="Int64"),
            "pruned_head": pd.array([head for _, _, head in steps], dtype="Int64"),
        }
    )
    return PruningTables(
        curve, result.heads_needed, len(result.order), result.full_exact_match, result.seconds, len(pairs)
    )
