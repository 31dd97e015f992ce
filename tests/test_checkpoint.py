import dataclasses
import json
import os
import pickle
import struct
from pathlib import Path

import pytest
import torch
from safetensors.torch import save as save_safetensors_bytes

from model.checkpoint import (
    MAX_CHECKPOINT_BYTES,
    MAX_HEADER_BYTES,
    Checkpoint,
    CheckpointError,
    checkpoint_bytes,
    load_checkpoint,
    save_checkpoint,
)
from model.config import ModelConfig, TrainConfig
from model.tokenizer import SPECIAL_TOKENS, Vocabulary
from model.transformer import Transformer
from tests.safetensors_bytes import with_metadata


def tiny_checkpoint(seed=0) -> Checkpoint:
    torch.manual_seed(seed)
    source = Vocabulary(SPECIAL_TOKENS + ("나", "는", "학생", "이다"))
    target = Vocabulary(SPECIAL_TOKENS + ("i", "am", "a", "student"))
    config = ModelConfig(source_vocab_size=len(source), target_vocab_size=len(target), d_model=16, n_heads=2, d_ff=32)
    return Checkpoint(
        model=Transformer(config).eval(),
        source_vocabulary=source,
        target_vocabulary=target,
        train_config=TrainConfig(steps=3),
        history=[{"step": 1, "train_loss": 2.0}],
        metrics={"test_exact_match": 0.5},
        snapshots=[{"step": 0, "cross": [[[[1.0]]]]}],
        corpus_fingerprint="abc",
        created_at="2026-01-01T00:00:00+00:00",
    )


def logits_of(checkpoint):
    source = torch.tensor([[4, 5, 6, 7]])
    target_input = torch.tensor([[2, 4, 5]])
    with torch.no_grad():
        return checkpoint.model(source, target_input)[0]


def test_save_then_load_gives_identical_logits_and_metadata(tmp_path):
    original = tiny_checkpoint()
    path = save_checkpoint(original, tmp_path / "model.safetensors")
    loaded = load_checkpoint(path)
    assert torch.equal(logits_of(original), logits_of(loaded))
    assert loaded.source_vocabulary == original.source_vocabulary
    assert loaded.target_vocabulary == original.target_vocabulary
    assert loaded.model_config == original.model_config
    assert loaded.train_config == original.train_config
    assert loaded.history == original.history and loaded.snapshots == original.snapshots
    assert loaded.metrics == original.metrics
    assert not loaded.model.training
    # Loading from bytes (an upload) gives the same model.
    assert torch.equal(logits_of(load_checkpoint(path.read_bytes())), logits_of(original))


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "model.safetensors"
    save_checkpoint(tiny_checkpoint(0), path)
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_checkpoint(tiny_checkpoint(1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


def bad_files(tmp_path) -> dict[str, tuple[str, bytes | Path]]:
    good = checkpoint_bytes(tiny_checkpoint())
    # Weights of a wider model under the tiny model's metadata.
    wider = Transformer(ModelConfig(source_vocab_size=8, target_vocab_size=8, d_model=32, n_heads=2, d_ff=32))
    shape_mismatch = save_safetensors_bytes(dict(wider.state_dict()), metadata=_metadata_of(good))
    return {
        "missing": ("missing", tmp_path / "nope.safetensors"),
        "truncated": ("truncated", good[: len(good) // 2]),
        "truncated header": ("truncated", good[:20]),
        "empty": ("truncated", b""),
        "random bytes": ("not_safetensors", os.urandom(4096)),
        "text": ("not_safetensors", b"hello, this is not a model at all"),
        # A header laid out as safetensors, one byte over the limit (a model trained with far too many records).
        "header over the limit": (
            "too_large",
            struct.pack("<Q", MAX_HEADER_BYTES + 1) + b"{" + b" " * (MAX_HEADER_BYTES - 1) + b"}",
        ),
        "pickle": ("pickle", pickle.dumps({"weights": [1, 2, 3]})),
        "torch zip": ("pickle", b"PK\x03\x04" + b"\x00" * 100),
        "shape mismatch": ("shape_mismatch", shape_mismatch),
        "vocabulary mismatch": (
            "shape_mismatch",
            with_metadata(good, source_vocabulary=json.dumps(list(SPECIAL_TOKENS) + ["나"])),
        ),
        "not json": ("bad_metadata", with_metadata(good, history="{not json")),
        "wrong format": ("bad_metadata", with_metadata(good, format="something-else")),
        "unknown config field": (
            "bad_metadata",
            with_metadata(good, model_config=json.dumps({"d_model": 16, "evil": 1})),
        ),
        "huge config": (
            "bad_metadata",
            with_metadata(good, model_config=json.dumps({"d_model": 10**9, "n_heads": 2})),
        ),
        "no metadata": ("bad_metadata", save_safetensors_bytes({"x": torch.zeros(2)})),
        "nan weights": ("bad_weights", _with_nan(good)),
    }


def _metadata_of(data: bytes) -> dict:
    (size,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8 : 8 + size])["__metadata__"]


def _with_nan(good: bytes) -> bytes:
    checkpoint = load_checkpoint(good)
    with torch.no_grad():
        checkpoint.model.encoder.norm.weight[0] = float("nan")
    return checkpoint_bytes(checkpoint)


def test_every_bad_checkpoint_raises_one_clear_error(tmp_path):
    for name, (code, source) in bad_files(tmp_path).items():
        if isinstance(source, bytes) and name != "missing":
            path = tmp_path / f"{name.replace(' ', '_')}.safetensors"
            path.write_bytes(source)
            sources = [source, path]
        else:
            sources = [source]
        for item in sources:
            with pytest.raises(CheckpointError) as caught:
                load_checkpoint(item)
            assert caught.value.code == code, f"{name}: {caught.value.code} ({caught.value.message})"
            assert caught.value.message and "\n" not in caught.value.message


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.safetensors"
    with open(path, "wb") as file:
        file.truncate(MAX_CHECKPOINT_BYTES + 1)
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(path)
    assert caught.value.code == "too_large"


class WritesMarker:
    """Unpickling this object would create a file: proof that code ran."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_a_pickle_payload_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(WritesMarker(str(marker)))
    path = tmp_path / "evil.pt"
    path.write_bytes(payload)
    for source in (payload, path):
        with pytest.raises(CheckpointError) as caught:
            load_checkpoint(source)
        assert caught.value.code == "pickle"
    assert not marker.exists()
    # The payload is real: unpickling it would have created the marker.
    pickle.loads(payload)
    assert marker.exists()


def test_a_checkpoint_whose_header_length_starts_like_pickle_still_loads():
    # The first byte of a safetensors file is the low byte of its header length; 0x80 is
    # also how a pickle starts. About one saved model in 256 begins that way.
    checkpoint = tiny_checkpoint()
    # The fingerprint (at most 128 hex digits) moves the header length over 128 bytes; one more
    # history entry or two moves it past that window, so some combination starts with 0x80.
    candidates = (
        dataclasses.replace(checkpoint, corpus_fingerprint="c" * digits, history=checkpoint.history * entries)
        for entries in range(1, 9)
        for digits in range(129)
    )
    data = next((data for data in map(checkpoint_bytes, candidates) if data[:1] == b"\x80"), b"")
    assert data[:1] == b"\x80"
    loaded = load_checkpoint(data)
    assert torch.equal(logits_of(loaded), logits_of(checkpoint))
