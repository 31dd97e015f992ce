"""Tokenisation and vocabularies for Korean (source) and English (target).

Korean is split the way the corpus is written (see docs/ARCHITECTURE.md, "Tokens"):
a noun and its particle are separate tokens (나는 -> 나 + 는, 학교에서 -> 학교 + 에서),
and so are a noun and 이다's ending (학생이다 -> 학생 + 이다, 가수예요 -> 가수 + 예요);
a conjugated verb is the verb's token + the ending's (먹었어요 -> 먹 + 었어요, 먹지 않았다
-> 먹 + 지 + 않 + 았다, 공부했다 -> 공부 + 했다); 아니다, 것이다 and a word that is all verb
(마셔) stay whole. Typed variants become their standard form (가수다 -> 가수 + 이다,
먹을 거다 -> 먹 + 을 + 것이다, 보아요 -> 봐 + 요). English is lowercase words split on spaces.

Typed text is normalised first: zero-width and bidirectional control characters
dropped, then NFC (macOS keyboards send decomposed jamo), trailing . ? ! removed,
runs of white space collapsed.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from model.korean import (
    VOWEL_A,
    VOWEL_AE,
    VOWEL_EO,
    VOWEL_I,
    VOWEL_O,
    VOWEL_U,
    VOWEL_WA,
    VOWEL_WO,
    VOWEL_YEO,
    compose,
    decompose,
    has_final_consonant,
    is_hangul_syllable,
)

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<bos>", "<eos>"
SPECIAL_TOKENS = (PAD, UNK, BOS, EOS)
PAD_ID, UNK_ID, BOS_ID, EOS_ID = range(4)

# Particles, and the endings of 이다 that attach to a noun (학생이에요, 가수예요, 의사이세요).
# Longest first, so 에서 wins over 에 and 이에요 over 에요.
PARTICLES = (
    "이십니다",
    "이에요",
    "이시다",
    "이세요",
    "입니다",
    "에서",
    "이다",
    "예요",
    "이야",
    "이셔",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "야",
)
# Which particles follow a noun ending in a consonant (True) or a vowel (False);
# None means either. Used to avoid splitting 고양이 into 고양 + 이 when 이 could not follow.
PARTICLE_AFTER_CONSONANT = {
    **dict.fromkeys(("에서", "에", "이다", "입니다", "이시다", "이세요", "이십니다", "이셔")),
    **dict.fromkeys(("은", "이", "을", "이에요", "이야"), True),
    **dict.fromkeys(("는", "가", "를", "예요", "야"), False),
}
# Single-syllable particles that also end many nouns (고양이, 아야): split only off a known noun.
_PARTICLES_ONLY_AFTER_KNOWN = ("이", "야")

# Verb endings (model/conjugation.py): a conjugated verb is the verb's own syllables plus
# one of these (먹 + 었어요, 마셨 + 어요, 읽 + 으신다, 않 + 았다, 공부 + 했다). Split off only when what
# is left is a known token; the longest such ending wins.
VERB_ENDINGS = tuple(
    sorted(
        (
            "으셨습니다", "셨습니다", "았습니다", "었습니다", "으셨어요", "으십니다", "셨어요",
            "습니다", "십니다", "았어요", "었어요", "으세요", "으셨다", "으셨어", "으신다", "는다",
            "니다", "세요", "셨다", "셨어", "시지", "신다", "아요", "았다", "았어", "어요", "었다",
            "었어", "으셔", "으실", "다", "셔", "실", "아", "어", "요", "을", "지",
            # 하다 after its noun (공부 + 했다, 좋아 + 한다)
            "하셨습니다", "하셨어요", "하십니다", "했습니다", "하세요", "하셨다", "하셨어", "하신다",
            "합니다", "했어요", "하셔", "하실", "하지", "한다", "해요", "했다", "했어", "할", "해",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip

# Spellings learners type for a standard word (먹을 거다 = 먹을 것이다; 거에요 is a common misspelling).
TYPED_VARIANTS = {"거다": "것이다", "거에요": "거예요", "것이에요": "거예요"}

# Format characters (category Cf) change nothing a reader sees: zero-width spaces and joiners,
# the byte-order mark, soft hyphens, bidirectional embedding/override/isolate marks, tag
# characters; they are dropped. Control characters (Cc: NUL, escape sequences) separate
# words like spaces do. A lone surrogate (Cs: a command-line byte that is not UTF-8, kept by
# Python as U+DC80..U+DCFF) is no text at all and cannot be printed: it becomes U+FFFD, the
# replacement character a decoder shows for such bytes.
_INVISIBLE_OR_CONTROL = {"Cf": "", "Cc": " ", "Cs": "\ufffd"}
# Hangul fillers are letters to Unicode but blank on screen (games use U+3164 as an "invisible name").
_HANGUL_FILLERS = str.maketrans(dict.fromkeys("\u115f\u1160\u3164\uffa0", " "))
_TRAILING_PUNCTUATION = re.compile(r"[\s.?!。？！]+$")


def normalize(text: str) -> str:
    """Format characters dropped, control characters as spaces; NFC; trailing . ? ! dropped; spaces collapsed."""
    text = "".join(_INVISIBLE_OR_CONTROL.get(unicodedata.category(character), character) for character in text)
    text = text.translate(_HANGUL_FILLERS)
    # NFC after dropping: a format character inside a decomposed syllable (ᄒ, U+200B, ᅡ) kept its
    # jamo apart, and normalising the result again changed it (tokens no longer matched the sentence).
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _TRAILING_PUNCTUATION.sub("", text)


def _split_particle(word: str) -> tuple[str, str] | None:
    """(noun, particle) when `word` ends in a particle that may follow that noun."""
    for particle in PARTICLES:
        noun = word[: -len(particle)]
        if not word.endswith(particle) or not noun or not is_hangul_syllable(noun[-1]):
            continue
        after_consonant = PARTICLE_AFTER_CONSONANT[particle]
        if after_consonant is None or after_consonant == has_final_consonant(noun[-1]):
            return noun, particle
    return None


def _split_verb_ending(word: str, known: set[str]) -> tuple[str, str] | None:
    """(verb, ending) when `word` is a known verb token plus a verb ending (먹었어요 -> 먹 + 었어요)."""
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in known:
            return word[: -len(ending)], ending
    return None


# Uncontracted vowels learners type, and their contraction: 보아요 -> 봐요, 마시었다 -> 마셨다.
_CONTRACTIONS = {(VOWEL_O, VOWEL_A): VOWEL_WA, (VOWEL_U, VOWEL_EO): VOWEL_WO, (VOWEL_I, VOWEL_EO): VOWEL_YEO}
_SILENT_INITIAL = 11  # ㅇ: 아, 어, 여 start with no consonant


def contract_vowels(word: str) -> str:
    """The word with 오+아, 우+어, 이+어 and 하+여 contracted (보아요 -> 봐요, 공부하였다 -> 공부했다)."""
    syllables = list(word)
    index = 0
    while index < len(syllables) - 1:
        first, second = syllables[index], syllables[index + 1]
        if is_hangul_syllable(first) and is_hangul_syllable(second):
            initial, medial, final = decompose(first)
            next_initial, next_medial, next_final = decompose(second)
            if final == 0 and next_initial == _SILENT_INITIAL:
                if first == "하" and next_medial == VOWEL_YEO:
                    merged = compose(initial, VOWEL_AE, next_final)
                else:
                    merged = _CONTRACTIONS.get((medial, next_medial))
                    merged = compose(initial, merged, next_final) if merged is not None else None
                if merged is not None:
                    syllables[index : index + 2] = [merged]
        index += 1
    return "".join(syllables)


def _split_word(word: str, known: set[str]) -> list[str]:
    """One typed word as tokens (see split_korean)."""
    if word in known:
        return [word]
    split = _split_particle(word)
    # Many nouns end in 이 or 야 (고양이), so those are split off only a known noun.
    if split is not None and split[1] in _PARTICLES_ONLY_AFTER_KNOWN and known and split[0] not in known:
        split = None
    if split is not None and (split[0] in known or not known or not _split_verb_ending(word, known)):
        return list(split)
    verb = _split_verb_ending(word, known)
    return list(verb) if verb is not None else [word]


def _standard_spelling(word: str, known: set[str]) -> list[str] | None:
    """Tokens of a typed variant's standard form, or None when `word` is no known variant.

    거다 -> 것이다; 가수다 -> 가수 + 이다 (a noun ending in a vowel + 다); 학생이예요 ->
    학생 + 이에요; 보아요 -> 봐 + 요 (when the contracted word is made of known tokens).
    """
    if word in TYPED_VARIANTS:
        return [TYPED_VARIANTS[word]]
    if not known or word in known:
        return None
    noun = word[:-1]
    # A verb token before 다 always ends in a consonant (마신 + 다, 마셨 + 다), a noun before 다 in a vowel.
    if word.endswith("다") and noun in known and not has_final_consonant(noun[-1]):
        return [noun, "이다"]
    noun = word[: -len("이예요")]
    if word.endswith("이예요") and noun in known and has_final_consonant(noun[-1]):
        return [noun, "이에요"]
    contracted = contract_vowels(word)
    if contracted != word:
        tokens = _split_word(contracted, known)
        if all(token in known for token in tokens):
            return tokens
    return None


def split_korean(text: str, known_tokens: Iterable[str] | None = None) -> list[str]:
    """Split normalised Korean text into tokens.

    A whitespace word stays whole when it is a known token (a noun standing alone, a
    verb form such as 마셔, 아니다, 것이다); a typed variant becomes its standard form
    (TYPED_VARIANTS, 가수다 -> 가수 + 이다, 보아요 -> 봐 + 요); otherwise a particle or
    이다's ending is split off its end when it may follow the noun before it (고양이를
    -> 고양이 + 를, even when 고양이 is unknown), or a verb ending off a known verb token
    (먹었어요 -> 먹 + 었어요). Without `known_tokens` only particles are split.
    """
    known = set(known_tokens) if known_tokens is not None else set()
    tokens = []
    for word in normalize(text).split():
        standard = _standard_spelling(word, known)
        tokens.extend(standard if standard is not None else _split_word(word, known))
    return tokens


def split_english(text: str) -> list[str]:
    """Lowercase English words; trailing punctuation ignored."""
    return normalize(text).lower().split()


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list of tokens; a token's id is its index. The first four are the specials."""

    tokens: tuple[str, ...]

    @classmethod
    def build(cls, sentences: Iterable[Iterable[str]]) -> "Vocabulary":
        """Specials first, then every token of `sentences` in sorted order (deterministic)."""
        seen = {token for sentence in sentences for token in sentence}
        return cls(SPECIAL_TOKENS + tuple(sorted(seen - set(SPECIAL_TOKENS))))

    def __post_init__(self):
        if self.tokens[: len(SPECIAL_TOKENS)] != SPECIAL_TOKENS:
            raise ValueError(f"a vocabulary must start with {SPECIAL_TOKENS}")
        if len(set(self.tokens)) != len(self.tokens):
            raise ValueError("a vocabulary must not repeat a token")
        object.__setattr__(self, "_ids", {token: index for index, token in enumerate(self.tokens)})

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self._ids

    def id_of(self, token: str) -> int:
        return self._ids.get(token, UNK_ID)

    def encode(self, tokens: Iterable[str]) -> list[int]:
        return [self.id_of(token) for token in tokens]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.tokens[index] for index in ids]

    @property
    def words(self) -> frozenset[str]:
        """Every non-special token."""
        return frozenset(self.tokens[len(SPECIAL_TOKENS) :])
