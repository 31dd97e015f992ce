"""Verb endings against a table written out by hand (not computed), verb by verb."""

import pytest

from model.conjugation import Stem, copula, future_modifier, past, present, verb_words

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
}

# present 한다체 / 해요체 / 합니다체 / 해체, past 한다체 / 해요체 / 합니다체 / 해체, future modifier.
PLAIN_FORMS = {
    "먹다": ("먹는다 먹어요 먹습니다 먹어", "먹었다 먹었어요 먹었습니다 먹었어", "먹을"),
    "마시다": ("마신다 마셔요 마십니다 마셔", "마셨다 마셨어요 마셨습니다 마셨어", "마실"),
    "읽다": ("읽는다 읽어요 읽습니다 읽어", "읽었다 읽었어요 읽었습니다 읽었어", "읽을"),
    "쓰다": ("쓴다 써요 씁니다 써", "썼다 썼어요 썼습니다 썼어", "쓸"),
    "보다": ("본다 봐요 봅니다 봐", "봤다 봤어요 봤습니다 봤어", "볼"),
    "듣다": ("듣는다 들어요 듣습니다 들어", "들었다 들었어요 들었습니다 들었어", "들을"),
    "좋아하다": ("좋아한다 좋아해요 좋아합니다 좋아해", "좋아했다 좋아했어요 좋아했습니다 좋아했어", "좋아할"),
    "사다": ("산다 사요 삽니다 사", "샀다 샀어요 샀습니다 샀어", "살"),
    "만들다": ("만든다 만들어요 만듭니다 만들어", "만들었다 만들었어요 만들었습니다 만들었어", "만들"),
    "공부하다": ("공부한다 공부해요 공부합니다 공부해", "공부했다 공부했어요 공부했습니다 공부했어", "공부할"),
    "자다": ("잔다 자요 잡니다 자", "잤다 잤어요 잤습니다 잤어", "잘"),
    "걷다": ("걷는다 걸어요 걷습니다 걸어", "걸었다 걸었어요 걸었습니다 걸었어", "걸을"),
    "가다": ("간다 가요 갑니다 가", "갔다 갔어요 갔습니다 갔어", "갈"),
    "오다": ("온다 와요 옵니다 와", "왔다 왔어요 왔습니다 왔어", "올"),
}
HONORIFIC_FORMS = {
    "먹다": ("드신다 드세요 드십니다 드셔", "드셨다 드셨어요 드셨습니다 드셨어", "드실"),
    "마시다": ("드신다 드세요 드십니다 드셔", "드셨다 드셨어요 드셨습니다 드셨어", "드실"),
    "읽다": ("읽으신다 읽으세요 읽으십니다 읽으셔", "읽으셨다 읽으셨어요 읽으셨습니다 읽으셨어", "읽으실"),
    "쓰다": ("쓰신다 쓰세요 쓰십니다 쓰셔", "쓰셨다 쓰셨어요 쓰셨습니다 쓰셨어", "쓰실"),
    "듣다": ("들으신다 들으세요 들으십니다 들으셔", "들으셨다 들으셨어요 들으셨습니다 들으셨어", "들으실"),
    "만들다": ("만드신다 만드세요 만드십니다 만드셔", "만드셨다 만드셨어요 만드셨습니다 만드셨어", "만드실"),
    "자다": ("주무신다 주무세요 주무십니다 주무셔", "주무셨다 주무셨어요 주무셨습니다 주무셨어", "주무실"),
    "걷다": ("걸으신다 걸으세요 걸으십니다 걸으셔", "걸으셨다 걸으셨어요 걸으셨습니다 걸으셨어", "걸으실"),
    "오다": ("오신다 오세요 오십니다 오셔", "오셨다 오셨어요 오셨습니다 오셨어", "오실"),
}
LEVELS = ("plain", "polite", "formal", "casual")


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
