"""A small encoder-decoder transformer whose attention can be opened up.

The architecture of "Attention Is All You Need" at toy size: sinusoidal positions,
multi-head attention, position-wise feed-forward, residual connections with
LayerNorm (applied before each sub-layer, which trains faster and more stably at
this size than the paper's post-norm).

Attention is the product, so every attention module has two paths:
- training and plain inference use the fused `F.scaled_dot_product_attention`;
- `explain=True` computes softmax(QKᵀ/√d_k + mask)·V step by step
  (model.attention.attention_steps) and returns an `AttentionRecord` with every
  intermediate, from which `AttentionMaps` are built.
Records are returned, never stored on the module, so a shared model stays stateless.
"""

import math
from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F

from model.attention import AttentionKind, AttentionSteps, attention_steps
from model.config import ModelConfig
from model.tokenizer import PAD_ID


@dataclass
class AttentionRecord:
    """Everything one attention module computed for one call (explicit path only).

    Shapes: B batch, H heads, Q queries, K keys, D d_model, d d_head.
    """

    query_input: torch.Tensor  # (B, Q, D) what W_q multiplies (the normalised layer input)
    key_input: torch.Tensor  # (B, K, D) what W_k and W_v multiply
    q: torch.Tensor  # (B, H, Q, d)
    k: torch.Tensor  # (B, H, K, d)
    v: torch.Tensor  # (B, H, K, d)
    # scores (raw q·k), scaled, masked, logits, weights (B, H, Q, K); allowed (B, 1, Q or 1, K) bool
    steps: AttentionSteps
    head_outputs: torch.Tensor  # (B, H, Q, d) weights @ v, after the head mask
    output: torch.Tensor  # (B, Q, D) heads concatenated, times W_o


@dataclass
class AttentionMaps:
    """Attention weights of every layer and head, for each kind of attention.

    With a batch: encoder_self (B, L, H, S, S), decoder_self (B, L, H, T, T),
    cross (B, L, H, T, S). `for_sentence(i)` drops the batch axis.
    """

    encoder_self: torch.Tensor
    decoder_self: torch.Tensor
    cross: torch.Tensor

    def for_sentence(self, index: int = 0) -> "AttentionMaps":
        return AttentionMaps(self.encoder_self[index], self.decoder_self[index], self.cross[index])

    def of_kind(self, kind: str) -> torch.Tensor:
        """The maps of one AttentionKind (or its name); ValueError for another name."""
        return getattr(self, AttentionKind(kind))


@dataclass
class Inspection:
    """The records of every attention module in one forward pass, per layer."""

    encoder_self: list[AttentionRecord] = field(default_factory=list)
    decoder_self: list[AttentionRecord] = field(default_factory=list)
    cross: list[AttentionRecord] = field(default_factory=list)

    @property
    def maps(self) -> AttentionMaps:
        def stack(records):  # list of (B, H, Q, K) -> (B, L, H, Q, K)
            return torch.stack([record.steps.weights for record in records], dim=1)

        return AttentionMaps(stack(self.encoder_self), stack(self.decoder_self), stack(self.cross))

    def records(self, kind: str) -> list[AttentionRecord]:
        """The records of one AttentionKind (or its name), one per layer; ValueError for another name."""
        return getattr(self, AttentionKind(kind))


@dataclass
class HeadMask:
    """Which heads are switched on: 1.0 keeps a head, 0.0 silences it. Each is (L, H)."""

    encoder_self: torch.Tensor
    decoder_self: torch.Tensor
    cross: torch.Tensor

    @classmethod
    def all_on(cls, config: ModelConfig) -> "HeadMask":
        return cls(
            torch.ones(config.n_encoder_layers, config.n_heads),
            torch.ones(config.n_decoder_layers, config.n_heads),
            torch.ones(config.n_decoder_layers, config.n_heads),
        )

    @classmethod
    def without(cls, config: ModelConfig, heads: list[tuple[str, int, int]]) -> "HeadMask":
        """All heads on except the (kind, layer, head) triples given."""
        mask = cls.all_on(config)
        for kind, layer, head in heads:
            getattr(mask, AttentionKind(kind))[layer, head] = 0.0
        return mask


@dataclass
class KeyValueCache:
    """Keys and values one attention module has computed already (incremental decoding).

    Self-attention's cache grows by the new positions at every step; cross-attention's
    keys come from the encoder output, so they are computed once and reused.
    """

    grows: bool  # True for decoder self-attention, False for cross-attention
    keys: torch.Tensor | None = None  # (B, H, K, d)
    values: torch.Tensor | None = None  # (B, H, K, d)


class DecoderCache:
    """Every decoder layer's key/value caches, so greedy decoding runs each step on one new token."""

    def __init__(self, config: ModelConfig):
        self.length = 0  # decoder positions already computed
        self.self_attention = [KeyValueCache(grows=True) for _ in range(config.n_decoder_layers)]
        self.cross_attention = [KeyValueCache(grows=False) for _ in range(config.n_decoder_layers)]


