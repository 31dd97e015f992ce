"""Checkpoints: one `.safetensors` file holding the weights and everything needed to use them.

The file's metadata (a str -> str map inside the safetensors header) carries JSON:
`format`, `model_config`, `train_config`, `source_vocabulary`, `target_vocabulary`
(token lists, id = index), `history` (progress reports), `metrics`, `snapshots`
(attention maps of the probe sentence during training), `corpus_fingerprint` and
`created_at`.

Loading never unpickles anything: the bytes are parsed as safetensors, every
metadata field is validated, and the tensors must match a freshly built model's
names and shapes exactly. Any failure is one `CheckpointError` with a `code`;
validation is total: whatever the bytes hold (wrong types, nulls, huge numbers,
deep nesting, lone surrogates), nothing else escapes `load_checkpoint`.
Writes go to a temporary file that is renamed into place, so a crash never leaves
half a checkpoint behind.

Limits (the constants below), each checked before the work it bounds: the file's
size before it is read; the header's length (which holds the metadata) before its
JSON is decoded; the nesting depth of the header and of every metadata field, and
the length of every JSON number, before `json.loads` reads them; the number of
tensors before safetensors builds them; a vocabulary's size before its tokens are
checked or a `Vocabulary` is built.
"""

import json
import math
import os
import re
import struct
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save as save_safetensors_bytes

from model.config import ModelConfig, TrainConfig
from model.decoding import MAX_OUTPUT_TOKENS, MAX_RAW_CHARACTERS, MAX_SENTENCE_TOKENS
from model.tokenizer import SPECIAL_TOKENS, Vocabulary
from model.transformer import Transformer

FORMAT = "attention-lab/1"
SHIPPED_CHECKPOINT = Path(__file__).resolve().parent.parent / "checkpoints" / "ko-en-tiny.safetensors"
MAX_CHECKPOINT_BYTES = 20 * 1024 * 1024  # the whole file (the largest model the configs allow is 18 MB)
MAX_HEADER_BYTES = 8 * 1024 * 1024  # the safetensors header: tensor entries and all metadata
# [ and { nested in the header (3 levels) or in one metadata field (snapshots: 6 levels).
MAX_JSON_DEPTH = 8
# The text of one JSON number, checked before int() or float() reads it: json.dumps writes at most
# 24 characters; int() refuses 4,300 digits with a ValueError, float() makes 1e999 infinite. Integers
# must also fit in 64 bits, floats be finite.
MAX_NUMBER_CHARACTERS = 32
MAX_TENSORS = 256  # header entries: the largest model (4 + 4 layers) has 176 tensors
MAX_VOCABULARY_SIZE = ModelConfig.RANGES["source_vocab_size"][1]  # tokens in one vocabulary
# Trained weights stay within a few units (the shipped model's largest is 4.4); far larger ones
# overflow float32 inside the model (NaN attention and probabilities at 1e5).
MAX_WEIGHT_MAGNITUDE = 1_000.0
# Every model must read the longest sentence the app accepts and write the longest translation
# (the pages also run the corpus's test pairs through it): a shorter position table cannot.
MIN_MAX_LEN = max(MAX_SENTENCE_TOKENS, MAX_OUTPUT_TOKENS)
REQUIRED_METADATA = (
    "format",
    "model_config",
    "train_config",
    "source_vocabulary",
    "target_vocabulary",
    "history",
    "metrics",
    "snapshots",
    "corpus_fingerprint",
    "created_at",
)


# Codes of CheckpointError (the UI has a message for each: errors.checkpoint_<code> in ui/texts.py).
ERROR_CODES = (
    "missing",  # no file at the path, or it cannot be read
    "too_large",  # over MAX_CHECKPOINT_BYTES
    "pickle",  # a pickled PyTorch file (.pt / .pth), never opened
    "truncated",  # the file ends before its header or its tensors do
    "not_safetensors",  # not laid out as safetensors (header, offsets, dtypes)
    "bad_metadata",  # a metadata field missing, of the wrong type, out of range or beyond a limit
    "shape_mismatch",  # tensors (or a vocabulary) that do not fit the model the metadata describes
    "bad_dtype",  # weights stored as integers or booleans
    "bad_weights",  # weights that are NaN or infinite
    "weights_too_large",  # weights beyond MAX_WEIGHT_MAGNITUDE
)


