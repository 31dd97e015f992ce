"""The training command line: `python -m model.train` (model/train.py hands its __main__ here).

    python -m model.train              # rebuilds checkpoints/ko-en-tiny.safetensors
    python -m model.train --help       # every option
    python -m model.train --corpus pairs.tsv --out mine.safetensors

Parses the options into a TrainConfig and a ModelConfig, refuses what cannot work before
training (one `error:` line, exit code 2: see model/cli.py), runs model.train.train
printing its reports, stops cleanly on Ctrl-C and saves the best model so far.
"""

import argparse
import signal
import sys
import tempfile
import threading
from dataclasses import fields, replace
from pathlib import Path

from model.checkpoint import MIN_MAX_LEN, SHIPPED_CHECKPOINT, save_checkpoint
from model.cli import ArgumentParser, fail
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import SentenceError, check_sentence
from model.tokenizer import split_korean
from model.train import Progress, build_vocabularies, probe_problem, train
from model.user_corpus import MAX_FILE_BYTES, MIN_PAIRS, CorpusFileError, parse_user_corpus


def _add_config_options(parser: argparse.ArgumentParser, config_class, skip=()):
    defaults = config_class()
    for item in fields(config_class):
        if item.name in skip:
            continue
        parser.add_argument(
            "--" + item.name.replace("_", "-"),
            type=item.type,
            default=getattr(defaults, item.name),
            help=f"(default: {getattr(defaults, item.name)})",
        )


def main(argv=None) -> int:
    parser = ArgumentParser(
        prog="python -m model.train",
        description="Train the Korean->English transformer. With no options it rebuilds the shipped checkpoint.",
    )
    _add_config_options(parser, TrainConfig)
    _add_config_options(parser, ModelConfig, skip=("source_vocab_size", "target_vocab_size"))
    parser.add_argument("--out", default=None, help=f"where to write the checkpoint (default: {SHIPPED_CHECKPOINT})")
    parser.add_argument(
        "--corpus",
        default=None,
        help="train on your own pairs: a TSV or CSV file, Korean then English (see model/user_corpus.py); needs --out",
    )
    parser.add_argument("--quiet", action="store_true", help="print only the final metrics")
    arguments = vars(parser.parse_args(argv))
    out, corpus_path, quiet = arguments.pop("out"), arguments.pop("corpus"), arguments.pop("quiet")
    train_names = {item.name for item in fields(TrainConfig)}
    train_config = TrainConfig(**{key: value for key, value in arguments.items() if key in train_names})
    model_config = ModelConfig(**{key: value for key, value in arguments.items() if key not in train_names})
    problems = train_config.problems() + model_config.problems()
    if problems:
        return fail("; ".join(problems))
    if model_config.max_len < MIN_MAX_LEN:
        return fail(
            f"max_len must be at least {MIN_MAX_LEN}: the app reads sentences and writes translations that long"
        )
    try:
        check_sentence(train_config.probe_sentence)
    except SentenceError as error:
        return fail(f"--probe-sentence: {error.message}")
    if corpus_path is not None and out is None:
        return fail("--corpus needs --out (the shipped checkpoint is rebuilt from the generated corpus only)")
    out_problem = _output_problem(Path(out or SHIPPED_CHECKPOINT))
    if out_problem:
        return fail(out_problem)

    if corpus_path is None:
        corpus = build_corpus(train_config.corpus_seed)
    else:
        corpus, corpus_problem = _read_user_corpus(corpus_path)
        if corpus_problem:
            return fail(corpus_problem)
        probe_tokens = split_korean(train_config.probe_sentence)
        known = {token for pair in corpus.train for token in pair.korean_tokens}
        if not set(probe_tokens) <= known:  # the default probe may be all unknown words to this corpus
            train_config = replace(train_config, probe_sentence=corpus.train[0].korean)
    longest = max(
        max(len(pair.korean_tokens), len(pair.english_tokens) + 1)
        for split in (corpus.train, corpus.valid, corpus.test)
        for pair in split
    )
    source_vocabulary, target_vocabulary = build_vocabularies(corpus)
    sized = replace(model_config, source_vocab_size=len(source_vocabulary), target_vocab_size=len(target_vocabulary))
    if problems := sized.problems():  # with the corpus's vocabularies, the size limit is exact
        return fail("; ".join(problems))
    if problem := probe_problem(train_config, source_vocabulary):
        return fail(f"--probe-sentence: {problem}")
    if longest > model_config.max_len:
        return fail(
            f"max_len ({model_config.max_len}) is shorter than the corpus's longest sentence ({longest} tokens)"
        )

    def report(progress: Progress):
        if quiet or progress.valid_loss is None:
            return
        print(
            f"step {progress.step:5d}/{progress.total_steps}  train loss {progress.train_loss:.4f}  "
            f"valid loss {progress.valid_loss:.4f}  valid exact {progress.valid_exact_match:.3f}  "
            f"lr {progress.learning_rate:.2e}  {progress.seconds:.1f}s",
            flush=True,
        )

    # Ctrl-C stops after the current step and still saves the best model so far; a second one quits at once.
    interrupted = []

    def on_interrupt(signal_number, frame):
        interrupted.append(signal_number)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    # Signal handlers can only be set from the main thread (main() may also be called from elsewhere).
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous_handler = signal.signal(signal.SIGINT, on_interrupt) if in_main_thread else None
    try:
        result = train(
            train_config, model_config, corpus=corpus, on_progress=report, should_stop=lambda: bool(interrupted)
        )
    except KeyboardInterrupt:
        return fail("interrupted twice: nothing saved")
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous_handler)
    try:
        path = save_checkpoint(result.checkpoint, out or SHIPPED_CHECKPOINT)
    except OSError as error:
        return fail(f"cannot write {out or SHIPPED_CHECKPOINT}: {error.strerror or error}")
    metrics = result.checkpoint.metrics
    stopped = f"stopped by Ctrl-C after {result.steps_done} steps; " if result.stopped else ""
    print(
        f"done: {stopped}{metrics['steps']} steps in {metrics['seconds']:.1f}s (best at step {metrics['best_step']}), "
        f"{metrics['parameters']} parameters, valid exact match {metrics['valid_exact_match']:.4f}, "
        f"test exact match {metrics['test_exact_match']:.4f} -> {path} ({path.stat().st_size} bytes)"
    )
    return 0


