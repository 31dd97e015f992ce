import dataclasses
import json
import re
import struct

import pytest
import torch

from model import train as train_module
from model.checkpoint import MAX_HEADER_BYTES, check_records, checkpoint_bytes, load_checkpoint, record_header_bytes
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import exact_match
from model.tokenizer import PAD_ID, PARTICLES, UNK_ID
from model.train import (
    HIDEABLE_SUBJECTS,
    MAX_PROBE_TOKENS,
    EvenlyThinned,
    UnknownWordInsertion,
    UnknownWordReplacement,
    build_vocabularies,
    encode_pairs,
    evaluate,
    learning_rate_at,
    length_bucketed_batches,
    replaceable_nouns,
    sampling_weights,
    train,
)
from model.user_corpus import parse_user_corpus

TINY_MODEL = ModelConfig(d_model=16, n_heads=2, d_ff=32, n_encoder_layers=1, n_decoder_layers=1)
# An untrained model rarely emits <eos>, so greedy decoding of the full splits is slow; 60 pairs suffice.
SMALL_EVALUATION = dataclasses.replace(
    build_corpus(0), valid=build_corpus(0).valid[:60], test=build_corpus(0).test[:60]
)


def short_run(**changes):
    config = TrainConfig(
        steps=40,
        batch_size=32,
        eval_every=20,
        snapshot_every=10,
        learning_rate=1e-2,
        warmup_steps=5,
        threads=1,
    )
    config = dataclasses.replace(config, **changes)
    reports = []
    result = train(config, TINY_MODEL, SMALL_EVALUATION, on_progress=reports.append)
    return result, reports


def test_short_training_lowers_the_loss_and_reports_progress():
    result, reports = short_run()
    history = result.checkpoint.history
    assert [entry["step"] for entry in history] == [20, 40]
    assert history[-1]["train_loss"] < history[0]["train_loss"]
    assert history[-1]["valid_loss"] < history[0]["valid_loss"]
    assert all(0.0 <= entry["valid_exact_match"] <= 1.0 for entry in history)
    assert [report.step for report in reports] == [10, 20, 30, 40]
    assert reports[-1].seconds >= reports[0].seconds
    # Snapshots of the probe sentence: the start, then every 10 steps, with the probe's shape.
    snapshots = result.checkpoint.snapshots
    assert [snapshot["step"] for snapshot in snapshots] == [0, 10, 20, 30, 40]
    cross = torch.tensor(snapshots[-1]["cross"])
    assert cross.shape == (1, 2, len(snapshots[-1]["target_tokens"]), len(snapshots[-1]["source_tokens"]))
    assert snapshots[0]["source_tokens"] == ["나", "는", "학생", "이다"]
    assert snapshots[0]["output_tokens"] == ["i", "am", "a", "student", "<eos>"]
    assert not torch.equal(torch.tensor(snapshots[0]["cross"]), cross)
    assert 0.0 <= result.checkpoint.metrics["test_exact_match"] <= 1.0


def test_training_is_deterministic_from_its_seed():
    first, _ = short_run()
    second, _ = short_run()
    losses = lambda result: [entry["train_loss"] for entry in result.checkpoint.history]  # noqa: E731
    assert losses(first) == losses(second)
    for name, tensor in first.checkpoint.model.state_dict().items():
        assert torch.equal(tensor, second.checkpoint.model.state_dict()[name]), name
    other_seed, _ = short_run(seed=1)
    assert losses(other_seed) != losses(first)


def test_stopping_returns_the_best_model_so_far():
    calls = []

    def stop_after_25_steps():
        calls.append(1)
        return len(calls) > 25

    config = TrainConfig(steps=400, batch_size=16, eval_every=10, snapshot_every=10, threads=1)
    result = train(config, TINY_MODEL, SMALL_EVALUATION, should_stop=stop_after_25_steps)
    assert result.stopped and result.steps_done == 25
    assert result.checkpoint.metrics["steps"] == 25
    assert result.checkpoint.metrics["best_step"] in (10, 20)
    assert [snapshot["step"] for snapshot in result.checkpoint.snapshots] == [0, 10, 20, 25]  # ends where it stopped
    assert not result.checkpoint.model.training