class CheckpointError(Exception):
    """A checkpoint that cannot be used; `code` (one of ERROR_CODES) names the problem for translated messages."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Checkpoint:
    """A model in eval mode and everything recorded about it."""

    model: Transformer
    source_vocabulary: Vocabulary
    target_vocabulary: Vocabulary
    train_config: TrainConfig
    history: list[dict] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    snapshots: list[dict] = field(default_factory=list)
    corpus_fingerprint: str = ""
    created_at: str = ""

    @property
    def model_config(self) -> ModelConfig:
        return self.model.config

    def parameter_count(self) -> int:
        return self.model.parameter_count()

    @property
    def identity(self) -> str:
        """A short string that tells checkpoints apart (for cache keys)."""
        return f"{self.corpus_fingerprint[:16]}:{self.created_at}:{self.parameter_count()}"


def checkpoint_bytes(checkpoint: Checkpoint) -> bytes:
    """The checkpoint serialised as safetensors bytes (for saving or downloading)."""
    metadata = {
        "format": FORMAT,
        "model_config": json.dumps(asdict(checkpoint.model_config)),
        "train_config": json.dumps(asdict(checkpoint.train_config), ensure_ascii=False),
        "source_vocabulary": json.dumps(list(checkpoint.source_vocabulary.tokens), ensure_ascii=False),
        "target_vocabulary": json.dumps(list(checkpoint.target_vocabulary.tokens), ensure_ascii=False),
        "history": json.dumps(checkpoint.history),
        "metrics": json.dumps(checkpoint.metrics),
        "snapshots": json.dumps(checkpoint.snapshots, ensure_ascii=False),
        "corpus_fingerprint": checkpoint.corpus_fingerprint,
        "created_at": checkpoint.created_at or datetime.now(UTC).isoformat(timespec="seconds"),
    }
    tensors = {name: tensor.detach().contiguous() for name, tensor in checkpoint.model.state_dict().items()}
    return save_safetensors_bytes(tensors, metadata=metadata)


def record_header_bytes(record) -> int:
    """The bytes one history entry or snapshot takes in the header checkpoint_bytes writes.

    A record is JSON inside a metadata value, itself a JSON string, so its quotes are
    escaped once more; the string's own two quotes stand for the ", " between records.
    """
    return len(json.dumps(json.dumps(record, ensure_ascii=False), ensure_ascii=False).encode("utf-8"))


def save_checkpoint(checkpoint: Checkpoint, path: str | os.PathLike) -> Path:
    """Write atomically: a temporary file in the same folder, then a rename over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = checkpoint_bytes(checkpoint)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_checkpoint(source: str | os.PathLike | bytes) -> Checkpoint:
    """Load and validate a checkpoint from a path or from raw bytes (an upload)."""
    data = _read_bytes(source)
    metadata = _parse_header(data)
    try:
        tensors = load_safetensors_bytes(data)
    except (SafetensorError, ValueError, RuntimeError, TypeError, KeyError) as error:
        # KeyError / TypeError: a dtype safetensors reads but this torch cannot hold.
        raise CheckpointError("not_safetensors", f"the tensors cannot be read: {_one_line(error)}") from None

    model_config = _config_from_json(ModelConfig, metadata, "model_config")
    if problems := model_config.problems():
        raise CheckpointError("bad_metadata", "model_config: " + "; ".join(problems))
    if model_config.max_len < MIN_MAX_LEN:
        raise CheckpointError(
            "bad_metadata",
            f"model_config.max_len is {model_config.max_len}; the app needs at least {MIN_MAX_LEN} positions",
        )
    train_config = _config_from_json(TrainConfig, metadata, "train_config")
    source_vocabulary = _vocabulary_from_json(metadata, "source_vocabulary", model_config.source_vocab_size)
    target_vocabulary = _vocabulary_from_json(metadata, "target_vocabulary", model_config.target_vocab_size)

    model = Transformer(model_config)
    expected = model.state_dict()
    missing = sorted(set(expected) - set(tensors))
    unexpected = sorted(set(tensors) - set(expected))
    if missing or unexpected:
        raise CheckpointError(
            "shape_mismatch",
            f"tensor names do not match the model (missing {missing[:3]}, unexpected {unexpected[:3]})",
        )
    weights = {}
    for name, tensor in tensors.items():
        if tensor.shape != expected[name].shape:
            raise CheckpointError(
                "shape_mismatch",
                f"{name} has shape {tuple(tensor.shape)}, the model needs {tuple(expected[name].shape)}",
            )
        if not tensor.is_floating_point():
            raise CheckpointError("bad_dtype", f"{name} holds {tensor.dtype} values, not floating-point numbers")
        # Checked as the model will hold them: float64 beyond 3.4e38 becomes infinite in float32, and
        # torch has no isfinite for every 8-bit float.
        weights[name] = tensor.to(torch.float32)
        if not torch.isfinite(weights[name]).all():
            raise CheckpointError("bad_weights", f"{name} holds values that are not finite numbers")
        if weights[name].abs().max() > MAX_WEIGHT_MAGNITUDE:
            raise CheckpointError(
                "weights_too_large", f"{name} holds values larger than {MAX_WEIGHT_MAGNITUDE:g} in size"
            )
    model.load_state_dict(weights)
    model.eval()

    return Checkpoint(
        model=model,
        source_vocabulary=source_vocabulary,
        target_vocabulary=target_vocabulary,
        train_config=train_config,
        history=_history_from_json(metadata),
        metrics=_metrics_from_json(metadata),
        snapshots=_json_field(metadata, "snapshots", list),
        corpus_fingerprint=_fingerprint_from(metadata),
        created_at=_created_at_from(metadata),
    )


