"""Korean verb forms written out by hand, for the tests of model.conjugation and model.corpus.

Each entry: present in 한다체 / 해요체 / 합니다체 / 해체, past in the same four, and the
form before 것이다 (the future). Nothing here is computed, so a test that compares the
generator with these tables does not share its code.
"""

LEVELS = ("plain", "polite", "formal", "casual")

PLAIN_FORMS = {
    "먹다": ("먹는다 먹어요 먹습니다 먹어", "먹었다 먹었어요 먹었습니다 먹었어", "먹을"),
    "마시다": ("마신다 마셔요 마십니다 마셔", "마셨다 마셨어요 마셨습니다 마셨어", "마실"),
    "읽다": ("읽는다 읽어요 읽습니다 읽어", "읽었다 읽었어요 읽었습니다 읽었어", "읽을"),
    "쓰다": ("쓴다 써요 씁니다 써", "썼다 썼어요 썼습니다 썼어", "쓸"),
    "보다": ("본다 봐요 봅니다 봐", "봤다 봤어요 봤습니다 봤어", "볼"),
    "듣다": ("듣는다 들어요 듣습니다 들어", "들었다 들었어요 들었습니다 들었어", "들을"),
    "좋아하다": ("좋아한다 좋아해요 좋아합니다 좋아해", "좋아했다 좋아했어요 좋아했습니다 좋아했어", "좋아할"),
    "사다": ("산다 사요 삽니다 사", "샀다 샀어요 샀습니다 샀어", "살"),
    "만들다": ("만든다 만들어요 만듭니다 만들어", "만들었다 만들었어요 만들었습니다 만들었어", "만들"),
    "공부하다": ("공부한다 공부해요 공부합니다 공부해", "공부했다 공부했어요 공부했습니다 공부했어", "공부할"),
    "일하다": ("일한다 일해요 일합니다 일해", "일했다 일했어요 일했습니다 일했어", "일할"),
    "운동하다": ("운동한다 운동해요 운동합니다 운동해", "운동했다 운동했어요 운동했습니다 운동했어", "운동할"),
    "자다": ("잔다 자요 잡니다 자", "잤다 잤어요 잤습니다 잤어", "잘"),
    "걷다": ("걷는다 걸어요 걷습니다 걸어", "걸었다 걸었어요 걸었습니다 걸었어", "걸을"),
    "가다": ("간다 가요 갑니다 가", "갔다 갔어요 갔습니다 갔어", "갈"),
    "오다": ("온다 와요 옵니다 와", "왔다 왔어요 왔습니다 왔어", "올"),
    # 하다 after 공부 / 일 / 운동 in the short negation (공부 안 했다), and the auxiliary 않다.
    "하다": ("한다 해요 합니다 해", "했다 했어요 했습니다 했어", "할"),
    "않다": ("않는다 않아요 않습니다 않아", "않았다 않았어요 않았습니다 않았어", "않을"),
}
HONORIFIC_FORMS = {
    "먹다": ("드신다 드세요 드십니다 드셔", "드셨다 드셨어요 드셨습니다 드셨어", "드실"),
    "마시다": ("드신다 드세요 드십니다 드셔", "드셨다 드셨어요 드셨습니다 드셨어", "드실"),
    "읽다": ("읽으신다 읽으세요 읽으십니다 읽으셔", "읽으셨다 읽으셨어요 읽으셨습니다 읽으셨어", "읽으실"),
    "쓰다": ("쓰신다 쓰세요 쓰십니다 쓰셔", "쓰셨다 쓰셨어요 쓰셨습니다 쓰셨어", "쓰실"),
    "보다": ("보신다 보세요 보십니다 보셔", "보셨다 보셨어요 보셨습니다 보셨어", "보실"),
    "듣다": ("들으신다 들으세요 들으십니다 들으셔", "들으셨다 들으셨어요 들으셨습니다 들으셨어", "들으실"),
    "좋아하다": (
        "좋아하신다 좋아하세요 좋아하십니다 좋아하셔",
        "좋아하셨다 좋아하셨어요 좋아하셨습니다 좋아하셨어",
        "좋아하실",
    ),
    "사다": ("사신다 사세요 사십니다 사셔", "사셨다 사셨어요 사셨습니다 사셨어", "사실"),
    "만들다": ("만드신다 만드세요 만드십니다 만드셔", "만드셨다 만드셨어요 만드셨습니다 만드셨어", "만드실"),
    "공부하다": (
        "공부하신다 공부하세요 공부하십니다 공부하셔",
        "공부하셨다 공부하셨어요 공부하셨습니다 공부하셨어",
        "공부하실",
    ),
    "일하다": ("일하신다 일하세요 일하십니다 일하셔", "일하셨다 일하셨어요 일하셨습니다 일하셨어", "일하실"),
    "운동하다": (
        "운동하신다 운동하세요 운동하십니다 운동하셔",
        "운동하셨다 운동하셨어요 운동하셨습니다 운동하셨어",
        "운동하실",
    ),
    "자다": ("주무신다 주무세요 주무십니다 주무셔", "주무셨다 주무셨어요 주무셨습니다 주무셨어", "주무실"),
    "걷다": ("걸으신다 걸으세요 걸으십니다 걸으셔", "걸으셨다 걸으셨어요 걸으셨습니다 걸으셨어", "걸으실"),
    "가다": ("가신다 가세요 가십니다 가셔", "가셨다 가셨어요 가셨습니다 가셨어", "가실"),
    "오다": ("오신다 오세요 오십니다 오셔", "오셨다 오셨어요 오셨습니다 오셨어", "오실"),
    "하다": ("하신다 하세요 하십니다 하셔", "하셨다 하셨어요 하셨습니다 하셨어", "하실"),
    "않다": ("않으신다 않으세요 않으십니다 않으셔", "않으셨다 않으셨어요 않으셨습니다 않으셨어", "않으실"),
}
# The word before 않다 in the long negation (an honorific verb that is another word keeps it: 드시지).
LONG_NEGATION = {verb: verb[:-1] + "지" for verb in PLAIN_FORMS}
HONORIFIC_LONG_NEGATION = {**LONG_NEGATION, "먹다": "드시지", "마시다": "드시지", "자다": "주무시지"}
FUTURE = {"plain": "것이다", "polite": "거예요", "formal": "것입니다", "casual": "거야"}
# 공부하다, 일하다, 운동하다: the short negation is NOUN 안 하다.
HADA_NOUNS = {"공부하다": "공부", "일하다": "일", "운동하다": "운동"}


def form(verb: str, tense: str, level: str, honorific: bool = False) -> str:
    """The table's word(s) for one verb: 먹었어요, or 먹을 거예요 for the future."""
    presents, pasts, future = (HONORIFIC_FORMS if honorific else PLAIN_FORMS)[verb]
    if tense == "future":
        return f"{future} {FUTURE[level]}"
    return (presents if tense == "present" else pasts).split()[LEVELS.index(level)]


def verb_ending(verb: str, tense: str, level: str, negation: str = "", honorific: bool = False) -> str:
    """The words a sentence of `verb` ends in: 먹었다, 먹지 않았어요, 안 먹을 거야, 공부 안 했다."""
    if negation == "long":
        before = (HONORIFIC_LONG_NEGATION if honorific else LONG_NEGATION)[verb]
        return f"{before} {form('않다', tense, level, honorific)}"
    if negation == "short" and verb in HADA_NOUNS:
        return f"{HADA_NOUNS[verb]} 안 {form('하다', tense, level, honorific)}"
    if negation == "short":
        return f"안 {form(verb, tense, level, honorific)}"
    return form(verb, tense, level, honorific)