def sinusoidal_positions(max_len: int, d_model: int) -> torch.Tensor:
    """(max_len, d_model) table of sines and cosines of geometrically spaced frequencies."""
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    frequency = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    table = torch.zeros(max_len, d_model)
    table[:, 0::2] = torch.sin(position * frequency)
    table[:, 1::2] = torch.cos(position * frequency[: d_model // 2])
    return table


class MultiHeadAttention(nn.Module):
    """Scaled dot-product attention over n_heads heads, with separate W_q, W_k, W_v, W_o."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.n_heads = config.n_heads
        self.d_head = config.d_head
        self.query = nn.Linear(config.d_model, config.d_model)
        self.key = nn.Linear(config.d_model, config.d_model)
        self.value = nn.Linear(config.d_model, config.d_model)
        self.out = nn.Linear(config.d_model, config.d_model)
        self.dropout = config.dropout

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.n_heads, self.d_head).transpose(1, 2)  # (B, H, T, d)

    def forward(self, query_input, key_input, allowed, head_mask=None, explain=False, cache=None):
        """Attend from query_input (B, Q, D) to key_input (B, K, D).

        `allowed` (B, 1, Q, K) is True where a query may look at a key; `head_mask` (H,)
        scales each head's output; `cache` (a KeyValueCache) holds keys and values of
        earlier calls. Returns (output, record or None).
        """
        q = self.split_heads(self.query(query_input))  # (B, H, Q, d)
        if cache is not None and not cache.grows and cache.keys is not None:
            k, v = cache.keys, cache.values
        else:
            k = self.split_heads(self.key(key_input))  # (B, H, K, d)
            v = self.split_heads(self.value(key_input))  # (B, H, K, d)
            if cache is not None:
                if cache.grows and cache.keys is not None:
                    k = torch.cat([cache.keys, k], dim=2)  # (B, H, K_before + K, d)
                    v = torch.cat([cache.values, v], dim=2)
                cache.keys, cache.values = k, v
        dropout = self.dropout if self.training else 0.0
        if explain:
            steps = attention_steps(q, k, v, allowed, dropout=dropout)
            heads = steps.output  # (B, H, Q, d)
        else:
            heads = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed, dropout_p=dropout)
        if head_mask is not None:
            heads = heads * head_mask.view(1, -1, 1, 1)
        batch, _, length, _ = heads.shape
        output = self.out(heads.transpose(1, 2).reshape(batch, length, -1))  # (B, Q, D)
        if not explain:
            return output, None
        record = AttentionRecord(query_input, key_input, q, k, v, steps, heads, output)
        return output, record


class FeedForward(nn.Module):
    """Position-wise two-layer network applied to every token separately."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.hidden = nn.Linear(config.d_model, config.d_ff)
        self.output = nn.Linear(config.d_ff, config.d_model)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))


class EncoderLayer(nn.Module):
    """Self-attention over the source, then feed-forward; each with a residual."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.self_attention_norm = nn.LayerNorm(config.d_model)
        self.self_attention = MultiHeadAttention(config)
        self.feed_forward_norm = nn.LayerNorm(config.d_model)
        self.feed_forward = FeedForward(config)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x, allowed, head_mask=None, explain=False):
        normed = self.self_attention_norm(x)
        attended, record = self.self_attention(normed, normed, allowed, head_mask, explain)
        x = x + self.dropout(attended)
        x = x + self.dropout(self.feed_forward(self.feed_forward_norm(x)))
        return x, record


class DecoderLayer(nn.Module):
    """Masked self-attention, cross-attention to the encoder output, then feed-forward."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.self_attention_norm = nn.LayerNorm(config.d_model)
        self.self_attention = MultiHeadAttention(config)
        self.cross_attention_norm = nn.LayerNorm(config.d_model)
        self.cross_attention = MultiHeadAttention(config)
        self.feed_forward_norm = nn.LayerNorm(config.d_model)
        self.feed_forward = FeedForward(config)
        self.dropout = nn.Dropout(config.dropout)

    def forward(
        self,
        x,
        memory,
        self_allowed,
        cross_allowed,
        self_head_mask=None,
        cross_head_mask=None,
        explain=False,
        self_cache=None,
        cross_cache=None,
    ):
        normed = self.self_attention_norm(x)
        attended, self_record = self.self_attention(normed, normed, self_allowed, self_head_mask, explain, self_cache)
        x = x + self.dropout(attended)
        attended, cross_record = self.cross_attention(
            self.cross_attention_norm(x), memory, cross_allowed, cross_head_mask, explain, cross_cache
        )
        x = x + self.dropout(attended)
        x = x + self.dropout(self.feed_forward(self.feed_forward_norm(x)))
        return x, self_record, cross_record