def _read_bytes(source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            if not path.is_file():
                raise CheckpointError("missing", f"no checkpoint file at {path}")
            size = path.stat().st_size
            if size > MAX_CHECKPOINT_BYTES:
                raise CheckpointError("too_large", f"the file has {size} bytes; the limit is {MAX_CHECKPOINT_BYTES}")
            with path.open("rb") as file:
                data = file.read(MAX_CHECKPOINT_BYTES + 1)  # a file that grew since stat() is still bounded
        except (OSError, ValueError) as error:  # a name too long, no permission, a NUL in the path
            reason = getattr(error, "strerror", None) or _one_line(error)
            raise CheckpointError("missing", f"the checkpoint file {path} cannot be read: {reason}") from None
    if len(data) > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("too_large", f"the file has {len(data)} bytes; the limit is {MAX_CHECKPOINT_BYTES}")
    return data


def _parse_header(data: bytes) -> dict[str, str]:
    """The metadata of a safetensors file, checked before any tensor is read."""
    # safetensors: an 8-byte length, then the JSON header ("{"). The length's low byte may
    # be 0x80, pickle's first byte, so a file is called pickle (or a zip of pickles) only
    # when it is not laid out as safetensors.
    laid_out_as_safetensors = data[8:9] == b"{"
    if not laid_out_as_safetensors and (data[:1] == b"\x80" or data[:4] == b"PK\x03\x04"):
        raise CheckpointError(
            "pickle", "this is a pickled PyTorch file (.pt/.pth); only .safetensors checkpoints are accepted"
        )
    if len(data) < 8:
        raise CheckpointError("truncated", "the file is too short to be a checkpoint")
    (header_size,) = struct.unpack("<Q", data[:8])
    if header_size > MAX_HEADER_BYTES:
        # A real header the file holds, only longer than the limit: say so, not "not safetensors".
        if laid_out_as_safetensors and 8 + header_size <= len(data):
            raise CheckpointError("too_large", f"the header has {header_size} bytes; the limit is {MAX_HEADER_BYTES}")
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint")
    if 8 + header_size > len(data):
        raise CheckpointError("truncated", "the file ends before its header does: it is truncated")
    try:
        text = data[8 : 8 + header_size].decode("utf-8")
    except UnicodeDecodeError:
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint") from None
    header = _strict_json(text, "the header", "not_safetensors")
    if not isinstance(header, dict):
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint")
    if len(header) > MAX_TENSORS + 1:  # + __metadata__
        raise CheckpointError(
            "shape_mismatch",
            f"the file holds {len(header) - 1} tensors; no model of this app has more than {MAX_TENSORS}",
        )
    data_size = len(data) - 8 - header_size
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        offsets = entry.get("data_offsets") if isinstance(entry, dict) else None
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets)):
            raise CheckpointError("not_safetensors", f"tensor {name!r} has no valid data offsets")
        if offsets[1] > data_size:
            raise CheckpointError("truncated", "the file ends before its tensors do: it is truncated")
    metadata = header.get("__metadata__")
    if not isinstance(metadata, dict):
        raise CheckpointError("bad_metadata", "the file has no Attention Lab metadata")
    if metadata.get("format") != FORMAT:
        raise CheckpointError("bad_metadata", f"the file is not an Attention Lab checkpoint (format {FORMAT} expected)")
    missing = [key for key in REQUIRED_METADATA if not isinstance(metadata.get(key), str)]
    if missing:
        raise CheckpointError("bad_metadata", f"the metadata lacks {', '.join(missing)}")
    return metadata


