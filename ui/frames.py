"""Attention tensors -> tidy DataFrames, the one format every chart reads. No Streamlit here.

One row per (kind, layer, head, query position, key position):

- `kind`: the name of a model.attention.AttentionKind: encoder self-attention (source x
  source), decoder self-attention (decoder x decoder, masked) or cross-attention (decoder
  queries x source keys);
- `layer`, `head`, `query_pos`, `key_pos`: 0-based ints;
- `query_token`, `key_token`: the tokens at those positions. Encoder positions hold
  the source tokens; decoder position t holds its input token `target_tokens[t]`
  (`<bos>` at t = 0);
- `produced_token`: for decoder rows (decoder_self and cross), the token the decoder
  produced at that step, `output_tokens[t]`; missing for encoder rows;
- `weight`: the attention weight in 0..1; each (kind, layer, head, query_pos) sums to 1.

Charts encode the positions and only label them with tokens, so a repeated token
keeps its own row and both axes stay in sentence order.

Smaller formats, for one matrix at a time (the Basics and Under the hood pages):
- `weights_frame`: one (Q, K) weight matrix as `query_pos`, `key_pos`, `query_token`,
  `key_token`, `weight`;
- `matrix_frame`: any 2-D matrix as one row per cell, columns `row_pos`, `column_pos`
  (0-based ints), `row_label`, `column_label` (str), `value` (float, NaN where the cell
  is −∞) and `negative_infinity` (bool) — what `ui.charts.matrix_heatmap` draws;
- `matrix_table`: a labelled table for st.dataframe.

"Is attention an explanation?" (model/explain.py's Explanation):
- `importance_frame`: one row per (English token, method, Korean token): IMPORTANCE_COLUMNS;
- `agreement_frame`: one row per (English token, method pair): AGREEMENT_COLUMNS.

Word order (the Cross-attention page's lines between the sentences):
- `word_order_frame`: one cross-attention map with each English token's strongest link and
  whether that link crosses another.

Comparing two sentences:
- `difference_frame`: B − A of two attention maps of one head (any kind), in the matrix format.

What each head does (model/heads.py's Report):
- `head_report_frame`: one row per head of every kind: HEAD_REPORT_COLUMNS;
- `layer_alignment_frame`: one row per (reading, decoder layer average): LAYER_ALIGNMENT_COLUMNS.

Tensors come in from model/ and are only read here (`float`, `.numpy()`): no torch import.
"""

import math

import numpy as np
import pandas as pd

from model.attention import AttentionKind

COLUMNS = ["kind", "layer", "head", "query_pos", "key_pos", "query_token", "key_token", "produced_token", "weight"]
MATRIX_COLUMNS = ["row_pos", "column_pos", "row_label", "column_label", "value", "negative_infinity"]
WEIGHTS_COLUMNS = ["query_pos", "key_pos", "query_token", "key_token", "weight"]
IMPORTANCE_COLUMNS = ["english_pos", "english_token", "method", "key_pos", "key_token", "importance", "relative"]
HEAD_REPORT_COLUMNS = [
    "kind", "layer", "head", "confidence", "pattern",
    "precision", "recall", "aer", "shift_precision", "shift_recall", "shift_aer",
]  # fmt: skip
LAYER_ALIGNMENT_COLUMNS = ["reading", "layer", "precision", "recall", "aer"]
AGREEMENT_COLUMNS = ["english_pos", "english_token", "method_a", "method_b", "spearman", "same_top"]


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
            "kind": str(kind),
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
        snapshot[AttentionKind.ENCODER_SELF],
        snapshot[AttentionKind.DECODER_SELF],
        snapshot[AttentionKind.CROSS],
        snapshot["source_tokens"],
        snapshot["target_tokens"],
        snapshot["output_tokens"],
    )


def _three_kinds(encoder_self, decoder_self, cross, source_tokens, target_tokens, output_tokens) -> pd.DataFrame:
    return pd.concat(
        [
            map_frame(AttentionKind.ENCODER_SELF, encoder_self, source_tokens, source_tokens),
            map_frame(AttentionKind.DECODER_SELF, decoder_self, target_tokens, target_tokens, output_tokens),
            map_frame(AttentionKind.CROSS, cross, target_tokens, source_tokens, output_tokens),
        ],
        ignore_index=True,
    )


def matrix_frame(matrix, row_labels, column_labels) -> pd.DataFrame:
    """A 2-D tensor as one row per cell (see the module docstring); −∞ becomes a flag."""
    rows, columns = matrix.shape
    records = []
    for row in range(rows):
        for column in range(columns):
            value = float(matrix[row, column])
            negative_infinity = value == float("-inf")
            records.append(
                {
                    "row_pos": row,
                    "column_pos": column,
                    "row_label": str(row_labels[row]),
                    "column_label": str(column_labels[column]),
                    "value": math.nan if negative_infinity else value,
                    "negative_infinity": negative_infinity,
                }
            )
    return pd.DataFrame.from_records(records, columns=MATRIX_COLUMNS)