class Embedding(nn.Module):
    """Token embedding scaled by √d_model plus fixed sinusoidal positions."""

    def __init__(self, vocab_size: int, config: ModelConfig):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, config.d_model, padding_idx=PAD_ID)
        self.scale = math.sqrt(config.d_model)
        self.register_buffer("positions", sinusoidal_positions(config.max_len, config.d_model), persistent=False)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, ids, start: int = 0):
        """ids (B, T) at positions start .. start + T - 1 -> (B, T, D)."""
        return self.dropout(self.tokens(ids) * self.scale + self.positions[start : start + ids.shape[1]])


class Encoder(nn.Module):
    """Embeds the Korean source and runs it through the encoder layers."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.embedding = Embedding(config.source_vocab_size, config)
        self.layers = nn.ModuleList(EncoderLayer(config) for _ in range(config.n_encoder_layers))
        self.norm = nn.LayerNorm(config.d_model)

    def forward(self, source, head_mask=None, explain=False):
        allowed = (source != PAD_ID)[:, None, None, :]  # (B, 1, 1, S): never attend to padding
        x = self.embedding(source)
        records = []
        for index, layer in enumerate(self.layers):
            x, record = layer(x, allowed, None if head_mask is None else head_mask[index], explain)
            records.append(record)
        return self.norm(x), records


class Decoder(nn.Module):
    """Embeds the English prefix and runs it through the decoder layers to next-token logits."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.embedding = Embedding(config.target_vocab_size, config)
        self.layers = nn.ModuleList(DecoderLayer(config) for _ in range(config.n_decoder_layers))
        self.norm = nn.LayerNorm(config.d_model)
        self.lm_head = nn.Linear(config.d_model, config.target_vocab_size)

    def forward(self, target_input, memory, source, head_mask=None, explain=False, cache: DecoderCache | None = None):
        """Logits for the positions of target_input (B, T) not yet in `cache` (all of them without one)."""
        length = target_input.shape[1]
        start = 0 if cache is None else cache.length
        causal = torch.ones(length, length, dtype=torch.bool, device=target_input.device).tril()[start:]
        self_allowed = causal[None, None] & (target_input != PAD_ID)[:, None, None, :]  # (B, 1, T - start, T)
        cross_allowed = (source != PAD_ID)[:, None, None, :]  # (B, 1, 1, S)
        x = self.embedding(target_input[:, start:], start)
        self_records, cross_records = [], []
        for index, layer in enumerate(self.layers):
            self_mask = None if head_mask is None else head_mask.decoder_self[index]
            cross_mask = None if head_mask is None else head_mask.cross[index]
            self_cache = None if cache is None else cache.self_attention[index]
            cross_cache = None if cache is None else cache.cross_attention[index]
            x, self_record, cross_record = layer(
                x, memory, self_allowed, cross_allowed, self_mask, cross_mask, explain, self_cache, cross_cache
            )
            self_records.append(self_record)
            cross_records.append(cross_record)
        if cache is not None:
            cache.length = length
        return self.lm_head(self.norm(x)), self_records, cross_records


class Transformer(nn.Module):
    """The encoder-decoder: Korean token ids in, English next-token logits out."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        if problems := config.problems():
            raise ValueError("; ".join(problems))
        self.config = config
        self.encoder = Encoder(config)
        self.decoder = Decoder(config)

    def encode(self, source, head_mask: HeadMask | None = None, explain=False):
        """source (B, S) -> memory (B, S, D) and the encoder's attention records."""
        encoder_mask = None if head_mask is None else head_mask.encoder_self
        return self.encoder(source, encoder_mask, explain)

    def decode(self, target_input, memory, source, head_mask: HeadMask | None = None, explain=False, cache=None):
        """target_input (B, T) -> logits (B, T, V), self- and cross-attention records.

        With a DecoderCache only the positions after `cache.length` are computed (and
        returned), reusing the keys and values of earlier calls.
        """
        return self.decoder(target_input, memory, source, head_mask, explain, cache)

    def forward(self, source, target_input, targets=None, head_mask: HeadMask | None = None, label_smoothing=0.0):
        memory, _ = self.encode(source, head_mask)
        logits, _, _ = self.decode(target_input, memory, source, head_mask)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]),
                targets.reshape(-1),
                ignore_index=PAD_ID,
                label_smoothing=label_smoothing,
            )
        return logits, loss

    def inspect(self, source, target_input, head_mask: HeadMask | None = None):
        """Forward with the explicit attention path: (logits, Inspection) with every record."""
        memory, encoder_records = self.encode(source, head_mask, explain=True)
        logits, self_records, cross_records = self.decode(target_input, memory, source, head_mask, explain=True)
        return logits, Inspection(encoder_records, self_records, cross_records)

    def parameter_count(self) -> int:
        return sum(parameter.numel() for parameter in self.parameters())
