"""The generated corpus: grammar of every pair, alignments, tokens and splits.

Grammar is checked against tables written here from the issue's text (forms,
agreement, particles by Hangul arithmetic), not against the generator's own tables.
"""

import os
import subprocess
import sys
from collections import Counter

import pytest

from model.corpus import (
    SPLITS,
    build_corpus,
    example_sentences,
    generate_pairs,
    render_pair,
)
from model.korean import has_final_consonant
from tests.korean_forms import verb_ending

# English forms from the issue: base, 3rd person, past.
ENGLISH_FORMS = {
    "먹다": ("eat", "eats", "ate"),
    "마시다": ("drink", "drinks", "drank"),
    "읽다": ("read", "reads", "read"),
    "쓰다": ("write", "writes", "wrote"),
    "보다": ("watch", "watches", "watched"),
    "듣다": ("listen to", "listens to", "listened to"),
    "좋아하다": ("like", "likes", "liked"),
    "사다": ("buy", "buys", "bought"),
    "만들다": ("make", "makes", "made"),
    "공부하다": ("study", "studies", "studied"),
    "자다": ("sleep", "sleeps", "slept"),
    "일하다": ("work", "works", "worked"),
    "운동하다": ("exercise", "exercises", "exercised"),
    "걷다": ("walk", "walks", "walked"),
    "가다": ("go", "goes", "went"),
    "오다": ("come", "comes", "came"),
}
COUNTABLE = {
    "사과": "apple",
    "책": "book",
    "편지": "letter",
    "신문": "newspaper",
    "영화": "movie",
    "노래": "song",
}
UNCOUNTABLE = {
    "물": "water",
    "우유": "milk",
    "커피": "coffee",
    "빵": "bread",
    "음악": "music",
}
ALLOWED_OBJECTS = {
    "먹다": {"사과", "빵"},
    "마시다": {"물", "우유", "커피"},
    "읽다": {"책", "편지", "신문"},
    "쓰다": {"편지", "책", "노래"},
    "보다": {"영화"},
    "듣다": {"음악", "노래"},
    "좋아하다": set(COUNTABLE) | set(UNCOUNTABLE),
    "사다": {"사과", "빵", "책", "신문", "우유", "커피"},
    "만들다": {"빵", "노래"},
    "공부하다": {""},
    "자다": {""},
    "일하다": {""},
    "운동하다": {""},
    "걷다": {""},
    "가다": {""},
    "오다": {""},
}
# The issue's table of places (+에서; for 가다 / 오다, +에).
ALLOWED_PLACES = {
    "먹다": {"집", "학교", "카페", "공원"},
    "마시다": {"집", "학교", "카페", "공원"},
    "읽다": {"집", "도서관", "카페", "학교", "공원"},
    "쓰다": {"집", "도서관", "카페", "학교"},
    "보다": {"집", "학교"},
    "듣다": {"집", "카페", "공원", "학교"},
    "사다": {"카페", "학교"},
    "만들다": {"집", "학교", "카페"},
    "공부하다": {"집", "도서관", "학교", "카페"},
    "일하다": {"집", "도서관", "학교", "카페"},
    "운동하다": {"공원", "학교", "집"},
    "걷다": {"공원", "학교"},
    "자다": {"집"},
    "좋아하다": set(),
    "가다": {"학교", "집", "도서관", "공원", "카페"},
    "오다": {"학교", "집", "도서관", "공원", "카페"},
}
MOTION = {"가다", "오다"}
SUBJECT_ENGLISH = {
    "나": "i",
    "저": "i",
    "너": "you",
    "그": "he",
    "그녀": "she",
    "우리": "we",
    "그들": "they",
    "민수": "minsu",
    "지연": "jiyeon",
    "선생님": "the teacher",
    "교수님": "the professor",
    "할머니": "grandma",
    "학생들": "the students",
}
# 나, 저, 너 change before 가.
BEFORE_GA = {"나": "내", "저": "제", "너": "네"}
THIRD_PERSON_SINGULAR = {"he", "she", "minsu", "jiyeon", "the teacher", "the professor", "grandma"}
PLURAL = {"we", "they", "the students"}
OCCUPATIONS = {
    "학생": "student",
    "의사": "doctor",
    "선생님": "teacher",
    "가수": "singer",
}
ADJECTIVES = {
    "큰": "big",
    "작은": "small",
    "새": "new",
    "좋은": "good",
    "오래된": "old",
}
PLACES = {
    "학교": "at school",
    "집": "at home",
    "도서관": "at the library",
    "공원": "in the park",
    "카페": "at the cafe",
}
DESTINATIONS = {
    "학교": "to school",
    "집": "home",
    "도서관": "to the library",
    "공원": "to the park",
    "카페": "to the cafe",
}
TIMES = {"어제": "yesterday", "오늘": "today", "내일": "tomorrow", "매일": "every day"}
TENSES_OF_TIME = {
    "어제": {"past"},
    "오늘": {"past", "future"},
    "내일": {"future"},
    "매일": {"present"},
}
# 이다 by speech level, after a final consonant / a vowel; 아니다 by level; and with -(으)시-.
COPULA = {
    "plain": ("이다", "이다"),
    "polite": ("이에요", "예요"),
    "formal": ("입니다", "입니다"),
    "casual": ("이야", "야"),
}
NEGATED_COPULA = {"plain": "아니다", "polite": "아니에요", "formal": "아닙니다", "casual": "아니야"}
HONORIFIC_COPULA = {"plain": "이시다", "polite": "이세요", "formal": "이십니다", "casual": "이셔"}
HONORIFIC_NEGATED_COPULA = {"plain": "아니시다", "polite": "아니세요", "formal": "아니십니다", "casual": "아니셔"}
CASE_PARTICLES = {"은", "는", "이", "가", "을", "를"}
# Copulas that say nothing (the teacher is a teacher) or contradict themselves (the students are teachers).
SILLY_COPULAS = {
    ("선생님", "선생님"),
    ("학생들", "학생"),
    ("학생들", "선생님"),
    ("선생님", "학생"),
    ("교수님", "학생"),
    ("교수님", "선생님"),
    ("할머니", "학생"),
}

