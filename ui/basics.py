"""The toy numbers of the "Attention basics" page, as pure functions.

Everything here is plain Python and pandas — no streamlit, no altair, no torch (the
matrix form runs in model/toy.py, on the model's own attention function) — so the page
stays thin and the math is tested directly. Functions return tidy DataFrames that
`ui.charts` draws.

Tidy formats used here:
- points / vectors: one row per point, columns `label` (str), `x`, `y` (float) and
  optional `role` (str) and `size` (float);
- matrices and attention weights: `ui.frames.matrix_frame` and `ui.frames.weights_frame`.
"""

import math

import pandas as pd

from model import toy
from model.attention import AttentionKind

# The translation pair of step 5.
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


def sharpness_comparison(form_unscaled: toy.MatrixForm, form_scaled: toy.MatrixForm) -> pd.DataFrame:
    """Per query token, the largest weight of its row without and with ÷√d_k."""
    return pd.DataFrame(
        {
            "token": list(form_scaled.tokens),
            "unscaled": form_unscaled.largest_weights,
            "scaled": form_scaled.largest_weights,
        }
    )


def dot_product_growth_frame() -> pd.DataFrame:
    """model.toy.dot_product_growth as a frame: columns `d_k`, `series`, `score_std`, `max_weight`, `gradient`."""
    return pd.DataFrame.from_records(toy.dot_product_growth())


def attention_pattern_frame(kind: str) -> pd.DataFrame:
    """Which positions may attend to which, for the translation 나는 학생이다 → i am a student.

    kind (an AttentionKind or its name): encoder self-attention is Korean × Korean, all
    allowed; decoder self-attention is decoder input × decoder input, a key after the
    query blocked; cross-attention is decoder input × Korean, all allowed. Columns: the
    tidy attention positions and tokens, plus `allowed` (bool).
    """
    kind = AttentionKind(kind)
    query_tokens, key_tokens = kind.axis_tokens(KOREAN_TOKENS, DECODER_INPUT_TOKENS)
    return pd.DataFrame.from_records(
        [
            {
                "query_pos": q,
                "key_pos": k,
                "query_token": query_tokens[q],
                "key_token": key_tokens[k],
                "allowed": not (kind.causal and k > q),
            }
            for q in range(len(query_tokens))
            for k in range(len(key_tokens))
        ]
    )
