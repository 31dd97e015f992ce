"""The shipped checkpoint's recorded metrics are what its model really does.

Pages and the sidebar print `checkpoint.metrics`; their tests build the expected text from
the same metadata, so only a recomputation notices a stale or edited record."""

from model.corpus import build_corpus
from model.decoding import exact_match


def test_the_recorded_metrics_are_recomputed_from_the_model(shipped):
    corpus = build_corpus(shipped.train_config.corpus_seed)
    assert corpus.fingerprint() == shipped.corpus_fingerprint, "the corpus changed: rebuild with python -m model.train"
    recorded = shipped.metrics
    vocabularies = (shipped.source_vocabulary, shipped.target_vocabulary)
    assert recorded["test_exact_match"] == exact_match(shipped.model, corpus.test, *vocabularies)
    assert recorded["valid_exact_match"] == exact_match(shipped.model, corpus.valid, *vocabularies)
    assert recorded["parameters"] == shipped.parameter_count()
    # Training evaluates at its last step, and keeps the best evaluation's weights.
    history = shipped.history
    assert recorded["steps"] == history[-1]["step"] <= shipped.train_config.steps
    best = max(history, key=lambda entry: (entry["valid_exact_match"], -entry["valid_loss"]))
    assert recorded["best_step"] == best["step"]