def _output_problem(path: Path) -> str:
    """Why the checkpoint could not be written to `path` (found before training, not after it); "" if it can."""
    if path.is_dir():
        return f"--out {path} is a folder; give a file name such as {path / 'model.safetensors'}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as error:
        return f"--out {path}: cannot write there ({error.strerror or error})"
    return ""


def _read_user_corpus(path_text: str):
    """(UserCorpus, "") or (None, why it cannot be trained on)."""
    path = Path(path_text)
    if not path.is_file():
        return None, f"--corpus {path}: no such file"
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # a larger file is refused without reading it all
    except OSError as error:
        return None, f"--corpus {path}: cannot be read ({error.strerror or error})"
    try:
        corpus = parse_user_corpus(data, path.name)
    except CorpusFileError as error:
        return None, f"--corpus {path}: {error.message}"
    if not corpus.trainable:
        first = corpus.rejected[0] if corpus.rejected else None
        why = f"; line {first.line} was left out: {first.code}" if first else ""
        return None, (
            f"--corpus {path}: {len(corpus.pairs)} usable pairs, at least {MIN_PAIRS} are needed "
            f"({len(corpus.rejected)} rows left out{why})"
        )
    if corpus.rejected:
        first = corpus.rejected[0]
        print(
            f"note: {len(corpus.rejected)} rows of {path} left out (line {first.line}: {first.code})",
            file=sys.stderr,
        )
    return corpus, ""


if __name__ == "__main__":
    sys.exit(main())
