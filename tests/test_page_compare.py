"""Compare (issue 13 §5) on the Encoder and Decoder self-attention pages and the Cross-attention
page's tab, under AppTest: two sentences through one model, one sentence through two models.

Every difference map is checked against B − A recomputed from model.decoding.translate's maps,
never from the page's own frames; the CSV behind its download button holds the same numbers.
"""

import io
from pathlib import Path

import pandas as pd
import pytest
import torch
from streamlit.testing.v1 import AppTest

from model.attention import AttentionKind
from model.checkpoint import Checkpoint, checkpoint_bytes, load_checkpoint
from model.config import ModelConfig
from model.decoding import SentenceError, translate
from model.tokenizer import SPECIAL_TOKENS, Vocabulary
from model.transformer import Transformer
from tests import app_testing
from tests.app_testing import drawn_charts, markdown_text, rerun
from ui import compare_sections, state, texts, views

PAGES = Path(__file__).resolve().parents[1] / "pages"
PAGE_OF_KIND = {AttentionKind.ENCODER_SELF: "encoder.py", AttentionKind.DECODER_SELF: "decoder.py"}
SEED = "나는 학생이다"


def keys_of(kind: AttentionKind) -> compare_sections.CompareKeys:
    return compare_sections.CompareKeys.with_prefix(views.widget_key(kind, "compare"))


def open_compare(kind: AttentionKind, language: str = "en", sentence: str = SEED, setup=None) -> AppTest:
    """The page of `kind` with its comparison switched on; `setup(app)` runs before that run
    (e.g. to give the session a second model)."""
    app = app_testing.run_page(str(PAGES / PAGE_OF_KIND[kind]), language, sentence=sentence, timeout=120)
    if setup is not None:
        setup(app)
    app.toggle(key=views.widget_key(kind, "compare_open")).set_value(True)
    return rerun(app)


def pick_layer_head(app: AppTest, kind: AttentionKind, layer: int, head: int) -> None:
    app.radio(key=views.widget_key(kind, "layer")).set_value(layer)
    app.radio(key=views.widget_key(kind, "head")).set_value(head)


def chart_data(app: AppTest, title: str) -> pd.DataFrame:
    """The rows of the one chart titled `title` (its first dataset with a value or weight column)."""
    found = []
    for spec, datasets in drawn_charts(app):
        chart_title = spec.get("title", "")
        chart_title = chart_title.get("text", "") if isinstance(chart_title, dict) else chart_title
        if chart_title == title:
            found += [rows for rows in datasets.values() if {"value"} <= set(rows) or {"weight"} <= set(rows)][:1]
    assert len(found) == 1, f"{len(found)} charts titled {title!r}"
    return found[0]


def difference_of(app: AppTest, layer: int, head: int) -> pd.DataFrame:
    language = app.session_state[state.LANGUAGE]
    title = texts.text("compare.difference_title", language, layer=layer, head=head)
    return chart_data(app, title).sort_values(["row_pos", "column_pos"]).reset_index(drop=True)


def expected_difference(kind: AttentionKind, first, second, layer: int, head: int):
    """B − A over the query and key positions both maps have, flattened in sentence order."""
    map_a = first.maps.of_kind(kind)[layer, head]
    map_b = second.maps.of_kind(kind)[layer, head]
    rows, columns = min(map_a.shape[0], map_b.shape[0]), min(map_a.shape[1], map_b.shape[1])
    return (map_b[:rows, :columns] - map_a[:rows, :columns]).flatten().tolist(), rows, columns


def captions(app: AppTest) -> list[str]:
    return [element.value for element in app.caption]


def warnings(app: AppTest) -> list[str]:
    return [element.value for element in app.warning]


def infos(app: AppTest) -> list[str]:
    return [element.value for element in app.info]


