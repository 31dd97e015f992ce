"""The hostile-input table (issue 5): every bad input a learner may type, upload or set, with
its expected result, run at every layer it reaches.

Layers:
- model: the function the app and the CLIs call (translate, load_checkpoint,
  parse_user_corpus, the configs' problems()) gives the expected result or a coded
  error (SentenceError, CheckpointError, CorpusFileError);
- cli: `python -m model.translate` / `python -m model.train` (main() in process for the
  whole table, a real subprocess for a sample): exit code 2, exactly one line on
  stderr starting with "error:", nothing on stdout, no traceback;
- ui: AppTest: the sidebar's typed sentence and checkpoint upload, the Train page's
  corpus upload and settings form: the message in the user's language (both
  languages for a sample), the previous sentence/model kept, never an exception.

The tables are CASES_SENTENCE, CASES_CHECKPOINT, CASES_CORPUS and CASES_SETTINGS;
`test_the_table_is_complete` checks that every kind of input the issue names is there.
Other test files prove parts in depth (tests/test_checkpoint.py, test_translate.py,
test_user_corpus.py, test_app_shell.py); this file is the one list of all cases.
"""

from __future__ import annotations

import dataclasses
import io
import json
import pickle
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import torch
from safetensors.torch import save as save_safetensors_bytes
from streamlit.testing.v1 import AppTest

from model import train_cli, user_corpus
from model import translate as translate_cli
from model.checkpoint import (
    MAX_CHECKPOINT_BYTES,
    SHIPPED_CHECKPOINT,
    CheckpointError,
    check_records,
    checkpoint_bytes,
    load_checkpoint,
)
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import MAX_SENTENCE_CHARACTERS, MAX_SENTENCE_TOKENS, SentenceError, translate
from model.tokenizer import SPECIAL_TOKENS, normalize
from model.transformer import Transformer
from model.user_corpus import CorpusFileError, parse_user_corpus
from tests import app_testing
from tests.safetensors_bytes import header_of, with_header_bytes, with_metadata
from ui import sidebar, state, texts, training
from ui.sidebar import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
TRAIN_PAGE = str(ROOT / "pages" / "train.py")
TIMEOUT_S = 120
LANGUAGES = ("en", "ko")


@pytest.fixture(scope="module")
def shipped_bytes() -> bytes:
    return SHIPPED_CHECKPOINT.read_bytes()


# =============================================================================================
# 1. Typed sentences
# =============================================================================================

NFC_SENTENCE = "나는 학생이다"
NFC_TOKENS = ["나", "는", "학생", "이다"]


@dataclass(frozen=True)
class SentenceCase:
    name: str
    text: str
    error: str = ""  # the SentenceError code; "" when the sentence is taken
    tokens: tuple[str, ...] = ()  # when taken: the tokens the model reads
    unknown: tuple[str, ...] = ()  # when taken: the tokens shown as unknown (marked and explained)
    same_as: str = ""  # when taken: must translate exactly like this sentence
    cli: bool = True  # False when a process argument cannot hold the text (NUL)
    ui: bool = True  # False when a browser cannot send the text (a lone surrogate is not UTF-8)


CASES_SENTENCE = [
    SentenceCase("empty", "", error="empty"),
    SentenceCase("whitespace only", "  \t \u3000 ", error="empty"),
    SentenceCase("punctuation only", " .?! ", error="empty"),
    SentenceCase("zero-width only", "\u200b\u200c\u200d\ufeff", error="empty"),
    SentenceCase("too many characters", "가" * (MAX_SENTENCE_CHARACTERS + 1), error="too_long"),
    SentenceCase("too many tokens", "나 " * (MAX_SENTENCE_TOKENS + 1), error="too_long"),
    SentenceCase("a pasted book (100k characters)", "나는 학생이다. " * 12_000, error="too_long"),
    SentenceCase("emoji only", "😀😀 🎉", error="no_korean"),
    SentenceCase("emoji inside", "나는 😀 학생이다", tokens=("나", "는", "😀", "학생", "이다"), unknown=("😀",)),
    SentenceCase("latin only", "hello world", error="no_korean"),
    SentenceCase("digits only", "12345 678", error="no_korean"),
    SentenceCase("digits glued to a word", "나는 3학생이다", tokens=("나", "는", "3학생", "이다"), unknown=("3학생",)),
    SentenceCase("mixed scripts", "나는 student이다", tokens=("나", "는", "student이다"), unknown=("student이다",)),
    SentenceCase("hangul jamo only", "ㅋㅋㅋ ㅠㅠ", error="no_korean"),
    SentenceCase("hangul filler (blank letter) only", "\u3164\u3164", error="empty"),
    SentenceCase("hangul filler between words", "나는\u3164학생이다\uffa0", same_as=NFC_SENTENCE),
    SentenceCase("zero-width inside words", "나는\u200b 학\u200d생이다\ufeff", same_as=NFC_SENTENCE),
    SentenceCase("RTL override", "\u202e나는 학생이다\u202c", same_as=NFC_SENTENCE),
    SentenceCase("soft hyphen and tag characters", "나는 학\u00ad생이다\U000e0041", same_as=NFC_SENTENCE),
    SentenceCase("RTL script mixed in", "나는 שלום", tokens=("나", "는", "שלום"), unknown=("שלום",)),
    SentenceCase("decomposed hangul (NFD)", unicodedata.normalize("NFD", NFC_SENTENCE), same_as=NFC_SENTENCE),
    SentenceCase("control characters", "나는\x00학생이다\x1b", same_as=NFC_SENTENCE, cli=False),
    SentenceCase("ideographic space and full stop", "나는\u3000학생이다。", same_as=NFC_SENTENCE),
    SentenceCase("script tag only", "<script>alert(1)</script>", error="no_korean"),
    SentenceCase(
        "html tag around a word",
        "<b>나는</b> 학생이다",
        tokens=("<b>나는</b>", "학생", "이다"),
        unknown=("<b>나는</b>",),
    ),
    SentenceCase(
        "img onerror payload",
        "<img src=x onerror=alert(1)> 나는 학생이다",
        tokens=("<img", "src=x", "onerror=alert(1)>", *NFC_TOKENS),
        unknown=("<img", "src=x", "onerror=alert(1)>"),
    ),
    SentenceCase(
        "markdown link payload",
        "[x](javascript:alert(1)) 나는 학생이다",
        tokens=("[x](javascript:alert(1))", *NFC_TOKENS),
        unknown=("[x](javascript:alert(1))",),
    ),
    SentenceCase("latex payload", "$x^2$ 나는 학생이다", tokens=("$x^2$", *NFC_TOKENS), unknown=("$x^2$",)),
    SentenceCase("unknown words", "고양이는 뷁뷁다", tokens=("고양이", "는", "뷁뷁다"), unknown=("고양이", "뷁뷁다")),
    SentenceCase("only unknown words", "고양이 강아지", error="no_known_words"),
    SentenceCase("only particles", "는 를 이다", error="only_particles"),
    SentenceCase("a lone particle", "에서", error="only_particles"),
    # Found by tests/test_fuzz.py (shrunk examples): normalising twice changed the text, because NFC
    # ran before the zero-width space between a syllable's jamo was dropped.
    SentenceCase(
        "zero-width space inside a decomposed syllable (fuzzing)",
        "\u1102\u200b\u1161\u1102\u200b\u1173\u11ab \u1112\u200b\u1161\u11a8\u1109\u1162\u11bc\u110b\u1175\u1103\u1161",
        same_as=NFC_SENTENCE,
    ),
    # A command-line byte that is not UTF-8 arrives as a lone surrogate, which no output can print.
    SentenceCase(
        "a lone surrogate (a byte that is not UTF-8; fuzzing)",
        "나는 학생이다 \udcff",
        tokens=(*NFC_TOKENS, "\ufffd"),
        unknown=("\ufffd",),
        ui=False,
    ),
]


