"""The toy numbers of the "Attention basics" page, as pure functions.

Everything here is plain Python, torch and pandas — no streamlit, no altair — so the
page stays thin and the math is tested directly. Functions return either small
dataclasses of tensors or tidy DataFrames that `ui.charts` draws.

Tidy formats used here:
- points / vectors: one row per point, columns `label` (str), `x`, `y` (float) and
  optional `role` (str) and `size` (float);
- matrices (`matrix_frame`): one row per cell, columns `row_pos`, `column_pos`
  (0-based ints), `row_label`, `column_label` (str), `value` (float, NaN where the
  cell is −∞) and `negative_infinity` (bool) — what `ui.charts.matrix_heatmap` draws;
- attention (`attention_frame`): the app-wide format of docs/ARCHITECTURE.md —
  `query_pos`, `key_pos`, `query_token`, `key_token`, `weight`.
"""

import math
from dataclasses import dataclass

import pandas as pd
import torch

# The post's sentence for the matrix form, and the translation pair of step 5.
SENTENCE = ("i", "am", "a", "student")
KOREAN_TOKENS = (
    "나",
    "는",
    "학생",
    "이다",
)  # 나는 학생이다, split as model/tokenizer.py does
DECODER_INPUT_TOKENS = ("<bos>", "i", "am", "a", "student")  # what the decoder reads

# The weighted-sum example: C = w·A + (1 − w)·B.
POINT_A = (1.0, 4.0)
POINT_B = (5.0, 1.0)

# The post's dot products: [2,3]·[4,5] = 23 and [2,3]·[-5,2] = -4.
DOT_PRESETS = (((2.0, 3.0), (4.0, 5.0)), ((2.0, 3.0), (-5.0, 2.0)))

# One query against four keys (2-D so they can be drawn). k₂ is less aligned with q
# than k₁ but longer, so it wins the dot product: a deliberate trap for the
# "predict first" question, because the dot product counts length as well as angle.
QUERY = (1.5, 0.75)
KEY_LABELS = ("k₁", "k₂", "k₃", "k₄")
KEYS = ((0.9, 0.5), (0.6, 1.6), (-0.8, 0.3), (0.4, -0.9))
VALUE_LABELS = ("v₁", "v₂", "v₃", "v₄")
VALUES = ((1.0, 3.0), (4.0, 4.0), (0.0, 0.0), (3.0, 0.5))

# Matrix form: small sizes so every number fits on screen.
D_MODEL = 4
D_K = 3
MATRIX_SEED = 0

MATRIX_COLUMNS = ["row_pos", "column_pos", "row_label", "column_label", "value", "negative_infinity"]
ATTENTION_COLUMNS = ["query_pos", "key_pos", "query_token", "key_token", "weight"]


def weighted_sum_point(weight_a: float, a=POINT_A, b=POINT_B) -> tuple[float, float]:
    """C = weight_a·A + (1 − weight_a)·B: C holds weight_a of A and the rest of B."""
    weight_b = 1.0 - weight_a
    return (weight_a * a[0] + weight_b * b[0], weight_a * a[1] + weight_b * b[1])


def weighted_sum_points_frame(weight_a: float, a=POINT_A, b=POINT_B) -> pd.DataFrame:
    """A, B and C = weight_a·A + (1 − weight_a)·B as a points frame."""
    c = weighted_sum_point(weight_a, a, b)
    return pd.DataFrame(
        {
            "label": ["A", "B", "C"],
            "x": [a[0], b[0], c[0]],
            "y": [a[1], b[1], c[1]],
            "role": ["input", "input", "output"],
        }
    )


def dot_product(u, v) -> float:
    """Σ uᵢ·vᵢ."""
    return float(sum(ui * vi for ui, vi in zip(u, v, strict=True)))


def _number(value: float) -> str:
    """A number as a person writes it: 2 not 2.0, 0.5 as 0.5."""
    return f"{value:g}"


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable_number(value: float, decimals: int = 3) -> str:
    """`value` with `decimals` decimals, or as 4.4 × 10⁻¹⁴ when that would print a positive number as 0.000."""
    if value == 0 or abs(value) >= 10**-decimals:
        return f"{value:.{decimals}f}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPTS)}"


def dot_product_arithmetic(u, v) -> str:
    """The sum written out, e.g. "(2×-5) + (3×2) = -10 + 6 = -4"."""
    terms = [f"({_number(ui)}×{_number(vi)})" for ui, vi in zip(u, v, strict=True)]
    products = [_number(ui * vi) for ui, vi in zip(u, v, strict=True)]
    return f"{' + '.join(terms)} = {' + '.join(products)} = {_number(dot_product(u, v))}"


def vectors_frame(labels, vectors, roles=None) -> pd.DataFrame:
    """Vectors drawn as arrows from the origin."""
    return pd.DataFrame(
        {
            "label": list(labels),
            "x": [float(vector[0]) for vector in vectors],
            "y": [float(vector[1]) for vector in vectors],
            "role": list(roles) if roles is not None else list(labels),
        }
    )


