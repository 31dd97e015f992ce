"""Translate Korean sentences from the command line.

    python -m model.translate "나는 학생이다"          # -> i am a student
    printf '나는 학생이다\\n그녀는 가수이다\\n' | python -m model.translate
    python -m model.translate --json "나는 학생이다"   # one JSON object per line

With --json each line holds exactly: source, source_tokens, translation,
target_tokens, encoder_self_attention, decoder_self_attention, cross_attention.
The maps are nested lists [layer][head][query][key]; source_tokens and
target_tokens list every token the model sees (target_tokens starts with <bos>).

With --json --explain each line also holds "explanation" (model/explain.py,
`Explanation.as_json`): per English word (the <eos> row left out) four importance
vectors over source_tokens, "attention" (the last decoder layer's heads averaged),
"value_norm" (‖α·f(x)‖), "rollout" and "leave_one_out", their Spearman
correlations, and "agreement", one mean correlation per method pair.

Errors (an empty sentence, a bad checkpoint) print one line on stderr and exit 2.
"""

import json
import sys

from model.checkpoint import SHIPPED_CHECKPOINT, CheckpointError, load_checkpoint
from model.cli import EXIT_USAGE, ArgumentParser, fail
from model.decoding import SentenceError, Translation, translate
from model.explain import explain

__all__ = ["EXIT_USAGE", "main", "translation_json"]


def translation_json(result: Translation) -> dict:
    """The JSON Lines record of one translation (also the dashboard's JSON export)."""
    return {
        "source": result.source,
        "source_tokens": result.source_tokens,
        "translation": result.translation,
        "target_tokens": result.target_tokens,
        "encoder_self_attention": result.maps.encoder_self.tolist(),
        "decoder_self_attention": result.maps.decoder_self.tolist(),
        "cross_attention": result.maps.cross.tolist(),
    }


def main(argv=None) -> int:
    parser = ArgumentParser(
        prog="python -m model.translate",
        description="Translate Korean sentences to English with a trained Attention Lab checkpoint.",
    )
    parser.add_argument("sentences", nargs="*", help="Korean sentences; without any, one per line is read from stdin")
    parser.add_argument("--checkpoint", default=str(SHIPPED_CHECKPOINT), help="model file (default: %(default)s)")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per sentence with every attention map"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="with --json: add per English word four importance vectors over the Korean tokens (model/explain.py)",
    )
    arguments = parser.parse_args(argv)
    if arguments.explain and not arguments.json:
        return fail("--explain needs --json")

    try:
        checkpoint = load_checkpoint(arguments.checkpoint)
    except CheckpointError as error:
        return fail(f"cannot load checkpoint {arguments.checkpoint}: {error.message}")

    sentences = arguments.sentences
    if not sentences:
        try:
            sentences = [line.rstrip("\r\n") for line in sys.stdin]
        except UnicodeDecodeError:
            return fail("standard input is not UTF-8 text")
    if not sentences:
        return fail("no sentence given (pass sentences as arguments or one per line on stdin)")

    outputs = []
    for number, sentence in enumerate(sentences, start=1):
        try:
            result = translate(checkpoint, sentence)
        except SentenceError as error:
            where = f"sentence {number}" if len(sentences) > 1 else "the sentence"
            return fail(f"{where}: {error.message}")
        if arguments.json:
            record = translation_json(result)
            if arguments.explain:
                record["explanation"] = explain(checkpoint, result).as_json()
            outputs.append(json.dumps(record, ensure_ascii=False))
        else:
            outputs.append(result.translation)
    print("\n".join(outputs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