def test_rare_constructions_are_sampled_more_often():
    class Pair:
        def __init__(self, construction):
            self.construction = construction

    weights = sampling_weights([Pair("present")] * 100 + [Pair("copula")] * 4)
    assert weights[-1] > weights[0]
    assert abs(weights[:100].sum() / weights[100:].sum() - 5.0) < 1e-9


def test_learning_rate_warms_up_then_decays():
    config = TrainConfig(steps=100, warmup_steps=10, learning_rate=1e-3)
    rates = [learning_rate_at(step, config) for step in range(100)]
    assert rates[0] < rates[9] == max(rates)
    assert rates[-1] < rates[50] < rates[10]
    assert min(rates) >= 1e-4 - 1e-12


def test_teacher_forced_exact_match_equals_greedy_decoding(shipped):
    # A half-trained model gets some sentences right and some wrong; the shipped one nearly all.
    config = TrainConfig(steps=150, eval_every=1000, snapshot_every=1000, threads=1)
    half_trained = train(config, ModelConfig(), SMALL_EVALUATION).checkpoint
    pairs = build_corpus(0).valid[:200]
    shares = []
    for checkpoint in (half_trained, shipped):
        vocabularies = checkpoint.source_vocabulary, checkpoint.target_vocabulary
        _, exact = evaluate(checkpoint.model, encode_pairs(pairs, *vocabularies))
        greedy = exact_match(checkpoint.model, pairs, *vocabularies)
        assert round(exact * len(pairs)) == round(greedy * len(pairs))  # the same number of sentences
        shares.append(exact)
    assert 0.1 < shares[0] < 0.9 < shares[1]


