"""Every visible string of the app, in Korean and English, in one table.

`TEXTS[key]` maps a language code ("ko" or "en") to the string. Keys are dotted:
`<page or area>.<what>`, e.g. `basics.title`. Strings may hold `str.format`
fields (`{count}`, `{weight:.2f}`), filled by `text(key, language, count=3)`.

Particles after a value. Korean particles that alternate (은/는, 이/가, 을/를, 과/와,
으로/로) depend on how the value before them is read, so a Korean string never
writes one after a field. It writes the particle in braces instead, right where it
goes, in either spelling:

    "헤드 {head}{는} 출력 열 {start}–{end}{를} 씁니다"   → 헤드 0은 … 31–47을 씁니다
    "'{english}'{를} 만들 때"                          → 'am'을 만들 때, 'a'를 만들 때
    "√{d_head} ≈ {sqrt_d:.2f}{로} 나누고"               → √8 ≈ 2.83으로 나누고

`text()` replaces each `{은}` … `{로}` by the form that fits what was written just
before it, as a Korean reader says it: a Hangul syllable by its final consonant, a
number as Sino-Korean (0 영, 1 일, 3 삼, 10 십), % as 퍼센트, an English word of the
app by its reading (am 엠, book 북); closing quotes and ** are skipped
(model/korean.py, `particle_for`). Where the reading cannot be known (a word from an
uploaded model) it writes both forms, 을(를). tests/test_texts.py fails on a fixed
particle after a field.

Words: docs/GLOSSARY.md names the one Korean term for each idea (어텐션 맵, 학습,
테스트 세트, 소프트맥스, 밸류 …) and the variants to avoid; tests/test_texts.py checks
every Korean string against it.

Sections below are grouped by page so that several people can add strings at once;
add new keys inside your page's section.
"""

import string

from model.korean import PARTICLES, particle_for

LANGUAGES = ("ko", "en")
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
_FORMATTER = string.Formatter()

# The seed post (docs/GLOSSARY.md, DESIGN §2): its title and its blog, credited on Home and Basics.
SEED_POST = {
    "title": "Attention의 원리와 계산과정(완전 쉬움!)",
    "blog": "[dongju923.github.io](https://dongju923.github.io/)",
}

