"""A generated Korean -> English corpus with gold word alignments.

The grammar is small but real: Korean is SOV with particles, English is SVO with
articles and agreement, so a translation model has to reorder and attention has
something to learn. Every pair is rendered from the lexicon below by
`render_pair`, which also records which Korean token translates which English token.
Verb endings come from model.conjugation (one rule set driven by each verb's stem).

Korean tokens follow docs/ARCHITECTURE.md ("Tokens"): a noun and its particle are
separate tokens (나는 -> 나 + 는, 내가 -> 내 + 가, 학교에서 -> 학교 + 에서, 집에 -> 집 +
에), and so are a noun and the copula's ending (학생이다 -> 학생 + 이다, 가수예요 ->
가수 + 예요, 학생입니다 -> 학생 + 입니다, 의사이세요 -> 의사 + 이세요). Verbs are whole
words in any speech level (먹었다, 먹었어요, 먹었습니다, 먹었어, 읽으신다); negation is
two words (먹지 않았어요) or 안 + the verb (안 먹었다, 공부 안 했다); the future is two
words (먹을 것이다 / 거예요 / 것입니다 / 거야). English tokens are lowercase words.

Sentence shapes (Korean / English); every Korean sentence may end in any of four
speech levels (한다체, 해요체, 합니다체, 해체), which leave the English unchanged:

    [TIME] SUBJ-은/는|이/가 [TIME] [PLACE 에서] [ADJ] OBJ-을/를 VERB
    SUBJ VERB [a/an] [ADJ] OBJ [at/in PLACE] [TIME]
    SUBJ [TIME] PLACE-에 가다/오다    SUBJ go/come [to] PLACE [TIME]
    SUBJ N-이다                        SUBJ am/is/are a N   (plural subject: are Ns)
    SUBJ N-이/가 아니다                SUBJ am/is/are not a N

Natural sentences: each verb only at the places where it makes sense (VERB_PLACES);
좋아하다 takes no place or time word and only the present or past, and its countable
objects are generic plurals ("i like apples"); 오늘 only with the past and future;
저 only in 해요체 / 합니다체, 너 only in 한다체 / 해체; 선생님, 교수님 and 할머니 may take -(으)시-
(읽으신다, 드신다, 주무신다, 의사이시다) or plain forms.

Splits hold out whole (subject, verb, object) triples (for 가다 / 오다 the place is the
third member), so the test split measures generalisation to combinations never seen
in training.
"""

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from model.conjugation import (
    FUTURE_AUXILIARY,
    HONORIFIC_COPULA_FORMS,
    NEGATION_AUXILIARY,
    SHORT_NEGATION,
    SPEECH_LEVELS,
    Stem,
    copula,
    verb_words,
)
from model.korean import has_final_consonant

SPLITS = ("train", "valid", "test")
TENSES = ("present", "past", "future")
COPULAS = ("이다", "아니다")
NEGATIONS = ("", "long", "short")  # none, 먹지 않는다, 안 먹는다
SUBJECT_CASES = ("topic", "subject")  # 은/는, 이/가

# Subjects: Korean -> (English words, agreement). Agreement picks am/is/are,
# do/does and the -s of the present: "i", "you", "singular" (3rd person) or "plural".
SUBJECTS = {
    "나": (("i",), "i"),
    "저": (("i",), "i"),
    "너": (("you",), "you"),
    "그": (("he",), "singular"),
    "그녀": (("she",), "singular"),
    "우리": (("we",), "plural"),
    "그들": (("they",), "plural"),
    "민수": (("minsu",), "singular"),
    "지연": (("jiyeon",), "singular"),
    "선생님": (("the", "teacher"), "singular"),
    "교수님": (("the", "professor"), "singular"),
    "할머니": (("grandma",), "singular"),
    "학생들": (("the", "students"), "plural"),
}
# Pronouns that change before 가: 나 -> 내가, 저 -> 제가, 너 -> 네가.
SUBJECT_FORMS_BEFORE_GA = {"나": "내", "저": "제", "너": "네"}
# 아니다 in every speech level, plain and honorific: whole-word tokens of the negated copula.
NEGATED_COPULA_TOKENS = frozenset(
    {"아니다", "아니에요", "아닙니다", "아니야", *HONORIFIC_COPULA_FORMS["아니다"].values()}
)
# The humble 저 is for polite speech, the familiar 너 for plain and casual speech.
SPEECH_LEVELS_OF_SUBJECT = {"저": ("polite", "formal"), "너": ("plain", "casual")}
# Subjects that may take the honorific -(으)시-. Three of them, so that a held-out triple
# of one (선생님 드신다 사과) is still learnt from the others (교수님, 할머니 드신다 사과): the
# honorific belongs to a kind of subject, not to one word.
HONOURED_SUBJECTS = ("선생님", "교수님", "할머니")