# The issue's examples, exactly.
ISSUE_EXAMPLES = {
    "나는 학생이다": "i am a student",
    "민수는 우유를 마신다": "minsu drinks milk",
    "나는 사과를 먹었다": "i ate an apple",
    "우리는 빵을 만들 것이다": "we will make bread",
    "그녀는 빵을 좋아하지 않는다": "she does not like bread",
    "어제 그는 편지를 썼다": "he wrote a letter yesterday",
    "지연은 카페에서 신문을 읽는다": "jiyeon reads a newspaper at the cafe",
    "지연은 오래된 신문을 읽었다": "jiyeon read an old newspaper",
    "그녀는 가수이다": "she is a singer",
    "그들은 학생이다": "they are students",
    "나는 가수가 아니다": "i am not a singer",
    "그들은 집에서 공부했다": "they studied at home",
    # issue 10
    "저는 학생입니다": "i am a student",
    "나는 학생이에요": "i am a student",
    "나는 학생이야": "i am a student",
    "나는 어제 사과를 안 먹었다": "i did not eat an apple yesterday",
    "우리는 어제 공부 안 했다": "we did not study yesterday",
    "그는 집에 갔다": "he went home",
    "나는 사과를 좋아한다": "i like apples",
    "선생님은 책을 읽으신다": "the teacher reads a book",
}


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(0)


@pytest.fixture(scope="module")
def pairs(corpus):
    return [pair for name in SPLITS for pair in corpus.split(name)]


def final_consonant(word: str) -> bool:
    return has_final_consonant(word[-1])


# docs/ARCHITECTURE.md "Tokens", written out independently of the generator and the tokenizer.
REFERENCE_PARTICLES = {
    # particle: True after a final consonant, False after a vowel, None either
    "이십니다": None,
    "이에요": True,
    "이시다": None,
    "이세요": None,
    "입니다": None,
    "에서": None,
    "이다": None,
    "예요": False,
    "이야": True,
    "이셔": None,
    "은": True,
    "는": False,
    "이": True,
    "가": False,
    "을": True,
    "를": False,
    "에": None,
    "야": False,
}


def reference_split(korean: str, known: set[str]) -> list[str]:
    tokens = []
    for word in korean.split():
        if word in known:
            tokens.append(word)
            continue
        for particle in sorted(REFERENCE_PARTICLES, key=len, reverse=True):
            noun = word[: -len(particle)]
            after_consonant = REFERENCE_PARTICLES[particle]
            fits = bool(noun) and (after_consonant is None or after_consonant == final_consonant(noun))
            if word.endswith(particle) and noun in known and fits:
                tokens += [noun, particle]
                break
        else:
            # A verb: the longest known head, then the ending.
            head = max((word[:cut] for cut in range(1, len(word)) if word[:cut] in known), key=len, default=None)
            tokens += [head, word[len(head) :]] if head else [word]
    return tokens


