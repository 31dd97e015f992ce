"""Scaled dot-product attention written out step by step, and the three kinds of attention.

`attention_steps` is the one place the steps of softmax(QKᵀ/√d_k + mask)·V are written:

    scores  = q · kᵀ                         (..., Q, K)
    scaled  = scores / √d_k                  (scores itself when scale is off)
    masked  = scaled, −∞ where not allowed   (padding, and keys after the query when causal)
    logits  = scaled / temperature, masked   (what the softmax reads; masked itself at T = 1)
    weights = softmax(logits)                each row sums to 1
    output  = weights · v                    (..., Q, d)

The model's explicit path (model.transformer.MultiHeadAttention), the head recomputed on
Under the hood (model.inspect.explain_head), the decoder page's mask stages and the toy
matrix form of the Basics page (model.toy) all call it, so the numbers a learner sees
are the numbers the model computes. The what-ifs (scale off, causal mask off, a
temperature) are its arguments. Plain torch: no streamlit here.
"""

import math
from dataclasses import dataclass
from enum import StrEnum

import torch
import torch.nn.functional as F


class AttentionKind(StrEnum):
    """The three attention modules of the encoder-decoder, with what tells them apart.

    Its values are the names used everywhere (frames' `kind` column, text keys, file
    names): "encoder_self", "decoder_self", "cross". `AttentionKind(name)` raises
    ValueError for any other name.
    """

    ENCODER_SELF = "encoder_self"  # the source attends to the source
    DECODER_SELF = "decoder_self"  # the decoder input attends to itself, never ahead (causal)
    CROSS = "cross"  # the decoder input attends to the encoder's output

    @property
    def sides(self) -> tuple["Side", "Side"]:
        """(where the queries come from, where the keys come from)."""
        return SIDES[self]

    @property
    def causal(self) -> bool:
        """True when a query may not look at later keys (the decoder's self-attention)."""
        return self is AttentionKind.DECODER_SELF

    @property
    def in_decoder(self) -> bool:
        """True for the two kinds computed in the decoder's layers (their queries are decoder positions)."""
        return self.sides[0] is Side.DECODER

    def layer_count(self, config) -> int:
        """How many layers of a model.config.ModelConfig compute this kind."""
        return config.n_decoder_layers if self.in_decoder else config.n_encoder_layers

    def axis_tokens(self, source_tokens, decoder_tokens) -> tuple[list, list]:
        """(query tokens, key tokens) of this kind's maps, from the source and the decoder input."""
        tokens = {Side.SOURCE: list(source_tokens), Side.DECODER: list(decoder_tokens)}
        return tokens[self.sides[0]], tokens[self.sides[1]]


class Side(StrEnum):
    """Where an attention map's queries or keys come from."""

    SOURCE = "source"  # the Korean tokens the encoder reads (for cross-attention: its output)
    DECODER = "decoder"  # the decoder input: <bos> + the English so far


SIDES = {
    AttentionKind.ENCODER_SELF: (Side.SOURCE, Side.SOURCE),
    AttentionKind.DECODER_SELF: (Side.DECODER, Side.DECODER),
    AttentionKind.CROSS: (Side.DECODER, Side.SOURCE),
}


@dataclass
class AttentionSteps:
    """Every intermediate of `attention_steps`, in the shapes of its inputs: (..., Q, K) and (..., Q, d)."""

    scores: torch.Tensor  # q · kᵀ
    scaled: torch.Tensor  # scores / √d_k, or scores when scale is off
    allowed: torch.Tensor  # bool, broadcastable to (..., Q, K): may this query look at this key
    masked: torch.Tensor  # scaled with −∞ where not allowed
    logits: torch.Tensor  # scaled / temperature with −∞ where not allowed: what the softmax reads
    weights: torch.Tensor  # softmax(logits), each row sums to 1
    output: torch.Tensor  # weights · v (with dropout on the weights while training)


def causal_allowed(query_count: int, key_count: int, device=None) -> torch.Tensor:
    """(Q, K) bool, True where key ≤ query. With fewer queries than keys the queries are the
    last positions (incremental decoding), so query i sits at position key_count − query_count + i."""
    return torch.ones(query_count, key_count, dtype=torch.bool, device=device).tril(key_count - query_count)


def attention_steps(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    allowed: torch.Tensor | None = None,
    scale: bool = True,
    causal: bool = False,
    temperature: float = 1.0,
    dropout: float = 0.0,
) -> AttentionSteps:
    """softmax(q·kᵀ/√d_k + mask)·v, keeping every step (see the module docstring).

    q (..., Q, d), k and v (..., K, d). `allowed` (bool, broadcastable to (..., Q, K)):
    True where a query may look at a key; None allows every key. `causal` further hides
    keys after the query; `scale` False drops the ÷√d_k; `temperature` divides the
    scores before the softmax (+inf gives uniform weights); `dropout` drops weights
    (training only). Raises ValueError when the temperature is not positive.
    """
    if not temperature > 0:  # also refuses NaN
        raise ValueError(f"the temperature must be positive (got {temperature})")
    query_count, key_count = q.shape[-2], k.shape[-2]
    if allowed is None:
        allowed = torch.ones(query_count, key_count, dtype=torch.bool, device=q.device)
    if causal:
        allowed = allowed & causal_allowed(query_count, key_count, q.device)
    scores = q @ k.transpose(-2, -1)  # (..., Q, K)
    scaled = scores / math.sqrt(q.shape[-1]) if scale else scores
    masked = scaled.masked_fill(~allowed, float("-inf"))
    # Divided before masking: an infinite temperature makes every allowed logit 0 (−∞ / ∞ is NaN).
    logits = masked if temperature == 1.0 else (scaled / temperature).masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(logits, dim=-1)
    output = (F.dropout(weights, dropout) if dropout > 0 else weights) @ v  # (..., Q, d)
    return AttentionSteps(scores, scaled, allowed, masked, logits, weights, output)