# Occupations after 이다 / 아니다: Korean -> (singular, plural).
OCCUPATIONS = {
    "학생": ("student", "students"),
    "의사": ("doctor", "doctors"),
    "선생님": ("teacher", "teachers"),
    "가수": ("singer", "singers"),
}
# "the teacher is a teacher" and "the students are students" say nothing, and "the
# students are teachers" or "the professor is a student" contradict themselves.
SILLY_COPULAS = {
    ("선생님", "선생님"),
    ("학생들", "학생"),
    ("학생들", "선생님"),
    ("선생님", "학생"),
    ("교수님", "학생"),
    ("교수님", "선생님"),
    ("할머니", "학생"),
}

# Countable objects: Korean -> (singular, plural). The plural is the generic object of 좋아하다.
COUNTABLE_OBJECTS = {
    "사과": ("apple", "apples"),
    "책": ("book", "books"),
    "편지": ("letter", "letters"),
    "신문": ("newspaper", "newspapers"),
    "영화": ("movie", "movies"),
    "노래": ("song", "songs"),
}
UNCOUNTABLE_OBJECTS = {
    "물": "water",
    "우유": "milk",
    "커피": "coffee",
    "빵": "bread",
    "음악": "music",
}
OBJECTS = {**{korean: forms[0] for korean, forms in COUNTABLE_OBJECTS.items()}, **UNCOUNTABLE_OBJECTS}

ADJECTIVES = {
    "큰": "big",
    "작은": "small",
    "새": "new",
    "좋은": "good",
    "오래된": "old",
}
# Adjectives that make sense before each countable object (no "a big song").
ADJECTIVES_FOR_OBJECT = {
    "사과": ("큰", "작은", "좋은"),
    "책": ("큰", "작은", "새", "좋은", "오래된"),
    "편지": ("새", "좋은", "오래된"),
    "신문": ("새", "좋은", "오래된"),
    "영화": ("새", "좋은", "오래된"),
    "노래": ("새", "좋은", "오래된"),
}
# Nobody writes or makes something old.
ADJECTIVES_NOT_WITH_VERB = {"쓰다": ("오래된",), "만들다": ("오래된",)}

# Places with 에서 (where something happens): Korean -> (preposition, English noun phrase).
PLACES = {
    "학교": ("at", ("school",)),
    "집": ("at", ("home",)),
    "도서관": ("at", ("the", "library")),
    "공원": ("in", ("the", "park")),
    "카페": ("at", ("the", "cafe")),
}
# Places with 에 after 가다 / 오다 (where to): Korean -> (preposition or (), English noun phrase).
# "home" takes no "to": 그는 집에 갔다 -> he went home.
DESTINATIONS = {
    "학교": (("to",), ("school",)),
    "집": ((), ("home",)),
    "도서관": (("to",), ("the", "library")),
    "공원": (("to",), ("the", "park")),
    "카페": (("to",), ("the", "cafe")),
}
MOTION_VERBS = ("가다", "오다")

# Where each verb makes sense (+에서; for 가다 / 오다, +에): the table.
VERB_PLACES = {
    "먹다": ("집", "학교", "카페", "공원"),
    "마시다": ("집", "학교", "카페", "공원"),
    "읽다": ("집", "도서관", "카페", "학교", "공원"),
    "쓰다": ("집", "도서관", "카페", "학교"),
    "보다": ("집", "학교"),
    "듣다": ("집", "카페", "공원", "학교"),
    "사다": ("카페", "학교"),
    "만들다": ("집", "학교", "카페"),
    "공부하다": ("집", "도서관", "학교", "카페"),
    "일하다": ("집", "도서관", "학교", "카페"),
    "운동하다": ("공원", "학교", "집"),
    "걷다": ("공원", "학교"),
    "자다": ("집",),
    "좋아하다": (),
    "가다": ("학교", "집", "도서관", "공원", "카페"),
    "오다": ("학교", "집", "도서관", "공원", "카페"),
}

# Time words: Korean -> (English words, tenses they allow).
TIMES = {
    "어제": (("yesterday",), ("past",)),
    "오늘": (("today",), ("past", "future")),
    "내일": (("tomorrow",), ("future",)),
    "매일": (("every", "day"), ("present",)),
}


@dataclass(frozen=True)
class Verb:
    """A verb's Korean stem (model.conjugation makes every form), English forms and objects."""

    stem: Stem  # Stem("먹", suppletive_honorific="드")
    english_base: tuple[str, ...]  # ("listen", "to"): a phrasal verb keeps its particle
    english_third_person: tuple[str, ...]
    english_past: tuple[str, ...]
    objects: tuple[str, ...] = ()  # () for an intransitive verb
    tenses: tuple[str, ...] = TENSES  # 좋아하다: present and past only
    takes_time: bool = True  # 좋아하다 takes no time word


