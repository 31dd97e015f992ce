"""Korean verb endings from a verb's stem: four speech levels, three tenses, negation, -(으)시-.

Every form is built from the stem (먹다 -> 먹) by Hangul arithmetic (model.korean),
so the rules are written once and each verb only says what class it is in:

- A consonant stem takes 는다 / 습니다 / 을 / 으시 (먹는다, 먹습니다, 먹을, 읽으신다); a
  vowel stem takes ㄴ다 / ㅂ니다 / ㄹ / 시 as a final consonant or syllable (산다, 삽니다,
  살, 사신다). A ㄹ stem drops its ㄹ before ㄴ, ㅂ and 시 (만든다, 만듭니다, 만드신다)
  and keeps it before ㄹ (만들).
- The 아/어 form (해요체 and 해체, and the past) follows vowel harmony: 아 after ㅏ/ㅗ,
  어 otherwise, and contracts after a vowel stem: 사+아 -> 사, 보+아 -> 봐, 마시+어 -> 마셔,
  쓰+어 -> 써, 하+여 -> 해.
- ㄷ-irregular stems (듣다, 걷다) turn ㄷ into ㄹ before a vowel: 들어, 들었다, 들을, 들으시다.
- The honorific -(으)시- makes a new vowel stem (읽으시, 가시); its 해요체 is 세요.

A conjugated word is two tokens: the verb's own syllables and the ending (먹 + 었어요,
마셨 + 어요, 읽 + 으신다), so every verb shares the endings and every ending is seen
with every verb; a word that is all verb stays whole (마셔, 사, 볼).

Speech levels, as the corpus names them: "plain" 한다체, "polite" 해요체, "formal"
합니다체, "casual" 해체. The English of a sentence does not depend on its level.
"""

from dataclasses import dataclass

from model.korean import (
    FINAL_BIEUP,
    FINAL_DIGEUT,
    FINAL_NIEUN,
    FINAL_NONE,
    FINAL_RIEUL,
    FINAL_SSANGSIOS,
    VOWEL_A,
    VOWEL_EO,
    VOWEL_EU,
    VOWEL_I,
    VOWEL_O,
    VOWEL_U,
    VOWEL_WA,
    VOWEL_WO,
    VOWEL_YEO,
    decompose,
    with_final,
    with_medial,
)

SPEECH_LEVELS = ("plain", "polite", "formal", "casual")  # 한다체, 해요체, 합니다체, 해체
TENSES = ("present", "past", "future")

# The future is a modifier (먹을) + 것이다, which itself takes the speech level.
FUTURE_AUXILIARY = {"plain": "것이다", "polite": "거예요", "formal": "것입니다", "casual": "거야"}

SHORT_NEGATION = "안"  # 안 먹는다


# 이다 after a noun (학생이에요, 가수예요: the first form after a final consonant), and 아니다.
COPULA_FORMS = {
    "이다": {
        "plain": ("이다", "이다"),
        "polite": ("이에요", "예요"),
        "formal": ("입니다", "입니다"),
        "casual": ("이야", "야"),
    },
    "아니다": {
        level: (form, form)
        for level, form in (("plain", "아니다"), ("polite", "아니에요"), ("formal", "아닙니다"), ("casual", "아니야"))
    },
}
# With an honoured subject (선생님): 이시다, 아니시다.
HONORIFIC_COPULA_FORMS = {
    "이다": {"plain": "이시다", "polite": "이세요", "formal": "이십니다", "casual": "이셔"},
    "아니다": {"plain": "아니시다", "polite": "아니세요", "formal": "아니십니다", "casual": "아니셔"},
}


def _final(text: str) -> int:
    return decompose(text[-1])[2]


def _replace_last(text: str, syllable: str) -> str:
    return text[:-1] + syllable


def _add_final(text: str, final: int) -> str:
    """The last syllable with `final` as its consonant: 사 -> 산, 만들 -> 만든, 드 + none."""
    return _replace_last(text, with_final(text[-1], final))


