"""Checkpoints: one `.safetensors` file holding the weights and everything needed to use them.

The file's metadata (a str -> str map inside the safetensors header) carries JSON:
`format`, `model_config`, `train_config`, `source_vocabulary`, `target_vocabulary`
(token lists, id = index), `history` (progress reports), `metrics`, `snapshots`
(attention maps of the probe sentence during training), `corpus_fingerprint` and
`created_at`.

Loading never unpickles anything: the bytes are parsed as safetensors, every
metadata field is validated, and the tensors must match a freshly built model's
names and shapes exactly. Any failure is one `CheckpointError` with a `code`.
Writes go to a temporary file that is renamed into place, so a crash never leaves
half a checkpoint behind.
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
from model.decoding import MAX_OUTPUT_TOKENS, MAX_SENTENCE_TOKENS
from model.tokenizer import SPECIAL_TOKENS, Vocabulary
from model.transformer import Transformer

FORMAT = "attention-lab/1"
SHIPPED_CHECKPOINT = Path(__file__).resolve().parent.parent / "checkpoints" / "ko-en-tiny.safetensors"
MAX_CHECKPOINT_BYTES = 20 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024 * 1024
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


class CheckpointError(Exception):
    """A checkpoint that cannot be used; `code` names the problem for translated messages."""

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
    except (SafetensorError, ValueError, RuntimeError) as error:
        raise CheckpointError("not_safetensors", f"the tensors cannot be read: {error}") from None

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
    for name, tensor in tensors.items():
        if tensor.shape != expected[name].shape:
            raise CheckpointError(
                "shape_mismatch",
                f"{name} has shape {tuple(tensor.shape)}, the model needs {tuple(expected[name].shape)}",
            )
        if not tensor.is_floating_point() or not torch.isfinite(tensor).all():
            raise CheckpointError("bad_weights", f"{name} holds values that are not finite numbers")
    model.load_state_dict({name: tensor.float() for name, tensor in tensors.items()})
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
        if not path.is_file():
            raise CheckpointError("missing", f"no checkpoint file at {path}")
        if path.stat().st_size > MAX_CHECKPOINT_BYTES:
            raise CheckpointError(
                "too_large", f"the file has {path.stat().st_size} bytes; the limit is {MAX_CHECKPOINT_BYTES}"
            )
        try:
            with path.open("rb") as file:
                data = file.read(MAX_CHECKPOINT_BYTES + 1)  # a file that grew since stat() is still bounded
        except OSError as error:
            raise CheckpointError("missing", f"the checkpoint file {path} cannot be read: {error.strerror}") from None
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
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint")
    if 8 + header_size > len(data):
        raise CheckpointError("truncated", "the file ends before its header does: it is truncated")
    try:
        header = json.loads(data[8 : 8 + header_size].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint") from None
    if not isinstance(header, dict):
        raise CheckpointError("not_safetensors", "the file is not a safetensors checkpoint")
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


def _json_field(metadata: dict, key: str, expected_type: type):
    try:
        value = json.loads(metadata[key])
    except json.JSONDecodeError:
        raise CheckpointError("bad_metadata", f"{key} is not valid JSON") from None
    if not isinstance(value, expected_type):
        raise CheckpointError("bad_metadata", f"{key} must be a JSON {expected_type.__name__}")
    return value


def _config_from_json(config_class, metadata: dict, key: str):
    values = _json_field(metadata, key, dict)
    names = {item.name: item.type for item in fields(config_class)}
    unknown = set(values) - set(names)
    if unknown:
        raise CheckpointError("bad_metadata", f"{key} has unknown fields {sorted(unknown)}")
    for name, value in values.items():
        expected = names[name]
        valid = isinstance(value, expected) and not isinstance(value, bool)
        if expected is float:
            valid = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
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
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


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
        and not any(unicodedata.category(character) in ("Cc", "Cf") for character in token)
    )


def _fingerprint_from(metadata: dict) -> str:
    fingerprint = metadata["corpus_fingerprint"]
    if not re.fullmatch(r"[0-9a-f]{0,128}", fingerprint):
        raise CheckpointError("bad_metadata", "corpus_fingerprint must be a hexadecimal digest")
    return fingerprint


def _created_at_from(metadata: dict) -> str:
    """An ISO 8601 time (pages show it; anything else could carry markup)."""
    created_at = metadata["created_at"]
    try:
        datetime.fromisoformat(created_at)
    except ValueError:
        raise CheckpointError("bad_metadata", "created_at must be an ISO 8601 time") from None
    if len(created_at) > 40:
        raise CheckpointError("bad_metadata", "created_at must be an ISO 8601 time")
    return created_at


def _vocabulary_from_json(metadata: dict, key: str, expected_size: int) -> Vocabulary:
    tokens = _json_field(metadata, key, list)
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
