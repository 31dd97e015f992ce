"""Property-based fuzzing of every parser that faces the outside (issue 15): checkpoints, uploaded
corpora and typed sentences. Each property holds for every input hypothesis makes:

- a checkpoint (the shipped file, mutated at the byte, header, metadata or tensor level) loads into
  a model that translates, or is refused with a CheckpointError of a known code; nothing else
  escapes, and each case is decided in at most DECIDE_SECONDS of CPU;
- an uploaded corpus (any bytes, or rows in any supported encoding, delimiter, quoting, byte-order
  mark and line ending) gives accepted rows plus rejected rows with line numbers and reasons, or
  a CorpusFileError of a known code;
- a typed sentence (any unicode) gives a Translation or a SentenceError; normalising is stable and
  NFC and NFD spellings give the same tokens and translation.

The budget is the hypothesis profile of tests/conftest.py ("ci": 300 examples per property,
derandomized). Every failure found here is also a plain case in tests/test_hostile_inputs.py.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import re
import struct
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import torch
from hypothesis import event, given, settings
from hypothesis import strategies as st
from safetensors.torch import save as save_safetensors_bytes
from streamlit.testing.v1 import AppTest

from model import translate as translate_cli
from model import user_corpus
from model.checkpoint import (
    ERROR_CODES,
    SHIPPED_CHECKPOINT,
    CheckpointError,
    check_records,
    load_checkpoint,
)
from model.decoding import MAX_RAW_CHARACTERS, SentenceError, translate
from model.tokenizer import normalize, split_korean
from model.user_corpus import CorpusFileError, parse_user_corpus
from tests import app_testing
from ui import state, texts
from ui.sidebar import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
DECIDE_SECONDS = 2.0  # CPU seconds (all threads) to load, translate and check one checkpoint
PROBE_SENTENCE = "나는 학생이다"
SENTENCE_ERROR_CODES = ("empty", "too_long", "no_korean", "no_known_words", "only_particles")

SHIPPED_BYTES = SHIPPED_CHECKPOINT.read_bytes()
(_HEADER_SIZE,) = struct.unpack("<Q", SHIPPED_BYTES[:8])
SHIPPED_HEADER = json.loads(SHIPPED_BYTES[8 : 8 + _HEADER_SIZE])
SHIPPED_BODY = SHIPPED_BYTES[8 + _HEADER_SIZE :]
SHIPPED_METADATA = SHIPPED_HEADER["__metadata__"]
SHIPPED = load_checkpoint(SHIPPED_BYTES)
SHIPPED_TENSORS = {name: tensor.detach().clone() for name, tensor in SHIPPED.model.state_dict().items()}
TENSOR_NAMES = sorted(SHIPPED_TENSORS)


@pytest.fixture(autouse=True, scope="module")
def one_torch_thread():
    """One torch thread, as the app runs (ui/loading.py): on a busy machine two threads spin-wait
    for each other and a one-sentence model takes ten times the CPU."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


# =============================================================================================
# Building blocks
# =============================================================================================

# Characters that break parsers: controls, format characters (zero-width, RTL marks, BOM), line
# and paragraph separators, combining marks, lone surrogates, Hangul jamo and fillers, quotes.
HOSTILE_CHARACTERS = (
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1c\x1d\x1e\x1f\x7f\x85\xa0\xad"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2028\u2029\u3000\ufeff\ufffd\ufffe\uffff"
    "\u0301\u0308\u0336\u20dd\u1160\u115f\u3164\uffa0\u1100\u1161\u11a8\u1112\u11ab\u3131\u314f"
    "\ud800\udbff\udc00\udcff\udfff"
    "\"',;\\{}[]<>`$*_~|#"
    "\U0001f600\U000e0041\u05d0\u0627\u0634\U0010ffff"
)
KOREAN_WORDS = sorted(SHIPPED.source_vocabulary.words) + ["고양이", "학교에서", "먹었다", "뷁", "ㅋㅋ"]

any_character = st.characters()  # every code point, surrogates included
hostile_character = st.sampled_from(HOSTILE_CHARACTERS)
hangul_syllable = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
mixed_character = st.one_of(any_character, hostile_character, hangul_syllable)
mixed_text = st.text(mixed_character, max_size=40)

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),  # NaN and infinities too: json.dumps writes them as NaN / Infinity
    st.text(mixed_character, max_size=20),
)
json_value = st.recursive(
    json_leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(mixed_character, max_size=8), children),
    max_leaves=12,
)