def checkpoint_like(shipped, config: ModelConfig, seed: int = 0, source=None, target=None) -> Checkpoint:
    """A new (untrained) model of shape `config`, with the shipped vocabularies unless given."""
    torch.manual_seed(seed)
    source = source or shipped.source_vocabulary
    target = target or shipped.target_vocabulary
    config.source_vocab_size, config.target_vocab_size = len(source), len(target)
    return Checkpoint(
        model=Transformer(config).eval(),
        source_vocabulary=source,
        target_vocabulary=target,
        train_config=shipped.train_config,
        created_at="2026-01-01T00:00:00+00:00",
    )


def with_session_model(checkpoint: Checkpoint):
    def setup(app: AppTest) -> None:
        app.session_state[state.SESSION_CHECKPOINT] = checkpoint  # what the Train page keeps

    return setup


# --- two sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "language", "sentence_b", "layer", "head"),
    [
        (AttentionKind.ENCODER_SELF, "en", "나는 사과를 먹었다", 1, 2),  # B is two tokens longer
        (AttentionKind.ENCODER_SELF, "ko", "그녀는 가수이다", 0, 1),  # the same shape
        (AttentionKind.DECODER_SELF, "en", "그녀는 가수이다", 1, 3),
        (AttentionKind.DECODER_SELF, "ko", "나는 사과를 먹었다", 0, 0),
    ],
)
def test_two_sentences_side_by_side_and_their_difference(shipped, monkeypatch, kind, language, sentence_b, layer, head):
    download = app_testing.record_downloads(monkeypatch)
    first, second = translate(shipped, SEED), translate(shipped, sentence_b)
    app = open_compare(kind, language)
    assert captions(app).count(texts.text("compare.one_model", language)) == 1  # one model: sentences only
    with pytest.raises(KeyError):
        app.radio(key=keys_of(kind).what)
    pick_layer_head(app, kind, layer, head)
    app.selectbox(key=keys_of(kind).sentence).set_value(sentence_b)
    rerun(app)

    prose = markdown_text(app)
    assert f"**A**: {SEED} → {first.translation}" in prose
    assert f"**B**: {sentence_b} → {second.translation}" in prose
    assert texts.text("compare.difference_body", language) in prose
    map_a = chart_data(app, texts.text("compare.map_title", language, name="A"))
    map_b = chart_data(app, texts.text("compare.map_title", language, name="B"))
    assert set(map_a["layer"]) == set(map_b["layer"]) == {layer} and set(map_b["head"]) == {head}

    difference = difference_of(app, layer, head)
    expected, rows, columns = expected_difference(kind, first, second, layer, head)
    assert len(difference) == rows * columns
    assert difference["value"].tolist() == pytest.approx(expected, abs=1e-6)
    assert max(abs(value) for value in expected) > 0.01  # the two sentences really differ here
    # Rows and columns in sentence order, labelled as the page's other maps ("read → produced").
    query_a, key_a = kind.axis_tokens(first.source_tokens, first.target_tokens)
    query_b, key_b = kind.axis_tokens(second.source_tokens, second.target_tokens)
    if kind.in_decoder:
        query_a = [f"{read}{views.ARROW}{made}" for read, made in zip(query_a, first.output_tokens, strict=True)]
        query_b = [f"{read}{views.ARROW}{made}" for read, made in zip(query_b, second.output_tokens, strict=True)]
    shown_rows = difference.drop_duplicates("row_pos")["row_label"].tolist()
    assert shown_rows == [a if a == b else f"{a} / {b}" for a, b in zip(query_a, query_b, strict=False)][:rows]
    shown_columns = difference.drop_duplicates("column_pos").sort_values("column_pos")["column_label"].tolist()
    assert shown_columns == [a if a == b else f"{a} / {b}" for a, b in zip(key_a, key_b, strict=False)][:columns]
    same_shape = (len(query_a), len(key_a)) == (len(query_b), len(key_b))
    assert (texts.text("compare.common_part", language) in captions(app)) == (not same_shape)

    (button,) = [
        button
        for button in app.get("download_button")
        if button.proto.label == "CSV" and f"{kind}_layer{layer}_head{head}_difference" in button.proto.id
    ]
    exported = pd.read_csv(io.BytesIO(download(button)))
    assert exported["value"].tolist() == pytest.approx(expected, abs=1e-6)


