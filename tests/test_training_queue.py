"""The server-wide training queue and the runs shared between learners (ui/training.py, issue 14 §1):

- first come, first served, each waiting learner with their place and an estimated start;
- Stop, another page or a closed tab give a place up;
- a run asked for again (same settings, seed, corpus, threads) is followed while it trains
  and replayed from its recording once finished, without training again; another seed, or
  "train anyway", trains; at most MAX_SHARED_RESULTS finished runs are kept (LRU);
- the number of slots: the usable CPUs (affinity mask, cgroup v2 and v1 quotas) minus one.
"""

import json
import time
from dataclasses import replace

import pytest

from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from model.user_corpus import parse_user_corpus
from tests.app_testing import wait_until
from ui import texts, training

TIMEOUT_S = 120
TINY_MODEL = ModelConfig(d_model=16, n_heads=2, n_encoder_layers=1, n_decoder_layers=1, d_ff=32)


def tiny(steps: int = 10, seed: int = 0) -> TrainConfig:
    return TrainConfig(steps=steps, batch_size=16, eval_every=5, snapshot_every=5, warmup_steps=2, threads=1, seed=seed)


@pytest.fixture(scope="module")
def small_corpus():
    pairs = build_corpus(0).train[:80]
    return parse_user_corpus("".join(f"{pair.korean}\t{pair.english}\n" for pair in pairs).encode())


@pytest.fixture
def trainings(monkeypatch):
    """Counts the trainings that really run (model.train.train calls) from here on."""
    calls = []
    real_train = training.train

    def counted(train_config, *args, **kwargs):
        calls.append(train_config.seed)
        return real_train(train_config, *args, **kwargs)

    monkeypatch.setattr(training, "train", counted)
    return calls


def done(learner: training.LearnerRun) -> training.RunView:
    assert learner.join(TIMEOUT_S), "the run did not end"
    return learner.view()


# --- the queue --------------------------------------------------------------------------------------


def test_estimated_start_takes_the_runs_ahead_first_come_first_served():
    assert training.estimated_start([], [], 1) == 0  # a free slot: now
    assert training.estimated_start([12.0], [], 1) == 12  # when the run training ends
    assert training.estimated_start([12.0], [8.0, 5.0], 1) == 25  # after it and the two ahead
    # Two slots, free in 10 s and 30 s; the run ahead (20 s) takes the first, so ours the second.
    assert training.estimated_start([10.0, 30.0], [20.0], 2) == 30
    # One slot is free: the run ahead takes it, ours follows it there, before the other slot frees.
    assert training.estimated_start([10.0], [4.0], 2) == 4
    assert training.estimated_start([10.0], [4.0, 4.0], 2) == 8


def test_waiting_learners_get_places_in_order_and_stop_gives_one_up(small_corpus):
    board = training.TrainingBoard(1)
    holder = board.request(tiny(20_000), TINY_MODEL, small_corpus)
    wait_until(lambda: holder.view().status == training.RUNNING and holder.view().step > 0)
    second, third, fourth = (board.request(tiny(10, seed), TINY_MODEL, small_corpus) for seed in (1, 2, 3))
    try:
        views = [learner.view() for learner in (second, third, fourth)]
        assert [view.status for view in views] == [training.WAITING] * 3
        assert [view.place for view in views] == [1, 2, 3]
        starts = [view.start_in_seconds for view in views]
        assert 0 < starts[0] < starts[1] < starts[2], starts
        assert holder.view().place is None and holder.view().start_in_seconds is None

        second.stop()  # gives the place up: the others move up
        wait_until(lambda: board.queue.counts() == (1, 2))
        assert second.view().status == training.STOPPED and second.view().result is None
        assert [third.view().place, fourth.view().place] == [1, 2]

        holder.stop()
        # First come, first served: the third learner's run trains, the fourth still waits for it.
        wait_until(lambda: third.view().status != training.WAITING)
        assert fourth.view().status == training.WAITING and fourth.view().place == 1
        assert done(third).status == training.DONE
        assert done(fourth).status == training.DONE
        assert done(second).result is None  # it never trained
        assert board.queue.counts() == (0, 0)
    finally:
        for learner in (holder, second, third, fourth):
            learner.stop()


