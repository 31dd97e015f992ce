"""Is attention an explanation? Four answers to "which Korean tokens mattered for this English word?"

For one Translation (model.decoding.translate) and each English token it produced
(decoder rows 0 .. n−1; the `<eos>` row is left out), `explain` computes four
importance vectors over the Korean tokens, each (n, S):

- "attention": the raw cross-attention weights α of one head, or the mean of the
  layer's heads.
- "value_norm": ‖α·f(x)‖ (Kobayashi et al., EMNLP 2020, "Attention is not only a
  weight"), where f(x_s) = v_s · W_Oᵀ is key s's value vector carried through that
  head's slice of the output projection (the bias of W_O is left out, as it does not
  depend on s). For one head ‖α_h f_h(x_s)‖ = α_h · ‖f_h(x_s)‖; for a layer, the norm
  of the sum over heads ‖Σ_h α_h f_h(x_s)‖. As in their code
  (gorokoba560/norm-analysis-of-transformer, `emnlp2020/fairseq/.../multihead_attention.py`:
  `transformed_vectors = v.matmul(dense)`, `weighted_vector_norm`,
  `summed_weighted_vector_norm`).
- "rollout": attention rollout (Abnar & Zuidema, ACL 2020; samiraabnar/attention_flow,
  `compute_joint_attention`: add the identity, renormalise rows, multiply layer by
  layer), with every residual attention sub-layer read as Â = 0.5·A + 0.5·I and A the
  mean of the layer's heads. In an encoder-decoder the information reaching decoder
  row j has two sources, Korean tokens (through cross-attention) and English input
  tokens (through decoder self-attention), so the rollout runs over both:
  every decoder position holds a distribution D over the S Korean tokens and the T
  decoder inputs, starting from itself (D = [0 | I]); decoder self-attention mixes
  D ← 0.5·D + 0.5·A_self·D; cross-attention brings in the encoder's output, whose
  own provenance over the Korean tokens is the encoder rollout R = Â_L ⋯ Â_1, so
  D ← 0.5·D + 0.5·A_cross·[R | 0]. The Korean part of D's row j, renormalised to sum
  to 1, is the importance (its unnormalised sum, `source_share`, says how much of the
  row came from Korean at all). Feed-forward layers, like the paper's, are ignored.
  Rollout is a property of the whole model: it does not depend on the chosen head.
- "leave_one_out": no attention at all. Each Korean token in turn is replaced by
  `<pad>` (so no attention can reach it, and every other token keeps its position),
  the decoder reads the same output (teacher forcing), and the importance is how much
  the probability of the produced English token drops: p(y_j | all) − p(y_j | without s).
  It can be negative (the word becomes more likely without that token). One
  batched forward pass of S + 1 copies.

Agreement: Spearman's rank correlation (ties get average ranks) between every pair of
methods, per English token, and one number per pair, the mean over English tokens
(None where undefined: fewer than two Korean tokens, or a constant vector). Spearman
ranks every Korean token, also the many that barely matter, whose order is noise
(leave-one-out is ~0 for most of them); so `top_agreement` adds the plainer question
"do the two methods name the same most important Korean token?" (share of English tokens).

How to read it (Jain & Wallace, NAACL 2019, "Attention is not Explanation";
Wiegreffe & Pinter, EMNLP 2019, "Attention is not not Explanation"): Jain & Wallace
found that attention often correlates weakly with gradient and leave-one-out
importance, so a heat map alone need not say what the model used; Wiegreffe & Pinter
answer that attention can still be *an* explanation, to be tested, not assumed. A
high rank correlation between "attention" and "leave_one_out" here says that, for this
model and sentence, the tokens it looks at are the tokens it needs; a low one says
the attention map is not a faithful account on its own.

Plain torch; no streamlit.
"""

import math
from dataclasses import dataclass

import torch

from model.tokenizer import PAD_ID

METHODS = ("attention", "value_norm", "rollout", "leave_one_out")
METHOD_PAIRS = tuple((a, b) for index, a in enumerate(METHODS) for b in METHODS[index + 1 :])


