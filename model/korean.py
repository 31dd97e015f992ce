"""Small facts about Hangul that the corpus, the tokenizer and the UI's texts share.

A precomposed Hangul syllable (U+AC00..U+D7A3) is 가 + (initial × 21 + medial) × 28 +
final, where final 0 means "no final consonant" (받침) and final 8 is ㄹ. Particles
that alternate (은/는, 이/가, 을/를, 과/와, 으로/로) are chosen by that final.

`particle_for(text, particle)` chooses the form for whatever `text` ends with, read
aloud as a Korean reader would read it:
- a Hangul syllable by its final: 헤드 → 는, 학생 → 은; 으로/로 also by ㄹ (서울로);
- a number as Sino-Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔, 10 십, 100 백, 1,000 천,
  10,000 만 (so 1로, 3으로, 31을, 47을, 10을); a decimal by its last digit (2.83 → 삼);
  subscripts and superscripts as digits (k₃ → 삼); a minus sign changes nothing;
- % as 퍼센트, ∞ as 무한대;
- an English word by `ENGLISH_READINGS` (am 엠 → 을, book 북 → 을, apple 애플 → 을...),
  which covers every English token the corpus can produce (tests/test_korean.py checks
  it against model/corpus.py); a single Latin letter, or an all-capital abbreviation,
  by the name of its last letter (q 큐, k 케이, l 엘, CSV 브이);
- closing quotes, brackets and markdown marks are skipped ('am'을, **k₂**를), and a
  trailing parenthesis is skipped when a word stands before it (사과(apple)를).
Where none of these decides (an English word from an uploaded model that is not in the
table), it returns the both-forms spelling 을(를), 은(는), 이(가), 과(와), (으)로.

Packages weighed (PyPI, 2026-12), run on the cases above: hangeul 0.2.0 reads digits but
takes every lowercase English word and letter as vowel-final ('am'를, 'book'를, k₃를);
korean-glue 0.1.4 reads English by its last letter ('am'을 by luck, but 'book'를,
'apple'를), swaps 과/와 after a digit (0와) and gives 1으로. Read, not run: tossi 0.3.1
(last release 2018, needs bidict; good number reading, no English words, so 'book'
gets 을(를)). Not tried: korean-josa 0.0.2, josa 0.0.8 (2012), pyjosa 1.0.3; tjosa 0.3.0
has no release pip can install on Python 3.11 (it is built on t-strings). None is right
on every case the app shows, so the rule lives here, in a few lines.
"""

import re
import unicodedata

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


# --- particles after a value ------------------------------------------------------

# Each alternating particle: (after a final consonant, after a vowel, when undecidable).
# 으로/로 is listed with its third case, ㄹ, handled in `particle_for`.
PARTICLE_PAIRS = {
    "은": ("은", "는", "은(는)"),
    "이": ("이", "가", "이(가)"),
    "을": ("을", "를", "을(를)"),
    "과": ("과", "와", "과(와)"),
    "으로": ("으로", "로", "(으)로"),
}
# Either spelling names its pair: "는" is the same particle as "은".
PARTICLES = {form: pair for pair, forms in PARTICLE_PAIRS.items() for form in forms[:2]}

# How Korean readers say the English words the app shows (외래어 표기법, or the
# common spelling where that is what people say: good 굿). Only the last syllable
# matters, but whole readings are kept so the table can be checked by eye.
ENGLISH_READINGS = {
    # the corpus's words
    "a": "어",
    "am": "엠",
    "an": "언",
    "apple": "애플",
    "are": "아",
    "at": "앳",
    "ate": "에이트",
    "big": "빅",
    "book": "북",
    "bought": "보트",
    "bread": "브레드",
    "buy": "바이",
    "buys": "바이즈",
    "cafe": "카페",
    "coffee": "커피",
    "day": "데이",
    "did": "디드",
    "do": "두",
    "doctor": "닥터",
    "doctors": "닥터스",
    "does": "더즈",
    "drank": "드랭크",
    "drink": "드링크",
    "drinks": "드링크스",
    "eat": "이트",
    "eats": "이츠",
    "every": "에브리",
    "exercise": "엑서사이즈",
    "exercised": "엑서사이즈드",
    "exercises": "엑서사이지즈",
    "good": "굿",
    "he": "히",
    "home": "홈",
    "i": "아이",
    "in": "인",
    "is": "이즈",
    "jiyeon": "지연",
    "letter": "레터",
    "library": "라이브러리",
    "like": "라이크",
    "liked": "라이크트",
    "likes": "라이크스",
    "listen": "리슨",
    "listened": "리슨드",
    "listens": "리슨스",
    "made": "메이드",
    "make": "메이크",
    "makes": "메이크스",
    "milk": "밀크",
    "minsu": "민수",
    "movie": "무비",
    "music": "뮤직",
    "new": "뉴",
    "newspaper": "뉴스페이퍼",
    "not": "낫",
    "old": "올드",
    "park": "파크",
    "read": "리드",
    "reads": "리즈",
    "school": "스쿨",
    "she": "시",
    "singer": "싱어",
    "singers": "싱어스",
    "sleep": "슬립",
    "sleeps": "슬립스",
    "slept": "슬렙트",
    "small": "스몰",
    "song": "송",
    "student": "스튜던트",
    "students": "스튜던츠",
    "studied": "스터디드",
    "studies": "스터디즈",
    "study": "스터디",
    "teacher": "티처",
    "teachers": "티처스",
    "the": "더",
    "they": "데이",
    "to": "투",
    "today": "투데이",
    "tomorrow": "투모로",
    "walk": "워크",
    "walked": "워크트",
    "walks": "워크스",
    "watch": "워치",
    "watched": "워치트",
    "watches": "워치스",
    "water": "워터",
    "we": "위",
    "will": "윌",
    "work": "워크",
    "worked": "워크트",
    "works": "워크스",
    "write": "라이트",
    "writes": "라이츠",
    "wrote": "로트",
    "yesterday": "예스터데이",
    "you": "유",
    # the last part of the symbols the app writes: d_model, d_head, d_ff
    "model": "모델",
    "head": "헤드",
    "ff": "에프에프",
    # the special tokens the decoder reads and writes
    "<bos>": "보스",
    "<eos>": "이오에스",
    "<unk>": "언크",
    "<pad>": "패드",
}
# Latin letters by name, for symbols (q, k₂, W_q, d_k) and abbreviations (CSV, AER).
LETTER_NAMES = {
    "a": "에이", "b": "비", "c": "씨", "d": "디", "e": "이", "f": "에프", "g": "지", "h": "에이치", "i": "아이",
    "j": "제이", "k": "케이", "l": "엘", "m": "엠", "n": "엔", "o": "오", "p": "피", "q": "큐", "r": "알",
    "s": "에스", "t": "티", "u": "유", "v": "브이", "w": "더블유", "x": "엑스", "y": "와이", "z": "제트",
}  # fmt: skip
DIGIT_NAMES = dict(zip("0123456789", "영일이삼사오육칠팔구", strict=True))
# A whole number ending in zeros ends in a place name: 10 십, 100 백, 1,000 천, then
# every four zeros a larger unit (10,000 만, 10⁸ 억, 10¹² 조, 10¹⁶ 경); 20,000 is 이만.
SMALL_PLACES = {1: "십", 2: "백", 3: "천"}
LARGE_PLACES = {1: "만", 2: "억", 3: "조", 4: "경"}
SYMBOL_READINGS = {"%": "퍼센트", "‰": "퍼밀", "∞": "무한대"}

