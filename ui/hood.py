"""What the Under the hood page shows: cached head explanations and ablations, as tables.

The math lives in model/inspect.py (explain_head) and model/decoding.py (translate
and exact_match with a head mask); this module caches it per (checkpoint key,
sentence, choice) and turns its tensors into labelled DataFrames for st.dataframe
and into the tidy formats of ui/charts.py. No tensor math here beyond indexing.

Tables label tokens as "position: token" (e.g. "2: 학생"), so a repeated token keeps
its own row and the rows stay in sentence order.

Heads are named by strings "kind:layer:head" (e.g. `cross:0:3`) in widgets and
cache keys; `parse_head` turns one back into a (kind, layer, head) triple.
"""

import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from model.corpus import build_corpus
from model.decoding import Translation, exact_match, translate
from model.inspect import HeadExplanation, explain_head, head_mask_without
from ui import frames, loading

CACHED_CHOICES = 256  # explanations and ablations kept per server


# --- heads as strings --------------------------------------------------------------


def head_name(kind: str, layer: int, head: int) -> str:
    return f"{kind}:{layer}:{head}"


def parse_head(name: str) -> tuple[AttentionKind, int, int]:
    kind, layer, head = name.split(":")
    return AttentionKind(kind), int(layer), int(head)


def all_head_names(config) -> list[str]:
    """Every head of the model, encoder self first, in layer and head order."""
    return [
        head_name(kind, layer, head)
        for kind in AttentionKind
        for layer in range(kind.layer_count(config))
        for head in range(config.n_heads)
    ]


# --- cached computations ---------------------------------------------------------------


def sentence_ids(checkpoint, translation: Translation) -> tuple[list[int], list[int]]:
    """(source ids, decoder input ids) of a translation, as the model read them."""
    return (
        checkpoint.source_vocabulary.encode(translation.source_tokens),
        checkpoint.target_vocabulary.encode(translation.target_tokens),
    )


@st.cache_data(show_spinner=False, max_entries=CACHED_CHOICES)
def head_explanation(
    model_key: str,
    sentence: str,
    kind: str,
    layer: int,
    head: int,
    query: int,
    scale: bool,
    causal: bool,
    temperature: float,
    _checkpoint,
) -> HeadExplanation:
    """model.inspect.explain_head for the model's own translation of `sentence`."""
    translation = loading.translation_for(model_key, sentence, _checkpoint)
    source_ids, target_ids = sentence_ids(_checkpoint, translation)
    return explain_head(
        _checkpoint.model,
        source_ids,
        target_ids,
        kind,
        layer,
        head,
        query,
        scale=scale,
        causal=causal,
        temperature=temperature,
    )


@st.cache_data(show_spinner=False, max_entries=CACHED_CHOICES)
def ablated_translation(model_key: str, sentence: str, heads_off: tuple[str, ...], _checkpoint) -> Translation:
    """The translation of `sentence` with the named heads silenced by a head mask (never a changed model)."""
    head_mask = head_mask_without(_checkpoint.model, [parse_head(name) for name in heads_off])
    return translate(_checkpoint, sentence, head_mask=head_mask)


@st.cache_data(show_spinner=False, max_entries=8)
def test_split(corpus_seed: int, corpus_fingerprint: str):
    """The test pairs of the generated corpus the model was trained on, or None when it was
    trained on another corpus (e.g. uploaded pairs), whose test split is not known here."""
    corpus = build_corpus(corpus_seed)
    return list(corpus.test) if corpus.fingerprint() == corpus_fingerprint else None


@st.cache_data(show_spinner=False, max_entries=CACHED_CHOICES)
def ablated_exact_match(model_key: str, heads_off: tuple[str, ...], _checkpoint) -> float | None:
    """Test-split exact match with the named heads silenced; None when the test split is unknown."""
    pairs = test_split(_checkpoint.train_config.corpus_seed, _checkpoint.corpus_fingerprint)
    if pairs is None:
        return None
    head_mask = head_mask_without(_checkpoint.model, [parse_head(name) for name in heads_off])
    return exact_match(
        _checkpoint.model,
        pairs,
        _checkpoint.source_vocabulary,
        _checkpoint.target_vocabulary,
        head_mask=head_mask,
    )


# --- labels ------------------------------------------------------------------------------


def token_labels(tokens) -> list[str]:
    """Labels "position: token" for each token: unique, in sentence order."""
    return [f"{position}: {token}" for position, token in enumerate(tokens)]


def query_and_key_tokens(translation: Translation, kind: str) -> tuple[list[str], list[str]]:
    """The tokens at the query and key positions of `kind` attention."""
    return AttentionKind(kind).axis_tokens(translation.source_tokens, translation.target_tokens)