@dataclass
class Explanation:
    """The four importance vectors of every English token of one translation.

    importance: {method: (n, S) tensor}, row j for English token j (= output_tokens[j]),
        column s for Korean token s (= source_tokens[s]).
    spearman: {(method_a, method_b): [rank correlation per English token, None where undefined]}.
    agreement: {(method_a, method_b): mean of the defined per-token correlations, or None}.
    top_agreement: {(method_a, method_b): share of English tokens whose highest-ranked Korean token is the same}.
    source_share: (n,) how much of each decoder row's rollout comes from Korean tokens.
    layer, head: what "attention" and "value_norm" read (head None: the layer's heads together).
    """

    source_tokens: list[str]
    english_tokens: list[str]
    layer: int
    head: int | None
    importance: dict[str, torch.Tensor]
    spearman: dict[tuple[str, str], list[float | None]]
    agreement: dict[tuple[str, str], float | None]
    top_agreement: dict[tuple[str, str], float]
    source_share: torch.Tensor

    def as_json(self) -> dict:
        """Plain lists: {"layer", "head", "words": [{english, <method>: [...], spearman: {"a~b": r}}], "agreement"}."""

        def pair_name(pair):
            return f"{pair[0]}~{pair[1]}"

        words = []
        for row, english in enumerate(self.english_tokens):
            word = {"english": english, "source_share": float(self.source_share[row])}
            for method in METHODS:
                word[method] = [_finite(value) for value in self.importance[method][row].tolist()]
            word["spearman"] = {pair_name(pair): values[row] for pair, values in self.spearman.items()}
            words.append(word)
        return {
            "layer": self.layer,
            "head": self.head,
            "words": words,
            "agreement": {pair_name(pair): value for pair, value in self.agreement.items()},
            "top_agreement": {pair_name(pair): value for pair, value in self.top_agreement.items()},
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def rollout(
    encoder_self: torch.Tensor, decoder_self: torch.Tensor, cross: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Attention rollout of one sentence through encoder and decoder (see the module docstring).

    encoder_self (L_enc, H, S, S), decoder_self (L_dec, H, T, T), cross (L_dec, H, T, S).
    Returns (importance (T, S), rows renormalised over the Korean tokens; source_share (T,)).
    """
    source_length, rows = encoder_self.shape[-1], decoder_self.shape[-1]
    encoder = encoder_rollout(encoder_self)  # (S, S)
    provenance = torch.cat([torch.zeros(rows, source_length), torch.eye(rows)], dim=1)  # (T, S + T)
    from_encoder = torch.cat([encoder, torch.zeros(source_length, rows)], dim=1)  # (S, S + T)
    for self_attention, cross_attention in zip(decoder_self, cross, strict=True):
        provenance = 0.5 * provenance + 0.5 * self_attention.mean(dim=0) @ provenance
        provenance = 0.5 * provenance + 0.5 * cross_attention.mean(dim=0) @ from_encoder
    korean = provenance[:, :source_length]
    share = korean.sum(dim=1)
    return korean / share.clamp(min=1e-12)[:, None], share


def encoder_rollout(encoder_self: torch.Tensor) -> torch.Tensor:
    """(S, S) rollout of encoder self-attention (L, H, S, S): Â = 0.5·A + 0.5·I per layer, rows renormalised."""
    source_length = encoder_self.shape[-1]
    joint = torch.eye(source_length)
    for layer in encoder_self:
        residual = 0.5 * layer.mean(dim=0) + 0.5 * torch.eye(source_length)
        residual = residual / residual.sum(dim=-1, keepdim=True)  # already 1; kept as the paper writes it
        joint = residual @ joint
    return joint


def value_norms(model, source: torch.Tensor, target_input: torch.Tensor, layer: int, head: int | None) -> torch.Tensor:
    """‖α·f(x)‖ of decoder layer `layer`'s cross-attention, (T, S), for one sentence (batch of 1)."""
    _, inspection = model.inspect(source, target_input)
    output_weight = model.decoder.layers[layer].cross_attention.out.weight
    per_head, summed = weighted_value_norms(inspection.cross[layer], output_weight)
    return per_head[0, head] if head is not None else summed[0]


def weighted_value_norms(record, output_weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Kobayashi et al.'s norms from one attention module's record: (per head (B, H, Q, K), summed (B, Q, K)).

    f_h(x_k) = v_h(x_k) · W_O[:, h]ᵀ maps key k's value vector in head h through that
    head's columns of the output projection (`output_weight`, (D, H·d), nn.Linear's
    layout) into the model's space. Per head ‖α_h f_h(x_k)‖ = α_h · ‖f_h(x_k)‖; summed
    over heads ‖Σ_h α_h f_h(x_k)‖² = Σ_h Σ_g α_h α_g ⟨f_h, f_g⟩, computed from the
    (H, H) Gram matrix of each key's vectors so no (B, H, Q, K, D) tensor is built.
    """
    weights, values = record.steps.weights, record.v  # (B, H, Q, K), (B, H, K, d)
    _, heads, _, d_head = values.shape
    per_head_weight = output_weight.view(output_weight.shape[0], heads, d_head).permute(1, 2, 0)  # (H, d, D)
    transformed = values @ per_head_weight  # (B, H, K, D) f_h(x_k)
    per_head = weights * transformed.norm(dim=-1)[:, :, None, :]  # (B, H, Q, K)
    gram = torch.einsum("bhkd,bgkd->bkhg", transformed, transformed)  # (B, K, H, H)
    squared = torch.einsum("bhqk,bgqk,bkhg->bqk", weights, weights, gram)
    return per_head, squared.clamp(min=0).sqrt()


def leave_one_out(model, source: torch.Tensor, target_input: torch.Tensor, output_ids: torch.Tensor) -> torch.Tensor:
    """(T, S): p(output token t | all Korean tokens) − p(output token t | Korean token s replaced by <pad>).

    source (1, S), target_input (1, T), output_ids (T,). With a single Korean token,
    its variant leaves no key to attend to; torch's fused attention then returns zeros
    for those rows (torch 2.13), so the figure is p(all) − p(no Korean at all).
    """
    source_length = source.shape[1]
    variants = source.repeat(source_length + 1, 1)  # row 0 unchanged, row s + 1 without token s
    variants[torch.arange(1, source_length + 1), torch.arange(source_length)] = PAD_ID
    logits, _ = model(variants, target_input.repeat(source_length + 1, 1))
    probabilities = torch.softmax(logits, dim=-1).gather(-1, output_ids.view(1, -1, 1).expand(source_length + 1, -1, 1))
    probabilities = probabilities.squeeze(-1)  # (S + 1, T)
    return (probabilities[0][None] - probabilities[1:]).T  # (T, S)


def ranks(values: list[float]) -> list[float]:
    """Ranks 1..n of `values`, ties sharing their average rank (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(first: list[float], second: list[float]) -> float | None:
    """Spearman's rank correlation, or None when undefined (fewer than 2 values, a constant, a NaN)."""
    if len(first) < 2 or any(not math.isfinite(value) for value in first + second):
        return None
    rank_a, rank_b = ranks(first), ranks(second)
    mean_a, mean_b = sum(rank_a) / len(rank_a), sum(rank_b) / len(rank_b)
    covariance = sum((a - mean_a) * (b - mean_b) for a, b in zip(rank_a, rank_b, strict=True))
    spread = math.sqrt(sum((a - mean_a) ** 2 for a in rank_a) * sum((b - mean_b) ** 2 for b in rank_b))
    return covariance / spread if spread else None


@torch.no_grad()
def explain(checkpoint, translation, layer: int | None = None, head: int | None = None) -> Explanation:
    """The four importance vectors and their agreement for every English token of `translation`.

    layer: the decoder layer "attention" and "value_norm" read (default: the last);
    head: one head of it, or None for the layer's heads together.
    """
    model = checkpoint.model
    layers, heads = model.config.n_decoder_layers, model.config.n_heads
    layer = layers - 1 if layer is None else layer
    if not 0 <= layer < layers or (head is not None and not 0 <= head < heads):
        raise ValueError(f"layer must be in 0..{layers - 1} and head in 0..{heads - 1} or None")
    source = torch.tensor([checkpoint.source_vocabulary.encode(translation.source_tokens)])
    target_input = torch.tensor([checkpoint.target_vocabulary.encode(translation.target_tokens)])
    output_ids = torch.tensor(checkpoint.target_vocabulary.encode(translation.output_tokens))
    english = translation.output_tokens[:-1]  # the <eos> row is left out
    count = len(english)

    cross = translation.maps.cross[layer]  # (H, T, S)
    attention = cross[head] if head is not None else cross.mean(dim=0)
    rolled, share = rollout(translation.maps.encoder_self, translation.maps.decoder_self, translation.maps.cross)
    importance = {
        "attention": attention[:count],
        "value_norm": value_norms(model, source, target_input, layer, head)[:count],
        "rollout": rolled[:count],
        "leave_one_out": leave_one_out(model, source, target_input, output_ids)[:count],
    }
    correlations = {
        pair: [spearman(importance[pair[0]][row].tolist(), importance[pair[1]][row].tolist()) for row in range(count)]
        for pair in METHOD_PAIRS
    }
    agreement = {}
    for pair, values in correlations.items():
        defined = [value for value in values if value is not None]
        agreement[pair] = sum(defined) / len(defined) if defined else None
    top = {method: importance[method].argmax(dim=1) for method in METHODS}
    top_agreement = {
        pair: float((top[pair[0]] == top[pair[1]]).float().mean()) if count else 0.0 for pair in METHOD_PAIRS
    }
    return Explanation(
        list(translation.source_tokens),
        english,
        layer,
        head,
        importance,
        correlations,
        agreement,
        top_agreement,
        share[:count],
    )


def mean_agreement(explanations: list[Explanation]) -> tuple[dict, dict]:
    """Over many sentences, per method pair: (mean defined Spearman correlation or None, top-token agreement).

    Both are averaged over English tokens of all sentences, not over sentences.
    """
    correlations, tops = {}, {}
    for pair in METHOD_PAIRS:
        defined = [value for explanation in explanations for value in explanation.spearman[pair] if value is not None]
        correlations[pair] = sum(defined) / len(defined) if defined else None
        words = sum(len(explanation.english_tokens) for explanation in explanations)
        same = sum(explanation.top_agreement[pair] * len(explanation.english_tokens) for explanation in explanations)
        tops[pair] = same / words if words else 0.0
    return correlations, tops
