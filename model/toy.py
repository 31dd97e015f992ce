"""The toy numbers of the Attention basics page that take torch: the matrix form on a toy
sentence, and why the scores are divided by √d_k.

The matrix form runs model.attention.attention_steps, the function the model itself
calls, on seeded toy inputs small enough to print every number. Plain torch and
Python: no streamlit, no pandas (ui/basics.py and ui/frames.py turn these into frames).
"""

import math
from dataclasses import dataclass

import torch

from model.attention import attention_steps

# The post's sentence for the matrix form.
SENTENCE = ("i", "am", "a", "student")

# Small sizes so every number fits on screen.
D_MODEL = 4
D_K = 3
MATRIX_SEED = 0


@dataclass
class MatrixForm:
    """Every matrix of one self-attention head on a toy sentence.

    Shapes: x (T, d_model); w_query, w_key, w_value (d_model, d_k); query, key, value
    (T, d_k); from model.attention.attention_steps: scores = QKᵀ (T, T); scaled = scores / √d_k, or scores when not
    scaling; masked = scaled with −∞ above the diagonal when causal; weights (T, T);
    output (T, d_k).
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

    @property
    def largest_weights(self) -> list[float]:
        """The largest weight of each query's row: how sharp its attention is."""
        return self.weights.max(dim=-1).values.tolist()


def toy_embeddings_and_projections(seed: int = MATRIX_SEED, d_model: int = D_MODEL, d_k: int = D_K, length: int = 4):
    """Seeded X (length, d_model) and W_q, W_k, W_v (d_model, d_k), rounded to one decimal.

    Rounding keeps every number readable on screen; the seed keeps them the same on
    every run and every machine.
    """
    generator = torch.Generator().manual_seed(seed)
    x = torch.round(torch.randn(length, d_model, generator=generator), decimals=1)
    projections = [torch.round(0.5 * torch.randn(d_model, d_k, generator=generator), decimals=1) for _ in range(3)]
    return x, *projections


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
    steps = attention_steps(query, key, value, scale=scale, causal=causal, temperature=temperature)
    return MatrixForm(
        tuple(tokens), x, w_query, w_key, w_value, query, key, value,
        steps.scores, steps.scaled, steps.masked, steps.weights, steps.output,
    )  # fmt: skip


def causal_change(scale: bool = True, temperature: float = 1.0) -> torch.Tensor:
    """(T, d_k): the causal mask's change of the output, masked minus unmasked."""
    masked = matrix_form(scale=scale, causal=True, temperature=temperature)
    unmasked = matrix_form(scale=scale, causal=False, temperature=temperature)
    return masked.output - unmasked.output


def dot_product_growth(
    dimensions=(2, 4, 8, 16, 32, 64, 128, 256, 512),
    samples: int = 256,
    keys: int = 8,
    seed: int = 0,
) -> list[dict]:
    """Why ÷√d_k: with unit-variance entries, q·k has standard deviation √d_k.

    For each d_k, draws `samples` queries against `keys` random keys and reports the
    spread of the scores and the mean largest softmax weight, unscaled and scaled.
    Unscaled, the softmax saturates (one weight → 1) and its gradient vanishes.
    One record per (d_k, series): `d_k`, `series` ("unscaled" | "scaled"), `score_std`,
    `max_weight`, `gradient` (mean Frobenius norm of the softmax Jacobian diag(p) − ppᵀ).
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
    return records
