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

# Korean forms from the issue: present, past, future (before 것이다), negation (before 않다).
KOREAN_FORMS = {
    "먹다": ("먹는다", "먹었다", "먹을", "먹지"),
    "마시다": ("마신다", "마셨다", "마실", "마시지"),
    "읽다": ("읽는다", "읽었다", "읽을", "읽지"),
    "쓰다": ("쓴다", "썼다", "쓸", "쓰지"),
    "보다": ("본다", "봤다", "볼", "보지"),
    "듣다": ("듣는다", "들었다", "들을", "듣지"),
    "좋아하다": ("좋아한다", "좋아했다", "좋아할", "좋아하지"),
    "사다": ("산다", "샀다", "살", "사지"),
    "만들다": ("만든다", "만들었다", "만들", "만들지"),
    "공부하다": ("공부한다", "공부했다", "공부할", "공부하지"),
    # Added intransitive verbs; 걷다 is ㄷ-irregular like 듣다.
    "자다": ("잔다", "잤다", "잘", "자지"),
    "일하다": ("일한다", "일했다", "일할", "일하지"),
    "운동하다": ("운동한다", "운동했다", "운동할", "운동하지"),
    "걷다": ("걷는다", "걸었다", "걸을", "걷지"),
}
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
}
SUBJECT_ENGLISH = {
    "나": "i",
    "너": "you",
    "그": "he",
    "그녀": "she",
    "우리": "we",
    "그들": "they",
    "민수": "minsu",
    "지연": "jiyeon",
    "선생님": "the teacher",
    "학생들": "the students",
}
THIRD_PERSON_SINGULAR = {"he", "she", "minsu", "jiyeon", "the teacher"}
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
TIMES = {"어제": "yesterday", "오늘": "today", "내일": "tomorrow", "매일": "every day"}
TENSES_OF_TIME = {
    "어제": {"past"},
    "오늘": {"present", "past"},
    "내일": {"future"},
    "매일": {"present"},
}
CASE_PARTICLES = {"은", "는", "이", "가", "을", "를"}

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
}


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(0)


@pytest.fixture(scope="module")
def pairs(corpus):
    return [pair for name in SPLITS for pair in corpus.split(name)]


