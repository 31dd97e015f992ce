"""model.heads: sure/possible gold, AER in both readings, confidence, pruning, and its CLI.

The CLI's figures are recomputed here independently: from the maps that
`python -m model.translate --json` prints and the corpus's gold links, with plain
Python sets and loops (no code of model.heads).
"""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from model import heads
from model.checkpoint import save_checkpoint
from model.corpus import OBJECTS, OCCUPATIONS, PLACES, SUBJECTS, build_corpus, render_pair
from model.decoding import exact_match, translate
from model.tokenizer import PARTICLES
from model.transformer import AttentionMaps, HeadMask

ROOT = Path(__file__).resolve().parent.parent


def run(module, *arguments, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


# --- alignment error rate ------------------------------------------------------------------


def test_aer_is_zero_for_a_perfect_alignment_and_one_for_a_disjoint_one():
    sure = [{(0, 0), (2, 1)}, {(1, 0)}]
    perfect = heads.alignment_error_rate(sure, sure, sure)
    assert (perfect.alignment_error_rate, perfect.precision, perfect.recall) == (0.0, 1.0, 1.0)
    disjoint = heads.alignment_error_rate([{(1, 0), (0, 1)}, {(0, 0)}], sure, sure)
    assert (disjoint.alignment_error_rate, disjoint.precision, disjoint.recall) == (1.0, 0.0, 0.0)


def test_aer_matches_a_hand_computed_example():
    # S = {0-0, 1-1}, P = S + {2-1}; A = {0-0, 2-1, 1-2}:
    # |A∩S| = 1, |A∩P| = 2, |A| = 3, |S| = 2 -> AER = 1 - 3/5, precision 2/3, recall 1/2.
    sure = {(0, 0), (1, 1)}
    score = heads.alignment_error_rate([{(0, 0), (2, 1), (1, 2)}], [sure], [sure | {(2, 1)}])
    assert score.alignment_error_rate == pytest.approx(0.4)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(0.5)


def test_articles_and_particles_give_possible_links():
    pair = render_pair("나", "이다", "학생")  # 나 는 학생 이다 / i am a student
    links = heads.gold_links(pair.korean_tokens, pair.english_tokens, pair.alignment)
    assert links.sure == {(0, 0), (3, 1), (2, 3)}  # 나-i, 이다-am, 학생-student; "a" is not sure
    assert links.possible == links.sure | {(2, 2), (1, 0), (3, 2), (3, 3)}  # 학생-a, 는-i, 이다-a/student
    pair = render_pair("지연", "읽다", "신문", place="도서관")  # 지연 은 도서관 에서 신문 을 읽는다
    links = heads.gold_links(pair.korean_tokens, pair.english_tokens, pair.alignment)
    english = pair.english_tokens  # jiyeon reads a newspaper at the library
    assert (3, english.index("at")) in links.sure  # 에서 translates "at" itself
    assert (3, english.index("library")) in links.possible - links.sure
    assert (2, english.index("the")) in links.possible - links.sure


# --- the batched figures against a plain recomputation ------------------------------------------


@pytest.fixture(scope="module")
def test_pairs():
    return list(build_corpus(0).test)


@pytest.fixture(scope="module")
def report(shipped, test_pairs):
    return heads.head_report(shipped, test_pairs, with_gold=True)


def test_batched_aer_equals_the_set_computation_in_both_readings(shipped, test_pairs, report):
    forced = heads.teacher_forced_maps(shipped.model, test_pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    golds = [heads.gold_links(p.korean_tokens, p.english_tokens, p.alignment) for p in test_pairs]
    for head in [h for h in report.heads if h.kind == "cross"]:
        for shift, expected in ((0, head.aer), (1, head.shift_aer)):
            hypotheses = []
            for index, pair in enumerate(test_pairs):
                cross = forced.maps.cross[index, head.layer, head.head]
                hypotheses.append(
                    {
                        (int(cross[j + shift, : len(pair.korean_tokens)].argmax()), j)
                        for j in range(len(pair.english_tokens))
                    }
                )
            score = heads.alignment_error_rate(hypotheses, [g.sure for g in golds], [g.possible for g in golds])
            assert expected == pytest.approx(score.alignment_error_rate, abs=1e-9)
        norm_links = [
            {
                (int(forced.cross_value_norms[i, head.layer, head.head, j].argmax()), j)
                for j in range(len(p.english_tokens))
            }
            for i, p in enumerate(test_pairs)
        ]
        score = heads.alignment_error_rate(norm_links, [g.sure for g in golds], [g.possible for g in golds])
        assert head.norm_aer == pytest.approx(score.alignment_error_rate, abs=1e-9)


def test_exact_match_in_one_pass_equals_greedy_decoding(shipped, test_pairs):
    test_pairs = test_pairs[:300]  # greedy decoding of a damaged model is slow on a shared machine
    task = heads.ExactMatchTask.of(test_pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    vocabularies = (shipped.source_vocabulary, shipped.target_vocabulary)
    for off in ([], [("cross", 0, 1)], [("decoder_self", 0, 0), ("cross", 1, 2)]):
        mask = HeadMask.without(shipped.model_config, off)
        assert task.exact_match(shipped.model, mask) == pytest.approx(
            exact_match(shipped.model, test_pairs, *vocabularies, head_mask=mask)
        )


def test_pruning_every_head_of_a_layer_changes_the_output(shipped, test_pairs):
    task = heads.ExactMatchTask.of(test_pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    layer_off = [("cross", 1, head) for head in range(shipped.model_config.n_heads)]
    mask = HeadMask.without(shipped.model_config, layer_off)
    assert task.exact_match(shipped.model, mask) < task.exact_match(shipped.model) - 0.1
    changed = [p for p in test_pairs[:20] if translate(shipped, p.korean, mask).translation != p.english]
    assert changed


def test_pruning_curve_starts_at_the_full_model_and_ends_with_nothing_on(shipped, test_pairs):
    pairs = test_pairs[:100]
    task = heads.ExactMatchTask.of(pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    forced = heads.teacher_forced_maps(shipped.model, pairs, shipped.source_vocabulary, shipped.target_vocabulary)
    result = heads.prune_heads(shipped.model, task, heads.head_confidence(forced))
    every_head = heads.all_heads(shipped.model_config)
    assert sorted(result.order) == sorted(every_head)
    assert len(result.exact_match) == len(every_head) + 1
    assert result.exact_match[0] == task.exact_match(shipped.model)
    assert result.exact_match[-1] == 0.0
    importances = [result.importance[head] for head in result.order]
    assert importances == sorted(importances)
    assert 1 <= result.heads_needed <= len(every_head)


def test_patterns_are_measured_against_token_roles():
    pair = render_pair("그", "쓰다", "편지", tense="past", time="어제", time_first=True)
    assert pair.korean_tokens == ("어제", "그", "는", "편지", "를", "썼다")
    assert heads.korean_roles(pair.korean_tokens) == ["time", "noun", "particle", "object", "particle", "verb"]
    # A made-up head that puts all weight of every particle on its noun, and of the verb on the object.
    source_length = len(pair.korean_tokens)
    weights = torch.eye(source_length)
    weights[2] = torch.nn.functional.one_hot(torch.tensor(1), source_length).float()
    weights[4] = torch.nn.functional.one_hot(torch.tensor(3), source_length).float()
    weights[5] = torch.nn.functional.one_hot(torch.tensor(3), source_length).float()
    rows = len(pair.english_tokens) + 1
    maps = AttentionMaps(
        weights[None, None, None],
        torch.full((1, 1, 1, rows, rows), 1 / rows).tril(),
        torch.full((1, 1, 1, rows, source_length), 1 / source_length),
    )
    forced = heads.TeacherForced(maps, torch.tensor([source_length]), torch.tensor([rows - 1]))
    shares = heads.head_patterns(forced, [pair])
    assert shares["encoder_self"]["particle_to_noun"][0, 0] == 1.0
    assert shares["encoder_self"]["verb_to_object"][0, 0] == 1.0
    assert heads.describe({"previous_token": 0.4, "particle_to_noun": 1.0, "diagonal": 0.6}) == "particle_to_noun"
    assert heads.describe({"previous_token": 0.7, "particle_to_noun": 0.9}) == "previous_token"
    assert heads.describe({"previous_token": 0.5, "diagonal": 0.2}) is None


# --- the CLI ------------------------------------------------------------------------------------------


def independent_gold(pair):
    """Sure and possible links by the rule of docs/ARCHITECTURE.md, written again from scratch."""
    nouns = set(SUBJECTS) | set(OCCUPATIONS) | set(OBJECTS) | set(PLACES)
    sure = {(k, e) for k, e in pair.alignment if pair.english_tokens[e] not in ("a", "an", "the")}
    possible = set(pair.alignment)
    for k, token in enumerate(pair.korean_tokens):
        if token in PARTICLES and k > 0 and pair.korean_tokens[k - 1] in nouns:
            possible |= {(k, e) for noun, e in pair.alignment if noun == k - 1}
    return sure, possible


def test_cli_figures_recomputed_from_translate_json_maps_and_gold_links(shipped):
    # The valid split: the shipped model translates every valid pair exactly as the
    # reference, so the maps of its own translation are the teacher-forced maps.
    # The first 40 pairs keep the translate CLI's share of the test short on a shared machine.
    pairs = list(build_corpus(0).valid)[:40]
    translated = run("model.translate", "--json", stdin="\n".join(pair.korean for pair in pairs) + "\n")
    assert translated.returncode == 0, translated.stderr
    records = [json.loads(line) for line in translated.stdout.splitlines()]
    assert [record["translation"] for record in records] == [pair.english for pair in pairs]

    result = run("model.heads", "--json", "--split", "valid", "--limit", str(len(pairs)))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(heads.all_heads(shipped.model_config))
    counts = {}
    for kind, key in (
        ("encoder_self", "encoder_self_attention"),
        ("decoder_self", "decoder_self_attention"),
        ("cross", "cross_attention"),
    ):
        for row in [r for r in rows if r["kind"] == kind]:
            largest = []
            a_and_s = {0: 0, 1: 0}
            a_and_p = {0: 0, 1: 0}
            a_total = s_total = 0
            for record, pair in zip(records, pairs, strict=True):
                head_map = record[key][row["layer"]][row["head"]]
                english_count = len(pair.english_tokens)
                queries = head_map if kind == "encoder_self" else head_map[:english_count]  # no <eos> row
                largest += [max(query) for query in queries]
                if kind == "cross":
                    sure, possible = independent_gold(pair)
                    a_total += english_count
                    s_total += len(sure)
                    for shift in (0, 1):
                        for j in range(english_count):
                            weights = head_map[j + shift]
                            link = (weights.index(max(weights)), j)
                            a_and_s[shift] += link in sure
                            a_and_p[shift] += link in possible
            assert row["confidence"] == pytest.approx(sum(largest) / len(largest), abs=1e-6)
            if kind == "cross":
                for shift, prefix in ((0, ""), (1, "shift_")):
                    assert row[prefix + "precision"] == pytest.approx(a_and_p[shift] / a_total, abs=1e-9)
                    assert row[prefix + "recall"] == pytest.approx(a_and_s[shift] / s_total, abs=1e-9)
                    aer = 1 - (a_and_s[shift] + a_and_p[shift]) / (a_total + s_total)
                    assert row[prefix + "aer"] == pytest.approx(aer, abs=1e-9)
                    counts[(row["layer"], row["head"], shift)] = aer
            else:
                assert row["aer"] is None
    assert len(counts) == 2 * sum(kind == "cross" for kind, _, _ in heads.all_heads(shipped.model_config))


def test_cli_for_a_model_trained_on_other_pairs_gives_confidence_only(shipped, tmp_path):
    path = save_checkpoint(dataclasses.replace(shipped, corpus_fingerprint="0" * 64), tmp_path / "uploaded.safetensors")
    result = run("model.heads", "--json", "--checkpoint", str(path))
    assert result.returncode == 0, result.stderr
    assert "no gold links" in result.stderr and "confidence" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(heads.all_heads(shipped.model_config))
    assert all(row["aer"] is None and row["shift_aer"] is None and 0 < row["confidence"] <= 1 for row in rows)


@pytest.mark.parametrize(
    "arguments",
    [
        ("--checkpoint", "/nonexistent/model.safetensors"),
        ("--split", "nope"),
        ("--limit", "0"),
        ("--pairs", "/nonexistent.tsv"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(arguments, shipped, tmp_path):
    if arguments[0] == "--pairs":
        uploaded = dataclasses.replace(shipped, corpus_fingerprint="0" * 64)
        arguments = (*arguments, "--checkpoint", str(save_checkpoint(uploaded, tmp_path / "u.safetensors")))
    result = run("model.heads", "--json", *arguments)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error: ")


def test_cli_scores_a_model_trained_on_uploaded_pairs_on_that_file(shipped, tmp_path):
    pairs = build_corpus(0).train[:200]
    table = tmp_path / "pairs.tsv"
    table.write_text("".join(f"{pair.korean}\t{pair.english}\n" for pair in pairs), encoding="utf-8")
    uploaded = dataclasses.replace(shipped, corpus_fingerprint="0" * 64)
    path = save_checkpoint(uploaded, tmp_path / "uploaded.safetensors")
    result = run("model.heads", "--json", "--checkpoint", str(path), "--pairs", str(table))
    assert result.returncode == 0, result.stderr
    assert f"of the test split of {table}" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(row["aer"] is None and row["pattern_shares"].get("crossing") is None for row in rows)
