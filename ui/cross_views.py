"""What the Cross-attention page computes: its frames, gold links and head scores (cached).

Frames follow ui/frames.py's tidy format. On this page a decoder row is labelled
with the token it *produced* (`produced_token`, output_tokens[t]), not the token it
read (`query_token`), because row t is where the decoder looked while writing output_tokens[t]:
"while writing 'student' it looked at 학생".

Gold links come from model/alignment.py: the generated corpus's lexicon applied to
the model's own translation, so corpus sentences and typed ones are treated alike.
Head scores are computed once per checkpoint (st.cache_data keyed by its
`checkpoint_key`) by teacher forcing on the test split.
"""

import pandas as pd
import streamlit as st
import torch

from model import alignment
from model.corpus import build_corpus
from ui import frames
from ui.state import tr

CROSS = "cross"
DECODER_SELF = "decoder_self"
TOP_TOKENS = 5

# Why gold links may be missing (GoldAlignment.reason, plus the two below).
NO_CORPUS = "no_corpus"  # the model was trained on other pairs than the generated corpus
NO_TRANSLATION = "no_translation"  # the model wrote nothing but <eos>


@st.cache_data(show_spinner=False, max_entries=4)
def corpus_lexicon(corpus_seed: int, corpus_fingerprint: str) -> alignment.AlignmentLexicon | None:
    """The gold lexicon of generated corpus `corpus_seed`, or None when the checkpoint's
    fingerprint says it was trained on other pairs (whose gold links nobody knows)."""
    corpus = build_corpus(corpus_seed)
    if corpus.fingerprint() != corpus_fingerprint:
        return None
    return alignment.AlignmentLexicon.learn(corpus.train + corpus.valid + corpus.test)


def checkpoint_lexicon(checkpoint) -> alignment.AlignmentLexicon | None:
    return corpus_lexicon(checkpoint.train_config.corpus_seed, checkpoint.corpus_fingerprint)


@st.cache_data(show_spinner=False, max_entries=8)
def head_score_frame(model_key: str, _checkpoint) -> pd.DataFrame | None:
    """One row per cross-attention head: layer, head, hit_rate, alignment_error_rate,
    gold_mass and `best` (True on the best head), scored on the test split of the
    checkpoint's corpus; None when the checkpoint was trained on other pairs."""
    if checkpoint_lexicon(_checkpoint) is None:
        return None
    scores = alignment.head_scores(
        _checkpoint.model, test_pairs(_checkpoint), _checkpoint.source_vocabulary, _checkpoint.target_vocabulary
    )
    return score_frame(scores)


def test_pairs(checkpoint) -> tuple:
    """The test split of the generated corpus the checkpoint was trained on."""
    return build_corpus(checkpoint.train_config.corpus_seed).test


def score_frame(scores: list[alignment.HeadScore]) -> pd.DataFrame:
    """HeadScores as a table, best head marked."""
    best = alignment.best_head(scores)
    table = pd.DataFrame([score.__dict__ for score in scores])
    table["best"] = (table["layer"] == best.layer) & (table["head"] == best.head)
    return table


def gold_alignment(translation, lexicon) -> alignment.GoldAlignment:
    """Gold links between the translation's Korean tokens and its English output (not <eos>)."""
    if lexicon is None:
        return alignment.GoldAlignment((), NO_CORPUS)
    english = translation.output_tokens[:-1]
    if not english:
        return alignment.GoldAlignment((), NO_TRANSLATION)
    return lexicon.align(translation.source_tokens, english)


def cross_frame(attention: pd.DataFrame, layer: int | None = None, head: int | None = None) -> pd.DataFrame:
    """The cross-attention rows of the tidy frame, optionally of one layer and head.

    Charts label these rows with `produced_token` (`query_label="produced_token"`).
    """
    cross = attention[attention["kind"] == CROSS]
    if layer is not None:
        cross = cross[cross["layer"] == layer]
    if head is not None:
        cross = cross[cross["head"] == head]
    return cross.reset_index(drop=True)