def final_consonant(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 != 0


def reference_split(korean: str, known: set[str]) -> list[str]:
    """docs/ARCHITECTURE.md "Tokens", written out independently of the generator."""
    tokens = []
    for word in korean.split():
        if word in known:
            tokens.append(word)
            continue
        for particle in ("에서", "이다", "은", "는", "이", "가", "을", "를"):
            noun = word[: -len(particle)]
            if word.endswith(particle) and noun:
                if particle in ("은", "이", "을") and not final_consonant(noun[-1]):
                    continue
                if particle in ("는", "가", "를") and final_consonant(noun[-1]):
                    continue
                tokens += [noun, particle]
                break
        else:
            tokens.append(word)
    return tokens


def expected_verb_phrase(subject_english: str, verb: str, construction: str) -> str:
    base, third, past = ENGLISH_FORMS[verb]
    singular = subject_english in THIRD_PERSON_SINGULAR
    return {
        "present": third if singular else base,
        "past": past,
        "future": f"will {base}",
        "negation_present": f"{'does' if singular else 'do'} not {base}",
        "negation_past": f"did not {base}",
        "negation_future": f"will not {base}",
    }[construction]


def expected_korean_ending(verb: str, construction: str) -> str:
    present, past, future, negation = KOREAN_FORMS[verb]
    return {
        "present": present,
        "past": past,
        "future": f"{future} 것이다",
        "negation_present": f"{negation} 않는다",
        "negation_past": f"{negation} 않았다",
        "negation_future": f"{negation} 않을 것이다",
    }[construction]


# --- size, splits, determinism ---------------------------------------------------------


def test_size_and_uniqueness(pairs):
    generated = generate_pairs(0)
    assert len({pair.korean for pair in generated}) == len(generated)
    assert 5000 <= len(generated) <= 10000
    assert sorted(pair.korean for pair in pairs) == sorted(pair.korean for pair in generated)


def test_splits_hold_out_whole_triples(corpus):
    triples = {name: {pair.triple for pair in corpus.split(name)} for name in SPLITS}
    assert not triples["train"] & triples["test"]
    assert not triples["train"] & triples["valid"]
    assert not triples["valid"] & triples["test"]
    total = sum(len(found) for found in triples.values())
    assert 0.08 <= len(triples["test"]) / total <= 0.12
    assert 0.03 <= len(triples["valid"]) / total <= 0.07


def test_held_out_tokens_all_occur_in_train(corpus):
    korean = {token for pair in corpus.train for token in pair.korean_tokens}
    english = {token for pair in corpus.train for token in pair.english_tokens}
    for pair in corpus.valid + corpus.test:
        assert set(pair.korean_tokens) <= korean, pair.korean
        assert set(pair.english_tokens) <= english, pair.english


def test_every_construction_and_word_is_well_represented_in_train(corpus):
    constructions = Counter(pair.construction for pair in corpus.train)
    for tense in ("present", "past", "future"):
        assert constructions[tense] >= 500
        assert constructions[f"negation_{tense}"] >= 500
    assert constructions["copula"] >= 25 and constructions["copula_negation"] >= 25
    token_counts = Counter(token for pair in corpus.train for token in pair.korean_tokens)
    words = [
        *SUBJECT_ENGLISH,
        *COUNTABLE,
        *UNCOUNTABLE,
        *ADJECTIVES,
        *PLACES,
        *TIMES,
        *OCCUPATIONS,
        *(form for forms in KOREAN_FORMS.values() for form in forms),
    ]
    rare = {word: token_counts[word] for word in words if token_counts[word] < 10}
    assert not rare
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
    assert 8 <= len(examples) <= 14
    by_korean = {pair.korean: pair for pair in corpus.train}
    chosen = [by_korean[korean] for korean in examples]
    constructions = {pair.construction for pair in chosen}
    assert {
        "copula",
        "copula_negation",
        "present",
        "past",
        "future",
        "negation_present",
    } <= constructions
    assert any(pair.time for pair in chosen)
    assert any(pair.place for pair in chosen)
    assert any(pair.adjective for pair in chosen)
    assert any(pair.object == "" for pair in chosen)


def test_render_pair_renders_modifiers_together():
    pair = render_pair(
        "학생들",
        "듣다",
        "노래",
        tense="future",
        negated=True,
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
    assert render_pair("학생들", "이다", "선생님").english == "the students are teachers"
    assert render_pair("나", "먹다", "사과", adjective="큰").english == "i eat a big apple"
    assert render_pair("그", "읽다", "책", adjective="오래된").english == "he reads an old book"


@pytest.mark.parametrize(
    "arguments",
    [
        {"subject": "나", "verb": "마시다", "object_noun": "책"},
        {"subject": "나", "verb": "공부하다", "object_noun": "사과"},
        {"subject": "나", "verb": "먹다", "object_noun": ""},
        {
            "subject": "나",
            "verb": "먹다",
            "object_noun": "사과",
            "tense": "future",
            "time": "어제",
        },
        {"subject": "나", "verb": "먹다", "object_noun": "사과", "time": "내일"},
        {"subject": "나", "verb": "마시다", "object_noun": "물", "adjective": "큰"},
        {"subject": "나", "verb": "이다", "object_noun": "학생", "time": "오늘"},
        {"subject": "선생님", "verb": "이다", "object_noun": "선생님"},
        {"subject": "학생들", "verb": "아니다", "object_noun": "학생"},
        {"subject": "고양이", "verb": "먹다", "object_noun": "사과"},
    ],
)
def test_render_pair_rejects_what_the_grammar_does_not_allow(arguments):
    with pytest.raises(ValueError):
        render_pair(**arguments)


# --- Korean ---------------------------------------------------------------------------


def test_korean_tokens_follow_the_tokenizer_rules(pairs):
    particles = {"에서", "이다", "은", "는", "이", "가", "을", "를"}
    known = {token for pair in pairs for token in pair.korean_tokens} - particles
    for pair in pairs:
        assert tuple(reference_split(pair.korean, known)) == pair.korean_tokens, pair.korean
        assert all("\uac00" <= char <= "\ud7a3" for token in pair.korean_tokens for char in token)


def test_korean_tokens_match_model_tokenizer(pairs):
    from model.tokenizer import split_korean

    vocabulary = {token for pair in pairs for token in pair.korean_tokens}
    for pair in pairs[:2000]:
        assert tuple(split_korean(pair.korean, vocabulary)) == pair.korean_tokens, pair.korean


def test_korean_particles_follow_the_final_consonant(pairs):
    for pair in pairs:
        tokens = pair.korean_tokens
        for index, token in enumerate(tokens):
            if token not in CASE_PARTICLES:
                continue
            consonant = final_consonant(tokens[index - 1][-1])
            assert token in (("은", "이", "을") if consonant else ("는", "가", "를")), pair.korean
        subject_index = tokens.index(pair.subject)
        assert tokens[subject_index + 1] in ("은", "는")
        if pair.verb == "아니다":
            assert tokens[-3:-1] == (
                pair.object,
                "이" if final_consonant(pair.object[-1]) else "가",
            )
        elif pair.object and pair.verb != "이다":
            object_index = tokens.index(pair.object, subject_index + 1)
            assert tokens[object_index + 1] in ("을", "를")


def test_korean_conjugation_and_word_order(pairs):
    for pair in pairs:
        words = pair.korean.split()
        if pair.verb == "이다":
            assert words == [
                f"{pair.subject}{words[0][len(pair.subject) :]}",
                f"{pair.object}이다",
            ]
            continue
        if pair.verb == "아니다":
            assert words[-1] == "아니다" and len(words) == 3
            continue
        assert pair.korean.endswith(" " + expected_korean_ending(pair.verb, pair.construction)) or (
            pair.korean.endswith(expected_korean_ending(pair.verb, pair.construction))
        )
        if pair.time:
            assert words.index(pair.time) == (0 if pair.time_first else 1)
            assert pair.construction.removeprefix("negation_") in TENSES_OF_TIME[pair.time]
        position = 2 if pair.time else 1
        if pair.place:
            assert words[position] == f"{pair.place}에서"
            position += 1
        if pair.adjective:
            assert pair.object in COUNTABLE
            assert words[position] == pair.adjective
            position += 1
        if pair.object:
            assert words[position].startswith(pair.object)
            position += 1
        assert " ".join(words[position:]) == expected_korean_ending(pair.verb, pair.construction)


def test_only_sensible_verb_object_pairs(pairs):
    for pair in pairs:
        if pair.verb in ("이다", "아니다"):
            assert pair.object in OCCUPATIONS
            assert (pair.subject, pair.object) not in {
                ("선생님", "선생님"),
                ("학생들", "학생"),
            }
            assert not (pair.time or pair.place or pair.adjective)
        else:
            assert pair.object in ALLOWED_OBJECTS[pair.verb], (pair.verb, pair.object)


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
    assert articles > 1000


def test_english_subject_agreement_and_verb_forms(pairs):
    for pair in pairs:
        subject = SUBJECT_ENGLISH[pair.subject]
        assert pair.english.startswith(subject + " ")
        rest = pair.english[len(subject) + 1 :]
        if pair.verb in ("이다", "아니다"):
            be = "am" if subject == "i" else "is" if subject in THIRD_PERSON_SINGULAR else "are"
            negation = " not" if pair.verb == "아니다" else ""
            noun = OCCUPATIONS[pair.object]
            complement = f"{noun}s" if subject in PLURAL else f"a {noun}"
            assert rest == f"{be}{negation} {complement}", pair.english
        else:
            assert rest.startswith(expected_verb_phrase(subject, pair.verb, pair.construction)), pair.english


def test_english_object_place_time_order(pairs):
    for pair in pairs:
        if pair.verb in ("이다", "아니다"):
            continue
        subject = SUBJECT_ENGLISH[pair.subject]
        expected = [
            subject,
            expected_verb_phrase(subject, pair.verb, pair.construction),
        ]
        if pair.object in UNCOUNTABLE:
            expected.append(UNCOUNTABLE[pair.object])
        elif pair.object:
            noun = COUNTABLE[pair.object]
            phrase = f"{ADJECTIVES[pair.adjective]} {noun}" if pair.adjective else noun
            expected.append(f"{'an' if phrase[0] in 'aeiou' else 'a'} {phrase}")
        if pair.place:
            expected.append(PLACES[pair.place])
        if pair.time:
            expected.append(TIMES[pair.time])
        assert pair.english == " ".join(expected), pair.korean


# --- gold alignment -------------------------------------------------------------------


def test_alignment_is_sorted_in_range_and_covers_every_english_token(pairs):
    for pair in pairs:
        links = pair.alignment
        assert list(links) == sorted(set(links))
        assert all(0 <= k < len(pair.korean_tokens) and 0 <= e < len(pair.english_tokens) for k, e in links)
        assert {e for _, e in links} == set(range(len(pair.english_tokens))), pair.english
        aligned_korean = {pair.korean_tokens[k] for k, _ in links}
        assert not aligned_korean & CASE_PARTICLES, pair.korean


def test_alignment_links_words_to_their_translations(pairs):
    for pair in pairs:
        partners: dict[str, set[str]] = {}
        for k, e in pair.alignment:
            partners.setdefault(pair.korean_tokens[k], set()).add(pair.english_tokens[e])
        assert partners[pair.subject] == set(SUBJECT_ENGLISH[pair.subject].split())
        if pair.time:
            assert partners[pair.time] == set(TIMES[pair.time].split())
        if pair.place:
            preposition, *noun = PLACES[pair.place].split()
            assert partners["에서"] == {preposition}
            assert partners[pair.place] == set(noun)
        if pair.adjective:
            assert partners[pair.adjective] == {ADJECTIVES[pair.adjective]}
        if pair.object in COUNTABLE:
            assert partners[pair.object] == {COUNTABLE[pair.object], "a"} or partners[pair.object] == {
                COUNTABLE[pair.object],
                "an",
            }
        if pair.object in UNCOUNTABLE:
            assert partners[pair.object] == {UNCOUNTABLE[pair.object]}


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
    assert alignment_words(render_pair("나", "먹다", "사과", tense="past", negated=True)) == {
        ("나", "i"),
        ("먹지", "eat"),
        ("않았다", "did"),
        ("않았다", "not"),
        ("사과", "an"),
        ("사과", "apple"),
    }
    assert alignment_words(render_pair("선생님", "먹다", "빵", tense="future")) == {
        ("선생님", "the"),
        ("선생님", "teacher"),
        ("먹을", "eat"),
        ("것이다", "will"),
        ("빵", "bread"),
    }
    assert alignment_words(render_pair("그", "듣다", "음악", time="매일", place="도서관")) == {
        ("그", "he"),
        ("듣는다", "listens"),
        ("듣는다", "to"),
        ("음악", "music"),
        ("에서", "at"),
        ("도서관", "the"),
        ("도서관", "library"),
        ("매일", "every"),
        ("매일", "day"),
    }
