"""model/inspect.py: one head recomputed from the weights equals the model; the what-ifs; head ablation."""

import math

import pytest
import torch

from model.attention import AttentionKind
from model.config import ModelConfig
from model.corpus import build_corpus
from model.decoding import exact_match, translate
from model.inspect import (
    AGREEMENT_TOLERANCE,
    attention_module,
    explain_head,
    head_mask_without,
    head_projection,
    layer_count,
)
from model.tokenizer import PAD_ID
from model.transformer import HeadMask, Transformer

SENTENCE = "선생님은 도서관에서 물을 마셨다"  # "the teacher drank water at the library": "the" twice


@pytest.fixture(scope="module")
def sentence_ids(shipped):
    translation = translate(shipped, SENTENCE)
    assert translation.target_tokens.count("the") == 2
    return (
        shipped.source_vocabulary.encode(translation.source_tokens),
        shipped.target_vocabulary.encode(translation.target_tokens),
    )


def query_count(kind, source_ids, target_ids) -> int:
    return len(source_ids) if kind == "encoder_self" else len(target_ids)


# --- the recomputation equals the model -------------------------------------------


@pytest.mark.parametrize("kind", list(AttentionKind))
def test_recomputed_head_equals_the_model_for_every_layer_head_and_query(shipped, sentence_ids, kind):
    source_ids, target_ids = sentence_ids
    for layer in range(layer_count(shipped.model, kind)):
        for head in range(shipped.model_config.n_heads):
            for query in range(query_count(kind, source_ids, target_ids)):
                explanation = explain_head(shipped.model, source_ids, target_ids, kind, layer, head, query)
                assert not explanation.is_what_if
                assert explanation.weights_difference <= AGREEMENT_TOLERANCE
                assert explanation.output_difference <= AGREEMENT_TOLERANCE
                assert explanation.matches_model
                assert max(explanation.step_differences.values()) <= 1e-5
                assert explanation.weights.sum().item() == pytest.approx(1.0, abs=1e-6)


def test_the_steps_follow_the_formulas(shipped, sentence_ids):
    """q = x·W_q + b_q with W_q the head's (d_model, d_head) slice; scores ÷ √d_k; weighted sum of V."""
    source_ids, target_ids = sentence_ids
    explanation = explain_head(shipped.model, source_ids, target_ids, "cross", 1, 2, 3)
    config = shipped.model_config
    assert explanation.w_query.shape == (config.d_model, config.d_head)
    assert explanation.query_input.shape == (len(target_ids), config.d_model)
    assert explanation.key_input.shape == (len(source_ids), config.d_model)  # keys from the encoder output
    module = attention_module(shipped.model, "cross", 1)
    full_q = module.query(explanation.query_input[3])  # every head's q for this token
    head_columns = slice(2 * config.d_head, 3 * config.d_head)
    torch.testing.assert_close(explanation.q, full_q[head_columns], atol=1e-5, rtol=0)
    torch.testing.assert_close(explanation.scaled, explanation.scores / math.sqrt(config.d_head))
    torch.testing.assert_close(explanation.output, explanation.weighted_values.sum(0), atol=1e-5, rtol=0)


def test_head_projection_slices_the_output_rows_of_nn_linear():
    linear = torch.nn.Linear(6, 6)
    weight, bias = head_projection(linear, head=1, d_head=3)
    x = torch.randn(2, 6)
    torch.testing.assert_close(x @ weight + bias, linear(x)[:, 3:6])


def test_a_wrong_recomputation_would_be_caught(shipped, sentence_ids):
    """The agreement check can fail: the weights without ÷√d_k are not the model's."""
    source_ids, target_ids = sentence_ids
    explanation = explain_head(shipped.model, source_ids, target_ids, "encoder_self", 0, 0, 1, scale=False)
    assert explanation.is_what_if
    assert explanation.weights_difference > 1e-3
    assert not explanation.matches_model


# --- what-ifs ----------------------------------------------------------------------


def test_without_the_causal_mask_the_decoder_puts_weight_above_the_diagonal(shipped, sentence_ids):
    source_ids, target_ids = sentence_ids
    real = explain_head(shipped.model, source_ids, target_ids, "decoder_self", 0, 0, 1)
    look_ahead = explain_head(shipped.model, source_ids, target_ids, "decoder_self", 0, 0, 1, causal=False)
    assert real.weights[2:].abs().max() == 0  # the model never looks at later tokens
    assert look_ahead.weights[2:].sum() > 1e-3
    assert look_ahead.allowed.all() and not real.allowed[2:].any()
    assert look_ahead.is_what_if and look_ahead.output_difference > 1e-4
    above_diagonal = torch.ones_like(look_ahead.head_weights, dtype=torch.bool).triu(1)
    assert look_ahead.head_weights[above_diagonal].sum() > 1e-3
    assert real.head_weights[above_diagonal].abs().max() == 0


def test_the_causal_switch_changes_nothing_outside_the_decoders_self_attention(shipped, sentence_ids):
    source_ids, target_ids = sentence_ids
    for kind in ("encoder_self", "cross"):
        explanation = explain_head(shipped.model, source_ids, target_ids, kind, 0, 1, 2, causal=False)
        assert not explanation.is_what_if and explanation.matches_model


@pytest.mark.parametrize(("kind", "query"), [("encoder_self", 2), ("decoder_self", 3), ("cross", 4)])
def test_infinite_temperature_spreads_the_weight_evenly_over_the_allowed_keys(shipped, sentence_ids, kind, query):
    source_ids, target_ids = sentence_ids
    for temperature in (math.inf, 1e9):
        explanation = explain_head(shipped.model, source_ids, target_ids, kind, 1, 3, query, temperature=temperature)
        allowed = explanation.allowed
        expected = torch.where(allowed, 1.0 / allowed.sum(), 0.0)
        torch.testing.assert_close(explanation.weights, expected, atol=1e-6, rtol=0)
    if kind == "decoder_self":
        assert allowed.sum() == query + 1  # the causal mask still holds