# Number texts that break json.loads or float(): too many digits for int(), infinities, NaN.
HOSTILE_NUMBERS = st.one_of(
    st.integers(1, 6_000).map(lambda digits: "9" * digits),
    st.sampled_from(["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "-0", "1e-400", "0.0", "true", "null"]),
    st.sampled_from(['"5"', "[]", "{}", '{"a": null}', "[[null]]", "1" + "0" * 40 + ".5"]),
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def header_bytes(header: dict | str, ensure_ascii: bool = True, padding: bytes = b"") -> bytes:
    """8-byte little-endian length + the header's JSON (+ padding), as safetensors lays it out."""
    text = header if isinstance(header, str) else json.dumps(header, ensure_ascii=ensure_ascii)
    encoded = text.encode("utf-8", "surrogatepass") + padding
    return struct.pack("<Q", len(encoded)) + encoded


@st.composite
def mutated_json(draw, value, depth: int = 0):
    """`value` with one part replaced, removed, added or repeated (the rest as it was)."""
    containers = isinstance(value, (list, dict)) and value
    choice = draw(st.sampled_from(["replace", "descend", "remove", "add", "repeat"] if containers else ["replace"]))
    if choice == "replace" or depth > 6:
        return draw(json_value)
    if isinstance(value, list):
        index = draw(st.integers(0, len(value) - 1))
        items = list(value)
        if choice == "descend":
            items[index] = draw(mutated_json(items[index], depth + 1))
        elif choice == "remove":
            del items[index]
        elif choice == "add":
            items.insert(index, draw(json_value))
        else:
            items.extend([items[index]] * draw(st.integers(1, 3)))
        return items
    keys = sorted(value)
    key = draw(st.sampled_from(keys))
    items = dict(value)
    if choice == "descend":
        items[key] = draw(mutated_json(items[key], depth + 1))
    elif choice == "remove":
        del items[key]
    elif choice == "add":
        items[draw(st.text(mixed_character, max_size=10))] = draw(json_value)
    else:
        items[key + draw(st.sampled_from(["", "_", "\u200b", " "]))] = items[key]
    return items


@st.composite
def mutated_json_text(draw, text: str):
    """A JSON text changed as text: a number replaced, a key repeated, nesting, a cut, inserted junk."""
    choice = draw(st.sampled_from(["number", "repeat_key", "nest", "cut", "insert", "any_text"]))
    if choice == "number":
        numbers = list(_NUMBER.finditer(text))
        if not numbers:
            return draw(HOSTILE_NUMBERS)
        match = numbers[draw(st.integers(0, len(numbers) - 1))]
        return text[: match.start()] + draw(HOSTILE_NUMBERS) + text[match.end() :]
    if choice == "repeat_key":
        first_key = re.search(r'\{\s*("(?:[^"\\]|\\.)*")\s*:', text)
        if not first_key:
            return "{" + '"a": 1, "a": 2' + "}"
        return text[: first_key.start()] + "{" + first_key.group(1) + ": null, " + text[first_key.start() + 1 :]
    if choice == "nest":
        depth = draw(st.one_of(st.integers(1, 12), st.integers(900, 100_000)))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        return opener * depth + text + closer * depth
    if choice == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if choice == "insert":
        position = draw(st.integers(0, len(text)))
        return text[:position] + draw(st.text(mixed_character, min_size=1, max_size=8)) + text[position:]
    return draw(st.text(mixed_character, max_size=60))


# =============================================================================================
# 1. Checkpoints
# =============================================================================================


@st.composite
def byte_mutations(draw) -> bytes:
    """Raw bytes of the shipped file: truncated, extended, overwritten, a new header length."""
    data = bytearray(SHIPPED_BYTES)
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.sampled_from(["truncate", "append", "overwrite", "header_length"]))
        if choice == "truncate":
            del data[draw(st.integers(0, len(data))) :]
        elif choice == "append":
            data += draw(st.binary(min_size=1, max_size=64)) * draw(st.integers(1, 1_000))
        elif choice == "overwrite":
            in_header = draw(st.booleans())
            limit = min(len(data), 8 + _HEADER_SIZE) if in_header else len(data)
            position = draw(st.integers(0, max(0, limit - 1)))
            patch = draw(st.binary(min_size=1, max_size=16))
            data[position : position + len(patch)] = patch
        else:
            length = draw(
                st.one_of(
                    st.integers(0, 2**64 - 1),
                    st.integers(-16, 16).map(lambda delta: max(0, _HEADER_SIZE + delta)),
                )
            )
            data[:8] = struct.pack("<Q", length)
    return bytes(data)


DTYPES = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64"]
DTYPES += ["I64", "U64", "C64", "F4", "F8_E8M0", "f32", "", "F32 "]


@st.composite
def header_mutations(draw) -> bytes:
    """The header's JSON changed (tensor entries, keys, metadata's place), re-laid-out; body kept."""
    header = copy.deepcopy(SHIPPED_HEADER)
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(
            st.sampled_from(["dtype", "shape", "offsets", "entry", "drop", "add", "rename", "metadata", "top"])
        )
        name = draw(st.sampled_from(TENSOR_NAMES))
        if not isinstance(header.get(name), dict):  # dropped or replaced by an earlier change
            continue
        if choice == "dtype":
            header[name]["dtype"] = draw(st.sampled_from(DTYPES) | json_leaf)
        elif choice == "shape":
            header[name]["shape"] = draw(
                st.lists(st.integers(-3, 2**64), max_size=4) | st.just(SHIPPED_HEADER[name]["shape"][::-1]) | json_value
            )
        elif choice == "offsets":
            start, end = SHIPPED_HEADER[name]["data_offsets"]
            header[name]["data_offsets"] = draw(
                st.lists(st.integers(-1, 2**64), min_size=0, max_size=3)
                | st.just([end, start])
                | st.integers(-64, 64).map(lambda delta, start=start, end=end: [start, end + delta])
                | json_value
            )
        elif choice == "entry":
            header[name] = draw(mutated_json(header[name]))
        elif choice == "drop":
            del header[name]
        elif choice == "add":
            header[draw(st.text(mixed_character, max_size=12))] = draw(json_value)
        elif choice == "rename":
            header[name + draw(st.sampled_from(["_", ".", "\u200b", "\ud800"]))] = header.pop(name)
        elif choice == "metadata":
            header["__metadata__"] = draw(st.just(None) | json_value | mutated_json(header.get("__metadata__")))
        else:
            header = draw(json_value | st.just(header))
            if not isinstance(header, dict):
                break
    text = json.dumps(header, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:  # the same key twice, as text (a dict cannot hold it)
        text = draw(mutated_json_text(text))
    padding = draw(st.sampled_from([b"", b"    ", b"\n", b"\x00" * 8, b" \t\r\n"]))
    return header_bytes(text, padding=padding) + SHIPPED_BODY


METADATA_KEYS = sorted(SHIPPED_METADATA)


@st.composite
def metadata_mutations(draw) -> bytes:
    """One or two metadata fields changed: their JSON as values or as text, removed, or added."""
    header = copy.deepcopy(SHIPPED_HEADER)
    metadata = header["__metadata__"]
    for _ in range(draw(st.integers(1, 2))):
        key = draw(st.sampled_from([*METADATA_KEYS, "extra"]))
        choice = draw(st.sampled_from(["value", "text", "remove", "not_a_string", "huge"]))
        original = metadata.get(key, "{}")
        if choice == "value":
            try:
                parsed = json.loads(original)
            except (TypeError, json.JSONDecodeError):  # not a string, or not JSON (an earlier change)
                parsed = original
            changed = draw(mutated_json(parsed))
            metadata[key] = json.dumps(changed, ensure_ascii=draw(st.booleans()))
        elif choice == "text":
            metadata[key] = draw(mutated_json_text(original if isinstance(original, str) else "{}"))
        elif choice == "remove":
            metadata.pop(key, None)
        elif choice == "not_a_string":
            metadata[key] = draw(json_value)
        else:
            size = draw(st.sampled_from([10_000, 1_000_000, 3_000_000]))
            metadata[key] = json.dumps(["가" * 50] * (size // 60)) if draw(st.booleans()) else "x" * size
    return header_bytes(header) + SHIPPED_BODY


TENSOR_VALUES = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e3, -1e3, 1000.0001, 1e4, 1e38, 3e38, 1e-45, -0.0]),
    st.floats(width=32),
)
TORCH_DTYPES = [torch.float16, torch.bfloat16, torch.float64, torch.float8_e4m3fn, torch.float8_e5m2]
TORCH_DTYPES += [torch.int8, torch.int32, torch.int64, torch.uint8, torch.bool]


@st.composite
def tensor_mutations(draw) -> bytes:
    """Valid safetensors whose tensors changed: values (NaN, inf, huge), dtype, shape, names."""
    tensors = dict(SHIPPED_TENSORS)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(tensors)))
        choice = draw(st.sampled_from(["values", "values", "dtype", "all_dtype", "shape", "drop", "add", "rename"]))
        tensor = tensors[name]
        if choice == "values":
            changed = tensor.clone().to(torch.float64 if draw(st.booleans()) else torch.float32)
            flat = changed.view(-1)
            for index in draw(st.lists(st.integers(0, flat.numel() - 1), min_size=1, max_size=4)):
                flat[index] = draw(TENSOR_VALUES)
            if draw(st.integers(0, 4)) == 0:  # every value of the tensor
                changed.fill_(draw(TENSOR_VALUES))
            tensors[name] = changed
        elif choice == "dtype":
            tensors[name] = tensor.to(draw(st.sampled_from(TORCH_DTYPES)))
        elif choice == "all_dtype":
            dtype = draw(st.sampled_from(TORCH_DTYPES))
            tensors = {key: value.to(dtype) for key, value in tensors.items()}
        elif choice == "shape":
            shapes = [tensor.reshape(-1), tensor.unsqueeze(0), tensor[:-1], torch.cat([tensor, tensor[:1]])]
            if tensor.dim() == 2:
                shapes.append(tensor.t().contiguous())
            tensors[name] = draw(st.sampled_from(shapes)).contiguous()
        elif choice == "drop":
            del tensors[name]
        elif choice == "add":
            tensors[draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12))] = torch.zeros(2)
        else:
            tensors[name + "_"] = tensors.pop(name)
    if not tensors:
        tensors = {"x": torch.zeros(1)}
    return save_safetensors_bytes(tensors, metadata=SHIPPED_METADATA)