def test_the_difference_follows_the_colour_blind_safe_palette():
    app = app_testing.run_page(str(PAGES / "encoder.py"), "ko", sentence=SEED, timeout=120)
    app.session_state[state.PALETTE] = state.COLOUR_BLIND_SAFE_PALETTE
    app.toggle(key=views.widget_key(AttentionKind.ENCODER_SELF, "compare_open")).set_value(True)
    rerun(app)
    prose = markdown_text(app)
    assert texts.text("compare.difference_body_colour_blind_safe", "ko") in prose
    assert texts.text("compare.difference_body", "ko") not in prose
    title = texts.text("compare.difference_title", "ko", layer=0, head=0)
    (spec,) = [spec for spec, _ in drawn_charts(app) if spec.get("title") == title]
    assert spec["layer"][0]["encoding"]["color"]["scale"]["scheme"] == "blueorange"


def test_a_sentence_b_the_model_cannot_translate_is_explained(shipped):
    kind = AttentionKind.DECODER_SELF

    def type_sentence_b(app: AppTest) -> None:
        # As typed into the box (AppTest cannot type a new option), before the box is first drawn.
        app.session_state[keys_of(kind).sentence] = "hello world"

    app = open_compare(kind, "ko", setup=type_sentence_b)
    assert app.selectbox(key=keys_of(kind).sentence).value == "hello world"
    with pytest.raises(SentenceError) as refused:
        translate(shipped, "hello world")
    reason = texts.text(f"errors.sentence_{refused.value.code}", "ko")
    assert warnings(app) == [texts.text("compare.sentence_refused", "ko", reason=reason)]
    assert texts.text("compare.difference_header", "ko") not in [header.value for header in app.subheader]


def test_the_comparison_computes_nothing_while_switched_off():
    kind = AttentionKind.ENCODER_SELF
    app = app_testing.run_page(str(PAGES / "encoder.py"), "en", sentence=SEED, timeout=120)
    assert texts.text("compare.header", "en") in [header.value for header in app.subheader]
    charts_off = len(drawn_charts(app))
    app.toggle(key=views.widget_key(kind, "compare_open")).set_value(True)
    rerun(app)
    assert len(drawn_charts(app)) == charts_off + 3  # A, B and B − A
    app.selectbox(key=keys_of(kind).sentence).set_value("그녀는 가수이다")
    rerun(app)
    app.toggle(key=views.widget_key(kind, "compare_open")).set_value(False)
    rerun(app)
    assert len(drawn_charts(app)) == charts_off
    app.toggle(key=views.widget_key(kind, "compare_open")).set_value(True)
    rerun(app)
    assert app.selectbox(key=keys_of(kind).sentence).value == "그녀는 가수이다"  # kept while switched off


# --- two models ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [AttentionKind.ENCODER_SELF, AttentionKind.DECODER_SELF])
def test_the_same_model_loaded_twice_differs_by_exactly_zero(shipped, kind):
    def upload_the_shipped_model(app: AppTest) -> None:
        app.session_state[state.UPLOADED_CHECKPOINT] = load_checkpoint(checkpoint_bytes(shipped))
        app.session_state[state.UPLOADED_NAME] = "again.safetensors"

    app = open_compare(kind, "en", setup=upload_the_shipped_model)
    assert texts.text("compare.one_model", "en") not in captions(app)
    app.radio(key=keys_of(kind).what).set_value(compare_sections.MODEL)
    pick_layer_head(app, kind, 1, 3)
    rerun(app)
    assert app.radio(key=keys_of(kind).model).options == [
        texts.text("sidebar.model_uploaded", "en", name="again\\.safetensors")
    ]
    assert texts.text("compare.same_model", "en") in captions(app)
    translation = translate(shipped, SEED)
    prose = markdown_text(app)
    assert f"**A** · Pretrained model  \n{SEED} → {translation.translation}" in prose
    assert f"**B** · Uploaded (again\\.safetensors)  \n{SEED} → {translation.translation}" in prose
    difference = difference_of(app, 1, 3)
    query_count = len(kind.axis_tokens(translation.source_tokens, translation.target_tokens)[0])
    assert len(difference) == query_count * len(
        kind.axis_tokens(translation.source_tokens, translation.target_tokens)[1]
    )
    assert (difference["value"] == 0).all()


