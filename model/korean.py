"""Small facts about Hangul that the corpus, the tokenizer and the UI's texts share.

A precomposed Hangul syllable (U+AC00..U+D7A3) is 가 + (initial × 21 + medial) × 28 +
final, where final 0 means "no final consonant" (받침) and final 8 is ㄹ. Particles
that alternate (은/는, 이/가, 을/를, 과/와, 으로/로) are chosen by that final.
"""

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
FINALS_PER_MEDIAL = 28
FINAL_RIEUL = 8  # ㄹ: takes 로, not 으로 (서울로, 연필로)


def is_hangul_syllable(character: str) -> bool:
    """True for one precomposed Hangul syllable (가..힣)."""
    return len(character) == 1 and HANGUL_FIRST <= ord(character) <= HANGUL_LAST


def has_hangul(text: str) -> bool:
    """True when `text` holds at least one Hangul syllable."""
    return any(is_hangul_syllable(character) for character in text)


def final_consonant_index(syllable: str) -> int:
    """The syllable's final consonant (받침) as its Unicode index: 0 none, 8 ㄹ, 1..27 the others."""
    if not is_hangul_syllable(syllable):
        raise ValueError(f"{syllable!r} is not one Hangul syllable")
    return (ord(syllable) - HANGUL_FIRST) % FINALS_PER_MEDIAL


def has_final_consonant(syllable: str) -> bool:
    """True when a Hangul syllable ends in a consonant (받침): 학 yes, 가 no; False for anything else."""
    return is_hangul_syllable(syllable) and final_consonant_index(syllable) != 0


MEDIALS_COUNT = 21
# Medial vowels (중성) by their Unicode index, the ones conjugation needs.
VOWEL_A, VOWEL_EO, VOWEL_YEO, VOWEL_O, VOWEL_WA, VOWEL_U, VOWEL_WO, VOWEL_EU, VOWEL_I = 0, 4, 6, 8, 9, 13, 14, 18, 20
VOWEL_AE = 1
# Final consonants (받침) by their Unicode index.
FINAL_NONE, FINAL_NIEUN, FINAL_DIGEUT, FINAL_BIEUP, FINAL_SSANGSIOS = 0, 4, 7, 17, 20


def decompose(syllable: str) -> tuple[int, int, int]:
    """(initial, medial, final) Unicode indices of one Hangul syllable: 먹 -> (6, 4, 1)."""
    if not is_hangul_syllable(syllable):
        raise ValueError(f"{syllable!r} is not one Hangul syllable")
    offset = ord(syllable) - HANGUL_FIRST
    return (
        offset // (MEDIALS_COUNT * FINALS_PER_MEDIAL),
        offset // FINALS_PER_MEDIAL % MEDIALS_COUNT,
        offset % FINALS_PER_MEDIAL,
    )


def compose(initial: int, medial: int, final: int = FINAL_NONE) -> str:
    """The syllable of (initial, medial, final) indices; the inverse of `decompose`."""
    return chr(HANGUL_FIRST + (initial * MEDIALS_COUNT + medial) * FINALS_PER_MEDIAL + final)


def with_final(syllable: str, final: int) -> str:
    """The syllable with its final consonant replaced: 사 + ㄴ -> 산, 만들 's 들 + none -> 드."""
    initial, medial, _ = decompose(syllable)
    return compose(initial, medial, final)


def with_medial(syllable: str, medial: int) -> str:
    """The syllable with its vowel replaced: 보 + ㅘ -> 봐."""
    initial, _, final = decompose(syllable)
    return compose(initial, medial, final)