def speech_level_of(korean: str) -> str:
    """The speech level read off the sentence's last syllables."""
    if korean.endswith("아니다"):  # not 합니다체: 아니 + 다
        return "plain"
    if korean.endswith("니다"):
        return "formal"
    if korean.endswith("요"):
        return "polite"
    if korean.endswith("다"):
        return "plain"
    return "casual"


def expected_verb_phrase(subject_english: str, verb: str, tense: str, negated: bool) -> str:
    base, third, past = ENGLISH_FORMS[verb]
    singular = subject_english in THIRD_PERSON_SINGULAR
    if tense == "future":
        return f"will not {base}" if negated else f"will {base}"
    if negated:
        return f"{'did' if tense == 'past' else 'does' if singular else 'do'} not {base}"
    return past if tense == "past" else third if singular else base


def expected_object_phrase(pair) -> str:
    if pair.object in UNCOUNTABLE:
        return UNCOUNTABLE[pair.object]
    noun = COUNTABLE[pair.object]
    if pair.verb == "좋아하다":  # generic: i like apples, she likes old books
        return f"{ADJECTIVES[pair.adjective]} {noun}s" if pair.adjective else f"{noun}s"
    phrase = f"{ADJECTIVES[pair.adjective]} {noun}" if pair.adjective else noun
    return f"{'an' if phrase[0] in 'aeiou' else 'a'} {phrase}"


def tense_of(pair) -> str:
    return pair.construction.removeprefix("negation_")


def subject_word(pair) -> str:
    if pair.subject_case == "topic":
        return pair.subject + ("은" if final_consonant(pair.subject) else "는")
    form = BEFORE_GA.get(pair.subject, pair.subject)
    return form + ("이" if final_consonant(form) else "가")


def constructions(pair) -> set[str]:
    """The constructions of issue 10 that a pair shows (a pair may show several)."""
    found = {f"level_{pair.level}", f"subject_{pair.subject_case}"}
    if pair.negation:
        found.add(f"negation_{pair.negation}")
    if pair.verb in MOTION:
        found.add("motion")
    if pair.honorific:
        found.add("honorific")
    if pair.verb in ("이다", "아니다"):
        found.add("copula")
    if pair.verb == "좋아하다":
        found.add("liking")
    if pair.subject in ("저", "너"):
        found.add(f"pronoun_{pair.subject}")
    return found


def sample_per_construction(pairs, per_construction=300) -> list:
    """Up to `per_construction` pairs of every construction, each pair once."""
    taken, chosen = Counter(), {}
    for pair in pairs:
        for name in constructions(pair):
            if taken[name] < per_construction:
                taken[name] += 1
                chosen[pair.korean] = pair
    return list(chosen.values())


@pytest.fixture(scope="module")
def sample(pairs):
    return sample_per_construction(pairs)


# --- size, splits, determinism ---------------------------------------------------------


def test_size_and_uniqueness(pairs):
    generated = generate_pairs(0)
    assert len({pair.korean for pair in generated}) == len(generated)
    assert 12000 <= len(generated) <= 18000
    assert sorted(pair.korean for pair in pairs) == sorted(pair.korean for pair in generated)


def test_splits_hold_out_whole_triples(corpus):
    triples = {name: {pair.triple for pair in corpus.split(name)} for name in SPLITS}
    assert not triples["train"] & triples["test"]
    assert not triples["train"] & triples["valid"]
    assert not triples["valid"] & triples["test"]
    # Copulas are a closed table and all stay in train; verb triples are held out.
    assert all(pair.verb not in ("이다", "아니다") for pair in corpus.valid + corpus.test)
    total = sum(len({triple for triple in found if triple[1] not in ("이다", "아니다")}) for found in triples.values())
    assert 0.07 <= len(triples["test"]) / total <= 0.12  # one of 13 subjects per (verb, object)
    assert 0.03 <= len(triples["valid"]) / total <= 0.07
    # 가다 / 오다 hold out their place: the third member of their triple.
    assert {pair.triple[2] for pair in corpus.train if pair.verb == "가다"} == set(DESTINATIONS)