@dataclass(frozen=True)
class Stem:
    """A verb stem and the class that decides its endings.

    text: the dictionary form without 다 (먹다 -> 먹, 공부하다 -> 공부하).
    d_irregular: ㄷ becomes ㄹ before a vowel (듣다: 들어, but 받다: 받아).
    suppletive_honorific: the root of another verb that is this one's honorific (먹다 and
        마시다 -> 드(시다), 자다 -> 주무(시다)); "" means the regular -(으)시-.
    honorific: this stem already carries -(으)시- (its 해요체 is 세요).
    lexical_length: how many syllables of a conjugated word are the verb's own token, the
        rest being the ending's token (먹었어요 -> 먹 + 었어요, 마셨어요 -> 마셨 + 어요,
        읽으셨다 -> 읽 + 으셨다); 0 means the stem's length. A noun + 하다 verb keeps the
        noun (공부했다 -> 공부 + 했다), so every such verb shares 하다's forms.
    negation_inside: the short negation goes before 하다 (공부 안 했다, not 안 공부했다).
    """

    text: str
    d_irregular: bool = False
    suppletive_honorific: str = ""
    honorific: bool = False
    lexical_length: int = 0
    negation_inside: bool = False

    def before_vowel(self) -> str:
        """The stem before an ending that starts with a vowel: 듣 -> 들 for ㄷ-irregulars."""
        if not self.d_irregular:
            return self.text
        if _final(self.text) != FINAL_DIGEUT:
            raise ValueError(f"a ㄷ-irregular stem ends in ㄷ, not {self.text!r}")
        return _add_final(self.text, FINAL_RIEUL)

    def honoured(self) -> "Stem":
        """The stem with -(으)시-: 읽 -> 읽으시, 가 -> 가시, 만들 -> 만드시, 듣 -> 들으시, 먹 -> 드시."""
        if self.honorific:
            return self
        if self.suppletive_honorific:
            root = self.suppletive_honorific
            text = root + "시"
        elif _final(self.text) == FINAL_RIEUL:
            root = _add_final(self.text, FINAL_NONE)
            text = root + "시"
        elif _final(self.text) == FINAL_NONE:
            root = self.text
            text = root + "시"
        else:
            root = self.before_vowel()
            text = root + "으시"
        return Stem(
            text, honorific=True, lexical_length=self.lexical_length or len(root), negation_inside=self.negation_inside
        )

    @property
    def takes_final(self) -> bool:
        """True for a vowel or ㄹ stem: the ending's first consonant joins its last syllable (산다, 만든다)."""
        return _final(self.text) in (FINAL_NONE, FINAL_RIEUL)

    def tokens(self, word: str) -> tuple[str, ...]:
        """A conjugated word as tokens: the verb's syllables, then the ending's (if any).

        먹었어요 -> (먹, 었어요); 마셔요 -> (마셔, 요); 마셔 -> (마셔,); 읽으세요 -> (읽, 으세요).
        """
        length = self.lexical_length or len(self.text)
        return (word[:length], word[length:]) if len(word) > length else (word,)


# 먹지 않는다: the auxiliary 않다 conjugates like any consonant stem (않아요, 않습니다, 않으신다).
NEGATION_AUXILIARY = Stem("않")


def infinitive(stem: Stem) -> str:
    """The 아/어 form: 먹어, 봐, 사, 마셔, 써, 해, 들어, 만들어, 읽으셔."""
    if stem.text.endswith("하"):
        return _replace_last(stem.text, "해")
    text = stem.before_vowel()
    last = text[-1]
    _, medial, final = decompose(last)
    if final != FINAL_NONE:
        return text + ("아" if medial in (VOWEL_A, VOWEL_O) else "어")
    if medial == VOWEL_EU:  # 쓰 -> 써; in a longer stem ㅡ follows the vowel before it (바쁘 -> 바빠)
        before = decompose(text[-2])[1] if len(text) > 1 else VOWEL_EU
        return _replace_last(text, with_medial(last, VOWEL_A if before in (VOWEL_A, VOWEL_O) else VOWEL_EO))
    contracted = {VOWEL_A: VOWEL_A, VOWEL_EO: VOWEL_EO, VOWEL_O: VOWEL_WA, VOWEL_U: VOWEL_WO, VOWEL_I: VOWEL_YEO}
    if medial not in contracted:
        raise ValueError(f"no contraction rule for the stem {text!r}")
    return _replace_last(text, with_medial(last, contracted[medial]))