def gold_cells(cross: pd.DataFrame, links) -> pd.DataFrame:
    """The cells of one cross map (a `cross_frame` of one layer and head) that are gold links.

    One row per link: English token j is produced by decoder row j, so the cell is
    (query_pos = j, key_pos = korean index).
    """
    wanted = pd.DataFrame(list(links), columns=["key_pos", "query_pos"], dtype="int64")
    return cross.merge(wanted, on=["query_pos", "key_pos"], how="inner").sort_values(["query_pos", "key_pos"])


def decoder_row(attention: pd.DataFrame, layer: int, head: int, step: int) -> pd.DataFrame:
    """Decoder masked self-attention row `step`: one row per earlier-or-same decoder position."""
    rows = attention[
        (attention["kind"] == DECODER_SELF)
        & (attention["layer"] == layer)
        & (attention["head"] == head)
        & (attention["query_pos"] == step)
        & (attention["key_pos"] <= step)
    ]
    return rows.reset_index(drop=True)


def revealed_cross(translation, layer: int, head: int, step: int) -> pd.DataFrame:
    """The cross map of one head as it stood at decoding step `step` (rows 0..step)."""
    maps = translation.maps_at_step(step)
    cross = frames.map_frame(
        CROSS,
        maps.cross[layer : layer + 1, head : head + 1],
        translation.target_tokens,
        translation.source_tokens,
        translation.output_tokens,
    )
    cross["layer"], cross["head"] = layer, head
    return cross_frame(cross)


def top_tokens(translation, target_vocabulary, step: int, count: int = TOP_TOKENS) -> pd.DataFrame:
    """The `count` most likely next tokens at decoder position `step`.

    Columns: rank (0 = most likely), token, probability, chosen (True for the token
    greedy decoding wrote, output_tokens[step]).
    """
    probabilities = translation.next_token_probabilities[step]
    values, ids = probabilities.topk(min(count, probabilities.numel()))
    tokens = target_vocabulary.decode(ids.tolist())
    return pd.DataFrame(
        {
            "rank": range(len(tokens)),
            "token": tokens,
            "probability": values.tolist(),
            "chosen": [token == translation.output_tokens[step] for token in tokens],
        }
    )


def sentence_score_frame(translation, links) -> pd.DataFrame:
    """Every head scored on this one sentence against `links` (same columns as head_score_frame)."""
    english_count = len(translation.output_tokens) - 1
    korean_count = len(translation.source_tokens)
    gold = torch.zeros(1, english_count + 1, korean_count, dtype=torch.bool)
    gold[0, :english_count] = alignment.gold_matrix(links, english_count, korean_count)
    english_mask = torch.zeros(1, english_count + 1, dtype=torch.bool)
    english_mask[0, :english_count] = True
    return score_frame(alignment.score_cross_attention(translation.maps.cross[None], gold, english_mask))


def score_table(scores: pd.DataFrame) -> pd.DataFrame:
    """A head-score frame for display: the best head marked with a star, best first."""
    table = scores.sort_values(["hit_rate", "gold_mass"], ascending=False).copy()
    table["best"] = table["best"].map({True: tr("cross.heads.best_mark"), False: ""})
    return table[["best", "layer", "head", "hit_rate", "alignment_error_rate", "gold_mass"]]


def score_columns() -> dict:
    """st.dataframe column_config for `score_table`, in the user's language."""
    return {
        "best": st.column_config.TextColumn(tr("cross.heads.column.best")),
        "layer": st.column_config.NumberColumn(tr("cross.layer"), format="%d"),
        "head": st.column_config.NumberColumn(tr("cross.head"), format="%d"),
        "hit_rate": st.column_config.ProgressColumn(
            tr("cross.heads.column.hit_rate"), min_value=0.0, max_value=1.0, format="%.2f"
        ),
        "alignment_error_rate": st.column_config.NumberColumn(tr("cross.heads.column.aer"), format="%.2f"),
        "gold_mass": st.column_config.ProgressColumn(
            tr("cross.heads.column.gold_mass"), min_value=0.0, max_value=1.0, format="%.2f"
        ),
    }