def _hada(noun: str, base: str, third: str, past: str) -> Verb:
    """A noun + 하다 verb: tokens 공부 + 했다, and the short negation 공부 안 했다."""
    return Verb(Stem(noun + "하", lexical_length=len(noun), negation_inside=True), (base,), (third,), (past,))


VERBS = {
    "먹다": Verb(Stem("먹", suppletive_honorific="드"), ("eat",), ("eats",), ("ate",), ("사과", "빵")),
    "마시다": Verb(
        Stem("마시", suppletive_honorific="드"), ("drink",), ("drinks",), ("drank",), ("물", "우유", "커피")
    ),
    "읽다": Verb(Stem("읽"), ("read",), ("reads",), ("read",), ("책", "편지", "신문")),
    "쓰다": Verb(Stem("쓰"), ("write",), ("writes",), ("wrote",), ("편지", "책", "노래")),
    "보다": Verb(Stem("보"), ("watch",), ("watches",), ("watched",), ("영화",)),
    "듣다": Verb(
        Stem("듣", d_irregular=True), ("listen", "to"), ("listens", "to"), ("listened", "to"), ("음악", "노래")
    ),
    "좋아하다": Verb(
        Stem("좋아하", lexical_length=2),
        ("like",),
        ("likes",),
        ("liked",),
        tuple(OBJECTS),
        tenses=("present", "past"),
        takes_time=False,
    ),
    "사다": Verb(Stem("사"), ("buy",), ("buys",), ("bought",), ("사과", "빵", "책", "신문", "우유", "커피")),
    "만들다": Verb(Stem("만들"), ("make",), ("makes",), ("made",), ("빵", "노래")),
    "공부하다": _hada("공부", "study", "studies", "studied"),
    # Intransitive verbs: with 공부하다 alone, a held-out (subject, 공부하다) triple was the
    # one thing the model could not generalise to; more of them teach that any verb may
    # follow a subject.
    "자다": Verb(Stem("자", suppletive_honorific="주무"), ("sleep",), ("sleeps",), ("slept",)),
    "일하다": _hada("일", "work", "works", "worked"),
    "운동하다": _hada("운동", "exercise", "exercises", "exercised"),
    "걷다": Verb(Stem("걷", d_irregular=True), ("walk",), ("walks",), ("walked",)),
    "가다": Verb(Stem("가"), ("go",), ("goes",), ("went",)),
    "오다": Verb(Stem("오"), ("come",), ("comes",), ("came",)),
}

# Sidebar examples: every one is in the corpus (and in train), so the UI picker always
# offers sentences the model was taught. The seed example comes first; then one
# sentence of each construction.
EXAMPLES = (
    {"subject": "나", "verb": "이다", "object_noun": "학생"},
    {"subject": "민수", "verb": "마시다", "object_noun": "우유"},
    {"subject": "나", "verb": "먹다", "object_noun": "사과", "tense": "past"},
    {"subject": "우리", "verb": "만들다", "object_noun": "빵", "tense": "future"},
    {"subject": "그녀", "verb": "좋아하다", "object_noun": "빵", "negation": "long"},
    {
        "subject": "그",
        "verb": "쓰다",
        "object_noun": "편지",
        "tense": "past",
        "time": "어제",
        "time_first": True,
    },
    {"subject": "지연", "verb": "읽다", "object_noun": "신문", "place": "카페"},
    {
        "subject": "지연",
        "verb": "읽다",
        "object_noun": "신문",
        "tense": "past",
        "adjective": "오래된",
    },
    {"subject": "그녀", "verb": "이다", "object_noun": "가수"},
    {"subject": "그들", "verb": "이다", "object_noun": "학생"},
    {"subject": "나", "verb": "아니다", "object_noun": "가수"},
    {"subject": "그들", "verb": "공부하다", "tense": "past", "place": "집"},
    # 합니다체 with the humble 저; 해요체 with an 이/가 subject; 해체 with 너.
    {"subject": "저", "verb": "이다", "object_noun": "학생", "level": "formal"},
    {"subject": "민수", "verb": "먹다", "object_noun": "빵", "level": "polite", "subject_case": "subject"},
    {"subject": "너", "verb": "마시다", "object_noun": "커피", "level": "casual"},
    # Short negation, and 안 before 하다.
    {"subject": "나", "verb": "먹다", "object_noun": "사과", "tense": "past", "negation": "short", "time": "어제"},
    {"subject": "우리", "verb": "공부하다", "tense": "past", "negation": "short", "time": "어제"},
    # 가다 + 에 (home takes no "to"); the honorific -(으)시-; generic liking.
    {"subject": "그", "verb": "가다", "tense": "past", "place": "집"},
    {"subject": "선생님", "verb": "읽다", "object_noun": "책", "honorific": True},
    {"subject": "나", "verb": "좋아하다", "object_noun": "사과"},
)