def sentence_message(code: str, language: str) -> str:
    """What the UI says for a SentenceError code, in `language` (the limits of the shipped model)."""
    if code == "too_long":
        return texts.text(
            "errors.sentence_too_long",
            language,
            max_tokens=MAX_SENTENCE_TOKENS,
            max_characters=MAX_SENTENCE_CHARACTERS,
        )
    return texts.text(f"errors.sentence_{code}", language)


@pytest.mark.parametrize("case", CASES_SENTENCE, ids=lambda case: case.name)
def test_sentence_model(shipped, case: SentenceCase):
    if case.error:
        with pytest.raises(SentenceError) as caught:
            translate(shipped, case.text)
        assert caught.value.code == case.error, caught.value.message
        assert caught.value.message and "\n" not in caught.value.message
        return
    result = translate(shipped, case.text)
    if case.same_as:
        reference = translate(shipped, case.same_as)
        assert result.source == reference.source
        assert result.source_tokens == reference.source_tokens
        assert result.translation == reference.translation
        torch.testing.assert_close(result.maps.cross, reference.maps.cross)
    else:
        assert tuple(result.source_tokens) == case.tokens
    marked = tuple(token for token, known in zip(result.source_tokens, result.source_known, strict=True) if not known)
    assert marked == case.unknown
    assert result.translation  # something was produced


def run_main(main: Callable[[list[str]], int], argv: list[str], capsys) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a CLI's main() in this process; argparse's exits count too."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, out: str, err: str, expected_out: str = "") -> None:
    assert code == 2, (code, out, err)
    assert out == expected_out
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", [case for case in CASES_SENTENCE if case.cli], ids=lambda case: case.name)
def test_sentence_cli(shipped, case: SentenceCase, capsys):
    code, out, err = run_main(translate_cli.main, [case.text, "--json"], capsys)
    (out + err).encode("utf-8")  # what a terminal can show (capsys takes lone surrogates too)
    if case.error:
        # The bad sentence keeps its line: with --json an object naming the input and the error.
        assert code == 2 and len(err.splitlines()) == 1 and err.startswith("error: line 1: ")
        (record,) = [json.loads(line) for line in out.splitlines()]
        assert set(record) == {"source", "error"} and record["source"] == case.text
        return
    assert code == 0
    # One warning line when the sentence has unknown words, nothing otherwise.
    assert err.splitlines() == (
        [f"warning: line 1: {translate_cli.unknown_word_warning(translate(shipped, case.text))}"]
        if case.unknown
        else []
    )
    assert [json.loads(line)["translation"] for line in out.splitlines()] == [translate(shipped, case.text).translation]


def _sidebar_only_app():
    from ui import sidebar

    sidebar.render()


def sidebar_sessions() -> dict[str, AppTest]:
    """One session per language, drawing only the sidebar (where sentences and uploads are checked)."""
    apps = {}
    for language in LANGUAGES:
        app = AppTest.from_function(_sidebar_only_app, default_timeout=TIMEOUT_S)
        app.session_state[state.LANGUAGE] = language
        app.run()
        assert not app.exception, app.exception
        apps[language] = app
    return apps


@pytest.fixture(scope="module")
def sidebar_apps() -> dict[str, AppTest]:
    """Sessions for the typed-sentence cases."""
    return sidebar_sessions()


def type_sentence(app: AppTest, text: str) -> AppTest:
    app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value(text)
    app.run()
    assert not app.exception, app.exception
    return app


def sidebar_markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.sidebar.markdown)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [case for case in CASES_SENTENCE if case.ui], ids=lambda case: case.name)
def test_sentence_sidebar(sidebar_apps, shipped, case: SentenceCase, language: str):
    app = sidebar_apps[language]
    type_sentence(app, "그녀는 가수이다")  # a known starting point
    before = app.session_state[state.SENTENCE]
    type_sentence(app, case.text)
    warnings = [element.value for element in app.sidebar.warning]
    if case.error:
        kept = texts.text("errors.sentence_kept", language, sentence=escape_markdown(before))
        assert warnings == [f"{sentence_message(case.error, language)} {kept}"]
        assert app.session_state[state.SENTENCE] == before
        assert app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).value == before
        return
    # The only warnings are what the translation itself deserves (copied words, unsure tokens).
    assert warnings == sidebar.confidence_notes(translate(shipped, case.text), language)
    assert app.session_state[state.SENTENCE] == normalize(case.text)
    assert [element.value for element in app.sidebar.text] == [translate(shipped, case.text).translation or "∅"]
    markdown = sidebar_markdown(app) + "\n".join(warnings)
    for token in case.unknown:  # shown literally (escaped) and marked
        assert f":orange-badge[{escape_markdown(token)} ?]" in markdown
    explanations = [element.value for element in app.sidebar.info]
    if len(case.unknown) == 1:
        assert explanations == [texts.text("sidebar.unknown_one", language, tokens=escape_markdown(case.unknown[0]))]
    elif case.unknown:
        listed = ", ".join(f"'{escape_markdown(token)}'" for token in case.unknown)
        assert explanations == [texts.text("sidebar.unknown_many", language, tokens=listed)]
    else:
        assert explanations == []
    # No raw markup reaches the page: every markdown character of user text is escaped.
    for raw in ("<img", "<b>", "](javascript", "$x^2$"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), markdown), raw