# Marks that close a value without being read: quotes, brackets, markdown emphasis.
_SILENT_CLOSERS = "'\"’”»」』]}>*_`.,;:!? \u00a0"
_TRAILING_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?$")
_TRAILING_WORD = re.compile(r"(?:<[a-z]+>|[A-Za-z]+)$")


def _plain(text: str) -> str:
    """`text` as it is read: NFKC (k₃ → k3, ᵀ → T), markdown escapes dropped."""
    return re.sub(r"\\(.)", r"\1", unicodedata.normalize("NFKC", text))


def _strip_closers(text: str) -> str:
    """Drop what a reader does not say at the end: quotes, brackets, a parenthesis after a word."""
    while text:
        if text.endswith(")"):
            opening = text.rfind("(")
            before = text[:opening].rstrip() if opening >= 0 else ""
            # 사과(apple)를: the particle follows the word before the parenthesis;
            # a value that is all parenthesis, (1.48, 3.64), is read inside it.
            text = before if before and not before.endswith(tuple("=+-−×·")) else text[opening + 1 : -1]
            continue
        if text[-1] in _SILENT_CLOSERS and not (text.endswith(">") and _TRAILING_WORD.search(text)):
            text = text[:-1]
            continue
        break
    return text


def _number_reading(digits: str, decimals: str | None) -> str:
    """The last syllable of a number read in Sino-Korean: 3 삼, 10 십, 2.83 삼, 20000 만."""
    if decimals:
        return DIGIT_NAMES[decimals[-1]]
    whole = digits.replace(",", "").lstrip("0")
    if not whole:
        return DIGIT_NAMES["0"]
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros == 0:
        return DIGIT_NAMES[whole[-1]]
    if zeros % 4:
        return SMALL_PLACES[zeros % 4]
    return LARGE_PLACES.get(zeros // 4, "")


def last_syllable_read(text: str) -> str | None:
    """The Hangul syllable a Korean reader says last when reading `text` aloud, or None if unknown."""
    text = _strip_closers(_plain(text).rstrip())
    if not text:
        return None
    last = text[-1]
    if is_hangul_syllable(last):
        return last
    if last in SYMBOL_READINGS:
        return SYMBOL_READINGS[last][-1]
    number = _TRAILING_NUMBER.search(text)
    if number:
        return _number_reading(number.group(0).split(".")[0], number.group(1)) or None
    word = _TRAILING_WORD.search(text)
    if word:
        token = word.group(0)
        if token.lower() in ENGLISH_READINGS:
            return ENGLISH_READINGS[token.lower()][-1]
        if len(token) == 1 or token.isupper():
            return LETTER_NAMES[token[-1].lower()][-1]
    return None


def particle_for(text: str, particle: str) -> str:
    """The form of `particle` (either spelling: 은 or 는, 으로 or 로, ...) that follows `text`.

    particle_for("헤드 0", "는") == "은"; particle_for("'am'", "를") == "을";
    particle_for("√8 ≈ 2.83", "로") == "으로"; particle_for("'zebra'", "를") == "을(를)".
    """
    after_consonant, after_vowel, undecided = PARTICLE_PAIRS[PARTICLES[particle]]
    syllable = last_syllable_read(text)
    if syllable is None:
        return undecided
    final = final_consonant_index(syllable)
    if final == 0 or (final == FINAL_RIEUL and after_consonant == "으로"):
        return after_vowel
    return after_consonant
