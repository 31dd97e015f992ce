"""What the Cross-attention page computes: its frames, gold links and head scores (cached).

Frames follow ui/frames.py's tidy format. On this page a decoder row is labelled
with the token it *produced* (`produced_token`, output_tokens[t]), not the token it
read (`query_token`), because row t is where the decoder looked while writing output_tokens[t]:
"while writing 'student' it looked at 학생".

Gold links come from model/alignment.py: the generated corpus's lexicon applied to
the model's own translation, so corpus sentences and typed ones are treated alike.
Head scores are computed once per checkpoint (st.cache_data keyed by its
`checkpoint_key`) by teacher forcing on the generated test split.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model import alignment
from model.attention import AttentionKind
from model.corpus import build_corpus
from ui import frames
from ui.state import tr

CROSS = AttentionKind.CROSS
DECODER_SELF = AttentionKind.DECODER_SELF
TOP_TOKENS = 5

# Why gold links may be missing (GoldAlignment.reason, plus this one).
NO_TRANSLATION = "no_translation"  # the model wrote nothing but <eos>


@dataclass(frozen=True)
class HeadScoreTable:
    """Every cross-attention head scored on the generated test split (see head_score_table)."""

    scores: pd.DataFrame  # layer, head, hit_rate, alignment_error_rate, gold_mass, best
    pair_count: int  # how many test pairs were scored
    same_corpus: bool  # the checkpoint was trained on exactly this generated corpus


@st.cache_data(show_spinner=False, max_entries=4)
def corpus_lexicon(corpus_seed: int) -> alignment.AlignmentLexicon:
    """The gold lexicon learned from every pair of generated corpus `corpus_seed`.

    Gold links are a fact about Korean and English, not about a model, so this
    lexicon serves any checkpoint, including one trained on other pairs.
    """
    corpus = build_corpus(corpus_seed)
    return alignment.AlignmentLexicon.learn(corpus.train + corpus.valid + corpus.test)


def checkpoint_lexicon(checkpoint) -> alignment.AlignmentLexicon:
    return corpus_lexicon(checkpoint.train_config.corpus_seed)


def scoring_pairs(checkpoint) -> tuple[list, bool]:
    """(test pairs to score the heads on, whether the checkpoint was trained on this corpus).

    The generated test split of the checkpoint's corpus seed, keeping only pairs whose
    tokens the checkpoint knows on both sides (all of them for the shipped model; a
    model trained on uploaded pairs may know only some).
    """
    corpus = build_corpus(checkpoint.train_config.corpus_seed)
    known = [
        pair
        for pair in corpus.test
        if all(token in checkpoint.source_vocabulary for token in pair.korean_tokens)
        and all(token in checkpoint.target_vocabulary for token in pair.english_tokens)
    ]
    return known, corpus.fingerprint() == checkpoint.corpus_fingerprint


@st.cache_data(show_spinner=False, max_entries=8)
def head_score_table(model_key: str, _checkpoint) -> HeadScoreTable | None:
    """Every cross-attention head scored by teacher forcing on the generated test split
    (cached per checkpoint); None when the checkpoint knows the words of no test pair."""
    pairs, same_corpus = scoring_pairs(_checkpoint)
    if not pairs:
        return None
    scores = alignment.head_scores(
        _checkpoint.model, pairs, _checkpoint.source_vocabulary, _checkpoint.target_vocabulary
    )
    return HeadScoreTable(score_frame(scores), len(pairs), same_corpus)


def score_frame(scores: list[alignment.HeadScore]) -> pd.DataFrame:
    """HeadScores as a table, best head marked."""
    best = alignment.best_head(scores)
    table = pd.DataFrame([score.__dict__ for score in scores])
    table["best"] = (table["layer"] == best.layer) & (table["head"] == best.head)
    return table


def gold_alignment(translation, lexicon: alignment.AlignmentLexicon) -> alignment.GoldAlignment:
    """Gold links between the translation's Korean tokens and its English output (not <eos>);
    a copied word is linked to the Korean token it was copied from."""
    english = translation.output_tokens[:-1]
    if not english:
        return alignment.GoldAlignment((), NO_TRANSLATION)
    return lexicon.align(translation.source_tokens, english, translation.copied)


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


def copy_cells(translation) -> pd.DataFrame:
    """The cells attention chose for copied words: one row per copy, `query_pos` = the decoder
    row that wrote <unk>, `key_pos` = the Korean token copied, plus `key_token` and `weight`
    (what the copy rule read: the last layer's cross-attention averaged over its heads)."""
    rows = [
        {
            "query_pos": row,
            "key_pos": source_index,
            "key_token": translation.source_tokens[source_index],
            "weight": float(translation.maps.cross[-1, :, row, source_index].mean()),
        }
        for row, source_index in translation.copied
    ]
    return pd.DataFrame(rows, columns=["query_pos", "key_pos", "key_token", "weight"]).astype(
        {"query_pos": "int64", "key_pos": "int64", "weight": "float64"}
    )


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
    candidates = translation.most_likely_next(step, count)
    tokens = target_vocabulary.decode([token_id for token_id, _ in candidates])
    return pd.DataFrame(
        {
            "rank": range(len(tokens)),
            "token": tokens,
            "probability": [probability for _, probability in candidates],
            "chosen": [token == translation.written_token(step) for token in tokens],
        }
    )


def sentence_score_frame(translation, links) -> pd.DataFrame:
    """Every head scored on this one sentence against `links` (same columns as head_score_frame)."""
    return score_frame(alignment.sentence_head_scores(translation.maps.cross, links, len(translation.source_tokens)))


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
