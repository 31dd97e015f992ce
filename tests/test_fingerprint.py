"""model/fingerprint.py: the cache key of a checkpoint follows its weights, also changed in place."""

import torch

from model import fingerprint


def test_the_key_changes_when_a_weight_changes_in_place(shipped):
    before = fingerprint.checkpoint_key(shipped)
    assert fingerprint.checkpoint_key(shipped) == before  # cached: the same model, untouched
    parameter = next(shipped.model.parameters())
    version = parameter._version
    with torch.no_grad():
        parameter.add_(1.0)
    try:
        # Breaks if torch stops counting in-place changes in `Tensor._version` (private API).
        assert parameter._version > version
        assert fingerprint.checkpoint_key(shipped) != before
    finally:
        with torch.no_grad():
            parameter.sub_(1.0)
    assert fingerprint.parameter_count(shipped) == shipped.parameter_count()