def test_evaluation_in_length_chunks_equals_one_pass_over_the_split(shipped):
    # Chunks of 7 sentences of similar length: the loss is still the mean over every token of
    # the split, the exact match the share of its sentences (not averages of chunk averages).
    pairs = build_corpus(0).valid[:150]
    source, target_input, targets = encode_pairs(pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    targets[::3, 0] = UNK_ID  # a third of the references wrong at their first word: exact match below 1
    tensors = source, target_input, targets
    with torch.no_grad():
        logits, one_pass_loss = shipped.model(*tensors)
    right = (logits.argmax(-1) == tensors[2]) | (tensors[2] == PAD_ID)
    loss, exact = evaluate(shipped.model, tensors, rows_per_chunk=7)
    assert loss == pytest.approx(one_pass_loss.item(), rel=1e-5)
    assert exact == pytest.approx(right.all(1).float().mean().item())
    assert 0.5 < exact < 0.8


def test_bucketed_batches_group_pairs_by_length_and_keep_the_weights():
    source_lengths = torch.randint(3, 12, (1000,))
    target_lengths = source_lengths + torch.randint(0, 4, (1000,))
    weights = torch.ones(1000, dtype=torch.float64)
    weights[:500] = 0.0  # never drawn
    batches = length_bucketed_batches(weights, source_lengths, target_lengths, 32, torch.Generator().manual_seed(0))
    drawn = [next(batches) for _ in range(64)]
    assert all(len(batch) == 32 for batch in drawn)
    assert all(bool((batch >= 500).all()) for batch in drawn)

    def padded_share(batch):
        longest = source_lengths[batch].max() + target_lengths[batch].max()
        return 1 - float((source_lengths[batch] + target_lengths[batch]).sum() / (len(batch) * longest))

    random_batches = [500 + torch.randint(0, 500, (32,)) for _ in range(64)]
    assert sum(map(padded_share, drawn)) < 0.5 * sum(map(padded_share, random_batches))
    # Shuffled: the batches do not come shortest first.
    first_lengths = [int(target_lengths[batch].min()) for batch in drawn[:16]]
    assert first_lengths != sorted(first_lengths)


def hidden_batches(pairs, share, seed, batches=20, batch_size=64):
    """(rows, [source, decoder input, targets]) of `batches` batches after hiding, the encoded
    pairs and the target vocabulary."""
    source_vocabulary, target_vocabulary = build_vocabularies(build_corpus(0))
    tensors = encode_pairs(pairs, source_vocabulary, target_vocabulary)
    replacement = UnknownWordReplacement(pairs, target_vocabulary, share, torch.Generator().manual_seed(seed))
    order = torch.Generator().manual_seed(0)
    drawn = []
    for _ in range(batches):
        rows = torch.randint(0, len(pairs), (batch_size,), generator=order)
        batch = [tensor[rows] for tensor in tensors]
        batch[1], batch[2] = replacement.apply(rows, *batch)
        drawn.append((rows, batch))
    return drawn, tensors, target_vocabulary


def expected_english(pair, hidden_korean: set[int]) -> list[str]:
    """The pair's English with the nouns at `hidden_korean` hidden, written out independently:
    the noun's words become <unk>, an "an" before them "a", and a bare noun gets its article."""
    english = list(pair.english_tokens)
    for noun in sorted(replaceable_nouns(pair), key=lambda noun: -noun.english[0]):
        if noun.korean_index not in hidden_korean:
            continue
        for index in noun.english:
            english[index] = "<unk>"
        first = noun.english[0]
        if first > 0 and english[first - 1] == "an":
            english[first - 1] = "a"
        if noun.added_article:
            english.insert(first, noun.added_article)
    return english


def test_unknown_word_training_hides_nouns_and_their_aligned_english_words():
    pairs = build_corpus(0).train
    drawn, _, target_vocabulary = hidden_batches(pairs, 0.3, seed=0)
    hidden_nouns = possible_nouns = 0
    for rows, (hidden_source, hidden_input, hidden_targets) in drawn:
        for row, pair_index in enumerate(rows.tolist()):
            pair = pairs[pair_index]
            nouns = replaceable_nouns(pair)
            possible_nouns += len(nouns)
            korean = hidden_source[row].tolist()
            hidden_here = {index for index, token in enumerate(korean) if token == UNK_ID}
            assert hidden_here <= {noun.korean_index for noun in nouns}  # only nouns are hidden
            hideable = {pair.object, pair.place} | ({pair.subject} & set(HIDEABLE_SUBJECTS))
            assert all(pair.korean_tokens[noun.korean_index] in hideable for noun in nouns)
            hidden_nouns += len(hidden_here)
            english = [target_vocabulary.tokens[token] for token in hidden_targets[row].tolist() if token != PAD_ID]
            assert english == [*expected_english(pair, hidden_here), "<eos>"]
            decoder_input = [target_vocabulary.tokens[token] for token in hidden_input[row].tolist() if token != PAD_ID]
            assert decoder_input == ["<bos>", *english[:-1]]  # the decoder input stays the targets shifted right
    assert 0.2 < hidden_nouns / possible_nouns < 0.4  # the share asked for (0.3)


def test_a_hidden_noun_always_takes_an_article():
    from model.corpus import render_pair

    bare = render_pair("우리", "마시다", "우유", place="학교")  # "we drink milk at school"
    nouns = {bare.korean_tokens[noun.korean_index]: noun.added_article for noun in replaceable_nouns(bare)}
    assert nouns == {"우유": "a", "학교": "the"}
    assert expected_english(bare, {2, 4}) == ["we", "drink", "a", "<unk>", "at", "the", "<unk>"]
    with_article = render_pair("나", "먹다", "사과", tense="past")  # "i ate an apple"
    assert expected_english(with_article, {2}) == ["i", "ate", "a", "<unk>"]
    plural = render_pair("우리", "이다", "학생")  # "we are students": "we are a <unk>" would be wrong
    assert replaceable_nouns(plural) == []


def test_unknown_word_training_is_deterministic_and_off_at_share_zero():
    pairs = build_corpus(0).train
    first, _, _ = hidden_batches(pairs, 0.2, seed=3)
    again, _, _ = hidden_batches(pairs, 0.2, seed=3)
    other, _, _ = hidden_batches(pairs, 0.2, seed=4)
    flatten = lambda drawn: [tensor.tolist() for _, batch in drawn for tensor in batch]  # noqa: E731
    assert flatten(first) == flatten(again)
    assert flatten(first) != flatten(other)
    off, (source, target_input, targets), _ = hidden_batches(pairs, 0.0, seed=3)
    for rows, batch in off:
        assert all(
            torch.equal(hidden, original[rows])
            for hidden, original in zip(batch, (source, target_input, targets), strict=True)
        )


def test_uploaded_pairs_without_alignment_are_trained_as_they_are():
    rows = "\n".join(f"나는 사과{index}를 먹었다\ti ate apple{index}" for index in range(40))
    corpus = parse_user_corpus(rows.encode(), "pairs.tsv")
    assert all(replaceable_nouns(pair) == [] for pair in corpus.train)
    source_vocabulary, target_vocabulary = build_vocabularies(corpus)
    replacement = UnknownWordReplacement(corpus.train, target_vocabulary, 0.5, torch.Generator().manual_seed(0))
    tensors = encode_pairs(corpus.train, source_vocabulary, target_vocabulary)
    rows_drawn = torch.arange(len(corpus.train))
    batch = [tensor[rows_drawn] for tensor in tensors]
    batch[1], batch[2] = replacement.apply(rows_drawn, *batch)
    assert all(torch.equal(hidden, original) for hidden, original in zip(batch, tensors, strict=True))


def test_a_share_of_hidden_nouns_changes_training_but_not_its_batches():
    with_hiding, _ = short_run(unknown_word_share=0.3)
    without, _ = short_run(unknown_word_share=0.0)
    losses = lambda result: [entry["train_loss"] for entry in result.checkpoint.history]  # noqa: E731
    assert losses(with_hiding) != losses(without)


def test_an_extra_unknown_word_goes_between_typed_words_and_adds_no_english():
    pairs = build_corpus(0).train
    source_vocabulary, target_vocabulary = build_vocabularies(build_corpus(0))
    source, _, _ = encode_pairs(pairs, source_vocabulary, target_vocabulary)
    insertion = UnknownWordInsertion(pairs, 0.3, torch.Generator().manual_seed(0))
    rows = torch.randint(0, len(pairs), (256,), generator=torch.Generator().manual_seed(1))
    batch = source[rows][:, : int((source[rows] != PAD_ID).sum(1).max())]
    widened = insertion.apply(rows, batch)
    assert widened.shape == (batch.shape[0], batch.shape[1] + 1)
    inserted = 0
    for row in range(len(rows)):
        tokens = [token for token in widened[row].tolist() if token != PAD_ID]
        original = [token for token in batch[row].tolist() if token != PAD_ID]
        if tokens == original:
            continue
        inserted += 1
        (position,) = [index for index, token in enumerate(tokens) if token == UNK_ID]
        assert tokens[:position] + tokens[position + 1 :] == original  # one <unk> more, nothing else moved
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        assert following is None or source_vocabulary.tokens[following] not in PARTICLES  # never noun | particle
        assert widened[row, len(tokens) :].eq(PAD_ID).all()
    assert 0.2 < inserted / len(rows) < 0.4
    again = UnknownWordInsertion(pairs, 0.3, torch.Generator().manual_seed(0)).apply(rows, batch)
    assert torch.equal(again, widened)  # deterministic from its generator
    assert torch.equal(UnknownWordInsertion(pairs, 0.0, torch.Generator()).apply(rows, batch), batch)


# --- records thinned to fit the checkpoint's header ---------------------------------------------


def header_length(data: bytes) -> int:
    return struct.unpack("<Q", data[:8])[0]


def evenly_spread(steps: list[int]) -> bool:
    """Every gap the same, but the last one (to the newest record), which may be shorter."""
    gaps = [later - earlier for earlier, later in zip(steps, steps[1:], strict=False)]
    return len(set(gaps[:-1])) <= 1 and (len(gaps) < 2 or 0 < gaps[-1] <= gaps[0])


def test_thinned_records_keep_the_first_and_the_newest_evenly_spread_within_the_count():
    records = EvenlyThinned(max_count=10, max_bytes=10**9)
    for step in range(1_000):
        records.add({"step": step})
        steps = [record["step"] for record in records.records()]
        assert steps[0] == 0 and steps[-1] == step
        assert len(steps) <= 10 and (step < 10 or len(steps) > 10 // 2), (step, steps)
        assert evenly_spread(steps), steps
    assert steps == [0, 128, 256, 384, 512, 640, 768, 896, 999]


def test_thinned_records_stay_within_their_header_bytes():
    one = record_header_bytes({"step": 0, "weights": [0.5] * 100})
    records = EvenlyThinned(max_count=1_000, max_bytes=20 * one)
    for step in range(500):
        records.add({"step": step, "weights": [0.5] * 100})
        assert records.header_bytes() <= 20 * one
        assert records.header_bytes() == sum(map(record_header_bytes, records.records()))
    assert 10 < len(records.records()) <= 20
    big = EvenlyThinned(max_count=1_000, max_bytes=one)  # not even two fit: the first and the newest stay
    for step in range(5):
        big.add({"step": step, "weights": [0.5] * 100})
    assert [record["step"] for record in big.records()] == [0, 4]


def test_a_run_recording_at_every_step_keeps_its_records_evenly_thinned(monkeypatch):
    monkeypatch.setattr(train_module, "MAX_SNAPSHOTS", 6)
    monkeypatch.setattr(train_module, "MAX_HISTORY_ENTRIES", 9)
    reports = []
    config = TrainConfig(steps=41, batch_size=8, eval_every=1, snapshot_every=1, warmup_steps=2, threads=1)
    checkpoint = train(config, TINY_MODEL, SMALL_EVALUATION, on_progress=reports.append).checkpoint
    assert len(reports) == 41  # every step was evaluated and snapshotted; the records keep a few
    snapshot_steps = [snapshot["step"] for snapshot in checkpoint.snapshots]
    history_steps = [entry["step"] for entry in checkpoint.history]
    assert snapshot_steps == [0, 16, 32, 41]  # the replay still spans the run: step 0 to the end
    assert history_steps == [1, 9, 17, 25, 33, 41]
    assert checkpoint.history[-1] == {k: v for k, v in dataclasses.asdict(reports[-1]).items() if k != "snapshot"}
    assert checkpoint.snapshots[-1] == reports[-1].snapshot


def long_sentence_corpus():
    """An upload of 25 pairs whose Korean has the most tokens the app reads (30), its English 39 words."""
    rows = [
        " ".join(f"말{row:02d}{word:02d}" for word in range(MAX_PROBE_TOKENS))
        + "\t"
        + " ".join(f"{chr(ord('a') + row)}{word:02d}" for word in range(39))
        for row in range(25)
    ]
    return parse_user_corpus("\n".join(rows).encode(), "long.tsv")


def test_a_run_whose_snapshots_outgrow_the_header_saves_and_loads():
    # The largest attention maps the app can record: 4 + 4 layers of 8 heads, a 30-token probe
    # read with its 39-word reference. Eleven snapshots of about 0.9 MB would make a 10 MB header.
    corpus = long_sentence_corpus()
    assert len(corpus.train[0].korean_tokens) == MAX_PROBE_TOKENS
    model_config = ModelConfig(d_model=8, n_heads=8, d_ff=8, n_encoder_layers=4, n_decoder_layers=4)
    config = TrainConfig(
        steps=10, batch_size=4, eval_every=1, snapshot_every=1, threads=1, probe_sentence=corpus.train[0].korean
    )
    reports = []
    checkpoint = train(config, model_config, corpus, on_progress=reports.append).checkpoint
    recorded = [report.snapshot for report in reports if report.snapshot is not None]
    assert len(recorded) == 10 and len(recorded[0]["target_tokens"]) == 40
    assert sum(map(record_header_bytes, recorded)) > MAX_HEADER_BYTES  # unthinned, the file would be refused
    data = checkpoint_bytes(checkpoint)
    assert header_length(data) < MAX_HEADER_BYTES
    loaded = load_checkpoint(data)
    check_records(loaded)  # what the Train page checks before drawing an uploaded model's records
    steps = [snapshot["step"] for snapshot in loaded.snapshots]
    assert steps[0] == 0 and steps[-1] == 10 and 2 < len(steps) < 11
    assert loaded.snapshots == checkpoint.snapshots and loaded.history == checkpoint.history


def test_snapshot_weights_are_written_with_four_decimals():
    # Rounded in float32 they read 0.039799999445676804: three times the header bytes.
    result, _ = short_run(steps=5)
    text = json.dumps(result.checkpoint.snapshots)
    assert re.search(r"\d\.\d{3,4}[,\]]", text) and not re.search(r"\d\.\d{5,}", text)


def test_a_probe_longer_than_the_app_reads_is_refused_before_training():
    config = TrainConfig(steps=1, threads=1, probe_sentence="나는 " * (MAX_PROBE_TOKENS // 2 + 1))
    with pytest.raises(ValueError, match="probe_sentence has 32 tokens"):
        train(config, TINY_MODEL, SMALL_EVALUATION)


def test_the_checkpoint_holds_the_moving_average_of_the_weights(monkeypatch):
    """Validation and the checkpoint read the exponential moving average of the weights
    (WEIGHT_AVERAGE_DECAY), not the last step's: recomputed here from every step's weights."""
    from model import train as train_module

    steps_weights = []

    class RecordingAverage(train_module.AveragedModel):
        def update_parameters(self, model):
            steps_weights.append([parameter.detach().clone() for parameter in model.parameters()])
            super().update_parameters(model)

    monkeypatch.setattr(train_module, "AveragedModel", RecordingAverage)
    result, _ = short_run(eval_every=40)  # one check, at the last step: the checkpoint is that step's average
    assert len(steps_weights) == 40
    decay = train_module.WEIGHT_AVERAGE_DECAY
    expected = steps_weights[0]  # the average starts at the first step's weights
    for weights in steps_weights[1:]:
        expected = [decay * average + (1 - decay) * now for average, now in zip(expected, weights, strict=True)]
    kept = list(result.checkpoint.model.parameters())
    for average, parameter in zip(expected, kept, strict=True):
        torch.testing.assert_close(parameter.detach(), average, rtol=1e-5, atol=1e-6)
    last = steps_weights[-1]
    assert any(not torch.allclose(parameter.detach(), now) for parameter, now in zip(kept, last, strict=True))


def test_validation_is_checked_every_ten_steps_once_it_is_near_the_target():
    """A check within NEAR_TARGET of the target brings the next one NEAR_TARGET_EVAL_EVERY steps
    later; far from it, checks keep to eval_every. (A tiny model after 60 steps translates none of
    the 60 validation sentences: 0 % is near a target of 0.5 %, far from one of 100 %.)"""
    from model.train import NEAR_TARGET, NEAR_TARGET_EVAL_EVERY

    assert NEAR_TARGET_EVAL_EVERY == 10 and 0 < NEAR_TARGET < 1
    near, _ = short_run(steps=60, target_exact_match=NEAR_TARGET / 2)
    far, _ = short_run(steps=60)
    assert [entry["valid_exact_match"] for entry in near.checkpoint.history] == [0.0] * 5
    assert [entry["step"] for entry in near.checkpoint.history] == [20, 30, 40, 50, 60]
    assert [entry["step"] for entry in far.checkpoint.history] == [20, 40, 60]
    # The checks change when training may stop, never the steps themselves.
    assert near.checkpoint.model.state_dict().keys() == far.checkpoint.model.state_dict().keys()
    for name, tensor in near.checkpoint.model.state_dict().items():
        assert torch.equal(tensor, far.checkpoint.model.state_dict()[name]), name
