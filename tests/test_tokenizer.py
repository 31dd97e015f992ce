import unicodedata

import pytest

from model.corpus import build_corpus
from model.korean import has_final_consonant
from model.tokenizer import (
    PARTICLES,
    SPECIAL_TOKENS,
    UNK_ID,
    VERB_ENDINGS,
    Vocabulary,
    contract_vowels,
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
    assert split_korean(decomposed, known_korean) == ["나", "는", "학교", "에서", "책", "을", "읽", "었다"]


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


def test_verbs_split_into_verb_and_ending_and_copulas_stay_whole(known_korean):
    assert split_korean("그녀는 빵을 좋아하지 않는다", known_korean) == [
        "그녀",
        "는",
        "빵",
        "을",
        "좋아",
        "하지",
        "않",
        "는다",
    ]
    assert split_korean("우리는 빵을 만들 것이다", known_korean) == ["우리", "는", "빵", "을", "만들", "것이다"]
    assert split_korean("나는 가수가 아니다", known_korean) == ["나", "는", "가수", "가", "아니다"]


def test_known_particle_is_split_off_an_unknown_noun(known_korean):
    tokens = split_korean("고양이를 먹었다", known_korean)
    assert tokens == ["고양이", "를", "먹", "었다"]
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


def test_speech_levels_split_into_the_corpus_tokens(known_korean):
    assert split_korean("저는 학생입니다", known_korean) == ["저", "는", "학생", "입니다"]
    assert split_korean("나는 가수예요", known_korean) == ["나", "는", "가수", "예요"]
    assert split_korean("내가 학생이야", known_korean) == ["내", "가", "학생", "이야"]
    assert split_korean("선생님이 의사이세요", known_korean) == ["선생님", "이", "의사", "이세요"]
    assert split_korean("민수가 빵을 먹어요", known_korean) == ["민수", "가", "빵", "을", "먹", "어요"]
    assert split_korean("그녀는 우유를 마셨습니다", known_korean) == ["그녀", "는", "우유", "를", "마셨", "습니다"]
    assert split_korean("선생님은 책을 읽으신다", known_korean) == ["선생님", "은", "책", "을", "읽", "으신다"]
    assert split_korean("우리는 공부 안 했다", known_korean) == ["우리", "는", "공부", "안", "했다"]
    assert split_korean("그는 학교에 갔다", known_korean) == ["그", "는", "학교", "에", "갔", "다"]


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("나는 가수다", "나는 가수이다"),
        ("그녀는 의사다", "그녀는 의사이다"),
        ("나는 사과를 먹을 거다", "나는 사과를 먹을 것이다"),
        ("나는 사과를 먹을 거에요", "나는 사과를 먹을 거예요"),
        ("그는 영화를 보아요", "그는 영화를 봐요"),
        ("그는 영화를 보았다", "그는 영화를 봤다"),
        ("민수는 커피를 마시었어요", "민수는 커피를 마셨어요"),
        ("우리는 공부하였다", "우리는 공부했다"),
        ("나는 학생이예요", "나는 학생이에요"),
    ],
)
def test_typed_variants_read_as_their_standard_form(typed, standard, known_korean):
    assert split_korean(typed, known_korean) == split_korean(standard, known_korean)
    assert all(token in known_korean for token in split_korean(typed, known_korean))


def test_contract_vowels():
    assert contract_vowels("보아요") == "봐요"
    assert contract_vowels("마시었다") == "마셨다"
    assert contract_vowels("공부하여") == "공부해"
    assert contract_vowels("주어요") == "줘요"
    assert contract_vowels("먹어요") == "먹어요"  # a final consonant: nothing to contract


def test_a_verb_ending_is_split_only_off_a_known_verb(known_korean):
    assert split_korean("먹었어요", known_korean) == ["먹", "었어요"]
    assert split_korean("뛰었어요", known_korean) == ["뛰었어요"]  # 뛰 is no verb of the corpus
    assert split_korean("먹었어요") == ["먹었어요"]  # without a vocabulary only particles are split


def test_the_tokenizer_knows_every_ending_the_corpus_writes():
    corpus = build_corpus(0)
    # A token that is the second half of a written word is a particle or an ending.
    endings = {
        pair.korean_tokens[index]
        for pair in corpus.train
        for index in range(1, len(pair.korean_tokens))
        if "".join(pair.korean_tokens[index - 1 : index + 1]) in pair.korean.split()
    }
    assert endings <= set(VERB_ENDINGS) | set(PARTICLES)
    assert {"었어요", "으신다", "했다", "습니다", "이에요", "에"} <= endings
