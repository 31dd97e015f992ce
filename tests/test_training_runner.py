"""The background training runner (ui/training.py): a thread, progress, Stop, failures, abandoned
sessions, and the helpers the Train page draws with. tests/test_training_queue.py covers the
server-wide queue, shared runs and the slot count."""

import threading
import time

import pytest

from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.decoding import exact_match, translate
from model.user_corpus import UserCorpus, parse_user_corpus
from tests.app_testing import wait_until
from ui import training

TIMEOUT_S = 120
TINY_MODEL = ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32)


def tiny_train_config(steps: int = 30, seed: int = 0) -> TrainConfig:
    return TrainConfig(
        steps=steps, batch_size=16, eval_every=10, snapshot_every=5, warmup_steps=5, threads=1, seed=seed
    )


@pytest.fixture(scope="module")
def small_corpus():
    pairs = build_corpus(0).train[:80]
    return parse_user_corpus("".join(f"{pair.korean}\t{pair.english}\n" for pair in pairs).encode())


def finish(run: training.TrainingRun) -> training.RunView:
    assert run.join(TIMEOUT_S), "the training thread did not end"
    return run.view()


def test_run_trains_in_a_thread_and_reports_progress(small_corpus):
    reports = []
    run = training.TrainingRun(tiny_train_config(30), TINY_MODEL, corpus=small_corpus, queue=training.TrainingQueue(1))
    original = run._on_progress
    run._on_progress = lambda progress: (reports.append(progress.step), original(progress))
    run.start()
    assert run._thread is not threading.current_thread() and run._thread.daemon
    view = finish(run)
    assert view.status == training.DONE and not view.active
    assert reports == [5, 10, 15, 20, 25, 30]
    assert [entry["step"] for entry in view.history] == [10, 20, 30]
    assert view.step == view.total_steps == 30 and view.fraction == 1.0
    assert view.snapshot is not None and view.snapshot["step"] == 30
    assert view.result.steps_done == 30
    assert translate(view.result.checkpoint, small_corpus.train[0].korean).translation  # a usable model


def test_stop_ends_early_with_the_best_model_so_far(small_corpus):
    run = training.TrainingRun(
        tiny_train_config(5_000), TINY_MODEL, corpus=small_corpus, queue=training.TrainingQueue(1)
    ).start()
    wait_until(lambda: run.view().step >= 10)
    assert run.view().status == training.RUNNING and run.view().eta_seconds > 0
    run.stop()
    view = finish(run)
    assert view.status == training.STOPPED
    assert 10 <= view.result.steps_done < 5_000
    assert view.result.stopped
    checkpoint = view.result.checkpoint
    assert checkpoint.metrics["steps"] == view.result.steps_done
    assert checkpoint.metrics["best_step"] in [entry["step"] for entry in view.history]
    # The kept model is the evaluated best one: its recorded validation score is what it does.
    vocabularies = (checkpoint.source_vocabulary, checkpoint.target_vocabulary)
    assert checkpoint.metrics["valid_exact_match"] == exact_match(checkpoint.model, small_corpus.valid, *vocabularies)


def test_runs_keep_their_own_models(small_corpus):
    queue = training.TrainingQueue(2)
    first = training.TrainingRun(tiny_train_config(10, seed=1), TINY_MODEL, corpus=small_corpus, queue=queue)
    second = training.TrainingRun(tiny_train_config(10, seed=2), TINY_MODEL, corpus=small_corpus, queue=queue)
    first.start(), second.start()
    first_model = finish(first).result.checkpoint.model
    second_model = finish(second).result.checkpoint.model
    assert first_model is not second_model
    first_weights, second_weights = first_model.state_dict(), second_model.state_dict()
    assert any(not first_weights[name].equal(second_weights[name]) for name in first_weights)


def test_a_second_run_waits_for_the_only_slot_and_says_so(small_corpus):
    queue = training.TrainingQueue(1)
    first = training.TrainingRun(tiny_train_config(5_000), TINY_MODEL, corpus=small_corpus, queue=queue).start()
    wait_until(lambda: first.view().status == training.RUNNING)
    second = training.TrainingRun(tiny_train_config(10), TINY_MODEL, corpus=small_corpus, queue=queue).start()
    time.sleep(1.0)
    waiting = second.view()
    assert waiting.status == training.WAITING and waiting.active
    assert waiting.waited_seconds > 0.5 and waiting.step == 0
    assert queue.place(second) == 1 and queue.place(first) is None
    first.stop()
    assert finish(first).status == training.STOPPED
    assert finish(second).status == training.DONE  # it took the freed slot
    assert queue.counts() == (0, 0)  # and gave it back


def test_stop_while_waiting_leaves_no_model(small_corpus):
    queue = training.TrainingQueue(1)
    holder = training.TrainingRun(tiny_train_config(5_000), TINY_MODEL, corpus=small_corpus, queue=queue).start()
    run = training.TrainingRun(tiny_train_config(10), TINY_MODEL, corpus=small_corpus, queue=queue).start()
    time.sleep(0.5)
    run.stop()
    view = finish(run)
    assert view.status == training.STOPPED and view.result is None
    assert queue.counts() == (1, 0)  # out of the line; the holder still trains
    holder.stop()
    finish(holder)