def test_held_out_tokens_all_occur_in_train(corpus):
    korean = {token for pair in corpus.train for token in pair.korean_tokens}
    english = {token for pair in corpus.train for token in pair.english_tokens}
    for pair in corpus.valid + corpus.test:
        assert set(pair.korean_tokens) <= korean, pair.korean
        assert set(pair.english_tokens) <= english, pair.english


def test_every_construction_and_word_is_well_represented_in_train(corpus):
    by_construction = Counter(name for pair in corpus.train for name in constructions(pair))
    for name in (
        *(f"level_{level}" for level in ("plain", "polite", "formal", "casual")),
        "subject_topic",
        "subject_subject",
        "negation_long",
        "negation_short",
        "motion",
        "honorific",
        "copula",
        "liking",
        "pronoun_저",
        "pronoun_너",
    ):
        assert by_construction[name] >= 300, name
    tenses = Counter(pair.construction for pair in corpus.train)
    for tense in ("present", "past", "future"):
        assert tenses[tense] >= 500
        assert tenses[f"negation_{tense}"] >= 500
    assert tenses["copula"] >= 100 and tenses["copula_negation"] >= 100
    token_counts = Counter(token for pair in corpus.train for token in pair.korean_tokens)
    words = [*SUBJECT_ENGLISH, *BEFORE_GA.values(), *COUNTABLE, *UNCOUNTABLE, *ADJECTIVES, *PLACES, *TIMES]
    words += [*OCCUPATIONS, "안", "에", "에서", "것이다", "거예요", "것입니다", "거야", "공부", "일", "운동"]
    rare = {word: token_counts[word] for word in words if token_counts[word] < 10}
    assert not rare
    # Every token of train, verb endings included, is seen at least four times.
    assert min(token_counts.values()) >= 4, min(token_counts.items(), key=lambda item: item[1])
    verb_objects = {(pair.verb, pair.object) for pair in corpus.train}
    for verb, objects in ALLOWED_OBJECTS.items():
        assert {(verb, noun) for noun in objects} <= verb_objects


def test_same_seed_same_corpus_across_processes(corpus):
    # A fresh interpreter with another hash seed: no dependence on set order or caching.
    script = "from model.corpus import build_corpus; print(build_corpus(0).fingerprint())"
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    assert result.stdout.strip() == corpus.fingerprint()
    assert len(corpus.fingerprint()) == 64


def test_other_seed_other_corpus(corpus):
    other = build_corpus(1)
    assert other.fingerprint() != corpus.fingerprint()
    assert {pair.korean for pair in other.train} != {pair.korean for pair in corpus.train}


def test_unknown_split_name_raises(corpus):
    assert corpus.split("test") is corpus.test
    with pytest.raises(ValueError):
        corpus.split("dev")


# --- the issue's examples -------------------------------------------------------------


def test_issue_examples_are_in_train_exactly(corpus):
    train = {pair.korean: pair.english for pair in corpus.train}
    for korean, english in ISSUE_EXAMPLES.items():
        assert train.get(korean) == english, korean


def test_example_sentences_cover_every_construction(corpus):
    examples = example_sentences()
    assert examples[0] == "나는 학생이다"
    assert len(examples) == len(set(examples)) <= 24
    by_korean = {pair.korean: pair for pair in corpus.train}
    chosen = [by_korean[korean] for korean in examples]
    assert {
        "copula",
        "copula_negation",
        "present",
        "past",
        "future",
        "negation_present",
    } <= {pair.construction for pair in chosen}
    assert any(pair.time for pair in chosen)
    assert any(pair.place for pair in chosen)
    assert any(pair.adjective for pair in chosen)
    assert any(pair.object == "" for pair in chosen)
    shown = set().union(*(constructions(pair) for pair in chosen))
    assert {
        "level_polite",
        "level_formal",
        "level_casual",
        "subject_subject",
        "negation_short",
        "motion",
        "honorific",
        "liking",
        "pronoun_저",
        "pronoun_너",
    } <= shown
    assert any(pair.negation == "short" and pair.verb == "공부하다" for pair in chosen)