def test_the_sidebar_states_the_sentence_limit(sidebar_apps):
    for language, app in sidebar_apps.items():
        limit = texts.text(
            "errors.sentence_limits",
            language,
            max_tokens=MAX_SENTENCE_TOKENS,
            max_characters=MAX_SENTENCE_CHARACTERS,
        )
        assert limit in [element.value for element in app.sidebar.caption]
        assert str(MAX_SENTENCE_TOKENS) in limit and str(MAX_SENTENCE_CHARACTERS) in limit


# =============================================================================================
# 2. Checkpoints
# =============================================================================================


class WritesMarker:
    """Unpickling this object creates a file: proof that code from the file ran."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def with_model_config(data: bytes, **changes) -> bytes:
    header, _ = header_of(data)
    config = json.loads(header["__metadata__"]["model_config"])
    return with_metadata(data, model_config=json.dumps({**config, **changes}))


def shape_mismatched(data: bytes) -> bytes:
    """The weights of a wider model under the shipped model's metadata."""
    header, _ = header_of(data)
    config = json.loads(header["__metadata__"]["model_config"])
    wider = Transformer(ModelConfig(**{**config, "d_model": config["d_model"] * 2, "d_ff": 32}))
    return save_safetensors_bytes(dict(wider.state_dict()), metadata=header["__metadata__"])


def with_config_number(data: bytes, field_name: str, number_text: str) -> bytes:
    """model_config with `field_name`'s value written as `number_text` (JSON text json.dumps cannot write)."""
    header, _ = header_of(data)
    text = re.sub(
        rf'("{field_name}": )[^,}}]+',
        lambda match: match.group(1) + number_text,
        header["__metadata__"]["model_config"],
    )
    return with_metadata(data, model_config=text)


def with_weights(data: bytes, change: Callable[[str, torch.Tensor], torch.Tensor]) -> bytes:
    """The shipped metadata over every tensor changed by `change(name, tensor)` (a dtype, a value)."""
    header, _ = header_of(data)
    tensors = {name: change(name, tensor) for name, tensor in load_checkpoint(data).model.state_dict().items()}
    return save_safetensors_bytes(tensors, metadata=header["__metadata__"])


def with_deep_header(data: bytes, depth: int) -> bytes:
    header, body = header_of(data)
    encoded = (json.dumps(header)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}").encode()
    return with_header_bytes(encoded, body)


def with_nan_weight(data: bytes) -> bytes:
    checkpoint = load_checkpoint(data)
    with torch.no_grad():
        next(checkpoint.model.parameters()).view(-1)[0] = float("nan")
    return checkpoint_bytes(checkpoint)


def torch_pickle(marker: Path) -> bytes:
    """What torch.save writes (a zip of pickles), carrying a payload that torch.load(weights_only=False) would run."""
    buffer = io.BytesIO()
    torch.save({"model": WritesMarker(marker)}, buffer)
    return buffer.getvalue()


# One word (vocabulary tokens hold no spaces); "/" separates HTML attributes like a space does.
HOSTILE_TOKEN = "<img/src=x/onerror=window.__xss=1>"


def with_hostile_target_token(data: bytes, shipped, token: str = HOSTILE_TOKEN) -> bytes:
    """The shipped model, its English word "student" renamed to `token`."""
    tokens = [token if word == "student" else word for word in shipped.target_vocabulary.tokens]
    return with_metadata(data, target_vocabulary=json.dumps(tokens))


@dataclass(frozen=True)
class CheckpointCase:
    name: str
    build: Callable  # (shipped bytes, shipped checkpoint, marker path) -> bytes, or a Path for path-only cases
    error: str  # the CheckpointError code; "" when the file loads
    upload_error: str = ""  # when the file loads but the sidebar must still refuse it
    ui: bool = True  # False for what cannot be uploaded (a path)


