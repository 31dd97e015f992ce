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
