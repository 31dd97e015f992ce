"""One attention head, computed step by step from the model's own weights.

`explain_head` runs the model once with its explicit attention path (which records
every intermediate, see model.transformer.AttentionRecord), takes the recorded input
of one attention module, and recomputes one head for one query token by hand:

    q = x_query · W_q + b_q          (W_q: that head's d_model × d_head slice)
    K = x_keys  · W_k + b_k,  V = x_keys · W_v + b_v
    scores = q · Kᵀ  ->  ÷ √d_k  ->  −∞ where the mask forbids  ->  softmax  ->  weights · V

(the last line is model.attention.attention_steps, the function the model itself calls)

and puts the result next to what the model itself recorded for that head, so the
difference can be printed. nn.Linear stores its weight as (out, in) and computes
x · Wᵀ + b; the slices here are transposed to (in, out) so the formulas read as the
papers write them.

What-ifs change the recomputation only, never the model: `scale=False` drops ÷√d_k,
`causal=False` lets the decoder's self-attention look ahead, `temperature` divides
the scores before the softmax. The layer input stays the one the model really
computed, so a what-if shows what this one head would do, not what later layers
would make of it. With every what-if at its default the recomputation equals the
model's numbers up to float rounding (≤ 1e-6).

Plain torch: no streamlit here.
"""

from dataclasses import dataclass

import torch

from model.attention import AttentionKind, attention_steps
from model.tokenizer import PAD_ID
from model.transformer import HeadMask, MultiHeadAttention, Transformer

# The model computes in float32; recomputing the same steps in float32 differs from it
# only by the order of the additions, far below this bound.
AGREEMENT_TOLERANCE = 1e-6


@dataclass
class HeadExplanation:
    """Every step of one head for one query token, and the model's own numbers.

    Shapes: D d_model, d d_head, K the number of keys. Positions are 0-based; for
    "encoder_self" queries and keys are source positions, for "decoder_self" both are
    decoder positions, for "cross" the query is a decoder position and the keys are
    source positions (the encoder's output).
    """

    kind: AttentionKind
    layer: int
    head: int
    query: int  # position of the query token
    scale: bool  # what-if settings used for the recomputation
    causal: bool
    temperature: float
    query_input: torch.Tensor  # (Q, D) the normalised layer input that W_q multiplies (every query position)
    key_input: torch.Tensor  # (K, D) what W_k and W_v multiply (the encoder output for "cross")
    w_query: torch.Tensor  # (D, d) this head's slice of W_q, as x · W_q
    b_query: torch.Tensor  # (d,)
    w_key: torch.Tensor  # (D, d)
    b_key: torch.Tensor  # (d,)
    w_value: torch.Tensor  # (D, d)
    b_value: torch.Tensor  # (d,)
    q: torch.Tensor  # (d,) the query token's vector
    keys: torch.Tensor  # (K, d) K
    values: torch.Tensor  # (K, d) V
    scores: torch.Tensor  # (K,) q · k for every key
    scaled: torch.Tensor  # (K,) scores ÷ √d_k (equal to scores when scale is off)
    allowed: torch.Tensor  # (K,) bool: may the query look at this key (padding, and causal when on)
    masked: torch.Tensor  # (K,) scaled ÷ temperature, −∞ where not allowed (the softmax's input)
    weights: torch.Tensor  # (K,) softmax of masked
    weighted_values: torch.Tensor  # (K, d) weight_k · v_k, the rows the output sums
    output: torch.Tensor  # (d,) the head's output for this query
    model_q: torch.Tensor  # (d,) what the model recorded
    model_keys: torch.Tensor  # (K, d)
    model_values: torch.Tensor  # (K, d)
    model_scores: torch.Tensor  # (K,) raw q · k
    model_allowed: torch.Tensor  # (K,) bool
    model_weights: torch.Tensor  # (K,)
    model_output: torch.Tensor  # (d,) AttentionRecord.head_outputs for this head and query
    head_weights: torch.Tensor  # (Q, K) the recomputed weights of every query of this head
    model_head_weights: torch.Tensor  # (Q, K) the model's weights of every query of this head

    @property
    def d_head(self) -> int:
        return self.q.shape[-1]

    @property
    def is_what_if(self) -> bool:
        """True when any setting differs from what the model does."""
        default_causal = self.causal or not self.kind.causal
        return not (self.scale and default_causal and self.temperature == 1.0)

    @property
    def output_difference(self) -> float:
        """Largest |recomputed − model| over the head's output vector."""
        return float((self.output - self.model_output).abs().max())

    @property
    def weights_difference(self) -> float:
        """Largest |recomputed − model| over the attention weights of this query."""
        return float((self.weights - self.model_weights).abs().max())

    @property
    def step_differences(self) -> dict[str, float]:
        """Largest |recomputed − model| of each intermediate the model records: q, keys, values, scores."""
        pairs = {
            "q": (self.q, self.model_q),
            "keys": (self.keys, self.model_keys),
            "values": (self.values, self.model_values),
            "scores": (self.scores, self.model_scores),
        }
        return {name: float((mine - model).abs().max()) for name, (mine, model) in pairs.items()}

    @property
    def score_pipeline(self) -> torch.Tensor:
        """(3, K): the scores, the scaled scores and the masked scores, one row per step."""
        return torch.stack([self.scores, self.scaled, self.masked])

    @property
    def matches_model(self) -> bool:
        return max(self.output_difference, self.weights_difference) <= AGREEMENT_TOLERANCE