def softmax(scores, temperature: float = 1.0) -> list[float]:
    """exp(sᵢ / T) / Σⱼ exp(sⱼ / T), computed stably (the max is subtracted first)."""
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    scaled = [score / temperature for score in scores]
    largest = max(scaled)
    exponentials = [math.exp(score - largest) for score in scaled]
    total = sum(exponentials)
    return [value / total for value in exponentials]


def query_key_frame(query=QUERY, keys=KEYS, labels=KEY_LABELS, temperature: float = 1.0) -> pd.DataFrame:
    """One query against several keys: score = q·k, exp(score / T), weight = exp ÷ sum.

    Columns: `key_pos`, `key_token` (the key's label), `key` (the vector as text),
    `score`, `exp` (of score / T, unshifted so the column is what the post shows),
    `weight` (the softmax; sums to 1), `is_max` (the highest-weight key).
    """
    scores = [dot_product(query, key) for key in keys]
    weights = softmax(scores, temperature)
    top = max(range(len(weights)), key=weights.__getitem__)
    return pd.DataFrame(
        {
            "key_pos": list(range(len(keys))),
            "key_token": list(labels),
            "key": [f"[{', '.join(_number(x) for x in key)}]" for key in keys],
            "score": scores,
            "exp": [math.exp(score / temperature) for score in scores],
            "weight": weights,
            "is_max": [index == top for index in range(len(keys))],
        }
    )


def weighted_value(weights, values=VALUES) -> tuple[float, ...]:
    """Σ wᵢ·vᵢ: the output of attention for one query."""
    dimensions = len(values[0])
    return tuple(sum(w * value[d] for w, value in zip(weights, values, strict=True)) for d in range(dimensions))


def weighted_value_frame(weights, values=VALUES, labels=VALUE_LABELS) -> pd.DataFrame:
    """One row per value: its weight, the vector, and weight × vector (the summands)."""
    return pd.DataFrame(
        {
            "value_token": list(labels),
            "weight": list(weights),
            "value_x": [value[0] for value in values],
            "value_y": [value[1] for value in values],
            "weighted_x": [w * value[0] for w, value in zip(weights, values, strict=True)],
            "weighted_y": [w * value[1] for w, value in zip(weights, values, strict=True)],
        }
    )


def weighted_value_points_frame(weights, values=VALUES, labels=VALUE_LABELS, output_label="o") -> pd.DataFrame:
    """The values as points sized by their weight, plus the output point."""
    output = weighted_value(weights, values)
    return pd.DataFrame(
        {
            "label": [*labels, output_label],
            "x": [value[0] for value in values] + [output[0]],
            "y": [value[1] for value in values] + [output[1]],
            "role": ["input"] * len(values) + ["output"],
            "size": list(weights) + [1.0],
        }
    )


@dataclass
class MatrixForm:
    """Every matrix of one self-attention head on a toy sentence.

    Shapes: x (T, d_model); w_query, w_key, w_value (d_model, d_k); query, key, value
    (T, d_k); scores = QKᵀ (T, T); scaled = scores / √d_k, or scores when not scaling;
    masked = scaled with −∞ above the diagonal when causal; weights (T, T); output (T, d_k).
    """

    tokens: tuple[str, ...]
    x: torch.Tensor
    w_query: torch.Tensor
    w_key: torch.Tensor
    w_value: torch.Tensor
    query: torch.Tensor
    key: torch.Tensor
    value: torch.Tensor
    scores: torch.Tensor
    scaled: torch.Tensor
    masked: torch.Tensor
    weights: torch.Tensor
    output: torch.Tensor


def toy_embeddings_and_projections(seed: int = MATRIX_SEED, d_model: int = D_MODEL, d_k: int = D_K, length: int = 4):
    """Seeded X (length, d_model) and W_q, W_k, W_v (d_model, d_k), rounded to one decimal.

    Rounding keeps every number readable on screen; the seed keeps them the same on
    every run and every machine.
    """
    generator = torch.Generator().manual_seed(seed)
    x = torch.round(torch.randn(length, d_model, generator=generator), decimals=1)
    projections = [torch.round(0.5 * torch.randn(d_model, d_k, generator=generator), decimals=1) for _ in range(3)]
    return x, *projections


def causal_mask(length: int) -> torch.Tensor:
    """True where a query may NOT look: keys after the query (above the diagonal)."""
    return torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)