def decide(data: bytes) -> str:
    """Load `data` and translate with it, or check it is refused: the outcome's name (for statistics)."""
    started = time.process_time()
    try:
        checkpoint = load_checkpoint(data)
    except CheckpointError as error:
        assert error.code in ERROR_CODES, error.code
        assert error.message and "\n" not in error.message
        outcome = f"refused: {error.code}"
    else:
        try:
            result = translate(checkpoint, PROBE_SENTENCE)
        except SentenceError as error:  # a vocabulary that knows none of the probe's words
            assert error.code in SENTENCE_ERROR_CODES
            outcome = f"loaded, sentence refused: {error.code}"
        else:
            assert torch.isfinite(result.next_token_probabilities).all()
            assert torch.isfinite(result.maps.cross).all() and torch.isfinite(result.maps.encoder_self).all()
            result.translation.encode("utf-8")  # printable (no lone surrogates)
            outcome = "loaded and translated"
        try:  # what the sidebar checks before the Train page draws an uploaded model's records
            check_records(checkpoint)
        except CheckpointError as error:
            assert error.code in ERROR_CODES
    seconds = time.process_time() - started
    assert seconds <= DECIDE_SECONDS, f"decided in {seconds:.2f} s of CPU"
    event(outcome)
    return outcome


@given(byte_mutations())
def test_fuzz_checkpoint_bytes(data):
    decide(data)