# --- tables --------------------------------------------------------------------------------


def matrix_table(matrix, row_labels, column_labels, decimals: int = 4) -> pd.DataFrame:
    """A 2-D tensor as a labelled table, to four decimals (−∞ kept as -inf)."""
    return frames.matrix_table(matrix, row_labels, column_labels, decimals=decimals)


def steps_frame(explanation: HeadExplanation, key_tokens) -> pd.DataFrame:
    """One row per key: raw score q·k, after ÷√d_k, whether the mask allows it, after the
    mask (and ÷ temperature), the softmax weight, and the model's own weight.

    Columns: key_pos, key_token, score, scaled, allowed, masked, weight, model_weight.
    """
    return pd.DataFrame(
        {
            "key_pos": range(len(key_tokens)),
            "key_token": [str(token) for token in key_tokens],
            "score": explanation.scores.double().numpy(),
            "scaled": explanation.scaled.double().numpy(),
            "allowed": explanation.allowed.numpy(),
            "masked": explanation.masked.double().numpy(),
            "weight": explanation.weights.double().numpy(),
            "model_weight": explanation.model_weights.double().numpy(),
        }
    )


def masked_as_text(frame: pd.DataFrame, column: str = "masked") -> pd.DataFrame:
    """A copy of a steps frame for display: `column` as text, blocked keys written "−∞"."""
    shown = frame.copy()
    shown[column] = ["−∞" if value == float("-inf") else f"{value:.4f}" for value in frame[column]]
    return shown


def score_steps_matrix(explanation: HeadExplanation, step_labels: list[str], key_tokens) -> pd.DataFrame:
    """The score pipeline as a matrix for ui.charts.matrix_heatmap: one row per step
    (q·k, ÷√d_k, masked), one column per key; masked cells flagged −∞."""
    return frames.matrix_frame(explanation.score_pipeline, step_labels, [str(token) for token in key_tokens])


def bars_frame(weights, key_tokens) -> pd.DataFrame:
    """One query's weights in the format of ui.charts.attention_bars."""
    return pd.DataFrame(
        {
            "key_pos": range(len(key_tokens)),
            "key_token": [str(token) for token in key_tokens],
            "weight": weights.double().numpy(),
        }
    )


def head_map_frame(weights, query_tokens, key_tokens) -> pd.DataFrame:
    """A (Q, K) weight matrix in the tidy attention format (ui/frames.py)."""
    return frames.weights_frame(weights, query_tokens, key_tokens)


def weighted_sum_table(explanation: HeadExplanation, key_labels, weight_label: str, sum_label: str) -> pd.DataFrame:
    """Rows weight_k · v_k for every key and, last, their sum Σ: the head's output."""
    table = matrix_table(explanation.weighted_values, key_labels, frames.dimension_labels(explanation.d_head))
    table.insert(0, weight_label, explanation.weights.double().numpy().round(4))
    total = matrix_table(explanation.output[None], [sum_label], frames.dimension_labels(explanation.d_head))
    total.insert(0, weight_label, round(float(explanation.weights.sum()), 4))
    return pd.concat([table, total])


def output_comparison(explanation: HeadExplanation) -> pd.DataFrame:
    """One row per output dimension: recomputed, model, |difference| (unrounded).

    Columns: dimension, recomputed, model, difference.
    """
    recomputed = explanation.output.double().numpy()
    model = explanation.model_output.double().numpy()
    return pd.DataFrame(
        {
            "dimension": frames.dimension_labels(explanation.d_head),
            "recomputed": recomputed,
            "model": model,
            "difference": abs(recomputed - model),
        }
    )


def weights_comparison(explanation: HeadExplanation, key_tokens) -> pd.DataFrame:
    """One row per key: the model's weight, the recomputed (what-if) weight and the change.

    Columns: key_pos, key_token, model_weight, weight, change.
    """
    model = explanation.model_weights.double().numpy()
    weights = explanation.weights.double().numpy()
    return pd.DataFrame(
        {
            "key_pos": range(len(key_tokens)),
            "key_token": [str(token) for token in key_tokens],
            "model_weight": model,
            "weight": weights,
            "change": weights - model,
        }
    )


def cross_map_frame(translation: Translation, layer: int, head: int) -> pd.DataFrame:
    """One cross-attention map of a translation in the tidy format, rows labelled by produced token."""
    frame = frames.map_frame(
        AttentionKind.CROSS,
        translation.maps.cross,
        translation.target_tokens,
        translation.source_tokens,
        translation.output_tokens,
    )
    return frame[(frame["layer"] == layer) & (frame["head"] == head)].reset_index(drop=True)
