"""model/alignment.py: the gold lexicon and the scores of cross-attention heads."""

import pytest
import torch

from model import alignment
from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint
from model.corpus import build_corpus, render_pair


@pytest.fixture(scope="module")
def corpus():
    return build_corpus()


@pytest.fixture(scope="module")
def lexicon(corpus):
    return alignment.AlignmentLexicon.learn(corpus.train + corpus.valid + corpus.test)


def one_hot_cross(pair, korean_index_of_row) -> torch.Tensor:
    """A (1, 1, 1, T, S) map whose row j puts all weight on korean_index_of_row(j); <eos> row uniform."""
    rows, keys = len(pair.english_tokens) + 1, len(pair.korean_tokens)
    cross = torch.full((rows, keys), 1.0 / keys)
    for english_index in range(len(pair.english_tokens)):
        cross[english_index] = 0.0
        cross[english_index, korean_index_of_row(english_index)] = 1.0
    return cross[None, None, None]


def gold_and_mask(pair):
    rows, keys = len(pair.english_tokens) + 1, len(pair.korean_tokens)
    gold = torch.zeros(1, rows, keys, dtype=torch.bool)
    gold[0, : rows - 1] = alignment.gold_matrix(pair.alignment, rows - 1, keys)
    english_mask = torch.zeros(1, rows, dtype=torch.bool)
    english_mask[0, : rows - 1] = True
    return gold, english_mask


def test_the_lexicon_finds_the_stored_alignment_of_corpus_sentences(corpus, lexicon):
    seed = render_pair("나", "이다", "학생")
    found = lexicon.align(seed.korean_tokens, seed.english_tokens)
    assert found.available
    assert found.links == seed.alignment == ((0, 0), (2, 2), (2, 3), (3, 1))
    for pair in corpus.test:
        assert lexicon.align(pair.korean_tokens, pair.english_tokens).links == pair.alignment, pair.korean


def test_the_lexicon_tells_two_thes_apart():
    pair = render_pair("선생님", "읽다", "책", tense="past", place="도서관")
    assert pair.english == "the teacher read a book at the library"
    lexicon = alignment.AlignmentLexicon.learn(build_corpus().train)
    links = lexicon.align(pair.korean_tokens, pair.english_tokens).links
    partner = dict((english, korean) for korean, english in links)
    assert pair.korean_tokens[partner[0]] == "선생님" and pair.korean_tokens[partner[6]] == "도서관"


def test_the_lexicon_says_why_gold_is_missing(lexicon):
    unknown = lexicon.align(["나", "는", "고양이", "이다"], ["i", "am", "a", "cat"])
    assert not unknown.available and unknown.reason == "unknown_words" and unknown.unknown_tokens == ("고양이",)
    wrong = lexicon.align(["나", "는", "학생", "이다"], ["i", "am", "a", "doctor"])
    assert not wrong.available and wrong.reason == "no_fit"


def test_a_copied_word_is_aligned_to_its_source(lexicon):
    # 나 는 햄버거 를 먹 었다 -> i ate a 햄버거: the copy (row 3) came from 햄버거 (index 2).
    korean, english = ["나", "는", "햄버거", "를", "먹", "었다"], ["i", "ate", "a", "햄버거"]
    found = lexicon.align(korean, english, copied=[(3, 2)])
    assert found.available
    assert set(found.links) == {(0, 0), (4, 1), (2, 2), (2, 3)}  # the article goes with the copied noun
    # A copy must sit where it was written, and a word neither known nor copied still has no gold.
    assert lexicon.align(korean, english).reason == "unknown_words"
    two = lexicon.align(
        ["나", "는", "식당", "에서", "햄버거", "를", "먹", "었다"],
        ["i", "ate", "a", "햄버거", "at", "the", "식당"],
        copied=[(3, 4), (6, 2)],
    )
    assert set(two.links) == {(0, 0), (6, 1), (4, 2), (4, 3), (3, 4), (2, 5), (2, 6)}
    swapped = lexicon.align(
        ["나", "는", "식당", "에서", "햄버거", "를", "먹", "었다"],
        ["i", "ate", "a", "햄버거", "at", "the", "식당"],
        copied=[(3, 2), (6, 4)],  # each copy claimed from the other word: its surface is not there
    )
    assert not swapped.available


def test_a_map_equal_to_gold_scores_one_and_aer_zero():
    pair = render_pair("나", "먹다", "사과", tense="past", adjective="큰")  # a big apple: a and apple -> 사과
    partner = {english: korean for korean, english in pair.alignment}
    gold, english_mask = gold_and_mask(pair)
    (score,) = alignment.score_cross_attention(one_hot_cross(pair, partner.__getitem__), gold, english_mask)
    assert score.hit_rate == pytest.approx(1.0)
    assert score.alignment_error_rate == pytest.approx(0.0)
    assert score.gold_mass == pytest.approx(1.0)


def test_a_map_on_a_particle_scores_zero():
    pair = render_pair("나", "이다", "학생")
    particle = pair.korean_tokens.index("는")
    gold, english_mask = gold_and_mask(pair)
    (score,) = alignment.score_cross_attention(one_hot_cross(pair, lambda _: particle), gold, english_mask)
    assert score.hit_rate == 0.0
    assert score.alignment_error_rate == pytest.approx(1.0)
    assert score.gold_mass == 0.0


def test_half_right_scores_half():
    pair = render_pair("나", "이다", "학생")  # i am a student: 나 이다 학생 학생
    partner = {english: korean for korean, english in pair.alignment}
    particle = pair.korean_tokens.index("는")
    gold, english_mask = gold_and_mask(pair)
    cross = one_hot_cross(pair, lambda english: partner[english] if english < 2 else particle)
    (score,) = alignment.score_cross_attention(cross, gold, english_mask)
    assert score.hit_rate == pytest.approx(0.5)
    assert score.alignment_error_rate == pytest.approx(0.5)


def test_every_shipped_head_scores_in_range_and_batches_agree(corpus):
    checkpoint = load_checkpoint(SHIPPED_CHECKPOINT)
    pairs = corpus.test[:300]
    args = (checkpoint.model, pairs, checkpoint.source_vocabulary, checkpoint.target_vocabulary)
    scores = alignment.head_scores(*args, batch_size=128)
    config = checkpoint.model_config
    assert [(score.layer, score.head) for score in scores] == [
        (layer, head) for layer in range(config.n_decoder_layers) for head in range(config.n_heads)
    ]
    for score in scores:
        assert 0.0 <= score.hit_rate <= 1.0
        assert 0.0 <= score.alignment_error_rate <= 1.0
        assert 0.0 <= score.gold_mass <= 1.0
    # The same pairs in one batch give the same scores: padding does not leak in.
    one_batch = alignment.head_scores(*args, batch_size=1000)
    assert [score.hit_rate for score in one_batch] == pytest.approx([score.hit_rate for score in scores])
    assert [score.gold_mass for score in one_batch] == pytest.approx([score.gold_mass for score in scores])
    best = alignment.best_head(scores)
    assert best.hit_rate == max(score.hit_rate for score in scores)
    assert best.hit_rate > 0.5  # a trained model has a head that follows the alignment