@given(header_mutations())
def test_fuzz_checkpoint_header(data):
    decide(data)


@given(metadata_mutations())
def test_fuzz_checkpoint_metadata(data):
    decide(data)


@given(tensor_mutations())
def test_fuzz_checkpoint_tensors(data):
    decide(data)


any_checkpoint = st.one_of(byte_mutations(), header_mutations(), metadata_mutations(), tensor_mutations())


@settings(max_examples=100)
@given(data=any_checkpoint)
def test_fuzz_translate_cli_in_process(data, tmp_path_factory):
    """main() of `python -m model.translate --checkpoint FILE`: exit 0 with the translation, or 2 with
    one line; what it prints must be UTF-8 (a real terminal refuses lone surrogates)."""
    path = tmp_path_factory.mktemp("checkpoint") / "fuzzed.safetensors"
    path.write_bytes(data)
    code, out, err = _run_main_captured(["--checkpoint", str(path), PROBE_SENTENCE])
    assert code in (0, 2), (code, err)
    out.encode("utf-8"), err.encode("utf-8")  # noqa: B018 (raises on a lone surrogate)
    if code == 0:
        assert err == "" and len(out.splitlines()) == 1
    else:
        assert out == "" and len(err.splitlines()) == 1 and err.startswith("error: ")