def test_another_page_gives_a_waiting_place_up_but_not_a_running_training(small_corpus):
    board = training.TrainingBoard(1)
    holder = board.request(tiny(20_000), TINY_MODEL, small_corpus)
    wait_until(lambda: holder.view().status == training.RUNNING)
    waiting, staying = (board.request(tiny(10, seed), TINY_MODEL, small_corpus) for seed in (1, 2))
    try:
        training.leave_queue_unless_on("train", waiting)  # a rerun of the Train page itself keeps the place
        assert waiting.view().place == 1
        training.leave_queue_unless_on("encoder", waiting)
        training.leave_queue_unless_on("encoder", holder)  # training goes on while the learner reads
        wait_until(lambda: board.queue.counts() == (1, 1))
        assert staying.view().place == 1
        view = waiting.view()
        assert view.status == training.STOPPED and view.left_reason == training.LEFT_BY_PAGE
        assert training.left_message(view, "en") == texts.text("train.left_queue_page", "en")
        assert holder.view().status == training.RUNNING
    finally:
        for learner in (holder, waiting, staying):
            learner.stop()


def test_a_closed_tab_gives_a_waiting_place_up(small_corpus, monkeypatch):
    monkeypatch.setattr(training, "QUEUE_ABANDON_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(training, "ALIVE_CHECK_SECONDS", 0.0)
    board = training.TrainingBoard(1)
    holder = board.request(tiny(20_000), TINY_MODEL, small_corpus)
    closed = board.request(tiny(10, 1), TINY_MODEL, small_corpus, session_alive=lambda: False)
    try:
        wait_until(lambda: board.queue.counts()[1] == 0)
        assert closed.view().left_reason == training.LEFT_BY_CLOSING
        assert closed.job.view().status == training.STOPPED and closed.job.view().abandoned
        assert holder.view().active
    finally:
        holder.stop()


# --- shared runs ----------------------------------------------------------------------------------------


def test_an_identical_request_gets_the_first_runs_result_without_training(small_corpus, trainings):
    board = training.TrainingBoard(1)
    first = board.request(tiny(10), TINY_MODEL, small_corpus)
    follower = board.request(tiny(10), TINY_MODEL, small_corpus)  # asked for while the first waits or trains
    assert follower.job is first.job and follower.view().held_as == training.FOLLOWED
    assert follower.view().other_learners == 1
    result = done(first).result
    assert done(follower).result is result

    # Once finished: a replay of the recording, then the very same checkpoint; nothing trains.
    replay = board.request(tiny(10), TINY_MODEL, small_corpus)
    recorded = result.checkpoint.history[-1]["seconds"]
    replay.asked_at = time.monotonic() - min(training.REPLAY_SECONDS, recorded) / 2  # halfway through the playback
    playing = replay.view()
    assert playing.held_as == training.REPLAYED and playing.status == training.RUNNING
    assert playing.result is None and len(playing.history) < len(result.checkpoint.history)
    replayed = done(replay)
    assert replayed.status == training.DONE and replayed.result is result
    assert replayed.history == first.view().history
    assert replayed.shared_since == result.checkpoint.created_at
    assert trainings == [0]
    message = training.shared_message(replayed, "en", "UTC")
    assert message.startswith("This exact run (the same settings, seed, corpus and thread count) was trained")
    assert training.shared_message(first.view(), "en") is None  # their own run: nothing to say

    # Another seed trains; "train anyway" trains the same settings live.
    other_seed = board.request(tiny(10, seed=1), TINY_MODEL, small_corpus)
    assert other_seed.view().held_as == training.OWN and done(other_seed).result is not result
    anyway = board.request(tiny(10), TINY_MODEL, small_corpus, share=False)
    assert anyway.view().held_as == training.OWN and done(anyway).result is not result
    assert trainings == [0, 1, 0]
    # The same seed trains to the same weights: what makes sharing honest.
    torch_equal = [
        a.equal(b)
        for a, b in zip(
            result.checkpoint.model.state_dict().values(),
            anyway.view().result.checkpoint.model.state_dict().values(),
            strict=True,
        )
    ]
    assert all(torch_equal)


def test_a_learner_who_stops_a_shared_run_leaves_it_to_the_others(small_corpus):
    board = training.TrainingBoard(1)
    owner = board.request(tiny(20_000), TINY_MODEL, small_corpus)
    follower = board.request(tiny(20_000), TINY_MODEL, small_corpus)
    try:
        wait_until(lambda: owner.view().step > 0)
        owner.stop()
        view = owner.view()
        assert view.status == training.STOPPED and view.result is None and view.other_learners == 1
        assert training.left_message(view, "en") == texts.text("train.left_shared", "en", others=1)
        time.sleep(0.5)
        assert follower.view().status == training.RUNNING  # still training for the follower
        follower.stop()  # the last one: now the run itself stops, with the best model so far
        stopped = done(follower)
        assert stopped.status == training.STOPPED and stopped.result is not None
    finally:
        owner.stop(), follower.stop()
    assert board.shared_keys() == []  # a stopped run is not what its settings train to: not shared


def test_at_most_eight_finished_runs_are_kept_least_recently_used_first(small_corpus, trainings):
    board = training.TrainingBoard(1)
    runs = {seed: board.request(tiny(2, seed), TINY_MODEL, small_corpus) for seed in range(8)}
    for learner in runs.values():
        done(learner)
    assert len(board.shared_keys()) == 8 == training.MAX_SHARED_RESULTS
    assert done(board.request(tiny(2, 0), TINY_MODEL, small_corpus)).held_as == training.REPLAYED  # seed 0 used again
    done(board.request(tiny(2, 8), TINY_MODEL, small_corpus))  # a ninth: seed 1, the least recently used, goes
    keys = board.shared_keys()
    assert len(keys) == 8
    assert runs[1].job.key not in keys and runs[0].job.key in keys
    assert keys[-1] == board.request(tiny(2, 8), TINY_MODEL, small_corpus).job.key  # the newest, just used
    assert board.request(tiny(2, 1), TINY_MODEL, small_corpus).held_as == training.OWN  # trains again
    assert trainings[:9] == list(range(8)) + [8] and trainings[9:] == [1]


def test_run_key_changes_with_whatever_decides_the_result():
    config, model = TrainConfig(threads=1), ModelConfig()
    key = training.run_key(config, model, "corpus-a")
    assert training.run_key(TrainConfig(threads=1), ModelConfig(), "corpus-a") == key
    for other in (
        training.run_key(TrainConfig(threads=1, seed=1), model, "corpus-a"),
        training.run_key(TrainConfig(threads=2), model, "corpus-a"),
        training.run_key(config, ModelConfig(d_model=32), "corpus-a"),
        training.run_key(config, model, "corpus-b"),
    ):
        assert other != key


def test_a_shared_result_is_measured_weights_and_recordings(small_corpus):
    board = training.TrainingBoard(1)
    checkpoint = done(board.request(tiny(10), TINY_MODEL, small_corpus)).result.checkpoint
    weights = sum(tensor.numel() * tensor.element_size() for tensor in checkpoint.model.state_dict().values())
    size = training.shared_result_bytes(checkpoint)
    assert size > weights  # the snapshots (lists of floats) count too
    assert training.shared_result_bytes(checkpoint) == size  # measuring changes nothing
    checkpoint.snapshots = [*checkpoint.snapshots, json.loads(json.dumps(checkpoint.snapshots[-1]))]
    assert training.shared_result_bytes(checkpoint) > size


def test_waiting_message_says_place_and_start_in_both_languages():
    view = training.RunView(
        status=training.WAITING,
        step=0,
        total_steps=10,
        seconds=0,
        waited_seconds=4,
        history=[],
        snapshot=None,
        result=None,
        place=3,
        start_in_seconds=150,
    )
    english = training.waiting_message(view, "en", "Asia/Seoul")
    assert english.startswith("You are number 3 in the training queue (runs ahead of yours: 2).")
    assert "about 2 min" in english and "waiting 4 s so far" in english
    korean = training.waiting_message(view, "ko", None)
    assert korean.startswith("학습 대기열 3번째입니다. 앞선 학습 2개") and "약 2분 뒤" in korean and "UTC" in korean
    next_in_line = replace(view, place=1, start_in_seconds=30)
    assert training.waiting_message(next_in_line, "en").startswith("You are next in the training queue")


# --- how many slots ---------------------------------------------------------------------------------------


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_cgroup_v2_quota_along_the_path(tmp_path):
    write(tmp_path / "cpu.max", "max 100000\n")
    write(tmp_path / "app.slice" / "cpu.max", "150000 100000\n")
    write(tmp_path / "app.slice" / "learner" / "cpu.max", "max 100000\n")
    assert training.cgroup_cpu_limit(tmp_path, "0::/app.slice/learner\n") == 1.5  # the parent's quota holds
    assert training.usable_cpus(4, tmp_path, "0::/app.slice/learner\n") == 1.5
    assert training.usable_cpus(1, tmp_path, "0::/app.slice/learner\n") == 1.0  # the affinity mask is smaller
    write(tmp_path / "app.slice" / "learner" / "cpu.max", "50000 100000\n")
    assert training.cgroup_cpu_limit(tmp_path, "0::/app.slice/learner\n") == 0.5  # a fraction of one CPU


def test_cgroup_v2_in_a_container_and_without_a_quota(tmp_path):
    # A container sees its own cgroup at the mount point; the path in /proc/self/cgroup may not exist inside.
    write(tmp_path / "cpu.max", "200000 100000\n")
    assert training.cgroup_cpu_limit(tmp_path, "0::/kubepods/burstable/pod42/abc\n") == 2.0
    write(tmp_path / "cpu.max", "max 100000\n")
    assert training.cgroup_cpu_limit(tmp_path, "0::/\n") is None
    assert training.usable_cpus(8, tmp_path, "0::/\n") == 8
    assert training.cgroup_cpu_limit(tmp_path / "missing", "0::/\n") is None
    write(tmp_path / "cpu.max", "garbage\n")
    assert training.cgroup_cpu_limit(tmp_path, "0::/\n") is None


def test_cgroup_v1_cfs_quota(tmp_path):
    self_cgroup = "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n"
    write(tmp_path / "cpu,cpuacct" / "docker" / "abc" / "cpu.cfs_quota_us", "250000\n")
    write(tmp_path / "cpu,cpuacct" / "docker" / "abc" / "cpu.cfs_period_us", "100000\n")
    assert training.cgroup_cpu_limit(tmp_path, self_cgroup) == 2.5
    write(tmp_path / "cpu,cpuacct" / "docker" / "abc" / "cpu.cfs_quota_us", "-1\n")  # no quota
    assert training.cgroup_cpu_limit(tmp_path, self_cgroup) is None
    write(tmp_path / "cpu" / "cpu.cfs_quota_us", "50000\n")  # a v1 "cpu" mount, quota at its root
    write(tmp_path / "cpu" / "cpu.cfs_period_us", "100000\n")
    assert training.cgroup_cpu_limit(tmp_path, "1:cpu:/\n") == 0.5
    assert training.cgroup_cpu_limit(tmp_path, "1:memory:/\n") is None  # no CPU controller named


def test_slots_are_the_usable_cpus_minus_one_for_the_pages(tmp_path):
    assert [training.slot_count(cpus) for cpus in (0.5, 1, 1.5, 2, 2.5, 3, 4, 8)] == [1, 1, 1, 1, 1, 2, 3, 7]
    write(tmp_path / "cpu.max", "300000 100000\n")
    assert training.slot_count(training.usable_cpus(8, tmp_path, "0::/\n")) == 2
    assert training.threads_per_run() == 1
    assert training.slot_count() == max(1, int(training.machine_usable_cpus()) - 1)