class _JSONLimitError(ValueError):
    """Raised by the json.loads hooks below: a value standard JSON or the limits do not allow."""


def _bounded_int(text: str) -> int:
    """A JSON integer that fits in 64 bits: pandas and Arrow hold the records' numbers as int64 (a
    larger step made the Train page's history chart fail with OverflowError)."""
    value = int(text) if len(text) <= MAX_NUMBER_CHARACTERS else None
    if value is None or not -(2**63) <= value < 2**63:
        raise _JSONLimitError("an integer outside the 64-bit range")
    return value


def _finite_float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARACTERS else math.inf
    if not math.isfinite(value):
        raise _JSONLimitError(f"a number that is infinite or longer than {MAX_NUMBER_CHARACTERS} characters")
    return value


def _no_constant(text: str):
    raise _JSONLimitError(f"{text}, which is not JSON")


def _object_without_repeats(pairs: list[tuple[str, object]]) -> dict:
    """An object whose keys are all different (json.loads alone keeps the last of repeated keys)."""
    value = dict(pairs)
    if len(value) != len(pairs):
        raise _JSONLimitError("a key twice in one object")
    return value


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST_PAIR = re.compile(r"[\[{][\]}]")


def _nests_deeper_than(text: str, depth: int) -> bool:
    """True when `text` nests [ and { more than `depth` levels (or its brackets do not pair up).

    Counted without decoding: strings removed, then every innermost pair, one level per pass.
    json.loads recurses once per level and fails with RecursionError near 1,000.
    """
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(depth):
        if not brackets:
            return False
        brackets = _INNERMOST_PAIR.sub("", brackets)
    return bool(brackets)