def matrix_table(matrix, row_labels, column_labels, decimals: int = 2) -> pd.DataFrame:
    """A 2-D tensor as a labelled table for st.dataframe (−∞ kept as -inf)."""
    return pd.DataFrame(
        matrix.detach().double().numpy().round(decimals),
        index=list(row_labels),
        columns=list(column_labels),
    )


def vector_table(vector, row_label: str, decimals: int = 4) -> pd.DataFrame:
    """A 1-D tensor as a one-row table with columns d0, d1, …"""
    return matrix_table(vector[None], [row_label], dimension_labels(vector.shape[-1]), decimals=decimals)


def dimension_labels(count: int, prefix: str = "d") -> list[str]:
    """Column labels for feature dimensions: d0, d1, …"""
    return [f"{prefix}{index}" for index in range(count)]


def weights_frame(weights, query_tokens, key_tokens) -> pd.DataFrame:
    """A (Q, K) weight matrix (tensor) as one row per cell: WEIGHTS_COLUMNS."""
    queries, keys = weights.shape
    return pd.DataFrame.from_records(
        [
            {
                "query_pos": q,
                "key_pos": k,
                "query_token": str(query_tokens[q]),
                "key_token": str(key_tokens[k]),
                "weight": float(weights[q, k]),
            }
            for q in range(queries)
            for k in range(keys)
        ],
        columns=WEIGHTS_COLUMNS,
    )


def mask_stage_frame(stages, translation) -> pd.DataFrame:
    """model.inspect.MaskStages of a translation as tidy rows of the decoder's self-attention.

    The columns of `map_frame` (`weight` is what the model used), plus per (layer, head,
    query, key): `score` = q·k, `scaled_score` = q·k/√d_k, `allowed` (may this query see
    this key) and `masked_score` (scaled, −inf where not allowed).
    """
    frame = map_frame(
        AttentionKind.DECODER_SELF,
        stages.weights,
        translation.target_tokens,
        translation.target_tokens,
        translation.output_tokens,
    )
    return frame.assign(
        score=stages.scores.numpy().ravel().astype(np.float64),
        scaled_score=stages.scaled.numpy().ravel().astype(np.float64),
        allowed=stages.allowed.numpy().ravel(),
        masked_score=stages.masked.numpy().ravel().astype(np.float64),
    )


def importance_frame(explanation) -> pd.DataFrame:
    """The four importance vectors of every English token of a model.explain.Explanation.

    IMPORTANCE_COLUMNS: `english_pos` (row j: the English token produced at decoder step
    j), `english_token`, `method` (a model.explain.METHODS name), `key_pos`, `key_token`
    (the Korean token), `importance` (the method's own value; leave-one-out may be
    negative) and `relative`: importance divided by the largest |importance| of that
    English token and method (0 when all are 0). The methods have different units, so
    only `relative` puts them on one axis.
    """
    records = []
    for method, matrix in explanation.importance.items():
        for row, english in enumerate(explanation.english_tokens):
            values = [float(value) for value in matrix[row].tolist()]
            largest = max((abs(value) for value in values if math.isfinite(value)), default=0.0)
            for key, value in enumerate(values):
                records.append(
                    {
                        "english_pos": row,
                        "english_token": str(english),
                        "method": method,
                        "key_pos": key,
                        "key_token": str(explanation.source_tokens[key]),
                        "importance": value,
                        "relative": value / largest if largest and math.isfinite(value) else 0.0,
                    }
                )
    return pd.DataFrame.from_records(records, columns=IMPORTANCE_COLUMNS)


def agreement_frame(explanation) -> pd.DataFrame:
    """Per English token and method pair: Spearman's rho (NaN where undefined) and whether the two
    methods name the same most important Korean token (`same_top`): AGREEMENT_COLUMNS."""
    records = []
    for (method_a, method_b), correlations in explanation.spearman.items():
        first, second = explanation.importance[method_a], explanation.importance[method_b]
        for row, english in enumerate(explanation.english_tokens):
            rho = correlations[row]
            records.append(
                {
                    "english_pos": row,
                    "english_token": str(english),
                    "method_a": method_a,
                    "method_b": method_b,
                    "spearman": float("nan") if rho is None else float(rho),
                    "same_top": int(first[row].argmax()) == int(second[row].argmax()),
                }
            )
    return pd.DataFrame.from_records(records, columns=AGREEMENT_COLUMNS)