TEXTS: dict[str, dict[str, str]] = {
    # --- app shell and sidebar -------------------------------------------------
    "app.name": {"ko": "어텐션 랩", "en": "Attention Lab"},
    "nav.home": {"ko": "홈", "en": "Home"},
    "nav.basics": {"ko": "어텐션 기초", "en": "Attention basics"},
    "nav.train": {"ko": "학습", "en": "Train"},
    "nav.encoder": {"ko": "인코더 셀프 어텐션", "en": "Encoder self-attention"},
    "nav.decoder": {"ko": "디코더 마스크드 셀프 어텐션", "en": "Decoder masked self-attention"},
    "nav.cross": {"ko": "크로스 어텐션", "en": "Cross-attention"},
    "nav.under_the_hood": {"ko": "내부 계산 들여다보기", "en": "Under the hood"},
    # The language picker's label names both languages, so it can be found in either.
    "sidebar.language": {"ko": "언어 · Language", "en": "Language · 언어"},
    "sidebar.model": {"ko": "모델", "en": "Model"},
    "sidebar.model_help": {
        "ko": "모든 페이지가 이 모델의 어텐션을 보여 줍니다. 기본 모델은 앱에 함께 들어 있는 사전 학습 모델입니다.",
        "en": "Every page shows this model's attention. The default is the pretrained model shipped with the app.",
    },
    "sidebar.model_shipped": {"ko": "사전 학습 모델", "en": "Pretrained model"},
    "sidebar.model_session": {"ko": "이번 세션에서 학습한 모델", "en": "Trained in this session"},
    "sidebar.model_uploaded": {"ko": "업로드한 모델 ({name})", "en": "Uploaded ({name})"},
    "sidebar.model_card": {
        "ko": "파라미터 {parameters}개 · 테스트 완전 일치 {exact_match}",
        "en": "{parameters} parameters · test exact match {exact_match}",
    },
    "sidebar.upload": {"ko": "체크포인트 업로드 (.safetensors)", "en": "Upload a checkpoint (.safetensors)"},
    "sidebar.upload_help": {
        "ko": "학습 페이지에서 내려받은 파일을 올리면 그 모델로 바뀝니다. 파일은 이 세션에서만 쓰입니다.",
        "en": "A file downloaded from the Train page; the app switches to it. It is used in this session only.",
    },
    "sidebar.upload_loaded": {"ko": "불러왔습니다: '{name}'", "en": "Loaded '{name}'."},
    "sidebar.sentence": {"ko": "살펴볼 문장", "en": "Sentence under study"},
    "sidebar.examples": {"ko": "예문 고르기", "en": "Pick an example"},
    "sidebar.examples_placeholder": {"ko": "직접 입력한 문장", "en": "Your own sentence"},
    "sidebar.typed": {"ko": "또는 한국어 문장 입력", "en": "Or type a Korean sentence"},
    "sidebar.typed_help": {
        "ko": "Enter 키를 누르면 적용됩니다. 모든 페이지가 이 문장을 살펴봅니다.",
        "en": "Press Enter to use it. Every page studies this sentence.",
    },
    "sidebar.tokens": {"ko": "모델이 읽는 토큰", "en": "Tokens the model reads"},
    "sidebar.tokens_legend": {
        "ko": "파란색은 어휘에 있는 토큰, 주황색(?)은 모르는 토큰입니다.",
        "en": "Blue tokens are in the vocabulary; orange ones (?) are unknown.",
    },
    "sidebar.unknown_one": {
        "ko": "'{tokens}'{은} 모델의 어휘에 없어서 `<unk>`(모르는 단어)로 읽힙니다.",
        "en": "'{tokens}' is not in the model's vocabulary; it is read as `<unk>` (unknown).",
    },
    "sidebar.unknown_many": {
        "ko": "{tokens}{은} 모델의 어휘에 없어서 각각 `<unk>`(모르는 단어)로 읽힙니다.",
        "en": "{tokens} are not in the model's vocabulary; each is read as `<unk>` (unknown).",
    },
    "sidebar.translation": {"ko": "번역: **{translation}**", "en": "Translation: **{translation}**"},
    # Confidence and copied words (issue 10 §3): the translation is shown as plain text, never markdown.
    "sidebar.translation_label": {"ko": "번역", "en": "Translation"},
    "sidebar.probability.token": {"ko": "영어 토큰", "en": "English token"},
    "sidebar.probability.value": {"ko": "확률", "en": "probability"},
    "sidebar.probability.copied": {"ko": "입력에서 옮긴 단어", "en": "copied word"},
    "sidebar.probability.uncertain": {"ko": "확률 0.5 미만", "en": "below 0.5"},
    "sidebar.probability.help": {
        "ko": "모델이 쓴 영어 토큰마다 그 토큰에 준 확률입니다 (0에서 1). "
        "아래 띠의 칸 하나가 토큰 하나이고, 색이 진할수록 확률이 높습니다.",
        "en": "The probability the model gave each English token it wrote (0 to 1). "
        "Each cell of the strip below is one token; the darker, the more likely.",
    },
    "sidebar.probability.line": {"ko": "{token}: 확률 {probability}", "en": "{token}: probability {probability}"},
    "sidebar.confidence.copied": {
        "ko": "모델이 모르는 단어라서 입력 문장에서 그대로 옮겨 왔습니다: {words}. "
        "어텐션이 가장 많이 향한 한국어 단어를 번역에 넣은 것입니다.",
        "en": "Copied from your sentence because the model does not know it: {words}. "
        "The translation took the Korean word attention pointed to most.",
    },
    "sidebar.confidence.uncertain": {
        "ko": "모델이 확신하지 못한 토큰이 있습니다 (확률 0.5 미만): {tokens}. 번역이 틀렸을 수 있습니다.",
        "en": "The model was unsure of some tokens (probability below 0.5): {tokens}. The translation may be wrong.",
    },
    "sidebar.confidence.not_copied": {
        "ko": "모르는 단어가 번역에 옮겨지지 않았습니다: {words}. 번역에서 빠졌거나 다른 단어로 바뀌었을 수 있습니다.",
        "en": "Unknown words not carried into the translation: {words}. They may have been dropped or replaced.",
    },
    # display settings (ui/sidebar.py `_display_settings`)
    "sidebar.display": {"ko": "보기 설정", "en": "Display"},
    "sidebar.colour_blind_safe": {"ko": "색각 이상이 있어도 구별하기 쉬운 색", "en": "Colour-blind-safe colours"},
    "sidebar.colour_blind_safe_help": {
        "ko": "모든 히트맵의 색을 바꿉니다. 가중치처럼 한 방향으로 커지는 값은 회색의 밝기만으로, "
        "양수와 음수가 있는 값은 파랑과 주황으로 나타냅니다. 어떤 색각에서도, 흑백 프로젝터에서도 순서가 보입니다.",
        "en": "Changes the colours of every heatmap: values that only grow (weights) in shades of grey, "
        "lightness alone; signed values in blue against orange. The order shows with any colour vision, "
        "and on a greyscale projector.",
    },
    "sidebar.show_tables": {"ko": "그림마다 숫자 표도 보기", "en": "Show each chart's numbers as a table"},
    "sidebar.show_tables_help": {
        "ko": "모든 그림 아래에 그 그림이 그리는 값을 표로 보여 줍니다. 화면 낭독기로도 읽을 수 있습니다.",
        "en": "Under every chart, a table of exactly the values it draws; a screen reader can read it.",
    },
    # --- home ------------------------------------------------------------------
    "home.title": {"ko": "어텐션 랩: 어텐션을 눈으로 보기", "en": "Attention Lab: see attention at work"},
    "home.intro": {
        "ko": (
            "어텐션은 문장의 각 단어가 같은 문장의 모든 단어(자기 자신도 포함)를 얼마나 참고할지 정하는 계산입니다. 이 앱은 어텐션을 한 단계씩 설명한 뒤, 실제로 학습된 작은 "
            "한국어→영어 트랜스포머를 열어 그 모델이 배운 어텐션 가중치를 하나하나 보여 줍니다."
        ),
        "en": (
            "Attention is how each word of a sentence decides how much to look at every word of it, itself "
            "included. This lab explains it step by step, then opens up a real, tiny Korean→English "
            "transformer and shows every attention weight it learned."
        ),
    },
    "home.credit": {
        "ko": "이 앱의 설명은 {blog} 블로그의 글 「{title}」{을} 따릅니다. ‘어텐션 기초’ 페이지가 그 글을 한 단계씩 "
        "그대로 따라갑니다.",
        "en": "The explanations follow the Korean blog post “{title}” (how attention works and what it computes) "
        "on {blog}; the Attention basics page walks through it step by step.",
    },
    "home.offline": {
        "ko": "모든 계산은 이 앱 안에서 이루어집니다. 모델은 CPU에서 1분 안에 학습될 만큼 작고, 사전 학습 모델은 이미 불러온 상태입니다.",
        "en": "Everything is computed right here: the model is small enough to train on a CPU in under a minute, and a pretrained one is already loaded.",
    },
    "home.try_header": {"ko": "지금 살펴보는 문장", "en": "The sentence under study"},
    "home.try_caption": {
        "ko": "사이드바에서 문장을 바꾸면 모든 페이지가 그 문장을 살펴봅니다.",
        "en": "Change it in the sidebar; every page follows.",
    },
    "home.path_header": {"ko": "페이지 순서", "en": "The path through the pages"},
    "home.path_basics": {
        "ko": "처음부터 차근차근: 가중합, 내적, 쿼리·키·밸류, 행렬 계산까지 숫자를 바꿔 가며 따라가기.",
        "en": "From scratch: weighted sums, dot products, query, key and value, and the matrix form, with numbers you can change.",
    },
    "home.path_train": {
        "ko": "말뭉치를 둘러보고 모델을 직접 학습시키며 손실, 완전 일치, 어텐션이 바뀌는 모습 보기.",
        "en": "Browse the corpus and train your own model; watch loss, exact match and attention change as it learns.",
    },
    "home.path_encoder": {
        "ko": "한국어 단어들이 서로를 어떻게 보는지 보기: 인코더의 모든 층과 헤드.",
        "en": "How the Korean words look at each other: every layer and head of the encoder.",
    },
    "home.path_decoder": {
        "ko": "영어 단어가 앞의 단어들을 어떻게 돌아보는지, 그리고 뒤를 보지 못하게 막는 마스크 보기.",
        "en": "How each English word looks back at the words before it, and the mask that stops it looking ahead.",
    },
    "home.path_cross": {
        "ko": "디코더가 영어 단어를 하나씩 만들 때 한국어 문장의 어디를 보는지 한 단계씩 보기.",
        "en": "Where the decoder looks in the Korean sentence while producing each English word, step by step.",
    },
    "home.path_under_the_hood": {
        "ko": "헤드 하나의 실제 숫자: x, W_q, q, K, 점수, √d_k, 마스크, 소프트맥스, V, 출력.",
        "en": "One head's real numbers: x, W_q, q, K, scores, √d_k, mask, softmax, V and the output.",
    },
    "home.model_header": {"ko": "불러온 모델", "en": "The loaded model"},
    "home.model_source": {"ko": "출처: {source}", "en": "Source: {source}"},
    "home.card_parameters": {"ko": "파라미터", "en": "Parameters"},
    "home.card_layers": {"ko": "층 수 (인코더 / 디코더)", "en": "Layers (encoder / decoder)"},
    "home.card_heads": {"ko": "층마다 헤드 수", "en": "Heads per layer"},
    "home.card_d_model": {"ko": "d_model (벡터 차원)", "en": "d_model (vector size)"},
    "home.card_vocabularies": {"ko": "어휘 크기 (한국어 / 영어)", "en": "Vocabulary size (Korean / English)"},
    "home.card_exact_match": {"ko": "테스트 완전 일치", "en": "Test exact match"},
    "home.card_exact_match_help": {
        "ko": "학습에서 본 적 없는 (주어, 동사, 목적어) 조합으로 된 테스트 문장 가운데, 번역이 정답과 토큰 하나까지 같은 문장의 비율.",
        "en": "Share of test sentences, built from (subject, verb, object) combinations never seen in training, translated exactly right.",
    },
    "home.card_training": {"ko": "학습 (스텝 / 초)", "en": "Training (steps / seconds)"},
    "home.card_created": {"ko": "만든 시각: {created}", "en": "Created {created}"},
    # --- attention basics ------------------------------------------------------
    "basics.title": {"ko": "어텐션 기초", "en": "Attention basics"},
    "basics.intro": {
        "ko": (
            "곳곳에서 숫자를 직접 바꿔 보면 그 뒤의 계산이 함께 바뀝니다. 사전 지식(가중치 행렬, 가중합, 내적) → 쿼리와 키 → 밸류 → 행렬 계산 → 세 종류의 어텐션 "
            "순서입니다."
        ),
        "en": (
            "Many numbers on this page can be changed, and every result after them follows. Prerequisites "
            "(weight matrices, weighted sums, dot products) → query and key → value → the matrix form → the "
            "three kinds of attention."
        ),
    },
    "basics.credit": {
        "ko": "이 페이지는 {blog} 블로그의 글 「{title}」의 순서를 그대로 따릅니다. 원문의 예시와 용어(Attention "
        "Score, Attention Value, 사분면)를 그대로 쓰고, 원문에 덧붙인 내용에는 ‘원문에는 없지만’이라고 적었습니다.",
        "en": "This page follows, step by step, the Korean blog post “{title}” (how attention works and what it "
        "computes) on {blog}. It keeps the post's examples and terms (Attention Score, Attention Value, quadrant) "
        "and marks what it adds as “not in the post”.",
    },
    "basics.prereq.header": {"ko": "1. 사전 지식", "en": "1. Prerequisites"},
    "basics.matrix_keeps.header": {
        "ko": "가중치 행렬을 지나도 정보는 남는다",
        "en": "Information survives a weight matrix",
    },
    "basics.matrix_keeps.body": {
        "ko": (
            "벡터에 가중치 행렬 W를 곱해도 그 벡터가 담은 정보는 사라지지 않습니다(원문: ‘Weight Matrix를 통과해도 정보는 보존된다’). 단어 ‘student’의 임베딩 "
            "x에 W를 곱한 xW는 ‘student’를 다른 공간에서 나타낸 것일 뿐, 다른 단어가 되지는 않습니다. 그래서 어텐션은 같은 x에 W_q, W_k, W_v를 곱해 "
            "쿼리·키·밸류라는 세 가지 ‘관점’을 만들 수 있습니다."
        ),
        "en": (
            "Multiplying a vector by a weight matrix W keeps the information the vector holds (the post: “a "
            "tensor keeps its information through a weight matrix”): xW for the embedding x of “student” is "
            "“student” described in another space, not another word. That is why attention can make three "
            "“views” of the same x — query, key and value — with W_q, W_k and W_v."
        ),
    },
    "basics.weighted.header": {
        "ko": "가중합은 가중치만큼 정보를 섞는다",
        "en": "A weighted sum mixes information by its weights",
    },
    "basics.weighted.body": {
        "ko": (
            "C = w·A + (1 − w)·B처럼 가중치를 곱해 더한 것이 가중합(원문: Weighted Sum)입니다. 이때 C는 A의 정보를 w만큼, B의 정보를 1 − w만큼 "
            "담습니다. 원문의 예처럼 w = 0.88이면 C에는 A의 정보가 88%, B의 정보가 12% 들어 있습니다. 슬라이더로 w를 움직이면 C가 A와 B 사이를 오갑니다."
        ),
        "en": (
            "Values multiplied by weights and added, as in C = w·A + (1 − w)·B, make a weighted sum (the "
            "post's word too: Weighted Sum). C then holds w of A's information and 1 − w of B's. With the "
            "post's weight, w = 0.88, C holds 88% of A and 12% of B. Move w with the slider and watch C "
            "travel between A and B."
        ),
    },
    "basics.weighted.slider": {"ko": "A의 가중치 w (B의 가중치는 1 − w)", "en": "Weight w of A (B gets 1 − w)"},
    "basics.weighted.result": {
        "ko": "A = {a}, B = {b}\n\nC = {weight_a}·A + {weight_b}·B = **{c}**\n\n"
        "C는 A의 정보를 {percent_a}%, B의 정보를 {percent_b}% 담고 있습니다.",
        "en": "A = {a}, B = {b}\n\nC = {weight_a}·A + {weight_b}·B = **{c}**\n\n"
        "C holds {percent_a}% of A and {percent_b}% of B.",
    },
    "basics.dot.header": {"ko": "내적은 닮은 정도를 잰다", "en": "A dot product measures similarity"},
    "basics.dot.body": {
        "ko": (
            "u·v = u₁v₁ + u₂v₂는 두 벡터의 내적(원문: 내적(Inner Product))입니다. 내적은 두 벡터가 같은 방향을 가리킬수록 크고, 서로 관계가 "
            "없으면(직각이면) 0 근처, 반대 방향이면 음수입니다. 입력 칸에는 처음에 원문의 두 예시가 들어 있습니다. 같은 1사분면에 있는 두 벡터와 서로 다른 사분면에 있는 두 "
            "벡터입니다. 숫자를 바꿔 보세요."
        ),
        "en": (
            "u·v = u₁v₁ + u₂v₂ is the dot product of two vectors (the post: 내적, Inner Product). It is large "
            "when the two vectors point the same way, near 0 when they are unrelated (at right angles) and "
            "negative when they point apart. The inputs start at the post's two examples: two vectors in the "
            "same quadrant (the first), and two in different quadrants. Change the numbers."
        ),
    },
    "basics.dot.pair": {"ko": "**예시 {number}**", "en": "**Example {number}**"},
    "basics.dot.result": {"ko": "{u}·{v} = {arithmetic}", "en": "{u}·{v} = {arithmetic}"},
    "basics.dot.typo": {
        "ko": (
            "원문의 오타: 두 번째 예시는 원문에 ‘(2x-5)=(3x2) = -4’로 적혀 있는데, 가운데 ‘=’는 ‘+’를 잘못 쓴 것입니다. 바른 식은 (2×−5)+(3×2) = "
            "−10 + 6 = −4입니다."
        ),
        "en": (
            "A typo in the post: it prints the second example as “(2x-5)=(3x2) = -4”, where the middle “=” "
            "should be “+”. The correct line is (2×−5)+(3×2) = −10 + 6 = −4."
        ),
    },
    "basics.qk.header": {"ko": "2. 쿼리와 키", "en": "2. Query and key"},
    "basics.qk.body": {
        "ko": (
            "쿼리 q 하나를 키 네 개와 하나씩 내적해 점수를 구합니다. 점수에 exp를 취해 모두 양수로 만든 뒤 각 값을 그 합으로 나누면, 합이 1인 가중치가 됩니다. 이것이 "
            "소프트맥스입니다. exp를 쓰는 까닭은 두 가지입니다. 음수인 점수도 양수가 되고, 점수가 클수록 exp 값이 훨씬 빠르게 커져서 가장 잘 맞는 키에 큰 몫이 돌아갑니다."
        ),
        "en": (
            "One query q is compared with four keys: a dot product (score) with each key. exp makes every "
            "score positive, and dividing each by their sum gives weights that add up to 1. That is the "
            "softmax. Why exp: it turns every score, negative ones too, into a positive number, and it grows "
            "faster the larger the score, so the best-matching key gets a large share."
        ),
    },
    "basics.qk.vectors": {"ko": "q = {query}\n\n{keys}", "en": "q = {query}\n\n{keys}"},
    "basics.predict.question": {
        "ko": "먼저 예측해 보세요: 어느 키가 가장 큰 가중치를 받을까요?",
        "en": "Predict first: which key will get the most weight?",
    },
    "basics.predict.reveal": {"ko": "정답 보기", "en": "Reveal"},
    "basics.predict.waiting": {
        "ko": "키를 하나 고른 뒤 ‘정답 보기’를 누르면 소프트맥스 계산과 다음 단계가 나타납니다.",
        "en": "Pick a key, then press “Reveal” to see the softmax and the next step.",
    },
    "basics.predict.right": {"ko": "정답입니다: {winner}.", "en": "Right: {winner}."},
    "basics.predict.wrong": {
        "ko": "아쉽습니다. 고른 키: {guess}, 정답: {winner}.",
        "en": "Not quite: not {guess} but {winner}.",
    },
    "basics.predict.explain": {
        "ko": (
            "점수가 가장 큰 키는 {winner}입니다(q·{winner} = {winner_score}, 가중치 {weight}). 원문에는 없지만 짚어 둘 함정이 있습니다. "
            "{first}의 방향은 q와 거의 같은데도 점수는 {first_score}에 그칩니다. 내적 q·k = |q||k|cos θ는 방향뿐 아니라 길이에도 비례하기 때문입니다. "
            "{winner}{는} 방향이 조금 다르지만 더 길어서 이깁니다."
        ),
        "en": (
            "{winner} has the largest score, q·{winner} = {winner_score}, so it gets weight {weight}. Not in "
            "the post, but a trap worth seeing: {first} (score {first_score}) points almost exactly the way q"
            " does, but the dot product q·k = |q||k|cos θ grows with length as well as with alignment: "
            "{winner} is less aligned but longer."
        ),
    },
    "basics.temperature.slider": {
        "ko": "소프트맥스 온도 T (원문에는 없음)",
        "en": "Softmax temperature T (not in the post)",
    },
    "basics.temperature.help": {
        "ko": "원문에는 없지만 실험해 볼 수 있게 덧붙였습니다. 점수를 T로 나눈 뒤 소프트맥스를 합니다. T < 1이면 가장 큰 점수에 몰리고, T > 1이면 고르게 퍼집니다.",
        "en": (
            "Not in the post: an extra to experiment with. Scores are divided by T before the softmax: T < 1 "
            "sharpens the weights towards the top score, T > 1 spreads them out."
        ),
    },
    "basics.qk.col.key": {"ko": "키", "en": "Key"},
    "basics.qk.col.vector": {"ko": "벡터", "en": "Vector"},
    "basics.qk.col.score": {"ko": "점수 q·k", "en": "Score q·k"},
    "basics.qk.col.exp": {"ko": "exp(점수 / {temperature})", "en": "exp(score / {temperature})"},
    "basics.qk.col.weight": {"ko": "가중치", "en": "Weight"},
    "basics.qk.sum": {
        "ko": "exp 값을 모두 더하면 {total}입니다. 각 exp 값을 이 합으로 나눈 것이 가중치이고, 가중치를 모두 더하면 {weights_total}입니다.",
        "en": (
            "The exp values add up to {total}; each one divided by this sum is a weight, and the weights add "
            "up to {weights_total}."
        ),
    },
    "basics.qk.nothing_lost": {
        "ko": (
            "가장 작은 가중치({smallest})도 0보다 큽니다. 점수가 낮은 키의 정보도 버려지지 않고 덜 반영될 뿐입니다(원문: ‘불필요한 정보라도 정보를 버리지 않고 어떻게든 "
            "끌고 가면서’)."
        ),
        "en": "Even the smallest weight, {smallest}, is above 0: a low-scoring key's information is not thrown "
        "away, only down-weighted (the post: it keeps “even unneeded information, without throwing it away”).",
    },
    "basics.qk.bars_title": {"ko": "키별 가중치", "en": "Weight per key"},
    "basics.qk.marked": {
        "ko": "점수가 가장 큰 키: **{winner}** — 가중치 {weight} (막대에 강조 표시).",
        "en": "Highest-scoring key: **{winner}** — weight {weight} (the highlighted bar).",
    },
    "basics.value.header": {"ko": "3. 밸류", "en": "3. Value"},
    "basics.value.body": {
        "ko": (
            "각 키에는 밸류 벡터가 하나씩 짝지어져 있습니다. 어텐션의 출력은 각 밸류에 가중치를 곱해 모두 더한 가중합입니다. 가중치가 큰 밸류의 정보가 많이 담기고, 가중치가 작은 "
            "밸류도 조금은 들어갑니다. 그림에서 점의 크기가 가중치이고, 주황색 점 o가 출력입니다."
        ),
        "en": (
            "Each key comes with a value vector. The output of attention is the weighted sum: each value "
            "times its weight, added up. Values with a large weight contribute much, values with a small "
            "weight a little. In the chart a point's size is its weight; the orange point o is the output."
        ),
    },
    "basics.value.col.value": {"ko": "밸류", "en": "Value"},
    "basics.value.col.weighted": {"ko": "가중치 × v{axis}", "en": "Weight × v{axis}"},
    "basics.value.result": {
        "ko": "출력 o = Σ 가중치 × 밸류 = **{output}**",
        "en": "Output o = Σ weight × value = **{output}**",
    },
    "basics.matrix.header": {"ko": "4. 행렬로 한 번에", "en": "4. The matrix form"},
    "basics.matrix.body": {
        "ko": (
            '문장 ["i", "am", "a", "student"]의 모든 단어가 한꺼번에 쿼리가 됩니다. 임베딩을 거친 입력 X는 (단어 수 × d_model) 크기의 '
            "행렬입니다(원문: ‘(입력X임베딩사이즈) 크기의 텐서’, 여기서는 d_model = {d_model}). X에 W_q, W_k, W_v(d_k = {d_k}){를} 곱해 "
            "Q, K, V 행렬을 만들고, QKᵀ를 구해 행마다 소프트맥스를 적용한 뒤 V를 곱합니다. 숫자는 시드를 고정한 작은 예시라 언제 열어도 같습니다."
        ),
        "en": (
            'Every word of the sentence ["i", "am", "a", "student"] is a query at once. After the embedding, '
            "the input X is a (words × d_model) matrix (the post: “a tensor of size (input × embedding "
            "size)”; here d_model = {d_model}). X times W_q, W_k, W_v (d_k = {d_k}) gives the matrices Q, K, "
            "V; then QKᵀ, a softmax by row, and × V. The numbers are small and seeded, so they are the same "
            "on every run."
        ),
    },
    "basics.matrix.scale_toggle": {"ko": "√d_k로 나누기 (원문에는 없음)", "en": "Divide by √d_k (not in the post)"},
    "basics.matrix.causal_toggle": {"ko": "인과 마스크 (뒤 단어 가리기)", "en": "Causal mask (hide later words)"},
    "basics.matrix.inputs": {"ko": "임베딩과 가중치 행렬", "en": "Embeddings and weight matrices"},
    "basics.matrix.projections": {"ko": "쿼리, 키, 밸류", "en": "Queries, keys, values"},
    "basics.matrix.scores": {
        "ko": "어텐션 점수 (원문의 Attention Score)",
        "en": "Attention scores (the post's “Attention Score”)",
    },
    "basics.matrix.scores_body": {
        "ko": (
            "QKᵀ의 (행, 열) 칸은 행 단어의 쿼리와 열 단어의 키를 내적한 값입니다. 원문은 이 행렬을 Attention Score라고 부르며, 쿼리와 키가 얼마나 닮았는지 나타낸"
            " 행렬로 설명합니다. 원문에는 없지만 실제 트랜스포머는 이 점수를 √d_k로 나눕니다(까닭은 아래에). 인과 마스크를 켜면 대각선 위(뒤의 단어)가 −∞가 됩니다."
        ),
        "en": (
            "Cell (row, column) of QKᵀ is the dot product of the row word's query with the column word's key."
            " The post calls this matrix the Attention Score: how similar each query is to each key. Not in "
            "the post: a real transformer divides these scores by √d_k (why: below). With the causal mask on,"
            " the cells above the diagonal (later words) become −∞."
        ),
    },
    "basics.matrix.masked_title": {"ko": "마스크 적용 (−∞)", "en": "Masked (−∞)"},
    "basics.why_scale.header": {
        "ko": "왜 √d_k로 나눌까? (원문에는 없음)",
        "en": "Why divide by √d_k? (not in the post)",
    },
    "basics.why_scale.body": {
        "ko": (
            "q와 k의 성분이 평균 0, 분산 1인 독립 난수라면 내적 q·k의 표준편차는 √d_k입니다. d_k가 커질수록 점수끼리의 차이가 벌어지고, 소프트맥스는 한 키에 가중치를 "
            "거의 다 몰아줍니다(포화). 그러면 소프트맥스의 기울기가 0에 가까워져 학습이 거의 멈춥니다. 점수를 √d_k로 나누면 d_k와 상관없이 점수의 크기가 비슷하게 "
            "유지됩니다. 왼쪽 그림은 무작위 벡터로 재어 본 ‘한 행에서 가장 큰 가중치’의 평균입니다."
        ),
        "en": (
            "If the entries of q and k are independent, with mean 0 and variance 1, q·k has standard "
            "deviation √d_k. As d_k grows the scores spread apart and the softmax puts almost all weight on "
            "one key (it saturates); its gradients then come close to 0 and learning nearly stalls. Dividing "
            "the scores by √d_k keeps them about the same size for any d_k. The chart on the left shows the "
            "mean largest weight of a row, measured on random vectors."
        ),
    },
    "basics.why_scale.chart_title": {"ko": "d_k에 따른 가장 큰 가중치", "en": "Largest weight as d_k grows"},
    "basics.why_scale.max_weight": {"ko": "가장 큰 가중치 (평균)", "en": "Largest weight (mean)"},
    "basics.why_scale.unscaled": {"ko": "나누지 않음", "en": "Not divided"},
    "basics.why_scale.scaled": {"ko": "√d_k로 나눔", "en": "Divided by √d_k"},
    "basics.why_scale.toy": {
        "ko": "이 예시(d_k = 3)에서 각 쿼리 행의 가장 큰 가중치:",
        "en": "In this example (d_k = 3), the largest weight of each query's row:",
    },
    "basics.matrix.softmax": {"ko": "행마다 소프트맥스", "en": "Softmax by row"},
    "basics.matrix.softmax_body": {
        "ko": "행(쿼리)마다 소프트맥스를 적용하면 행의 합이 1인 어텐션 가중치가 됩니다. 칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "A softmax over each row (query) gives attention weights that sum to 1 per row. Hover a cell for the "
        "exact weight.",
    },
    "basics.matrix.weights_title": {"ko": "어텐션 가중치", "en": "Attention weights"},
    "basics.matrix.query": {"ko": "쿼리", "en": "Query"},
    "basics.matrix.key": {"ko": "키", "en": "Key"},
    "basics.matrix.causal_note": {
        "ko": "마스크: exp(−∞) = 0이므로 대각선 위의 가중치는 정확히 0입니다. ‘i’는 자기 자신만 볼 수 있습니다.",
        "en": "Masked: exp(−∞) = 0, so every weight above the diagonal is exactly 0; “i” can only look at itself.",
    },
    "basics.matrix.output": {
        "ko": "× V: 출력 (원문의 Attention Value)",
        "en": "× V: the output (the post's “Attention Value”)",
    },
    "basics.matrix.output_body": {
        "ko": (
            "어텐션 가중치에 V를 곱합니다. 출력의 각 행은 V의 행들을 그 단어의 가중치대로 섞은 가중합이고, 원문은 이것을 Attention Value라고 부릅니다. 쿼리가 각 "
            "키와 얼마나 닮았는지에 따라 벡터를 다시 구성한 것입니다."
        ),
        "en": (
            "Weights × V: each row of the output is that word's weighted sum of the rows of V — what the post"
            " calls the Attention Value: the vector rebuilt by how similar the query is to each key."
        ),
    },
    "basics.matrix.output_title": {"ko": "출력 = 가중치 · V", "en": "Output = weights · V"},
    "basics.matrix.causal_change": {
        "ko": "마스크를 켜서 달라진 출력(마스크 있음 − 없음)입니다. 마지막 단어는 원래부터 모든 단어를 보므로 달라지지 않습니다:",
        "en": "How the mask changes the output (masked − unmasked). The last word could already see every word, "
        "so its row does not change:",
    },
    "basics.tab.chart": {"ko": "그림", "en": "Chart"},
    "basics.tab.table": {"ko": "표", "en": "Table"},
    "basics.kinds.header": {"ko": "5. 세 종류의 어텐션", "en": "5. Three kinds of attention"},
    "basics.kinds.body": {
        "ko": (
            "번역 모델에서는 한국어 ‘나는 학생이다’가 인코더로 들어가고, 디코더는 `<bos>`에서 시작해 영어 ‘i am a student’를 한 단어씩 만듭니다. 디코더의 각 층 "
            "안에서는 마스크드 셀프 어텐션이 먼저, 크로스 어텐션이 그다음에 옵니다. 크로스 어텐션의 쿼리는 바로 앞 마스크드 셀프 어텐션의 출력에서 나옵니다(원문: ‘Q는 디코더의 "
            "Self-Attention을 통해서 나온 Q’). 아래의 칸은 행(쿼리)이 열(키)을 볼 수 있는지를 나타냅니다."
        ),
        "en": (
            "In the translation model, the Korean “나는 학생이다” goes into the encoder and the decoder, starting "
            "from `<bos>`, produces “i am a student” one word at a time. Inside each decoder layer, masked "
            "self-attention comes first and cross-attention second: the cross-attention's queries come from "
            "the masked self-attention's output. A cell below says whether the row (query) may look at the "
            "column (key)."
        ),
    },
    "basics.kinds.encoder_self.title": {"ko": "셀프 어텐션 (인코더)", "en": "Self-attention (encoder)"},
    "basics.kinds.encoder_self.body": {
        "ko": "Q, K, V가 모두 같은 한국어 문장에서 나옵니다. 모든 단어가 자기 자신을 포함해 앞뒤의 모든 단어를 볼 수 있습니다.",
        "en": (
            "Q, K and V all come from the same Korean sentence; every word may look at every word, itself "
            "included, before or after it."
        ),
    },
    "basics.kinds.decoder_self.title": {"ko": "마스크드 셀프 어텐션 (디코더)", "en": "Masked self-attention (decoder)"},
    "basics.kinds.decoder_self.body": {
        "ko": "디코더는 아직 만들지 않은 단어를 볼 수 없으므로, 각 위치는 자신과 그 앞의 단어만 봅니다(대각선 위는 −∞). 디코더 층에서 먼저 계산되는 어텐션입니다.",
        "en": (
            "The decoder may not see words it has not produced yet, so each position looks only at itself and"
            " earlier words (above the diagonal: −∞). It is the first attention of a decoder layer."
        ),
    },
    "basics.kinds.cross.title": {"ko": "크로스 어텐션 (디코더 → 인코더)", "en": "Cross-attention (decoder → encoder)"},
    "basics.kinds.cross.body": {
        "ko": "Q는 디코더의 마스크드 셀프 어텐션을 거친 출력에서, K와 V는 인코더의 출력에서 옵니다. 영어 단어 하나하나가 한국어 문장 전체를 보며 다음에 옮길 단어를 찾습니다.",
        "en": (
            "Q comes from the output of the decoder's masked self-attention, K and V from the encoder's "
            "output: each English position looks over the whole Korean sentence to find what to translate "
            "next."
        ),
    },
    "basics.kinds.allowed": {"ko": "볼 수 있음", "en": "May attend"},
    "basics.kinds.blocked": {"ko": "가려짐", "en": "Blocked"},
    "basics.kinds.query": {"ko": "쿼리", "en": "Query"},
    "basics.kinds.key": {"ko": "키", "en": "Key"},
    "basics.next_step": {"ko": "다음 단계: {step}", "en": "Next step: {step}"},
    "basics.takeaway.header": {"ko": "6. 한 줄 요약", "en": "6. In one line"},
    "basics.takeaway.body": {
        "ko": (
            "원문의 한 줄: ‘Attention은 결국 입력 문장 내에서의 유사도를 최적으로 학습하는 알고리즘이다.’ 이 페이지의 한 줄: 어텐션은 밸류의 가중합이고, 그 가중치는 "
            "쿼리가 각 키와 얼마나 잘 맞는지(내적 → 소프트맥스)로 정해집니다."
        ),
        "en": (
            "The post's line: “Attention은 결국 입력 문장 내에서의 유사도를 최적으로 학습하는 알고리즘이다” (attention, in the end, is an "
            "algorithm that learns the best similarities within the input sentence). This page's line: "
            "attention is a weighted sum of values, where the weights come from how well the query matches "
            "each key (dot product → softmax)."
        ),
    },
    "basics.next.body": {
        "ko": "이제 학습된 번역 모델 안에서 같은 계산을, 모델이 실제로 쓰는 숫자로 살펴보세요.",
        "en": "Next, see the same computation inside the trained translation model, with the numbers it really uses.",
    },
    "basics.next.encoder": {"ko": "인코더 셀프 어텐션", "en": "Encoder self-attention"},
    "basics.next.cross": {"ko": "크로스 어텐션", "en": "Cross-attention"},
    "basics.next.unavailable": {
        "ko": "{page}: 사이드바에서 여세요.",
        "en": "{page}: open it from the sidebar.",
    },
    # --- train -----------------------------------------------------------------
    "train.title": {"ko": "학습", "en": "Train"},
    "train.intro": {
        "ko": (
            "작은 한국어→영어 트랜스포머를 직접 학습시켜 봅니다. 말뭉치를 둘러보고, 크기와 학습 설정을 고른 뒤 학습을 시작하세요. 학습은 백그라운드에서 진행되므로 그동안 다른 "
            "페이지를 봐도 됩니다. 끝나면 이 세션에서 그 모델을 쓰거나 내려받을 수 있습니다."
        ),
        "en": "Train the tiny Korean→English transformer yourself. Browse the corpus, choose sizes and training settings, then start. Training runs in the background, so you may look at other pages meanwhile. When it ends you can study the model in this session or download it.",
    },
    # your own pairs
    "train.own_header": {
        "ko": "내 문장 쌍으로 학습하기 (TSV/CSV 업로드)",
        "en": "Train on your own sentence pairs (upload a TSV/CSV)",
    },
    "train.own_intro": {
        "ko": (
            "한 줄에 한 쌍씩, 한국어 다음에 영어를 탭(TSV)이나 쉼표(CSV)로 나눠 적은 파일을 올리세요. 인코딩은 UTF-8(BOM이 있어도 됨)이나 CP949입니다. 제한: "
            "파일 {max_mb} MB 이하, {max_rows}줄 이하, 한쪽 문장당 {max_characters}자 이하. 학습하려면 받아들인 쌍이 {min_pairs}개 이상 "
            "있어야 합니다. 첫 줄이 `korean`, `한국어` 같은 열 이름이면 건너뜁니다. 모르는 한국어 단어는 띄어 쓴 그대로 읽고, 끝에 붙은 조사만 떼어 냅니다(고양이를 → "
            "고양이 + 를)."
        ),
        "en": "One pair per line, Korean then English, separated by a tab (TSV) or a comma (CSV). Encoding: UTF-8 (with or without BOM) or CP949. Limits: at most {max_mb} MB, {max_rows} rows, {max_characters} characters per side. Training needs at least {min_pairs} accepted pairs. A first row naming the columns (`korean`, `한국어`, …) is skipped. Unknown Korean words are read as written between spaces, with a particle at the end split off (고양이를 → 고양이 + 를).",
    },
    "train.own_upload": {"ko": "문장 쌍 파일", "en": "Sentence-pair file"},
    "train.own_upload_help": {
        "ko": "파일은 이 세션에서만 쓰이고 저장되지 않습니다.",
        "en": "The file is used in this session only and is never stored.",
    },
    "train.own_summary": {
        "ko": "{accepted}쌍을 받아들였고 {rejected}줄은 뺐습니다(인코딩 {encoding}, 구분자 {delimiter}).",
        "en": "Accepted {accepted} pairs, left out {rejected} rows (encoding {encoding}, separator {delimiter}).",
    },
    "train.delimiter_tab": {"ko": "탭", "en": "tab"},
    "train.delimiter_comma": {"ko": "쉼표", "en": "comma"},
    "train.own_header_skipped": {
        "ko": "첫 줄은 열 이름이라 건너뛰었습니다.",
        "en": "The first row names the columns and was skipped.",
    },
    "train.own_preview": {
        "ko": "받아들인 쌍(처음 200개, 각 쌍이 들어간 세트와 함께):",
        "en": "Accepted pairs (the first 200, with the set each went to):",
    },
    "train.own_rejected": {
        "ko": "{count}줄을 뺐습니다. 줄 번호와 이유:",
        "en": "{count} rows were left out. Line numbers and reasons:",
    },
    "train.own_use": {
        "ko": "생성된 말뭉치 대신 내 문장 쌍으로 학습",
        "en": "Train on my pairs instead of the generated corpus",
    },
    "train.own_use_help": {
        "ko": "각 쌍은 내용의 해시에 따라 학습 세트 80% · 검증 세트 10% · 테스트 세트 10%로 나뉘므로, 줄 순서를 바꿔도 똑같이 나뉩니다.",
        "en": (
            "Pairs are split 80% train · 10% validation · 10% test by a hash of their text, so the order of "
            "the rows does not matter."
        ),
    },
    "train.own_too_few": {
        "ko": "학습하려면 받아들인 쌍이 {min_pairs}개 이상 필요합니다.",
        "en": "Training needs at least {min_pairs} accepted pairs.",
    },
    # a file that cannot be read while pairs read before stay (issue 15)
    "train.own_kept": {
        "ko": "앞서 읽은 문장 쌍을 그대로 씁니다 (파일: {name}).",
        "en": "Keeping the pairs read before (file: {name}).",
    },
    "train.file_empty": {"ko": "파일이 비어 있습니다.", "en": "The file is empty."},
    "train.file_too_large": {
        "ko": "파일이 너무 큽니다({size:,}바이트). {limit_mb} MB 이하만 받습니다.",
        "en": "The file is too large ({size:,} bytes); at most {limit_mb} MB.",
    },
    "train.file_binary": {
        "ko": "텍스트 파일이 아닙니다(이진 데이터가 들어 있습니다). TSV나 CSV 텍스트 파일을 올리세요.",
        "en": "This is not a text file (it holds binary data). Upload a TSV or CSV text file.",
    },
    "train.file_encoding": {
        "ko": "글자를 읽을 수 없습니다. UTF-8이나 CP949로 저장한 파일을 올리세요.",
        "en": "The text cannot be read. Save the file as UTF-8 or CP949.",
    },
    "train.file_too_many_rows": {
        "ko": "줄이 너무 많습니다({rows:,}줄). {limit_rows}줄 이하만 받습니다.",
        "en": "Too many rows ({rows:,}); at most {limit_rows}.",
    },
    "train.reject_missing_column": {
        "ko": "열이 하나뿐입니다(한국어와 영어 사이에 탭이나 쉼표가 없음)",
        "en": "Only one column (no tab or comma between Korean and English)",
    },
    "train.reject_extra_column": {
        "ko": "열이 셋 이상입니다(탭이나 쉼표가 더 있음)",
        "en": "More than two columns (an extra tab or comma)",
    },
    "train.reject_empty_korean": {"ko": "한국어 쪽이 비어 있습니다", "en": "The Korean side is empty"},
    "train.reject_empty_english": {"ko": "영어 쪽이 비어 있습니다", "en": "The English side is empty"},
    "train.reject_too_long": {
        "ko": "한쪽이 {max_characters}자보다 깁니다",
        "en": "A side is longer than {max_characters} characters",
    },
    "train.reject_too_many_tokens": {
        "ko": "토큰이 너무 많습니다(한국어 {max_korean_tokens}개, 영어 {max_english_tokens}개까지)",
        "en": "Too many tokens (at most {max_korean_tokens} Korean, {max_english_tokens} English)",
    },
    "train.reject_not_korean": {
        "ko": "한국어 쪽에 한글이 없습니다(열 순서가 바뀌었나요?)",
        "en": "No Hangul on the Korean side (columns swapped?)",
    },
    "train.reject_hangul_in_english": {
        "ko": "영어 쪽에 한글이 있습니다(열 순서가 바뀌었나요?)",
        "en": "Hangul on the English side (columns swapped?)",
    },
    "train.reject_control_characters": {"ko": "보이지 않는 제어 문자가 있습니다", "en": "Invisible control characters"},
    "train.reject_duplicate": {"ko": "{other_line}번째 줄과 같은 쌍입니다", "en": "The same pair as line {other_line}"},
    "train.reject_unparsable": {
        "ko": "CSV로 읽을 수 없습니다(따옴표가 닫히지 않음?)",
        "en": "Not readable as CSV (an unclosed quote?)",
    },
    "train.column_line": {"ko": "줄", "en": "Line"},
    "train.column_reason": {"ko": "이유", "en": "Reason"},
    "train.column_row": {"ko": "내용", "en": "Row"},
    "train.column_split": {"ko": "세트", "en": "Set"},
    # browsing the corpus
    "train.corpus_header": {"ko": "말뭉치 둘러보기", "en": "Browse the corpus"},
    "train.corpus_generated": {
        "ko": (
            "생성된 한국어→영어 말뭉치입니다. 테스트 세트에는 학습에서 본 적 없는 (주어, 동사, 목적어) 조합만 들어 있어서, 테스트 완전 일치는 외운 정도가 아니라 일반화한 "
            "정도를 보여 줍니다."
        ),
        "en": (
            "The generated Korean→English corpus. The test set holds only (subject, verb, object) "
            "combinations never seen in training, so the test exact match measures generalisation, not "
            "memory."
        ),
    },
    "train.corpus_own": {"ko": "업로드한 내 문장 쌍입니다.", "en": "Your uploaded sentence pairs."},
    "train.split_train": {"ko": "학습", "en": "Train"},
    "train.split_valid": {"ko": "검증", "en": "Validation"},
    "train.split_test": {"ko": "테스트", "en": "Test"},
    "train.total": {"ko": "합계", "en": "Total"},
    "train.constructions_header": {"ko": "구문별 쌍 개수", "en": "Pairs per construction"},
    "train.construction_present": {"ko": "현재", "en": "Present"},
    "train.construction_past": {"ko": "과거", "en": "Past"},
    "train.construction_future": {"ko": "미래", "en": "Future"},
    "train.construction_negation_present": {"ko": "부정 (현재)", "en": "Negation (present)"},
    "train.construction_negation_past": {"ko": "부정 (과거)", "en": "Negation (past)"},
    "train.construction_negation_future": {"ko": "부정 (미래)", "en": "Negation (future)"},
    "train.construction_copula": {"ko": "이다", "en": "Copula (이다)"},
    "train.construction_copula_negation": {"ko": "아니다", "en": "Negated copula (아니다)"},
    "train.split_picker": {"ko": "세트", "en": "Set"},
    "train.split_help": {
        "ko": "학습 세트: 모델이 배우는 쌍. 검증 세트: 학습 중에 가장 좋은 모델을 고르는 데 쓰는 쌍. 테스트 세트: 마지막에 성능을 한 번만 재는 데 쓰는 쌍.",
        "en": (
            "Train: the pairs the model learns from. Validation: pairs that pick the best model during "
            "training. Test: pairs the model is measured on once, at the end."
        ),
    },
    "train.filter": {"ko": "찾기", "en": "Search"},
    "train.filter_placeholder": {"ko": "예: 사과, apple", "en": "e.g. 사과, apple"},
    "train.showing": {"ko": "{total}쌍 중 {shown}쌍", "en": "{shown} of {total} pairs"},
    "train.showing_first": {
        "ko": "{shown}쌍 중 처음 {first}쌍만 보여 줍니다. 나머지는 '{box}' 칸에 단어를 넣어 보세요.",
        "en": "The first {first} of {shown} pairs; type a word in the {box} box to find the others.",
    },
    "train.column_korean": {"ko": "한국어", "en": "Korean"},
    "train.column_english": {"ko": "영어", "en": "English"},
    "train.column_construction": {"ko": "구문", "en": "Construction"},
    # the form
    "train.settings_header": {"ko": "모델 크기와 학습 설정", "en": "Model size and training settings"},
    "train.settings_intro": {
        "ko": "기본값은 사전 학습 모델의 설정입니다. 이 서버에서는 기본값으로 학습하는 데 보통 1분이 채 걸리지 않습니다. 검증 완전 일치가 100%에 도달하면 일찍 멈춥니다.",
        "en": (
            "The defaults are the pretrained model's settings; training them usually takes under a minute "
            "here. Training stops early once validation exact match reaches 100%."
        ),
    },
    "train.field_d_model": {"ko": "d_model (벡터 차원)", "en": "d_model (vector size)"},
    "train.field_n_heads": {"ko": "헤드 수", "en": "Heads"},
    "train.field_n_encoder_layers": {"ko": "인코더 층 수", "en": "Encoder layers"},
    "train.field_n_decoder_layers": {"ko": "디코더 층 수", "en": "Decoder layers"},
    "train.field_d_ff": {"ko": "d_ff (피드포워드 은닉 차원)", "en": "d_ff (feed-forward hidden size)"},
    "train.field_dropout": {"ko": "드롭아웃", "en": "Dropout"},
    "train.field_steps": {"ko": "학습 스텝 수", "en": "Steps"},
    "train.field_learning_rate": {"ko": "학습률", "en": "Learning rate"},
    "train.field_batch_size": {"ko": "배치 크기", "en": "Batch size"},
    "train.field_seed": {"ko": "시드", "en": "Seed"},
    "train.help_d_model": {
        "ko": "토큰 벡터의 차원. {low}–{high}, 헤드 수로 나누어떨어져야 합니다.",
        "en": "Size of every token vector. {low}–{high}, divisible by the number of heads.",
    },
    "train.help_n_heads": {
        "ko": "층마다 어텐션 헤드 수. {low}–{high}.",
        "en": "Attention heads per layer. {low}–{high}.",
    },
    "train.help_n_encoder_layers": {"ko": "{low}–{high}.", "en": "{low}–{high}."},
    "train.help_n_decoder_layers": {"ko": "{low}–{high}.", "en": "{low}–{high}."},
    "train.help_d_ff": {
        "ko": "피드포워드 층의 은닉 차원. {low}–{high}.",
        "en": "Hidden size of the feed-forward layer. {low}–{high}.",
    },
    "train.help_dropout": {
        "ko": "학습 중에 무작위로 끄는 활성값의 비율. {low}–{high}.",
        "en": "Share of activations dropped at random while training. {low}–{high}.",
    },
    "train.help_steps": {
        "ko": "최대 스텝 수(더 일찍 멈출 수 있음). {low}–{high}.",
        "en": "Steps at most (training may stop earlier). {low}–{high}.",
    },
    "train.help_learning_rate": {
        "ko": "워밍업 뒤 최고 학습률. {low}–{high}.",
        "en": "Peak learning rate after warmup. {low}–{high}.",
    },
    "train.help_batch_size": {
        "ko": "스텝마다 보는 문장 쌍의 수. {low}–{high}.",
        "en": "Sentence pairs per step. {low}–{high}.",
    },
    "train.help_seed": {
        "ko": "시드가 같으면 같은 모델이 나옵니다. {low}–{high}.",
        "en": "The same seed gives the same model. {low}–{high}.",
    },
    "train.threads_note": {
        "ko": "이 서버에서 동시에 진행할 수 있는 학습: {slots}개 · 학습 하나가 쓰는 CPU 스레드: {threads}개",
        "en": "Trainings at once on this server: {slots} · CPU threads per training: {threads}",
    },
    "train.start": {"ko": "학습 시작", "en": "Start training"},
    "train.problem_range": {
        "ko": "{field}{은} {low}에서 {high} 사이여야 합니다(지금은 {value}).",
        "en": "{field} must be between {low} and {high} (it is {value}).",
    },
    "train.problem_type": {"ko": "{field}에는 숫자를 넣어 주세요.", "en": "{field} must be a number."},
    "train.problem_divisible": {
        "ko": "d_model({d_model}){은} 헤드 수({n_heads}){로} 나누어떨어져야 합니다. 헤드마다 같은 크기로 나눠 갖기 때문입니다.",
        "en": "d_model ({d_model}) must be divisible by the number of heads ({n_heads}): every head gets an equal slice.",
    },
    "train.problem_too_large": {
        "ko": "모델이 너무 큽니다: 파라미터 {count:,}개. 앱은 파라미터가 {limit:,}개 이하인 체크포인트만 불러올 수 있습니다. d_model, d_ff나 층 수를 줄이세요.",
        "en": (
            "The model is too large: {count:,} parameters. The app loads checkpoints of at most {limit:,} "
            "parameters. Make d_model, d_ff or the layers smaller."
        ),
    },
    "train.problem_other": {
        "ko": "{field}: 설정이 올바르지 않습니다({message}).",
        "en": "{field}: not a valid setting ({message}).",
    },
    "train.already_running": {
        "ko": "이 세션의 학습이 이미 진행 중입니다. 끝날 때까지 기다리거나 ‘멈추기’를 눌러 멈추세요.",
        "en": "This session's training is already running. Wait for it to end, or stop it.",
    },
    # the run
    "train.run_header": {"ko": "학습 진행", "en": "Training"},
    "train.no_run": {"ko": "아직 이 세션에서 학습한 적이 없습니다.", "en": "Nothing trained in this session yet."},
    "train.waiting": {
        "ko": "학습 자리가 나기를 기다리는 중입니다({seconds}초째). 이 서버에서는 학습을 동시에 {slots}개까지 진행합니다. 다른 사람의 학습이 끝나면 자동으로 시작됩니다.",
        "en": "Waiting for a free training slot ({seconds} s so far). Trainings at once on this server: {slots}. Yours starts by itself when one ends.",
    },
    # the queue and runs shared between learners (ui/training.py: waiting_message, shared_message, left_message)
    "train.queue_next": {
        "ko": "학습 대기열에서 다음 차례입니다. 약 {wait} 뒤, {clock} 무렵 시작할 것으로 보입니다 ({seconds}초째 기다리는 중).",
        "en": "You are next in the training queue. Your run should start in about {wait} (around {clock}); waiting {seconds} s so far.",
    },
    "train.queue_place": {
        "ko": "학습 대기열 {place}번째입니다. 앞선 학습 {ahead}개가 끝나야 차례가 옵니다. 약 {wait} 뒤, {clock} 무렵 시작할 것으로 보입니다 ({seconds}초째 기다리는 중).",
        "en": "You are number {place} in the training queue (runs ahead of yours: {ahead}). Your run should start in about {wait} (around {clock}); waiting {seconds} s so far.",
    },
    "train.queue_slots": {
        "ko": "이 서버는 학습을 동시에 {slots}개까지 돌리고, 앞선 학습이 이 서버에서 걸린 시간으로 시작 시각을 어림합니다. 다른 페이지를 열거나 '멈추기'를 누르면 자리를 다음 사람에게 넘깁니다.",
        "en": "Trainings at once on this server: {slots}; the estimate comes from how long runs took here. Opening another page or pressing Stop gives your place to the next learner.",
    },
    "train.duration_seconds": {"ko": "{seconds}초", "en": "{seconds} s"},
    "train.duration_minutes": {"ko": "{minutes}분", "en": "{minutes} min"},
    "train.shared_replayed": {
        "ko": "설정, 시드, 말뭉치, 스레드 수가 모두 같은 학습이 이 서버에서 이미 끝났습니다 (끝난 시각 {clock}, {ago} 전). 학습은 이 조건이 같으면 결과도 똑같으므로, 그때 기록된 곡선과 스냅숏을 기록된 순서대로 다시 보여 주고 그 모델을 드립니다. 직접 학습하는 모습을 보고 싶다면 '그래도 학습하기'를 누르세요.",
        "en": "This exact run (the same settings, seed, corpus and thread count) was trained on this server before: it finished at {clock}, {ago} ago. Training is deterministic, so you get that run's model, and its recorded curves and snapshots are played back as they came in. Press “Train anyway” to watch a live run.",
    },
    "train.shared_followed": {
        "ko": "설정, 시드, 말뭉치, 스레드 수가 모두 같은 학습을 이 서버에서 이미 요청했습니다 (요청 시각 {clock}, {ago} 전). 그래서 새로 시작하지 않고 그 학습을 함께 봅니다. 곡선도 모델도 같습니다. 함께 보는 다른 학습자: {others}명. 따로 학습하려면 '그래도 학습하기'를 누르세요.",
        "en": "This exact run (the same settings, seed, corpus and thread count) was already asked for on this server at {clock}, {ago} ago, so you follow that run instead of starting another: the same curves, the same model. Other learners following it: {others}. Press “Train anyway” for a run of your own.",
    },
    "train.train_anyway": {"ko": "그래도 학습하기", "en": "Train anyway"},
    "train.train_anyway_help": {
        "ko": "같은 설정으로 내 학습을 따로 시작합니다. 다른 학습처럼 대기열에서 차례를 기다립니다.",
        "en": "Starts a live run of your own with these settings; it waits in the queue like any other.",
    },
    "train.left_shared": {
        "ko": "이 학습에서 빠졌습니다. 같은 학습을 요청한 다른 학습자 {others}명을 위해 학습은 계속됩니다. 쓰던 모델은 그대로입니다.",
        "en": "You left this run; it goes on for the other learners who asked for it ({others}). The model you were using is unchanged.",
    },
    "train.left_queue_page": {
        "ko": "기다리는 동안 다른 페이지를 열어서 대기열 자리를 다음 사람에게 넘겼습니다. 다시 줄을 서려면 '학습 시작'을 누르세요.",
        "en": "You opened another page while waiting, so your place in the queue went to the next learner. Press “Start training” to queue again.",
    },
    "train.left_queue_closed": {
        "ko": "기다리는 동안 탭이 닫혀서 대기열 자리를 다음 사람에게 넘겼습니다. 다시 줄을 서려면 '학습 시작'을 누르세요.",
        "en": "Your tab was closed while you waited, so your place in the queue went to the next learner. Press “Start training” to queue again.",
    },
    "train.progress": {"ko": "스텝 {step} / {total} · {seconds}초", "en": "Step {step} / {total} · {seconds} s"},
    "train.eta": {"ko": " · 남은 시간 약 {eta}초", "en": " · about {eta} s left"},
    "train.stop": {"ko": "멈추기", "en": "Stop"},
    "train.stop_help": {
        "ko": "지금 스텝이 끝나면 멈추고, 그때까지 가장 좋았던 모델을 남깁니다.",
        "en": "Stops after the current step and keeps the best model so far.",
    },
    "train.curves_soon": {
        "ko": "첫 검증이 끝나면 곡선이 나타납니다.",
        "en": "The curves appear after the first validation.",
    },
    "train.live_snapshot": {
        "ko": "스텝 {step}의 크로스 어텐션 (관찰용 문장, 층 × 헤드)",
        "en": "Cross-attention at step {step} (probe sentence, layer × head)",
    },
    "train.loss_title": {"ko": "손실", "en": "Loss"},
    "train.exact_title": {"ko": "검증 완전 일치", "en": "Validation exact match"},
    "train.series_train_loss": {"ko": "학습 손실", "en": "Train loss"},
    "train.series_valid_loss": {"ko": "검증 손실", "en": "Validation loss"},
    "train.series_valid_exact_match": {"ko": "검증 완전 일치", "en": "Validation exact match"},
    "train.axis_step": {"ko": "스텝", "en": "Step"},
    "train.axis_loss": {"ko": "손실", "en": "Loss"},
    "train.axis_exact_match": {"ko": "완전 일치 비율", "en": "Share exactly right"},
    "train.axis_korean": {"ko": "한국어 (키)", "en": "Korean (keys)"},
    "train.axis_english": {"ko": "만든 영어 토큰", "en": "English token produced"},
    "train.axis_weight": {"ko": "가중치", "en": "Weight"},
    "train.layer": {"ko": "층", "en": "Layer"},
    "train.head": {"ko": "헤드", "en": "Head"},
    "train.done": {
        "ko": "학습이 끝났습니다: {steps}스텝, {seconds}초. 가장 좋은 모델은 스텝 {best}에서 나왔습니다.",
        "en": "Training finished: {steps} steps in {seconds} s. The best model is the one from step {best}.",
    },
    "train.stopped": {
        "ko": "{total}스텝 중 {steps}스텝에서 멈췄습니다. 그때까지 가장 좋았던 모델(스텝 {best}){을} 남겼습니다.",
        "en": "Stopped after {steps} of {total} steps. Kept the best model so far (from step {best}).",
    },
    "train.stopped_before_start": {
        "ko": "첫 스텝 전에 멈춰서 새 모델이 없습니다.",
        "en": "Stopped before the first step, so there is no new model.",
    },
    "train.stopped_before_evaluation": {
        "ko": "첫 검증 전인 {steps}스텝에서 멈춰서 쓸 만한 새 모델이 없습니다.",
        "en": "Stopped after {steps} steps, before the first validation, so there is no usable new model.",
    },
    "train.model_kept": {"ko": "쓰던 모델은 그대로입니다.", "en": "The model you were using is unchanged."},
    "train.failed_out_of_memory": {
        "ko": "메모리가 부족해 학습에 실패했습니다. 모델이나 배치 크기를 줄여 보세요.",
        "en": "Training ran out of memory. Try a smaller model or batch.",
    },
    "train.failed_bad_input": {
        "ko": "학습 데이터나 설정 때문에 학습에 실패했습니다: {message}",
        "en": "Training failed because of the data or the settings: {message}",
    },
    "train.failed_other": {"ko": "학습에 실패했습니다: {message}", "en": "Training failed: {message}"},
    "train.metric_test_exact": {"ko": "테스트 완전 일치", "en": "Test exact match"},
    "train.metric_valid_exact": {"ko": "검증 완전 일치", "en": "Validation exact match"},
    "train.metric_steps": {"ko": "스텝", "en": "Steps"},
    "train.metric_seconds": {"ko": "초", "en": "Seconds"},
    "train.metric_parameters": {"ko": "파라미터", "en": "Parameters"},
    "train.use_model": {"ko": "이 모델 쓰기", "en": "Use this model"},
    "train.in_use": {"ko": "이 모델을 쓰는 중", "en": "In use"},
    "train.use_model_help": {
        "ko": "이 세션의 모든 페이지가 이 모델을 보여 줍니다. 다른 사람에게는 보이지 않습니다.",
        "en": "Every page of this session shows this model. Nobody else sees it.",
    },
    "train.download": {"ko": ".safetensors로 내려받기", "en": "Download .safetensors"},
    "train.download_help": {
        "ko": "나중에 사이드바에서 이 파일을 올리면 다시 쓸 수 있습니다.",
        "en": "Upload this file in the sidebar later to use the model again.",
    },
    # attention over training
    "train.over_training_header": {"ko": "학습하는 동안 어텐션은 어떻게 바뀌었나", "en": "Attention over training"},
    "train.over_training_intro": {
        "ko": (
            "지금 모델(사이드바에서 고른 모델)을 학습하는 동안, 관찰용 문장의 크로스 어텐션을 몇 스텝마다 기록해 두었습니다. 슬라이더를 움직여, 처음에는 고르게 퍼져 있던 어텐션이 "
            "학습이 진행되면서 알맞은 한국어 단어로 모이는 모습을 보세요."
        ),
        "en": "While the current model (the one chosen in the sidebar) was trained, the cross-attention of a probe sentence was recorded every few steps. Move the slider: attention starts out uniform and gathers on the right Korean words as training goes on.",
    },
    "train.no_snapshots": {
        "ko": "이 모델에는 학습 중 기록이 없습니다.",
        "en": "This model carries no recordings from its training.",
    },
    "train.snapshot_step": {"ko": "학습 스텝", "en": "Training step"},
    "train.snapshot_title": {
        "ko": "스텝 {step} · 층 {layer} · 헤드 {head}",
        "en": "Step {step} · layer {layer} · head {head}",
    },
    "train.before_first_evaluation": {
        "ko": "이 스텝은 첫 검증보다 앞입니다. 모델이 아직 거의 학습되지 않아서 어텐션이 거의 고르게 퍼져 있습니다.",
        "en": "This step comes before the first validation: the model has barely trained, so attention is spread almost evenly.",
    },
    "train.at_step": {
        "ko": "스텝 {step}의 검증: 학습 손실 **{train_loss}**, 검증 손실 **{valid_loss}**, 검증 완전 일치 **{exact}**",
        "en": (
            "Validation at step {step}: train loss **{train_loss}**, validation loss **{valid_loss}**, "
            "validation exact match **{exact}**"
        ),
    },
    "train.over_training_caption": {
        "ko": "행은 디코더가 만든 영어 토큰, 열은 한국어 토큰입니다. 점선은 슬라이더에서 고른 스텝입니다.",
        "en": "Rows are the English tokens the decoder produced, columns the Korean tokens. The dashed line marks the slider's step.",
    },
    # --- encoder self-attention ------------------------------------------------
    # Shared by ui/views.py (encoder, decoder and cross-attention pages).
    "views.layer": {"ko": "층", "en": "Layer"},
    "views.head": {"ko": "헤드", "en": "Head"},
    "views.layer_pick": {"ko": "층", "en": "Layer"},
    "views.head_pick": {"ko": "헤드", "en": "Head"},
    "views.layer_n": {"ko": "층 {n}", "en": "Layer {n}"},
    "views.head_n": {"ko": "헤드 {n}", "en": "Head {n}"},
    "views.weight": {"ko": "가중치", "en": "Weight"},
    "views.head_title": {"ko": "층 {layer} · 헤드 {head}", "en": "Layer {layer} · head {head}"},
    "views.bars_title": {"ko": "'{token}'의 행: 모든 층·헤드", "en": "The row of '{token}' in every layer and head"},
    "views.grid_unlabelled": {
        "ko": "문장이 길어서 작은 맵에서는 토큰 이름을 뺐습니다. 칸에 마우스를 올리거나 아래의 큰 맵을 보세요.",
        "en": "The sentence is long, so the small maps leave out the token labels: hover a cell, or see one head large below.",
    },
    "views.lines_every_token": {
        "ko": "모든 토큰의 선 보기 (끄면 고른 토큰의 선만)",
        "en": "Lines of every token (off: the focused token's only)",
    },
    "views.encoder_self.focus_pick": {"ko": "살펴볼 토큰 (쿼리)", "en": "Token to focus on (query)"},
    "views.encoder_self.query_title": {"ko": "쿼리 (보는 토큰)", "en": "Query (the token looking)"},
    "views.encoder_self.key_title": {"ko": "키 (바라보는 대상 토큰)", "en": "Key (the token looked at)"},
    "views.encoder_self.query_short": {"ko": "쿼리", "en": "Query"},
    "views.encoder_self.key_short": {"ko": "키", "en": "Key"},
    "views.decoder_self.focus_pick": {
        "ko": "살펴볼 단계 (읽은 토큰 → 만든 토큰)",
        "en": "Step to focus on (read → produced)",
    },
    "views.decoder_self.query_title": {"ko": "쿼리: 읽은 토큰 → 만든 토큰", "en": "Query: read → produced"},
    "views.decoder_self.key_title": {"ko": "키 (디코더 입력 토큰)", "en": "Key (decoder input token)"},
    "views.decoder_self.query_short": {"ko": "쿼리 (읽음 → 만듦)", "en": "Query (read → produced)"},
    "views.decoder_self.key_short": {"ko": "키", "en": "Key"},
    "views.cross.focus_pick": {
        "ko": "살펴볼 영어 단계 (읽은 토큰 → 만든 토큰)",
        "en": "English step to focus on (read → produced)",
    },
    "views.cross.query_title": {"ko": "영어 쿼리: 읽은 토큰 → 만든 토큰", "en": "English query: read → produced"},
    "views.cross.key_title": {"ko": "한국어 키", "en": "Korean key"},
    "views.cross.query_short": {"ko": "영어 (쿼리)", "en": "English (query)"},
    "views.cross.key_short": {"ko": "한국어 (키)", "en": "Korean (key)"},
    "views.mask.scores_header": {"ko": "**① 점수** q·k / √d_k", "en": "**① Scores** q·k / √d_k"},
    "views.mask.scores_caption": {
        "ko": "모든 쿼리와 모든 키의 점수. 아직 만들지 않은 단어(대각선 위)의 점수도 계산은 됩니다.",
        "en": "Every query against every key; the scores of words not produced yet (above the diagonal) exist too.",
    },
    "views.mask.masked_header": {"ko": "**② 마스크 적용**", "en": "**② Masked**"},
    "views.mask.masked_caption": {
        "ko": "대각선 위 칸을 −∞로 바꿉니다. exp(−∞) = 0이므로 소프트맥스 뒤에는 0이 됩니다.",
        "en": "Cells above the diagonal become −∞; since exp(−∞) = 0 they get weight 0 after the softmax.",
    },
    "views.mask.softmax_header": {"ko": "**③ 소프트맥스** (행마다)", "en": "**③ Softmax** (by row)"},
    "views.mask.softmax_caption": {
        "ko": "모델이 실제로 쓴 가중치. 대각선 위는 정확히 0이고, 각 행의 합은 1입니다.",
        "en": "The weights the model really used: exactly 0 above the diagonal, each row sums to 1.",
    },
    # --- compare: two sentences or two models on any attention page (ui/compare_sections.py; issue 13 §5)
    "compare.body": {
        "ko": "살펴보는 문장(A)과 다른 예문(B)을 같은 모델에 넣고, 같은 헤드의 어텐션 맵을 나란히 놓습니다. "
        "문장이 조금 달라지면 어텐션은 어디가 어떻게 바뀔까요?",
        "en": "The sentence under study (A) and another example (B), side by side, through the same model and the "
        "same head. When the sentence changes a little, where does the attention change?",
    },
    "compare.pick": {"ko": "비교할 문장 B", "en": "Sentence B to compare"},
    "compare.translation": {
        "ko": "**{name}**: {source} → {translation}",
        "en": "**{name}**: {source} → {translation}",
    },
    "compare.map_title": {"ko": "문장 {name}", "en": "Sentence {name}"},
    "compare.difference_header": {"ko": "차이 맵: B − A", "en": "Difference map: B − A"},
    "compare.difference_body": {
        "ko": "각 칸을 같은 자리의 B 가중치에서 A 가중치를 뺀 값으로 칠했습니다. 파란 칸은 B에서 더 많이 본 곳, "
        "빨간 칸은 A에서 더 많이 본 곳, 흰 칸은 차이가 없는 곳입니다. 같은 자리의 토큰이 A와 B에서 다르면 "
        "행·열 이름에 'A의 토큰 / B의 토큰' 꼴로 둘 다 적습니다.",
        "en": "Each cell is B's weight minus A's at the same position: blue where B looks more, red where A looks "
        "more, white where they agree. Where the two tokens differ, the label shows both as 'A / B'.",
    },
    "compare.common_part": {
        "ko": "두 문장의 길이가 달라서 두 맵에 모두 있는 자리(짧은 쪽의 행과 열)만 비교합니다.",
        "en": "The two sentences differ in length, so only the positions both have (the shorter one's rows and "
        "columns) are compared.",
    },
    "compare.difference_title": {
        "ko": "B − A · 층 {layer} · 헤드 {head}",
        "en": "B − A · layer {layer} · head {head}",
    },
    "compare.difference_body_colour_blind_safe": {
        "ko": "각 칸을 같은 자리의 B 가중치에서 A 가중치를 뺀 값으로 칠했습니다. 주황 칸은 B에서 더 많이 본 곳, "
        "파란 칸은 A에서 더 많이 본 곳, 흰 칸은 차이가 없는 곳입니다. 같은 자리의 토큰이 A와 B에서 다르면 "
        "행·열 이름에 'A의 토큰 / B의 토큰' 꼴로 둘 다 적습니다.",
        "en": "Each cell is B's weight minus A's at the same position: orange where B looks more, blue where A looks "
        "more, white where they agree. Where the two tokens differ, the label shows both as 'A / B'.",
    },
    "compare.header": {"ko": "비교하기: 다른 문장, 다른 모델", "en": "Compare: another sentence or another model"},
    "compare.open": {
        "ko": "이 헤드를 다른 문장이나 다른 모델과 비교하기",
        "en": "Compare this head with another sentence or another model",
    },
    "compare.what": {"ko": "무엇과 비교할까요?", "en": "What to compare"},
    "compare.what_sentence": {"ko": "다른 문장", "en": "Another sentence"},
    "compare.what_model": {"ko": "다른 모델", "en": "Another model"},
    "compare.one_model": {
        "ko": "이 세션에는 모델이 하나뿐이라 두 문장을 비교합니다. 두 모델을 비교하려면 학습 페이지에서 모델을 "
        "학습하거나, 사이드바에서 체크포인트를 업로드하세요.",
        "en": "This session has one model, so two sentences are compared. To compare two models, train one on the "
        "Train page or upload a checkpoint in the sidebar.",
    },
    "compare.pick_help": {
        "ko": "예문을 고르거나, 한국어 문장을 직접 입력하고 Enter 키를 누르세요.",
        "en": "Pick an example, or type your own Korean sentence and press Enter.",
    },
    "compare.sentence_refused": {
        "ko": "문장 B는 번역할 수 없습니다. {reason}",
        "en": "Sentence B cannot be translated. {reason}",
    },
    "compare.model_body": {
        "ko": "살펴보는 문장을 사이드바에서 고른 모델(A)과 다른 모델(B)에 넣고, 두 모델의 같은 층·같은 헤드를 나란히 "
        "놓습니다. 헤드 번호에는 정해진 역할이 없습니다. 한 모델의 헤드 0이 다른 모델의 헤드 0과 같은 일을 한다는 "
        "보장은 없으니, 차이가 크더라도 두 모델이 같은 일을 서로 다른 헤드에 맡겼을 뿐일 수도 있습니다.",
        "en": "The sentence under study, read by the sidebar's model (A) and by another model (B): the same layer and "
        "head of each, side by side. A head's number is not a role: head 0 of one model need not do what head 0 of "
        "the other does, so a large difference may only mean that the two models gave the same job to different heads.",
    },
    "compare.model_pick": {"ko": "비교할 모델 B", "en": "Model B to compare"},
    "compare.model_title": {"ko": "모델 {name}", "en": "Model {name}"},
    "compare.model_translation": {
        "ko": "**{name}** · {model}  \n{source} → {translation}",
        "en": "**{name}** · {model}  \n{source} → {translation}",
    },
    "compare.model_refused": {
        "ko": "모델 B는 이 문장을 읽을 수 없습니다. {reason} 사이드바에서 두 모델이 모두 읽을 수 있는 문장을 고르세요.",
        "en": "Model B cannot read this sentence. {reason} Pick a sentence both models know in the sidebar.",
    },
    "compare.missing_head": {
        "ko": "모델 B의 이 어텐션에는 층 {layer} · 헤드 {head}{가} 없어서 비교할 수 없습니다(층 {layers}개, "
        "층마다 헤드 {heads}개, 번호는 0부터). 위에서 번호가 더 작은 층이나 헤드를 고르세요.",
        "en": "Model B has no layer {layer} · head {head} of this attention (layers: {layers}, heads per layer: "
        "{heads}), so there is nothing to compare. Pick a lower layer or head number above (they count from 0).",
    },
    "compare.same_model": {
        "ko": "모델 B는 A와 같은 모델입니다(가중치와 어휘가 같은 모델을 두 번 불러온 것입니다). 그래서 차이 맵은 "
        "모든 칸이 0입니다.",
        "en": "Model B is the same model as A (the same weights and words, loaded twice), so the difference is 0 "
        "everywhere.",
    },
    "compare.common_part_models": {
        "ko": "두 모델의 토큰이나 번역이 달라 맵 크기가 다르므로, 두 맵에 모두 있는 자리만 비교합니다.",
        "en": "The two models' maps differ in size (their tokens or translations differ), so only the positions both "
        "have are compared.",
    },
    "encoder.title": {"ko": "인코더 셀프 어텐션", "en": "Encoder self-attention"},
    "encoder.intro": {
        "ko": (
            "인코더에서는 한국어 문장의 모든 토큰이 쿼리, 키, 밸류가 됩니다. 각 토큰은 같은 문장의 모든 토큰(자기 자신도 포함)을 얼마나 볼지 가중치로 정하고, 그 밸류들을 "
            "가중합해 자기 표현을 새로 만듭니다. 그래서 ‘셀프’ 어텐션입니다. 행은 보는 토큰(쿼리), 열은 보이는 토큰(키)이고, 한 행의 가중치를 더하면 1입니다. 헤드마다 "
            "W_q, W_k, W_v가 달라서 저마다 다른 관계를 봅니다."
        ),
        "en": (
            "In the encoder every token of the Korean sentence is a query, a key and a value. Each token "
            "weighs every token of the same sentence, itself included, and mixes their values by those "
            "weights into its new representation: hence *self*-attention. Rows are the tokens looking "
            "(queries), columns the tokens looked at (keys); each row sums to 1. Every head has its own W_q, "
            "W_k, W_v, so each can follow a different relation."
        ),
    },
    "encoder.sentence": {
        "ko": "문장: {sentence} → 번역: {translation}",
        "en": "Sentence: {sentence} → translation: {translation}",
    },
    "encoder.look_for": {
        "ko": (
            "**눈여겨볼 점.** 조사(는, 를, 에서)가 바로 앞의 명사를 보는 헤드, 동사가 목적어를 보는 헤드, 거의 자기 자신만 보는 헤드(대각선)가 있는지 찾아보세요. 아래층과"
            " 위층의 패턴도 비교해 보세요."
        ),
        "en": "**What to look for.** Find heads where a particle (는, 를, 에서) looks at the noun just before it, where "
        "the verb looks at its object, and heads that mostly look at the token itself (the diagonal). Compare the "
        "lower and the upper layer.",
    },
    "encoder.grid_header": {"ko": "모든 층 × 헤드", "en": "Every layer × head"},
    "encoder.grid_body": {
        "ko": "한눈에 비교하기: 행은 층, 열은 헤드입니다. 색은 모두 같은 0–1 척도입니다. 칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "Compare at a glance: layers are rows, heads are columns, all on the same 0–1 colour scale. Hover a cell for its exact weight.",
    },
    "encoder.head_header": {"ko": "헤드 하나를 크게 보기", "en": "One head, large"},
    "encoder.focus_header": {"ko": "토큰 하나에 집중하기", "en": "Focus on one token"},
    "encoder.focus_body": {
        "ko": "고른 토큰의 행(그 토큰이 어디를 보는지)을 모든 층·헤드에서 막대로 보여 줍니다. 가장 큰 가중치는 주황색입니다.",
        "en": "The focused token's row (where it looks) in every layer and head, as bars; the largest weight is orange.",
    },
    "encoder.lines_header": {"ko": "선으로 보기", "en": "As lines"},
    "encoder.lines_body": {
        "ko": (
            "위에서 고른 층·헤드에서, 왼쪽 토큰(쿼리)이 오른쪽 토큰(키)을 얼마나 보는지를 선의 굵기와 진하기로 나타냅니다(BertViz의 head view와 같은 방식). 선에 "
            "마우스를 올리면 정확한 값이 보입니다."
        ),
        "en": "For the layer and head picked above: how much each token on the left (query) looks at each token on the "
        "right (key), as line width and opacity (like BertViz's head view). Hover a line for its exact weight.",
    },
    "encoder.download_header": {"ko": "내려받기", "en": "Download"},
    "encoder.download_body": {
        "ko": "각 그림 아래의 버튼으로 그 그림의 표(CSV)와 이미지(SVG, PNG)를 내려받을 수 있습니다. 이 문장의 모든 맵을 JSON으로 내려받기:",
        "en": "Under each chart: its rows as CSV and the chart as SVG or PNG. Every map of this sentence as JSON:",
    },
    # --- decoder masked self-attention -----------------------------------------
    "decoder.title": {"ko": "디코더 마스크드 셀프 어텐션", "en": "Decoder masked self-attention"},
    "decoder.intro": {
        "ko": (
            "디코더는 영어 번역을 한 단어씩 만듭니다. 디코더 층마다 먼저 오는 이 마스크드 셀프 어텐션에서, 각 단계는 지금까지 읽은 디코더 입력 토큰(<bos>와 이미 만든 단어)만"
            " 볼 수 있습니다. 행과 열은 모두 모델이 직접 만든 번역의 디코더 입력입니다: {tokens}."
        ),
        "en": (
            "The decoder writes the English translation one word at a time. In this masked self-attention, "
            "the first attention of every decoder layer, each step may only look at the decoder input tokens "
            "read so far (<bos> and the words already produced). Rows and columns are the decoder input of "
            "the model's own translation: {tokens}."
        ),
    },
    "decoder.rows": {
        "ko": (
            "**행 읽는 법.** 행 t는 입력 토큰 t를 읽고 출력 토큰 t를 **만드는** 단계입니다. 그래서 행 이름을 ‘읽은 토큰 → 만든 토큰’으로 적었습니다. 예를 들어 "
            "**{example}**{은} ‘{read}’{를} 읽고 ‘{produced}’{를} 만든 단계입니다."
        ),
        "en": "**Reading the rows.** Row t reads input token t and is the step that **produces** output token t, so "
        "rows are labelled ‘read → produced’. For example **{example}** is the step that read ‘{read}’ and produced "
        "‘{produced}’.",
    },
    "decoder.look_for": {
        "ko": "**눈여겨볼 점.** 대각선 위는 언제나 0입니다(아래의 마스크). 바로 앞 토큰을 보는 헤드, <bos>에 가중치를 "
        "모아 두는 헤드(‘볼 것이 없을 때의 쉼터’)를 찾아보세요.",
        "en": "**What to look for.** Above the diagonal is always 0 (the mask below). Find heads that look at the "
        "previous token, and heads that park their weight on <bos> (a resting place when nothing else is useful).",
    },
    "decoder.grid_header": {"ko": "모든 층 × 헤드", "en": "Every layer × head"},
    "decoder.head_header": {"ko": "헤드 하나를 크게 보기", "en": "One head, large"},
    "decoder.mask_header": {"ko": "마스크가 하는 일", "en": "What the mask does"},
    "decoder.mask_why": {
        "ko": (
            "**왜 가리나요?** 디코더는 단어를 하나씩 만듭니다. 학습할 때는 정답 문장 전체를 한 번에 넣기 때문에, 가리지 않으면 단계 t가 아직 만들지 않은 다음 단어를 그대로 "
            "보고 베낄 수 있습니다. 번역할 때는 그 단어가 아직 없습니다. 그래서 키가 쿼리보다 뒤에 있는 칸(대각선 위)의 점수를 소프트맥스 전에 −∞로 바꿉니다. 아래 그림은 "
            "위에서 고른 층·헤드의 실제 숫자를 보여 줍니다."
        ),
        "en": (
            "**Why hide anything?** The decoder produces one word at a time. In training the whole target "
            "sentence goes in at once, so without the mask step t could simply peek at the next word and "
            "copy it; when translating, that word does not exist yet. So every score whose key comes after "
            "its query (above the diagonal) is set to −∞ before the softmax. The charts below show the real "
            "numbers of the layer and head picked above."
        ),
    },
    "decoder.focus_header": {"ko": "단계 하나에 집중하기", "en": "Focus on one step"},
    "decoder.focus_body": {
        "ko": "고른 단계가 어느 입력 토큰을 보았는지, 모든 층·헤드에서 막대로 보여 줍니다. 그 뒤의 토큰은 볼 수 없어서 0입니다.",
        "en": "Which input tokens the chosen step looked at, in every layer and head. Tokens after it are masked: 0.",
    },
    "decoder.lines_header": {"ko": "선으로 보기", "en": "As lines"},
    "decoder.lines_body": {
        "ko": "위에서 고른 층·헤드에서 왼쪽 단계(쿼리)가 오른쪽 입력 토큰(키)을 얼마나 보는지입니다. 선은 언제나 같은 높이나 "
        "위쪽(앞선 토큰)으로만 갑니다.",
        "en": "For the layer and head picked above: how much each step on the left (query) looks at each input token on "
        "the right (key). Lines only ever go level or upwards, to earlier tokens.",
    },
    "decoder.download_header": {"ko": "내려받기", "en": "Download"},
    # --- cross-attention -------------------------------------------------------
    "cross.title": {"ko": "크로스 어텐션", "en": "Cross-attention"},
    "cross.intro": {
        "ko": (
            "크로스 어텐션에서 쿼리는 디코더(영어)에서, 키와 밸류는 인코더가 읽은 한국어 문장에서 옵니다. 그래서 어텐션 맵은 **행이 영어, 열이 한국어**입니다. 행 t는 "
            "디코더가 t번째 영어 토큰을 **만들 때** 한국어 토큰 중 어디를 얼마나 보았는지를 나타냅니다. 행마다 그 위치에서 **만든** 토큰을 이름으로 붙인 것도 이 "
            "때문입니다. 열에는 한국어 토큰이 문장 순서대로 놓입니다."
        ),
        "en": (
            "In cross-attention the queries come from the decoder (English) and the keys and values from the "
            "encoder's reading of the Korean sentence, so the map has **English rows and Korean columns**. "
            "Row t is where the decoder looked among the Korean tokens **while producing** the t-th English "
            "token, so each row is labelled with the token that position **produced**. The columns are the "
            "Korean tokens in sentence order."
        ),
    },
    "cross.translation": {
        "ko": "번역: **{source}** → **{translation}**",
        "en": "Translation: **{source}** → **{translation}**",
    },
    "cross.layer": {"ko": "층", "en": "Layer"},
    "cross.head": {"ko": "헤드", "en": "Head"},
    "cross.picker_help": {
        "ko": "디코더의 각 층에는 크로스 어텐션 헤드가 여러 개 있고, 헤드마다 따로 어디를 볼지 배웁니다. 번호는 0부터 셉니다.",
        "en": "Each decoder layer has several cross-attention heads, each learning on its own where to look. Numbers count from 0.",
    },
    "cross.tab.map": {"ko": "① 어텐션 맵", "en": "① The attention map"},
    "cross.tab.guess": {"ko": "② 맞혀 보고 확인하기", "en": "② Predict, then reveal"},
    "cross.tab.steps": {"ko": "③ 한 단계씩 디코딩", "en": "③ Step through decoding"},
    "cross.tab.heads": {"ko": "④ 정답 정렬과 헤드 점수", "en": "④ Gold alignment and head scores"},
    "cross.axis.korean": {"ko": "한국어 토큰 (키)", "en": "Korean token (key)"},
    "cross.axis.produced": {"ko": "만든 영어 토큰", "en": "English token produced"},
    "cross.axis.read": {"ko": "디코더가 읽은 토큰", "en": "Token the decoder read"},
    "cross.axis.weight": {"ko": "가중치", "en": "Weight"},
    "cross.map.title": {
        "ko": "크로스 어텐션 · 층 {layer} · 헤드 {head}",
        "en": "Cross-attention · layer {layer} · head {head}",
    },
    "cross.map.how_to_read": {
        "ko": "예를 들어 이 헤드는 '{english}'{를} 만들 때 '{korean}'에 가장 큰 가중치({weight}){를} 두었습니다. 칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": (
            "For example: when producing '{english}', this head put the most weight ({weight}) on '{korean}'."
            " Hover a cell for the exact weight."
        ),
    },
    "cross.map.gold_toggle": {"ko": "정답 정렬 테두리 표시", "en": "Outline the gold alignment"},
    "cross.map.gold_legend": {"ko": "정답 정렬", "en": "Gold link"},
    "cross.map.gold_shown": {
        "ko": "노란 테두리를 두른 칸이 정답 정렬, 곧 그 영어 단어로 옮겨진 한국어 토큰입니다. 조사(는, 를 …)에는 영어 짝이 없습니다.",
        "en": "Cells outlined in yellow are the gold alignment: the Korean token each English word translates. "
        "Particles (는, 를, …) have no English partner.",
    },
    "cross.map.sentence_score": {
        "ko": "이 문장에서, 이 헤드가 가장 많이 본 한국어 토큰이 정답 짝인 영어 토큰은 {total}개 중 {hits}개입니다.",
        "en": "In this sentence, {hits} of {total} English tokens look most at their gold partner in this head.",
    },
    "cross.gold.unknown_words": {
        "ko": "정답 정렬을 만들 수 없습니다: '{tokens}'{은} 말뭉치에 없는 단어입니다.",
        "en": "No gold alignment: '{tokens}' is not a word of the corpus.",
    },
    "cross.gold.no_fit": {
        "ko": "정답 정렬을 만들 수 없습니다: 모델의 번역이 말뭉치의 단어 대응으로 설명되지 않습니다(번역이 틀렸을 수 있습니다).",
        "en": "No gold alignment: the model's translation cannot be explained word by word from the corpus "
        "(the translation may be wrong).",
    },
    "cross.gold.no_translation": {
        "ko": "모델이 아무 단어도 만들지 않아서 정렬할 것이 없습니다.",
        "en": "The model produced no words, so there is nothing to align.",
    },
    # A copied word on the map (issue 10 §3).
    "cross.copy.legend": {"ko": "옮겨 온 단어", "en": "copied word"},
    "cross.copy.explained": {
        "ko": "{row}번 행에서 모델은 `<unk>`(모르는 단어)를 썼습니다. 그래서 번역에는 그 순간 어텐션을 가장 많이 "
        "받은 한국어 토큰이 그대로 들어갔습니다: '{word}'. 보라색 테두리 칸이 그 선택입니다. 이 선택은 마지막 층 "
        "헤드들의 평균으로 정하며, 그 평균에서 이 토큰의 가중치는 {weight}입니다. 지금 보는 헤드는 다른 곳을 볼 수도 있습니다.",
        "en": "At row {row} the model wrote `<unk>` (a word it does not know), so the translation copied the Korean "
        "token that row attended to most: '{word}'. The purple outline marks that choice. It is read from the mean "
        "of the last layer's heads, which puts {weight} of its weight there; the head shown may look elsewhere.",
    },
    "cross.focus.header": {"ko": "영어 토큰 하나에 집중하기", "en": "Focus on one English token"},
    "cross.focus.pick": {"ko": "영어 토큰", "en": "English token"},
    "cross.focus.title": {"ko": "'{token}'{을} 만들 때 본 곳", "en": "Where it looked while producing '{token}'"},
    "cross.focus.gold": {"ko": "정답 짝: {partners}", "en": "Gold partner: {partners}"},
    "cross.focus.no_partner": {"ko": "이 토큰에는 정답 짝이 없습니다.", "en": "This token has no gold partner."},
    "cross.grid.header": {"ko": "모든 층 × 헤드", "en": "Every layer × head"},
    "cross.grid.body": {
        "ko": (
            "모든 헤드를 한눈에: 행은 디코더의 각 단계(읽은 토큰 → 만든 토큰), 열은 한국어 토큰입니다. 대각선이 아닌 모양이 보이는 것은 한국어(주어-목적어-동사)와 영어(주어-"
            "동사-목적어)의 어순이 다르기 때문입니다."
        ),
        "en": (
            "Every head at a glance: rows are the decoder's steps (token read → token produced), columns the "
            "Korean tokens. The pattern is not a diagonal because Korean (subject-object-verb) and English "
            "(subject-verb-object) order words differently."
        ),
    },
    "cross.lines.header": {"ko": "선으로 보기", "en": "As lines"},
    "cross.lines.body": {
        "ko": (
            "왼쪽은 영어(쿼리), 오른쪽은 한국어(키)입니다. 선이 굵고 진할수록 가중치가 큽니다. 위에서 고른 영어 토큰의 선만 그리며, ‘모든 토큰의 선 보기’를 켜면 모든 토큰의 "
            "선을 그립니다."
        ),
        "en": "English (queries) on the left, Korean (keys) on the right; the thicker and darker a line, the larger "
        "the weight. Only the English token focused above is drawn, unless you switch on every token.",
    },
    "cross.steps.body": {
        "ko": (
            "디코더는 한 번에 토큰을 하나씩 만듭니다. 단계 t에서 디코더는 지금까지 만든 토큰을 보고(마스크드 셀프 어텐션), 그다음 한국어 문장을 보고(크로스 어텐션), 다음 토큰의"
            " 확률을 냅니다. 그중 확률이 가장 높은 토큰을 고릅니다(그리디 디코딩). 슬라이더를 움직이면 세 그림이 함께 움직입니다."
        ),
        "en": (
            "The decoder produces one token at a time. At step t it looks at what it has produced so far "
            "(masked self-attention), then at the Korean sentence (cross-attention), and gives the next "
            "token's probabilities; it picks the most likely one (greedy decoding). Move the slider and all "
            "three views move together."
        ),
    },
    "cross.steps.slider": {"ko": "디코딩 단계", "en": "Decoding step"},
    "cross.steps.option": {"ko": "{step}: '{token}' 만들기", "en": "{step}: produces '{token}'"},
    "cross.steps.now": {
        "ko": "단계 {step}: 디코더가 '{read}'까지 읽고 '{token}'{을} 만듭니다.",
        "en": "Step {step}: the decoder has read up to '{read}' and produces '{token}'.",
    },
    "cross.steps.self_title": {"ko": "마스크드 셀프 어텐션 (행 {step})", "en": "Masked self-attention (row {step})"},
    "cross.steps.cross_title": {"ko": "크로스 어텐션 (행 {step})", "en": "Cross-attention (row {step})"},
    "cross.steps.top_title": {"ko": "다음 토큰 상위 5개", "en": "Top 5 next tokens"},
    "cross.steps.earlier": {"ko": "앞선 영어 토큰 (디코더 입력)", "en": "Earlier English token (decoder input)"},
    "cross.steps.next_token": {"ko": "다음 토큰", "en": "Next token"},
    "cross.steps.probability": {"ko": "확률", "en": "Probability"},
    "cross.steps.revealed_title": {"ko": "단계 {step}까지의 크로스 어텐션", "en": "Cross-attention up to step {step}"},
    "cross.guess.body": {
        "ko": "아직 어텐션 맵을 보지 않은 헤드나 토큰을 골라 먼저 예상해 보세요. 디코더가 아래 영어 토큰을 만들 때, 어느 한국어 토큰에 가장 큰 가중치를 둘까요?",
        "en": (
            "Pick a token or head whose map you have not studied yet and predict: while producing the English"
            " token below, which Korean token gets the most weight?"
        ),
    },
    "cross.guess.token": {"ko": "영어 토큰", "en": "English token"},
    "cross.guess.which_head": {"ko": "어느 헤드로?", "en": "Which head?"},
    "cross.guess.head_picked": {
        "ko": "위에서 고른 헤드 (층 {layer} · 헤드 {head})",
        "en": "The head picked above (layer {layer} · head {head})",
    },
    "cross.guess.head_best": {
        "ko": "정답 정렬을 가장 잘 따르는 헤드 (층 {layer} · 헤드 {head})",
        "en": "The head that best follows the gold alignment (layer {layer} · head {head})",
    },
    "cross.guess.pick": {"ko": "내 예상", "en": "My guess"},
    "cross.guess.reveal": {"ko": "정답 보기", "en": "Reveal"},
    "cross.guess.waiting": {
        "ko": "한국어 토큰을 하나 고른 뒤 ‘정답 보기’를 누르세요.",
        "en": "Pick a Korean token, then press Reveal.",
    },
    "cross.guess.right": {
        "ko": "맞았습니다! '{english}'{를} 만들 때 가장 큰 가중치({weight}){를} 받은 토큰은 '{answer}'입니다.",
        "en": "Right! While producing '{english}', the most weight ({weight}) went to '{answer}'.",
    },
    "cross.guess.wrong": {
        "ko": (
            "아쉽습니다. '{english}'{를} 만들 때 가장 큰 가중치({weight}){를} 받은 토큰은 '{answer}'입니다. 예상한 '{guess}'의 가중치는 "
            "{guess_weight}입니다."
        ),
        "en": (
            "Not quite. While producing '{english}', the most weight ({weight}) went to '{answer}'; your "
            "guess '{guess}' got {guess_weight}."
        ),
    },
    "cross.guess.gold_match": {
        "ko": "정답 정렬과 일치합니다: '{english}'의 정답 짝은 {partners}입니다. 이 헤드는 지금 옮기는 단어를 보고 있습니다.",
        "en": "This matches the gold alignment: the gold partner of '{english}' is {partners}. The head looks at "
        "the word being translated.",
    },
    "cross.guess.gold_miss": {
        "ko": (
            "정답 정렬과는 다릅니다: '{english}'의 정답 짝은 {partners}입니다. 모든 헤드가 단어 대응을 따르지는 않습니다. 어떤 헤드는 조사나 문장 끝을 보며 문법 "
            "정보(시제, 주어 등)를 모읍니다."
        ),
        "en": (
            "This differs from the gold alignment: the gold partner of '{english}' is {partners}. Not every "
            "head follows word correspondences; some look at particles or the sentence end to gather "
            "grammatical information (tense, subject)."
        ),
    },
    "cross.guess.gold_none": {"ko": "'{english}'에는 정답 짝이 없습니다.", "en": "'{english}' has no gold partner."},
    "cross.guess.why": {
        "ko": "왜 그럴까요? 키가 디코더의 쿼리(지금 만들려는 것)와 가장 비슷한 한국어 토큰이 소프트맥스에서 가장 큰 몫을 받기 때문입니다.",
        "en": (
            "Why? The Korean token whose key is most similar to the decoder's query (what it is about to "
            "produce) gets the largest share of the softmax."
        ),
    },
    "cross.heads.body": {
        "ko": (
            "각 헤드를 정답 정렬과 비교합니다. 정답 정렬은 말뭉치 생성기가 알고 있는 정보로, 어떤 한국어 토큰이 어떤 영어 토큰으로 옮겨졌는지를 나타냅니다. 테스트 문장 "
            "{count}개로 재며, 이때 디코더에는 정답 영어 번역을 넣습니다(teacher forcing)."
        ),
        "en": "Each head is compared with the gold alignment (which Korean token became which English token, known "
        "from the corpus generator), on the {count} test sentences with the reference English fed to the decoder "
        "(teacher forcing).",
    },
    "cross.heads.definitions": {
        "ko": "- **적중률**: 정답 짝이 있는 영어 토큰 중, 그 헤드가 가장 많이 본 한국어 토큰이 정답 짝인 비율 (높을수록 좋음).\n"
        "- **AER** (정렬 오류율): 각 영어 토큰의 최댓값 칸을 예측 정렬 A, 정답을 S로 두고 1 − 2|A∩S| / (|A| + |S|) "
        "(낮을수록 좋음). 이 말뭉치에서는 영어 토큰마다 정답 짝이 하나라 1 − 적중률과 같습니다.\n"
        "- **정답 가중치**: 영어 토큰이 정답 짝에 둔 가중치의 평균 (부드러운 점수).",
        "en": "- **Hit rate**: of the English tokens with a gold partner, the share whose most-weighted Korean token "
        "is a gold partner (higher is better).\n"
        "- **AER** (alignment error rate): with each English token's argmax cell as the predicted links A and gold "
        "as S, 1 − 2|A∩S| / (|A| + |S|) (lower is better). Here every English token has exactly one gold partner, "
        "so it equals 1 − hit rate.\n"
        "- **Gold weight**: the mean weight English tokens put on their gold partners (a soft score).",
    },
    "cross.heads.best": {
        "ko": "가장 잘 정렬하는 헤드: **층 {layer} · 헤드 {head}** (적중률 {hit_rate}, AER {aer}).",
        "en": "Best-aligned head: **layer {layer} · head {head}** (hit rate {hit_rate}, AER {aer}).",
    },
    "cross.heads.column.hit_rate": {"ko": "적중률", "en": "Hit rate"},
    "cross.heads.column.aer": {"ko": "AER", "en": "AER"},
    "cross.heads.column.gold_mass": {"ko": "정답 가중치", "en": "Gold weight"},
    "cross.heads.column.best": {"ko": "최고", "en": "Best"},
    "cross.heads.best_mark": {"ko": "★ 최고", "en": "★ best"},
    "cross.heads.sentence_header": {"ko": "이 문장에서의 점수", "en": "Scores on this sentence"},
    "cross.heads.unavailable": {
        "ko": "이 모델은 생성된 테스트 문장의 단어를 몰라서 헤드 점수를 낼 수 없습니다.",
        "en": "This model does not know the words of the generated test sentences, so its heads cannot be scored.",
    },
    "cross.heads.other_corpus": {
        "ko": "이 모델은 다른 문장 쌍으로 학습되었습니다. 모델이 아는 단어로만 된 생성 테스트 문장으로 점수를 매기며, "
        "그중 일부는 학습 때 본 문장일 수 있습니다.",
        "en": "This model was trained on other sentence pairs; it is scored on the generated test sentences whose "
        "words it knows, some of which it may have seen in training.",
    },
    # word order, seen (ui/word_order_sections.py; issue 13 §4)
    "cross.order.header": {"ko": "어순을 눈으로 보기", "en": "Word order, seen"},
    "cross.order.body": {
        "ko": "한국어는 주어-목적어-동사(SOV), 영어는 주어-동사-목적어(SVO) 순서입니다. 위에는 한국어 문장, 아래에는 "
        "영어 번역을 차례대로 놓고, 영어 단어마다 이 헤드가 가장 많이 본 한국어 토큰으로 선을 그었습니다. "
        "다른 선과 엇갈리는 선은 주황색입니다. 단어를 한 자리씩 차례로 바꿔 적는 고정된 번역으로는 순서를 이렇게 "
        "뒤바꿀 수 없습니다. 어텐션은 영어 단어를 만들 때마다 한국어 문장의 어느 자리든 볼 수 있어서 순서를 바꿀 수 있습니다.",
        "en": "Korean puts subject, object, verb (SOV); English subject, verb, object (SVO). The Korean sentence "
        "runs along the top and the English translation along the bottom, each in order, with a line from each "
        "English word to the Korean token this head weights most. Lines that cross another are orange. A fixed "
        "word-by-word translation, which writes each word in the place of the one it replaces, cannot reorder like "
        "this; attention can, because each English word may look anywhere in the Korean sentence.",
    },
    "cross.order.title": {"ko": "어순 · 층 {layer} · 헤드 {head}", "en": "Word order · layer {layer} · head {head}"},
    "cross.order.korean": {"ko": "한국어", "en": "Korean"},
    "cross.order.english": {"ko": "영어", "en": "English"},
    "cross.order.crossing": {"ko": "다른 선과 엇갈림", "en": "crosses another line"},
    "cross.order.straight": {"ko": "순서 그대로", "en": "keeps the order"},
    "cross.order.count": {
        "ko": "영어 단어 {total}개 중 {crossing}개의 선이 다른 선과 엇갈립니다.",
        "en": "{crossing} of the {total} English words' lines cross another line.",
    },
    # alignment as the literature scores it (ui/alignment_sections.py; issue 13 §2)
    "cross.aer.header": {"ko": "연구에서 하듯 정렬 채점하기", "en": "Alignment as the research scores it"},
    "cross.aer.body": {
        "ko": "정렬 연구는 정답 짝을 두 가지로 나눕니다. **확실한 짝**(S)은 꼭 맞혀야 하는 짝이고, "
        "**가능한 짝**(P)은 맞혀도 틀리지 않은 짝입니다. 여기서는 조사(는, 를, 에서 …)가 제 명사의 영어 단어와 "
        "맺는 짝, 그리고 관사(‘a’, ‘the’)가 명사와 맺는 짝이 가능한 짝입니다. 각 영어 단어에서 가장 많이 본 한국어 "
        "토큰을 예측 정렬 A로 두고 Och & Ney(2003)의 점수를 냅니다. 정밀도 = |A∩P| / |A|, 재현율 = |A∩S| / |S|, "
        "**AER** = 1 − (|A∩S| + |A∩P|) / (|A| + |S|) (낮을수록 좋음). 테스트 세트 {count}문장, 헤드마다 그리고 "
        "층마다 헤드 평균으로 잽니다. 제목을 눌러 정렬할 수 있습니다.",
        "en": "Alignment research splits gold links in two: **sure** links (S) must be found, **possible** links "
        "(P) are not wrong if found. Here a particle's link (는, 를, 에서, …) to its noun's English word and an "
        "article's link (a, the) to its noun are possible. Each English word's most-watched Korean token is the "
        "predicted alignment A, scored as Och & Ney (2003) do: precision = |A∩P| / |A|, recall = |A∩S| / |S|, "
        "**AER** = 1 − (|A∩S| + |A∩P|) / (|A| + |S|) (lower is better), on the {count} sentences of the test set, "
        "per head and per layer average. Click a column title to sort.",
    },
    "cross.aer.shift_toggle": {
        "ko": "Shift-Att로 읽기 (Chen 외, EMNLP 2020)",
        "en": "Shift-Att reading (Chen et al., EMNLP 2020)",
    },
    "cross.aer.shift_help": {
        "ko": "보통은 영어 단어를 만드는 단계의 행으로 정렬을 읽습니다. Shift-Att는 그 단어가 디코더의 입력으로 "
        "들어오는 다음 단계의 행으로 읽습니다.",
        "en": "Usually an English word is aligned by the row of the step that produces it. Shift-Att reads the row "
        "of the next step, where that word is the decoder's input.",
    },
    "cross.aer.layer_average": {"ko": "평균", "en": "mean"},
    "cross.aer.column.precision": {"ko": "정밀도", "en": "Precision"},
    "cross.aer.column.recall": {"ko": "재현율", "en": "Recall"},
    "cross.aer.column.aer": {"ko": "AER", "en": "AER"},
    "cross.aer.winner.standard": {
        "ko": "이 모델에서는 보통 읽기가 이깁니다 (가장 낮은 AER: 보통 읽기 {standard}, Shift-Att {shift}). "
        "이 모델은 영어 단어를 만들 바로 그 순간에 그 단어의 한국어 짝을 봅니다.",
        "en": "For this model the standard reading wins: lowest AER {standard} against {shift} with Shift-Att. "
        "The model looks at a word's Korean partner at the very step it writes that word.",
    },
    "cross.aer.winner.shift": {
        "ko": "이 모델에서는 Shift-Att 읽기가 이깁니다 (가장 낮은 AER: Shift-Att {shift}, 보통 읽기 {standard}). "
        "Chen 외가 본 큰 모델처럼, 단어를 쓴 뒤 그 단어를 입력으로 읽을 때 한국어 짝을 봅니다.",
        "en": "For this model the Shift-Att reading wins: lowest AER {shift} against {standard} in the standard "
        "reading. Like the large models Chen et al. studied, it looks at a word's Korean partner once the word is "
        "its input.",
    },
    "cross.aer.garg.same": {
        "ko": "Garg 외(EMNLP 2019)는 끝에서 두 번째 디코더 층(여기서는 층 {garg})의 헤드 평균으로 정렬을 읽습니다. "
        "이 모델에서 가장 잘 정렬하는 헤드 평균도 바로 그 층입니다 (층 {best}, AER {aer}).",
        "en": "Garg et al. (EMNLP 2019) read the alignment from the penultimate decoder layer's head average: here "
        "layer {garg}. It is also this model's best layer average (layer {best}, AER {aer}).",
    },
    "cross.aer.garg.differs": {
        "ko": "Garg 외(EMNLP 2019)는 끝에서 두 번째 디코더 층(여기서는 층 {garg})의 헤드 평균으로 정렬을 읽습니다. "
        "그런데 이 모델에서 가장 잘 정렬하는 헤드 평균은 다른 층입니다 (층 {best}, AER {aer}). "
        "층이 몇 개 안 되는 작은 모델에서는 마지막 층이 정렬을 맡기도 합니다.",
        "en": "Garg et al. (EMNLP 2019) read the alignment from the penultimate decoder layer's head average: here "
        "layer {garg}, but this model's best layer average is layer {best} (AER {aer}). In a model this small the "
        "last layer can do the aligning.",
    },
    "cross.aer.no_gold": {
        "ko": "이 모델은 생성된 말뭉치로 학습되지 않아 정답 짝이 없으므로, AER을 낼 수 없습니다.",
        "en": "This model was not trained on the generated corpus, so there are no gold links to score an AER against.",
    },
    # compare two sentences (ui/compare_sections.py; issue 13 §5)
    "cross.tab.compare": {"ko": "⑥ 두 문장 비교", "en": "⑥ Compare"},
    # what each head does (ui/head_roles_sections.py; issue 13 §3)
    "cross.roles.header": {"ko": "헤드마다 하는 일", "en": "What each head does"},
    "cross.roles.body": {
        "ko": "세 종류 어텐션의 모든 헤드를 테스트 세트 {count}문장으로 잽니다.\n"
        "- **확신도** (Voita 외, ACL 2019): 쿼리마다 가장 큰 가중치의 평균. 1에 가까우면 헤드가 매번 한 토큰에 집중하고, "
        "낮으면 여러 토큰에 고루 퍼뜨립니다. 디코더 쪽에서는 `<eos>`를 쓰는 행을 빼고 잽니다.\n"
        "- **패턴**: 간단한 규칙(바로 앞 토큰, 자기 자신, 조사 → 명사, 동사 → 목적어, 한국어와 영어의 어순이 엇갈리는 "
        "정답 정렬, 한국어를 왼쪽에서 오른쪽으로 차례로 훑기)이 그 헤드 가중치의 {threshold}보다 많이 맞을 때만 적습니다.",
        "en": "Every head of the three kinds of attention, measured on the {count} sentences of the test set.\n"
        "- **Confidence** (Voita et al., ACL 2019): the mean of the largest weight per query. Near 1 the head "
        "focuses on one token each time; low, it spreads its weight. On the decoder side the row that writes "
        "`<eos>` is left out.\n"
        "- **Pattern**: written only where a simple rule (the previous token, the token itself, particle → noun, "
        "verb → object, the gold alignment where Korean and English order cross, moving left to right over the "
        "Korean) holds for more than {threshold} of the head's weight.",
    },
    "cross.roles.no_gold": {
        "ko": "이 모델에는 정답 정렬이 없어서, 정답 정렬이 필요한 패턴(조사 → 명사, 동사 → 목적어, 엇갈리는 정렬)은 재지 않았습니다.",
        "en": "This model has no gold alignment, so the patterns that need one (particle → noun, verb → object, "
        "crossing alignment) are not measured.",
    },
    "cross.roles.column.kind": {"ko": "종류", "en": "Kind"},
    "cross.roles.column.confidence": {"ko": "확신도", "en": "Confidence"},
    "cross.roles.column.pattern": {"ko": "패턴", "en": "Pattern"},
    "cross.roles.pattern.previous_token": {"ko": "바로 앞 토큰을 봄", "en": "attends to the previous token"},
    "cross.roles.pattern.diagonal": {"ko": "자기 자신을 봄 (대각선)", "en": "attends to the token itself (diagonal)"},
    "cross.roles.pattern.start_token": {
        "ko": "첫 디코더 입력 <bos>를 봄",
        "en": "attends to <bos>, the first decoder input",
    },
    "cross.roles.pattern.particle_to_noun": {"ko": "조사가 제 명사를 봄", "en": "a particle attends to its noun"},
    "cross.roles.pattern.verb_to_object": {"ko": "동사가 목적어를 봄", "en": "the verb attends to its object"},
    "cross.roles.pattern.crossing": {
        "ko": "한국어와 영어의 어순이 엇갈리는 곳에서도 정답 정렬을 따라감",
        "en": "follows the word alignment where Korean and English order cross",
    },
    "cross.roles.pattern.monotone": {
        "ko": "한국어를 왼쪽에서 오른쪽으로 차례로 훑음",
        "en": "moves monotonically left to right over the Korean",
    },
    "cross.roles.described": {
        "ko": "헤드 {total}개 중 {described}개에서 한 가지 패턴이 뚜렷합니다. 나머지는 한 가지 규칙으로 설명되지 않습니다.",
        "en": "{described} of {total} heads show one clear pattern; the rest are not described by a single rule.",
    },
    "cross.prune.header": {"ko": "헤드를 하나씩 꺼 보기", "en": "Pruning heads one at a time"},
    "cross.prune.body": {
        "ko": "헤드가 정말 다 필요할까요? 먼저 헤드를 하나씩만 꺼서 테스트 세트 완전 일치가 얼마나 떨어지는지 재고"
        "(그 헤드의 중요도), 덜 중요한 헤드부터 차례로 꺼 나갑니다. 중요도가 같으면 확신도가 낮은 헤드를 먼저 끕니다 "
        "(Michel 외, NeurIPS 2019, 「Are Sixteen Heads Really Better than One?」; Voita 외, ACL 2019). "
        "계산에 수십 초가 걸릴 수 있어 버튼을 누를 때만 합니다. 한 번 계산하면 이 서버의 모든 사용자가 바로 봅니다.",
        "en": "Does the model need all its heads? First each head alone is switched off to measure how much test "
        "exact match drops (its importance); then heads are switched off cumulatively, least important first, "
        'ties by lower confidence (Michel et al., NeurIPS 2019, "Are Sixteen Heads Really Better than One?"; '
        "Voita et al., ACL 2019). It can take tens of seconds, so it runs only on request; once computed, everyone "
        "on this server sees it at once.",
    },
    "cross.prune.button": {"ko": "헤드 하나씩 꺼 보기", "en": "Prune heads one at a time"},
    "cross.prune.computing": {
        "ko": "헤드를 하나씩 끄며 테스트 세트를 다시 채점하는 중… (수십 초 걸릴 수 있습니다)",
        "en": "Switching heads off one at a time and rescoring the test set… (this can take tens of seconds)",
    },
    "cross.prune.exact_match": {"ko": "테스트 완전 일치", "en": "test exact match"},
    "cross.prune.axis.pruned": {"ko": "끈 헤드 수", "en": "heads pruned"},
    "cross.prune.needed": {
        "ko": "모든 헤드를 켰을 때 완전 일치는 {full}입니다. 헤드 {pruned}개를 꺼도 {tolerance} 안쪽으로 유지되니, "
        "이 모델에 정말 필요한 헤드는 {total}개 중 **{needed}개**입니다 (점선).",
        "en": "With every head on, exact match is {full}. It stays within {tolerance} with {pruned} heads switched "
        "off, so this model really needs **{needed} of its {total} heads** (the dashed line).",
    },
    "cross.prune.measured": {
        "ko": "테스트 세트 {count}문장, 계산 {seconds}초.",
        "en": "{count} test sentences; computed in {seconds} s.",
    },
    # "Is attention an explanation?" (ui/explanation_sections.py; issue 13 §1)
    "cross.tab.explain": {"ko": "⑤ 이 어텐션은 설명일까?", "en": "⑤ Is attention an explanation?"},
    "cross.explain.body": {
        "ko": "어텐션 맵은 모델이 어디를 봤는지 보여 줍니다. 그런데 많이 본 곳이 곧 번역에 쓴 곳일까요? "
        "'이 영어 단어를 만들 때 어떤 한국어 토큰이 중요했나?'라는 같은 질문에 네 가지 방법으로 답하고 비교해 봅니다.\n"
        "- **어텐션 가중치**: 위에서 고른 헤드(또는 그 층 헤드들의 평균)의 가중치 α.\n"
        "- **‖α·v‖**: 가중치에, 그 토큰이 실제로 보내는 밸류 벡터의 크기를 곱한 것 "
        "(Kobayashi 외, EMNLP 2020, 「Attention is not only a weight」). 가중치가 커도 밸류 벡터가 작으면 전해지는 정보는 적습니다.\n"
        "- **롤아웃**: 모든 층의 어텐션을 잔차 연결과 함께 차례로 곱해, 정보가 층을 거쳐 어디에서 왔는지 따라갑니다 "
        "(Abnar & Zuidema, ACL 2020). 모델 전체의 성질이라 고른 헤드와 상관없습니다.\n"
        "- **하나씩 빼 보기** (leave-one-out): 어텐션을 전혀 쓰지 않는 방법입니다. 한국어 토큰 하나를 지우고, "
        "같은 영어 단어가 나올 확률이 얼마나 떨어지는지 잽니다. 음수라면 그 토큰이 없을 때 오히려 더 확신한다는 뜻입니다.",
        "en": "An attention map shows where the model looked. But is where it looked what it used? Four methods "
        'answer the same question, "which Korean tokens mattered for this English word?", side by side:\n'
        "- **Attention weight**: the weights α of the head picked above (or the mean of that layer's heads).\n"
        "- **‖α·v‖**: the weight times the size of the value vector that token actually sends (Kobayashi et al., "
        'EMNLP 2020, "Attention is not only a weight"). A large weight on a small value vector passes on little.\n'
        "- **Rollout**: the attention of every layer multiplied in turn, residual connections included, to follow "
        "where the information came from through the layers (Abnar & Zuidema, ACL 2020). It belongs to the whole "
        "model, so the picked head does not change it.\n"
        "- **Leave-one-out**: no attention at all. Remove one Korean token and measure how much the probability of "
        "the same English word drops. A negative value means the model is surer without that token.",
    },
    "cross.explain.method.attention": {"ko": "어텐션 가중치", "en": "attention weight"},
    "cross.explain.method.value_norm": {"ko": "‖α·v‖", "en": "‖α·v‖"},
    "cross.explain.method.rollout": {"ko": "롤아웃", "en": "rollout"},
    "cross.explain.method.leave_one_out": {"ko": "하나씩 빼 보기", "en": "leave-one-out"},
    "cross.explain.which": {"ko": "비교할 어텐션", "en": "Attention to compare"},
    "cross.explain.picked_head": {"ko": "층 {layer} · 헤드 {head}", "en": "Layer {layer} · head {head}"},
    "cross.explain.layer_average": {"ko": "층 {layer} · 헤드 평균", "en": "Layer {layer} · mean of its heads"},
    "cross.explain.word": {"ko": "영어 단어", "en": "English word"},
    "cross.explain.chart_title": {
        "ko": "영어 단어 '{english}' — 중요했던 한국어 토큰",
        "en": "Which Korean tokens mattered for '{english}'",
    },
    "cross.explain.axis.relative": {"ko": "상대 중요도 (최대 = 1)", "en": "relative importance (largest = 1)"},
    "cross.explain.axis.method": {"ko": "방법", "en": "method"},
    "cross.explain.scaled": {
        "ko": "네 방법은 단위가 달라서, 방법마다 가장 큰 절댓값이 1이 되도록 나누었습니다. "
        "원래 값은 막대에 마우스를 올리면 보입니다.",
        "en": "The four methods have different units, so each is divided by its largest absolute value. "
        "Hover over a bar for the value itself.",
    },
    "cross.explain.agreement_header": {"ko": "네 방법은 얼마나 일치할까?", "en": "How far do the four agree?"},
    "cross.explain.agreement_body": {
        "ko": "**순위 상관**(스피어만 ρ): 두 방법이 한국어 토큰을 같은 순서로 줄 세우면 1, 정반대면 −1, "
        "서로 관계가 없으면 0 근처입니다. 이 문장의 영어 단어 {count}개에 대한 평균, 고른 단어 하나의 값, "
        "그리고 두 방법이 꼽은 가장 중요한 토큰이 같았던 단어의 비율을 보여 줍니다. "
        "별로 중요하지 않은 토큰들의 순서는 잡음에 가까우니, 1위 일치도 함께 보세요.",
        "en": "**Rank correlation** (Spearman's ρ): 1 when two methods order the Korean tokens the same way, −1 "
        "when they order them in reverse, near 0 when the orders are unrelated. Shown: the mean over this "
        "sentence's {count} English words, the value for the picked word, and the share of words for which the "
        "two methods name the same most important token. The order of tokens that barely matter is close to "
        "noise, so read the top-token agreement too.",
    },
    "cross.explain.column.pair": {"ko": "방법 쌍", "en": "Method pair"},
    "cross.explain.column.mean": {"ko": "평균 ρ (이 문장)", "en": "Mean ρ (this sentence)"},
    "cross.explain.column.word": {"ko": "ρ (고른 단어)", "en": "ρ (picked word)"},
    "cross.explain.column.same_top": {"ko": "1위 토큰 일치", "en": "Same top token"},
    "cross.explain.reading.high": {
        "ko": "이 문장에서는 어텐션 가중치와 하나씩 빼 보기가 잘 맞습니다 (평균 ρ = {rho}). "
        "이 모델이 많이 보는 토큰이 실제로 번역에 필요한 토큰이라는 뜻입니다.",
        "en": "Here attention and leave-one-out agree well (mean ρ = {rho}): the tokens this model looks at "
        "are the tokens it needs.",
    },
    "cross.explain.reading.medium": {
        "ko": "이 문장에서는 어텐션 가중치와 하나씩 빼 보기가 어느 정도만 맞습니다 (평균 ρ = {rho}). "
        "가장 많이 본 토큰은 대체로 중요하지만, 나머지 순서까지 믿을 수는 없습니다.",
        "en": "Here attention and leave-one-out agree only in part (mean ρ = {rho}): the most-watched token "
        "tends to matter, but the order of the rest cannot be trusted.",
    },
    "cross.explain.reading.low": {
        "ko": "이 문장에서는 어텐션 가중치와 하나씩 빼 보기가 거의 맞지 않습니다 (평균 ρ = {rho}). "
        "이 어텐션 맵만으로는 모델이 무엇을 썼는지 말할 수 없습니다.",
        "en": "Here attention and leave-one-out hardly agree (mean ρ = {rho}): this attention map alone does not "
        "say what the model used.",
    },
    "cross.explain.reading.undefined": {
        "ko": "순위 상관을 낼 수 없습니다. 한국어 토큰이 둘 이상이고 값이 모두 같지 않아야 순서를 비교할 수 있습니다.",
        "en": "No rank correlation can be computed: comparing orders needs at least two Korean tokens whose "
        "values are not all equal.",
    },
    "cross.explain.literature": {
        "ko": "연구자들도 이 질문으로 논쟁했습니다. Jain & Wallace(NAACL 2019, 「Attention is not Explanation」)는 "
        "어텐션이 기울기나 하나씩 빼 보기로 잰 중요도와 약하게만 상관하는 경우가 많다는 것을 보이고, "
        "어텐션 맵만 보고 모델이 무엇을 썼는지 말해서는 안 된다고 했습니다. Wiegreffe & Pinter(EMNLP 2019, "
        "「Attention is not not Explanation」)는 어텐션도 설명이 될 수 있지만, 그렇다고 가정하지 말고 "
        "여기처럼 다른 방법과 맞대어 시험해 봐야 한다고 답했습니다.",
        "en": 'Researchers argued over this question. Jain & Wallace (NAACL 2019, "Attention is not Explanation") '
        "showed that attention often correlates only weakly with importance measured by gradients or leave-one-out, "
        "so an attention map alone should not be read as what the model used. Wiegreffe & Pinter (EMNLP 2019, "
        '"Attention is not not Explanation") answered that attention can be an explanation, but one to be tested '
        "against other methods, as here, not assumed.",
    },
    "cross.explain.computing": {"ko": "네 가지 중요도를 계산하는 중…", "en": "Computing the four importances…"},
    "cross.explain.no_words": {
        "ko": "모델이 영어 단어를 하나도 만들지 않아서 비교할 것이 없습니다.",
        "en": "The model wrote no English word, so there is nothing to compare.",
    },
    "cross.export.header": {"ko": "내려받기", "en": "Download"},
    # --- under the hood --------------------------------------------------------
    "hood.title": {"ko": "내부 계산 들여다보기", "en": "Under the hood"},
    "hood.intro": {
        "ko": (
            "학습된 모델의 어텐션 헤드 하나를 골라, 모델이 실제로 쓰는 숫자로 한 단계씩 다시 계산합니다. 층 입력 x → W_q(이 헤드에 해당하는 열) → q → K → 점수 "
            "q·K → √d_k로 나누기 → 마스크 → 소프트맥스 → V → 가중합. 마지막에 모델이 직접 계산한 이 헤드의 출력과 비교합니다."
        ),
        "en": "Pick one attention head of the trained model and recompute it step by step with the numbers the "
        "model really uses: the layer input x → W_q (this head's slice) → q → K → scores q·K → ÷√d_k → mask → "
        "softmax → V → weighted sum. At the end it is compared with the model's own output for that head.",
    },
    "hood.kind": {"ko": "어텐션 종류", "en": "Attention kind"},
    "hood.kind.encoder_self": {"ko": "인코더 셀프 어텐션", "en": "Encoder self-attention"},
    "hood.kind.decoder_self": {"ko": "디코더 마스크드 셀프 어텐션", "en": "Decoder masked self-attention"},
    "hood.kind.cross": {"ko": "크로스 어텐션", "en": "Cross-attention"},
    "hood.layer": {"ko": "층", "en": "Layer"},
    "hood.head": {"ko": "헤드", "en": "Head"},
    "hood.query": {"ko": "쿼리 토큰", "en": "Query token"},
    "hood.query_option_decoder": {
        "ko": "{position}: {token} → {produced} 만들기",
        "en": "{position}: {token} → produces {produced}",
    },
    "hood.what_if.header": {"ko": "만약에? (계산 바꿔 보기)", "en": "What if? (change the math)"},
    "hood.what_if.body": {
        "ko": (
            "아래 설정을 바꾸면 이 헤드의 계산만 다시 합니다. 층 입력은 모델이 실제로 계산한 그대로 두므로, ‘이 헤드 하나만 그렇게 계산했다면’ 어떻게 되는지를 보여 줍니다. 뒤의"
            " 층이 어떻게 달라지는지까지 보여 주지는 않습니다. 기본값으로 두면 모델의 계산과 똑같습니다."
        ),
        "en": "These settings change the recomputation of this head only. The layer input stays what the model "
        "really computed, so you see what this one head would do, not what later layers would make of it. At "
        "their defaults the recomputation is the model's own computation.",
    },
    "hood.what_if.scale": {"ko": "√d_k로 나누기", "en": "Divide by √d_k"},
    "hood.what_if.scale_help": {
        "ko": "끄면 점수를 √d_k로 나누지 않습니다. 그러면 점수가 커져서 소프트맥스가 한 키에 몰립니다.",
        "en": "Off: the scores are not divided by √d_k; they grow and the softmax piles onto one key.",
    },
    "hood.what_if.causal": {"ko": "인과 마스크 (디코더)", "en": "Causal mask (decoder)"},
    "hood.what_if.causal_help": {
        "ko": "디코더 셀프 어텐션에서만 쓰입니다. 끄면 디코더가 아직 만들지 않은 뒤쪽 토큰까지 볼 수 있다고 가정합니다.",
        "en": "Used by decoder self-attention only. Off: the decoder could look ahead at tokens it has not "
        "produced yet.",
    },
    "hood.what_if.temperature": {"ko": "소프트맥스 온도", "en": "Softmax temperature"},
    "hood.what_if.temperature_help": {
        "ko": "소프트맥스 전에 점수를 온도로 나눕니다. 1보다 작으면 한 키로 쏠리고, 1보다 크면 허용된 키에 고르게 퍼집니다.",
        "en": "The scores are divided by the temperature before the softmax: below 1 sharper, above 1 flatter, "
        "towards equal weights on every allowed key.",
    },
    "hood.what_if.on": {
        "ko": "가정 계산입니다. ‘만약에?’ 설정이 바뀌어 있으므로({changes}) 아래 가중치와 출력은 모델이 실제로 쓰는 숫자가 아닙니다.",
        "en": "Hypothetical: a what-if is on ({changes}), so the weights and output below are not the numbers "
        "the model really uses.",
    },
    "hood.what_if.no_scale": {"ko": "√d_k로 나누지 않음", "en": "not divided by √d_k"},
    "hood.what_if.no_causal": {"ko": "인과 마스크 없음", "en": "no causal mask"},
    "hood.what_if.temperature_value": {"ko": "온도 {temperature}", "en": "temperature {temperature}"},
    "hood.step.x.header": {"ko": "1. 층 입력 x", "en": "1. The layer input x"},
    "hood.step.x.body.encoder_self": {
        "ko": (
            "인코더 층 {layer}의 셀프 어텐션이 받는 입력입니다(LayerNorm을 거친 토큰 벡터, 길이 {d_model}). 셀프 어텐션이라 쿼리, 키, 밸류가 모두 이 "
            "x에서 나옵니다. 선택한 쿼리 토큰의 행은 ‘{query}’입니다."
        ),
        "en": "What the self-attention of encoder layer {layer} receives: the token vectors after LayerNorm "
        "(length {d_model}). It is self-attention, so queries, keys and values all come from this x. The "
        "query token's row is {query}.",
    },
    "hood.step.x.body.decoder_self": {
        "ko": (
            "디코더 층 {layer}의 마스크드 셀프 어텐션이 받는 입력입니다(LayerNorm을 거친 디코더 토큰 벡터, 길이 {d_model}). 쿼리, 키, 밸류가 모두 이 "
            "x에서 나옵니다. 선택한 쿼리 토큰의 행은 ‘{query}’입니다."
        ),
        "en": "What the masked self-attention of decoder layer {layer} receives: the decoder's token vectors after "
        "LayerNorm (length {d_model}). Queries, keys and values all come from this x. The query token's row is "
        "{query}.",
    },
    "hood.step.x.body.cross": {
        "ko": (
            "디코더 층 {layer}의 크로스 어텐션이 받는 쿼리 입력입니다(LayerNorm을 거친 디코더 토큰 벡터, 길이 {d_model}). 선택한 쿼리 토큰의 행은 "
            "‘{query}’입니다. 키와 밸류는 아래 두 번째 표, 즉 인코더의 출력(한국어 토큰)에서 나옵니다."
        ),
        "en": "The query input of the cross-attention of decoder layer {layer}: the decoder's token vectors after "
        "LayerNorm (length {d_model}). The query token's row is {query}. Keys and values come from the second "
        "table: the encoder's output (the Korean tokens).",
    },
    "hood.numbers": {"ko": "{name}의 숫자 {count}개 보기", "en": "Show the {count} numbers of {name}"},
    "hood.numbers.w_and_b": {"ko": "W_q와 b_q", "en": "W_q and b_q"},
    "hood.step.x.query_table": {"ko": "x (쿼리 쪽)", "en": "x (query side)"},
    "hood.step.x.key_table": {"ko": "인코더 출력 (키·밸류 쪽)", "en": "Encoder output (key and value side)"},
    "hood.step.wq.header": {"ko": "2. W_q: 이 헤드에 해당하는 열", "en": "2. W_q: this head's columns"},
    "hood.step.wq.body": {
        "ko": (
            "이 층의 W_q는 {d_model}×{d_model} 행렬이고, 헤드 {head}{는} 그중 출력 열 {start}–{end}{를} "
            "씁니다({d_model}×{d_head}). PyTorch의 nn.Linear는 가중치를 (출력, 입력) 모양으로 저장하고 x·Wᵀ + b를 계산하므로, 여기서는 전치해서 "
            "x·W_q + b_q 꼴로 보여 줍니다. 편향 b_q도 함께 더합니다."
        ),
        "en": "This layer's W_q is {d_model}×{d_model}; head {head} uses its output columns {start}–{end} "
        "({d_model}×{d_head}). PyTorch's nn.Linear stores its weight as (out, in) and computes x·Wᵀ + b, so "
        "the slice is shown transposed, as in x·W_q + b_q. The bias b_q is added too.",
    },
    "hood.step.wq.bias": {"ko": "편향 b_q", "en": "Bias b_q"},
    "hood.step.q.header": {"ko": "3. q = x·W_q + b_q", "en": "3. q = x·W_q + b_q"},
    "hood.step.q.body": {
        "ko": "쿼리 토큰({query})의 벡터(길이 d_k = {d_head}). 모델이 기록한 q와의 차이: 최대 {difference}.",
        "en": "The vector of the query token {query} (length d_k = {d_head}). Largest difference from the q the "
        "model recorded: {difference}.",
    },
    "hood.step.k.header": {"ko": "4. K = x·W_k + b_k", "en": "4. K = x·W_k + b_k"},
    "hood.step.k.body.self": {
        "ko": "모든 키 토큰의 벡터를 같은 방법으로, 이 헤드에 해당하는 W_k의 열로 만듭니다. 모델이 기록한 K와의 차이: 최대 {difference}.",
        "en": (
            "Every key token's vector, made the same way with this head's columns of W_k. Largest difference "
            "from the K the model recorded: {difference}."
        ),
    },
    "hood.step.k.body.cross": {
        "ko": "크로스 어텐션의 키는 인코더 출력(한국어 토큰)에 이 헤드에 해당하는 W_k의 열을 곱해 만듭니다. 모델이 기록한 K와의 차이: 최대 {difference}.",
        "en": (
            "Cross-attention's keys are the encoder output (the Korean tokens) times this head's columns of "
            "W_k. Largest difference from the K the model recorded: {difference}."
        ),
    },
    "hood.step.scores.header": {
        "ko": "5. 점수 q·K → √d_k로 나누기 → 마스크 → 소프트맥스",
        "en": "5. Scores q·K → ÷√d_k → mask → softmax",
    },
    "hood.step.scores.body": {
        "ko": (
            "q와 각 키의 내적이 점수입니다. 점수를 √d_k = √{d_head} ≈ {sqrt_d:.2f}{로} 나누고, 마스크가 막는 키의 점수를 −∞로 바꾼 뒤, 온도 "
            "{temperature}{로} 나누고 소프트맥스를 취하면 합이 1인 가중치가 됩니다."
        ),
        "en": (
            "The dot product of q with each key is its score. Divide by √d_k = √{d_head} ≈ {sqrt_d:.2f}, set "
            "the keys the mask blocks to −∞, divide by the temperature ({temperature}), and the softmax turns"
            " the row into weights that sum to 1."
        ),
    },
    "hood.mask.encoder_self": {
        "ko": "마스크: 인코더는 패딩만 가립니다. 한 문장에는 패딩이 없으니 모든 키를 볼 수 있습니다.",
        "en": "Mask: the encoder hides padding only; one sentence has no padding, so every key is allowed.",
    },
    "hood.mask.decoder_self": {
        "ko": "마스크: 인과 마스크입니다. 위치 {query}의 토큰은 위치 0–{query}만 볼 수 있고, 뒤의 토큰은 −∞가 되어 "
        "가중치 0을 받습니다.",
        "en": "Mask: the causal mask. The token at position {query} may look at positions 0–{query} only; later "
        "tokens get −∞ and so weight 0.",
    },
    "hood.mask.decoder_self_off": {
        "ko": "마스크: 인과 마스크를 끈 가정입니다. 디코더가 뒤의 토큰까지 봅니다(실제 모델은 이렇게 하지 않습니다).",
        "en": "Mask: the causal mask is off (a what-if): the decoder looks ahead at later tokens, which the real "
        "model never does.",
    },
    "hood.mask.cross": {
        "ko": "마스크: 크로스 어텐션은 인코더 쪽 패딩만 가립니다. 한 문장에는 패딩이 없으니 모든 한국어 토큰을 볼 수 "
        "있습니다.",
        "en": "Mask: cross-attention hides the encoder's padding only; one sentence has none, so every Korean "
        "token is allowed.",
    },
    "hood.col.key": {"ko": "키 토큰", "en": "Key token"},
    "hood.col.position": {"ko": "위치", "en": "Position"},
    "hood.col.score": {"ko": "q·k", "en": "q·k"},
    "hood.col.scaled": {"ko": "÷√d_k", "en": "÷√d_k"},
    "hood.col.unscaled": {"ko": "(√d_k로 나누지 않음)", "en": "(not divided by √d_k)"},
    "hood.col.allowed": {"ko": "볼 수 있음", "en": "Allowed"},
    "hood.col.masked": {"ko": "마스크 후", "en": "After mask"},
    "hood.col.weight": {"ko": "소프트맥스 가중치", "en": "Softmax weight"},
    "hood.col.model_weight": {"ko": "모델의 가중치", "en": "Model's weight"},
    "hood.col.what_if_weight": {"ko": "가정 가중치", "en": "What-if weight"},
    "hood.col.what_if_output": {"ko": "가정 출력", "en": "What-if output"},
    "hood.col.change": {"ko": "변화", "en": "Change"},
    "hood.col.dimension": {"ko": "차원", "en": "Dimension"},
    "hood.col.recomputed": {"ko": "다시 계산", "en": "Recomputed"},
    "hood.col.model": {"ko": "모델", "en": "Model"},
    "hood.col.difference": {"ko": "|차이|", "en": "|Difference|"},
    "hood.scores_chart_title": {"ko": "점수가 바뀌는 과정", "en": "The scores, step by step"},
    "hood.bars_title": {"ko": "소프트맥스 가중치", "en": "Softmax weights"},
    "hood.head_map_title": {"ko": "헤드 전체의 어텐션 (모델)", "en": "The whole head's attention (model)"},
    "hood.head_map_body": {
        "ko": "위에서 계산한 것은 이 맵의 한 행(쿼리 {query})입니다.",
        "en": "The row computed above is one row of this map (query {query}).",
    },
    "hood.axis.key": {"ko": "키", "en": "Key"},
    "hood.axis.query": {"ko": "쿼리", "en": "Query"},
    "hood.axis.step": {"ko": "단계", "en": "Step"},
    "hood.axis.weight": {"ko": "가중치", "en": "Weight"},
    "hood.step.v.header": {"ko": "6. V = x·W_v + b_v", "en": "6. V = x·W_v + b_v"},
    "hood.step.v.body": {
        "ko": "밸류는 키와 같은 입력에 이 헤드에 해당하는 W_v의 열을 곱해 만듭니다. 모델이 기록한 V와의 차이: 최대 {difference}.",
        "en": (
            "The values come from the same input as the keys, times this head's columns of W_v. Largest "
            "difference from the V the model recorded: {difference}."
        ),
    },
    "hood.step.sum.header": {"ko": "7. 가중합: Σ 가중치 × v", "en": "7. The weighted sum: Σ weight × v"},
    "hood.step.sum.body": {
        "ko": "각 밸류 벡터에 그 키의 가중치를 곱해 모두 더하면 이 헤드의 출력이 됩니다(마지막 행).",
        "en": "Each value vector times its key's weight, all added up: the head's output (last row).",
    },
    "hood.sum_row": {"ko": "Σ = 출력", "en": "Σ = output"},
    "hood.check.header": {"ko": "8. 모델의 출력과 비교", "en": "8. Compared with the model's own output"},
    "hood.check.body": {
        "ko": "모델이 정방향 계산 중에 이 헤드의 출력으로 기록한 값(AttentionRecord.head_outputs)과, 위에서 다시 계산한 출력을 차원별로 나란히 놓았습니다.",
        "en": "The output the model recorded for this head in its forward pass (AttentionRecord.head_outputs), "
        "next to the recomputed one, dimension by dimension.",
    },
    "hood.check.ok": {
        "ko": (
            "✓ 일치합니다. 가장 큰 차이(출력 {output_difference}, 가중치 {weights_difference})도 허용 오차 {tolerance} 이하입니다. 위의 "
            "계산이 모델이 실제로 하는 계산입니다."
        ),
        "en": "✓ They match: the largest difference is {output_difference} in the output and {weights_difference} "
        "in the weights, within the tolerance of {tolerance}. The steps above are what the model really computes.",
    },
    "hood.check.bad": {
        "ko": "✗ 차이가 허용 오차 {tolerance}보다 큽니다(출력 {output_difference}, 가중치 {weights_difference}).",
        "en": "✗ The difference exceeds the tolerance of {tolerance} (output {output_difference}, weights "
        "{weights_difference}).",
    },
    "hood.check.what_if": {
        "ko": (
            "가정 계산이라 모델과 다릅니다. 아래는 ‘만약에?’ 설정이 바꾼 가중치와 출력입니다(가장 큰 변화: 가중치 {weights_difference}, 출력 "
            "{output_difference}). 설정을 기본값으로 돌리면 다시 모델과 같아집니다."
        ),
        "en": "Hypothetical, so it differs from the model. Below: how the what-if changed the weights and the "
        "output (largest change: {weights_difference} in the weights, {output_difference} in the output). Set "
        "the what-ifs back to their defaults and it equals the model again.",
    },
    "hood.what_if.bars_model": {"ko": "모델의 가중치", "en": "The model's weights"},
    "hood.what_if.bars_what_if": {"ko": "가정한 가중치", "en": "What-if weights"},
    "hood.what_if.map_model": {"ko": "모델 (실제)", "en": "Model (real)"},
    "hood.what_if.map_what_if": {"ko": "가정 (만약에)", "en": "What-if (hypothetical)"},
    "hood.ablation.header": {"ko": "헤드 끄기 (어블레이션)", "en": "Switch heads off (ablation)"},
    "hood.ablation.body": {
        "ko": (
            "고른 헤드의 출력을 0으로 만드는 헤드 마스크를 정방향 계산에 넘겨 다시 번역합니다. 모델 자체는 바뀌지 않습니다. 어떤 헤드가 번역에 꼭 필요한지 알아보세요. 예: 층 "
            "0의 크로스 어텐션 헤드를 모두 꺼 보세요."
        ),
        "en": "The chosen heads are silenced by a head mask passed to the forward pass (their output set to 0), "
        "and the sentence is translated again; the model itself is never changed. Find out which heads the "
        "translation needs, e.g. switch off every cross-attention head of layer 0.",
    },
    "hood.ablation.heads": {"ko": "끌 헤드", "en": "Heads to switch off"},
    "hood.ablation.placeholder": {"ko": "헤드를 고르세요", "en": "Choose heads"},
    "hood.ablation.quick": {"ko": "{kind} · 층 {layer} 모두 끄기", "en": "{kind} layer {layer}: all off"},
    "hood.ablation.clear": {"ko": "모두 다시 켜기", "en": "All back on"},
    "hood.kind_short.encoder_self": {"ko": "인코더 셀프", "en": "Encoder self"},
    "hood.kind_short.decoder_self": {"ko": "디코더 셀프", "en": "Decoder self"},
    "hood.kind_short.cross": {"ko": "크로스", "en": "Cross"},
    "hood.ablation.head_option": {
        "ko": "{kind} · 층 {layer} · 헤드 {head}",
        "en": "{kind} · layer {layer} · head {head}",
    },
    "hood.ablation.before": {"ko": "모든 헤드 켬", "en": "Every head on"},
    "hood.ablation.after": {"ko": "고른 헤드 끔", "en": "Chosen heads off"},
    "hood.ablation.empty": {"ko": "(빈 번역)", "en": "(empty translation)"},
    "hood.ablation.none_off": {
        "ko": "아직 끈 헤드가 없습니다. 위에서 헤드를 고르면 번역과 맵이 어떻게 바뀌는지 보여 줍니다.",
        "en": "No head is off yet. Choose heads above to see how the translation and the maps change.",
    },
    "hood.ablation.changed": {"ko": "번역이 바뀌었습니다.", "en": "The translation changed."},
    "hood.ablation.unchanged": {
        "ko": "번역은 그대로입니다(맵과 확률은 달라졌을 수 있습니다).",
        "en": "The translation is the same (the maps and probabilities may still have changed).",
    },
    "hood.ablation.map_layer": {"ko": "비교할 크로스 어텐션 층", "en": "Cross-attention layer to compare"},
    "hood.ablation.map_head": {"ko": "비교할 헤드", "en": "Head to compare"},
    "hood.ablation.map_title": {
        "ko": "{state} · 크로스 어텐션 · 층 {layer} · 헤드 {head}",
        "en": "{state} · cross-attention · layer {layer} · head {head}",
    },
    "hood.ablation.map_note": {
        "ko": "꺼진 헤드도 가중치는 계산되지만 그 출력이 0이 되어 다음 계산에 쓰이지 않습니다.",
        "en": "A head that is off still computes its weights, but its output is set to 0 and nothing after it "
        "uses them.",
    },
    "hood.ablation.exact_header": {"ko": "테스트 세트 완전 일치", "en": "Test-set exact match"},
    "hood.ablation.exact_body": {
        "ko": "학습에서 본 적 없는 조합으로 된 테스트 문장 {count}개 가운데, 번역이 정답과 토큰 하나까지 같은 문장의 비율입니다.",
        "en": "The share of the {count} test sentences (combinations never seen in training) translated exactly, "
        "token for token.",
    },
    "hood.ablation.measuring": {"ko": "테스트 세트를 번역하는 중…", "en": "Translating the test set…"},
    "hood.ablation.exact_waiting": {
        "ko": "헤드를 끄면 그 상태로 테스트 세트 전체를 번역해 완전 일치를 잽니다.",
        "en": "Switch heads off and the whole test set is translated with them off to measure the exact match.",
    },
    "hood.ablation.exact_waiting_recorded": {
        "ko": "이 모델을 학습한 직후, 모든 헤드를 켠 상태의 완전 일치는 {recorded}입니다. 헤드를 끄면 그 상태로 테스트 세트 전체를 번역해 다시 잽니다.",
        "en": (
            "With every head on, this model's exact match right after training was {recorded}. Switch heads "
            "off and the whole test set is translated with them off to measure it again."
        ),
    },
    "hood.ablation.exact_unavailable": {
        "ko": "이 모델은 여기서 만드는 말뭉치와 다른 말뭉치(예: 업로드한 문장 쌍이나 이전 버전의 말뭉치)로 학습되어 "
        "테스트 세트를 알 수 없습니다.",
        "en": (
            "This model was trained on a corpus other than the one generated here (e.g. uploaded pairs, or an"
            " earlier version of the corpus), so its test set is not known."
        ),
    },
    "hood.download_steps": {"ko": "단계 표", "en": "Steps table"},
    # --- links to a view (ui/view_link.py, ui/links.py) --------------------------
    "links.copy_button": {"ko": "이 화면의 링크 복사", "en": "Copy link to this view"},
    "links.copy_body": {
        "ko": "이 주소를 보내면 받는 사람도 같은 문장의 같은 층, 같은 헤드, 같은 토큰을 봅니다. "
        "상자 오른쪽 위의 버튼을 누르면 복사됩니다.",
        "en": "Send this address and whoever opens it sees this view: the same sentence, layer, head and token. "
        "The button at the box's top right copies it.",
    },
    "links.sentence_refused": {
        "ko": "링크에 담긴 문장은 이 모델이 읽을 수 없어서 지금 문장을 그대로 보여 줍니다.",
        "en": "This model cannot read the link's sentence, so the current sentence stays.",
    },
    "links.bad_sentence": {
        "ko": "링크에 담긴 문장이 비어 있거나, 너무 길거나(최대 {max_characters}자), 쓸 수 없는 문자가 들어 있습니다. "
        "지금 문장을 그대로 보여 줍니다.",
        "en": "The link's sentence is empty, too long (at most {max_characters} characters) or holds characters "
        "that cannot be used; the current sentence stays.",
    },
    "links.bad_lang": {
        "ko": "링크의 언어 설정(`lang`)은 `ko` 또는 `en`이어야 합니다. 지금 언어로 보여 줍니다.",
        "en": "The link's language (`lang`) must be `ko` or `en`; the page stays in the current language.",
    },
    "links.bad_layer": {
        "ko": "링크가 가리키는 층은 이 모델에 없습니다(있는 층: 0–{last}). 층 0을 보여 줍니다.",
        "en": "The link names a layer this model does not have (its layers are 0–{last}); showing layer 0.",
    },
    "links.bad_head": {
        "ko": "링크가 가리키는 헤드는 이 모델에 없습니다(있는 헤드: 0–{last}). 헤드 0을 보여 줍니다.",
        "en": "The link names a head this model does not have (its heads are 0–{last}); showing head 0.",
    },
    "links.bad_token": {
        "ko": "링크가 가리키는 토큰 위치는 이 문장에 없습니다(있는 위치: 0–{last}). 기본 위치를 보여 줍니다.",
        "en": "The link names a token position this sentence does not have (its positions are 0–{last}); "
        "showing the default one.",
    },
    "links.bad_step": {
        "ko": "링크가 가리키는 디코딩 단계는 이 번역에 없습니다(있는 단계: 0–{last}). 첫 단계를 보여 줍니다.",
        "en": "The link names a decoding step this translation does not have (its steps are 0–{last}); "
        "showing the first one.",
    },
    "links.bad_tab": {
        "ko": "링크가 가리키는 탭은 이 페이지에 없어서 첫 번째 탭을 보여 줍니다.",
        "en": "The link names a tab this page does not have; showing the first one.",
    },
    "links.repeated": {
        "ko": "링크에 `{name}` 값이 여러 번 들어 있어서 기본값으로 보여 줍니다.",
        "en": "The link gives `{name}` more than once; showing its default.",
    },
    # Under the hood's links: the kind of attention and the what-ifs.
    "links.copy_body_hood": {
        "ko": "이 주소를 보내면 받는 사람도 같은 문장의 같은 어텐션 종류, 층, 헤드, 쿼리 토큰을 "
        "같은 ‘만약에?’ 설정(√d_k로 나누기, 인과 마스크, 온도)으로 봅니다. "
        "상자 오른쪽 위의 버튼을 누르면 복사됩니다.",
        "en": "Send this address and whoever opens it sees this view: the same sentence, attention kind, layer, "
        "head and query token, with the same what-ifs (√d_k, causal mask, temperature). "
        "The button at the box's top right copies it.",
    },
    "links.bad_kind": {
        "ko": "링크의 어텐션 종류(`kind`)는 {kinds} 중 하나여야 합니다. 기본값인 {default} 어텐션을 보여 줍니다.",
        "en": "The link's attention kind (`kind`) must be one of {kinds}; showing the default one ({default}).",
    },
    "links.bad_scale": {
        "ko": "링크의 `scale` 값은 `on` 또는 `off`여야 합니다. √d_k로 나누는 원래 계산을 보여 줍니다.",
        "en": "The link's `scale` must be `on` or `off`; showing the real computation, divided by √d_k.",
    },
    "links.bad_causal": {
        "ko": "링크의 `causal` 값은 `on` 또는 `off`여야 합니다. 인과 마스크를 켠 원래 계산을 보여 줍니다.",
        "en": "The link's `causal` must be `on` or `off`; showing the real computation, with the causal mask.",
    },
    "links.bad_temperature": {
        "ko": "링크의 온도(`temperature`)는 {low}–{high} 사이에서 {step} 간격의 숫자여야 합니다. "
        "기본값인 온도 {default}{로} 보여 줍니다.",
        "en": "The link's temperature (`temperature`) must be a number from {low} to {high} in steps of {step}; "
        "showing the default temperature ({default}).",
    },
    # --- export ----------------------------------------------------------------
    "export.csv": {"ko": "CSV", "en": "CSV"},
    "export.csv_help": {
        "ko": "이 그림에 그려진 행 그대로의 표 (UTF-8, 엑셀에서 한글이 깨지지 않게 BOM 포함).",
        "en": "Exactly the rows this chart draws, one per cell (UTF-8 with a BOM so Excel shows Hangul).",
    },
    "export.svg": {"ko": "SVG", "en": "SVG"},
    "export.svg_help": {"ko": "그림을 벡터 이미지(SVG)로 내려받기", "en": "Download the chart as a vector image (SVG)"},
    "export.png": {"ko": "PNG", "en": "PNG"},
    "export.png_help": {
        "ko": "그림을 PNG 이미지로 내려받기 (2배 해상도)",
        "en": "Download the chart as a PNG image (2x resolution)",
    },
    "export.images_unavailable": {
        "ko": "이 서버에는 vl-convert-python이 없어 그림 파일(SVG/PNG)은 만들 수 없습니다. CSV는 내려받을 수 있습니다.",
        "en": "Chart images (SVG/PNG) need vl-convert-python, which this server lacks; the CSV still works.",
    },
    "export.json": {"ko": "이 문장의 모든 어텐션 (JSON)", "en": "All of this sentence's attention (JSON)"},
    "export.json_help": {
        "ko": "`python -m model.translate --json`과 같은 형식: 토큰과 모든 층·헤드의 맵 ([층][헤드][쿼리][키]).",
        "en": "The format of `python -m model.translate --json`: the tokens and every layer's and head's map ([layer][head][query][key]).",
    },
    # --- errors ----------------------------------------------------------------
    "errors.sentence_empty": {
        "ko": "문장이 비어 있습니다. 한국어 문장을 입력하세요.",
        "en": "The sentence is empty. Type a Korean sentence.",
    },
    "errors.sentence_too_long": {
        "ko": "문장이 너무 깁니다. 토큰 {max_tokens}개, 글자 {max_characters}자까지 받습니다.",
        "en": "The sentence is too long: at most {max_tokens} tokens and {max_characters} characters.",
    },
    "errors.sentence_no_known_words": {
        "ko": "모델이 아는 단어가 하나도 없습니다. 예문의 단어를 써 보세요.",
        "en": "The model knows none of these words. Try words from the examples.",
    },
    "errors.sentence_no_korean": {
        "ko": "한국어(한글) 단어가 없습니다. 이 모델은 한국어 문장을 영어로 번역합니다.",
        "en": "There are no Korean (Hangul) words. This model translates Korean sentences into English.",
    },
    "errors.sentence_only_particles": {
        "ko": "조사(은, 는, 을, 를, 에서, 이다 …)만 있습니다. 명사나 동사가 있는 문장을 입력하세요.",
        "en": "The sentence holds only particles (은, 는, 을, 를, 에서, 이다, …). Type a sentence with a noun or a verb.",
    },
    "errors.sentence_limits": {
        "ko": "최대 토큰 {max_tokens}개, 글자 {max_characters}자.",
        "en": "At most {max_tokens} tokens and {max_characters} characters.",
    },
    "errors.sentence_other": {
        "ko": "이 문장은 번역할 수 없습니다: {message}",
        "en": "This sentence cannot be translated: {message}",
    },
    "errors.sentence_kept": {
        "ko": "이전 문장을 그대로 씁니다: {sentence}",
        "en": "Keeping the previous sentence: {sentence}",
    },
    "errors.checkpoint_missing": {"ko": "체크포인트 파일이 없습니다.", "en": "The checkpoint file is missing."},
    "errors.checkpoint_not_safetensors": {
        "ko": "safetensors 체크포인트가 아닙니다.",
        "en": "This is not a safetensors checkpoint.",
    },
    "errors.checkpoint_truncated": {
        "ko": "파일이 잘려 있습니다(업로드가 끝나지 않았거나 손상됨).",
        "en": "The file is truncated (incomplete or damaged).",
    },
    "errors.checkpoint_bad_metadata": {
        "ko": "체크포인트의 메타데이터(설정, 어휘, 기록)가 올바르지 않습니다.",
        "en": "The checkpoint's metadata (configuration, vocabularies, history) is not valid.",
    },
    "errors.checkpoint_shape_mismatch": {
        "ko": "가중치의 모양이 체크포인트의 모델 설정과 맞지 않습니다.",
        "en": "The weights' shapes do not match the checkpoint's model configuration.",
    },
    "errors.checkpoint_bad_weights": {
        "ko": "가중치에 유한하지 않은 값(NaN 또는 무한대)이 들어 있습니다.",
        "en": "The weights hold values that are not finite numbers (NaN or infinity).",
    },
    "errors.checkpoint_too_large": {"ko": "파일이나 모델이 너무 큽니다.", "en": "The file or the model is too large."},
    "errors.checkpoint_pickle": {
        "ko": "pickle 파일은 안전하지 않아 열지 않습니다. safetensors 파일만 받습니다.",
        "en": "Pickle files are unsafe and are never opened; only safetensors files are accepted.",
    },
    # checkpoint error codes added with the fuzzing of issue 15
    "errors.checkpoint_bad_dtype": {
        "ko": "가중치가 부동소수점 수가 아니라 정수나 불리언으로 저장되어 있습니다.",
        "en": "The weights are stored as integers or booleans, not as floating-point numbers.",
    },
    "errors.checkpoint_weights_too_large": {
        "ko": "가중치에 학습으로는 나올 수 없을 만큼 큰 값이 들어 있습니다.",
        "en": "The weights hold values far larger than any training produces.",
    },
    "errors.checkpoint_other": {
        "ko": "체크포인트를 열 수 없습니다: {message}",
        "en": "The checkpoint cannot be opened: {message}",
    },
    "errors.checkpoint_kept": {"ko": "쓰던 모델을 그대로 씁니다.", "en": "Keeping the model you had."},
    "errors.no_model": {
        "ko": "모델을 불러오지 못했습니다: {reason} 학습 페이지에서 모델을 학습하거나 체크포인트를 업로드하세요.",
        "en": "The model could not be loaded: {reason} Train one on the Train page or upload a checkpoint.",
    },
}


def render(template: str, fields: dict) -> str:
    """`template.format(**fields)`, with each particle field (`{은}`, `{를}`, …) chosen for the text before it."""
    written: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        written.append(literal)
        if name is None:
            continue
        if name in PARTICLES:
            written.append(particle_for("".join(written), name))
            continue
        value, _ = _FORMATTER.get_field(name, (), fields)
        value = _FORMATTER.convert_field(value, conversion)
        written.append(_FORMATTER.format_field(value, render(spec, fields) if "{" in spec else spec))
    return "".join(written)


def value_fields(template: str) -> set[str]:
    """The names of the values a template needs (its particle fields are not values)."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name and name not in PARTICLES}


def text(key: str, language: str, **fields) -> str:
    """The string for `key` in `language`, with `fields` filled in and its particles chosen."""
    template = TEXTS[key][language]
    return render(template, fields) if fields else template
