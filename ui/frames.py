"""Attention tensors -> tidy DataFrames, the one format every chart reads. No Streamlit here.

One row per (kind, layer, head, query position, key position):

- `kind`: "encoder_self" (source x source), "decoder_self" (decoder x decoder, masked)
  or "cross" (decoder queries x source keys);
- `layer`, `head`, `query_pos`, `key_pos`: 0-based ints;
- `query_token`, `key_token`: the tokens at those positions. Encoder positions hold
  the source tokens; decoder position t holds its input token `target_tokens[t]`
  (`<bos>` at t = 0);
- `produced_token`: for decoder rows (decoder_self and cross), the token the decoder
  produced at that step, `output_tokens[t]`; missing for encoder rows;
- `weight`: the attention weight in 0..1; each (kind, layer, head, query_pos) sums to 1.

Charts encode the positions and only label them with tokens, so a repeated token
keeps its own row and both axes stay in sentence order.
"""

import numpy as np
import pandas as pd

COLUMNS = ["kind", "layer", "head", "query_pos", "key_pos", "query_token", "key_token", "produced_token", "weight"]


def map_frame(
    kind: str,
    weights,
    query_tokens: list[str],
    key_tokens: list[str],
    produced_tokens: list[str] | None = None,
) -> pd.DataFrame:
    """One kind of attention, `weights` shaped (layers, heads, queries, keys), as tidy rows.

    `weights` may be a tensor, an array or nested lists. Fewer query rows than
    `query_tokens` is fine (a decoding step shows only the rows produced so far).
    """
    if hasattr(weights, "detach"):
        weights = weights.detach().cpu().numpy()
    weights = np.asarray(weights, dtype=np.float64)
    queries, keys = weights.shape[2:]
    if queries > len(query_tokens) or keys != len(key_tokens):
        raise ValueError(
            f"{kind}: a ({queries} x {keys}) map does not fit {len(query_tokens)} query and {len(key_tokens)} key tokens"
        )
    layer, head, query_pos, key_pos = (axis.ravel() for axis in np.indices(weights.shape))
    produced = np.asarray(produced_tokens, dtype=object)[query_pos] if produced_tokens is not None else None
    return pd.DataFrame(
        {
            "kind": kind,
            "layer": layer,
            "head": head,
            "query_pos": query_pos,
            "key_pos": key_pos,
            "query_token": np.asarray(query_tokens, dtype=object)[query_pos],
            "key_token": np.asarray(key_tokens, dtype=object)[key_pos],
            "produced_token": produced,
            "weight": weights.ravel(),
        },
        columns=COLUMNS,
    )


def attention_frame(translation) -> pd.DataFrame:
    """Every map of a model.decoding.Translation (encoder self, decoder self, cross) as one frame."""
    return _three_kinds(
        translation.maps.encoder_self,
        translation.maps.decoder_self,
        translation.maps.cross,
        translation.source_tokens,
        translation.target_tokens,
        translation.output_tokens,
    )


def snapshot_frame(snapshot: dict) -> pd.DataFrame:
    """A training snapshot (an item of Checkpoint.snapshots, maps as nested lists) as one frame."""
    return _three_kinds(
        snapshot["encoder_self"],
        snapshot["decoder_self"],
        snapshot["cross"],
        snapshot["source_tokens"],
        snapshot["target_tokens"],
        snapshot["output_tokens"],
    )


def _three_kinds(encoder_self, decoder_self, cross, source_tokens, target_tokens, output_tokens) -> pd.DataFrame:
    return pd.concat(
        [
            map_frame("encoder_self", encoder_self, source_tokens, source_tokens),
            map_frame("decoder_self", decoder_self, target_tokens, target_tokens, output_tokens),
            map_frame("cross", cross, target_tokens, source_tokens, output_tokens),
        ],
        ignore_index=True,
    )


def token_probability_frame(translation) -> pd.DataFrame:
    """One row per token the decoder wrote (<eos> included), in row order.

    Columns: `position` (the decoder row), `token` (as shown in the translation: a
    copied word as typed), `probability` (what the model gave the token it wrote, 0..1;
    for a copied word, the probability of <unk>), `copied` (bool: the word was copied
    from the source through attention), `uncertain` (bool: probability below
    model.decoding.LOW_PROBABILITY).
    """
    copied_rows = {row for row, _ in translation.copied}
    uncertain_rows = set(translation.uncertain)
    probabilities = list(translation.token_probabilities)
    return pd.DataFrame(
        {
            "position": range(len(probabilities)),
            "token": [str(token) for token in translation.output_tokens[: len(probabilities)]],
            "probability": pd.Series(probabilities, dtype="float64"),
            "copied": [row in copied_rows for row in range(len(probabilities))],
            "uncertain": [row in uncertain_rows for row in range(len(probabilities))],
        }
    )
