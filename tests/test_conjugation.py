"""Verb endings against tables written out by hand (tests/korean_forms.py), verb by verb."""

import pytest

from model.conjugation import Stem, copula, future_modifier, past, present, verb_words
from tests.korean_forms import HONORIFIC_FORMS, LEVELS, PLAIN_FORMS

STEMS = {
    "먹다": Stem("먹", suppletive_honorific="드"),
    "마시다": Stem("마시", suppletive_honorific="드"),
    "읽다": Stem("읽"),
    "쓰다": Stem("쓰"),
    "보다": Stem("보"),
    "듣다": Stem("듣", d_irregular=True),
    "좋아하다": Stem("좋아하"),
    "사다": Stem("사"),
    "만들다": Stem("만들"),
    "공부하다": Stem("공부하"),
    "자다": Stem("자", suppletive_honorific="주무"),
    "걷다": Stem("걷", d_irregular=True),
    "가다": Stem("가"),
    "오다": Stem("오"),
    "일하다": Stem("일하"),
    "운동하다": Stem("운동하"),
    "하다": Stem("하"),
    "않다": Stem("않"),
}


@pytest.mark.parametrize("verb", PLAIN_FORMS)
def test_plain_forms_in_every_speech_level(verb):
    presents, pasts, future = PLAIN_FORMS[verb]
    stem = STEMS[verb]
    assert [present(stem, level) for level in LEVELS] == presents.split()
    assert [past(stem, level) for level in LEVELS] == pasts.split()
    assert future_modifier(stem) == future


@pytest.mark.parametrize("verb", HONORIFIC_FORMS)
def test_honorific_forms_in_every_speech_level(verb):
    presents, pasts, future = HONORIFIC_FORMS[verb]
    stem = STEMS[verb].honoured()
    assert [present(stem, level) for level in LEVELS] == presents.split()
    assert [past(stem, level) for level in LEVELS] == pasts.split()
    assert future_modifier(stem) == future


def words(stem, tense, level, **options):
    return " ".join("".join(tokens) for tokens in verb_words(stem, tense, level, **options))


def test_negation_and_future_words_follow_the_issue_table():
    eat = STEMS["먹다"]
    assert [words(eat, "future", level) for level in LEVELS] == [
        "먹을 것이다",
        "먹을 거예요",
        "먹을 것입니다",
        "먹을 거야",
    ]
    long_negation = {
        "plain": ("먹지 않는다", "먹지 않았다", "먹지 않을 것이다"),
        "polite": ("먹지 않아요", "먹지 않았어요", "먹지 않을 거예요"),
        "formal": ("먹지 않습니다", "먹지 않았습니다", "먹지 않을 것입니다"),
        "casual": ("먹지 않아", "먹지 않았어", "먹지 않을 거야"),
    }
    for level, expected in long_negation.items():
        assert tuple(words(eat, tense, level, negation="long") for tense in ("present", "past", "future")) == expected
    assert words(eat, "past", "plain", negation="short") == "안 먹었다"
    assert words(STEMS["좋아하다"], "present", "plain", negation="short") == "안 좋아한다"
    assert words(STEMS["읽다"], "present", "plain", negation="long", honorific=True) == "읽지 않으신다"
    assert words(STEMS["읽다"], "future", "plain", honorific=True) == "읽으실 것이다"
    assert words(STEMS["먹다"], "present", "polite", negation="long", honorific=True) == "드시지 않으세요"
    assert words(STEMS["가다"], "past", "polite", negation="short", honorific=True) == "안 가셨어요"


def test_a_word_is_the_verbs_token_then_the_endings():
    assert verb_words(STEMS["먹다"], "past", "polite") == [("먹", "었어요")]
    assert verb_words(STEMS["마시다"], "past", "polite") == [("마셨", "어요")]
    assert verb_words(STEMS["마시다"], "present", "casual") == [("마셔",)]
    assert verb_words(STEMS["읽다"], "present", "polite", honorific=True) == [("읽", "으세요")]
    assert verb_words(STEMS["자다"], "past", "plain", honorific=True) == [("주무", "셨다")]
    assert verb_words(STEMS["먹다"], "present", "plain", negation="long") == [("먹", "지"), ("않", "는다")]
    assert verb_words(STEMS["만들다"], "future", "casual") == [("만들",), ("거야",)]


def test_copula_endings():
    assert [copula("이다", "학생", level) for level in LEVELS] == ["이다", "이에요", "입니다", "이야"]
    assert [copula("이다", "가수", level) for level in LEVELS] == ["이다", "예요", "입니다", "야"]
    assert [copula("아니다", "가수", level) for level in LEVELS] == ["아니다", "아니에요", "아닙니다", "아니야"]
    assert [copula("이다", "의사", level, honorific=True) for level in LEVELS] == [
        "이시다",
        "이세요",
        "이십니다",
        "이셔",
    ]
    assert copula("아니다", "의사", "formal", honorific=True) == "아니십니다"


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        verb_words(STEMS["먹다"], "yesterday", "plain")
    with pytest.raises(ValueError):
        verb_words(STEMS["먹다"], "past", "rude")
    with pytest.raises(ValueError):
        Stem("먹", d_irregular=True).before_vowel()