def attention_module(model: Transformer, kind: str, layer: int) -> MultiHeadAttention:
    """The MultiHeadAttention that computes `kind` attention in `layer`."""
    kind = AttentionKind(kind)
    if kind is AttentionKind.ENCODER_SELF:
        return model.encoder.layers[layer].self_attention
    if kind is AttentionKind.DECODER_SELF:
        return model.decoder.layers[layer].self_attention
    return model.decoder.layers[layer].cross_attention


def layer_count(model: Transformer, kind: str) -> int:
    """How many layers of `model` compute `kind` attention."""
    return AttentionKind(kind).layer_count(model.config)


def head_projection(linear: torch.nn.Linear, head: int, d_head: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(W, b) of one head from an nn.Linear: W (d_model, d_head) so that x · W + b is that head's slice."""
    rows = slice(head * d_head, (head + 1) * d_head)
    return linear.weight[rows].T, linear.bias[rows]  # weight is (out, in): rows are output features


def as_batch(ids) -> torch.Tensor:
    """Token ids as a (1, length) long tensor (accepts a list, a 1-D or a (1, length) tensor)."""
    ids = torch.as_tensor(ids, dtype=torch.long)
    return ids[None] if ids.dim() == 1 else ids


@torch.no_grad()
def explain_head(
    model: Transformer,
    source_ids,
    target_ids,
    kind: str,
    layer: int,
    head: int,
    query: int,
    scale: bool = True,
    causal: bool = True,
    temperature: float = 1.0,
) -> HeadExplanation:
    """Recompute head `head` of `kind` attention in `layer` for query position `query`.

    `source_ids` are the Korean token ids, `target_ids` the decoder input (<bos> +
    English ids), one sentence each. `causal` matters for "decoder_self" only.
    Raises ValueError for an unknown kind, a layer, head or query out of range, or a
    temperature that is not positive.
    """
    kind = AttentionKind(kind)
    if not 0 <= layer < layer_count(model, kind):
        raise ValueError(f"layer {layer} is out of range for {kind} (0..{layer_count(model, kind) - 1})")
    if not 0 <= head < model.config.n_heads:
        raise ValueError(f"head {head} is out of range (0..{model.config.n_heads - 1})")
    source, target = as_batch(source_ids), as_batch(target_ids)
    _, inspection = model.inspect(source, target)
    record = inspection.records(kind)[layer]
    if not 0 <= query < record.query_input.shape[1]:
        raise ValueError(f"query {query} is out of range (0..{record.query_input.shape[1] - 1})")

    module = attention_module(model, kind, layer)
    d_head = module.d_head
    query_input, key_input = record.query_input[0], record.key_input[0]  # (Q, D), (K, D)
    w_query, b_query = head_projection(module.query, head, d_head)
    w_key, b_key = head_projection(module.key, head, d_head)
    w_value, b_value = head_projection(module.value, head, d_head)

    # The whole head in matrix form, every query at once and with the batch axis the
    # model has: float32 sums then run in the model's order, and the numbers agree to
    # the last bit or nearly (a (Q, d) matmul without the batch axis can take another
    # kernel and differ by a few 1e-6 on scores near 100).
    queries = (query_input @ w_query + b_query)[None]  # (1, Q, d)
    keys = (key_input @ w_key + b_key)[None]  # (1, K, d)
    values = (key_input @ w_value + b_value)[None]  # (1, K, d)
    query_count, key_count = queries.shape[1], keys.shape[1]
    # The recorded mask broadcasts over heads (and over queries for the padding-only masks).
    head_allowed = record.steps.allowed[0, 0 if record.steps.allowed.shape[1] == 1 else head]
    model_allowed = head_allowed.expand(query_count, key_count)  # (Q, K)
    # The mask without its causal part (only padding), so that `causal` decides the rest.
    padding_allowed = (target[0] != PAD_ID).expand(query_count, key_count) if kind.causal else model_allowed
    steps = attention_steps(
        queries, keys, values, padding_allowed, scale=scale, causal=kind.causal and causal, temperature=temperature
    )
    scores, scaled, masked, weights, outputs = steps.scores, steps.scaled, steps.logits, steps.weights, steps.output
    allowed = steps.allowed.expand(query_count, key_count)
    row = (0, query)
    keys, values = keys[0], values[0]  # (K, d)
    weighted_values = weights[row][:, None] * values  # (K, d): the rows the output sums

    return HeadExplanation(
        kind=kind,
        layer=layer,
        head=head,
        query=query,
        scale=scale,
        causal=causal,
        temperature=float(temperature),
        query_input=query_input,
        key_input=key_input,
        w_query=w_query.detach().clone(),
        b_query=b_query.detach().clone(),
        w_key=w_key.detach().clone(),
        b_key=b_key.detach().clone(),
        w_value=w_value.detach().clone(),
        b_value=b_value.detach().clone(),
        q=queries[row],
        keys=keys,
        values=values,
        scores=scores[row],
        scaled=scaled[row],
        allowed=allowed[query].clone(),
        masked=masked[row],
        weights=weights[row],
        weighted_values=weighted_values,
        output=outputs[row],
        model_q=record.q[0, head, query],
        model_keys=record.k[0, head],
        model_values=record.v[0, head],
        model_scores=record.steps.scores[0, head, query],
        model_allowed=model_allowed[query].clone(),
        model_weights=record.steps.weights[0, head, query],
        model_output=record.head_outputs[0, head, query],
        head_weights=weights[0],
        model_head_weights=record.steps.weights[0, head],
    )


def head_mask_without(model: Transformer, heads_off) -> HeadMask | None:
    """A HeadMask silencing the (kind, layer, head) triples in `heads_off`; None when it is empty.

    The mask is passed to the forward pass; the model itself is never changed.
    """
    heads_off = sorted(set(heads_off))
    if not heads_off:
        return None
    for kind, layer, head in heads_off:
        if not 0 <= layer < layer_count(model, kind) or not 0 <= head < model.config.n_heads:
            raise ValueError(f"there is no head {head} in layer {layer} of {kind}")
    return HeadMask.without(model.config, heads_off)


@dataclass
class MaskStages:
    """The decoder's masked self-attention of one sentence, stage by stage; each (L, H, T, T)."""

    scores: torch.Tensor  # q · k
    scaled: torch.Tensor  # q · k / √d_k
    allowed: torch.Tensor  # bool: may the query see the key (not ahead, not padding)
    masked: torch.Tensor  # scaled, −∞ where not allowed
    weights: torch.Tensor  # softmax of each masked row: what the model used


@torch.no_grad()
def decoder_mask_stages(model: Transformer, source_ids, target_ids) -> MaskStages:
    """Every decoder layer's self-attention steps, as the model's explicit path recorded them.

    `source_ids` are the Korean token ids, `target_ids` the decoder input, one sentence each.
    """
    _, inspection = model.inspect(as_batch(source_ids), as_batch(target_ids))
    steps = [record.steps for record in inspection.decoder_self]

    def stacked(name: str) -> torch.Tensor:  # per layer (1, H, T, T) -> (L, H, T, T)
        return torch.stack([getattr(step, name)[0].expand_as(step.scores[0]) for step in steps])

    return MaskStages(*(stacked(name) for name in ("scores", "scaled", "allowed", "masked", "weights")))
