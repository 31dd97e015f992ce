"""The shipped checkpoint, greedy decoding and the translate CLI's contract."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from model.checkpoint import SHIPPED_CHECKPOINT
from model.corpus import build_corpus, generate_pairs
from model.decoding import SentenceError, exact_match, greedy_decode, pad_batch, translate

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*arguments, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "model.translate", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_shipped_checkpoint_is_small_and_reaches_99_5_percent_on_the_test_split(shipped):
    assert SHIPPED_CHECKPOINT.stat().st_size <= 2 * 1024 * 1024
    corpus = build_corpus(shipped.train_config.corpus_seed)
    assert shipped.corpus_fingerprint == corpus.fingerprint()
    assert exact_match(shipped.model, corpus.test, shipped.source_vocabulary, shipped.target_vocabulary) >= 0.995


def test_every_copula_sentence_translates(shipped):
    """Copulas are a closed table, all in train (model/corpus.py): the model must know every one."""
    corpus = build_corpus(shipped.train_config.corpus_seed)
    copulas = [pair for pair in corpus.train if pair.verb in ("이다", "아니다")]
    assert len(copulas) >= 400
    assert exact_match(shipped.model, copulas, shipped.source_vocabulary, shipped.target_vocabulary) == 1.0


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("나는 학생이다", "i am a student"),
        ("민수는 우유를 마신다", "minsu drinks milk"),
        ("그녀는 빵을 좋아하지 않는다", "she does not like bread"),
        ("어제 그는 편지를 썼다", "he wrote a letter yesterday"),
        ("그들은 학생이다", "they are students"),
        # Issue 10: the sentences that failed, and one of each new construction.
        ("저는 학생입니다", "i am a student"),
        ("나는 학생이에요", "i am a student"),
        ("나는 학생이야", "i am a student"),
        ("나는 어제 사과를 안 먹었다", "i did not eat an apple yesterday"),
        ("그들은 우유를 안 좋아한다", "they do not like milk"),
        ("우리는 어제 공부 안 했다", "we did not study yesterday"),
        ("그는 집에 갔다", "he went home"),
        ("나는 사과를 좋아한다", "i like apples"),
        ("그녀는 오래된 책을 좋아한다", "she likes old books"),
        ("선생님은 책을 읽으신다", "the teacher reads a book"),
        ("선생님은 커피를 드셨어요", "the teacher drank coffee"),
        ("민수가 빵을 먹어요", "minsu eats bread"),
        ("제가 학교에 갈 거예요", "i will go to school"),
        ("너는 커피를 마셔", "you drink coffee"),
        # Typed variants read as their standard form.
        ("나는 가수다", "i am a singer"),
        ("나는 사과를 먹을 거다", "i will eat an apple"),
        ("그는 영화를 보아요", "he watches a movie"),
    ],
)
def test_the_issue_examples_translate(shipped, korean, english):
    assert translate(shipped, korean).translation == english


def test_translation_carries_every_map_in_sentence_shape(shipped):
    result = translate(shipped, "지연은 카페에서 신문을 읽는다.")
    layers, heads = shipped.model_config.n_encoder_layers, shipped.model_config.n_heads
    source_length, target_length = len(result.source_tokens), len(result.target_tokens)
    assert result.target_tokens[0] == "<bos>" and result.output_tokens[-1] == "<eos>"
    assert result.output_tokens[:-1] == result.target_tokens[1:]
    assert result.maps.encoder_self.shape == (layers, heads, source_length, source_length)
    assert result.maps.decoder_self.shape[2:] == (target_length, target_length)
    assert result.maps.cross.shape[2:] == (target_length, source_length)
    assert result.next_token_probabilities.shape == (target_length, len(shipped.target_vocabulary))
    # Each position's most likely next token is what greedy decoding produced.
    predicted = result.next_token_probabilities.argmax(-1).tolist()
    assert shipped.target_vocabulary.decode(predicted) == result.output_tokens


def test_step_maps_equal_the_maps_computed_while_decoding(shipped):
    """Re-run the decoder on each prefix, as greedy decoding does, and compare rows."""
    result = translate(shipped, "나는 사과를 먹었다")
    source = torch.tensor([shipped.source_vocabulary.encode(result.source_tokens)])
    target_ids = shipped.target_vocabulary.encode(result.target_tokens)
    for step in range(len(target_ids)):
        _, inspection = shipped.model.inspect(source, torch.tensor([target_ids[: step + 1]]))
        live = inspection.maps.for_sentence(0)
        at_step = result.maps_at_step(step)
        torch.testing.assert_close(at_step.cross, live.cross)
        torch.testing.assert_close(at_step.decoder_self, live.decoder_self)


def test_unknown_words_are_kept_and_marked(shipped):
    result = translate(shipped, "고양이를 먹었다")
    assert result.source_tokens == ["고양이", "를", "먹", "었다"]
    assert result.source_known == [False, True, True, True]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ?! ", "empty"),
        ("\u200b\u200b", "empty"),
        ("가" * 201, "too_long"),
        ("나 " * 31, "too_long"),
        ("hello world", "no_korean"),
        ("😀 123", "no_korean"),
        ("고양이 강아지", "no_known_words"),
    ],
)
def test_bad_sentences_raise_a_sentence_error(shipped, text, code):
    with pytest.raises(SentenceError) as caught:
        translate(shipped, text)
    assert caught.value.code == code


def test_cli_prints_one_translation_per_line_in_order():
    completed = run_cli("나는 학생이다", "그녀는 가수이다")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["i am a student", "she is a singer"]
    from_stdin = run_cli(stdin="나는 학생이다\n그녀는 가수이다\n")
    assert from_stdin.stdout == completed.stdout


def test_cli_json_contract():
    completed = run_cli("--json", "나는 학생이다", "민수는 우유를 마신다")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        record = json.loads(line)
        assert set(record) == {
            "source",
            "source_tokens",
            "translation",
            "target_tokens",
            "encoder_self_attention",
            "decoder_self_attention",
            "cross_attention",
        }
        source_length, target_length = len(record["source_tokens"]), len(record["target_tokens"])
        encoder = torch.tensor(record["encoder_self_attention"])
        decoder = torch.tensor(record["decoder_self_attention"])
        cross = torch.tensor(record["cross_attention"])
        assert encoder.shape[2:] == (source_length, source_length)
        assert decoder.shape[2:] == (target_length, target_length)
        assert cross.shape[2:] == (target_length, source_length)
        for weights in (encoder, decoder, cross):
            torch.testing.assert_close(weights.sum(-1), torch.ones(weights.shape[:-1]), atol=1e-5, rtol=0)
        assert decoder.triu(1).abs().max() == 0
    assert json.loads(lines[0])["translation"] == "i am a student"
    assert json.loads(lines[0])["target_tokens"] == ["<bos>", "i", "am", "a", "student"]


@pytest.mark.parametrize(
    "arguments",
    [
        ("",),
        ("   ",),
        ("--checkpoint", "/nonexistent.safetensors", "나는 학생이다"),
        ("--checkpoint", "README.md", "나는 학생이다"),
    ],
)
def test_cli_errors_exit_2_with_one_line_and_no_traceback(arguments):
    completed = run_cli(*arguments)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in completed.stderr and completed.stderr.startswith("error:")


def test_cli_with_empty_stdin_is_an_error():
    completed = run_cli(stdin="")
    assert completed.returncode == 2 and len(completed.stderr.strip().splitlines()) == 1


def test_unseen_sentences_from_the_whole_grammar_translate(shipped):
    """Other seeds' corpora sample other sentences of the same grammar: a stand-in for a held-back set.

    3,000 sentences that are in no split of the shipped corpus, drawn at random from
    seeds 1 and 2, so every construction (speech levels, 안, 가다/오다, -(으)시-, 저/너,
    이/가) appears in proportion to the grammar.
    """
    seen = {pair.korean for split in ("train", "valid", "test") for pair in build_corpus(0).split(split)}
    candidates = {pair.korean: pair for seed in (1, 2) for pair in generate_pairs(seed) if pair.korean not in seen}
    unseen = random.Random(0).sample(sorted(candidates.values(), key=lambda pair: pair.korean), 3000)
    shown = {(pair.level, pair.negation, pair.honorific, pair.subject_case) for pair in unseen}
    assert len(shown) >= 4 * 3 * 2 * 2 - 4  # nearly every combination of the new constructions
    assert sum(pair.verb in ("가다", "오다") for pair in unseen) >= 200
    source = pad_batch([shipped.source_vocabulary.encode(pair.korean_tokens) for pair in unseen])
    outputs = greedy_decode(shipped.model, source)
    correct = sum(
        output == shipped.target_vocabulary.encode(pair.english_tokens)
        for pair, output in zip(unseen, outputs, strict=True)
    )
    assert correct / len(unseen) >= 0.97