def test_render_pair_renders_modifiers_together():
    pair = render_pair(
        "학생들",
        "듣다",
        "노래",
        tense="future",
        negation="long",
        adjective="오래된",
        place="공원",
        time="내일",
        time_first=False,
    )
    assert pair.korean == "학생들은 내일 공원에서 오래된 노래를 듣지 않을 것이다"
    assert pair.english == "the students will not listen to an old song in the park tomorrow"
    assert render_pair("민수", "보다", "영화").english == "minsu watches a movie"
    assert render_pair("선생님", "공부하다").english == "the teacher studies"
    assert render_pair("우리", "이다", "학생").english == "we are students"
    assert render_pair("그들", "아니다", "가수").english == "they are not singers"
    assert render_pair("학생들", "이다", "의사").english == "the students are doctors"
    assert render_pair("나", "먹다", "사과", adjective="큰").english == "i eat a big apple"
    assert render_pair("그", "읽다", "책", adjective="오래된").english == "he reads an old book"
    # Issue 10.
    teacher = render_pair("선생님", "마시다", "커피", tense="past", level="formal", honorific=True)
    assert (teacher.korean, teacher.english) == ("선생님은 커피를 드셨습니다", "the teacher drank coffee")
    sleep = render_pair("선생님", "자다", level="polite", honorific=True, subject_case="subject", place="집")
    assert (sleep.korean, sleep.english) == ("선생님이 집에서 주무세요", "the teacher sleeps at home")
    doctor = render_pair("선생님", "아니다", "의사", level="formal", honorific=True)
    assert (doctor.korean, doctor.english) == ("선생님은 의사가 아니십니다", "the teacher is not a doctor")
    come = render_pair("저", "오다", tense="future", place="도서관", time="내일", level="polite", negation="short")
    assert (come.korean, come.english) == ("저는 내일 도서관에 안 올 거예요", "i will not come to the library tomorrow")
    like = render_pair("그녀", "좋아하다", "책", adjective="오래된", level="casual", subject_case="subject")
    assert (like.korean, like.english) == ("그녀가 오래된 책을 좋아해", "she likes old books")
    milk = render_pair("그들", "좋아하다", "우유", negation="short")
    assert (milk.korean, milk.english) == ("그들은 우유를 안 좋아한다", "they do not like milk")
    assert render_pair("너", "이다", "가수", level="casual", subject_case="subject").korean == "네가 가수야"
    assert render_pair("나", "걷다", level="polite", subject_case="subject").korean == "내가 걸어요"


@pytest.mark.parametrize(
    "arguments",
    [
        {"subject": "나", "verb": "마시다", "object_noun": "책"},
        {"subject": "나", "verb": "공부하다", "object_noun": "사과"},
        {"subject": "나", "verb": "먹다", "object_noun": ""},
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "tense": "future", "time": "어제"},
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "time": "내일"},
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "time": "오늘"},  # 오늘: past or future only
        {"subject": "나", "verb": "마시다", "object_noun": "물", "adjective": "큰"},
        {"subject": "나", "verb": "이다", "object_noun": "학생", "time": "오늘"},
        {"subject": "선생님", "verb": "이다", "object_noun": "선생님"},
        {"subject": "학생들", "verb": "아니다", "object_noun": "학생"},
        {"subject": "학생들", "verb": "이다", "object_noun": "선생님"},  # students who are teachers
        {"subject": "교수님", "verb": "이다", "object_noun": "학생"},
        {"subject": "고양이", "verb": "먹다", "object_noun": "사과"},
        {"subject": "저", "verb": "이다", "object_noun": "학생"},  # 저 is polite only
        {"subject": "너", "verb": "이다", "object_noun": "학생", "level": "formal"},  # 너 is familiar only
        {"subject": "민수", "verb": "읽다", "object_noun": "책", "honorific": True},
        {"subject": "나", "verb": "좋아하다", "object_noun": "책", "tense": "future"},
        {"subject": "나", "verb": "좋아하다", "object_noun": "책", "place": "집"},
        {"subject": "나", "verb": "좋아하다", "object_noun": "책", "time": "매일"},
        {"subject": "나", "verb": "쓰다", "object_noun": "편지", "adjective": "오래된"},
        {"subject": "나", "verb": "만들다", "object_noun": "노래", "adjective": "오래된"},
        {"subject": "나", "verb": "자다", "place": "도서관"},
        {"subject": "나", "verb": "가다"},  # 가다 needs a place
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "level": "rude"},
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "negation": "maybe"},
    ],
)
def test_render_pair_rejects_what_the_grammar_does_not_allow(arguments):
    with pytest.raises(ValueError):
        render_pair(**arguments)


