"""model.explain: the four importance vectors of §1 and their rank agreement."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from model.config import ModelConfig
from model.decoding import translate
from model.explain import (
    METHOD_PAIRS,
    METHODS,
    encoder_rollout,
    explain,
    mean_agreement,
    ranks,
    rollout,
    spearman,
    value_norms,
)
from model.transformer import Transformer


def random_attention(*shape):
    """Row-stochastic weights of the given shape (…, Q, K)."""
    return torch.softmax(torch.randn(*shape) * 2, dim=-1)


def test_rollout_of_a_one_layer_encoder_is_its_residual_adjusted_attention():
    torch.manual_seed(0)
    attention = random_attention(1, 4, 5, 5)  # one layer, four heads
    expected = 0.5 * attention[0].mean(dim=0) + 0.5 * torch.eye(5)
    expected = expected / expected.sum(dim=-1, keepdim=True)
    assert torch.allclose(encoder_rollout(attention), expected, atol=1e-6)


def test_rollout_composes_encoder_and_one_decoder_layer_through_cross_attention():
    torch.manual_seed(1)
    encoder_self, decoder_self, cross = (
        random_attention(2, 4, 5, 5),
        random_attention(1, 4, 3, 3),
        random_attention(1, 4, 3, 5),
    )
    importance, share = rollout(encoder_self, decoder_self, cross)
    # One decoder layer: the self-attention step mixes decoder inputs only, so the Korean part is
    # 0.5 · mean cross · encoder rollout; renormalised, the 0.5 goes away.
    korean = cross[0].mean(dim=0) @ encoder_rollout(encoder_self)
    assert torch.allclose(importance, korean / korean.sum(dim=-1, keepdim=True), atol=1e-6)
    assert torch.allclose(share, torch.full((3,), 0.5), atol=1e-6)


def test_value_norm_is_proportional_to_attention_when_every_value_vector_has_the_same_norm():
    torch.manual_seed(2)
    config = ModelConfig(
        source_vocab_size=12, target_vocab_size=12, d_model=16, n_heads=2, n_encoder_layers=1,
        n_decoder_layers=1, d_ff=32, dropout=0.0, max_len=40,
    )  # fmt: skip
    model = Transformer(config).eval()
    value = model.decoder.layers[0].cross_attention.value
    with torch.no_grad():
        value.weight.zero_()  # every key's value vector is the bias: the same vector, the same norm
        value.bias.copy_(torch.randn(config.d_model))
    source, target_input = torch.tensor([[4, 5, 6, 7]]), torch.tensor([[2, 8, 9]])
    _, inspection = model.inspect(source, target_input)
    weights = inspection.cross[0].steps.weights[0]  # (H, T, S)
    for head in range(config.n_heads):
        norms = value_norms(model, source, target_input, 0, head)
        ratio = norms / weights[head]
        assert torch.allclose(ratio, ratio.flatten()[0].expand_as(ratio), rtol=1e-4)
    # Without that condition the two differ: a random value projection breaks the proportion.
    with torch.no_grad():
        value.weight.normal_()
    ratio = value_norms(model, source, target_input, 0, 0) / weights[0]
    assert not torch.allclose(ratio, ratio.flatten()[0].expand_as(ratio), rtol=1e-2)


def test_spearman_uses_average_ranks_for_ties():
    assert ranks([10.0, 20.0, 20.0, 5.0]) == [2.0, 3.5, 3.5, 1.0]
    assert spearman([1.0, 2.0, 3.0], [30.0, 20.0, 10.0]) == pytest.approx(-1.0)
    assert spearman([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]) == pytest.approx(0.8)  # 1 − 6·2 / (4·15)
    assert spearman([1.0], [2.0]) is None
    assert spearman([1.0, 1.0], [1.0, 2.0]) is None


def test_explain_gives_four_vectors_per_english_word(shipped):
    translation = translate(shipped, "어제 그는 편지를 썼다")
    result = explain(shipped, translation)
    english, korean = result.english_tokens, result.source_tokens
    assert english == ["he", "wrote", "a", "letter", "yesterday"]
    for method in METHODS:
        assert result.importance[method].shape == (len(english), len(korean))
    assert torch.allclose(result.importance["attention"], translation.maps.cross[-1].mean(dim=0)[: len(english)])
    assert torch.allclose(result.importance["rollout"].sum(dim=1), torch.ones(len(english)), atol=1e-5)
    # Leaving out 어제 costs "yesterday" most of its probability, 썼 (of 썼 + 다) costs "wrote".
    leave_one_out = result.importance["leave_one_out"]
    assert korean[int(leave_one_out[english.index("yesterday")].argmax())] == "어제"
    assert korean[int(leave_one_out[english.index("wrote")].argmax())] == "썼"
    assert set(result.agreement) == set(METHOD_PAIRS)
    tops = {method: result.importance[method].argmax(dim=1).tolist() for method in METHODS}
    for first, second in METHOD_PAIRS:
        same = sum(a == b for a, b in zip(tops[first], tops[second], strict=True)) / len(english)
        assert result.top_agreement[(first, second)] == pytest.approx(same)
    other = explain(shipped, translate(shipped, "나는 학생이다"))
    correlations, top_agreement = mean_agreement([result, other])
    pooled = [v for e in (result, other) for v in e.spearman[("attention", "leave_one_out")] if v is not None]
    assert correlations[("attention", "leave_one_out")] == pytest.approx(sum(pooled) / len(pooled))
    record = result.as_json()
    assert len(record["words"]) == len(english)
    assert all(len(word[method]) == len(korean) for word in record["words"] for method in METHODS)
    one_head = explain(shipped, translation, layer=0, head=2)
    assert torch.allclose(one_head.importance["attention"], translation.maps.cross[0, 2, : len(english)])
    with pytest.raises(ValueError):
        explain(shipped, translation, layer=5)


def test_translate_cli_explain_adds_the_four_vectors_per_english_word(shipped):
    def run(*arguments):
        return subprocess.run(
            [sys.executable, "-m", "model.translate", *arguments],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            timeout=120,
        )

    result = run("--json", "--explain", "어제 그는 편지를 썼다")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    expected = explain(shipped, translate(shipped, "어제 그는 편지를 썼다"))
    words = record["explanation"]["words"]
    assert [word["english"] for word in words] == expected.english_tokens
    for row, word in enumerate(words):
        for method in METHODS:
            # float32 summed in another order in the CLI's process: equal to about 6 significant digits
            # (value norms reach 24, where 1e-5 is the last digit float32 holds).
            assert word[method] == pytest.approx(expected.importance[method][row].tolist(), rel=1e-5, abs=1e-5)
    assert set(record["explanation"]["agreement"]) == {f"{a}~{b}" for a, b in METHOD_PAIRS}
    refused = run("--explain", "나는 학생이다")
    assert refused.returncode == 2 and refused.stderr.startswith("error: ") and refused.stdout == ""


def test_value_norms_equal_the_norms_of_the_weighted_vectors_written_out(shipped):
    # Kobayashi et al.'s code builds α·f(x) for every (head, query, key) and takes norms;
    # weighted_value_norms gets the same numbers without that tensor.
    translation = translate(shipped, "지연은 카페에서 신문을 읽는다")
    source = torch.tensor([shipped.source_vocabulary.encode(translation.source_tokens)])
    target_input = torch.tensor([shipped.target_vocabulary.encode(translation.target_tokens)])
    _, inspection = shipped.model.inspect(source, target_input)
    for layer, record in enumerate(inspection.cross):
        output_weight = shipped.model.decoder.layers[layer].cross_attention.out.weight
        heads, d_head = record.v.shape[1], record.v.shape[-1]
        vectors = torch.stack(
            [record.v[0, h] @ output_weight[:, h * d_head : (h + 1) * d_head].T for h in range(heads)]
        )  # (H, S, D)
        weighted = record.steps.weights[0][..., None] * vectors[:, None]  # (H, T, S, D)
        with torch.no_grad():
            assert torch.allclose(
                value_norms(shipped.model, source, target_input, layer, None), weighted.sum(0).norm(dim=-1), atol=1e-4
            )
            assert torch.allclose(
                value_norms(shipped.model, source, target_input, layer, 1), weighted[1].norm(dim=-1), atol=1e-4
            )