def matrix_form(
    scale: bool = True,
    causal: bool = False,
    temperature: float = 1.0,
    tokens=SENTENCE,
    seed: int = MATRIX_SEED,
) -> MatrixForm:
    """softmax(QKᵀ / √d_k + mask) V on the toy sentence, keeping every step."""
    x, w_query, w_key, w_value = toy_embeddings_and_projections(seed=seed, length=len(tokens))
    query, key, value = x @ w_query, x @ w_key, x @ w_value  # (T, d_k) each
    scores = query @ key.T  # (T, T)
    d_k = query.shape[-1]
    scaled = scores / math.sqrt(d_k) if scale else scores.clone()
    masked = scaled.masked_fill(causal_mask(len(tokens)), float("-inf")) if causal else scaled.clone()
    weights = torch.softmax(masked / temperature, dim=-1)  # each row sums to 1
    output = weights @ value  # (T, d_k)
    return MatrixForm(
        tuple(tokens),
        x,
        w_query,
        w_key,
        w_value,
        query,
        key,
        value,
        scores,
        scaled,
        masked,
        weights,
        output,
    )


def matrix_frame(matrix: torch.Tensor, row_labels, column_labels) -> pd.DataFrame:
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


def matrix_table(matrix: torch.Tensor, row_labels, column_labels, decimals: int = 2) -> pd.DataFrame:
    """A 2-D tensor as a labelled table for st.dataframe (−∞ kept as -inf)."""
    return pd.DataFrame(
        matrix.detach().double().numpy().round(decimals),
        index=list(row_labels),
        columns=list(column_labels),
    )


def dimension_labels(count: int, prefix: str = "d") -> list[str]:
    """Column labels for feature dimensions: d0, d1, …"""
    return [f"{prefix}{index}" for index in range(count)]


def attention_frame(weights: torch.Tensor, query_tokens, key_tokens) -> pd.DataFrame:
    """A (Q, K) weight matrix in the app-wide tidy attention format."""
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
        columns=ATTENTION_COLUMNS,
    )


def sharpness_comparison(form_unscaled: MatrixForm, form_scaled: MatrixForm) -> pd.DataFrame:
    """Per query token, the largest weight of its row without and with ÷√d_k."""
    return pd.DataFrame(
        {
            "token": list(form_scaled.tokens),
            "unscaled": form_unscaled.weights.max(dim=-1).values.tolist(),
            "scaled": form_scaled.weights.max(dim=-1).values.tolist(),
        }
    )


def dot_product_growth(
    dimensions=(2, 4, 8, 16, 32, 64, 128, 256, 512),
    samples: int = 256,
    keys: int = 8,
    seed: int = 0,
):
    """Why ÷√d_k: with unit-variance entries, q·k has standard deviation √d_k.

    For each d_k, draws `samples` queries against `keys` random keys and reports the
    spread of the scores and the mean largest softmax weight, unscaled and scaled.
    Unscaled, the softmax saturates (one weight → 1) and its gradient vanishes.
    Columns: `d_k`, `series` ("unscaled" | "scaled"), `score_std`, `max_weight`,
    `gradient` (mean Frobenius norm of the softmax Jacobian diag(p) − ppᵀ).
    """
    generator = torch.Generator().manual_seed(seed)
    records = []
    for d_k in dimensions:
        query = torch.randn(samples, 1, d_k, generator=generator)
        key = torch.randn(samples, keys, d_k, generator=generator)
        scores = (query @ key.transpose(1, 2)).squeeze(1)  # (samples, keys)
        for series, divisor in (("unscaled", 1.0), ("scaled", math.sqrt(d_k))):
            probabilities = torch.softmax(scores / divisor, dim=-1)
            jacobian = torch.diag_embed(probabilities) - probabilities.unsqueeze(2) * probabilities.unsqueeze(1)
            records.append(
                {
                    "d_k": d_k,
                    "series": series,
                    "score_std": float((scores / divisor).std()),
                    "max_weight": float(probabilities.max(dim=-1).values.mean()),
                    "gradient": float(jacobian.flatten(1).norm(dim=-1).mean()),
                }
            )
    return pd.DataFrame.from_records(records)


def attention_pattern_frame(kind: str) -> pd.DataFrame:
    """Which positions may attend to which, for the translation 나는 학생이다 → i am a student.

    kind: "encoder_self" (Korean × Korean, all allowed), "decoder_self" (decoder input
    × decoder input, a key after the query is blocked), "cross" (decoder input ×
    Korean, all allowed). Columns: the tidy attention positions and tokens, plus
    `allowed` (bool).
    """
    if kind == "encoder_self":
        query_tokens, key_tokens = KOREAN_TOKENS, KOREAN_TOKENS
    elif kind == "decoder_self":
        query_tokens, key_tokens = DECODER_INPUT_TOKENS, DECODER_INPUT_TOKENS
    elif kind == "cross":
        query_tokens, key_tokens = DECODER_INPUT_TOKENS, KOREAN_TOKENS
    else:
        raise ValueError(f"unknown attention kind: {kind}")
    return pd.DataFrame.from_records(
        [
            {
                "query_pos": q,
                "key_pos": k,
                "query_token": query_tokens[q],
                "key_token": key_tokens[k],
                "allowed": not (kind == "decoder_self" and k > q),
            }
            for q in range(len(query_tokens))
            for k in range(len(key_tokens))
        ]
    )