# --- Korean ---------------------------------------------------------------------------


def test_korean_tokens_follow_the_tokenizer_rules(pairs):
    known = {token for pair in pairs for token in pair.korean_tokens}
    for pair in pairs:
        assert tuple(reference_split(pair.korean, known)) == pair.korean_tokens, pair.korean
        assert all("\uac00" <= char <= "\ud7a3" for token in pair.korean_tokens for char in token)


def test_korean_tokens_match_model_tokenizer(pairs):
    from model.tokenizer import split_korean

    vocabulary = {token for pair in pairs for token in pair.korean_tokens}
    for pair in pairs[:3000]:
        assert tuple(split_korean(pair.korean, vocabulary)) == pair.korean_tokens, pair.korean


def test_korean_particles_follow_the_final_consonant(pairs):
    for pair in pairs:
        words = pair.korean.split()
        assert subject_word(pair) in words, pair.korean
        for word in words:
            for particle_pair in (("을", "를"), ("이에요", "예요"), ("이야", "야")):
                for index, ending in enumerate(particle_pair):
                    noun = word[: -len(ending)]
                    if word.endswith(ending) and noun in {*COUNTABLE, *UNCOUNTABLE, *OCCUPATIONS}:
                        assert final_consonant(noun) == (index == 0), pair.korean
        if pair.verb == "아니다":
            assert f"{pair.object}{'이' if final_consonant(pair.object) else '가'}" in words
        elif pair.object and pair.verb != "이다":
            assert f"{pair.object}{'을' if final_consonant(pair.object) else '를'}" in words


def test_korean_speech_level_and_pronouns(pairs):
    for pair in pairs:
        assert speech_level_of(pair.korean) == pair.level, pair.korean
        if pair.subject == "저":
            assert pair.level in ("polite", "formal"), pair.korean
        if pair.subject == "너":
            assert pair.level in ("plain", "casual"), pair.korean
        if pair.honorific:
            assert pair.subject in ("선생님", "교수님", "할머니"), pair.korean


def test_korean_conjugation_and_word_order(sample):
    for pair in sample:
        words = pair.korean.split()
        if pair.verb in ("이다", "아니다"):
            level = pair.level
            if pair.verb == "이다":
                ending = (
                    HONORIFIC_COPULA[level]
                    if pair.honorific
                    else COPULA[level][0 if final_consonant(pair.object) else 1]
                )
                assert words == [subject_word(pair), pair.object + ending], pair.korean
            else:
                ending = (HONORIFIC_NEGATED_COPULA if pair.honorific else NEGATED_COPULA)[level]
                particle = "이" if final_consonant(pair.object) else "가"
                assert words == [subject_word(pair), pair.object + particle, ending], pair.korean
            continue
        expected = []
        if pair.time and pair.time_first:
            expected.append(pair.time)
        expected.append(subject_word(pair))
        if pair.time and not pair.time_first:
            expected.append(pair.time)
        if pair.place:
            expected.append(pair.place + ("에" if pair.verb in MOTION else "에서"))
        if pair.adjective:
            expected.append(pair.adjective)
        if pair.object:
            expected.append(pair.object + ("을" if final_consonant(pair.object) else "를"))
        expected += verb_ending(pair.verb, tense_of(pair), pair.level, pair.negation, pair.honorific).split()
        assert words == expected, pair.korean


def test_only_sensible_combinations(pairs):
    for pair in pairs:
        if pair.verb in ("이다", "아니다"):
            assert pair.object in OCCUPATIONS
            assert (pair.subject, pair.object) not in SILLY_COPULAS
            assert not (pair.time or pair.place or pair.adjective or pair.negation)
            continue
        assert pair.object in ALLOWED_OBJECTS[pair.verb], (pair.verb, pair.object)
        if pair.place:
            assert pair.place in ALLOWED_PLACES[pair.verb], pair.korean
        if pair.verb in MOTION:
            assert pair.place, pair.korean
        if pair.time:
            assert tense_of(pair) in TENSES_OF_TIME[pair.time], pair.korean
        if pair.verb == "좋아하다":
            assert not pair.place and not pair.time and tense_of(pair) in ("present", "past"), pair.korean
        if pair.verb in ("쓰다", "만들다"):
            assert pair.adjective != "오래된", pair.korean
        if pair.adjective:
            assert pair.object in COUNTABLE


