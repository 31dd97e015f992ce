"""Tokenisation and vocabularies for Korean (source) and English (target).

Korean is split the way the corpus is written (see docs/ARCHITECTURE.md, "Tokens"):
a noun and its particle are separate tokens (나는 -> 나 + 는, 학교에서 -> 학교 + 에서,
학생이다 -> 학생 + 이다), while verbs and copulas stay whole (먹었다, 아니다,
먹지 + 않았다, 먹을 + 것이다). English is lowercase words split on spaces.

Typed text is normalised first: zero-width and bidirectional control characters
dropped, then NFC (macOS keyboards send decomposed jamo), trailing . ? ! removed,
runs of white space collapsed.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from model.korean import has_final_consonant, is_hangul_syllable

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<bos>", "<eos>"
SPECIAL_TOKENS = (PAD, UNK, BOS, EOS)
PAD_ID, UNK_ID, BOS_ID, EOS_ID = range(4)

# Longest first, so 에서 wins over a shorter particle that ends the same way.
PARTICLES = ("에서", "이다", "은", "는", "이", "가", "을", "를")
# Which particles follow a noun ending in a consonant (True) or a vowel (False);
# None means either. Used to avoid splitting 고양이 into 고양 + 이 when 이 could not follow.
PARTICLE_AFTER_CONSONANT = {
    "에서": None,
    "이다": None,
    "은": True,
    "이": True,
    "을": True,
    "는": False,
    "가": False,
    "를": False,
}

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


def split_korean(text: str, known_tokens: Iterable[str] | None = None) -> list[str]:
    """Split normalised Korean text into tokens.

    A whitespace word stays whole when it is a known token (a verb, a copula, or a
    noun standing alone); otherwise a particle is split off its end when it may
    follow the noun before it (고양이를 -> 고양이 + 를, even when 고양이 is unknown).
    Without `known_tokens` every word is a candidate for a particle split.
    """
    known = set(known_tokens) if known_tokens is not None else set()
    tokens = []
    for word in normalize(text).split():
        split = None if word in known else _split_particle(word)
        # Many nouns end in 이 (고양이, 아이), so a bare 이 is split off only a known noun.
        if split is not None and split[1] == "이" and known and split[0] not in known:
            split = None
        tokens.extend(split if split is not None else (word,))
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
