import pytest
import torch

from model.config import ModelConfig
from model.tokenizer import BOS_ID, PAD_ID
from model.transformer import DecoderCache, HeadMask, Transformer


@pytest.fixture
def model():
    torch.manual_seed(0)
    config = ModelConfig(
        source_vocab_size=30,
        target_vocab_size=25,
        d_model=32,
        n_heads=4,
        d_ff=64,
        n_encoder_layers=2,
        n_decoder_layers=3,
    )
    return Transformer(config).eval()


def batch():
    source = torch.tensor([[5, 6, 7, 8, PAD_ID], [9, 10, 11, 12, 13]])
    target_input = torch.tensor([[BOS_ID, 5, 6, PAD_ID], [BOS_ID, 7, 8, 9]])
    return source, target_input


def test_maps_have_every_layer_head_and_rows_sum_to_one(model):
    source, target_input = batch()
    _, inspection = model.inspect(source, target_input)
    maps = inspection.maps
    assert maps.encoder_self.shape == (2, 2, 4, 5, 5)
    assert maps.decoder_self.shape == (2, 3, 4, 4, 4)
    assert maps.cross.shape == (2, 3, 4, 4, 5)
    for weights in (maps.encoder_self, maps.decoder_self, maps.cross):
        torch.testing.assert_close(weights.sum(-1), torch.ones(weights.shape[:-1]))
    # Padding is never attended to.
    assert maps.encoder_self[0, ..., 4].abs().max() == 0
    assert maps.cross[0, ..., 4].abs().max() == 0


def test_fused_and_explicit_attention_agree(model):
    source, target_input = batch()
    fused_logits, _ = model(source, target_input)
    explicit_logits, _ = model.inspect(source, target_input)
    assert (fused_logits - explicit_logits).abs().max() <= 1e-5


def test_decoder_self_attention_is_zero_above_the_diagonal(model):
    source, target_input = batch()
    _, inspection = model.inspect(source, target_input)
    weights = inspection.maps.decoder_self
    above = torch.ones(4, 4, dtype=torch.bool).triu(1)
    assert weights[..., above].abs().max() == 0


def test_changing_a_later_target_token_leaves_earlier_logits_unchanged(model):
    source, target_input = batch()
    changed = target_input.clone()
    changed[1, 3] = 20
    before, _ = model(source, target_input)
    after, _ = model(source, changed)
    torch.testing.assert_close(before[1, :3], after[1, :3])
    assert not torch.allclose(before[1, 3], after[1, 3])


def test_records_hold_the_numbers_that_make_the_weights(model):
    source, target_input = batch()
    _, inspection = model.inspect(source, target_input)
    record = inspection.cross[1]
    d_head = model.config.d_head
    scores = record.q @ record.k.transpose(-2, -1)
    torch.testing.assert_close(record.steps.scores, scores)
    expected = torch.softmax((scores / d_head**0.5).masked_fill(~record.steps.allowed, float("-inf")), -1)
    torch.testing.assert_close(record.steps.weights, expected)
    torch.testing.assert_close(record.head_outputs, record.steps.weights @ record.v)


def test_switching_off_every_head_of_a_layer_changes_the_output(model):
    source, target_input = batch()
    before, _ = model(source, target_input)
    heads = [("cross", 0, head) for head in range(model.config.n_heads)]
    after, _ = model(source, target_input, head_mask=HeadMask.without(model.config, heads))
    assert not torch.allclose(before, after)
    _, inspection = model.inspect(source, target_input, HeadMask.without(model.config, heads))
    assert inspection.cross[0].head_outputs.abs().max() == 0
    # All heads on is the same as no mask.
    same, _ = model(source, target_input, head_mask=HeadMask.all_on(model.config))
    torch.testing.assert_close(before, same)


def test_loss_ignores_padding(model):
    source, target_input = batch()
    targets = torch.tensor([[5, 6, 3, PAD_ID], [7, 8, 9, 3]])
    logits, loss = model(source, target_input, targets)
    # The mean over the 7 real target tokens only: the padded position adds nothing.
    real = targets != PAD_ID
    expected = torch.nn.functional.cross_entropy(logits[real], targets[real])
    torch.testing.assert_close(loss, expected)
    # And the first sentence alone, without its padding column, gives that sentence's own loss.
    first_logits, first_loss = model(source[:1, :4], target_input[:1, :3], targets[:1, :3])
    torch.testing.assert_close(first_logits, logits[:1, :3], atol=1e-5, rtol=0)
    torch.testing.assert_close(first_loss, torch.nn.functional.cross_entropy(logits[0, :3], targets[0, :3]))


def test_inconsistent_config_is_refused():
    with pytest.raises(ValueError, match="divisible"):
        Transformer(ModelConfig(d_model=30, n_heads=4))


def test_cached_decoding_gives_the_logits_of_the_full_prefix(model):
    source, target_input = batch()
    memory, _ = model.encode(source)
    full, _, _ = model.decode(target_input, memory, source)
    cache = DecoderCache(model.config)
    steps = [model.decode(target_input[:, : length + 1], memory, source, cache=cache)[0] for length in range(4)]
    assert all(step.shape[1] == 1 for step in steps)
    torch.testing.assert_close(torch.cat(steps, dim=1), full)


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(),
        ModelConfig(source_vocab_size=111, target_vocab_size=101, d_model=32, n_heads=2, d_ff=48, n_decoder_layers=3),
    ],
)
def test_config_counts_the_parameters_its_model_has(config):
    assert config.parameter_count() == Transformer(config).parameter_count()


def test_a_model_too_large_for_a_checkpoint_is_refused_before_it_is_built():
    largest = ModelConfig(d_model=256, n_heads=8, d_ff=1024, n_encoder_layers=4, n_decoder_layers=4)
    assert largest.parameter_count() * 4 > 20 * 1024 * 1024  # float32 bytes over the checkpoint limit
    assert any(problem.startswith("parameters:") for problem in largest.problems())
