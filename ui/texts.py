"""Every visible string of the app, in Korean and English, in one table.

`TEXTS[key]` maps a language code ("ko" or "en") to the string. Keys are dotted:
`<page or area>.<what>`, e.g. `basics.title`. Strings may hold `str.format`
fields (`{count}`), filled by `text(key, language, count=3)`.

Sections below are grouped by page so that several people can add strings at once;
add new keys inside your page's section.
"""

LANGUAGES = ("ko", "en")
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}

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
        "ko": "모든 페이지가 이 모델의 어텐션을 보여 줍니다. 기본 모델은 저장소에 들어 있는 사전 학습 모델입니다.",
        "en": "Every page shows this model's attention. The default is the pretrained model shipped with the app.",
    },
    "sidebar.model_shipped": {"ko": "기본 제공 모델", "en": "Shipped model"},
    "sidebar.model_session": {"ko": "이번 세션에서 학습한 모델", "en": "Trained in this session"},
    "sidebar.model_uploaded": {"ko": "업로드한 모델 ({name})", "en": "Uploaded ({name})"},
    "sidebar.model_card": {
        "ko": "파라미터 {parameters}개 · 테스트 완전 일치 {exact_match}",
        "en": "{parameters} parameters · test exact match {exact_match}",
    },
    "sidebar.upload": {"ko": "체크포인트 업로드 (.safetensors)", "en": "Upload a checkpoint (.safetensors)"},
    "sidebar.upload_help": {
        "ko": "학습 페이지에서 내려받은 파일을 올리면 그 모델로 바꿉니다. 파일은 이 세션에서만 쓰입니다.",
        "en": "A file downloaded from the Train page; the app switches to it. It is used in this session only.",
    },
    "sidebar.upload_loaded": {"ko": "'{name}'을(를) 불러왔습니다.", "en": "Loaded '{name}'."},
    "sidebar.sentence": {"ko": "살펴볼 문장", "en": "Sentence under study"},
    "sidebar.examples": {"ko": "예문 고르기", "en": "Pick an example"},
    "sidebar.examples_placeholder": {"ko": "직접 입력한 문장", "en": "Your own sentence"},
    "sidebar.typed": {"ko": "또는 한국어 문장 입력", "en": "Or type a Korean sentence"},
    "sidebar.typed_help": {
        "ko": "Enter를 누르면 바뀝니다. 모든 페이지가 이 문장을 씁니다.",
        "en": "Press Enter to use it. Every page studies this sentence.",
    },
    "sidebar.tokens": {"ko": "모델이 읽는 토큰", "en": "Tokens the model reads"},
    "sidebar.tokens_legend": {
        "ko": "파란색은 어휘에 있는 토큰, 주황색(?)은 모르는 토큰입니다.",
        "en": "Blue tokens are in the vocabulary; orange ones (?) are unknown.",
    },
    "sidebar.unknown_one": {
        "ko": "'{tokens}'은(는) 모델의 어휘에 없어서 `<unk>`(모르는 단어)로 읽힙니다.",
        "en": "'{tokens}' is not in the model's vocabulary; it is read as `<unk>` (unknown).",
    },
    "sidebar.unknown_many": {
        "ko": "{tokens}은(는) 모델의 어휘에 없어서 각각 `<unk>`(모르는 단어)로 읽힙니다.",
        "en": "{tokens} are not in the model's vocabulary; each is read as `<unk>` (unknown).",
    },
    "sidebar.translation": {"ko": "번역: **{translation}**", "en": "Translation: **{translation}**"},
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
            "어텐션은 문장의 각 단어가 다른 모든 단어를 얼마나 참고할지 스스로 정하는 방법입니다. "
            "이 앱은 블로그 글 「Attention의 원리와 계산과정」의 순서대로 어텐션을 한 단계씩 설명하고, "
            "실제로 학습된 작은 한국어→영어 트랜스포머를 열어 그 모델이 배운 어텐션 가중치를 하나하나 보여 줍니다."
        ),
        "en": (
            "Attention is how each word of a sentence decides how much to look at every other word. "
            "This lab explains it step by step, in the order of the Korean blog post "
            "“Attention의 원리와 계산과정” (how attention works and what it computes), then opens up a real, "
            "tiny Korean→English transformer and shows every attention weight it learned."
        ),
    },
    "home.offline": {
        "ko": "모든 계산은 이 앱 안에서 이루어집니다. 모델은 CPU에서 1분 안에 학습될 만큼 작고, 미리 학습된 모델이 이미 불려 와 있습니다.",
        "en": "Everything is computed right here: the model is small enough to train on a CPU in under a minute, and a pretrained one is already loaded.",
    },
    "home.try_header": {"ko": "지금 살펴보는 문장", "en": "The sentence under study"},
    "home.try_caption": {
        "ko": "사이드바에서 문장을 바꾸면 모든 페이지가 그 문장을 씁니다.",
        "en": "Change it in the sidebar; every page follows.",
    },
    "home.path_header": {"ko": "페이지 순서", "en": "The path through the pages"},
    "home.path_basics": {
        "ko": "처음부터: 가중합, 내적, 쿼리·키·값, 행렬 계산까지 숫자를 바꿔 가며 따라가기.",
        "en": "From scratch: weighted sums, dot products, query, key and value, and the matrix form, with numbers you can change.",
    },
    "home.path_train": {
        "ko": "말뭉치를 둘러보고 직접 모델을 학습하며 손실, 정확도, 어텐션이 바뀌는 모습 보기.",
        "en": "Browse the corpus and train your own model; watch loss, accuracy and attention change as it learns.",
    },
    "home.path_encoder": {
        "ko": "한국어 단어들이 서로를 어떻게 보는지: 인코더의 모든 층과 헤드.",
        "en": "How the Korean words look at each other: every layer and head of the encoder.",
    },
    "home.path_decoder": {
        "ko": "영어 단어가 앞의 단어들을 어떻게 돌아보는지, 그리고 뒤를 보지 못하게 하는 마스크.",
        "en": "How each English word looks back at the words before it, and the mask that stops it looking ahead.",
    },
    "home.path_cross": {
        "ko": "영어 단어를 하나씩 만들 때 디코더가 한국어 문장의 어디를 보는지, 한 단계씩.",
        "en": "Where the decoder looks in the Korean sentence while producing each English word, step by step.",
    },
    "home.path_under_the_hood": {
        "ko": "헤드 하나의 실제 숫자: x, W_q, q, K, 점수, √d_k, 마스크, 소프트맥스, V, 출력.",
        "en": "One head's real numbers: x, W_q, q, K, scores, √d_k, mask, softmax, V and the output.",
    },
    "home.model_header": {"ko": "불러온 모델", "en": "The loaded model"},
    "home.model_source": {"ko": "출처: {source}", "en": "Source: {source}"},
    "home.card_parameters": {"ko": "파라미터", "en": "Parameters"},
    "home.card_layers": {"ko": "층 (인코더 / 디코더)", "en": "Layers (encoder / decoder)"},
    "home.card_heads": {"ko": "층마다 헤드", "en": "Heads per layer"},
    "home.card_d_model": {"ko": "d_model (벡터 폭)", "en": "d_model (vector width)"},
    "home.card_vocabularies": {"ko": "어휘 (한국어 / 영어)", "en": "Vocabulary (Korean / English)"},
    "home.card_exact_match": {"ko": "테스트 완전 일치", "en": "Test exact match"},
    "home.card_exact_match_help": {
        "ko": "학습에서 본 적 없는 (주어, 동사, 목적어) 조합의 문장 가운데 번역이 정답과 토큰 하나까지 같은 비율.",
        "en": "Share of test sentences, built from (subject, verb, object) combinations never seen in training, translated exactly right.",
    },
    "home.card_training": {"ko": "학습 (스텝 / 초)", "en": "Training (steps / seconds)"},
    "home.card_created": {"ko": "만든 시각: {created}", "en": "Created {created}"},
    # --- attention basics ------------------------------------------------------
    "basics.title": {"ko": "어텐션 기초", "en": "Attention basics"},
    "basics.intro": {
        "ko": "블로그 글 「Attention의 원리와 계산과정」의 순서를 그대로 따라가며, 모든 숫자를 직접 바꿔 봅니다. "
        "준비물(가중치 행렬, 가중합, 내적) → 쿼리와 키 → 밸류 → 행렬 계산 → 세 종류의 어텐션 순서입니다.",
        "en": "This page follows the post “Attention의 원리와 계산과정” (how attention works and is computed) step "
        "by step, and every number on it is live. Prerequisites (weight matrices, weighted sums, dot products) → "
        "query and key → value → the matrix form → the three kinds of attention.",
    },
    "basics.prereq.header": {"ko": "1. 준비물", "en": "1. Prerequisites"},
    "basics.matrix_keeps.header": {
        "ko": "가중치 행렬은 정보를 간직한다",
        "en": "A weight matrix keeps the information",
    },
    "basics.matrix_keeps.body": {
        "ko": "벡터에 가중치 행렬 W를 곱해도 결과는 여전히 그 벡터에 **관한** 것입니다. 단어 ‘student’의 임베딩 x에 W를 "
        "곱한 xW는 다른 공간에 놓인 ‘student’의 표현일 뿐, 다른 단어가 되지 않습니다. 그래서 어텐션은 같은 x에서 "
        "W_q, W_k, W_v로 쿼리·키·밸류라는 세 가지 ‘관점’을 만들 수 있습니다.",
        "en": "Multiplying a vector by a weight matrix W gives a result that is still **about** that vector: "
        "xW for the embedding x of “student” is “student” described in another space, not another word. "
        "That is why attention can make three “views” of the same x — query, key and value — with W_q, W_k and W_v.",
    },
    "basics.weighted.header": {
        "ko": "가중합은 가중치만큼 정보를 섞는다",
        "en": "A weighted sum mixes information by its weights",
    },
    "basics.weighted.body": {
        "ko": "C = w·A + (1 − w)·B 이면 C는 A의 정보를 w만큼, B의 정보를 1 − w만큼 담습니다. "
        "슬라이더로 w를 움직이면 C가 A와 B 사이를 이동합니다.",
        "en": "If C = w·A + (1 − w)·B, C holds w of A's information and 1 − w of B's. "
        "Move w with the slider and watch C travel between A and B.",
    },
    "basics.weighted.slider": {"ko": "A의 가중치 w (B의 가중치는 1 − w)", "en": "weight w of A (B gets 1 − w)"},
    "basics.weighted.result": {
        "ko": "A = {a}, B = {b}\n\nC = {weight_a}·A + {weight_b}·B = **{c}**\n\n"
        "C는 A의 정보를 {percent_a}%, B의 정보를 {percent_b}% 담고 있습니다.",
        "en": "A = {a}, B = {b}\n\nC = {weight_a}·A + {weight_b}·B = **{c}**\n\n"
        "C holds {percent_a}% of A and {percent_b}% of B.",
    },
    "basics.dot.header": {"ko": "내적은 닮은 정도를 잰다", "en": "A dot product measures similarity"},
    "basics.dot.body": {
        "ko": "u·v = u₁v₁ + u₂v₂ 는 두 벡터가 같은 방향을 가리킬수록 크고, 관계가 없으면 0 근처, 반대 방향이면 음수입니다. "
        "글의 두 예시로 시작합니다. 숫자를 바꿔 보세요.",
        "en": "u·v = u₁v₁ + u₂v₂ is large when two vectors point the same way, near 0 when they are unrelated and "
        "negative when they point apart. It starts at the post's two examples; change the numbers.",
    },
    "basics.dot.pair": {"ko": "**예시 {number}**", "en": "**Example {number}**"},
    "basics.dot.result": {"ko": "{u}·{v} = {arithmetic}", "en": "{u}·{v} = {arithmetic}"},
    "basics.dot.typo": {
        "ko": "참고: 원문은 두 번째 예시의 계산식을 잘못 적었습니다. 바른 식은 (2×-5)+(3×2) = -10 + 6 = -4 입니다.",
        "en": "Note: the post prints the second example's arithmetic with a typo; the correct line is "
        "(2×-5)+(3×2) = -10 + 6 = -4.",
    },
    "basics.qk.header": {"ko": "2. 쿼리와 키", "en": "2. Query and key"},
    "basics.qk.body": {
        "ko": "쿼리 q 하나를 키 네 개와 비교합니다. 각 키와의 내적(점수)을 구하고, exp를 취한 뒤 그 합으로 나누면 "
        "합이 1인 가중치가 됩니다. 이것이 softmax입니다.",
        "en": "One query q is compared with four keys: a dot product (score) with each key, then exp, then divide "
        "by the sum — weights that add up to 1. That is the softmax.",
    },
    "basics.qk.vectors": {"ko": "q = {query}\n\n{keys}", "en": "q = {query}\n\n{keys}"},
    "basics.predict.question": {
        "ko": "먼저 예측해 보세요: 어느 키가 가장 큰 가중치를 받을까요?",
        "en": "Predict first: which key will get the most weight?",
    },
    "basics.predict.reveal": {"ko": "정답 보기", "en": "Reveal"},
    "basics.predict.waiting": {
        "ko": "키를 하나 고른 뒤 ‘정답 보기’를 누르면 softmax 계산과 다음 단계가 나타납니다.",
        "en": "Pick a key, then press “Reveal” to see the softmax and the next step.",
    },
    "basics.predict.right": {"ko": "정답입니다: {winner}.", "en": "Right: {winner}."},
    "basics.predict.wrong": {
        "ko": "아쉽습니다. 고른 키: {guess}, 정답: {winner}.",
        "en": "Not quite: not {guess} but {winner}.",
    },
    "basics.predict.explain": {
        "ko": "점수가 가장 큰 키는 {winner}입니다 (q·{winner} = {winner_score}, 가중치 {weight}). "
        "{first}의 방향은 q와 거의 같지만 점수는 {first_score}에 그칩니다. 내적 q·k = |q||k|cos θ 는 방향뿐 아니라 "
        "길이에도 비례하기 때문입니다. {winner}의 방향은 조금 다르지만 길이가 더 길어서 이깁니다.",
        "en": "{winner} has the largest score, q·{winner} = {winner_score}, so it gets weight {weight}. "
        "{first} (score {first_score}) points almost exactly the way q does, but the dot product "
        "q·k = |q||k|cos θ grows with length as well as with alignment: {winner} is less aligned but longer.",
    },
    "basics.temperature.slider": {"ko": "softmax 온도 T", "en": "softmax temperature T"},
    "basics.temperature.help": {
        "ko": "점수를 T로 나눈 뒤 softmax를 합니다. T < 1이면 가장 큰 점수에 몰리고, T > 1이면 고르게 퍼집니다.",
        "en": "Scores are divided by T before the softmax: T < 1 sharpens the weights towards the top score, "
        "T > 1 spreads them out.",
    },
    "basics.qk.col.key": {"ko": "키", "en": "key"},
    "basics.qk.col.vector": {"ko": "벡터", "en": "vector"},
    "basics.qk.col.score": {"ko": "점수 q·k", "en": "score q·k"},
    "basics.qk.col.exp": {"ko": "exp(점수 / {temperature})", "en": "exp(score / {temperature})"},
    "basics.qk.col.weight": {"ko": "가중치", "en": "weight"},
    "basics.qk.sum": {
        "ko": "exp의 합 = {total}; 각 exp를 이 합으로 나눈 가중치의 합 = {weights_total}",
        "en": "sum of exp = {total}; each exp divided by this sum gives the weights, which add up to {weights_total}",
    },
    "basics.qk.bars_title": {"ko": "키별 가중치", "en": "weight per key"},
    "basics.qk.marked": {
        "ko": "가장 닮은(점수가 가장 큰) 키: **{winner}** — 가중치 {weight} (막대에 강조 표시).",
        "en": "Most similar key (highest score): **{winner}** — weight {weight} (highlighted bar).",
    },
    "basics.value.header": {"ko": "3. 밸류", "en": "3. Value"},
    "basics.value.body": {
        "ko": "각 키에는 밸류 벡터가 짝지어져 있습니다. 어텐션의 출력은 가중치 × 밸류를 모두 더한 가중합입니다. "
        "그림에서 점의 크기가 가중치이고, 주황색 점 o가 출력입니다.",
        "en": "Each key comes with a value vector. The output of attention is the weighted sum: weight × value, "
        "added up. In the chart a point's size is its weight; the orange point o is the output.",
    },
    "basics.value.col.value": {"ko": "밸류", "en": "value"},
    "basics.value.col.weighted": {"ko": "가중치 × v{axis}", "en": "weight × v{axis}"},
    "basics.value.result": {
        "ko": "출력 o = Σ 가중치 × 밸류 = **{output}**",
        "en": "output o = Σ weight × value = **{output}**",
    },
    "basics.matrix.header": {"ko": "4. 행렬로 한 번에", "en": "4. The matrix form"},
    "basics.matrix.body": {
        "ko": '문장 ["i", "am", "a", "student"]의 모든 단어가 동시에 쿼리가 됩니다. 임베딩 X (d_model = {d_model})에 '
        "W_q, W_k, W_v (d_k = {d_k})를 곱해 Q, K, V를 만들고, QKᵀ → softmax(행마다) → × V 를 계산합니다. "
        "숫자는 시드를 고정한 작은 예시라 언제나 같습니다.",
        "en": 'Every word of the sentence ["i", "am", "a", "student"] is a query at once. The embeddings X '
        "(d_model = {d_model}) times W_q, W_k, W_v (d_k = {d_k}) give Q, K, V; then QKᵀ → softmax by row → × V. "
        "The numbers are small and seeded, so they are the same on every run.",
    },
    "basics.matrix.scale_toggle": {"ko": "√d_k로 나누기", "en": "divide by √d_k"},
    "basics.matrix.causal_toggle": {"ko": "인과 마스크 (뒤 단어 가리기)", "en": "causal mask (hide later words)"},
    "basics.matrix.inputs": {"ko": "임베딩과 가중치 행렬", "en": "Embeddings and weight matrices"},
    "basics.matrix.projections": {"ko": "쿼리, 키, 밸류", "en": "Queries, keys, values"},
    "basics.matrix.scores": {"ko": "어텐션 점수", "en": "Attention scores"},
    "basics.matrix.scores_body": {
        "ko": "QKᵀ의 (행, 열) 칸은 행 단어의 쿼리와 열 단어의 키의 내적입니다. 원문에는 없지만 실제 트랜스포머는 "
        "이 점수를 √d_k로 나눕니다 (아래 설명). 인과 마스크를 켜면 대각선 위(뒤의 단어)가 −∞가 됩니다.",
        "en": "Cell (row, column) of QKᵀ is the dot product of the row word's query with the column word's key. "
        "The post leaves it out, but a real transformer divides these scores by √d_k (why: below). With the "
        "causal mask on, the cells above the diagonal (later words) become −∞.",
    },
    "basics.matrix.masked_title": {"ko": "마스크 적용 (−∞)", "en": "masked (−∞)"},
    "basics.why_scale.header": {"ko": "왜 √d_k로 나눌까?", "en": "Why divide by √d_k?"},
    "basics.why_scale.body": {
        "ko": "q와 k의 성분이 평균 0, 분산 1이면 내적 q·k의 표준편차는 √d_k입니다. d_k가 커질수록 점수 차이가 벌어져 "
        "softmax가 한 키에 거의 1을 몰아주고(포화), 나머지 가중치의 기울기는 0에 가까워져 학습이 멈춥니다. "
        "√d_k로 나누면 d_k와 상관없이 점수의 크기가 일정하게 유지됩니다. 왼쪽: 무작위 벡터에서 가장 큰 가중치의 평균.",
        "en": "If the entries of q and k have mean 0 and variance 1, q·k has standard deviation √d_k. As d_k grows, "
        "scores spread apart, the softmax puts almost all weight on one key (it saturates) and its gradients "
        "vanish, so learning stalls. Dividing by √d_k keeps the scores the same size for any d_k. Left: the mean "
        "largest weight for random vectors.",
    },
    "basics.why_scale.chart_title": {"ko": "d_k에 따른 가장 큰 가중치", "en": "largest weight as d_k grows"},
    "basics.why_scale.max_weight": {"ko": "가장 큰 가중치 (평균)", "en": "largest weight (mean)"},
    "basics.why_scale.unscaled": {"ko": "나누지 않음", "en": "not scaled"},
    "basics.why_scale.scaled": {"ko": "√d_k로 나눔", "en": "÷ √d_k"},
    "basics.why_scale.toy": {
        "ko": "이 예시(d_k = 3)에서 각 쿼리 행의 가장 큰 가중치:",
        "en": "In this example (d_k = 3), the largest weight of each query's row:",
    },
    "basics.matrix.softmax": {"ko": "행마다 softmax", "en": "Softmax by row"},
    "basics.matrix.softmax_body": {
        "ko": "각 행(쿼리)마다 softmax를 하면 행의 합이 1인 어텐션 가중치가 됩니다. 칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "A softmax over each row (query) gives attention weights that sum to 1 per row. Hover a cell for the "
        "exact weight.",
    },
    "basics.matrix.weights_title": {"ko": "어텐션 가중치", "en": "attention weights"},
    "basics.matrix.query": {"ko": "쿼리", "en": "query"},
    "basics.matrix.key": {"ko": "키", "en": "key"},
    "basics.matrix.causal_note": {
        "ko": "마스크: exp(−∞) = 0 이므로 대각선 위의 가중치는 정확히 0입니다. ‘i’는 자기 자신만 볼 수 있습니다.",
        "en": "Masked: exp(−∞) = 0, so every weight above the diagonal is exactly 0; “i” can only look at itself.",
    },
    "basics.matrix.output": {"ko": "× V: 출력", "en": "× V: the output"},
    "basics.matrix.output_body": {
        "ko": "가중치 행렬 × V: 출력의 각 행은 그 단어가 V의 행들을 가중치대로 섞은 가중합입니다.",
        "en": "Weights × V: each row of the output is that word's weighted sum of the rows of V.",
    },
    "basics.matrix.output_title": {"ko": "출력 = 가중치 · V", "en": "output = weights · V"},
    "basics.matrix.causal_change": {
        "ko": "마스크로 인한 출력의 변화 (마스크 있음 − 없음). 마지막 단어는 원래 모든 단어를 보므로 변하지 않습니다:",
        "en": "How the mask changes the output (masked − unmasked). The last word could already see every word, "
        "so its row does not change:",
    },
    "basics.tab.chart": {"ko": "그림", "en": "chart"},
    "basics.tab.table": {"ko": "표", "en": "table"},
    "basics.kinds.header": {"ko": "5. 세 종류의 어텐션", "en": "5. Three kinds of attention"},
    "basics.kinds.body": {
        "ko": "번역 모델에서: 한국어 ‘나는 학생이다’가 인코더로 들어가고, 디코더는 `<bos>`에서 시작해 영어 "
        "‘i am a student’를 한 단어씩 내놓습니다. 칸은 행(쿼리)이 열(키)을 볼 수 있는지를 나타냅니다.",
        "en": "In the translation model, the Korean “나는 학생이다” goes into the encoder and the decoder, "
        "starting from `<bos>`, produces “i am a student” one word at a time. A cell says whether the row "
        "(query) may look at the column (key).",
    },
    "basics.kinds.encoder_self.title": {"ko": "셀프 어텐션 (인코더)", "en": "Self-attention (encoder)"},
    "basics.kinds.encoder_self.body": {
        "ko": "Q, K, V가 모두 같은 한국어 문장에서 나옵니다. 모든 단어가 앞뒤의 모든 단어를 볼 수 있습니다.",
        "en": "Q, K and V all come from the same Korean sentence; every word may look at every word, before or after it.",
    },
    "basics.kinds.decoder_self.title": {"ko": "마스크드 셀프 어텐션 (디코더)", "en": "Masked self-attention (decoder)"},
    "basics.kinds.decoder_self.body": {
        "ko": "디코더는 아직 만들지 않은 단어를 볼 수 없으므로, 각 위치는 자신과 그 앞의 단어만 봅니다 (대각선 위는 −∞).",
        "en": "The decoder may not see words it has not produced yet, so each position looks only at itself and "
        "earlier words (above the diagonal: −∞).",
    },
    "basics.kinds.cross.title": {"ko": "크로스 어텐션 (디코더 → 인코더)", "en": "Cross-attention (decoder → encoder)"},
    "basics.kinds.cross.body": {
        "ko": "Q는 디코더에서, K와 V는 인코더의 출력에서 옵니다. 영어 단어 하나하나가 한국어 문장 전체를 보며 "
        "어느 단어를 번역할지 찾습니다.",
        "en": "Q comes from the decoder, K and V from the encoder's output: each English position looks over the "
        "whole Korean sentence to find what to translate next.",
    },
    "basics.kinds.allowed": {"ko": "볼 수 있음", "en": "may attend"},
    "basics.kinds.blocked": {"ko": "가려짐", "en": "blocked"},
    "basics.kinds.query": {"ko": "쿼리", "en": "query"},
    "basics.kinds.key": {"ko": "키", "en": "key"},
    "basics.takeaway.header": {"ko": "6. 한 줄 요약", "en": "6. In one line"},
    "basics.takeaway.body": {
        "ko": "어텐션은 밸류의 가중합이고, 그 가중치는 쿼리가 각 키와 얼마나 잘 맞는지(내적 → softmax)로 정해진다.",
        "en": "Attention is a weighted sum of values, where the weights come from how well the query matches each "
        "key (dot product → softmax).",
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
        "ko": "작은 한국어→영어 트랜스포머를 직접 학습시켜 봅니다. 말뭉치를 둘러보고, 크기와 학습 설정을 고른 뒤 학습을 시작하세요. 학습은 뒤에서 돌아가므로 그동안 다른 페이지를 봐도 됩니다. 끝나면 이 세션에서 그 모델을 쓰거나 내려받을 수 있습니다.",
        "en": "Train the tiny Korean→English transformer yourself. Browse the corpus, choose sizes and training settings, then start. Training runs in the background, so you may look at other pages meanwhile. When it ends you can study the model in this session or download it.",
    },
    # your own pairs
    "train.own_header": {
        "ko": "내 문장 쌍으로 학습하기 (TSV/CSV 업로드)",
        "en": "Train on your own sentence pairs (upload a TSV/CSV)",
    },
    "train.own_intro": {
        "ko": "한 줄에 한 쌍씩, 한국어 다음에 영어를 탭(TSV)이나 쉼표(CSV)로 나눠 적은 파일을 올리세요. 인코딩은 UTF-8(BOM 포함 가능) 또는 CP949. 제한: 파일 {max_mb} MB 이하, {max_rows}줄 이하, 한쪽 문장당 {max_characters}자 이하. 학습하려면 받아들여진 쌍이 {min_pairs}개 이상 있어야 합니다. 첫 줄이 `korean`, `한국어` 같은 열 이름이면 건너뜁니다. 모르는 한국어 단어는 띄어쓰기 단위로 읽고, 끝의 조사만 떼어 냅니다(고양이를 → 고양이 + 를).",
        "en": "One pair per line, Korean then English, separated by a tab (TSV) or a comma (CSV). Encoding: UTF-8 (with or without BOM) or CP949. Limits: at most {max_mb} MB, {max_rows} rows, {max_characters} characters per side. Training needs at least {min_pairs} accepted pairs. A first row naming the columns (`korean`, `한국어`, …) is skipped. Unknown Korean words are read as written between spaces, with a particle at the end split off (고양이를 → 고양이 + 를).",
    },
    "train.own_upload": {"ko": "문장 쌍 파일", "en": "Sentence-pair file"},
    "train.own_upload_help": {
        "ko": "파일은 이 세션에서만 쓰이고 저장되지 않습니다.",
        "en": "The file is used in this session only and is never stored.",
    },
    "train.own_summary": {
        "ko": "{accepted}쌍을 받아들였고 {rejected}줄은 뺐습니다 (인코딩 {encoding}, 구분자 {delimiter}).",
        "en": "Accepted {accepted} pairs, left out {rejected} rows (encoding {encoding}, separator {delimiter}).",
    },
    "train.delimiter_tab": {"ko": "탭", "en": "tab"},
    "train.delimiter_comma": {"ko": "쉼표", "en": "comma"},
    "train.own_header_skipped": {
        "ko": "첫 줄은 열 이름이라 건너뛰었습니다.",
        "en": "The first row names the columns and was skipped.",
    },
    "train.own_preview": {
        "ko": "받아들인 쌍 (처음 200개, 어느 분할에 들어갔는지 함께):",
        "en": "Accepted pairs (the first 200, with the split each went to):",
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
        "ko": "쌍은 내용의 해시로 학습 80% · 검증 10% · 테스트 10%로 나뉩니다. 줄 순서를 바꿔도 같게 나뉩니다.",
        "en": "Pairs are split 80% train · 10% valid · 10% test by a hash of their text, so the order of the rows does not matter.",
    },
    "train.own_too_few": {
        "ko": "학습하려면 받아들여진 쌍이 {min_pairs}개 이상 필요합니다.",
        "en": "Training needs at least {min_pairs} accepted pairs.",
    },
    "train.file_empty": {"ko": "파일이 비어 있습니다.", "en": "The file is empty."},
    "train.file_too_large": {
        "ko": "파일이 너무 큽니다 ({size:,}바이트). {limit_mb} MB 이하만 받습니다.",
        "en": "The file is too large ({size:,} bytes); at most {limit_mb} MB.",
    },
    "train.file_binary": {
        "ko": "텍스트 파일이 아닙니다 (이진 데이터가 들어 있습니다). TSV나 CSV 텍스트 파일을 올리세요.",
        "en": "This is not a text file (it holds binary data). Upload a TSV or CSV text file.",
    },
    "train.file_encoding": {
        "ko": "글자를 읽을 수 없습니다. UTF-8이나 CP949로 저장한 파일을 올리세요.",
        "en": "The text cannot be read. Save the file as UTF-8 or CP949.",
    },
    "train.file_too_many_rows": {
        "ko": "줄이 너무 많습니다 ({rows:,}줄). {limit_rows}줄 이하만 받습니다.",
        "en": "Too many rows ({rows:,}); at most {limit_rows}.",
    },
    "train.reject_missing_column": {
        "ko": "열이 하나뿐입니다 (한국어와 영어 사이에 탭이나 쉼표가 없음)",
        "en": "only one column (no tab or comma between Korean and English)",
    },
    "train.reject_extra_column": {
        "ko": "열이 셋 이상입니다 (탭이나 쉼표가 더 있음)",
        "en": "more than two columns (an extra tab or comma)",
    },
    "train.reject_empty_korean": {"ko": "한국어 쪽이 비어 있습니다", "en": "the Korean side is empty"},
    "train.reject_empty_english": {"ko": "영어 쪽이 비어 있습니다", "en": "the English side is empty"},
    "train.reject_too_long": {
        "ko": "한쪽이 {max_characters}자보다 깁니다",
        "en": "a side is longer than {max_characters} characters",
    },
    "train.reject_too_many_tokens": {
        "ko": "토큰이 너무 많습니다 (한국어 {max_korean_tokens}개, 영어 {max_english_tokens}개까지)",
        "en": "too many tokens (at most {max_korean_tokens} Korean, {max_english_tokens} English)",
    },
    "train.reject_not_korean": {
        "ko": "한국어 쪽에 한글이 없습니다 (열 순서가 바뀌었나요?)",
        "en": "no Hangul on the Korean side (columns swapped?)",
    },
    "train.reject_hangul_in_english": {
        "ko": "영어 쪽에 한글이 있습니다 (열 순서가 바뀌었나요?)",
        "en": "Hangul on the English side (columns swapped?)",
    },
    "train.reject_control_characters": {"ko": "보이지 않는 제어 문자가 있습니다", "en": "invisible control characters"},
    "train.reject_duplicate": {"ko": "{other_line}번째 줄과 같은 쌍입니다", "en": "the same pair as line {other_line}"},
    "train.reject_unparsable": {
        "ko": "CSV로 읽을 수 없습니다 (따옴표가 닫히지 않음?)",
        "en": "not readable as CSV (an unclosed quote?)",
    },
    "train.column_line": {"ko": "줄", "en": "line"},
    "train.column_reason": {"ko": "이유", "en": "reason"},
    "train.column_row": {"ko": "내용", "en": "row"},
    "train.column_split": {"ko": "분할", "en": "split"},
    # browsing the corpus
    "train.corpus_header": {"ko": "말뭉치 둘러보기", "en": "Browse the corpus"},
    "train.corpus_generated": {
        "ko": "생성된 한국어→영어 말뭉치입니다. 테스트 분할에는 학습에서 본 적 없는 (주어, 동사, 목적어) 조합만 있어서, 정확도가 암기가 아니라 일반화를 잽니다.",
        "en": "The generated Korean→English corpus. The test split holds only (subject, verb, object) combinations never seen in training, so accuracy measures generalisation, not memory.",
    },
    "train.corpus_own": {"ko": "업로드한 내 문장 쌍입니다.", "en": "Your uploaded sentence pairs."},
    "train.split_train": {"ko": "학습", "en": "train"},
    "train.split_valid": {"ko": "검증", "en": "valid"},
    "train.split_test": {"ko": "테스트", "en": "test"},
    "train.total": {"ko": "합계", "en": "total"},
    "train.constructions_header": {"ko": "구문별 쌍 개수", "en": "Pairs per construction"},
    "train.construction_present": {"ko": "현재", "en": "present"},
    "train.construction_past": {"ko": "과거", "en": "past"},
    "train.construction_future": {"ko": "미래", "en": "future"},
    "train.construction_negation_present": {"ko": "부정 (현재)", "en": "negation (present)"},
    "train.construction_negation_past": {"ko": "부정 (과거)", "en": "negation (past)"},
    "train.construction_negation_future": {"ko": "부정 (미래)", "en": "negation (future)"},
    "train.construction_copula": {"ko": "이다", "en": "copula (이다)"},
    "train.construction_copula_negation": {"ko": "아니다", "en": "negated copula (아니다)"},
    "train.split_picker": {"ko": "분할", "en": "Split"},
    "train.split_help": {
        "ko": "학습: 모델이 배우는 쌍. 검증: 학습 중 가장 좋은 모델을 고르는 쌍. 테스트: 마지막에 한 번 재는 쌍.",
        "en": "train: the pairs the model learns from. valid: pairs that pick the best model during training. test: pairs measured once at the end.",
    },
    "train.filter": {"ko": "찾기", "en": "Search"},
    "train.filter_placeholder": {"ko": "예: 사과, apple", "en": "e.g. 사과, apple"},
    "train.showing": {"ko": "{total}쌍 중 {shown}쌍", "en": "{shown} of {total} pairs"},
    "train.column_korean": {"ko": "한국어", "en": "Korean"},
    "train.column_english": {"ko": "영어", "en": "English"},
    "train.column_construction": {"ko": "구문", "en": "construction"},
    # the form
    "train.settings_header": {"ko": "모델 크기와 학습 설정", "en": "Model size and training settings"},
    "train.settings_intro": {
        "ko": "기본값은 함께 제공된 모델의 설정입니다. 이 컴퓨터에서 기본값 학습은 보통 1분이 안 걸립니다. 검증 완전 일치가 100%에 닿으면 일찍 멈춥니다.",
        "en": "The defaults are the shipped model's settings; training them usually takes under a minute here. Training stops early once validation exact match reaches 100%.",
    },
    "train.field_d_model": {"ko": "d_model (벡터 폭)", "en": "d_model (vector width)"},
    "train.field_n_heads": {"ko": "헤드 수", "en": "heads"},
    "train.field_n_encoder_layers": {"ko": "인코더 층 수", "en": "encoder layers"},
    "train.field_n_decoder_layers": {"ko": "디코더 층 수", "en": "decoder layers"},
    "train.field_d_ff": {"ko": "d_ff (피드포워드 폭)", "en": "d_ff (feed-forward width)"},
    "train.field_dropout": {"ko": "드롭아웃", "en": "dropout"},
    "train.field_steps": {"ko": "학습 스텝 수", "en": "steps"},
    "train.field_learning_rate": {"ko": "학습률", "en": "learning rate"},
    "train.field_batch_size": {"ko": "배치 크기", "en": "batch size"},
    "train.field_seed": {"ko": "시드", "en": "seed"},
    "train.help_d_model": {
        "ko": "토큰 벡터의 길이. {low}–{high}, 헤드 수로 나누어떨어져야 합니다.",
        "en": "Length of every token vector. {low}–{high}, divisible by the number of heads.",
    },
    "train.help_n_heads": {
        "ko": "층마다 어텐션 헤드 수. {low}–{high}.",
        "en": "Attention heads per layer. {low}–{high}.",
    },
    "train.help_n_encoder_layers": {"ko": "{low}–{high}.", "en": "{low}–{high}."},
    "train.help_n_decoder_layers": {"ko": "{low}–{high}.", "en": "{low}–{high}."},
    "train.help_d_ff": {
        "ko": "피드포워드 층의 숨은 폭. {low}–{high}.",
        "en": "Hidden width of the feed-forward layer. {low}–{high}.",
    },
    "train.help_dropout": {
        "ko": "학습 중 무작위로 끄는 비율. {low}–{high}.",
        "en": "Share of activations dropped at random while training. {low}–{high}.",
    },
    "train.help_steps": {
        "ko": "최대 스텝 수 (일찍 멈출 수 있음). {low}–{high}.",
        "en": "Steps at most (training may stop earlier). {low}–{high}.",
    },
    "train.help_learning_rate": {
        "ko": "워밍업 뒤 최고 학습률. {low}–{high}.",
        "en": "Peak learning rate after warmup. {low}–{high}.",
    },
    "train.help_batch_size": {
        "ko": "스텝마다 보는 문장 쌍 수. {low}–{high}.",
        "en": "Sentence pairs per step. {low}–{high}.",
    },
    "train.help_seed": {
        "ko": "같은 시드면 같은 결과. {low}–{high}.",
        "en": "The same seed gives the same model. {low}–{high}.",
    },
    "train.threads_note": {
        "ko": "이 서버에서 동시에 돌 수 있는 학습: {slots}개 · 학습 하나가 쓰는 CPU 스레드: {threads}개",
        "en": "Trainings at once on this server: {slots} · CPU threads per training: {threads}",
    },
    "train.start": {"ko": "학습 시작", "en": "Train"},
    "train.problem_range": {
        "ko": "{field}은(는) {low}에서 {high} 사이여야 합니다 (지금 {value}).",
        "en": "{field} must be between {low} and {high} (it is {value}).",
    },
    "train.problem_type": {"ko": "{field}에는 숫자를 넣어 주세요.", "en": "{field} must be a number."},
    "train.problem_divisible": {
        "ko": "d_model({d_model})이 헤드 수({n_heads})로 나누어떨어져야 합니다. 헤드마다 같은 폭을 나눠 갖기 때문입니다.",
        "en": "d_model ({d_model}) must be divisible by the number of heads ({n_heads}): every head gets an equal slice.",
    },
    "train.problem_too_large": {
        "ko": "모델이 너무 큽니다: 파라미터 {count:,}개. 앱이 불러올 수 있는 체크포인트는 {limit:,}개까지입니다. d_model, d_ff나 층 수를 줄이세요.",
        "en": "The model is too large: {count:,} parameters. A checkpoint the app can load holds at most {limit:,}. "
        "Make d_model, d_ff or the layers smaller.",
    },
    "train.problem_other": {
        "ko": "{field}: 설정이 올바르지 않습니다 ({message}).",
        "en": "{field}: not a valid setting ({message}).",
    },
    "train.already_running": {
        "ko": "이 세션의 학습이 이미 돌아가고 있습니다. 끝나거나 멈출 때까지 기다려 주세요.",
        "en": "This session's training is already running. Wait for it to end, or stop it.",
    },
    # the run
    "train.run_header": {"ko": "학습 진행", "en": "Training"},
    "train.no_run": {"ko": "아직 이 세션에서 학습한 적이 없습니다.", "en": "Nothing trained in this session yet."},
    "train.waiting": {
        "ko": "빈 학습 자리를 기다리는 중입니다 ({seconds}초째). 이 서버는 학습을 동시에 {slots}개까지 돌립니다. 다른 사람의 학습이 끝나면 자동으로 시작합니다.",
        "en": "Waiting for a free training slot ({seconds} s so far). Trainings at once on this server: {slots}. Yours starts by itself when one ends.",
    },
    "train.progress": {"ko": "스텝 {step} / {total} · {seconds}초", "en": "step {step} / {total} · {seconds} s"},
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
        "ko": "스텝 {step}의 크로스 어텐션 (탐침 문장, 층 × 헤드)",
        "en": "Cross-attention at step {step} (probe sentence, layer × head)",
    },
    "train.loss_title": {"ko": "손실", "en": "Loss"},
    "train.exact_title": {"ko": "검증 완전 일치", "en": "Validation exact match"},
    "train.series_train_loss": {"ko": "학습 손실", "en": "train loss"},
    "train.series_valid_loss": {"ko": "검증 손실", "en": "valid loss"},
    "train.series_valid_exact_match": {"ko": "검증 완전 일치", "en": "valid exact match"},
    "train.axis_step": {"ko": "스텝", "en": "step"},
    "train.axis_loss": {"ko": "손실", "en": "loss"},
    "train.axis_exact_match": {"ko": "완전 일치 비율", "en": "share exactly right"},
    "train.axis_korean": {"ko": "한국어 (키)", "en": "Korean (keys)"},
    "train.axis_english": {"ko": "만드는 영어 토큰", "en": "English being produced"},
    "train.axis_weight": {"ko": "가중치", "en": "weight"},
    "train.layer": {"ko": "층", "en": "layer"},
    "train.head": {"ko": "헤드", "en": "head"},
    "train.done": {
        "ko": "학습이 끝났습니다: {steps}스텝, {seconds}초. 가장 좋은 모델은 스텝 {best}의 것입니다.",
        "en": "Training finished: {steps} steps in {seconds} s. The best model is the one from step {best}.",
    },
    "train.stopped": {
        "ko": "{total}스텝 중 {steps}스텝에서 멈췄습니다. 그때까지 가장 좋았던 모델(스텝 {best})을 남겼습니다.",
        "en": "Stopped after {steps} of {total} steps. Kept the best model so far (from step {best}).",
    },
    "train.stopped_before_start": {
        "ko": "첫 스텝 전에 멈춰서 새 모델이 없습니다.",
        "en": "Stopped before the first step, so there is no new model.",
    },
    "train.stopped_before_evaluation": {
        "ko": "첫 평가 전에({steps} 스텝) 멈춰서 쓸 만한 새 모델이 없습니다.",
        "en": "Stopped after {steps} steps, before the first evaluation, so there is no usable new model.",
    },
    "train.model_kept": {"ko": "쓰던 모델은 그대로입니다.", "en": "The model you were using is unchanged."},
    "train.failed_out_of_memory": {
        "ko": "메모리가 부족해 학습이 실패했습니다. 모델이나 배치를 더 작게 해 보세요.",
        "en": "Training ran out of memory. Try a smaller model or batch.",
    },
    "train.failed_bad_input": {
        "ko": "학습 데이터나 설정 때문에 학습이 실패했습니다: {message}",
        "en": "Training failed because of the data or the settings: {message}",
    },
    "train.failed_other": {"ko": "학습이 실패했습니다: {message}", "en": "Training failed: {message}"},
    "train.metric_test_exact": {"ko": "테스트 완전 일치", "en": "Test exact match"},
    "train.metric_valid_exact": {"ko": "검증 완전 일치", "en": "Valid exact match"},
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
        "ko": "지금 모델(사이드바에서 고른 모델)을 학습하는 동안 탐침 문장의 크로스 어텐션을 몇 스텝마다 찍어 두었습니다. 슬라이더를 움직여 처음의 고른(균등한) 어텐션이 학습하면서 맞는 한국어 단어에 모이는 모습을 보세요.",
        "en": "While the current model (the one chosen in the sidebar) was trained, the cross-attention of a probe sentence was recorded every few steps. Move the slider: attention starts out uniform and gathers on the right Korean words as training goes on.",
    },
    "train.no_snapshots": {
        "ko": "이 모델에는 학습 중 기록이 없습니다.",
        "en": "This model carries no recordings from its training.",
    },
    "train.snapshot_step": {"ko": "학습 스텝", "en": "Training step"},
    "train.snapshot_title": {
        "ko": "스텝 {step} · 층 {layer} · 헤드 {head}",
        "en": "step {step} · layer {layer} · head {head}",
    },
    "train.before_first_evaluation": {
        "ko": "이 스텝은 첫 검증보다 앞입니다. 아직 학습 전이라 어텐션이 거의 고르게 퍼져 있습니다.",
        "en": "This step comes before the first validation: the model has barely trained, so attention is spread almost evenly.",
    },
    "train.at_step": {
        "ko": "스텝 {step}의 검증: 학습 손실 **{train_loss}**, 검증 손실 **{valid_loss}**, 검증 완전 일치 **{exact}**",
        "en": "Validation at step {step}: train loss **{train_loss}**, valid loss **{valid_loss}**, valid exact match **{exact}**",
    },
    "train.over_training_caption": {
        "ko": "행은 디코더가 만든 영어 토큰, 열은 한국어 토큰입니다. 점선은 슬라이더의 스텝입니다.",
        "en": "Rows are the English tokens the decoder produced, columns the Korean tokens. The dashed line marks the slider's step.",
    },
    # --- encoder self-attention ------------------------------------------------
    # Shared by ui/views.py (encoder, decoder and cross-attention pages).
    "views.layer": {"ko": "층", "en": "layer"},
    "views.head": {"ko": "헤드", "en": "head"},
    "views.layer_pick": {"ko": "층", "en": "Layer"},
    "views.head_pick": {"ko": "헤드", "en": "Head"},
    "views.layer_n": {"ko": "층 {n}", "en": "layer {n}"},
    "views.head_n": {"ko": "헤드 {n}", "en": "head {n}"},
    "views.weight": {"ko": "가중치", "en": "weight"},
    "views.head_title": {"ko": "층 {layer} · 헤드 {head}", "en": "layer {layer} · head {head}"},
    "views.bars_title": {"ko": "'{token}'의 행: 모든 층·헤드", "en": "The row of '{token}' in every layer and head"},
    "views.grid_unlabelled": {
        "ko": "문장이 길어서 작은 맵에는 토큰 이름을 생략했습니다. 칸에 마우스를 올리거나 아래의 큰 맵을 보세요.",
        "en": "The sentence is long, so the small maps leave out the token labels: hover a cell, or see one head large below.",
    },
    "views.lines_every_token": {
        "ko": "모든 토큰의 선 보기 (끄면 고른 토큰의 선만)",
        "en": "Lines of every token (off: the focused token's only)",
    },
    "views.encoder_self.focus_pick": {"ko": "살펴볼 토큰 (쿼리)", "en": "Token to focus (query)"},
    "views.encoder_self.query_title": {"ko": "쿼리 (보는 토큰)", "en": "query (the token looking)"},
    "views.encoder_self.key_title": {"ko": "키 (보이는 토큰)", "en": "key (the token looked at)"},
    "views.encoder_self.query_short": {"ko": "쿼리", "en": "query"},
    "views.encoder_self.key_short": {"ko": "키", "en": "key"},
    "views.decoder_self.focus_pick": {
        "ko": "살펴볼 단계 (읽은 토큰 → 만든 토큰)",
        "en": "Step to focus (read → produced)",
    },
    "views.decoder_self.query_title": {"ko": "쿼리: 읽은 토큰 → 만든 토큰", "en": "query: read → produced"},
    "views.decoder_self.key_title": {"ko": "키 (디코더 입력 토큰)", "en": "key (decoder input token)"},
    "views.decoder_self.query_short": {"ko": "쿼리 (읽음 → 만듦)", "en": "query (read → produced)"},
    "views.decoder_self.key_short": {"ko": "키", "en": "key"},
    "views.cross.focus_pick": {
        "ko": "살펴볼 영어 단계 (읽은 토큰 → 만든 토큰)",
        "en": "English step to focus (read → produced)",
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
        "ko": "대각선 위 칸을 −∞로 바꿉니다. e^−∞ = 0이므로 소프트맥스 뒤에는 0이 됩니다.",
        "en": "Cells above the diagonal become −∞; since e^−∞ = 0 they get weight 0 after the softmax.",
    },
    "views.mask.softmax_header": {"ko": "**③ 소프트맥스** (행마다)", "en": "**③ Softmax** (by row)"},
    "views.mask.softmax_caption": {
        "ko": "모델이 실제로 쓴 가중치. 대각선 위는 정확히 0이고, 각 행의 합은 1입니다.",
        "en": "The weights the model really used: exactly 0 above the diagonal, each row sums to 1.",
    },
    "encoder.title": {"ko": "인코더 셀프 어텐션", "en": "Encoder self-attention"},
    "encoder.intro": {
        "ko": "인코더에서는 한국어 문장의 모든 토큰이 쿼리, 키, 밸류가 됩니다. 같은 문장 안에서 각 토큰이 다른 모든 토큰을 "
        "보고(가중치), 그 밸류를 가중합해 자기 표현을 새로 만듭니다. 그래서 ‘셀프’ 어텐션입니다. 행은 보는 토큰(쿼리), "
        "열은 보이는 토큰(키)이고, 한 행의 가중치를 더하면 1입니다. 헤드마다 W_q, W_k, W_v가 달라서 서로 다른 관계를 봅니다.",
        "en": "In the encoder every token of the Korean sentence is a query, a key and a value. Each token looks at "
        "every token of the same sentence (the weights) and mixes their values into its new representation: "
        "hence *self*-attention. Rows are the tokens looking (queries), columns the tokens looked at (keys); each row "
        "sums to 1. Every head has its own W_q, W_k, W_v, so each can follow a different relation.",
    },
    "encoder.sentence": {
        "ko": "문장: {sentence} → 번역: {translation}",
        "en": "Sentence: {sentence} → translation: {translation}",
    },
    "encoder.look_for": {
        "ko": "**눈여겨볼 점.** 조사(는, 를, 에서)가 바로 앞의 명사를 보는 헤드, 동사가 목적어를 보는 헤드, 거의 자기 자신만 "
        "보는 헤드(대각선)가 있는지 찾아보세요. 아래 층과 위 층의 패턴도 비교해 보세요.",
        "en": "**What to look for.** Find heads where a particle (는, 를, 에서) looks at the noun just before it, where "
        "the verb looks at its object, and heads that mostly look at the token itself (the diagonal). Compare the "
        "lower and the upper layer.",
    },
    "encoder.grid_header": {"ko": "모든 층 × 헤드", "en": "Every layer × head"},
    "encoder.grid_body": {
        "ko": "한눈에 비교하기: 행은 층, 열은 헤드입니다. 색은 모두 같은 0–1 척도입니다. 칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "Compare at a glance: layers are rows, heads are columns, all on the same 0–1 colour scale. Hover a cell for its exact weight.",
    },
    "encoder.head_header": {"ko": "헤드 하나 크게", "en": "One head, large"},
    "encoder.focus_header": {"ko": "토큰 하나에 집중", "en": "Focus one token"},
    "encoder.focus_body": {
        "ko": "고른 토큰의 행(그 토큰이 어디를 보는지)을 모든 층·헤드에서 막대로 보여 줍니다. 가장 큰 가중치는 주황색입니다.",
        "en": "The focused token's row (where it looks) in every layer and head, as bars; the largest weight is orange.",
    },
    "encoder.lines_header": {"ko": "선으로 보기", "en": "As lines"},
    "encoder.lines_body": {
        "ko": "위에서 고른 층·헤드에서, 왼쪽 토큰(쿼리)이 오른쪽 토큰(키)을 얼마나 보는지를 선의 굵기와 진하기로 나타냅니다 "
        "(BertViz의 head view처럼). 선에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "For the layer and head picked above: how much each token on the left (query) looks at each token on the "
        "right (key), as line width and opacity (like BertViz's head view). Hover a line for its exact weight.",
    },
    "encoder.download_header": {"ko": "내려받기", "en": "Download"},
    "encoder.download_body": {
        "ko": "그림마다 아래의 버튼으로 그 그림의 표(CSV)와 이미지(SVG, PNG)를 받을 수 있습니다. 이 문장의 모든 맵은 JSON으로:",
        "en": "Under each chart: its rows as CSV and the chart as SVG or PNG. Every map of this sentence as JSON:",
    },
    # --- decoder masked self-attention -----------------------------------------
    "decoder.title": {"ko": "디코더 마스크드 셀프 어텐션", "en": "Decoder masked self-attention"},
    "decoder.intro": {
        "ko": "디코더는 영어 번역을 한 단어씩 만듭니다. 셀프 어텐션에서 각 단계는 지금까지 읽은 디코더 입력 토큰(<bos>와 "
        "이미 만든 단어)만 볼 수 있습니다. 행과 열은 모두 모델이 직접 만든 번역의 디코더 입력입니다: {tokens}.",
        "en": "The decoder writes the English translation one word at a time. In its self-attention each step may only "
        "look at the decoder input tokens read so far (<bos> and the words already produced). Rows and columns are "
        "the decoder input of the model's own translation: {tokens}.",
    },
    "decoder.rows": {
        "ko": "**행 읽는 법.** 행 t는 입력 토큰 t를 읽고 출력 토큰 t를 **만드는** 단계입니다. 그래서 행 이름을 "
        "‘읽은 토큰 → 만든 토큰’으로 적었습니다. 예: **{example}**는 ‘{read}’를 읽고 ‘{produced}’를 만든 단계입니다.",
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
    "decoder.head_header": {"ko": "헤드 하나 크게", "en": "One head, large"},
    "decoder.mask_header": {"ko": "마스크가 하는 일", "en": "What the mask does"},
    "decoder.mask_why": {
        "ko": "**왜 가리나요?** 디코더는 단어를 하나씩 만듭니다. 학습할 때는 정답 문장 전체를 한 번에 넣기 때문에, 가리지 않으면 "
        "단계 t가 아직 만들지 않은 다음 단어를 그대로 보고 베낄 수 있습니다. 번역할 때는 그 단어가 아직 없습니다. 그래서 "
        "키가 쿼리보다 뒤에 있는 칸(대각선 위)의 점수를 소프트맥스 전에 −∞로 바꿉니다. 위에서 고른 층·헤드의 실제 숫자입니다.",
        "en": "**Why hide anything?** The decoder produces one word at a time. In training the whole target sentence "
        "goes in at once, so without the mask step t could simply peek at the next word and copy it; when "
        "translating, that word does not exist yet. So every score whose key comes after its query (above the "
        "diagonal) is set to −∞ before the softmax. These are the real numbers of the layer and head picked above.",
    },
    "decoder.focus_header": {"ko": "단계 하나에 집중", "en": "Focus one step"},
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
        "ko": "크로스 어텐션에서 쿼리는 디코더(영어)에서, 키와 값은 인코더가 읽은 한국어 문장에서 옵니다. "
        "그래서 지도는 **행이 영어, 열이 한국어**입니다. 행 t는 디코더가 t번째 영어 토큰을 **쓰는 순간** "
        "한국어 토큰 중 어디를 얼마나 보았는지입니다. 그래서 각 행에는 그 위치가 **만들어 낸** 토큰을 붙였습니다. "
        "열은 한국어 토큰이 문장 순서대로 놓입니다.",
        "en": "In cross-attention the queries come from the decoder (English) and the keys and values from the "
        "encoder's reading of the Korean sentence, so the map has **English rows and Korean columns**. Row t is "
        "where the decoder looked among the Korean tokens **while writing** the t-th English token, so each row "
        "is labelled with the token that position **produced**. The columns are the Korean tokens in sentence order.",
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
    "cross.tab.map": {"ko": "① 어텐션 지도", "en": "① The map"},
    "cross.tab.guess": {"ko": "② 맞혀 보고 확인하기", "en": "② Predict, then reveal"},
    "cross.tab.steps": {"ko": "③ 한 단계씩 디코딩", "en": "③ Step through decoding"},
    "cross.tab.heads": {"ko": "④ 정답 정렬과 헤드 점수", "en": "④ Gold alignment and head scores"},
    "cross.axis.korean": {"ko": "한국어 토큰 (키)", "en": "Korean token (key)"},
    "cross.axis.produced": {"ko": "만든 영어 토큰", "en": "English token written"},
    "cross.axis.read": {"ko": "디코더가 읽은 토큰", "en": "decoder read"},
    "cross.axis.weight": {"ko": "가중치", "en": "weight"},
    "cross.map.title": {"ko": "층 {layer} · 헤드 {head}", "en": "Layer {layer} · head {head}"},
    "cross.map.how_to_read": {
        "ko": "예: 이 헤드는 '{english}'를 쓸 때 '{korean}'에 가장 많은 가중치({weight})를 두었습니다. "
        "칸에 마우스를 올리면 정확한 값이 보입니다.",
        "en": "For example: when writing '{english}', this head put the most weight ({weight}) on '{korean}'. "
        "Hover a cell for the exact weight.",
    },
    "cross.map.gold_toggle": {"ko": "정답 정렬 테두리 표시", "en": "Outline the gold alignment"},
    "cross.map.gold_legend": {"ko": "정답 정렬", "en": "gold link"},
    "cross.map.gold_shown": {
        "ko": "노란 테두리 칸이 정답 정렬입니다: 그 영어 단어를 옮긴 한국어 토큰. 조사(는, 를 …)는 영어 짝이 없습니다.",
        "en": "Cells outlined in yellow are the gold alignment: the Korean token each English word translates. "
        "Particles (는, 를, …) have no English partner.",
    },
    "cross.map.sentence_score": {
        "ko": "이 문장에서 이 헤드가 가장 많이 본 한국어 토큰이 정답 짝인 영어 토큰: {hits}/{total}개.",
        "en": "In this sentence, {hits} of {total} English tokens look most at a gold partner with this head.",
    },
    "cross.gold.unknown_words": {
        "ko": "정답 정렬을 만들 수 없습니다: '{tokens}'은(는) 말뭉치에 없는 단어입니다.",
        "en": "No gold alignment: '{tokens}' is not a word of the corpus.",
    },
    "cross.gold.no_fit": {
        "ko": "정답 정렬을 만들 수 없습니다: 모델의 번역이 말뭉치의 단어 대응으로 설명되지 않습니다 (번역이 틀렸을 수 있습니다).",
        "en": "No gold alignment: the model's translation cannot be explained word by word from the corpus "
        "(the translation may be wrong).",
    },
    "cross.gold.no_translation": {
        "ko": "모델이 아무 단어도 쓰지 않아 정렬할 것이 없습니다.",
        "en": "The model wrote no words, so there is nothing to align.",
    },
    "cross.focus.header": {"ko": "영어 토큰 하나에 집중하기", "en": "Focus on one English token"},
    "cross.focus.pick": {"ko": "영어 토큰", "en": "English token"},
    "cross.focus.title": {"ko": "'{token}'을(를) 쓸 때 본 곳", "en": "Where it looked while writing '{token}'"},
    "cross.focus.gold": {"ko": "정답 짝: {partners}", "en": "Gold partner: {partners}"},
    "cross.focus.no_partner": {"ko": "이 토큰에는 정답 짝이 없습니다.", "en": "This token has no gold partner."},
    "cross.grid.header": {"ko": "모든 층 × 헤드", "en": "Every layer × head"},
    "cross.grid.body": {
        "ko": "모든 헤드를 한눈에: 행은 디코더의 각 단계(읽은 토큰 → 쓴 토큰), 열은 한국어 토큰입니다. 대각선이 아닌 "
        "모양이 보이는 것은 한국어(주어-목적어-동사)와 영어(주어-동사-목적어)의 어순이 달라서입니다.",
        "en": "Every head at a glance: rows are the decoder's steps (token read → token written), columns the Korean "
        "tokens. The pattern is not a diagonal because Korean (subject-object-verb) and English "
        "(subject-verb-object) order words differently.",
    },
    "cross.lines.header": {"ko": "선으로 보기", "en": "As lines"},
    "cross.lines.body": {
        "ko": "왼쪽은 영어(쿼리), 오른쪽은 한국어(키)입니다. 선이 굵고 진할수록 가중치가 큽니다. 위에서 고른 영어 토큰의 선만 그립니다.",
        "en": "English (queries) on the left, Korean (keys) on the right; the thicker and darker a line, the larger "
        "the weight. Only the English token focused above is drawn, unless you switch on every token.",
    },
    "cross.steps.body": {
        "ko": "디코더는 한 번에 한 토큰씩 씁니다. 단계 t에서 디코더는 지금까지 쓴 토큰을 보고(마스크드 셀프 어텐션), "
        "한국어 문장을 보고(크로스 어텐션), 다음 토큰의 확률을 냅니다. 가장 확률이 높은 토큰을 씁니다(그리디 디코딩). "
        "슬라이더를 움직이면 세 그림이 함께 움직입니다.",
        "en": "The decoder writes one token at a time. At step t it looks at what it has written so far (masked "
        "self-attention), looks at the Korean sentence (cross-attention) and gives the next token's probabilities; "
        "it writes the most likely one (greedy decoding). Move the slider and all three views move together.",
    },
    "cross.steps.slider": {"ko": "디코딩 단계", "en": "Decoding step"},
    "cross.steps.option": {"ko": "{step}: '{token}' 쓰기", "en": "{step}: writes '{token}'"},
    "cross.steps.now": {
        "ko": "단계 {step}: 디코더가 '{read}'까지 읽고 '{token}'을(를) 씁니다.",
        "en": "Step {step}: the decoder has read up to '{read}' and writes '{token}'.",
    },
    "cross.steps.self_title": {"ko": "마스크드 셀프 어텐션 (행 {step})", "en": "Masked self-attention (row {step})"},
    "cross.steps.cross_title": {"ko": "크로스 어텐션 (행 {step})", "en": "Cross-attention (row {step})"},
    "cross.steps.top_title": {"ko": "다음 토큰 상위 5개", "en": "Top 5 next tokens"},
    "cross.steps.earlier": {"ko": "앞선 영어 토큰 (디코더 입력)", "en": "earlier English token (decoder input)"},
    "cross.steps.next_token": {"ko": "다음 토큰", "en": "next token"},
    "cross.steps.probability": {"ko": "확률", "en": "probability"},
    "cross.steps.revealed_title": {"ko": "단계 {step}까지의 크로스 어텐션", "en": "Cross-attention up to step {step}"},
    "cross.guess.body": {
        "ko": "지도를 보지 않은 헤드나 토큰을 골라 먼저 예상해 보세요: 디코더가 아래 영어 토큰을 쓸 때 어느 한국어 토큰에 가장 많은 가중치를 둘까요?",
        "en": "Pick a token or head whose map you have not studied yet and predict: while writing the English token "
        "below, which Korean token gets "
        "the most weight?",
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
    "cross.guess.reveal": {"ko": "공개하기", "en": "Reveal"},
    "cross.guess.waiting": {
        "ko": "한국어 토큰을 하나 고른 뒤 '공개하기'를 누르세요.",
        "en": "Pick a Korean token, then press Reveal.",
    },
    "cross.guess.right": {
        "ko": "맞았습니다! '{english}'를 쓸 때 가장 많은 가중치({weight})는 '{answer}'에 갔습니다.",
        "en": "Right! While writing '{english}', the most weight ({weight}) went to '{answer}'.",
    },
    "cross.guess.wrong": {
        "ko": "아쉽네요. '{english}'를 쓸 때 가장 많은 가중치({weight})는 '{answer}'에 갔습니다. 예상한 '{guess}'에는 {guess_weight}이 갔습니다.",
        "en": "Not quite. While writing '{english}', the most weight ({weight}) went to '{answer}'; your guess "
        "'{guess}' got {guess_weight}.",
    },
    "cross.guess.gold_match": {
        "ko": "정답 정렬과 일치합니다: '{english}'의 정답 짝은 {partners}입니다. 이 헤드는 번역되는 단어를 보고 있습니다.",
        "en": "This matches the gold alignment: the gold partner of '{english}' is {partners}. The head looks at "
        "the word being translated.",
    },
    "cross.guess.gold_miss": {
        "ko": "정답 정렬과는 다릅니다: '{english}'의 정답 짝은 {partners}입니다. 헤드가 모두 단어 대응을 따르지는 않습니다. "
        "어떤 헤드는 조사나 문장 끝을 보며 문법 정보(시제, 주어 등)를 모읍니다.",
        "en": "This differs from the gold alignment: the gold partner of '{english}' is {partners}. Not every head "
        "follows word correspondences; some look at particles or the sentence end to gather grammar (tense, subject).",
    },
    "cross.guess.gold_none": {"ko": "'{english}'에는 정답 짝이 없습니다.", "en": "'{english}' has no gold partner."},
    "cross.guess.why": {
        "ko": "왜 그럴까요? 디코더의 쿼리(지금 쓰려는 것)와 가장 비슷한 키를 가진 한국어 토큰이 softmax에서 가장 큰 몫을 받습니다.",
        "en": "Why? The Korean token whose key is most similar to the decoder's query (what it is about to write) "
        "gets the largest share of the softmax.",
    },
    "cross.heads.body": {
        "ko": "정답 정렬(말뭉치 생성기가 아는, 어떤 한국어 토큰이 어떤 영어 토큰으로 옮겨졌는지)과 각 헤드를 비교합니다. "
        "테스트 문장 {count}개에 정답 영어 번역을 디코더에 넣고(teacher forcing) 잽니다.",
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
    "cross.export.header": {"ko": "내려받기", "en": "Download"},
    # --- under the hood --------------------------------------------------------
    "hood.title": {"ko": "내부 계산 들여다보기", "en": "Under the hood"},
    "hood.intro": {
        "ko": "학습된 모델의 어텐션 헤드 하나를 골라, 모델이 실제로 쓰는 숫자로 한 단계씩 다시 계산합니다. "
        "층 입력 x → W_q (이 헤드의 몫) → q → K → 점수 q·K → ÷√d_k → 마스크 → softmax → V → 가중합. "
        "마지막에 모델이 직접 계산한 이 헤드의 출력과 비교합니다.",
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
        "ko": "{position}: {token} → {produced} 생성",
        "en": "{position}: {token} → produces {produced}",
    },
    "hood.what_if.header": {"ko": "만약에? (계산 바꿔 보기)", "en": "What if? (change the math)"},
    "hood.what_if.body": {
        "ko": "아래 설정을 바꾸면 이 헤드의 계산만 다시 합니다. 층 입력은 모델이 실제로 계산한 그대로이므로, "
        "'이 헤드 하나가 그렇게 계산했다면'을 보여 줍니다 (뒤의 층이 어떻게 달라질지는 아닙니다). "
        "기본값으로 두면 모델의 계산과 같습니다.",
        "en": "These settings change the recomputation of this head only. The layer input stays what the model "
        "really computed, so you see what this one head would do, not what later layers would make of it. At "
        "their defaults the recomputation is the model's own computation.",
    },
    "hood.what_if.scale": {"ko": "÷√d_k 나누기", "en": "Divide by √d_k"},
    "hood.what_if.scale_help": {
        "ko": "끄면 점수를 √d_k로 나누지 않습니다. 점수가 커져서 softmax가 한 키에 몰립니다.",
        "en": "Off: the scores are not divided by √d_k; they grow and the softmax piles onto one key.",
    },
    "hood.what_if.causal": {"ko": "인과 마스크 (디코더)", "en": "Causal mask (decoder)"},
    "hood.what_if.causal_help": {
        "ko": "디코더 셀프 어텐션에서만 쓰입니다. 끄면 디코더가 아직 만들지 않은 뒤쪽 토큰까지 볼 수 있다고 가정합니다.",
        "en": "Used by decoder self-attention only. Off: the decoder could look ahead at tokens it has not "
        "produced yet.",
    },
    "hood.what_if.temperature": {"ko": "softmax 온도", "en": "Softmax temperature"},
    "hood.what_if.temperature_help": {
        "ko": "softmax 전에 점수를 온도로 나눕니다. 1보다 작으면 한 키로 쏠리고, 크면 허용된 키에 고르게 퍼집니다.",
        "en": "The scores are divided by the temperature before the softmax: below 1 sharper, above 1 flatter, "
        "towards equal weights on every allowed key.",
    },
    "hood.what_if.on": {
        "ko": "가정 계산입니다: '만약에?' 설정({changes})이 바뀌어 있어서, 아래 가중치와 출력은 모델이 실제로 "
        "쓰는 숫자가 아닙니다.",
        "en": "Hypothetical: a what-if is on ({changes}), so the weights and output below are not the numbers "
        "the model really uses.",
    },
    "hood.what_if.no_scale": {"ko": "÷√d_k 없음", "en": "no ÷√d_k"},
    "hood.what_if.no_causal": {"ko": "인과 마스크 없음", "en": "no causal mask"},
    "hood.what_if.temperature_value": {"ko": "온도 {temperature}", "en": "temperature {temperature}"},
    "hood.step.x.header": {"ko": "1. 층 입력 x", "en": "1. The layer input x"},
    "hood.step.x.body.encoder_self": {
        "ko": "인코더 {layer}층 셀프 어텐션이 받는 입력입니다 (LayerNorm을 거친 토큰 벡터, 길이 {d_model}). "
        "셀프 어텐션이라 쿼리와 키·밸류가 모두 이 x에서 나옵니다. 선택한 쿼리 토큰의 행은 {query}입니다.",
        "en": "What the self-attention of encoder layer {layer} receives: the token vectors after LayerNorm "
        "(length {d_model}). It is self-attention, so queries, keys and values all come from this x. The "
        "query token's row is {query}.",
    },
    "hood.step.x.body.decoder_self": {
        "ko": "디코더 {layer}층 마스크드 셀프 어텐션이 받는 입력입니다 (LayerNorm을 거친 디코더 토큰 벡터, 길이 "
        "{d_model}). 쿼리와 키·밸류가 모두 이 x에서 나옵니다. 선택한 쿼리 토큰의 행은 {query}입니다.",
        "en": "What the masked self-attention of decoder layer {layer} receives: the decoder's token vectors after "
        "LayerNorm (length {d_model}). Queries, keys and values all come from this x. The query token's row is "
        "{query}.",
    },
    "hood.step.x.body.cross": {
        "ko": "디코더 {layer}층 크로스 어텐션의 쿼리 입력입니다 (LayerNorm을 거친 디코더 토큰 벡터, 길이 {d_model}). "
        "선택한 쿼리 토큰의 행은 {query}입니다. 키와 밸류는 아래 두 번째 표, 인코더의 출력(한국어 토큰)에서 나옵니다.",
        "en": "The query input of the cross-attention of decoder layer {layer}: the decoder's token vectors after "
        "LayerNorm (length {d_model}). The query token's row is {query}. Keys and values come from the second "
        "table: the encoder's output (the Korean tokens).",
    },
    "hood.step.x.query_table": {"ko": "x (쿼리 쪽)", "en": "x (query side)"},
    "hood.step.x.key_table": {"ko": "인코더 출력 (키·밸류 쪽)", "en": "Encoder output (key and value side)"},
    "hood.step.wq.header": {"ko": "2. W_q: 이 헤드의 몫", "en": "2. W_q: this head's slice"},
    "hood.step.wq.body": {
        "ko": "이 층의 W_q는 {d_model}×{d_model} 행렬이고, 헤드 {head}는 그중 출력 열 {start}–{end}를 씁니다 "
        "({d_model}×{d_head}). PyTorch의 nn.Linear는 가중치를 (출력, 입력) 모양으로 저장하고 x·Wᵀ + b를 "
        "계산하므로, 여기서는 전치해서 x·W_q + b_q 꼴로 보여 줍니다. 편향 b_q도 함께 더합니다.",
        "en": "This layer's W_q is {d_model}×{d_model}; head {head} uses its output columns {start}–{end} "
        "({d_model}×{d_head}). PyTorch's nn.Linear stores its weight as (out, in) and computes x·Wᵀ + b, so "
        "the slice is shown transposed, as in x·W_q + b_q. The bias b_q is added too.",
    },
    "hood.step.wq.bias": {"ko": "편향 b_q", "en": "Bias b_q"},
    "hood.step.q.header": {"ko": "3. q = x·W_q + b_q", "en": "3. q = x·W_q + b_q"},
    "hood.step.q.body": {
        "ko": "쿼리 토큰 {query}의 벡터 (길이 d_k = {d_head}). 모델이 기록한 q와의 차이: 최대 {difference}.",
        "en": "The vector of the query token {query} (length d_k = {d_head}). Largest difference from the q the "
        "model recorded: {difference}.",
    },
    "hood.step.k.header": {"ko": "4. K = x·W_k + b_k", "en": "4. K = x·W_k + b_k"},
    "hood.step.k.body.self": {
        "ko": "모든 키 토큰의 벡터를 같은 방법으로, 이 헤드의 W_k 몫으로 만듭니다. 모델이 기록한 K와의 차이: 최대 "
        "{difference}.",
        "en": "Every key token's vector, made the same way with this head's slice of W_k. Largest difference "
        "from the K the model recorded: {difference}.",
    },
    "hood.step.k.body.cross": {
        "ko": "크로스 어텐션의 키는 인코더 출력(한국어 토큰)에 이 헤드의 W_k 몫을 곱해 만듭니다. 모델이 기록한 K와의 "
        "차이: 최대 {difference}.",
        "en": "Cross-attention's keys are the encoder output (the Korean tokens) times this head's slice of W_k. "
        "Largest difference from the K the model recorded: {difference}.",
    },
    "hood.step.scores.header": {
        "ko": "5. 점수 q·K → ÷√d_k → 마스크 → softmax",
        "en": "5. Scores q·K → ÷√d_k → mask → softmax",
    },
    "hood.step.scores.body": {
        "ko": "q와 각 키의 내적이 점수입니다. √d_k = √{d_head} = {sqrt_d:.0f}로 나누고, 마스크가 막는 키는 −∞로 "
        "바꾼 뒤(온도 {temperature}로 나누고) softmax를 취하면 가중치가 되고, 합은 1입니다.",
        "en": "The dot product of q with each key is its score. Divide by √d_k = √{d_head} = {sqrt_d:.0f}, set "
        "the keys the mask blocks to −∞ (divide by the temperature, {temperature}), and the softmax turns the "
        "row into weights that sum to 1.",
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
        "ko": "마스크: 인과 마스크를 끈 가정입니다. 디코더가 뒤의 토큰까지 봅니다 (실제 모델은 이렇게 하지 않습니다).",
        "en": "Mask: the causal mask is off (a what-if): the decoder looks ahead at later tokens, which the real "
        "model never does.",
    },
    "hood.mask.cross": {
        "ko": "마스크: 크로스 어텐션은 인코더 쪽 패딩만 가립니다. 한 문장에는 패딩이 없으니 모든 한국어 토큰을 볼 수 "
        "있습니다.",
        "en": "Mask: cross-attention hides the encoder's padding only; one sentence has none, so every Korean "
        "token is allowed.",
    },
    "hood.col.key": {"ko": "키 토큰", "en": "key token"},
    "hood.col.position": {"ko": "위치", "en": "position"},
    "hood.col.score": {"ko": "q·k", "en": "q·k"},
    "hood.col.scaled": {"ko": "÷√d_k", "en": "÷√d_k"},
    "hood.col.unscaled": {"ko": "(÷√d_k 없음)", "en": "(no ÷√d_k)"},
    "hood.col.allowed": {"ko": "볼 수 있음", "en": "allowed"},
    "hood.col.masked": {"ko": "마스크 후", "en": "after mask"},
    "hood.col.weight": {"ko": "softmax 가중치", "en": "softmax weight"},
    "hood.col.model_weight": {"ko": "모델의 가중치", "en": "model's weight"},
    "hood.col.what_if_weight": {"ko": "가정 가중치", "en": "what-if weight"},
    "hood.col.what_if_output": {"ko": "가정 출력", "en": "what-if output"},
    "hood.col.change": {"ko": "변화", "en": "change"},
    "hood.col.dimension": {"ko": "차원", "en": "dimension"},
    "hood.col.recomputed": {"ko": "다시 계산", "en": "recomputed"},
    "hood.col.model": {"ko": "모델", "en": "model"},
    "hood.col.difference": {"ko": "|차이|", "en": "|difference|"},
    "hood.scores_chart_title": {"ko": "점수가 바뀌는 과정", "en": "The scores, step by step"},
    "hood.bars_title": {"ko": "softmax 가중치", "en": "Softmax weights"},
    "hood.head_map_title": {"ko": "헤드 전체의 어텐션 (모델)", "en": "The whole head's attention (model)"},
    "hood.head_map_body": {
        "ko": "위에서 계산한 것은 이 맵의 한 행(쿼리 {query})입니다.",
        "en": "The row computed above is one row of this map (query {query}).",
    },
    "hood.axis.key": {"ko": "키", "en": "key"},
    "hood.axis.query": {"ko": "쿼리", "en": "query"},
    "hood.axis.step": {"ko": "단계", "en": "step"},
    "hood.axis.weight": {"ko": "가중치", "en": "weight"},
    "hood.step.v.header": {"ko": "6. V = x·W_v + b_v", "en": "6. V = x·W_v + b_v"},
    "hood.step.v.body": {
        "ko": "밸류는 키와 같은 입력에 이 헤드의 W_v 몫을 곱해 만듭니다. 모델이 기록한 V와의 차이: 최대 {difference}.",
        "en": "The values come from the same input as the keys, times this head's slice of W_v. Largest "
        "difference from the V the model recorded: {difference}.",
    },
    "hood.step.sum.header": {"ko": "7. 가중합: Σ 가중치 × v", "en": "7. The weighted sum: Σ weight × v"},
    "hood.step.sum.body": {
        "ko": "각 밸류 벡터에 그 키의 가중치를 곱해 모두 더하면 이 헤드의 출력입니다 (마지막 행).",
        "en": "Each value vector times its key's weight, all added up: the head's output (last row).",
    },
    "hood.sum_row": {"ko": "Σ = 출력", "en": "Σ = output"},
    "hood.check.header": {"ko": "8. 모델의 출력과 비교", "en": "8. Compared with the model's own output"},
    "hood.check.body": {
        "ko": "모델이 정방향 계산에서 이 헤드에 대해 기록한 출력(AttentionRecord.head_outputs)과 위의 다시 계산한 "
        "출력을 차원별로 나란히 놓았습니다.",
        "en": "The output the model recorded for this head in its forward pass (AttentionRecord.head_outputs), "
        "next to the recomputed one, dimension by dimension.",
    },
    "hood.check.ok": {
        "ko": "✓ 일치합니다: 가장 큰 차이는 출력 {output_difference}, 가중치 {weights_difference}로, 허용 오차 {tolerance} "
        "이하입니다. 위의 계산이 모델이 실제로 하는 계산입니다.",
        "en": "✓ They match: the largest difference is {output_difference} in the output and {weights_difference} "
        "in the weights, within the tolerance of {tolerance}. The steps above are what the model really computes.",
    },
    "hood.check.bad": {
        "ko": "✗ 차이가 허용 오차 {tolerance}보다 큽니다 (출력 {output_difference}, 가중치 {weights_difference}).",
        "en": "✗ The difference exceeds the tolerance of {tolerance} (output {output_difference}, weights "
        "{weights_difference}).",
    },
    "hood.check.what_if": {
        "ko": "가정 계산이라 모델과 다릅니다. 아래는 '만약에?' 설정이 바꾼 가중치와 출력입니다 (가장 큰 변화: 가중치 "
        "{weights_difference}, 출력 {output_difference}). 설정을 기본값으로 돌리면 다시 모델과 같아집니다.",
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
        "ko": "고른 헤드의 출력을 0으로 만드는 헤드 마스크를 정방향 계산에 넘겨 다시 번역합니다. 모델 자체는 바뀌지 "
        "않습니다. 어떤 헤드가 번역에 꼭 필요한지 알아보세요. 예: 0층 크로스 어텐션의 헤드를 모두 꺼 보세요.",
        "en": "The chosen heads are silenced by a head mask passed to the forward pass (their output set to 0), "
        "and the sentence is translated again; the model itself is never changed. Find out which heads the "
        "translation needs, e.g. switch off every cross-attention head of layer 0.",
    },
    "hood.ablation.heads": {"ko": "끌 헤드", "en": "Heads to switch off"},
    "hood.ablation.placeholder": {"ko": "헤드를 고르세요", "en": "Choose heads"},
    "hood.ablation.quick": {"ko": "{kind} {layer}층 모두 끄기", "en": "{kind} layer {layer}: all off"},
    "hood.ablation.clear": {"ko": "모두 다시 켜기", "en": "All back on"},
    "hood.kind_short.encoder_self": {"ko": "인코더 셀프", "en": "encoder self"},
    "hood.kind_short.decoder_self": {"ko": "디코더 셀프", "en": "decoder self"},
    "hood.kind_short.cross": {"ko": "크로스", "en": "cross"},
    "hood.ablation.head_option": {
        "ko": "{kind} · {layer}층 · 헤드 {head}",
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
        "ko": "번역은 그대로입니다 (맵과 확률은 달라졌을 수 있습니다).",
        "en": "The translation is the same (the maps and probabilities may still have changed).",
    },
    "hood.ablation.map_layer": {"ko": "비교할 크로스 어텐션 층", "en": "Cross-attention layer to compare"},
    "hood.ablation.map_head": {"ko": "비교할 헤드", "en": "Head to compare"},
    "hood.ablation.map_note": {
        "ko": "꺼진 헤드도 가중치는 계산되지만 그 출력이 0이 되어 다음 계산에 쓰이지 않습니다.",
        "en": "A head that is off still computes its weights, but its output is set to 0 and nothing after it "
        "uses them.",
    },
    "hood.ablation.exact_header": {"ko": "테스트 세트 완전 일치", "en": "Test-split exact match"},
    "hood.ablation.exact_body": {
        "ko": "훈련에서 본 적 없는 조합의 테스트 문장 {count}개 중, 번역이 정답과 토큰 하나까지 같은 비율입니다.",
        "en": "The share of the {count} test sentences (combinations never seen in training) translated exactly, "
        "token for token.",
    },
    "hood.ablation.measuring": {"ko": "테스트 세트를 번역하는 중…", "en": "Translating the test split…"},
    "hood.ablation.exact_waiting": {
        "ko": "헤드를 끄면 그 상태로 테스트 세트 전체를 번역해 완전 일치를 잽니다.",
        "en": "Switch heads off and the whole test split is translated with them off to measure the exact match.",
    },
    "hood.ablation.exact_waiting_recorded": {
        "ko": "모든 헤드를 켠 이 모델은 학습 직후 {recorded}를 맞혔습니다. 헤드를 끄면 그 상태로 테스트 세트 전체를 "
        "번역해 다시 잽니다.",
        "en": "With every head on, this model scored {recorded} when it was trained. Switch heads off and the whole "
        "test split is translated with them off to measure it again.",
    },
    "hood.ablation.exact_unavailable": {
        "ko": "이 모델은 여기서 만드는 말뭉치와 다른 말뭉치(예: 업로드한 문장 쌍이나 이전 버전의 말뭉치)로 학습되어 "
        "테스트 세트를 알 수 없습니다.",
        "en": "This model was trained on a corpus other than the one generated here (e.g. uploaded pairs, or an "
        "earlier version of the corpus), so its test split is not known.",
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
        "ko": "링크의 언어 설정(lang)은 ko 또는 en이어야 합니다. 지금 언어로 보여 줍니다.",
        "en": "The link's language (lang) must be ko or en; the page stays in the current language.",
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
        "ko": "파일이 잘려 있습니다 (끝까지 올라가지 않았거나 손상됨).",
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
        "ko": "가중치에 숫자가 아닌 값(NaN, 무한대)이 들어 있습니다.",
        "en": "The weights hold values that are not finite numbers (NaN or infinity).",
    },
    "errors.checkpoint_too_large": {"ko": "파일이나 모델이 너무 큽니다.", "en": "The file or the model is too large."},
    "errors.checkpoint_pickle": {
        "ko": "pickle 파일은 안전하지 않아 열지 않습니다. safetensors 파일만 받습니다.",
        "en": "Pickle files are unsafe and are never opened; only safetensors files are accepted.",
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


def text(key: str, language: str, **fields) -> str:
    """The string for `key` in `language`, with `fields` filled in."""
    template = TEXTS[key][language]
    return template.format(**fields) if fields else template