def present(stem: Stem, level: str) -> str:
    """먹는다 / 먹어요 / 먹습니다 / 먹어 (and 읽으신다 / 읽으세요 / 읽으십니다 / 읽으셔)."""
    if level == "plain":
        return _add_final(stem.text, FINAL_NIEUN) + "다" if stem.takes_final else stem.text + "는다"
    if level == "formal":
        return _add_final(stem.text, FINAL_BIEUP) + "니다" if stem.takes_final else stem.text + "습니다"
    if level == "polite" and stem.honorific:  # 시 + 어요 is 세요, not 셔요
        return _replace_last(stem.text, "세") + "요"
    form = infinitive(stem)
    return form + "요" if level == "polite" else form


def past(stem: Stem, level: str) -> str:
    """먹었다 / 먹었어요 / 먹었습니다 / 먹었어: the 아/어 form with ㅆ, then the level's ending."""
    past_stem = _add_final(infinitive(stem), FINAL_SSANGSIOS)
    return past_stem + {"plain": "다", "polite": "어요", "formal": "습니다", "casual": "어"}[level]


def future_modifier(stem: Stem) -> str:
    """The form before 것이다: 먹을, 살, 만들, 들을, 읽으실."""
    if _final(stem.text) == FINAL_RIEUL:
        return stem.text
    if _final(stem.text) == FINAL_NONE:
        return _add_final(stem.text, FINAL_RIEUL)
    return stem.before_vowel() + "을"


def verb_words(
    stem: Stem, tense: str, level: str, *, negation: str = "", honorific: bool = False
) -> list[tuple[str, ...]]:
    """The words a sentence ends in, each as its tokens (Stem.tokens).

    negation: "" none, "long" 먹지 않는다, "short" 안 먹는다. The future adds the level's
    form of 것이다 (먹을 거예요). With `honorific`, -(으)시- goes on the verb, or on 않다
    in the long negation (읽지 않으신다, but 드시지 않으신다 for a suppletive honorific).

    >>> verb_words(Stem("먹"), "past", "polite", negation="long")
    [('먹', '지'), ('않', '았어요')]
    """
    if tense not in TENSES or level not in SPEECH_LEVELS or negation not in ("", "long", "short"):
        raise ValueError(f"unknown tense, level or negation: {tense!r}, {level!r}, {negation!r}")
    if negation == "short" and stem.negation_inside:  # 공부 안 했다: the noun, 안, then 하다's form
        (noun, *hada), *rest = verb_words(stem, tense, level, honorific=honorific)
        return [(noun,), (SHORT_NEGATION,), tuple(hada), *rest]
    words = []
    if negation == "long":
        negated = stem.honoured() if honorific and stem.suppletive_honorific else stem
        words.append(negated.tokens(negated.text + "지"))
        stem = NEGATION_AUXILIARY
    elif negation == "short":
        words.append((SHORT_NEGATION,))
    if honorific:
        stem = stem.honoured()
    if tense == "future":
        return [*words, stem.tokens(future_modifier(stem)), (FUTURE_AUXILIARY[level],)]
    return [*words, stem.tokens((present if tense == "present" else past)(stem, level))]


def copula(kind: str, noun: str, level: str, honorific: bool = False) -> str:
    """The ending of 이다 / 아니다: 이다 / 이에요 / 예요 / 입니다 / 이야 / 야; 아니다 / 아니에요 / ...

    For 아니다 the noun takes 이/가 and the ending is a word of its own; `noun` only picks
    between the after-consonant and after-vowel forms of 이다.
    """
    if honorific:
        return HONORIFIC_COPULA_FORMS[kind][level]
    after_consonant, after_vowel = COPULA_FORMS[kind][level]
    return after_consonant if _final(noun) != FINAL_NONE else after_vowel
