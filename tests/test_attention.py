"""model/attention.py: the one attention function every path calls, and the three kinds of attention."""

import math

import pytest
import torch
import torch.nn.functional as F

from model.attention import AttentionKind, attention_steps, causal_allowed
from model.config import ModelConfig


def random_qkv(queries=4, keys=5, d=8, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(2, 3, length, d, generator=generator) for length in (queries, keys, keys))


def test_the_steps_equal_the_fused_attention_with_and_without_a_mask():
    q, k, v = random_qkv()
    steps = attention_steps(q, k, v)
    torch.testing.assert_close(steps.output, F.scaled_dot_product_attention(q, k, v))
    allowed = torch.tensor([True, True, False, True, False])[None, None, None, :]
    masked = attention_steps(q, k, v, allowed)
    torch.testing.assert_close(masked.output, F.scaled_dot_product_attention(q, k, v, attn_mask=allowed))
    assert (masked.weights[..., ~allowed[0, 0, 0]] == 0).all()


def test_each_step_is_what_its_name_says():
    q, k, v = random_qkv()
    steps = attention_steps(q, k, v, scale=True, causal=True, temperature=2.0)
    torch.testing.assert_close(steps.scores, q @ k.transpose(-2, -1))
    torch.testing.assert_close(steps.scaled, steps.scores / math.sqrt(8))
    ahead = ~causal_allowed(4, 5)
    assert torch.isinf(steps.masked[..., ahead]).all() and torch.isinf(steps.logits[..., ahead]).all()
    torch.testing.assert_close(steps.logits[..., ~ahead], steps.scaled[..., ~ahead] / 2.0)
    torch.testing.assert_close(steps.weights.sum(-1), torch.ones(2, 3, 4))
    torch.testing.assert_close(steps.output, steps.weights @ v)
    unscaled = attention_steps(q, k, v, scale=False)
    assert torch.equal(unscaled.scaled, unscaled.scores)


def test_causal_queries_are_the_last_positions_when_there_are_fewer_than_keys():
    # Incremental decoding: 2 new queries at positions 3 and 4 of 5 keys.
    assert causal_allowed(2, 5).tolist() == [[True, True, True, True, False], [True] * 5]
    assert torch.equal(causal_allowed(3, 3), torch.ones(3, 3, dtype=torch.bool).tril())


def test_an_infinite_temperature_spreads_the_weight_evenly_and_a_zero_one_is_refused():
    q, k, v = random_qkv()
    steps = attention_steps(q, k, v, causal=True, temperature=float("inf"))
    allowed = causal_allowed(4, 5)
    expected = allowed / allowed.sum(-1, keepdim=True)
    torch.testing.assert_close(steps.weights, expected.expand_as(steps.weights))
    for temperature in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="temperature"):
            attention_steps(q, k, v, temperature=temperature)


def test_the_kinds_know_their_sides_mask_and_layers():
    config = ModelConfig(n_encoder_layers=3, n_decoder_layers=2)
    source, decoder = ["나", "는"], ["<bos>", "i", "am"]
    assert [kind.value for kind in AttentionKind] == ["encoder_self", "decoder_self", "cross"]
    assert AttentionKind.ENCODER_SELF.axis_tokens(source, decoder) == (source, source)
    assert AttentionKind.DECODER_SELF.axis_tokens(source, decoder) == (decoder, decoder)
    assert AttentionKind.CROSS.axis_tokens(source, decoder) == (decoder, source)
    assert [kind.causal for kind in AttentionKind] == [False, True, False]
    assert [kind.layer_count(config) for kind in AttentionKind] == [3, 2, 2]
    with pytest.raises(ValueError):
        AttentionKind("self")