# How many distinct sentences to sample per (subject, verb, object) triple of a verb.
# 선생님, 교수님 and 할머니 have plain and honorific forms of every verb, so they get more; a verb with one
# object (or none) has one triple per subject where others have several, so it gets
# more too; 좋아하다 has eleven objects but few shapes (no place, no time, two tenses),
# so it gets fewer.
PAIRS_PER_TRIPLE = 22
SUBJECT_PAIR_FACTOR = dict.fromkeys(HONOURED_SUBJECTS, 2)
PAIRS_PER_TRIPLE_OF_VERB = {
    **dict.fromkeys(("보다", "공부하다", "자다", "일하다", "운동하다", "걷다"), 36),
    "좋아하다": 10,
}
# Probability that an optional part (adjective, place, time word) is present.
OPTIONAL_PART_PROBABILITY = 0.5
# Share of 선생님 / 교수님 / 할머니 sentences that take the honorific -(으)시-.
HONORIFIC_PROBABILITY = 0.8
# Negation: none half the time, else the long (먹지 않는다) or short (안 먹는다) form.
NEGATION_WEIGHTS = (0.5, 0.25, 0.25)


@dataclass(frozen=True)
class SentencePair:
    """One generated Korean->English pair with its gold word alignment."""

    korean: str  # "나는 학생이다" (the sentence as a user would type it)
    english: str  # "i am a student"
    korean_tokens: tuple[str, ...]  # ("나", "는", "학생", "이다")
    english_tokens: tuple[str, ...]  # ("i", "am", "a", "student")
    alignment: tuple[tuple[int, int], ...]  # gold links (korean_index, english_index), sorted
    subject: str  # lexicon key of the subject, e.g. "나" (also for 내가)
    verb: str  # dictionary form, e.g. "먹다"; "이다" / "아니다" for copulas
    object: str  # Korean object/occupation noun, "" when none
    construction: str  # present, past, future, negation_{tense}, copula, copula_negation
    adjective: str = ""  # Korean adjective before the object, "" when none
    place: str = ""  # Korean place noun (before 에서, or 에 after 가다 / 오다), "" when none
    time: str = ""  # Korean time word, "" when none
    time_first: bool = False  # True when the time word opens the Korean sentence
    level: str = "plain"  # speech level: plain 한다체, polite 해요체, formal 합니다체, casual 해체
    negation: str = ""  # "" none, "long" 먹지 않는다, "short" 안 먹는다
    subject_case: str = "topic"  # "topic" 은/는, "subject" 이/가
    honorific: bool = False  # -(으)시- on the verb (HONOURED_SUBJECTS only)

    @property
    def triple(self) -> tuple[str, str, str]:
        """(subject, verb, object): the unit that splits hold out; 가다 / 오다 hold out their place."""
        return (self.subject, self.verb, self.place if self.verb in MOTION_VERBS else self.object)