# --- English --------------------------------------------------------------------------


def test_english_tokens_are_lowercase_words(pairs):
    for pair in pairs:
        assert pair.english_tokens == tuple(pair.english.split())
        assert all(token.isascii() and token.isalpha() and token.islower() for token in pair.english_tokens)


def test_indefinite_article_follows_the_next_words_sound(pairs):
    articles = 0
    for pair in pairs:
        tokens = pair.english_tokens
        for index, token in enumerate(tokens):
            if token in ("a", "an"):
                articles += 1
                assert token == ("an" if tokens[index + 1][0] in "aeiou" else "a"), pair.english
        if pair.verb == "좋아하다":
            assert "a" not in tokens and "an" not in tokens, pair.english
    assert articles > 1000


def test_english_copulas(pairs):
    for pair in pairs:
        if pair.verb not in ("이다", "아니다"):
            continue
        subject = SUBJECT_ENGLISH[pair.subject]
        be = "am" if subject == "i" else "is" if subject in THIRD_PERSON_SINGULAR else "are"
        negation = " not" if pair.verb == "아니다" else ""
        noun = OCCUPATIONS[pair.object]
        complement = f"{noun}s" if subject in PLURAL else f"a {noun}"
        assert pair.english == f"{subject} {be}{negation} {complement}", pair.korean


def test_english_subject_verb_object_place_time_order(sample):
    for pair in sample:
        if pair.verb in ("이다", "아니다"):
            continue
        subject = SUBJECT_ENGLISH[pair.subject]
        expected = [subject, expected_verb_phrase(subject, pair.verb, tense_of(pair), bool(pair.negation))]
        if pair.object:
            expected.append(expected_object_phrase(pair))
        if pair.place:
            expected.append((DESTINATIONS if pair.verb in MOTION else PLACES)[pair.place])
        if pair.time:
            expected.append(TIMES[pair.time])
        assert pair.english == " ".join(expected), pair.korean


def test_the_sample_reads_a_few_hundred_pairs_of_every_construction(sample):
    counts = Counter(name for pair in sample for name in constructions(pair))
    assert min(counts.values()) >= 200, counts


# --- gold alignment -------------------------------------------------------------------


def test_alignment_is_sorted_in_range_and_covers_every_english_token(pairs):
    for pair in pairs:
        links = pair.alignment
        assert list(links) == sorted(set(links))
        assert all(0 <= k < len(pair.korean_tokens) and 0 <= e < len(pair.english_tokens) for k, e in links)
        english_indices = [e for _, e in links]
        assert sorted(english_indices) == list(range(len(pair.english_tokens))), pair.english  # exactly one partner
        # Case particles translate to nothing; the 가 that does is 가다's own token (가 + 지, 그는 집에 가).
        for k, e in links:
            if pair.korean_tokens[k] in CASE_PARTICLES:
                assert pair.verb == "가다" and pair.korean_tokens[k] == "가", pair.korean
                assert pair.english_tokens[e] in {"go", "goes", "went", "do", "does", "did"}, pair.korean


def partners_of(pair) -> dict[str, set[str]]:
    partners: dict[str, set[str]] = {}
    for k, e in pair.alignment:
        partners.setdefault(pair.korean_tokens[k], set()).add(pair.english_tokens[e])
    return partners


def test_alignment_links_words_to_their_translations(pairs):
    for pair in pairs:
        partners = partners_of(pair)
        subject_token = pair.subject if pair.subject_case == "topic" else BEFORE_GA.get(pair.subject, pair.subject)
        assert partners[subject_token] == set(SUBJECT_ENGLISH[pair.subject].split())
        if pair.time:
            assert partners[pair.time] == set(TIMES[pair.time].split())
        if pair.place and pair.verb in MOTION:
            *preposition, noun = DESTINATIONS[pair.place].split(" ", 1)[-2:] if pair.place != "집" else ["home"]
            if pair.place == "집":
                assert partners["집"] == {"home"} and "에" not in partners, pair.korean
            else:
                assert partners["에"] == {"to"}, pair.korean
                assert partners[pair.place] == set(noun.split()), pair.korean
        elif pair.place:
            preposition, *noun = PLACES[pair.place].split()
            assert partners["에서"] == {preposition}
            assert partners[pair.place] == set(noun)
        if pair.adjective:
            assert partners[pair.adjective] == {ADJECTIVES[pair.adjective]}
        if pair.object in COUNTABLE and pair.verb == "좋아하다":
            assert partners[pair.object] == {COUNTABLE[pair.object] + "s"}
        elif pair.object in COUNTABLE:
            article = {"a", "an"} & partners[pair.object]
            assert partners[pair.object] == {COUNTABLE[pair.object], *article} and len(article) == 1
        if pair.object in UNCOUNTABLE:
            assert partners[pair.object] == {UNCOUNTABLE[pair.object]}
        if pair.negation == "short":
            assert partners["안"] == {"not"}, pair.korean
        if pair.negation == "long":
            assert partners["않"] == {"not"}, pair.korean
        if tense_of(pair) == "future" and pair.verb not in ("이다", "아니다"):
            future = {"것이다", "거예요", "것입니다", "거야"} & set(pair.korean_tokens)
            assert len(future) == 1 and partners[future.pop()] == {"will"}, pair.korean