def test_another_model_with_fewer_layers_and_heads(shipped):
    kind = AttentionKind.DECODER_SELF
    small = checkpoint_like(
        shipped, ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32, max_len=16)
    )
    app = open_compare(kind, "en", setup=with_session_model(small))
    app.radio(key=keys_of(kind).what).set_value(compare_sections.MODEL)
    pick_layer_head(app, kind, 0, 1)
    rerun(app)
    first, second = translate(shipped, SEED), translate(small, SEED)
    assert f"**B** · Trained in this session  \n{SEED} → {second.translation or '∅'}" in markdown_text(app)
    expected, rows, columns = expected_difference(kind, first, second, 0, 1)
    difference = difference_of(app, 0, 1)
    assert difference["value"].tolist() == pytest.approx(expected, abs=1e-6)
    assert max(abs(value) for value in expected) > 0.01
    assert texts.text("compare.same_model", "en") not in captions(app)

    for language, layer, head in (("en", 1, 0), ("ko", 0, 3), ("en", 1, 3)):
        app.session_state[state.LANGUAGE] = language
        pick_layer_head(app, kind, layer, head)
        rerun(app)
        missing = texts.text("compare.missing_head", language, layer=layer, head=head, layers=1, heads=2)
        assert infos(app).count(missing) == 1
        assert texts.text("compare.difference_header", language) not in [header.value for header in app.subheader]


def test_a_model_b_that_cannot_read_the_sentence_says_why_in_the_users_language(shipped):
    kind = AttentionKind.ENCODER_SELF
    animals = checkpoint_like(
        shipped,
        ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32, max_len=16),
        source=Vocabulary(SPECIAL_TOKENS + ("사자", "호랑이")),
        target=Vocabulary(SPECIAL_TOKENS + ("lion", "tiger")),
    )
    with pytest.raises(SentenceError) as refused:
        translate(animals, SEED)
    app = open_compare(kind, "ko", setup=with_session_model(animals))
    app.radio(key=keys_of(kind).what).set_value(compare_sections.MODEL)
    rerun(app)
    reason = texts.text(f"errors.sentence_{refused.value.code}", "ko")
    assert warnings(app) == [texts.text("compare.model_refused", "ko", reason=reason)]
    assert texts.text("compare.difference_header", "ko") not in [header.value for header in app.subheader]


def test_the_cross_tab_compares_two_models_too(shipped):
    """The Cross-attention tab is the same section: the uploaded copy of the shipped model, zero everywhere."""
    app = app_testing.run_page(str(PAGES / "cross.py"), "ko", sentence=SEED, timeout=120)
    app.session_state[state.UPLOADED_CHECKPOINT] = load_checkpoint(checkpoint_bytes(shipped))
    app.session_state[state.UPLOADED_NAME] = "copy.safetensors"
    app = app_testing.open_tab(app, "cross_tab", "cross.tab.compare")
    app.radio(key="cross_compare_what").set_value(compare_sections.MODEL)
    rerun(app)
    english = len(translate(shipped, SEED).output_tokens) - 1
    difference = difference_of(app, 0, 0)
    assert len(difference) == english * 4 and (difference["value"] == 0).all()  # 나 는 학생 이다
    assert texts.text("compare.same_model", "ko") in captions(app)