class SplitCorpus:
    """What a corpus with `train`, `valid` and `test` splits offers (generated or uploaded)."""

    def split(self, name: str):
        if name not in SPLITS:
            raise ValueError(f"unknown split {name!r}; expected one of {SPLITS}")
        return getattr(self, name)

    def fingerprint(self) -> str:
        """sha256 of every split's (korean, english), in order: equal corpora, equal hashes."""
        digest = hashlib.sha256()
        for name in SPLITS:
            for pair in self.split(name):
                digest.update(f"{name}\t{pair.korean}\t{pair.english}\n".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Corpus(SplitCorpus):
    """The three splits of one generated corpus."""

    train: tuple[SentencePair, ...]
    valid: tuple[SentencePair, ...]
    test: tuple[SentencePair, ...]
    seed: int


def particle(noun: str, after_consonant: str, after_vowel: str) -> str:
    """The form of a particle that fits the noun's last syllable (은/는, 이/가, 을/를)."""
    return after_consonant if has_final_consonant(noun[-1]) else after_vowel


def indefinite_article(next_word: str) -> str:
    """a/an by the sound of the next word; every word of this lexicon sounds as spelt."""
    return "an" if next_word[0] in "aeiou" else "a"


def speech_levels_of(subject: str) -> tuple[str, ...]:
    """The speech levels a sentence with this subject may end in (저: polite only, 너: familiar only)."""
    return SPEECH_LEVELS_OF_SUBJECT.get(subject, SPEECH_LEVELS)


def places_of(verb: str) -> tuple[str, ...]:
    """Where `verb` makes sense (VERB_PLACES)."""
    return VERB_PLACES[verb]


def adjectives_of(verb: str, object_noun: str) -> tuple[str, ...]:
    """Adjectives that fit before `object_noun` as the object of `verb`."""
    unfit = ADJECTIVES_NOT_WITH_VERB.get(verb, ())
    return tuple(adjective for adjective in ADJECTIVES_FOR_OBJECT.get(object_noun, ()) if adjective not in unfit)


def times_of(verb: str, tense: str) -> tuple[str, ...]:
    """Time words that fit `verb` in `tense` (none for 좋아하다; 오늘 not with the present)."""
    if verb in VERBS and not VERBS[verb].takes_time:
        return ()
    return tuple(time for time, (_, tenses) in TIMES.items() if tense in tenses)


class _PairBuilder:
    """Collects Korean words (each a list of tokens) and English words with their links.

    Each English token names the Korean token it translates, so every English token
    gets a gold partner by construction; Korean particles and endings simply get none.
    """

    def __init__(self):
        self.korean_words: list[list[str]] = []
        self.english_tokens: list[str] = []
        self.links: list[tuple[int, int]] = []
        self._korean_count = 0

    def korean(self, *tokens: str) -> list[int]:
        """Append one Korean word made of `tokens`; return their token indices."""
        self.korean_words.append(list(tokens))
        indices = list(range(self._korean_count, self._korean_count + len(tokens)))
        self._korean_count += len(tokens)
        return indices

    def english(self, words: tuple[str, ...] | list[str], korean_index: int) -> None:
        """Append English words, each aligned to the Korean token at `korean_index`."""
        for word in words:
            self.links.append((korean_index, len(self.english_tokens)))
            self.english_tokens.append(word)

    def build(self, **fields) -> SentencePair:
        korean_tokens = tuple(token for word in self.korean_words for token in word)
        return SentencePair(
            korean=" ".join("".join(word) for word in self.korean_words),
            english=" ".join(self.english_tokens),
            korean_tokens=korean_tokens,
            english_tokens=tuple(self.english_tokens),
            alignment=tuple(sorted(self.links)),
            **fields,
        )


def _check_combination(
    subject, verb, object_noun, tense, negation, adjective, place, time, level, subject_case, honorific
) -> None:
    """Raise ValueError for anything the grammar does not allow."""
    if subject not in SUBJECTS:
        raise ValueError(f"unknown subject {subject!r}")
    if tense not in TENSES:
        raise ValueError(f"unknown tense {tense!r}")
    if negation not in NEGATIONS:
        raise ValueError(f"unknown negation {negation!r}; expected one of {NEGATIONS}")
    if subject_case not in SUBJECT_CASES:
        raise ValueError(f"unknown subject case {subject_case!r}; expected one of {SUBJECT_CASES}")
    if level not in speech_levels_of(subject):
        raise ValueError(f"{subject} does not go with the {level!r} speech level")
    if honorific and subject not in HONOURED_SUBJECTS:
        raise ValueError(f"{subject} takes no honorific -(으)시-")
    if verb in COPULAS:
        if object_noun not in OCCUPATIONS:
            raise ValueError(f"{verb} needs an occupation, got {object_noun!r}")
        if (subject, object_noun) in SILLY_COPULAS:
            raise ValueError(f"{subject}은/는 {object_noun}{verb} says nothing or contradicts itself")
        if adjective or place or time or negation or tense != "present":
            raise ValueError("copula sentences take no adjective, place, time, negation or tense")
        return
    if verb not in VERBS:
        raise ValueError(f"unknown verb {verb!r}")
    forms = VERBS[verb]
    if (object_noun or forms.objects) and object_noun not in forms.objects:
        raise ValueError(f"{verb} does not take {object_noun!r}")
    if tense not in forms.tenses:
        raise ValueError(f"{verb} does not go with the {tense} tense")
    if adjective and adjective not in adjectives_of(verb, object_noun):
        raise ValueError(f"{adjective!r} does not go before {object_noun!r} with {verb}")
    if verb in MOTION_VERBS and not place:
        raise ValueError(f"{verb} needs a place to go to")
    if place and place not in places_of(verb):
        raise ValueError(f"{verb} does not happen at {place!r}")
    if time and time not in times_of(verb, tense):
        raise ValueError(f"{time!r} does not go with {verb} in the {tense} tense")


def _render_subject(sentence: _PairBuilder, subject: str, subject_case: str) -> int:
    """The subject and its particle (나는, 내가, 민수가, 지연이); returns the subject's token index."""
    if subject_case == "topic":
        (subject_index, _) = sentence.korean(subject, particle(subject, "은", "는"))
    else:
        form = SUBJECT_FORMS_BEFORE_GA.get(subject, subject)
        (subject_index, _) = sentence.korean(form, particle(form, "이", "가"))
    return subject_index


def _render_copula(sentence, agreement, verb, occupation, level, honorific) -> str:
    singular, plural = OCCUPATIONS[occupation]
    if verb == "이다":
        occupation_index, copula_index = sentence.korean(occupation, copula("이다", occupation, level, honorific))
    else:
        occupation_index, _ = sentence.korean(occupation, particle(occupation, "이", "가"))
        (copula_index,) = sentence.korean(copula("아니다", occupation, level, honorific))
    be = {"i": "am", "singular": "is"}.get(agreement, "are")
    sentence.english([be], copula_index)
    if verb == "아니다":
        sentence.english(["not"], copula_index)
    if agreement == "plural":
        sentence.english([plural], occupation_index)
    else:
        sentence.english([indefinite_article(singular), singular], occupation_index)
    return "copula" if verb == "이다" else "copula_negation"


def _render_verb(sentence, agreement, forms: Verb, tense, negation, level, honorific) -> None:
    """The verb's Korean words and the English verb phrase, linked.

    The verb's own token carries its meaning (먹 + 었다 -> ate, 마셨 + 다 -> drank, 공부 +
    했다 -> studied); in a negation the last ending carries do / does / did (안 먹 + 었다,
    먹 + 지 않 + 았다, 공부 안 했다: did <- 었다 / 았다 / 했다), 안 or 않 carries "not", and
    것이다 / 거예요 / ... carry "will".
    """
    words = verb_words(forms.stem, tense, level, negation=negation, honorific=honorific)
    indices = [index for tokens in words for index in sentence.korean(*tokens)]
    tokens = [token for word in words for token in word]
    if tense == "future":
        sentence.english(["will"], indices.pop())  # 것이다 / 거예요 / 것입니다 / 거야
        tokens.pop()
    meaning_index = next(index for index, token in zip(indices, tokens, strict=True) if token != SHORT_NEGATION)
    if negation:
        if tense != "future":
            do = "did" if tense == "past" else ("does" if agreement == "singular" else "do")
            sentence.english([do], indices[-1])  # the last ending: 었다 of 안 먹었다, 았다 of 않았다
        not_token = SHORT_NEGATION if negation == "short" else NEGATION_AUXILIARY.text
        sentence.english(["not"], indices[tokens.index(not_token)])
        sentence.english(forms.english_base, meaning_index)
    elif tense == "past":
        sentence.english(forms.english_past, meaning_index)
    elif tense == "present":
        sentence.english(forms.english_third_person if agreement == "singular" else forms.english_base, meaning_index)
    else:
        sentence.english(forms.english_base, meaning_index)


def render_pair(
    subject: str,
    verb: str,
    object_noun: str = "",
    *,
    tense: str = "present",
    negation: str = "",
    adjective: str = "",
    place: str = "",
    time: str = "",
    time_first: bool = False,
    level: str = "plain",
    subject_case: str = "topic",
    honorific: bool = False,
) -> SentencePair:
    """Render one sentence pair from lexicon keys, with its gold alignment.

    subject: a key of SUBJECTS ("나"); verb: a key of VERBS ("먹다") or a copula
    ("이다" / "아니다"); object_noun: an object the verb takes, an occupation for a
    copula, "" for an intransitive verb; tense: present / past / future (copulas:
    present); negation: "" / "long" (먹지 않는다) / "short" (안 먹는다); adjective: a key
    of ADJECTIVES allowed before the object; place: where (with 에서) or, for 가다 / 오다,
    where to (with 에), from VERB_PLACES; time: a key of TIMES that allows the tense;
    time_first: the time word opens the Korean sentence instead of following the
    subject; level: plain / polite / formal / casual; subject_case: "topic" (은/는) or
    "subject" (이/가); honorific: -(으)시- for 선생님 / 교수님 / 할머니. Raises ValueError for a combination
    the grammar rejects.

    >>> render_pair("나", "이다", "학생").english
    'i am a student'
    >>> render_pair("저", "이다", "학생", level="formal").korean
    '저는 학생입니다'
    """
    _check_combination(
        subject, verb, object_noun, tense, negation, adjective, place, time, level, subject_case, honorific
    )
    subject_english, agreement = SUBJECTS[subject]
    sentence = _PairBuilder()

    if time and time_first:
        (time_index,) = sentence.korean(time)
    subject_index = _render_subject(sentence, subject, subject_case)
    if time and not time_first:
        (time_index,) = sentence.korean(time)
    sentence.english(subject_english, subject_index)
    features = {"level": level, "subject_case": subject_case, "honorific": honorific}

    if verb in COPULAS:
        construction = _render_copula(sentence, agreement, verb, object_noun, level, honorific)
        return sentence.build(subject=subject, verb=verb, object=object_noun, construction=construction, **features)

    forms = VERBS[verb]
    if place:
        (place_index, place_particle_index) = sentence.korean(place, "에" if verb in MOTION_VERBS else "에서")
    if adjective:
        (adjective_index,) = sentence.korean(adjective)
    if object_noun:
        (object_index, _) = sentence.korean(object_noun, particle(object_noun, "을", "를"))
    _render_verb(sentence, agreement, forms, tense, negation, level, honorific)

    if object_noun:
        generic = verb == "좋아하다"  # i like apples: liking is about the kind, not one thing
        if object_noun in COUNTABLE_OBJECTS:
            singular, plural = COUNTABLE_OBJECTS[object_noun]
            noun = plural if generic else singular
            if not generic:
                sentence.english([indefinite_article(ADJECTIVES[adjective] if adjective else noun)], object_index)
        else:
            noun = UNCOUNTABLE_OBJECTS[object_noun]
        if adjective:
            sentence.english([ADJECTIVES[adjective]], adjective_index)
        sentence.english([noun], object_index)
    if place and verb in MOTION_VERBS:
        preposition, place_english = DESTINATIONS[place]
        sentence.english(preposition, place_particle_index)
        sentence.english(place_english, place_index)
    elif place:
        preposition, place_english = PLACES[place]
        sentence.english([preposition], place_particle_index)
        sentence.english(place_english, place_index)
    if time:
        sentence.english(TIMES[time][0], time_index)

    return sentence.build(
        subject=subject,
        verb=verb,
        object=object_noun,
        construction=f"negation_{tense}" if negation else tense,
        adjective=adjective,
        place=place,
        time=time,
        time_first=bool(time) and time_first,
        negation=negation,
        **features,
    )


@lru_cache(maxsize=1)
def verb_tokens() -> frozenset[str]:
    """Every token that is a verb's own (먹, 마셨, 드, 공부, 좋아; not the endings 었다 / 한다,
    안, 않 or 것이다), in any tense, speech level, negation and honorific."""
    auxiliaries = {SHORT_NEGATION, NEGATION_AUXILIARY.text, *FUTURE_AUXILIARY.values()}
    return frozenset(
        tokens[0]
        for forms in VERBS.values()
        for tense in TENSES
        for level in SPEECH_LEVELS
        for negation in NEGATIONS
        for honorific in (False, True)
        for tokens in verb_words(forms.stem, tense, level, negation=negation, honorific=honorific)
        if tokens[0] not in auxiliaries
    )


def verb_triples() -> list[tuple[str, str, str]]:
    """Every (subject, verb, object) of a verb sentence, in lexicon order (가다 / 오다: the place)."""
    return [
        (subject, verb, third)
        for subject in SUBJECTS
        for verb, forms in VERBS.items()
        for third in (VERB_PLACES[verb] if verb in MOTION_VERBS else forms.objects or ("",))
    ]


def copula_pairs() -> list[SentencePair]:
    """Every sensible copula sentence: subject, 이다/아니다, occupation, level, 은/는 or 이/가, honorific."""
    return [
        render_pair(subject, kind, occupation, level=level, subject_case=case, honorific=honorific)
        for subject in SUBJECTS
        for kind in COPULAS
        for occupation in OCCUPATIONS
        if (subject, occupation) not in SILLY_COPULAS
        for level in speech_levels_of(subject)
        for case in SUBJECT_CASES
        for honorific in ((False, True) if subject in HONOURED_SUBJECTS else (False,))
    ]


def _sample_verb_pair(rng: random.Random, subject: str, verb: str, third: str) -> SentencePair:
    """One random sentence of a verb triple: tense, negation, level and optional parts drawn
    independently, so every construction and modifier is spread over every triple."""
    forms = VERBS[verb]
    motion = verb in MOTION_VERBS
    object_noun = "" if motion else third
    tense = rng.choice(forms.tenses)
    negation = rng.choices(NEGATIONS, NEGATION_WEIGHTS)[0]
    level = rng.choice(speech_levels_of(subject))
    subject_case = rng.choice(SUBJECT_CASES)
    honorific = subject in HONOURED_SUBJECTS and rng.random() < HONORIFIC_PROBABILITY
    adjectives = adjectives_of(verb, object_noun)
    adjective = rng.choice(adjectives) if adjectives and rng.random() < OPTIONAL_PART_PROBABILITY else ""
    places = places_of(verb)
    optional_place = rng.choice(places) if places and rng.random() < OPTIONAL_PART_PROBABILITY else ""
    place = third if motion else optional_place
    times = times_of(verb, tense)
    time = rng.choice(times) if times and rng.random() < OPTIONAL_PART_PROBABILITY else ""
    time_first = bool(time) and rng.random() < 0.5
    return render_pair(
        subject,
        verb,
        object_noun,
        tense=tense,
        negation=negation,
        adjective=adjective,
        place=place,
        time=time,
        time_first=time_first,
        level=level,
        subject_case=subject_case,
        honorific=honorific,
    )


def pairs_per_triple(subject: str, verb: str) -> int:
    """How many sentences the corpus samples for one verb triple."""
    return round(SUBJECT_PAIR_FACTOR.get(subject, 1) * PAIRS_PER_TRIPLE_OF_VERB.get(verb, PAIRS_PER_TRIPLE))


@lru_cache(maxsize=8)
def _generate_pairs(seed: int) -> tuple[SentencePair, ...]:
    rng = random.Random(seed)
    by_korean: dict[str, SentencePair] = {}
    for example in EXAMPLES:
        pair = render_pair(**example)
        by_korean[pair.korean] = pair
    for pair in copula_pairs():
        by_korean.setdefault(pair.korean, pair)
    examples_per_triple = Counter(pair.triple for pair in by_korean.values())
    for triple in verb_triples():
        wanted = pairs_per_triple(triple[0], triple[1]) - examples_per_triple[triple]
        # A triple's space is far larger than its share, so the attempt cap only
        # guards against an endless loop if the lexicon is ever made tiny.
        for _ in range(max(wanted, 0) * 20):
            if wanted <= 0:
                break
            pair = _sample_verb_pair(rng, *triple)
            if pair.korean not in by_korean:
                by_korean[pair.korean] = pair
                wanted -= 1
    pairs = list(by_korean.values())
    rng.shuffle(pairs)
    return tuple(pairs)


def generate_pairs(seed: int = 0) -> list[SentencePair]:
    """Every pair of the corpus for `seed`, unique by Korean, in a seeded random order."""
    return list(_generate_pairs(seed))


def _example_triples() -> set[tuple[str, str, str]]:
    return {render_pair(**example).triple for example in EXAMPLES}


def _held_out_triples(rng: random.Random, triples: list[tuple[str, str, str]]) -> tuple[set, set]:
    """Pick test and valid triples: from every (verb, object) group one subject for
    test and, for every other group, one more for valid (about 10% and 5% of the
    triples). Subjects are spread evenly, no group loses more than two subjects, and
    never both honoured subjects (their -(으)시- forms are learnt from each other), so
    every word and construction stays well represented in train.

    Copula sentences all stay in train: they are a closed table (every subject x
    occupation x speech level x 은/는 or 이/가 is in the corpus, about 500 pairs), so no
    copula a learner types is unseen, and a held-out copula triple took 16 of those
    few pairs at once (the plural "teachers" was left with one subject to learn from)."""
    protected = _example_triples()
    groups: dict[tuple[str, str], list[str]] = {}
    for subject, verb, object_noun in triples:
        if verb not in COPULAS:
            groups.setdefault((verb, object_noun), []).append(subject)
    group_keys = sorted(groups)
    rng.shuffle(group_keys)
    held_out_per_subject = dict.fromkeys(SUBJECTS, 0)

    def pick(verb: str, object_noun: str, taken: set[str]) -> str:
        candidates = [
            subject
            for subject in groups[(verb, object_noun)]
            if subject not in taken and (subject, verb, object_noun) not in protected
        ]
        fewest = min(held_out_per_subject[subject] for subject in candidates)
        subject = rng.choice([s for s in candidates if held_out_per_subject[s] == fewest])
        held_out_per_subject[subject] += 1
        return subject

    test, valid = set(), set()
    for position, (verb, object_noun) in enumerate(group_keys):
        test_subject = pick(verb, object_noun, set())
        test.add((test_subject, verb, object_noun))
        if position % 2 == 0:
            taken = {test_subject, *(HONOURED_SUBJECTS if test_subject in HONOURED_SUBJECTS else ())}
            valid.add((pick(verb, object_noun, taken), verb, object_noun))
    return test, valid


@lru_cache(maxsize=8)
def build_corpus(seed: int = 0) -> Corpus:
    """The corpus for `seed`, split by (subject, verb, object) triple. Pure and cached."""
    pairs = _generate_pairs(seed)
    # A separate stream, so changing the split never changes which pairs exist.
    rng = random.Random(f"split-{seed}")
    test_triples, valid_triples = _held_out_triples(rng, sorted({pair.triple for pair in pairs}))

    def assign() -> dict[str, list[SentencePair]]:
        splits = {name: [] for name in SPLITS}
        for pair in pairs:
            if pair.triple in test_triples:
                splits["test"].append(pair)
            elif pair.triple in valid_triples:
                splits["valid"].append(pair)
            else:
                splits["train"].append(pair)
        return splits

    # A token the model never saw in training cannot be translated, so a held-out
    # triple whose sentences use such a token goes back to train.
    while True:
        splits = assign()
        korean_vocabulary = {token for pair in splits["train"] for token in pair.korean_tokens}
        english_vocabulary = {token for pair in splits["train"] for token in pair.english_tokens}
        unseen = {
            pair.triple
            for pair in splits["valid"] + splits["test"]
            if not set(pair.korean_tokens) <= korean_vocabulary or not set(pair.english_tokens) <= english_vocabulary
        }
        if not unseen:
            break
        test_triples -= unseen
        valid_triples -= unseen

    return Corpus(
        train=tuple(splits["train"]),
        valid=tuple(splits["valid"]),
        test=tuple(splits["test"]),
        seed=seed,
    )


def example_sentences() -> list[str]:
    """Korean sentences for the UI picker, one per construction, 나는 학생이다 first."""
    return [render_pair(**example).korean for example in EXAMPLES]
