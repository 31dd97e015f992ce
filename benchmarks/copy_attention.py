"""Which cross-attention reading finds the word to copy for an <unk>: every candidate, scored.

    python benchmarks/copy_attention.py                         # the shipped checkpoint
    python benchmarks/copy_attention.py --checkpoint PATH --split test

Every object, occupation and place noun of the split's pairs is hidden as <unk> on
both sides, as in training (model/train.py, UnknownWordReplacement); the decoder
reads the hidden reference, and each row that writes a hidden word's <unk> is a hit
for a candidate when the candidate's argmax over the source is that noun.
Readings: every single head, every layer's head mean, the mean of all layers; each
with two rules: "word" (model.decoding.copy_source_index: attention summed per typed
word, words with an unknown token first) and "token" (the plain argmax). Decoding
uses the last layer's head mean with the word rule; this prints the figures behind
that choice (README, "Unknown words"), then one JSON line.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.alignment import copy_choice_scores  # noqa: E402
from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint  # noqa: E402
from model.corpus import build_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkpoint", default=str(SHIPPED_CHECKPOINT))
    parser.add_argument("--split", default="valid", choices=("train", "valid", "test"))
    arguments = parser.parse_args()
    checkpoint = load_checkpoint(arguments.checkpoint)
    pairs = build_corpus(checkpoint.train_config.corpus_seed).split(arguments.split)
    scores = copy_choice_scores(checkpoint.model, pairs, checkpoint.source_vocabulary, checkpoint.target_vocabulary)
    print(f"{len(pairs)} {arguments.split} pairs, every object/occupation/place noun hidden")
    print(f"  {'reading':<20}{'rule':<8}{'hit rate':>10}")
    for score in scores:
        print(f"  {score.reading:<20}{score.rule:<8}{score.hit_rate:>10.4f}")
    print(json.dumps({score.name: round(score.hit_rate, 4) for score in scores}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
