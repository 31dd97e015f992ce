"""What identifies a checkpoint's behaviour: a hash of its weights, words and shape.

The app keys its server-wide caches by this hash (ui/loading.py): sessions may train
models of the same corpus within the same second, so names and times are not enough,
and an upload may pair the shipped weights with other words or a shorter position table
(issue 5). Hashing ~100k parameters takes about a millisecond, walking the module tree
(state_dict, parameters) a few more, and every page run asks several times: both are
done once per model object, and again only when a tensor has changed in place.
"""

import hashlib
import weakref
from typing import NamedTuple

import torch

from model.checkpoint import Checkpoint


class _ModelFacts(NamedTuple):
    """What `checkpoint_key` and `parameter_count` derive from a model's weights."""

    corpus_fingerprint: str
    tensors: tuple[torch.Tensor, ...]  # the state dict's tensors, to notice an in-place change
    versions: tuple[int, ...]  # their version counters when the facts were computed
    key: str
    parameters: int


# Per model object, dropped with the model.
_MODEL_FACTS: "weakref.WeakKeyDictionary[torch.nn.Module, _ModelFacts]" = weakref.WeakKeyDictionary()


def _version(tensor: torch.Tensor) -> int:
    """The tensor's version counter, which every in-place change increments.

    `Tensor._version` is private torch API (there is no public one; autograd uses it to
    refuse stale saved tensors); it has kept its meaning since torch 0.4 and is checked
    by tests/test_fingerprint.py. Without it the cache could not tell a model changed in
    place (`parameter.add_(...)`) from the one it hashed.
    """
    return tensor._version


def _model_facts(checkpoint: Checkpoint) -> _ModelFacts:
    facts = _MODEL_FACTS.get(checkpoint.model)
    if (
        facts is not None
        and facts.corpus_fingerprint == checkpoint.corpus_fingerprint
        and tuple(_version(tensor) for tensor in facts.tensors) == facts.versions
    ):
        return facts
    state = checkpoint.model.state_dict()
    digest = hashlib.sha256(checkpoint.corpus_fingerprint.encode())
    digest.update(repr((checkpoint.source_vocabulary.tokens, checkpoint.target_vocabulary.tokens)).encode())
    digest.update(repr(checkpoint.model_config).encode())
    for name, tensor in state.items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    tensors = tuple(state.values())
    facts = _ModelFacts(
        corpus_fingerprint=checkpoint.corpus_fingerprint,
        tensors=tensors,
        versions=tuple(_version(tensor) for tensor in tensors),
        key=digest.hexdigest(),
        parameters=checkpoint.parameter_count(),
    )
    _MODEL_FACTS[checkpoint.model] = facts
    return facts


def checkpoint_key(checkpoint: Checkpoint) -> str:
    """A hex digest that changes whenever the checkpoint's weights, vocabularies, config or corpus do."""
    return _model_facts(checkpoint).key


def parameter_count(checkpoint: Checkpoint) -> int:
    """`checkpoint.parameter_count()`, counted once per model."""
    return _model_facts(checkpoint).parameters