def _strict_json(text: str, what: str, code: str):
    """`text` decoded as standard JSON within the limits, or CheckpointError(code).

    Refused: nesting beyond MAX_JSON_DEPTH, numbers longer than MAX_NUMBER_CHARACTERS or
    infinite, NaN / Infinity, repeated keys in an object, and lone surrogates (\\ud800 escapes:
    valid JSON, but no UTF-8 text can hold them, so printing or showing them fails).
    """
    if _nests_deeper_than(text, MAX_JSON_DEPTH):
        raise CheckpointError(code, f"{what} is not JSON nested at most {MAX_JSON_DEPTH} levels deep")
    try:
        value = json.loads(
            text,
            parse_int=_bounded_int,
            parse_float=_finite_float,
            parse_constant=_no_constant,
            object_pairs_hook=_object_without_repeats,
        )
    except _JSONLimitError as error:
        raise CheckpointError(code, f"{what} holds {error}") from None
    except (ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        raise CheckpointError(code, f"{what} is not valid JSON") from None
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise CheckpointError(code, f"{what} holds a lone surrogate (\\ud800-\\udfff), which is not text") from None
    return value


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def _json_field(metadata: dict, key: str, expected_type: type):
    value = _strict_json(metadata[key], key, "bad_metadata")
    if not isinstance(value, expected_type):
        raise CheckpointError("bad_metadata", f"{key} must be a JSON {expected_type.__name__}")
    return value


# A configuration's text fields (the probe sentence) are at most what a typed sentence may be.
MAX_CONFIG_TEXT_CHARACTERS = MAX_RAW_CHARACTERS


def _config_from_json(config_class, metadata: dict, key: str):
    values = _json_field(metadata, key, dict)
    defaults = config_class()
    names = {item.name for item in fields(config_class)}
    unknown = set(values) - names
    if unknown:
        raise CheckpointError("bad_metadata", f"{key} has unknown fields {sorted(unknown)[:5]}")
    for name, value in values.items():
        # The default's type, not the annotation (a string under `from __future__ import annotations`).
        expected = type(getattr(defaults, name))
        if expected is float:
            valid = _is_number(value)
        elif expected is str:
            valid = isinstance(value, str) and len(value) <= MAX_CONFIG_TEXT_CHARACTERS
        else:
            valid = isinstance(value, expected) and not isinstance(value, bool)
        if not valid:
            raise CheckpointError("bad_metadata", f"{key}.{name} has the wrong type")
    config = config_class(**values)
    if problems := config.problems():
        raise CheckpointError("bad_metadata", f"{key}: " + "; ".join(problems))
    return config


# The records the pages format as numbers: an uploaded file must not put text (or nothing) there.
NUMERIC_METRICS = ("test_exact_match", "valid_exact_match", "steps", "best_step", "seconds", "parameters", "threads")
NUMERIC_HISTORY = ("train_loss", "valid_loss", "valid_exact_match", "learning_rate", "seconds")
SNAPSHOT_TOKENS = ("source_tokens", "target_tokens", "output_tokens")


def _is_number(value) -> bool:
    """An int or a finite float (not a bool). Ints of any size: math.isfinite would overflow on them."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _metrics_from_json(metadata: dict) -> dict:
    metrics = _json_field(metadata, "metrics", dict)
    for key in NUMERIC_METRICS:
        if key in metrics and not _is_number(metrics[key]):
            raise CheckpointError("bad_metadata", f"metrics.{key} must be a number")
    return metrics


def _history_from_json(metadata: dict) -> list[dict]:
    history = _json_field(metadata, "history", list)
    for index, entry in enumerate(history):
        valid = isinstance(entry, dict) and isinstance(entry.get("step"), int) and not isinstance(entry["step"], bool)
        valid = valid and all(entry.get(key) is None or _is_number(entry[key]) for key in NUMERIC_HISTORY)
        if not valid:
            raise CheckpointError("bad_metadata", f"history[{index}] is not a progress report (step and numbers)")
    return history


# What the Train page reads from every history entry of a model it draws.
DRAWN_HISTORY = ("train_loss", "valid_loss", "valid_exact_match")


def check_records(checkpoint: Checkpoint) -> None:
    """Raise CheckpointError("bad_metadata") unless the training records can be drawn.

    Every snapshot must have this model's shapes, with steps increasing; every history
    entry must hold the numbers the Train page plots. load_checkpoint checks only their
    types (tests build checkpoints with sketch records); code that draws the records of a
    file from outside (an upload) calls this first.
    """
    previous_step = -1
    for index, snapshot in enumerate(checkpoint.snapshots):
        problem = _snapshot_problem(snapshot, checkpoint.model_config, previous_step)
        if problem:
            raise CheckpointError("bad_metadata", f"snapshots[{index}]: {problem}")
        previous_step = snapshot["step"]
    for index, entry in enumerate(checkpoint.history):
        if not all(_is_number(entry.get(key)) for key in DRAWN_HISTORY):
            raise CheckpointError("bad_metadata", f"history[{index}] lacks one of {', '.join(DRAWN_HISTORY)}")


def _snapshot_problem(snapshot, model_config: ModelConfig, previous_step: int) -> str:
    if not isinstance(snapshot, dict):
        return "not an object"
    step = snapshot.get("step")
    if not isinstance(step, int) or isinstance(step, bool) or step <= previous_step:
        return "step must be a whole number larger than the previous snapshot's"
    for key in SNAPSHOT_TOKENS:
        tokens = snapshot.get(key)
        if not (isinstance(tokens, list) and tokens and all(isinstance(token, str) for token in tokens)):
            return f"{key} must be a non-empty list of strings"
    source, target = len(snapshot["source_tokens"]), len(snapshot["target_tokens"])
    if len(snapshot["output_tokens"]) != target:
        return "output_tokens and target_tokens differ in length"
    heads = model_config.n_heads
    expected_shapes = {
        "encoder_self": (model_config.n_encoder_layers, heads, source, source),
        "decoder_self": (model_config.n_decoder_layers, heads, target, target),
        "cross": (model_config.n_decoder_layers, heads, target, source),
    }
    for key, shape in expected_shapes.items():
        try:
            weights = torch.tensor(snapshot.get(key), dtype=torch.float32)
        except (TypeError, ValueError, RuntimeError):
            return f"{key} is not a nested list of numbers"
        if tuple(weights.shape) != shape:
            return f"{key} has shape {tuple(weights.shape)}, the model and tokens need {shape}"
        if not torch.isfinite(weights).all() or weights.min() < 0 or weights.max() > 1:
            return f"{key} holds weights outside 0..1"
    return ""


MAX_TOKEN_CHARACTERS = 200  # the longest side of an uploaded corpus pair (model/user_corpus.py)


def _is_word(token: str) -> bool:
    """A token as the tokenizers make them: one word, no white space, control or invisible characters."""
    return (
        0 < len(token) <= MAX_TOKEN_CHARACTERS
        and token.split() == [token]
        and not any(unicodedata.category(character) in ("Cc", "Cf", "Cs") for character in token)
    )


def _fingerprint_from(metadata: dict) -> str:
    fingerprint = metadata["corpus_fingerprint"]
    if not re.fullmatch(r"[0-9a-f]{0,128}", fingerprint):
        raise CheckpointError("bad_metadata", "corpus_fingerprint must be a hexadecimal digest")
    return fingerprint


def _created_at_from(metadata: dict) -> str:
    """An ISO 8601 time (pages show it; anything else could carry markup)."""
    created_at = metadata["created_at"]
    if len(created_at) > 40:
        raise CheckpointError("bad_metadata", "created_at must be an ISO 8601 time")
    try:
        datetime.fromisoformat(created_at)
    except ValueError:  # UnicodeEncodeError (a lone surrogate) is one too
        raise CheckpointError("bad_metadata", "created_at must be an ISO 8601 time") from None
    return created_at


def _vocabulary_from_json(metadata: dict, key: str, expected_size: int) -> Vocabulary:
    tokens = _json_field(metadata, key, list)
    if len(tokens) > MAX_VOCABULARY_SIZE:
        raise CheckpointError("bad_metadata", f"{key} has {len(tokens)} tokens; at most {MAX_VOCABULARY_SIZE}")
    if not all(isinstance(token, str) and _is_word(token) for token in tokens):
        raise CheckpointError(
            "bad_metadata", f"{key} must be a list of words (1 to {MAX_TOKEN_CHARACTERS} characters, no spaces)"
        )
    if tuple(tokens[: len(SPECIAL_TOKENS)]) != SPECIAL_TOKENS or len(set(tokens)) != len(tokens):
        raise CheckpointError("bad_metadata", f"{key} must start with {SPECIAL_TOKENS} and not repeat a token")
    if len(tokens) != expected_size:
        raise CheckpointError(
            "shape_mismatch", f"{key} has {len(tokens)} tokens but the model was built for {expected_size}"
        )
    return Vocabulary(tuple(tokens))