CASES_CHECKPOINT = [
    CheckpointCase(
        "missing file", lambda data, shipped, marker: marker.parent / "nope.safetensors", "missing", ui=False
    ),
    CheckpointCase("a folder", lambda data, shipped, marker: marker.parent, "missing", ui=False),
    CheckpointCase("empty file", lambda data, shipped, marker: b"", "truncated"),
    CheckpointCase("truncated in the tensors", lambda data, shipped, marker: data[: len(data) // 2], "truncated"),
    CheckpointCase("truncated in the header", lambda data, shipped, marker: data[:40], "truncated"),
    CheckpointCase("random bytes", lambda data, shipped, marker: random.Random(5).randbytes(4096), "not_safetensors"),
    CheckpointCase("a text file", lambda data, shipped, marker: b"hello, not a model\n" * 20, "not_safetensors"),
    CheckpointCase(
        "pickle with a payload",
        lambda data, shipped, marker: pickle.dumps(WritesMarker(marker)),
        "pickle",
    ),
    CheckpointCase("torch.save .pt with a payload", lambda data, shipped, marker: torch_pickle(marker), "pickle"),
    CheckpointCase("shape mismatch", lambda data, shipped, marker: shape_mismatched(data), "shape_mismatch"),
    CheckpointCase(
        "vocabulary mismatch",
        lambda data, shipped, marker: with_metadata(data, source_vocabulary=json.dumps([*SPECIAL_TOKENS, "나"])),
        "shape_mismatch",
    ),
    CheckpointCase(
        "oversized",
        lambda data, shipped, marker: data + b"\x00" * (MAX_CHECKPOINT_BYTES + 1 - len(data)),
        "too_large",
    ),
    CheckpointCase("NaN weights", lambda data, shipped, marker: with_nan_weight(data), "bad_weights"),
    CheckpointCase(
        "absurd model size in the metadata",
        lambda data, shipped, marker: with_model_config(data, d_model=10**9),
        "bad_metadata",
    ),
    CheckpointCase(
        "text where a metric goes",
        lambda data, shipped, marker: with_metadata(data, metrics=json.dumps({"test_exact_match": "lots"})),
        "bad_metadata",
    ),
    CheckpointCase(
        "a history entry that is not a report",
        lambda data, shipped, marker: with_metadata(data, history=json.dumps([{"step": "one"}])),
        "bad_metadata",
    ),
    CheckpointCase(
        "history without the plotted numbers",
        lambda data, shipped, marker: with_metadata(data, history=json.dumps([{"step": 5, "train_loss": 1.0}])),
        "",
        upload_error="bad_metadata",
    ),
    CheckpointCase(
        "snapshots of the wrong shape",
        lambda data, shipped, marker: with_metadata(data, snapshots=json.dumps([{"step": 0, "cross": [[[[1.0]]]]}])),
        "",
        upload_error="bad_metadata",
    ),
    CheckpointCase(
        "a vocabulary word with spaces",
        lambda data, shipped, marker: with_hostile_target_token(data, shipped, "<img src=x onerror=alert(1)>"),
        "bad_metadata",
    ),
    CheckpointCase(
        "markup in created_at",
        lambda data, shipped, marker: with_metadata(data, created_at="![x](http://127.0.0.1:9/x.png)"),
        "bad_metadata",
    ),
    CheckpointCase(
        "corpus fingerprint that is not a digest",
        lambda data, shipped, marker: with_metadata(data, corpus_fingerprint="**bold** " * 3),
        "bad_metadata",
    ),
    CheckpointCase(
        "markup in the vocabulary",
        lambda data, shipped, marker: with_hostile_target_token(data, shipped),
        "",
    ),
    CheckpointCase(
        "a model that knows none of the sentence's words",
        lambda data, shipped, marker: with_metadata(
            data,
            source_vocabulary=json.dumps(
                [*SPECIAL_TOKENS, *(f"낱말{index}" for index in range(len(shipped.source_vocabulary) - 4))]
            ),
        ),
        "",
    ),
    CheckpointCase(
        "short position table (max_len 8)",
        lambda data, shipped, marker: with_model_config(data, max_len=8),
        "bad_metadata",
    ),
    # Found by tests/test_fuzz.py (shrunk examples). Each escaped load_checkpoint as another exception,
    # so `python -m model.translate --checkpoint FILE` printed a traceback and exited 1.
    CheckpointCase(
        "a lone surrogate in the vocabulary (printing the translation failed; fuzzing)",
        lambda data, shipped, marker: with_hostile_target_token(data, shipped, "\ud800"),
        "bad_metadata",
    ),
    CheckpointCase(
        "an integer too large for a float in the model config (OverflowError; fuzzing)",
        lambda data, shipped, marker: with_config_number(data, "dropout", "1" + "0" * 400),
        "bad_metadata",
    ),
    CheckpointCase(
        "a number of 5,000 digits in the model config (int() refuses it; fuzzing)",
        lambda data, shipped, marker: with_config_number(data, "d_model", "9" * 5000),
        "bad_metadata",
    ),
    CheckpointCase(
        "a huge integer in a history entry (OverflowError; fuzzing)",
        lambda data, shipped, marker: with_metadata(data, history='[{"step": 0, "train_loss": 1' + "0" * 400 + "}]"),
        "bad_metadata",
    ),
    CheckpointCase(
        "a huge integer in the metrics (OverflowError; fuzzing)",
        lambda data, shipped, marker: with_metadata(data, metrics='{"seconds": 1' + "0" * 400 + "}"),
        "bad_metadata",
    ),
    CheckpointCase(
        "a step of 4,301 digits in the history (int() refuses it; fuzzing)",
        lambda data, shipped, marker: with_metadata(data, history='[{"step": ' + "9" * 4301 + "}]"),
        "bad_metadata",
    ),
    CheckpointCase(
        "a history step beyond 64 bits (the Train page's chart raised OverflowError)",
        lambda data, shipped, marker: with_metadata(
            data, history=json.dumps([*shipped.history, {**shipped.history[-1], "step": 10**31}])
        ),
        "bad_metadata",
    ),
    CheckpointCase(
        "history nested 100,000 levels deep (RecursionError; fuzzing)",
        lambda data, shipped, marker: with_metadata(data, history="[" * 100_000 + "]" * 100_000),
        "bad_metadata",
    ),
    CheckpointCase(
        "header nested 100,000 levels deep (RecursionError; fuzzing)",
        lambda data, shipped, marker: with_deep_header(data, 100_000),
        "not_safetensors",
    ),
    CheckpointCase(
        "8-bit float weights (torch has no isfinite for float8_e4m3fn; fuzzing)",
        lambda data, shipped, marker: with_weights(data, lambda name, tensor: tensor.to(torch.float8_e4m3fn)),
        "",
    ),
    CheckpointCase(
        "the decoder's embedding filled with 1e38 (NaN probabilities; fuzzing)",
        lambda data, shipped, marker: with_weights(
            data,
            lambda name, tensor: tensor.fill_(1e38) if name == "decoder.embedding.tokens.weight" else tensor,
        ),
        "weights_too_large",
    ),
    CheckpointCase(
        "weights of 1e5 (NaN probabilities, <pad> translations)",
        lambda data, shipped, marker: with_weights(data, lambda name, tensor: torch.full_like(tensor, 1e5)),
        "weights_too_large",
    ),
    CheckpointCase(
        "integer weights",
        lambda data, shipped, marker: with_weights(data, lambda name, tensor: tensor.to(torch.int32)),
        "bad_dtype",
    ),
    CheckpointCase(
        "a key twice in the metrics",
        lambda data, shipped, marker: with_metadata(data, metrics='{"steps": 1, "steps": "two"}'),
        "bad_metadata",
    ),
    CheckpointCase(
        "NaN in the metrics (not JSON)",
        lambda data, shipped, marker: with_metadata(data, metrics='{"seconds": NaN}'),
        "bad_metadata",
    ),
    CheckpointCase(
        "a path too long for the file system (OSError; fuzzing)",
        lambda data, shipped, marker: marker.parent / ("a" * 5000),
        "missing",
        ui=False,
    ),
]


def build_checkpoint(case: CheckpointCase, data: bytes, shipped, tmp_path: Path) -> tuple[bytes | None, Path, Path]:
    """(bytes or None for path-only cases, a path holding the case, the payload's marker path)."""
    marker = tmp_path / "payload-ran"
    built = case.build(data, shipped, marker)
    if isinstance(built, Path):
        return None, built, marker
    path = tmp_path / "case.safetensors"
    path.write_bytes(built)
    return built, path, marker


@pytest.mark.parametrize("case", CASES_CHECKPOINT, ids=lambda case: case.name)
def test_checkpoint_model(shipped_bytes, shipped, case: CheckpointCase, tmp_path):
    data, path, marker = build_checkpoint(case, shipped_bytes, shipped, tmp_path)
    for source in [path] if data is None else [data, path]:
        if case.error:
            with pytest.raises(CheckpointError) as caught:
                load_checkpoint(source)
            assert caught.value.code == case.error, caught.value.message
            assert caught.value.message and "\n" not in caught.value.message
            continue
        loaded = load_checkpoint(source)
        if case.upload_error:
            with pytest.raises(CheckpointError) as caught:
                check_records(loaded)
            assert caught.value.code == case.upload_error
        else:
            check_records(loaded)
    assert not marker.exists(), "code from the file ran"


def test_checkpoint_loads_that_pass_behave(shipped_bytes, shipped):
    """Markup in the vocabulary stays a token; a model built in Python with a short position table
    (no file with one loads) refuses longer sentences with its own limit."""
    hostile = load_checkpoint(with_hostile_target_token(shipped_bytes, shipped))
    assert translate(hostile, NFC_SENTENCE).translation == f"i am a {HOSTILE_TOKEN}"
    short_model = Transformer(dataclasses.replace(shipped.model_config, max_len=8))
    short_model.load_state_dict(shipped.model.state_dict())  # the position table is not a weight
    short = dataclasses.replace(shipped, model=short_model.eval())
    assert translate(short, NFC_SENTENCE).translation == "i am a student"
    with pytest.raises(SentenceError) as caught:
        translate(short, "나는 학생이다 " * 3)  # 12 tokens, more than the 8 positions
    assert caught.value.code == "too_long" and caught.value.details["max_tokens"] == 8


@pytest.mark.parametrize("case", CASES_CHECKPOINT, ids=lambda case: case.name)
def test_checkpoint_cli(shipped_bytes, shipped, case: CheckpointCase, tmp_path, capsys):
    _, path, marker = build_checkpoint(case, shipped_bytes, shipped, tmp_path)
    code, out, err = run_main(translate_cli.main, ["--checkpoint", str(path), NFC_SENTENCE], capsys)
    if case.error:
        assert_one_line_error(code, out, err)
        assert not marker.exists()
        return
    try:
        expected = translate(load_checkpoint(path), NFC_SENTENCE).translation
    except SentenceError:  # a model that knows none of the words: the sentence is refused, in one line
        assert_one_line_error(code, out, err, expected_out="\n")
    else:
        assert (code, out, err) == (0, expected + "\n", "")
    (out + err).encode("utf-8")  # what a terminal can show (capsys takes lone surrogates too)
    assert not marker.exists()


@pytest.fixture(scope="module")
def upload_apps() -> dict[str, AppTest]:
    """Sessions of their own for the upload cases: an uploaded model never meets the sentence cases."""
    return sidebar_sessions()


def upload_checkpoint(app: AppTest, name: str, data: bytes) -> AppTest:
    app.sidebar.file_uploader(key=state.upload_widget_key(app.session_state[state.UPLOADS_READ])).set_value(
        (name, data, "application/octet-stream")
    )
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [case for case in CASES_CHECKPOINT if case.ui], ids=lambda case: case.name)
def test_checkpoint_sidebar_upload(upload_apps, shipped_bytes, shipped, case: CheckpointCase, language, tmp_path):
    app = upload_apps[language]
    app.session_state[state.MODEL_SOURCE] = state.SHIPPED
    app.session_state[state.UPLOADED_CHECKPOINT] = None
    type_sentence(app, NFC_SENTENCE)
    data, _, marker = build_checkpoint(case, shipped_bytes, shipped, tmp_path)
    upload_checkpoint(app, "learner.safetensors", data)
    assert not marker.exists(), "code from an uploaded file ran"
    errors = [element.value for element in app.sidebar.error]
    refused = case.error or case.upload_error
    if refused:
        expected = texts.text(f"errors.checkpoint_{refused}", language)
        assert errors == [f"{expected} {texts.text('errors.checkpoint_kept', language)}"]
        assert app.session_state[state.UPLOADED_CHECKPOINT] is None
        assert app.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).value == state.SHIPPED
        # Nothing keeps the file's bytes: no traceback (its frames held them), a fresh empty box.
        stored = app.session_state[state.UPLOAD_ERROR]
        assert stored.__traceback__ is None and stored.__context__ is None and stored.__cause__ is None
        box = app.sidebar.file_uploader(key=state.upload_widget_key(app.session_state[state.UPLOADS_READ]))
        assert box.value is None
        return
    assert errors == []
    assert app.session_state[state.MODEL_SOURCE] == state.UPLOADED
    markdown = sidebar_markdown(app)
    if case.name == "markup in the vocabulary":
        # The translation is plain text (shown as written); its tooltip is markdown, escaped.
        assert any(HOSTILE_TOKEN in element.value for element in app.sidebar.text)
        tooltips = "\n".join(element.proto.help for element in app.sidebar.text)
        assert escape_markdown(HOSTILE_TOKEN) in tooltips and HOSTILE_TOKEN not in markdown + tooltips