def _run_main_captured(argv: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of translate_cli.main in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = translate_cli.main(argv)
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


# A sample for the real process (each run imports torch: seconds): one of each kind, drawn once.
@settings(max_examples=6)
@given(data=any_checkpoint)
def test_fuzz_translate_cli_process(data, tmp_path_factory):
    path = tmp_path_factory.mktemp("checkpoint") / "fuzzed.safetensors"
    path.write_bytes(data)
    completed = subprocess.run(
        [sys.executable, "-m", "model.translate", "--checkpoint", str(path), PROBE_SENTENCE],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        # Strict output, as under a UTF-8 locale other than C.UTF-8 (which lets lone surrogates through).
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8:strict", "LANG": "en_US.UTF-8"},
    )
    err = completed.stderr.decode("utf-8", "replace")
    assert completed.returncode in (0, 2), err
    assert "Traceback" not in err
    if completed.returncode == 2:
        assert completed.stdout == b"" and len(err.splitlines()) == 1 and err.startswith("error: ")
    else:
        assert err == "" and len(completed.stdout.decode().splitlines()) == 1


# =============================================================================================
# 2. Uploaded corpora
# =============================================================================================

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp949", "latin-1", "utf-32"]
LINE_ENDINGS = ["\n", "\r\n", "\r"]
KOREAN_SENTENCES = [pair.korean for pair in user_corpus.build_corpus(0).train[:40]]
ENGLISH_SENTENCES = [pair.english for pair in user_corpus.build_corpus(0).train[:40]]

cell_text = st.one_of(
    st.sampled_from(KOREAN_SENTENCES),
    st.sampled_from(ENGLISH_SENTENCES),
    st.sampled_from(["korean", "English", "한국어", "", " ", '"', '""', '"a,b"', "a\tb"]),
    mixed_text,
    st.tuples(st.sampled_from(KOREAN_SENTENCES), mixed_text).map("".join),
    st.integers(190, 210).map(lambda size: "가" * size),  # around the side limit
    st.integers(1_000, 200_000).map(lambda size: "가나" * (size // 2)),  # a huge field
)


@st.composite
def corpus_rows(draw) -> tuple[list[str], str]:
    """(lines as written, file name): rows of cells joined by a delimiter, some quoted CSV-style."""
    delimiter = draw(st.sampled_from(["\t", ",", ";", "|", "\t\t"]))
    pair = st.tuples(st.sampled_from(KOREAN_SENTENCES), st.sampled_from(ENGLISH_SENTENCES)).map(list)
    odd_pair = st.tuples(cell_text, cell_text).map(list)
    row = st.one_of(pair, pair, odd_pair, st.lists(cell_text, min_size=0, max_size=4))
    rows = draw(st.lists(row, max_size=40))
    if draw(st.booleans()):
        rows = [["korean", "english"], *rows]
    lines = []
    for cells in rows:
        if draw(st.booleans()):
            cells = ['"' + cell.replace('"', '""') + '"' for cell in cells]
        lines.append(delimiter.join(cells))
    if draw(st.integers(0, 9)) == 0:  # many rows, near and over MAX_ROWS
        count = draw(st.sampled_from([user_corpus.MAX_ROWS - 1, user_corpus.MAX_ROWS + 1]))
        lines += [f"나는 학생{index}이다{delimiter}i am student {index}" for index in range(count)]
    name = draw(st.sampled_from(["pairs.tsv", "pairs.csv", "pairs.txt", "", "PAIRS.TSV", "x.tab"]))
    return lines, name


def encoded(text: str, encoding: str) -> bytes:
    """`text` in `encoding`; what the encoding cannot hold becomes "?" (as a text editor would save it)."""
    return (
        text.encode(encoding, "replace")
        if encoding not in ("utf-8", "utf-8-sig")
        else text.encode(encoding, "surrogatepass")
    )


def check_corpus(data: bytes, file_name: str) -> user_corpus.UserCorpus | None:
    """parse_user_corpus's outcome, checked: a known file error, or every row accounted for."""
    try:
        corpus = parse_user_corpus(data, file_name)
    except CorpusFileError as error:
        assert error.code in user_corpus.FILE_ERROR_CODES and error.message and "\n" not in error.message
        event(f"file refused: {error.code}")
        return None
    assert len(corpus.pairs) + len(corpus.rejected) == corpus.rows_read
    assert all(row.code in user_corpus.REJECT_CODES for row in corpus.rejected)
    lines = [pair.line for pair in corpus.pairs] + [row.line for row in corpus.rejected]
    assert len(set(lines)) == len(lines) and all(line >= 1 for line in lines)
    assert sorted(corpus.train + corpus.valid + corpus.test, key=lambda pair: pair.line) == list(corpus.pairs)
    for pair in corpus.pairs:
        assert 0 < len(pair.korean_tokens) <= user_corpus.MAX_KOREAN_TOKENS
        assert 0 < len(pair.english_tokens) <= user_corpus.MAX_ENGLISH_TOKENS
        assert pair.korean == normalize(pair.korean) and pair.english == normalize(pair.english)
    for row in corpus.rejected:
        assert (row.other_line is not None) == (row.code == "duplicate")
        assert row.text.encode("utf-8") is not None and len(row.text) <= 80
    corpus.fingerprint()
    event(f"read: {min(len(corpus.pairs), 1)} accepted, {min(len(corpus.rejected), 1)} rejected")
    return corpus


@given(st.binary(max_size=4_000), st.sampled_from(["pairs.tsv", "pairs.csv", ""]))
def test_fuzz_corpus_any_bytes(data, file_name):
    check_corpus(data, file_name)


@st.composite
def written_corpus(draw) -> tuple[bytes, str]:
    """(file bytes, file name): rows in an encoding, with byte-order mark and line endings drawn."""
    lines, file_name = draw(corpus_rows())
    encoding = draw(st.sampled_from(ENCODINGS))
    line_endings = draw(st.lists(st.sampled_from(LINE_ENDINGS), min_size=1, max_size=3))
    final_newline = draw(st.booleans())
    text = draw(st.sampled_from(["", "\ufeff"]))
    for index, line in enumerate(lines):
        text += line + (line_endings[index % len(line_endings)] if index < len(lines) - 1 or final_newline else "")
    return encoded(text, encoding), file_name


@given(written_corpus())
def test_fuzz_corpus_rows(file):
    """Rows as written: every accepted or rejected row is reported at the line an editor shows it on
    (lines end at \\n, \\r\\n or \\r; other separators, such as U+2028, are inside a line)."""
    data, file_name = file
    corpus = check_corpus(data, file_name)
    if corpus is None:
        return
    decoded = data.decode(_codec_of(corpus.encoding))
    editor_lines = re.split(r"\r\n|\r|\n", decoded)
    reported = {pair.line for pair in corpus.pairs} | {row.line for row in corpus.rejected}
    for line_number in reported:
        assert line_number <= len(editor_lines) and editor_lines[line_number - 1].strip()
    for pair in corpus.pairs:  # an accepted pair came from the line it names
        cells = user_corpus._fields(editor_lines[pair.line - 1], corpus.delimiter)
        assert [normalize(cell) for cell in cells] == [pair.korean, pair.english]


def _codec_of(name: str) -> str:
    return {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(name, name)


# =============================================================================================
# 3. Typed sentences
# =============================================================================================

typed_sentence = st.one_of(
    st.text(mixed_character, max_size=60),
    st.lists(st.sampled_from(KOREAN_WORDS) | st.text(mixed_character, max_size=3), max_size=12).map(" ".join),
    st.lists(st.sampled_from(KOREAN_WORDS) | hostile_character, max_size=20).map("".join),
    st.tuples(st.sampled_from(KOREAN_SENTENCES), st.text(mixed_character, max_size=10)).map("".join),
    st.integers(MAX_RAW_CHARACTERS - 5, MAX_RAW_CHARACTERS + 5).map(lambda size: ("나는 " * size)[:size]),
    st.integers(1, 50_000).map(lambda repeats: "나는 학생이다. " * repeats),
)


@given(typed_sentence)
def test_fuzz_normalize_and_split(text):
    """normalize is total and stable; NFC and NFD spellings give the same, NFC, tokens."""
    if len(text) > 20_000:  # translate refuses these before normalising (test_fuzz_translate)
        text = text[:20_000]
    normalised = normalize(text)
    assert normalize(normalised) == normalised
    assert unicodedata.is_normalized("NFC", normalised)
    normalised.encode("utf-8")  # no lone surrogates left
    words = SHIPPED.source_vocabulary.words
    tokens = split_korean(text, words)
    assert tokens == split_korean(normalised, words)
    for form in ("NFC", "NFD"):
        assert split_korean(unicodedata.normalize(form, text), words) == tokens
    assert all(token and unicodedata.is_normalized("NFC", token) and token.split() == [token] for token in tokens)


@given(typed_sentence)
def test_fuzz_translate(text):
    """A Translation or a SentenceError, never anything else; NFD translates like NFC."""
    try:
        result = translate(SHIPPED, text)
    except SentenceError as error:
        assert error.code in SENTENCE_ERROR_CODES and error.message and "\n" not in error.message
        event(f"refused: {error.code}")
        if unicodedata.normalize("NFD", text) != text:
            with pytest.raises(SentenceError) as again:
                translate(SHIPPED, unicodedata.normalize("NFD", text))
            assert again.value.code == error.code
        return
    event("translated")
    assert result.source == normalize(text)
    assert result.source_tokens == split_korean(result.source, SHIPPED.source_vocabulary.words)
    assert len(result.source_known) == len(result.source_tokens) == result.maps.encoder_self.shape[-1]
    assert len(result.output_tokens) == len(result.target_tokens) == result.maps.cross.shape[-2]
    assert torch.isfinite(result.next_token_probabilities).all()
    (result.source + " ".join(result.source_tokens) + result.translation).encode("utf-8")
    decomposed_text = unicodedata.normalize("NFD", text)
    if decomposed_text == text:
        return
    decomposed = translate(SHIPPED, decomposed_text)
    assert (decomposed.source_tokens, decomposed.translation) == (result.source_tokens, result.translation)


# =============================================================================================
# 4. The same guarantees in the UI: the message in the user's language, the previous model and
#    corpus kept (a few fuzzed files each: every AppTest run takes a second or more)
# =============================================================================================

LANGUAGES = ("en", "ko")
TRAIN_PAGE = str(ROOT / "pages" / "train.py")
APP_TIMEOUT_S = 120
PREVIOUS_CHECKPOINT = "previous.safetensors"
PREVIOUS_CORPUS = "previous.tsv"
PREVIOUS_PAIRS = "".join(
    f"{korean}\t{english}\n" for korean, english in zip(KOREAN_SENTENCES, ENGLISH_SENTENCES, strict=True)
)


def _sidebar_only_app():
    from ui import sidebar

    sidebar.render()


@pytest.fixture(scope="module")
def sidebar_apps() -> dict[str, AppTest]:
    apps = {}
    for language in LANGUAGES:
        app = AppTest.from_function(_sidebar_only_app, default_timeout=APP_TIMEOUT_S)
        app.session_state[state.LANGUAGE] = language
        apps[language] = app_testing.rerun(app)
    return apps


def upload_checkpoint(app: AppTest, name: str, data: bytes) -> AppTest:
    box = app.sidebar.file_uploader(key=state.upload_widget_key(app.session_state[state.UPLOADS_READ]))
    box.set_value((name, data, "application/octet-stream"))
    return app_testing.rerun(app)


def upload_refusal(data: bytes) -> str:
    """The code the sidebar refuses `data` with ("" when it takes it): load, then check the records."""
    try:
        check_records(load_checkpoint(data))
    except CheckpointError as error:
        return error.code
    return ""


@settings(max_examples=6)
@given(data=any_checkpoint, language=st.sampled_from(LANGUAGES))
def test_fuzz_sidebar_checkpoint_upload(sidebar_apps, data, language):
    """A refused file: its code's message in the user's language, and the model uploaded before stays."""
    app = sidebar_apps[language]
    if app.session_state[state.UPLOADED_NAME] != PREVIOUS_CHECKPOINT:
        upload_checkpoint(app, PREVIOUS_CHECKPOINT, SHIPPED_BYTES)
    previous = app.session_state[state.UPLOADED_CHECKPOINT]
    assert app.session_state[state.MODEL_SOURCE] == state.UPLOADED and previous is not None
    upload_checkpoint(app, "fuzzed.safetensors", data)
    errors = [element.value for element in app.sidebar.error]
    refused = upload_refusal(data)
    event(f"refused: {refused}" if refused else "taken")
    if refused:
        message = texts.text(f"errors.checkpoint_{refused}", language)
        assert errors == [f"{message} {texts.text('errors.checkpoint_kept', language)}"]
        assert app.session_state[state.UPLOADED_CHECKPOINT] is previous
        assert app.session_state[state.UPLOADED_NAME] == PREVIOUS_CHECKPOINT
    else:
        assert errors == []
        assert app.session_state[state.UPLOADED_NAME] == "fuzzed.safetensors"
    assert app.session_state[state.MODEL_SOURCE] == state.UPLOADED


def test_every_checkpoint_error_code_has_a_message_in_both_languages():
    source = (ROOT / "model" / "checkpoint.py").read_text()
    raised = set(re.findall(r'CheckpointError\(\s*"(\w+)"', source))
    assert raised and raised <= set(ERROR_CODES), raised - set(ERROR_CODES)
    for code in ERROR_CODES:
        assert set(texts.TEXTS[f"errors.checkpoint_{code}"]) == set(texts.LANGUAGES), code


@pytest.fixture(scope="module")
def train_pages() -> dict[str, AppTest]:
    return {language: app_testing.run_page(TRAIN_PAGE, language, timeout=APP_TIMEOUT_S) for language in LANGUAGES}


def upload_corpus(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="train_corpus_upload").set_value((name, data, "text/plain"))
    return app_testing.rerun(app)


def use_previous_pairs(app: AppTest) -> None:
    """The pairs of PREVIOUS_CORPUS uploaded and chosen for training, as a learner would."""
    upload_corpus(app, PREVIOUS_CORPUS, PREVIOUS_PAIRS.encode())
    if not app.toggle(key="train_use_own_corpus").value:
        app.toggle(key="train_use_own_corpus").set_value(True)
        app_testing.rerun(app)


@settings(max_examples=5)
@given(file=st.one_of(st.binary(max_size=3_000).map(lambda data: (data, "pairs.tsv")), written_corpus()))
def test_fuzz_train_page_corpus_upload(train_pages, file):
    """A refused file: its message, and the pairs read before stay the corpus in use; a file that
    is read: its summary."""
    data, file_name = file
    if not re.search(r"\.(tsv|csv|txt)$", file_name):  # the box takes these only (the browser checks)
        file_name = "pairs.txt"
    for language, app in train_pages.items():
        use_previous_pairs(app)
        upload_corpus(app, file_name, data)
        errors = [element.value for element in app.error]
        try:
            corpus = parse_user_corpus(data, file_name)
        except CorpusFileError as error:
            event(f"refused: {error.code}")
            details = {"limit_mb": user_corpus.MAX_FILE_BYTES // 2**20, "limit_rows": f"{user_corpus.MAX_ROWS:,}"}
            assert errors == [texts.text(f"train.file_{error.code}", language, **details, **error.details)]
            kept = texts.text("train.own_kept", language, name=escape_markdown(PREVIOUS_CORPUS))
            assert kept in [element.value for element in app.info]
            assert texts.text("train.corpus_own", language) in [element.value for element in app.caption]
            assert app.session_state[state.TRAIN_OWN_CORPUS][0] == PREVIOUS_CORPUS
        else:
            event("read")
            assert errors == []
            summaries = [element.value for element in app.success]
            assert len(summaries) == 1 and str(len(corpus.pairs)) in summaries[0]
            assert app.session_state[state.TRAIN_OWN_CORPUS][0] == file_name


EXTREME_NUMBERS = st.one_of(
    st.sampled_from([2**63 - 1, -(2**63), 2**53 + 1, 0, -1, 1.7976931348623157e308, -1.7e308, 5e-324, -0.0, 1.5]),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(2**63, 10**31),  # beyond int64: refused at load (Arrow cannot hold them)
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def extreme_records(draw) -> bytes:
    """The shipped file with its records' numbers (history, metrics, a last snapshot's step) at the
    edges of what loads: 64-bit integers, the largest and smallest floats, negatives."""
    header = copy.deepcopy(SHIPPED_HEADER)
    metadata = header["__metadata__"]
    history = json.loads(metadata["history"])
    for key in ("step", "train_loss", "valid_loss", "valid_exact_match", "learning_rate", "seconds"):
        if draw(st.booleans()):
            history[draw(st.integers(0, len(history) - 1))][key] = draw(EXTREME_NUMBERS)
    metrics = json.loads(metadata["metrics"])
    for key in ("test_exact_match", "valid_exact_match", "steps", "best_step", "seconds", "parameters"):
        if draw(st.booleans()):
            metrics[key] = draw(EXTREME_NUMBERS)
    snapshots = json.loads(metadata["snapshots"])
    if draw(st.booleans()):
        snapshots.append({**snapshots[-1], "step": draw(st.integers(snapshots[-1]["step"] + 1, 2**63 - 1))})
    metadata.update(history=json.dumps(history), metrics=json.dumps(metrics), snapshots=json.dumps(snapshots))
    return header_bytes(header) + SHIPPED_BODY


@pytest.fixture(scope="module")
def whole_app() -> AppTest:
    """The app through its entrypoint, in English (AppTest re-formats widget options outside the
    script, where the Korean labels cannot be looked up; tests/test_hostile_inputs.py says more)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init_without_pages_folder_mode(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init_without_pages_folder_mode
    try:
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
        app.session_state[state.LANGUAGE] = "en"
        yield app_testing.rerun(app)
    finally:
        PagesManager.__init__ = original


@settings(max_examples=3)
@given(data=extreme_records())
def test_fuzz_pages_draw_an_uploaded_model_with_extreme_records(whole_app, data):
    """What the sidebar takes, the pages that show records (home, Train) draw without an exception."""
    app = whole_app
    app.switch_page("pages/home.py")
    upload_checkpoint(app, "extreme.safetensors", data)
    refused = upload_refusal(data)
    event(f"refused: {refused}" if refused else "taken")
    if refused:
        return
    assert app.session_state[state.UPLOADED_NAME] == "extreme.safetensors"
    for page in ("home", "train"):
        app.switch_page(f"pages/{page}.py")
        app_testing.rerun(app)
        assert app.title, page