def head_report_frame(report) -> pd.DataFrame:
    """Every head of a model.heads.Report: HEAD_REPORT_COLUMNS.

    `kind` (an AttentionKind name), `layer`, `head` (0-based), `confidence` (Voita et al.:
    mean largest weight per query), `pattern` (a model.heads.PATTERN_DESCRIPTIONS code, or
    "" when no pattern holds), and for cross-attention heads with gold links precision, recall and AER in the
    standard and the shift reading (NaN otherwise).
    """
    rows = [{column: getattr(head, column) for column in HEAD_REPORT_COLUMNS} for head in report.heads]
    for row in rows:
        row["pattern"] = row["pattern"] or ""  # a text column: pandas would turn None into NaN
    frame = pd.DataFrame.from_records(rows, columns=HEAD_REPORT_COLUMNS)
    for column in HEAD_REPORT_COLUMNS[5:]:
        frame[column] = frame[column].astype("float64")
    return frame.assign(kind=frame["kind"].astype(str))


def layer_alignment_frame(report) -> pd.DataFrame:
    """The layer averages' alignment scores of a model.heads.Report: LAYER_ALIGNMENT_COLUMNS
    (`reading` "standard", "shift" or "norm"); empty without gold links."""
    rows = [
        {
            "reading": reading,
            "layer": layer,
            "precision": score.precision,
            "recall": score.recall,
            "aer": score.alignment_error_rate,
        }
        for reading, scores in report.layer_scores.items()
        for layer, score in enumerate(scores)
    ]
    return pd.DataFrame.from_records(rows, columns=LAYER_ALIGNMENT_COLUMNS)


def word_order_frame(cross: pd.DataFrame, english_count: int) -> pd.DataFrame:
    """One head's cross-attention map (tidy attention rows of one layer and head) as word-order links.

    Keeps the rows of the `english_count` English tokens (the `<eos>` row is left out)
    and adds `link` (True on each English token's most-weighted Korean token, the
    first on a tie) and `crosses` (True on a link whose order disagrees with another
    link's: English i before j but Korean k_i after k_j). Other rows keep
    link = crosses = False, so the chart still knows every Korean token.
    """
    rows = cross[cross["query_pos"] < english_count].sort_values(["query_pos", "key_pos"]).reset_index(drop=True)
    strongest = rows.loc[rows.groupby("query_pos")["weight"].idxmax()]
    links = list(zip(strongest["query_pos"], strongest["key_pos"], strict=True))
    crossing = {
        (english, korean)
        for english, korean in links
        for other_english, other_korean in links
        if (english - other_english) * (korean - other_korean) < 0
    }
    pairs = list(zip(rows["query_pos"], rows["key_pos"], strict=True))
    return rows.assign(link=rows.index.isin(strongest.index), crosses=[pair in crossing for pair in pairs])


def difference_frame(
    first: pd.DataFrame, second: pd.DataFrame, row_label: str = "produced_token", row_count: int | None = None
) -> pd.DataFrame:
    """B − A of two attention maps of one head (tidy rows of one layer and head each, of one kind),
    as a `matrix_frame`: one cell per (query, key) position both maps have.

    Rows are the query positions both maps have, below `row_count` when given (the
    Cross-attention page compares the rows that wrote an English word, `<eos>` left out);
    columns the key positions both have. Rows are labelled from the `row_label` column
    (e.g. "produced_token", or views.kind_frame's "row_label"), columns from "key_token";
    a label is "a / b" where the two maps' tokens differ, the token where they agree.
    `value` = weight in `second` − weight in `first`, in −1..1.
    """
    columns = ["query_pos", "key_pos", row_label, "key_token", "weight"]
    merged = first[columns].merge(second[columns], on=["query_pos", "key_pos"], suffixes=("_a", "_b"))
    if row_count is not None:
        merged = merged[merged["query_pos"] < row_count]
    merged = merged.sort_values(["query_pos", "key_pos"])

    def label(a, b) -> str:
        return str(a) if a == b else f"{a} / {b}"

    return pd.DataFrame(
        {
            "row_pos": merged["query_pos"].to_numpy(),
            "column_pos": merged["key_pos"].to_numpy(),
            "row_label": [label(a, b) for a, b in zip(merged[f"{row_label}_a"], merged[f"{row_label}_b"], strict=True)],
            "column_label": [label(a, b) for a, b in zip(merged["key_token_a"], merged["key_token_b"], strict=True)],
            "value": (merged["weight_b"] - merged["weight_a"]).to_numpy(dtype=np.float64),
            "negative_infinity": False,
        },
        columns=MATRIX_COLUMNS,
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