# =============================================================================================
# 3. Uploaded corpora
# =============================================================================================

GOOD_PAIRS = [(pair.korean, pair.english) for pair in build_corpus(0).train[:30]]


def tsv(pairs, extra: list[str] = ()) -> str:
    return "".join(f"{korean}\t{english}\n" for korean, english in pairs) + "".join(f"{line}\n" for line in extra)


@dataclass(frozen=True)
class CorpusCase:
    name: str
    data: bytes
    file_name: str = "pairs.tsv"
    error: str = ""  # CorpusFileError code; "" when the file is read
    rejected: tuple[str, ...] = ()  # reason codes of the rows left out, in line order
    trainable: bool = True
    encoding: str = "utf-8"
    lines: tuple[int, ...] = ()  # when given: the line numbers of the rejected rows


CASES_CORPUS = [
    CorpusCase("empty", b"", error="empty"),
    CorpusCase("white space only", b" \n\t\n\r\n", error="empty"),
    CorpusCase("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), error="binary"),
    CorpusCase("random bytes", random.Random(1).randbytes(3000), error="binary"),
    CorpusCase("latin-1 (neither UTF-8 nor CP949)", "café\tcafé\n".encode("latin-1") * 3, error="encoding"),
    CorpusCase("CP949", tsv(GOOD_PAIRS).encode("cp949"), encoding="cp949"),
    CorpusCase("UTF-16 with BOM", tsv(GOOD_PAIRS).encode("utf-16"), encoding="utf-16"),
    CorpusCase("missing column", tsv(GOOD_PAIRS, ["나는 의사이다"]).encode(), rejected=("missing_column",)),
    CorpusCase(
        "extra tabs",
        tsv(GOOD_PAIRS, ["나는 의사이다\ti am a doctor\textra", "나는 의사이다\t\ti am a doctor"]).encode(),
        rejected=("extra_column", "extra_column"),
    ),
    CorpusCase(
        "duplicated rows",
        tsv(
            GOOD_PAIRS, [f"{GOOD_PAIRS[0][0]}\t{GOOD_PAIRS[0][1]}", f"{GOOD_PAIRS[1][0]}  \t{GOOD_PAIRS[1][1]}."]
        ).encode(),
        rejected=("duplicate", "duplicate"),
    ),
    CorpusCase("columns swapped", tsv(GOOD_PAIRS, ["i am a doctor\t나는 의사이다"]).encode(), rejected=("not_korean",)),
    CorpusCase(
        "a side over the character limit",
        tsv(GOOD_PAIRS, [f"{'가' * (user_corpus.MAX_SIDE_CHARACTERS + 1)}\tlong"]).encode(),
        rejected=("too_long",),
    ),
    CorpusCase(
        "control characters in a row",
        tsv(GOOD_PAIRS, ["나는\x07 의사이다\ti am a doctor"]).encode(),
        rejected=("control_characters",),
    ),
    CorpusCase(
        "markup in the cells (kept as text)",
        tsv(
            GOOD_PAIRS, ["<script>alert(1)</script> 나는 의사이다\t<img src=x onerror=alert(1)> i am a doctor"]
        ).encode(),
    ),
    CorpusCase("too few pairs", tsv(GOOD_PAIRS[:5]).encode(), trainable=False),
    CorpusCase("a header row only", b"korean\tenglish\n", trainable=False),
    CorpusCase("Windows line endings", tsv(GOOD_PAIRS).replace("\n", "\r\n").encode()),
    CorpusCase("UTF-16 without a byte-order mark", tsv(GOOD_PAIRS).encode("utf-16-le"), error="binary"),
    CorpusCase(
        "over the size limit",
        tsv(GOOD_PAIRS).encode() * (user_corpus.MAX_FILE_BYTES // len(tsv(GOOD_PAIRS).encode()) + 2),
        error="too_large",
    ),
    CorpusCase(
        "over the row limit",
        "".join(f"나는 학생{index}이다\ti am student {index}\n" for index in range(user_corpus.MAX_ROWS + 1)).encode(),
        error="too_many_rows",
    ),
    # Found by tests/test_fuzz.py: str.splitlines() also ended lines at \f, \v, \x1c-\x1e, \x85,
    # U+2028 and U+2029, so a row holding one was cut in two and every later line number was off.
    CorpusCase(
        "form feed and line separator inside rows (line numbers; fuzzing)",
        tsv(
            GOOD_PAIRS, ["나는 의사이다\ti am a doctor\x0c", "나는 교사이다\ti am\u2028a teacher", "나는 의사이다"]
        ).encode(),
        rejected=("control_characters", "missing_column"),
        lines=(len(GOOD_PAIRS) + 1, len(GOOD_PAIRS) + 3),
    ),
    CorpusCase(
        "unclosed CSV quote",
        ('나는 학생이다,"i am a student\n' + tsv(GOOD_PAIRS).replace("\t", ",")).encode(),
        "pairs.csv",
        rejected=("unparsable",),
    ),
]


@pytest.mark.parametrize("case", CASES_CORPUS, ids=lambda case: case.name)
def test_corpus_model(case: CorpusCase):
    if case.error:
        with pytest.raises(CorpusFileError) as caught:
            parse_user_corpus(case.data, case.file_name)
        assert caught.value.code == case.error and "\n" not in caught.value.message
        return
    corpus = parse_user_corpus(case.data, case.file_name)
    assert tuple(row.code for row in corpus.rejected) == case.rejected
    if case.lines:
        assert tuple(row.line for row in corpus.rejected) == case.lines
    assert corpus.trainable == case.trainable
    assert corpus.encoding == case.encoding
    if case.name.startswith("markup"):
        assert any(pair.english.startswith("<img src=x") for pair in corpus.pairs)  # kept as text, never run


TINY_CLI_OPTIONS = [
    "--steps", "1", "--d-model", "16", "--n-heads", "2", "--n-encoder-layers", "1",
    "--n-decoder-layers", "1", "--d-ff", "32", "--eval-every", "1", "--threads", "1", "--quiet",
]  # fmt: skip


@pytest.mark.parametrize("case", CASES_CORPUS, ids=lambda case: case.name)
def test_corpus_cli(case: CorpusCase, tmp_path, capsys):
    corpus_file = tmp_path / case.file_name
    corpus_file.write_bytes(case.data)
    out_file = tmp_path / "model.safetensors"
    code, out, err = run_main(
        train_cli.main, ["--corpus", str(corpus_file), "--out", str(out_file), *TINY_CLI_OPTIONS], capsys
    )
    if case.error or not case.trainable:
        assert_one_line_error(code, out, err)
        assert not out_file.exists()
        return
    assert code == 0, err
    assert out.startswith("done: 1 steps") and out_file.exists()
    assert len(err.splitlines()) == (1 if case.rejected else 0)  # "note: N rows ... left out"
    assert load_checkpoint(out_file).corpus_fingerprint == parse_user_corpus(case.data, case.file_name).fingerprint()


def run_train_page(language: str) -> AppTest:
    return app_testing.run_page(TRAIN_PAGE, language, timeout=TIMEOUT_S)


@pytest.fixture(scope="module")
def train_pages() -> dict[str, AppTest]:
    return {language: run_train_page(language) for language in LANGUAGES}


def corpus_error_message(case: CorpusCase, language: str) -> str:
    try:
        parse_user_corpus(case.data, case.file_name)
    except CorpusFileError as error:
        details = {"limit_mb": user_corpus.MAX_FILE_BYTES // 2**20, "limit_rows": f"{user_corpus.MAX_ROWS:,}"}
        return texts.text(f"train.file_{case.error}", language, **details, **error.details)
    raise AssertionError("the case should be refused")


def reject_reason(code: str, other_line, language: str) -> str:
    return texts.text(
        f"train.reject_{code}",
        language,
        other_line=other_line,
        max_characters=user_corpus.MAX_SIDE_CHARACTERS,
        max_korean_tokens=user_corpus.MAX_KOREAN_TOKENS,
        max_english_tokens=user_corpus.MAX_ENGLISH_TOKENS,
    )


# The page's own upload box takes files a little above the parser's limit; AppTest enforces no size limit.
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES_CORPUS, ids=lambda case: case.name)
def test_corpus_train_page_upload(train_pages, case: CorpusCase, language):
    app = train_pages[language]
    app.file_uploader(key="train_corpus_upload").set_value((case.file_name, case.data, "text/plain"))
    app.run()
    assert not app.exception, app.exception
    errors = [element.value for element in app.error]
    if case.error:
        assert errors == [corpus_error_message(case, language)]
        return
    assert errors == []
    corpus = parse_user_corpus(case.data, case.file_name)
    summaries = [element.value for element in app.success]
    assert len(summaries) == 1 and f"{len(corpus.pairs)}" in summaries[0]
    reason_column = texts.text("train.column_reason", language)
    tables = [element.value for element in app.dataframe if reason_column in element.value.columns]
    if case.rejected:
        [reasons] = tables
        assert list(reasons[reason_column]) == [
            reject_reason(row.code, row.other_line, language) for row in corpus.rejected
        ]
    else:
        assert tables == []
    too_few = texts.text("train.own_too_few", language, min_pairs=user_corpus.MIN_PAIRS)
    assert (too_few in [element.value for element in app.info]) == (not case.trainable)


# =============================================================================================
# 4. Hyperparameters
# =============================================================================================


@dataclass(frozen=True)
class SettingsCase:
    name: str
    argv: tuple[str, ...]  # options of python -m model.train
    form: dict = field(default_factory=dict)  # the same values in the Train page's form ({} when it has no field)
    problem_field: str = ""  # the field model/config.py's problems() names ("" when argparse or main() refuses)


CASES_SETTINGS = [
    SettingsCase("steps zero", ("--steps", "0"), {"steps": 0}, "steps"),
    SettingsCase("steps negative", ("--steps", "-5"), {"steps": -5}, "steps"),
    SettingsCase("steps not a number", ("--steps", "abc")),
    SettingsCase("steps in exponent form", ("--steps", "1e3")),
    SettingsCase(
        "d_model not divisible by n_heads",
        ("--d-model", "30", "--n-heads", "4"),
        {"d_model": 30, "n_heads": 4},
        "d_model",
    ),
    SettingsCase("d_model huge", ("--d-model", "100000"), {"d_model": 100000}, "d_model"),
    SettingsCase("zero heads", ("--n-heads", "0"), {"n_heads": 0}, "n_heads"),
    SettingsCase("too many layers", ("--n-encoder-layers", "50"), {"n_encoder_layers": 50}, "n_encoder_layers"),
    SettingsCase("dropout above 0.5", ("--dropout", "0.9"), {"dropout": 0.9}, "dropout"),
    SettingsCase("learning rate NaN", ("--learning-rate", "nan"), {}, "learning_rate"),
    SettingsCase("learning rate infinite", ("--learning-rate", "inf"), {}, "learning_rate"),
    SettingsCase("learning rate too large", ("--learning-rate", "5"), {"learning_rate": 5.0}, "learning_rate"),
    SettingsCase("batch size zero", ("--batch-size", "0"), {"batch_size": 0}, "batch_size"),
    SettingsCase("seed negative", ("--seed", "-1"), {"seed": -1}, "seed"),
    SettingsCase("zero threads", ("--threads", "0"), {}, "threads"),
    SettingsCase("target exact match above 1", ("--target-exact-match", "2"), {}, "target_exact_match"),
    SettingsCase("position table shorter than the corpus", ("--max-len", "8")),
    SettingsCase(
        "a model too large to load again",
        ("--d-model", "256", "--n-heads", "8", "--n-encoder-layers", "4", "--n-decoder-layers", "4", "--d-ff", "1024"),
    ),
    SettingsCase("empty probe sentence", ("--probe-sentence", "")),
    SettingsCase("probe sentence longer than the app reads", ("--probe-sentence", "나는 " * 16)),
    SettingsCase("unknown option", ("--layers", "3")),
    SettingsCase("output path is a folder", ("--out", "/")),
    SettingsCase("own corpus without --out", ("--corpus", "pairs.tsv")),
]


def configs_of(case: SettingsCase) -> tuple[TrainConfig, ModelConfig]:
    """The configs main() builds from the case's options (only for cases the configs refuse)."""
    train_defaults, model_defaults = vars(TrainConfig()), vars(ModelConfig())
    values = {}
    for option, value in zip(case.argv[::2], case.argv[1::2], strict=True):
        name = option[2:].replace("-", "_")
        values[name] = type({**model_defaults, **train_defaults}[name])(value)
    train_names = set(train_defaults)
    return (
        TrainConfig(**{key: value for key, value in values.items() if key in train_names}),
        ModelConfig(**{key: value for key, value in values.items() if key not in train_names}),
    )


@pytest.mark.parametrize("case", [case for case in CASES_SETTINGS if case.problem_field], ids=lambda case: case.name)
def test_settings_model(case: SettingsCase):
    train_config, model_config = configs_of(case)
    problems = train_config.problems() + model_config.problems()
    assert problems and all("\n" not in problem for problem in problems)
    assert any(problem.startswith(case.problem_field) for problem in problems), problems
    with pytest.raises(ValueError):  # the trainer refuses them too, before any work
        train_cli.train(train_config, model_config, corpus=parse_user_corpus(tsv(GOOD_PAIRS).encode()))


@pytest.mark.parametrize("case", CASES_SETTINGS, ids=lambda case: case.name)
def test_settings_cli(case: SettingsCase, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # "--corpus pairs.tsv" names a file here; nothing may be written anywhere
    argv = list(case.argv) if "--out" in case.argv or "--corpus" in case.argv else [*case.argv, "--out", "m.st"]
    code, out, err = run_main(train_cli.main, argv, capsys)
    assert_one_line_error(code, out, err)
    assert list(tmp_path.iterdir()) == []
    if case.problem_field:
        assert case.problem_field in err


def submit_form(app: AppTest, language: str, values: dict) -> AppTest:
    for name, value in values.items():
        app.number_input(key=f"train_field_{name}").set_value(value)
    [button] = [button for button in app.button if button.label == texts.text("train.start", language)]
    button.click()
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [case for case in CASES_SETTINGS if case.form], ids=lambda case: case.name)
def test_settings_train_form(case: SettingsCase, language):
    app = submit_form(run_train_page(language), language, case.form)
    errors = [element.value for element in app.error]
    train_config, model_config = configs_of(case)
    expected = []
    for key, fields in training.config_problems(train_config, model_config):
        if "field" in fields:
            fields = {**fields, "field": texts.text(f"train.field_{fields['field']}", language)}
        expected.append(texts.text(key, language, **fields))
    assert expected and set(expected) <= set(errors)
    assert app.session_state[state.TRAIN_RUN] is None  # nothing started


# =============================================================================================
# The real processes, for a sample: one line, exit 2, no traceback
# =============================================================================================


def run_process(module: str, *arguments: str | bytes, stdin: bytes = b"", cwd: Path = ROOT):
    return subprocess.run(
        [sys.executable, "-m", module, *arguments], input=stdin, capture_output=True, cwd=cwd, timeout=TIMEOUT_S
    )


def test_real_processes_fail_in_one_line(tmp_path, shipped_bytes):
    marker = tmp_path / "payload-ran"
    evil = tmp_path / "evil.pt"
    evil.write_bytes(pickle.dumps(WritesMarker(marker)))
    corpus_file = tmp_path / "pairs.tsv"
    corpus_file.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    runs = {
        "sentence with emoji only": run_process("model.translate", "😀"),
        "pickle checkpoint": run_process("model.translate", "--checkpoint", str(evil), NFC_SENTENCE),
        "stdin that is not text": run_process("model.translate", stdin=b"\xff\xfe\x00\xd8\x00"),
        "argparse: bad number": run_process("model.train", "--steps", "abc"),
        "argparse: unknown option": run_process("model.translate", "--bogus"),
        "inconsistent sizes": run_process("model.train", "--d-model", "30", "--n-heads", "4"),
        "binary corpus": run_process("model.train", "--corpus", str(corpus_file), "--out", str(tmp_path / "m")),
    }
    for name, completed in runs.items():
        err = completed.stderr.decode("utf-8", "replace")
        assert completed.returncode == 2, (name, completed.returncode, err)
        # A refused input line keeps its line in the output (empty); the other failures print nothing.
        assert completed.stdout == (b"\n" if name.startswith(("sentence", "stdin")) else b""), name
        assert len(err.splitlines()) == 1 and err.startswith("error: "), (name, err)
        assert "Traceback" not in err
    assert not marker.exists()


def test_invalid_utf8_arguments_do_not_crash_the_translator():
    # A shell passes raw bytes; Python decodes them with surrogate escapes. The stray byte is one
    # unknown word that is not a noun: it is left out (and said so on stderr), never copied as a noun.
    completed = run_process("model.translate", "나는 학생이다 \udcff".encode("utf-8", "surrogateescape"))
    assert completed.returncode == 0 and completed.stdout.decode("utf-8", "surrogateescape").strip() == "i am a student"


# =============================================================================================
# The table itself
# =============================================================================================


def test_the_table_is_complete():
    names = " | ".join(
        case.name for table in (CASES_SENTENCE, CASES_CHECKPOINT, CASES_CORPUS, CASES_SETTINGS) for case in table
    )
    total = len(CASES_SENTENCE) + len(CASES_CHECKPOINT) + len(CASES_CORPUS) + len(CASES_SETTINGS)
    assert total >= 30
    for required in (
        "empty", "whitespace only", "too many characters", "emoji", "latin", "digits", "mixed scripts",
        "zero-width", "RTL", "decomposed hangul", "script tag", "html tag", "unknown words", "only particles",
        "missing file", "truncated", "random bytes", "pickle", ".pt", "shape mismatch", "vocabulary mismatch",
        "oversized", "PNG", "CP949", "missing column", "extra tabs", "duplicated", "over the size limit",
        "over the row limit", "d_model huge", "not divisible",
    ):  # fmt: skip
        assert required.lower() in names.lower(), required


def test_escape_label_neutralises_markdown_in_widget_options_but_keeps_plain_labels():
    """Radio and segmented-control options render links, images and formatting: tokens go through escape_label."""
    from ui.sidebar import escape_label

    assert escape_label("는 (2)") == "는 (2)"
    assert escape_label("<bos> → i") == "<bos> → i"
    assert escape_label("![x](http://evil/x.png)") == "\\!\\[x\\](http\\://evil/x.png)"
    assert (
        escape_label("**굵게** $x$ :red[y] `z` ~~s~~") == "\\*\\*굵게\\*\\* \\$x\\$ \\:red\\[y\\] \\`z\\` \\~\\~s\\~\\~"
    )


# =============================================================================================
# Odd but accepted input, on every page
# =============================================================================================

PAGE_FILES = ("home", "basics", "train", "encoder", "decoder", "cross", "under_the_hood")


@pytest.mark.parametrize(
    ("upload", "typed"),
    [
        ("markup in the vocabulary", "<img src=x onerror=alert(1)> 나는 **학생**이다"),
        ("", "나는 학생이다 " * 6 + "그들은 학생이다"),  # the shipped model, 28 tokens: near the longest taken
        ("a model that knows none of the sentence's words", ""),
    ],
)
def test_every_page_draws_an_odd_accepted_model_and_sentence(
    navigation_runs_the_entrypoint, shipped_bytes, shipped, tmp_path, upload, typed
):
    """A model whose words are markup with a hostile sentence, or the longest sentence taken: no page fails."""
    app = AppTest.from_file("../streamlit_app.py", default_timeout=TIMEOUT_S)
    # English: AppTest re-formats widget options between runs outside the script, where tr() cannot
    # read the session's language (ui/views.py formats its layer and head options with tr()).
    app.session_state[state.LANGUAGE] = "en"
    app.run()
    if upload:
        [case] = [case for case in CASES_CHECKPOINT if case.name == upload]
        data, _, _ = build_checkpoint(case, shipped_bytes, shipped, tmp_path)
        upload_checkpoint(app, "odd.safetensors", data)
        assert app.session_state[state.MODEL_SOURCE] == state.UPLOADED
    if typed:
        type_sentence(app, typed)
        assert app.session_state[state.SENTENCE] == normalize(typed)
    # The model that knows none of the words refuses the sentence: pages that study it say so
    # (that message, nothing else); every other page, and every page in the other cases, draws.
    refusal = (
        texts.text("errors.sentence_no_known_words", "en") if upload.startswith("a model that knows none") else None
    )
    for page in PAGE_FILES:
        app.switch_page(f"pages/{page}.py")
        app.run()
        assert not app.exception, (page, app.exception)
        errors = [element.value for element in app.error]
        if errors:
            assert refusal is not None and errors == [refusal], (page, errors)
        else:
            assert app.title and app.title[0].value, page
