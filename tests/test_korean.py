"""model/korean.py: the final-consonant test and the particle chosen for a value."""

import pytest

from model import corpus
from model.korean import ENGLISH_READINGS, has_final_consonant, last_syllable_read, particle_for
from model.tokenizer import SPECIAL_TOKENS

# (what the particle follows, the particle as written, the form that must come out)
CASES = [
    # Hangul by its final consonant; 으로/로 also by ㄹ
    ("헤드", "은", "는"),
    ("학생", "는", "은"),
    ("사과", "을", "를"),
    ("책", "를", "을"),
    ("학교", "과", "와"),
    ("빵", "와", "과"),
    ("서울", "으로", "로"),
    ("연필", "으로", "로"),
    ("집", "로", "으로"),
    ("학교", "으로", "로"),
    # numbers as Sino-Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔, 10 십
    ("헤드 0", "는", "은"),
    ("헤드 1", "는", "은"),
    ("헤드 2", "는", "는"),
    ("헤드 3", "는", "은"),
    ("31", "를", "을"),
    ("47", "를", "을"),
    ("5", "를", "를"),
    ("6", "과", "과"),
    ("9", "과", "와"),
    ("1", "으로", "로"),
    ("7", "으로", "로"),
    ("8", "으로", "로"),
    ("3", "로", "으로"),
    ("6", "로", "으로"),
    ("10", "로", "으로"),
    ("10", "이", "이"),
    ("100", "이", "이"),
    ("1,000", "이", "이"),
    ("20000", "를", "을"),
    ("1000000000000", "을", "를"),  # 일조
    ("-4", "이", "가"),
    ("−10", "를", "을"),
    # a decimal by its last digit
    ("0.25", "이", "가"),
    ("0.13", "이", "이"),
    ("√8 ≈ 2.83", "로", "으로"),
    ("1.0", "로", "으로"),
    ("0.5", "로", "로"),
    # % as 퍼센트, ∞ as 무한대
    ("85.0%", "이", "가"),
    ("35 %", "을", "를"),
    ("−∞", "으로", "로"),
    # English words of the app by their reading
    ("'am'", "를", "을"),
    ("'book'", "를", "을"),
    ("'apple'", "를", "을"),  # 애플: ㄹ
    ("'a'", "을", "를"),
    ("'school'", "으로", "로"),
    ("'song'", "는", "은"),
    ("'<eos>'", "를", "를"),
    ("\\<eos\\>", "을", "를"),
    # Latin letters by name, subscripts as digits, abbreviations by their last letter
    ("W_q", "은", "는"),
    ("k₃", "를", "을"),
    ("k₂", "를", "를"),
    ("l", "으로", "로"),
    ("m", "이", "이"),
    ("CSV", "로", "로"),
    ("d_model (벡터 차원)", "는", "은"),
    # quotes, brackets and markdown are not read; a parenthesis after a word is skipped
    ("**k₂**", "은", "는"),
    ("「Attention의 원리와 계산과정(완전 쉬움!)」", "를", "을"),
    ("사과(apple)", "을", "를"),
    ("(1.48, 3.64)", "은", "는"),
    ("모델(스텝 40)", "를", "을"),
    # undecidable: both forms
    ("'zebra'", "를", "을(를)"),
    ("'zebra'", "은", "은(는)"),
    ("'zebra'", "가", "이(가)"),
    ("'zebra'", "와", "과(와)"),
    ("'zebra'", "로", "(으)로"),
    ("", "을", "을(를)"),
]


@pytest.mark.parametrize(("before", "particle", "expected"), CASES)
def test_particle_for_reads_the_value_as_a_korean_reader_does(before, particle, expected):
    assert particle_for(before, particle) == expected


@pytest.mark.parametrize(
    ("number", "last"),
    [("0", "영"), ("10", "십"), ("100", "백"), ("1,000", "천"), ("20000", "만"), ("310000", "만"), ("10⁸", "팔")]
    + [("100000000", "억"), ("3.50", "영"), ("12,345", "오")],
)
def test_a_number_ends_in_the_syllable_it_is_read_with(number, last):
    assert last_syllable_read(number) == last


def test_every_english_word_the_app_can_show_has_a_reading():
    shown = {token for pair in corpus.generate_pairs() for token in pair.english_tokens} | set(SPECIAL_TOKENS)
    assert len(shown) > 90
    missing = sorted(word for word in shown if last_syllable_read(f"'{word}'") is None)
    assert not missing, f"add a reading to model/korean.py ENGLISH_READINGS for: {missing}"
    assert all(
        reading and all("가" <= syllable <= "힣" for syllable in reading) for reading in ENGLISH_READINGS.values()
    )


def test_has_final_consonant():
    assert has_final_consonant("학") and not has_final_consonant("가")
    assert not has_final_consonant("a") and not has_final_consonant("")