def alignment_words(pair) -> set[tuple[str, str]]:
    return {(pair.korean_tokens[k], pair.english_tokens[e]) for k, e in pair.alignment}


def test_alignment_of_the_issue_constructions():
    seed = render_pair("나", "이다", "학생")
    assert seed.korean_tokens == ("나", "는", "학생", "이다")
    assert seed.alignment == ((0, 0), (2, 2), (2, 3), (3, 1))

    assert alignment_words(render_pair("나", "아니다", "가수")) == {
        ("나", "i"),
        ("아니다", "am"),
        ("아니다", "not"),
        ("가수", "a"),
        ("가수", "singer"),
    }
    # The verb's token carries its meaning, the ending the tense's do/did, 않 or 안 the "not".
    long_negation = render_pair("나", "먹다", "사과", tense="past", negation="long")
    assert long_negation.korean_tokens == ("나", "는", "사과", "를", "먹", "지", "않", "았다")
    assert alignment_words(long_negation) == {
        ("나", "i"),
        ("먹", "eat"),
        ("았다", "did"),
        ("않", "not"),
        ("사과", "an"),
        ("사과", "apple"),
    }
    short_negation = render_pair("나", "먹다", "사과", tense="past", negation="short", level="polite")
    assert short_negation.korean_tokens == ("나", "는", "사과", "를", "안", "먹", "었어요")
    assert alignment_words(short_negation) == {
        ("나", "i"),
        ("먹", "eat"),
        ("었어요", "did"),
        ("안", "not"),
        ("사과", "an"),
        ("사과", "apple"),
    }
    study = render_pair("우리", "공부하다", tense="past", negation="short", time="어제")
    assert study.korean_tokens == ("우리", "는", "어제", "공부", "안", "했다")
    assert alignment_words(study) == {
        ("우리", "we"),
        ("공부", "study"),
        ("안", "not"),
        ("했다", "did"),
        ("어제", "yesterday"),
    }
    # 공부 + 했다 shares 하다's token with the short negation.
    assert render_pair("우리", "공부하다", tense="past").korean_tokens == ("우리", "는", "공부", "했다")
    assert alignment_words(render_pair("선생님", "먹다", "빵", tense="future")) == {
        ("선생님", "the"),
        ("선생님", "teacher"),
        ("먹", "eat"),
        ("것이다", "will"),
        ("빵", "bread"),
    }
    honorific = render_pair("선생님", "읽다", "책", level="formal", honorific=True)
    assert honorific.korean_tokens == ("선생님", "은", "책", "을", "읽", "으십니다")
    assert alignment_words(honorific) == {
        ("선생님", "the"),
        ("선생님", "teacher"),
        ("읽", "reads"),
        ("책", "a"),
        ("책", "book"),
    }
    go = render_pair("그", "가다", tense="past", place="학교", subject_case="subject")
    assert go.korean_tokens == ("그", "가", "학교", "에", "갔", "다")
    assert alignment_words(go) == {("그", "he"), ("갔", "went"), ("에", "to"), ("학교", "school")}
    assert alignment_words(render_pair("그", "듣다", "음악", time="매일", place="카페")) == {
        ("그", "he"),
        ("듣", "listens"),
        ("듣", "to"),
        ("음악", "music"),
        ("에서", "at"),
        ("카페", "the"),
        ("카페", "cafe"),
        ("매일", "every"),
        ("매일", "day"),
    }
