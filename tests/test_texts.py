"""ui/texts.py against its house rules: particles after values, the glossary, both languages."""

import re
from pathlib import Path

import pytest

from ui import texts

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "GLOSSARY.md"

# A particle that alternates, written right after a {field} (past closing quotes,
# brackets and markdown): wrong for many values. Write {은} … {로} instead.
FIXED_PARTICLE_AFTER_FIELD = re.compile(
    r"\{(?!(?:은|는|이|가|을|를|과|와|으로|로)\})[^{}]*\}['’‘\"”“*`」』)\]]*"
    r"(은|는|이|가|을|를|과|와|으로|로)(?![가-힣(])"
)


def korean_strings():
    return [(key, translations["ko"]) for key, translations in texts.TEXTS.items()]


def glossary_sections() -> tuple[list[str], set[str]]:
    """(avoided variants from the table's third column, words kept in Latin letters)."""
    glossary = GLOSSARY.read_text(encoding="utf-8")
    terms, kept = glossary.split("## Kept in Latin letters")
    avoided = []
    for line in terms.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and not set(cells[2]) <= set("- "):
            avoided += re.findall(r"`([^`]+)`", cells[2])
    kept_words = {
        word for term in re.findall(r"`([^`]+)`", kept) for word in re.findall(r"[A-Za-z][A-Za-z0-9_]*", term)
    }
    return avoided, kept_words


def latin_words(korean: str) -> list[str]:
    """The Latin-letter words of a Korean string, outside fields, code, links and quoted English examples."""
    korean = re.sub(r"\{[^{}]*\}", " ", korean)
    korean = re.sub(r"`[^`]*`", " ", korean)
    korean = re.sub(r"\]\([^)]*\)", "] ", korean)  # a markdown link's address
    korean = re.sub(r"‘[^’]*’|'[^']*'|“[^”]*”|\"[^\"]*\"|「[^」]*」", " ", korean)
    return re.findall(r"[A-Za-z][A-Za-z0-9_]*", korean)


def test_no_korean_string_puts_a_fixed_particle_after_a_value():
    offenders = {
        key: match.group(0) for key, korean in korean_strings() if (match := FIXED_PARTICLE_AFTER_FIELD.search(korean))
    }
    assert not offenders, f"write the particle as {{은}}, {{을}}, … after a value: {offenders}"


def test_the_check_catches_the_mistakes_it_is_for():
    for wrong in ("헤드 {head}는", "'{english}'를", "{guess_weight}이 갔습니다", "{sqrt_d:.0f}로", "**{example}**는"):
        assert FIXED_PARTICLE_AFTER_FIELD.search(wrong), wrong
    for right in ("헤드 {head}{는}", "'{english}'{를}", "{step}의", "{count}개", "{winner}입니다", "{low}에서"):
        assert not FIXED_PARTICLE_AFTER_FIELD.search(right), right


@pytest.mark.parametrize(
    ("key", "fields", "expected"),
    [
        (
            "hood.step.wq.body",
            {"d_model": 32, "head": 0, "start": 0, "end": 7, "d_head": 8},
            "헤드 0은 그중 출력 열 0–7을",
        ),
        (
            "hood.step.wq.body",
            {"d_model": 32, "head": 2, "start": 16, "end": 23, "d_head": 8},
            "헤드 2는 그중 출력 열 16–23을",
        ),
        (
            "hood.step.wq.body",
            {"d_model": 32, "head": 3, "start": 24, "end": 31, "d_head": 8},
            "헤드 3은 그중 출력 열 24–31을",
        ),
        ("cross.focus.title", {"token": "am"}, "'am'을 만들 때"),
        ("cross.focus.title", {"token": "a"}, "'a'를 만들 때"),
        ("cross.focus.title", {"token": "book"}, "'book'을 만들 때"),
        ("cross.focus.title", {"token": "zebra"}, "'zebra'을(를) 만들 때"),
        ("hood.step.scores.body", {"d_head": 8, "sqrt_d": 8**0.5, "temperature": 1.0}, "√8 ≈ 2.83으로 나누고"),
        ("hood.step.scores.body", {"d_head": 4, "sqrt_d": 2.0, "temperature": 0.5}, "온도 0.5로 나누고"),
        ("sidebar.unknown_one", {"tokens": "고양이"}, "'고양이'는"),
        ("sidebar.unknown_one", {"tokens": "책상"}, "'책상'은"),
    ],
)
def test_particles_follow_the_value_they_come_after(key, fields, expected):
    assert expected in texts.text(key, "ko", **fields)


def test_glossary_avoided_terms_appear_in_no_korean_string():
    avoided, _ = glossary_sections()
    assert {"지도", "훈련", "테스트 분할", "softmax", "벨류", "탐침", "숨은 폭", "쓴 토큰"} <= set(avoided)
    offenders = [(key, term) for key, korean in korean_strings() for term in avoided if term in korean]
    assert not offenders, f"use the glossary's term (docs/GLOSSARY.md): {offenders}"


def test_korean_strings_hold_no_english_but_the_glossarys_kept_terms():
    _, kept = glossary_sections()
    assert {"d_k", "W_q", "Attention", "CSV"} <= kept
    leftovers = {key: words for key, korean in korean_strings() if (words := sorted(set(latin_words(korean)) - kept))}
    assert not leftovers, f"translate these, or keep them in docs/GLOSSARY.md: {leftovers}"


def test_every_text_exists_in_both_languages_non_empty_with_the_same_values():
    assert set(texts.LANGUAGES) == {"ko", "en"}
    for key, translations in texts.TEXTS.items():
        assert set(translations) == set(texts.LANGUAGES), key
        for language in texts.LANGUAGES:
            assert isinstance(translations[language], str) and translations[language].strip(), (key, language)
        assert texts.value_fields(translations["ko"]) == texts.value_fields(translations["en"]), key
        assert not set(re.findall(r"\{(은|는|이|가|을|를|과|와|으로|로)\}", translations["en"])), key


def test_text_fills_fields_and_particles_and_keeps_literal_braces():
    assert texts.render("{{x}} {n:.1f}{로}", {"n": 3}) == "{x} 3.0으로"
    assert texts.text("basics.title", "ko") == texts.TEXTS["basics.title"]["ko"]
