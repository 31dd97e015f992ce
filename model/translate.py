"""Translate Korean sentences from the command line.

    python -m model.translate "나는 학생이다"          # -> i am a student
    printf '나는 학생이다\\n그녀는 가수이다\\n' | python -m model.translate
    python -m model.translate --json "나는 학생이다"   # one JSON object per line

Every input (a sentence given as an argument, or a line of standard input) gives
exactly one output line, in order. A sentence that cannot be translated (empty, no
Korean, too long, ...) gives an empty line, or with --json the object
{"source": <the input>, "error": <why>}, and prints `error: line N: <why>` on
stderr; the good lines are kept. The exit code is 2 if any input failed, else 0.

With --json each translated line holds exactly: source, source_tokens,
translation, target_tokens, encoder_self_attention, decoder_self_attention,
cross_attention, unknown_tokens, copied, token_probabilities. The maps are nested
lists [layer][head][query][key]; source_tokens and target_tokens list every token
the model sees (target_tokens starts with <bos>, and holds <unk> where the model
wrote one). unknown_tokens are indices into source_tokens of the words the model
does not know; copied lists [output_index, source_index] pairs: row output_index of
the cross-attention map wrote <unk>, and the translation took source_tokens[source_index]
there (the word that row attended to most). token_probabilities holds the probability
of each produced English token, <eos> included, in row order.

With --json --explain each line also holds "explanation" (model/explain.py,
`Explanation.as_json`): per English word (the <eos> row left out) four importance
vectors over source_tokens, "attention" (the last decoder layer's heads averaged),
"value_norm" (‖α·f(x)‖), "rollout" and "leave_one_out", their Spearman
correlations, and "agreement", one mean correlation per method pair.

A sentence with unknown words prints one `warning: line N: ...` line on stderr.
A bad checkpoint or no input at all prints one error line and exits 2.
"""

import json
import sys

import torch

from model.checkpoint import SHIPPED_CHECKPOINT, CheckpointError, load_checkpoint
from model.cli import EXIT_USAGE, ArgumentParser, fail
from model.decoding import SentenceError, Translation, translate
from model.explain import explain

__all__ = ["EXIT_USAGE", "main", "translation_json", "unknown_word_warning"]

PROBABILITY_DECIMALS = 6


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
        "unknown_tokens": result.unknown_tokens,
        "copied": [[output_index, source_index] for output_index, source_index in result.copied],
        "token_probabilities": [round(value, PROBABILITY_DECIMALS) for value in result.token_probabilities],
    }


def unknown_word_warning(result: Translation) -> str:
    """One line naming the unknown words and what became of each ("" when every word is known)."""
    if not result.unknown_tokens:
        return ""
    copied_sources = {source_index for _, source_index in result.copied}
    words = [
        f"{result.source_tokens[index]} ({'copied' if index in copied_sources else 'not copied'})"
        for index in result.unknown_tokens
    ]
    return f"unknown word{'s' if len(words) > 1 else ''}: {', '.join(words)}"


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

    # Arguments that are not UTF-8 reach us as surrogate escapes, and a copied word may hold them:
    # write those bytes back as they came instead of failing on them.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
    failed = False
    for number, sentence in enumerate(sentences, start=1):
        try:
            result = translate(checkpoint, sentence)
        except SentenceError as error:
            failed = True
            fail(f"line {number}: {error.message}")
            print(
                json.dumps({"source": sentence, "error": error.message}, ensure_ascii=False) if arguments.json else ""
            )
            continue
        if warning := unknown_word_warning(result):
            print(f"warning: line {number}: {warning}", file=sys.stderr)
        if arguments.json:
            record = translation_json(result)
            if arguments.explain:
                record["explanation"] = explain(checkpoint, result).as_json()
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(result.translation)
    sys.stdout.flush()
    return EXIT_USAGE if failed else 0


if __name__ == "__main__":
    # A few sentences through a tiny model: a second thread only adds overhead, and on a busy
    # machine the two spin-wait for each other (a garbage model's 40 steps took 6 s, not 0.2 s).
    torch.set_num_threads(1)
    sys.exit(main())
