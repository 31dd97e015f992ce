"""Many learners on one server, and training interrupted (issue 5, items 4 and 5).

- Several AppTest sessions at once: a model uploaded or trained in one never shows in
  another, not even through the caches every session shares (a translation cached for
  one session's model is never served for another's).
- The server-wide training limit holds when several sessions click Train: at most
  `slot_count()` runs train at once, each with `threads_per_run()` torch threads, the
  others wait in line and say their place; five clicks in one session start one run; a
  waiting learner who opens another page gives the place up.
- Interrupted training: Stop at a random step (seeded, so a failure can be replayed)
  leaves the best model so far, usable and saved whole, with the steps reported; a
  rerun and a page switch while training leave the run going.
- Memory per idle session, measured on a real server with real browser sessions.

tests/test_training_runner.py covers the runner's own thread, Stop and abandoned sessions,
tests/test_training_queue.py the queue and shared runs, and tests/test_page_train.py one
session's training; this file adds what needs several sessions or an interruption at an
arbitrary point.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from model.checkpoint import SHIPPED_CHECKPOINT, checkpoint_bytes, load_checkpoint, save_checkpoint
from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import translate
from model.train import train
from model.user_corpus import parse_user_corpus
from tests import app_testing
from tests.app_testing import rerun, wait_until
from tests.safetensors_bytes import header_of, with_metadata
from ui import loading, state, texts, training

ROOT = Path(__file__).resolve().parent.parent
APP = "../streamlit_app.py"
TRAIN_PAGE = str(ROOT / "pages" / "train.py")
TIMEOUT_S = 120
TINY_FORM = {"d_model": 16, "n_heads": 2, "n_encoder_layers": 1, "n_decoder_layers": 1, "d_ff": 32, "batch_size": 16}


def start_app(language: str = "en") -> AppTest:
    return app_testing.run_page(APP, language, timeout=TIMEOUT_S)


def start_train_page(language: str = "en") -> AppTest:
    return app_testing.run_page(TRAIN_PAGE, language, timeout=TIMEOUT_S)


def click_train(app: AppTest, language: str = "en", **values) -> AppTest:
    for name, value in values.items():
        app.number_input(key=f"train_field_{name}").set_value(value)
    [button] = [button for button in app.button if button.label == texts.text("train.start", language)]
    button.click()
    return rerun(app)


def renamed_vocabulary(data: bytes, old: str, new: str) -> bytes:
    """The same weights with one English word renamed (a learner's edited file)."""
    header, _ = header_of(data)
    tokens = json.loads(header["__metadata__"]["target_vocabulary"])
    return with_metadata(data, target_vocabulary=json.dumps([new if token == old else token for token in tokens]))


# --- no leak between sessions ----------------------------------------------------------------------


def test_an_upload_stays_in_its_session_even_through_shared_caches(navigation_runs_the_entrypoint):
    """Learner A uploads the shipped weights with "student" renamed; learner B, with the shipped
    model and the same sentence, must still read "i am a student" (the caches are server-wide)."""
    first, second, third = start_app("en"), start_app("ko"), start_app("en")
    edited = renamed_vocabulary(SHIPPED_CHECKPOINT.read_bytes(), "student", "pirate")
    first.sidebar.file_uploader(key=state.upload_widget_key(first.session_state[state.UPLOADS_READ])).set_value(
        ("a.safetensors", edited, "application/octet-stream")
    )
    rerun(first)
    assert first.session_state[state.MODEL_SOURCE] == state.UPLOADED
    assert "i am a pirate" in [element.value for element in first.sidebar.text]

    for other in (second, third):
        rerun(other)
        assert other.session_state[state.UPLOADED_CHECKPOINT] is None
        assert other.session_state[state.MODEL_SOURCE] == state.SHIPPED
        assert len(other.sidebar.radio(key=state.MODEL_SOURCE_WIDGET).options) == 1
        assert [element.value for element in other.sidebar.text] == ["i am a student"]
    # And the other way round: B's cached shipped translation is not served to A.
    rerun(first)
    assert "i am a pirate" in [element.value for element in first.sidebar.text]
    # Different words, same weights: different cache keys.
    assert loading.checkpoint_key(load_checkpoint(edited)) != loading.checkpoint_key(loading.load_shipped_checkpoint())


def test_sessions_keep_their_sentence_language_and_model(navigation_runs_the_entrypoint):
    apps = [start_app(language) for language in ("en", "ko", "en", "ko")]
    sentences = ["그들은 학생이다", "민수는 우유를 마신다", "그녀는 가수이다", "나는 학생이다"]
    for app, sentence in zip(apps, sentences, strict=True):
        app.sidebar.text_input(key=state.TYPED_SENTENCE_WIDGET).set_value(sentence)
        rerun(app)
    session_model = load_checkpoint(checkpoint_bytes(loading.load_shipped_checkpoint()))
    apps[1].session_state[state.SESSION_CHECKPOINT] = session_model
    apps[1].session_state[state.MODEL_SOURCE] = state.SESSION
    for app in apps:
        rerun(app)
    for app, sentence, language in zip(apps, sentences, ("en", "ko", "en", "ko"), strict=True):
        assert app.session_state[state.SENTENCE] == sentence
        assert app.session_state[state.LANGUAGE] == language
    assert [app.session_state[state.MODEL_SOURCE] for app in apps] == [
        state.SHIPPED,
        state.SESSION,
        state.SHIPPED,
        state.SHIPPED,
    ]
    assert all(app.session_state[state.SESSION_CHECKPOINT] is None for app in apps if app is not apps[1])


# --- the training limit -------------------------------------------------------------------------------


def test_several_sessions_training_respect_the_server_wide_limit(monkeypatch):
    """Three learners click Train (three seeds, three runs); a board with this machine's slots decides who trains."""
    slots = training.slot_count()
    assert slots * training.threads_per_run() < training.cpu_count() or slots == 1  # a CPU left for the pages
    board = training.TrainingBoard(slots)
    monkeypatch.setattr(training, "training_board", lambda: board)
    learners = [start_train_page(language) for language in ("en", "ko", "en")]
    runs = []
    try:
        for seed, (app, language) in enumerate(zip(learners, ("en", "ko", "en"), strict=True)):
            click_train(app, language, **TINY_FORM, steps=20_000, seed=seed + 1)
            runs.append(app.session_state[state.TRAIN_RUN])
        # While a learner's run is going, the Train button is disabled (more clicks start nothing).
        for app, language in zip(learners, ("en", "ko", "en"), strict=True):
            [button] = [button for button in app.button if button.label == texts.text("train.start", language)]
            assert button.disabled
        assert len({id(run) for run in runs}) == 3
        assert all(run.train_config.threads == training.threads_per_run() for run in runs)

        wait_until(lambda: sum(run.view().status == training.RUNNING for run in runs) == min(slots, 3))
        highest = 0
        for _ in range(20):  # watch for a while: never more than `slots` at once
            highest = max(highest, sum(run.view().status == training.RUNNING for run in runs))
            time.sleep(0.1)
        assert highest == min(slots, 3)
        waiting = [app for app, run in zip(learners, runs, strict=True) if run.view().status == training.WAITING]
        assert len(waiting) == 3 - min(slots, 3)
        for place, app in enumerate(waiting, start=1):  # in the order they clicked
            rerun(app)
            language = app.session_state[state.LANGUAGE]
            key = "train.queue_next" if place == 1 else "train.queue_place"
            prefix = texts.text(key, language, place=place, ahead=place - 1, wait="§", clock="", seconds="").split("§")[
                0
            ]
            assert any(element.value.startswith(prefix) for element in app.info), (prefix, app.info)

        # The runner frees its slot when stopped: a waiting learner starts.
        running = [run for run in runs if run.view().status == training.RUNNING]
        running[0].stop()
        assert running[0].join(TIMEOUT_S)
        if len(runs) > slots:
            wait_until(lambda: sum(run.view().status == training.RUNNING for run in runs) == min(slots, 2))
    finally:
        for run in runs:
            run.stop()
        for run in runs:
            assert run.join(TIMEOUT_S)
    assert all(run.view().status in (training.STOPPED, training.DONE) for run in runs)
    assert board.queue.counts() == (0, 0)  # every slot free again, nobody in line


def test_a_waiting_learner_who_opens_another_page_gives_the_place_up(navigation_runs_the_entrypoint, monkeypatch):
    board = training.TrainingBoard(1)
    monkeypatch.setattr(training, "training_board", lambda: board)
    holder = board.request(TrainConfig(steps=20_000, batch_size=16, threads=1, seed=99), TINY_MODEL)
    app = start_app("en")
    try:
        app.switch_page("pages/train.py")
        rerun(app)
        click_train(app, "en", **TINY_FORM, steps=20)
        run = app.session_state[state.TRAIN_RUN]
        assert run.view().place == 1
        app.switch_page("pages/encoder.py")
        rerun(app)
        wait_until(lambda: board.queue.counts() == (1, 0))  # out of the line; the other learner still trains
        app.switch_page("pages/train.py")
        rerun(app)
        assert texts.text("train.left_queue_page", "en") in [element.value for element in app.info]
        [button] = [button for button in app.button if button.label == texts.text("train.start", "en")]
        assert not button.disabled  # free to queue again
    finally:
        holder.stop()
    assert holder.join(TIMEOUT_S)


# --- interrupted training -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_corpus():
    pairs = build_corpus(0).train[:80]
    return parse_user_corpus("".join(f"{pair.korean}\t{pair.english}\n" for pair in pairs).encode())


TINY_MODEL = ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stop_at_a_random_step_keeps_the_best_model_so_far(small_corpus, tmp_path, seed):
    planned = 60
    stop_after = random.Random(seed).randint(1, planned - 1)
    steps_seen = []

    def should_stop() -> bool:
        steps_seen.append(None)  # called once before each step
        return len(steps_seen) > stop_after

    config = TrainConfig(steps=planned, batch_size=16, eval_every=7, snapshot_every=5, warmup_steps=5, threads=1)
    result = train(config, TINY_MODEL, corpus=small_corpus, should_stop=should_stop)
    checkpoint = result.checkpoint
    assert result.stopped and result.steps_done == stop_after, (seed, stop_after)
    assert checkpoint.metrics["steps"] == stop_after
    evaluated = [entry["step"] for entry in checkpoint.history]
    assert evaluated == list(range(7, stop_after + 1, 7))
    # The best model is one that was evaluated (or the initial one, before the first evaluation).
    assert checkpoint.metrics["best_step"] in [0, *evaluated]
    if evaluated:
        best = max(checkpoint.history, key=lambda entry: (entry["valid_exact_match"], -entry["valid_loss"]))
        assert checkpoint.metrics["best_step"] == best["step"]
    # A snapshot every 5 steps, and one where training stopped.
    expected_snapshots = sorted({*range(0, stop_after + 1, 5), stop_after})
    assert [snapshot["step"] for snapshot in checkpoint.snapshots] == expected_snapshots
    # Usable, and saved whole.
    sentence = small_corpus.train[0].korean
    assert translate(checkpoint, sentence).output_tokens[-1] == "<eos>"
    path = save_checkpoint(checkpoint, tmp_path / "stopped.safetensors")
    assert [item.name for item in tmp_path.iterdir()] == ["stopped.safetensors"]
    reloaded = load_checkpoint(path)
    assert reloaded.metrics["steps"] == stop_after
    assert translate(reloaded, sentence).translation == translate(checkpoint, sentence).translation
    source = torch.tensor([checkpoint.source_vocabulary.encode(translate(checkpoint, sentence).source_tokens)])
    target = torch.tensor([[2]])
    with torch.no_grad():
        torch.testing.assert_close(reloaded.model(source, target)[0], checkpoint.model(source, target)[0])


def test_stop_rerun_and_page_switch_in_the_middle_of_training(navigation_runs_the_entrypoint):
    """A learner starts training, reruns, goes to another page and back, then stops at a random step."""
    stop_at = random.Random(7).randint(15, 60)
    app = start_app("en")
    app.switch_page("pages/train.py")
    rerun(app)
    click_train(app, "en", **TINY_FORM, steps=20_000)
    run = app.session_state[state.TRAIN_RUN]
    try:
        wait_until(lambda: run.view().step >= 5)
        rerun(app)
        app.switch_page("pages/encoder.py")
        rerun(app)
        assert run.view().active  # leaving the page does not stop training
        app.switch_page("pages/train.py")
        rerun(app)
        assert app.session_state[state.TRAIN_RUN] is run
        # After the first evaluation (before it the weights are untrained and the page offers none).
        wait_until(lambda: run.view().step >= stop_at and run.view().history)
        [stop] = [button for button in app.button if button.key == "train_stop"]
        stop.click()
        rerun(app)
    finally:
        run.stop()
    assert run.join(TIMEOUT_S)
    view = run.view()
    assert view.status == training.STOPPED and view.result.steps_done >= stop_at
    rerun(app)
    metrics = view.result.checkpoint.metrics
    stopped_text = texts.text(
        "train.stopped", "en", steps=view.result.steps_done, total=20_000, best=metrics["best_step"]
    )
    assert stopped_text in [element.value for element in app.warning]
    # The model stays usable: study it, and every page still draws.
    [use] = [button for button in app.button if button.key == "train_use_model"]
    use.click()
    rerun(app)
    assert app.session_state[state.SESSION_CHECKPOINT] is view.result.checkpoint
    for page in ("pages/encoder.py", "pages/cross.py", "pages/home.py"):
        app.switch_page(page)
        rerun(app)


def test_stopping_before_the_first_evaluation_offers_no_untrained_model(navigation_runs_the_entrypoint):
    app = start_app("en")
    app.switch_page("pages/train.py")
    rerun(app)
    click_train(app, "en", **TINY_FORM, steps=20_000)  # evaluates every 100 steps
    run = app.session_state[state.TRAIN_RUN]
    try:
        wait_until(lambda: run.view().step >= 5)
    finally:
        run.stop()
    assert run.join(TIMEOUT_S)
    view = run.view()
    assert view.result.checkpoint.metrics["best_step"] == 0
    rerun(app)
    expected = texts.text("train.stopped_before_evaluation", "en", steps=view.result.steps_done)
    assert any(expected in element.value for element in app.info)
    assert not [button for button in app.button if button.key == "train_use_model"]


def test_ctrl_c_in_the_training_cli_saves_the_best_model_so_far(tmp_path):
    out = tmp_path / "interrupted.safetensors"
    tiny = ["--d-model", "16", "--n-heads", "2", "--n-encoder-layers", "1", "--n-decoder-layers", "1", "--d-ff", "32"]
    process = subprocess.Popen(
        [sys.executable, "-m", "model.train", *tiny, "--steps", "20000", "--eval-every", "10", "--threads", "1",
         "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        first_report = process.stdout.readline()  # "step    10/20000 ...": training is under way
        assert first_report.startswith("step"), first_report + process.stderr.read()
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    done = stdout.splitlines()[-1]
    assert done.startswith("done: stopped by Ctrl-C after "), done
    steps = int(done.split("after ")[1].split()[0])
    assert 10 <= steps < 20000
    saved = load_checkpoint(out)
    assert saved.metrics["steps"] == steps and saved.metrics["best_step"] <= steps
    assert [item.name for item in tmp_path.iterdir()] == [out.name]  # no temporary file left behind