def test_low_temperature_and_no_scaling_sharpen_the_weights(shipped, sentence_ids):
    source_ids, target_ids = sentence_ids
    real = explain_head(shipped.model, source_ids, target_ids, "cross", 0, 1, 2)
    cold = explain_head(shipped.model, source_ids, target_ids, "cross", 0, 1, 2, temperature=0.25)
    unscaled = explain_head(shipped.model, source_ids, target_ids, "cross", 0, 1, 2, scale=False)
    assert cold.weights.max() > real.weights.max()
    assert unscaled.weights.max() > real.weights.max()
    torch.testing.assert_close(unscaled.scaled, unscaled.scores)


def test_padding_keys_get_no_weight():
    torch.manual_seed(0)
    model = Transformer(ModelConfig(source_vocab_size=12, target_vocab_size=12, d_model=16, n_heads=2)).eval()
    source_ids = [5, 6, 7, PAD_ID, PAD_ID]
    target_ids = [2, 8, 9, PAD_ID]
    for kind, keys in (("encoder_self", source_ids), ("cross", source_ids), ("decoder_self", target_ids)):
        for causal in (True, False):
            explanation = explain_head(model, source_ids, target_ids, kind, 0, 1, 2, causal=causal)
            padding = torch.tensor(keys) == PAD_ID
            assert explanation.weights[padding].abs().max() == 0
            if causal:
                assert explanation.matches_model


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "sideways"},
        {"layer": 9},
        {"head": -1},
        {"query": 99},
        {"temperature": 0.0},
        {"temperature": math.nan},
    ],
)
def test_bad_choices_are_refused(shipped, sentence_ids, arguments):
    source_ids, target_ids = sentence_ids
    choice = {"kind": "cross", "layer": 0, "head": 0, "query": 0, "temperature": 1.0} | arguments
    with pytest.raises(ValueError):
        explain_head(shipped.model, source_ids, target_ids, **choice)


# --- head ablation -------------------------------------------------------------------


def all_heads_of(kind: str, layer: int, config: ModelConfig) -> list[tuple[str, int, int]]:
    return [(kind, layer, head) for head in range(config.n_heads)]


@pytest.mark.parametrize("kind", list(AttentionKind))
def test_ablating_every_head_of_a_layer_changes_the_output(shipped, sentence_ids, kind):
    source_ids, target_ids = sentence_ids
    source, target = torch.tensor([source_ids]), torch.tensor([target_ids])
    before = {name: tensor.clone() for name, tensor in shipped.model.state_dict().items()}
    with torch.no_grad():
        plain, _ = shipped.model(source, target)
        unchanged, _ = shipped.model(source, target, head_mask=head_mask_without(shipped.model, []))
        ablated, _ = shipped.model(
            source, target, head_mask=head_mask_without(shipped.model, all_heads_of(kind, 0, shipped.model_config))
        )
    torch.testing.assert_close(unchanged, plain)
    assert (ablated - plain).abs().max() > 1e-2
    # The mask goes into the forward pass; the shared model's weights stay as they were.
    for name, tensor in shipped.model.state_dict().items():
        assert torch.equal(tensor, before[name])


def test_ablating_every_cross_attention_head_changes_the_translation(shipped):
    every_cross_head = [
        ("cross", layer, head)
        for layer in range(shipped.model_config.n_decoder_layers)
        for head in range(shipped.model_config.n_heads)
    ]
    plain = translate(shipped, SENTENCE)
    ablated = translate(shipped, SENTENCE, head_mask=head_mask_without(shipped.model, every_cross_head))
    assert ablated.translation != plain.translation
    assert translate(shipped, SENTENCE).translation == plain.translation  # nothing stuck to the model


def test_a_silenced_head_outputs_zeros(shipped, sentence_ids):
    source_ids, target_ids = sentence_ids
    mask = head_mask_without(shipped.model, [("cross", 1, 2)])
    with torch.no_grad():
        _, inspection = shipped.model.inspect(torch.tensor([source_ids]), torch.tensor([target_ids]), mask)
    assert inspection.cross[1].head_outputs[0, 2].abs().max() == 0
    assert inspection.cross[1].head_outputs[0, 1].abs().max() > 0


def test_exact_match_with_no_heads_off_equals_the_plain_exact_match(shipped):
    pairs = list(build_corpus(shipped.train_config.corpus_seed).test)[:200]
    vocabularies = (shipped.source_vocabulary, shipped.target_vocabulary)
    plain = exact_match(shipped.model, pairs, *vocabularies)
    assert head_mask_without(shipped.model, []) is None
    assert exact_match(shipped.model, pairs, *vocabularies, head_mask=HeadMask.all_on(shipped.model_config)) == plain
    every_cross_head = all_heads_of("cross", 0, shipped.model_config) + all_heads_of("cross", 1, shipped.model_config)
    ablated = exact_match(
        shipped.model, pairs, *vocabularies, head_mask=head_mask_without(shipped.model, every_cross_head)
    )
    assert ablated < plain


def test_head_mask_refuses_heads_that_do_not_exist(shipped):
    with pytest.raises(ValueError):
        head_mask_without(shipped.model, [("cross", 5, 0)])
    with pytest.raises(ValueError):
        head_mask_without(shipped.model, [("elsewhere", 0, 0)])
    mask = head_mask_without(shipped.model, [("decoder_self", 1, 3), ("decoder_self", 1, 3)])
    assert mask.decoder_self.sum() == mask.decoder_self.numel() - 1
