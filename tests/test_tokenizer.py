import unicodedata

import pytest

from model.corpus import build_corpus
from model.korean import has_final_consonant
from model.tokenizer import (
    SPECIAL_TOKENS,
    UNK_ID,
    Vocabulary,
    normalize,
    split_english,
    split_korean,
)


@pytest.fixture(scope="module")
def known_korean():
    return Vocabulary.build(pair.korean_tokens for pair in build_corpus(0).train).words


def test_nfd_input_tokenises_like_nfc(known_korean):
    sentence = "나는 학교에서 책을 읽었다"
    decomposed = unicodedata.normalize("NFD", sentence)
    assert decomposed != sentence
    assert split_korean(decomposed, known_korean) == split_korean(sentence, known_korean)
    assert split_korean(decomposed, known_korean) == ["나", "는", "학교", "에서", "책", "을", "읽었다"]


@pytest.mark.parametrize(
    "typed",
    [
        "나는 학생이다.",
        "나는 학생이다?!",
        "  나는   학생이다  ",
        "나는\u200b 학생이다",
        "\u202e나는 학생이다",
        "나는\t학생이다 !",
    ],
)
def test_punctuation_spaces_and_invisible_characters_are_ignored(typed, known_korean):
    assert split_korean(typed, known_korean) == ["나", "는", "학생", "이다"]


def test_verbs_and_copulas_stay_whole(known_korean):
    assert split_korean("그녀는 빵을 좋아하지 않는다", known_korean) == ["그녀", "는", "빵", "을", "좋아하지", "않는다"]
    assert split_korean("우리는 빵을 만들 것이다", known_korean) == ["우리", "는", "빵", "을", "만들", "것이다"]
    assert split_korean("나는 가수가 아니다", known_korean) == ["나", "는", "가수", "가", "아니다"]


def test_known_particle_is_split_off_an_unknown_noun(known_korean):
    tokens = split_korean("고양이를 먹었다", known_korean)
    assert tokens == ["고양이", "를", "먹었다"]
    vocabulary = Vocabulary(SPECIAL_TOKENS + tuple(sorted(known_korean)))
    assert vocabulary.encode(tokens)[0] == UNK_ID
    assert vocabulary.encode(tokens)[1] != UNK_ID


def test_particle_split_follows_the_final_consonant():
    # 를 follows a vowel, 을 a consonant: 책를 is not noun + particle, 책을 is.
    assert split_korean("책을") == ["책", "을"]
    assert split_korean("사과를") == ["사과", "를"]
    assert split_korean("책를") == ["책를"]
    assert split_korean("사과을") == ["사과을"]
    assert has_final_consonant("책") and not has_final_consonant("과")


def test_a_noun_ending_in_i_is_not_split_unless_known(known_korean):
    assert split_korean("고양이", known_korean) == ["고양이"]
    assert split_korean("선생님이 아니다", known_korean) == ["선생님", "이", "아니다"]


def test_every_corpus_sentence_tokenises_to_its_tokens(known_korean):
    corpus = build_corpus(0)
    for pair in corpus.train + corpus.valid + corpus.test:
        assert tuple(split_korean(pair.korean, known_korean)) == pair.korean_tokens


def test_english_is_lowercased_without_trailing_punctuation():
    assert split_english("I am a Student.") == ["i", "am", "a", "student"]


def test_normalize_collapses_and_strips():
    assert normalize("  a \n b  ?") == "a b"
    assert normalize("") == ""


def test_vocabulary_round_trip_and_unknown():
    vocabulary = Vocabulary.build([["b", "a"], ["c"]])
    assert vocabulary.tokens[:4] == SPECIAL_TOKENS
    assert vocabulary.decode(vocabulary.encode(["a", "b", "c"])) == ["a", "b", "c"]
    assert vocabulary.encode(["zzz"]) == [UNK_ID]
    with pytest.raises(ValueError):
        Vocabulary(("a",) + SPECIAL_TOKENS)