def test_a_failure_becomes_a_status_not_an_exception(small_corpus):
    empty = UserCorpus(train=(), valid=(), test=())  # no words: the model cannot be built
    queue = training.TrainingQueue(1)
    run = training.TrainingRun(tiny_train_config(10), TINY_MODEL, corpus=empty, queue=queue).start()
    view = finish(run)
    assert view.status == training.FAILED
    assert view.error_code == "bad_input" and view.error_message
    assert view.result is None
    assert queue.counts() == (0, 0)  # the slot was released


def test_a_closed_session_stops_its_run(small_corpus, monkeypatch):
    monkeypatch.setattr(training, "ABANDON_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(training, "ALIVE_CHECK_SECONDS", 0.0)
    board = training.TrainingBoard(1)
    learner = board.request(tiny_train_config(5_000), TINY_MODEL, small_corpus, session_alive=lambda: False)
    assert learner.join(TIMEOUT_S)
    view = learner.job.view()
    assert view.status == training.STOPPED and view.abandoned
    assert view.result.steps_done < 5_000
    assert learner.view().left_reason == training.LEFT_BY_CLOSING


def test_training_runs_at_a_lower_priority_than_the_pages(small_corpus, monkeypatch):
    """The training thread is niced (Linux: per thread), so page runs get a shared CPU first."""
    import os

    seen = {}
    real_train = training.train

    def recording_train(*args, **kwargs):
        seen["training"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return real_train(*args, **kwargs)

    monkeypatch.setattr(training, "train", recording_train)
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    run = training.TrainingRun(tiny_train_config(5), TINY_MODEL, corpus=small_corpus, queue=training.TrainingQueue(1))
    assert finish(run.start()).status == training.DONE
    assert seen["training"] == min(19, before + training.TRAINING_NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # this thread untouched


def test_error_codes():
    assert training.error_code_of(MemoryError()) == "out_of_memory"
    assert training.error_code_of(RuntimeError("DefaultCPUAllocator: not enough memory")) == "out_of_memory"
    assert training.error_code_of(ValueError("source_vocab_size must be between 5 and 20000")) == "bad_input"
    assert training.error_code_of(RuntimeError("something else")) == "other"


# --- helpers of the page -------------------------------------------------------------------------


def test_schedule_evaluates_about_ten_times_and_snapshots_the_last_step():
    assert training.schedule_for(1500) == (100, 50)
    assert training.schedule_for(150) == (15, 6)  # 7 would miss step 150
    assert training.schedule_for(20) == (10, 1)
    for steps in (1, 7, 97, 150, 300, 1000, 20_000):
        eval_every, snapshot_every = training.schedule_for(steps)
        assert 10 <= eval_every <= 100 and 1 <= snapshot_every <= 50


def test_config_problems_name_the_field_and_its_bounds():
    problems = training.config_problems(TrainConfig(), ModelConfig(d_model=30, n_heads=4))
    assert problems == [("train.problem_divisible", {"d_model": 30, "n_heads": 4})]
    problems = training.config_problems(TrainConfig(steps=0), ModelConfig(d_model=1000))
    assert ("train.problem_range", {"field": "d_model", "low": 8, "high": 256, "value": 1000}) in problems
    assert ("train.problem_range", {"field": "steps", "low": 1, "high": 20_000, "value": 0}) in problems
    assert training.config_problems(TrainConfig(), ModelConfig()) == []


def test_probe_sentence_is_kept_when_known_else_the_corpus_first(small_corpus):
    generated = build_corpus(0)
    assert training.probe_sentence_for(generated, "나는 학생이다") == "나는 학생이다"
    assert training.probe_sentence_for(None, "나는 학생이다") == "나는 학생이다"
    unknown = parse_user_corpus("".join(f"고양이{i}가 잔다\tcat {i} sleeps\n" for i in range(30)).encode())
    assert training.probe_sentence_for(unknown, "나는 학생이다") == unknown.train[0].korean


def test_corpus_tables():
    frame = training.generated_corpus_frame.__wrapped__(0)
    corpus = build_corpus(0)
    assert len(frame) == len(corpus.train) + len(corpus.valid) + len(corpus.test)
    counts = training.construction_counts(frame)
    assert list(counts.columns) == ["train", "valid", "test", "total"]
    assert counts["total"].sum() == len(frame)
    assert counts.loc["copula", "train"] == sum(pair.construction == "copula" for pair in corpus.train)
    apples = training.filter_pairs(frame, "test", "APPLE")
    assert len(apples) > 0 and apples["english"].str.contains("apple").all()
    assert training.filter_pairs(frame, "valid", "").shape[0] == len(corpus.valid)
    assert training.filter_pairs(frame, "train", "(").empty  # literal, not a regular expression


def test_cross_attention_frame_labels_rows_by_the_produced_token(small_corpus):
    run = training.TrainingRun(tiny_train_config(5), TINY_MODEL, corpus=small_corpus, queue=training.TrainingQueue(1))
    run.start()
    snapshot = finish(run).snapshot
    frame = training.cross_attention_frame(snapshot)
    assert set(frame["kind"]) == {"cross"}
    first_row = frame[(frame["layer"] == 0) & (frame["head"] == 0) & (frame["query_pos"] == 0)]
    assert list(first_row["key_token"]) == snapshot["source_tokens"]
    assert set(first_row["query_token"]) == {snapshot["output_tokens"][0]}
    assert abs(first_row["weight"].sum() - 1) < 1e-3
