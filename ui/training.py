"""Training in the background for the Train page: a server-wide queue, runs shared between
learners, one thread per run, a progress object the page polls.

Streamlit reruns a page on every click, so training cannot run inside the script: it runs
in a `TrainingRun`'s own thread, which calls model.train.train (a callback for every report
and a stop check before every step, neither knowing Streamlit) and writes every report into
the run under a lock. A session keeps a `LearnerRun`, its learner's hold on a run, and the
page reads `learner_run.view()` (a consistent copy) from a fragment that reruns every second;
a rerun, a page switch or another click never touches the thread.

A class shares one server, so the server keeps one `TrainingBoard` (`training_board()`):

- Slots and the queue. `slot_count()` runs train at once: the CPUs this process may really
  use (`usable_cpus`: the affinity mask and the cgroup's CPU quota, whichever is smaller)
  minus one for serving pages, at least one; each run uses one torch thread. The other runs
  wait in a `TrainingQueue`, first come, first served; a waiting learner sees their place
  and an estimated start (from what runs took on this server), redrawn every second.
- Shared runs. Training is deterministic for (model config, train config with its seed and
  thread count, corpus fingerprint): `run_key`. A request whose key is waiting or running
  on this server follows that run; one whose key finished here gets that run's checkpoint,
  curves and snapshots, played back as they were recorded (at most `MAX_SHARED_RESULTS`
  finished runs are kept, the least recently used goes first). "Train anyway" (`share=False`)
  always starts a run of its own.
- Giving a run up. Stop, opening another page while waiting (`leave_queue_unless_on`) or a
  closed tab (the session gone `QUEUE_ABANDON_AFTER_SECONDS` while waiting,
  `ABANDON_AFTER_SECONDS` while training) end a learner's hold; a run ends when no learner
  holds it any more, which frees its place or slot. A learner who stops a run that others
  still follow leaves it to them.

A finished model belongs to the learners of its run: it lives only in the run objects (and,
for sharing, in the board's few kept runs), never in a cache every session reads.
"""

import functools
import hashlib
import heapq
import json
import math
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from model.config import MAX_PARAMETERS, ModelConfig, TrainConfig
from model.corpus import SPLITS, build_corpus
from model.tokenizer import split_korean
from model.train import Progress, TrainResult, train
from model.user_corpus import CorpusFileError, UserCorpus, parse_user_corpus
from ui import frames, texts

WAITING, RUNNING, DONE, STOPPED, FAILED = "waiting", "running", "done", "stopped", "failed"
ACTIVE_STATUSES = (WAITING, RUNNING)
# How a learner holds a run: their own, one another learner started (followed live), a finished one (replayed).
OWN, FOLLOWED, REPLAYED = "own", "followed", "replayed"
# Why a learner gave a run up.
LEFT_BY_STOP, LEFT_BY_PAGE, LEFT_BY_CLOSING = "stop", "page", "closed"

SLOT_POLL_SECONDS = 0.2  # how often a waiting run checks for a free slot (and whether anyone still wants it)
ALIVE_CHECK_SECONDS = 1.0  # how often a learner's browser session is asked whether it is still connected
ABANDON_AFTER_SECONDS = 60.0  # training: a session gone this long (tab closed) gives the run up; a reconnect is faster
QUEUE_ABANDON_AFTER_SECONDS = 10.0  # waiting: a closed tab gives its place up sooner, so the queue moves
MAX_SHARED_RESULTS = 8  # finished runs kept for sharing; 1.25 MB each with the default settings (README)
REPLAY_SECONDS = 6.0  # a finished run's recording plays back in at most this long (its own length if shorter)
TRAIN_PAGE = "train"  # the url path of the Train page (ui.sidebar.PAGES)
THREADS_PER_RUN = 1
# A training thread yields the CPU to the threads serving pages: on a 1-CPU server (Community Cloud)
# both share one core, and a learner clicking through pages should not wait behind a training step.
TRAINING_NICENESS = 10

CGROUP_ROOT = Path("/sys/fs/cgroup")
SELF_CGROUP = Path("/proc/self/cgroup")
# The queue's first estimates, before a run on this server has measured its speed: seconds of one
# step per (parameter x sentence pair of the batch), and the final evaluation of valid and test.
# Measured with the default settings (254k parameters, batches of 64, one thread): ~0.02 s a step.
DEFAULT_STEP_SECONDS_PER_UNIT = 0.02 / (254_000 * 64)
DEFAULT_FINISH_SECONDS = 2.0


# --- how many trainings at once -------------------------------------------------------------------


def _cpu_max_limit(directory: Path) -> float | None:
    """CPUs allowed by a cgroup v2 `cpu.max` ("<quota> <period>" in microseconds, or "max <period>")."""
    try:
        quota, period = (directory / "cpu.max").read_text().split()[:2]
        return int(quota) / int(period) if quota != "max" and int(quota) > 0 and int(period) > 0 else None
    except (OSError, ValueError):
        return None


def _cfs_limit(directory: Path) -> float | None:
    """CPUs allowed by cgroup v1's `cpu.cfs_quota_us` / `cpu.cfs_period_us` (a quota of -1 means none)."""
    try:
        quota = int((directory / "cpu.cfs_quota_us").read_text())
        period = int((directory / "cpu.cfs_period_us").read_text())
        return quota / period if quota > 0 and period > 0 else None
    except (OSError, ValueError):
        return None


def cgroup_cpu_limit(cgroup_root: Path, self_cgroup: str) -> float | None:
    """The smallest CPU quota of the cgroups this process is in, in CPUs (0.5 = half a CPU); None if none.

    `self_cgroup` is the text of /proc/self/cgroup: lines "<id>:<controllers>:<path>", where
    "0::<path>" is the cgroup v2 hierarchy (mounted at `cgroup_root`, or at
    `cgroup_root`/unified next to v1) and a line whose controllers include "cpu" is v1's
    CPU controller (mounted at `cgroup_root`/cpu or /cpu,cpuacct). A quota holds for the
    cgroup and everything below it, so every directory from the process's own cgroup up to
    the mount point counts; inside a container the path may name directories it cannot
    see, and then the mount point (the container's own cgroup) is what remains.
    """
    limits = []
    for line in self_cgroup.splitlines():
        parts = line.strip().split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            mounts, read = (cgroup_root, cgroup_root / "unified"), _cpu_max_limit
        elif "cpu" in controllers.split(","):
            mounts, read = (cgroup_root / "cpu", cgroup_root / "cpu,cpuacct", cgroup_root / "cpuacct,cpu"), _cfs_limit
        else:
            continue
        steps = Path(path.strip("/")).parts
        for mount in mounts:
            for depth in range(len(steps), -1, -1):
                limit = read(mount.joinpath(*steps[:depth]))
                if limit is not None:
                    limits.append(limit)
    return min(limits) if limits else None


def usable_cpus(affinity: int, cgroup_root: Path, self_cgroup: str) -> float:
    """CPUs the process may really use: its affinity mask's size, or the cgroup quota if that is smaller."""
    limit = cgroup_cpu_limit(cgroup_root, self_cgroup)
    return min(float(affinity), limit) if limit is not None else float(affinity)


def machine_usable_cpus() -> float:
    """`usable_cpus` of this process, read from the affinity mask, /proc/self/cgroup and /sys/fs/cgroup."""
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        affinity = os.cpu_count() or 1
    try:
        self_cgroup = SELF_CGROUP.read_text()
    except OSError:
        self_cgroup = ""
    return usable_cpus(affinity, CGROUP_ROOT, self_cgroup)


def cpu_count() -> int:
    """Whole CPUs this process may use (a quota of half a CPU counts as one)."""
    return max(1, math.ceil(machine_usable_cpus()))


def slot_count(cpus: float | None = None) -> int:
    """Concurrent trainings per server: the usable CPUs minus one for the pages, at least one."""
    cpus = machine_usable_cpus() if cpus is None else cpus
    return max(1, math.floor(cpus) - 1)


def threads_per_run(cpus: float | None = None) -> int:
    """Torch threads of one run: one, so the runs together leave a CPU to the pages.

    More threads per run do not pay on a small shared CPU: measured on the 2-core
    development machine under load, 30 steps took 2-5 s with one thread and 3-60 s with
    two (the second thread waits for a core).
    """
    return THREADS_PER_RUN


def probe_sentence_for(corpus, preferred: str) -> str:
    """`preferred` when every one of its tokens occurs in the corpus's training split, else its first sentence.

    The trainer records the attention of this sentence; on an uploaded corpus the
    default 나는 학생이다 may be all unknown words, which would say nothing.
    """
    if corpus is None or not corpus.train:
        return preferred
    known = {token for pair in corpus.train for token in pair.korean_tokens}
    tokens = split_korean(preferred, known)
    return preferred if tokens and set(tokens) <= known else corpus.train[0].korean


@functools.lru_cache(maxsize=1)
def generated_corpus(seed: int):
    """The generated corpus of `seed`, built once (about 2 s) for every run and its key."""
    return build_corpus(seed)


def run_key(train_config: TrainConfig, model_config: ModelConfig, corpus_fingerprint: str) -> str:
    """What decides a run's result, hashed: equal keys train to the same weights, curves and snapshots.

    The train config holds the seed and the thread count (float sums depend on it); the
    corpus enters by its fingerprint (model.corpus: a hash of every pair of every split).
    """
    decided_by = {"model": asdict(model_config), "train": asdict(train_config), "corpus": corpus_fingerprint}
    return hashlib.sha256(json.dumps(decided_by, sort_keys=True).encode()).hexdigest()


# --- what the page draws -------------------------------------------------------------------------


@dataclass
class RunView:
    """A consistent copy of a run's state as one learner sees it, for drawing."""

    status: str  # WAITING | RUNNING | DONE | STOPPED | FAILED
    step: int
    total_steps: int
    seconds: float  # seconds of training so far (waiting not counted)
    waited_seconds: float  # seconds spent waiting for a slot
    history: list[dict]  # one dict per evaluation: step, train_loss, valid_loss, valid_exact_match, ...
    snapshot: dict | None  # the latest attention snapshot of the probe sentence
    result: TrainResult | None  # set when DONE or STOPPED after at least the first step
    running_since: float | None = None  # time.monotonic() when the run got its slot
    error_code: str = ""  # when FAILED: "out_of_memory", "bad_input" or "other"
    error_message: str = ""
    abandoned: bool = False  # stopped because every learner's browser session went away
    place: int | None = None  # when WAITING: 1 for the next run to start
    start_in_seconds: float | None = None  # when WAITING: estimated seconds until it starts
    held_as: str = OWN  # OWN | FOLLOWED | REPLAYED
    shared_since: str = ""  # FOLLOWED: when the run was asked for; REPLAYED: when it finished (ISO, UTC)
    other_learners: int = 0  # learners besides this one who hold the same run
    left_reason: str = ""  # LEFT_BY_*: this learner gave the run up (and, if others hold it, left it to them)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def fraction(self) -> float:
        return min(1.0, self.step / self.total_steps) if self.total_steps else 0.0

    @property
    def elapsed_seconds(self) -> float:
        """Wall-clock seconds since the run got its slot (the trainer reports only every few steps)."""
        if self.running_since is None:
            return 0.0
        return self.seconds if not self.active else max(self.seconds, time.monotonic() - self.running_since)

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the speed so far; None before the first report."""
        if self.status != RUNNING or self.step == 0:
            return None
        return self.seconds / self.step * (self.total_steps - self.step)


def error_code_of(error: BaseException) -> str:
    """A code for the UI's message: what went wrong, in words a learner can act on."""
    if isinstance(error, MemoryError) or "memory" in str(error).lower():
        return "out_of_memory"
    if isinstance(error, (ValueError, KeyError, IndexError)):
        return "bad_input"
    return "other"


def duration_text(seconds: float, language: str) -> str:
    """A duration as "40 s" or "3 min" ("40초", "3분"): whole seconds below two minutes, else whole minutes."""
    if seconds < 120:
        return texts.text("train.duration_seconds", language, seconds=max(0, round(seconds)))
    return texts.text("train.duration_minutes", language, minutes=round(seconds / 60))


def clock_text(moment: datetime, timezone: str | None) -> str:
    """`moment` as HH:MM in the learner's time zone (st.context.timezone), or in UTC, saying so."""
    if timezone:
        try:
            return moment.astimezone(ZoneInfo(timezone)).strftime("%H:%M")
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.astimezone(UTC).strftime("%H:%M UTC")


def waiting_message(view: RunView, language: str, timezone: str | None = None) -> str:
    """What a waiting learner reads: their place, who is ahead, when their run should start."""
    slots = texts.text("train.queue_slots", language, slots=slot_count())
    if view.place is None or view.start_in_seconds is None:
        return texts.text("train.waiting", language, seconds=f"{view.waited_seconds:.0f}", slots=slot_count())
    start = datetime.now(UTC).timestamp() + view.start_in_seconds
    return texts.text(
        "train.queue_next" if view.place == 1 else "train.queue_place",
        language,
        place=view.place,
        ahead=view.place - 1,
        wait=duration_text(view.start_in_seconds, language),
        clock=clock_text(datetime.fromtimestamp(start, UTC), timezone),
        seconds=f"{view.waited_seconds:.0f}",
    ) + (" " + slots)


def shared_message(view: RunView, language: str, timezone: str | None = None) -> str | None:
    """For a run this learner did not start: that this exact run was trained here, when; None for their own."""
    if view.held_as == OWN or view.left_reason or not view.shared_since:
        return None
    moment = datetime.fromisoformat(view.shared_since)
    fields = {
        "clock": clock_text(moment, timezone),
        "ago": duration_text((datetime.now(UTC) - moment).total_seconds(), language),
        "others": view.other_learners,
    }
    return texts.text(
        "train.shared_replayed" if view.held_as == REPLAYED else "train.shared_followed", language, **fields
    )


def left_message(view: RunView, language: str) -> str | None:
    """Why this learner has no run any more: they gave their place or their share up; None otherwise."""
    if not view.left_reason or view.result is not None:
        return None
    if view.other_learners:
        return texts.text("train.left_shared", language, others=view.other_learners)
    if view.left_reason == LEFT_BY_STOP:
        return None  # the page says "stopped before the first step"
    return texts.text(f"train.left_queue_{view.left_reason}", language)


# --- the server's queue ---------------------------------------------------------------------------


class SpeedBook:
    """How long runs took on this server, for the queue's estimates (the machine and its load decide)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._step_seconds_per_unit = DEFAULT_STEP_SECONDS_PER_UNIT
        self._finish_seconds = DEFAULT_FINISH_SECONDS
        self._durations: dict[str, float] = {}  # settings (everything but the seed) -> seconds a finished run took

    @staticmethod
    def units(run: "TrainingRun") -> int:
        """The work of one step: parameters times sentence pairs per batch."""
        return run.model_config.parameter_count() * run.train_config.batch_size

    @staticmethod
    def settings_key(run: "TrainingRun") -> str:
        return run_key(replace(run.train_config, seed=0), run.model_config, run.corpus_fingerprint)

    def record(self, run: "TrainingRun", steps: int, train_seconds: float, total_seconds: float, finished: bool):
        if steps <= 0:
            return
        with self._lock:
            self._step_seconds_per_unit = train_seconds / steps / self.units(run)
            self._finish_seconds = max(0.0, total_seconds - train_seconds)
            if finished:  # early stops at the target make a run shorter than its steps say: keep what it took
                self._durations[self.settings_key(run)] = total_seconds

    def expected_seconds(self, run: "TrainingRun") -> float:
        """Seconds from getting a slot to the end, for a run that has not started."""
        with self._lock:
            known = self._durations.get(self.settings_key(run))
            if known is not None:
                return known
            return run.train_config.steps * self.units(run) * self._step_seconds_per_unit + self._finish_seconds

    def remaining_seconds(self, run: "TrainingRun") -> float:
        """Seconds until a running run ends: what a finished run of its settings took, else its own speed so
        far (which assumes every planned step: a run that reaches its target stops sooner), else the estimate."""
        view = run.view()
        with self._lock:
            known = self._durations.get(self.settings_key(run))
        if known is not None:
            return max(0.0, known - view.elapsed_seconds)
        if view.step > 0 and view.seconds > 0:
            with self._lock:
                finish = self._finish_seconds
            return view.seconds / view.step * (view.total_steps - view.step) + finish
        return max(0.0, self.expected_seconds(run) - view.elapsed_seconds)


def estimated_start(slot_free_in: list[float], ahead: list[float], slots: int) -> float:
    """Seconds until a waiting run starts: `slots` slots, the running runs' remaining seconds
    `slot_free_in`, and the expected seconds of each run ahead of it, taken first come, first served."""
    free_at = sorted(slot_free_in)[:slots] + [0.0] * max(0, slots - len(slot_free_in))
    heapq.heapify(free_at)
    for seconds in ahead:
        heapq.heappush(free_at, heapq.heappop(free_at) + seconds)
    return free_at[0]


class TrainingQueue:
    """The server's training slots, handed out first come, first served.

    A run joins when it is asked for (so its place is known at once), waits in
    `wait_for_slot` until it is first in line and a slot is free, and `release`s the slot
    when it ends; a run whose learners all gave it up leaves the line.
    """

    def __init__(self, slots: int):
        self.slots = slots
        self.speed = SpeedBook()
        self._condition = threading.Condition()
        self._waiting: list[TrainingRun] = []
        self._running: list[TrainingRun] = []

    def join(self, run: "TrainingRun") -> None:
        with self._condition:
            self._waiting.append(run)

    def wait_for_slot(self, run: "TrainingRun", give_up: Callable[[], bool]) -> bool:
        """Block until `run` holds a slot (True), or until `give_up()` says so (False, out of the line)."""
        with self._condition:
            while True:
                if run not in self._waiting:  # it left the line (`leave`)
                    return False
                if give_up():
                    self._waiting.remove(run)
                    self._condition.notify_all()
                    return False
                if self._waiting[0] is run and len(self._running) < self.slots:
                    self._waiting.pop(0)
                    self._running.append(run)
                    self._condition.notify_all()
                    return True
                self._condition.wait(SLOT_POLL_SECONDS)

    def leave(self, run: "TrainingRun") -> bool:
        """Take a waiting `run` out of the line now (the places behind it move up at once); False if it was not in it."""
        with self._condition:
            if run not in self._waiting:
                return False
            self._waiting.remove(run)
            self._condition.notify_all()
            return True

    def release(self, run: "TrainingRun") -> None:
        with self._condition:
            self._running.remove(run)
            self._condition.notify_all()

    def place(self, run: "TrainingRun") -> int | None:
        """1 for the next run to get a slot; None when `run` is not waiting."""
        with self._condition:
            return self._waiting.index(run) + 1 if run in self._waiting else None

    def counts(self) -> tuple[int, int]:
        """(runs training, runs waiting)."""
        with self._condition:
            return len(self._running), len(self._waiting)

    def estimated_start_seconds(self, run: "TrainingRun") -> float | None:
        """Seconds until `run` should get its slot; None when it is not waiting."""
        with self._condition:
            if run not in self._waiting:
                return None
            running, ahead = list(self._running), self._waiting[: self._waiting.index(run)]
        return estimated_start(
            [self.speed.remaining_seconds(other) for other in running],
            [self.speed.expected_seconds(other) for other in ahead],
            self.slots,
        )


# --- one training, and one learner's hold on it -----------------------------------------------------


@dataclass(eq=False)
class TrainingRun:
    """One training in its own thread. Create, `start()`, poll `view()`, `stop()` at will.

    Its learners (`LearnerRun`s, see `TrainingBoard.request`) decide how long it lives: when
    all of them have given it up it stops (waiting: it leaves the queue). A run without
    learners runs until it ends or `stop()`.
    """

    train_config: TrainConfig
    model_config: ModelConfig
    corpus: object = None  # None: the generated corpus of train_config.corpus_seed
    queue: TrainingQueue | None = None  # None: the server-wide training_board().queue
    on_end: Callable[["TrainingRun"], None] | None = None  # called once from the thread when it ends
    asked_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _view: RunView | None = field(default=None, repr=False)
    _learners: list = field(default_factory=list, repr=False)

    def __post_init__(self):
        if self.corpus is None:
            self.corpus = generated_corpus(self.train_config.corpus_seed)
        if self.queue is None:
            self.queue = training_board().queue
        self.corpus_fingerprint = self.corpus.fingerprint()
        self.key = run_key(self.train_config, self.model_config, self.corpus_fingerprint)
        self._view = RunView(
            status=WAITING,
            step=0,
            total_steps=self.train_config.steps,
            seconds=0.0,
            waited_seconds=0.0,
            history=[],
            snapshot=None,
            result=None,
        )

    def start(self) -> "TrainingRun":
        if self._thread is not None:
            raise RuntimeError("a TrainingRun starts once")
        self.queue.join(self)  # its place in line is taken now, not when the thread gets going
        self._thread = threading.Thread(target=self._run, name="attention-lab-training", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the run to end after its current step, or to leave the queue at once; the best model so far is kept."""
        self._stop.set()
        if self.queue.leave(self):
            self._update(status=STOPPED)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True when it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is not None and not self._thread.is_alive()

    def view(self) -> RunView:
        with self._lock:
            return replace(self._view, history=list(self._view.history))

    @property
    def active(self) -> bool:
        return self.view().active

    def add_learner(self, learner: "LearnerRun") -> bool:
        """Let `learner` hold this run; False when it is ending or over (then it cannot be followed)."""
        with self._lock:
            if self._stop.is_set() or self._view.status not in ACTIVE_STATUSES:
                return False
            self._learners.append(learner)
            return True

    def learners(self) -> list["LearnerRun"]:
        with self._lock:
            return list(self._learners)

    def _update(self, **changes) -> None:
        with self._lock:
            self._view = replace(self._view, **changes)

    def _should_stop(self) -> bool:
        if self._stop.is_set():
            return True
        learners = self.learners()
        if learners and not any(learner.holds() for learner in learners):
            self._update(abandoned=all(learner.left_reason == LEFT_BY_CLOSING for learner in learners))
            self._stop.set()
            return True
        return False

    def _on_progress(self, progress: Progress) -> None:
        with self._lock:
            history = self._view.history
            if progress.valid_loss is not None:
                history = [*history, {k: v for k, v in vars(progress).items() if k != "snapshot"}]
            self._view = replace(
                self._view,
                status=RUNNING,
                step=progress.step,
                seconds=progress.seconds,
                history=history,
                snapshot=progress.snapshot if progress.snapshot is not None else self._view.snapshot,
            )

    def _run(self) -> None:
        waiting_since = time.monotonic()

        def give_up() -> bool:
            self._update(waited_seconds=time.monotonic() - waiting_since)
            return self._should_stop()

        try:
            if not self.queue.wait_for_slot(self, give_up):
                self._update(status=STOPPED)
                return
            self._train(time.monotonic(), waiting_since)
        finally:
            if self.on_end is not None:
                self.on_end(self)

    def _train(self, now: float, waiting_since: float) -> None:
        lower_this_threads_priority()
        try:
            self._update(status=RUNNING, waited_seconds=now - waiting_since, running_since=now)
            result = train(
                self.train_config,
                self.model_config,
                corpus=self.corpus,
                on_progress=self._on_progress,
                should_stop=self._should_stop,
            )
        except Exception as error:  # noqa: BLE001 - any failure becomes a message; the session's model stays
            self._update(status=FAILED, error_code=error_code_of(error), error_message=str(error)[:300])
        else:
            self._update(
                status=STOPPED if result.stopped else DONE,
                step=result.steps_done,
                seconds=result.checkpoint.metrics.get("seconds", self._view.seconds),
                result=result,
                snapshot=result.checkpoint.snapshots[-1] if result.checkpoint.snapshots else self._view.snapshot,
            )
            self.queue.speed.record(
                self,
                steps=result.steps_done,
                train_seconds=result.checkpoint.metrics.get("seconds", 0.0),
                total_seconds=time.monotonic() - now,
                finished=not result.stopped,
            )
        finally:
            self.queue.release(self)


def lower_this_threads_priority() -> None:
    """Make the calling thread nicer by TRAINING_NICENESS (Linux sets a nice value per thread; the
    process's other threads keep theirs). Where that is not possible the thread stays as it is."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + TRAINING_NICENESS))
    except (AttributeError, OSError):  # not Linux, or not allowed
        pass


class LearnerRun:
    """One learner's hold on a run: one they started, one another learner started (followed as
    it trains), or a finished one (its recording replayed). The session keeps this object; the
    page calls `view()`, `stop()`, `join()` as on a run."""

    def __init__(
        self, job: TrainingRun, held_as: str = OWN, session_alive: Callable[[], bool] | None = None, corpus=None
    ):
        self.job = job
        self.held_as = held_as
        self.corpus = corpus if corpus is not None else job.corpus  # what this learner asked to train on
        self.session_alive = session_alive  # None: never closed (AppTest, plain Python)
        self.asked_at = time.monotonic()
        self.left_reason = ""
        self._last_alive = self.asked_at
        self._last_alive_check = 0.0
        self._ended_the_run = False  # this learner's Stop stopped the run itself (nobody else held it)

    @property
    def train_config(self) -> TrainConfig:
        return self.job.train_config

    @property
    def model_config(self) -> ModelConfig:
        return self.job.model_config

    @property
    def active(self) -> bool:
        return self.view().active

    def holds(self) -> bool:
        """Whether this learner still wants the run: not given up, and their browser still there."""
        if self.left_reason:
            return False
        if self.session_alive is None:
            return True
        now = time.monotonic()
        if now - self._last_alive_check < ALIVE_CHECK_SECONDS:
            return True
        self._last_alive_check = now
        if self.session_alive():
            self._last_alive = now
            return True
        waiting = self.job.view().status == WAITING
        if now - self._last_alive > (QUEUE_ABANDON_AFTER_SECONDS if waiting else ABANDON_AFTER_SECONDS):
            self.left_reason = LEFT_BY_CLOSING
            return False
        return True

    def stop(self) -> None:
        """Give the run up. The run stops if nobody else holds it (the best model so far is kept);
        a replay jumps to its end (the model exists already)."""
        if self.held_as == REPLAYED or self.left_reason:
            self.left_reason = self.left_reason or LEFT_BY_STOP
            return
        others = [learner for learner in self.job.learners() if learner is not self and learner.holds()]
        if not others:
            self._ended_the_run = True
            self.job.stop()  # before this learner lets go, so the run says "stopped", not "abandoned"
        self.left_reason = LEFT_BY_STOP

    def leave_queue(self) -> bool:
        """The learner opened another page: a place in the queue is given up (a training goes on). True if given up."""
        if self.held_as == REPLAYED or self.left_reason or self.job.view().status != WAITING:
            return False
        if not any(learner is not self and learner.holds() for learner in self.job.learners()):
            self.job.stop()  # out of the line now, so the learners behind move up at once
        self.left_reason = LEFT_BY_PAGE
        return True

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the run has ended and, for a replay, until its playback is over; True when both are."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self.job.join(timeout):
            return False
        while self.view().active:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def view(self) -> RunView:
        job_view = self.job.view()
        others = sum(1 for learner in self.job.learners() if learner is not self and not learner.left_reason)
        if self.held_as == REPLAYED:
            return self._replay(job_view)
        if self.left_reason and not self._ended_the_run and (others or job_view.result is None):
            # Given up: nothing of the run is this learner's any more (it may go on for the others).
            return replace(
                job_view,
                status=STOPPED,
                result=None,
                left_reason=self.left_reason,
                other_learners=others,
                held_as=self.held_as,
            )
        extra = {"held_as": self.held_as, "other_learners": others, "left_reason": self.left_reason}
        if self.held_as == FOLLOWED:
            extra["shared_since"] = self.job.asked_at
        if job_view.status == WAITING:
            extra["place"] = self.job.queue.place(self.job)
            extra["start_in_seconds"] = self.job.queue.estimated_start_seconds(self.job)
        return replace(job_view, **extra)

    def _replay(self, finished: RunView) -> RunView:
        """The finished run as it was recorded, played back: its reports and snapshots in the order
        and spacing they came in, compressed to at most REPLAY_SECONDS; then the run itself."""
        checkpoint = finished.result.checkpoint
        shared = {"held_as": REPLAYED, "shared_since": checkpoint.created_at}
        recorded = finished.history[-1]["seconds"] if finished.history else 0.0
        length = min(REPLAY_SECONDS, recorded)
        elapsed = time.monotonic() - self.asked_at
        if self.left_reason or elapsed >= length:
            return replace(finished, **shared)
        at = recorded * elapsed / length  # seconds into the recording
        reported = [entry for entry in finished.history if entry["seconds"] <= at]
        step = recorded_step_at(finished.history, at)
        shown = [snapshot for snapshot in checkpoint.snapshots if snapshot["step"] <= step]
        return replace(
            finished,
            **shared,
            status=RUNNING,
            step=step,
            seconds=at,
            history=reported,
            snapshot=shown[-1] if shown else None,
            result=None,
            running_since=time.monotonic() - at,
        )


def recorded_step_at(history: list[dict], seconds: float) -> int:
    """The step a run had reached `seconds` into its training, between its reports (linear from step 0 at 0 s)."""
    previous_step, previous_seconds = 0, 0.0
    for entry in history:
        if entry["seconds"] >= seconds:
            span = entry["seconds"] - previous_seconds
            share = (seconds - previous_seconds) / span if span > 0 else 1.0
            return int(previous_step + share * (entry["step"] - previous_step))
        previous_step, previous_seconds = entry["step"], entry["seconds"]
    return previous_step


# --- the board: the queue and the runs shared on this server -----------------------------------------


class TrainingBoard:
    """Every training of one server: the queue, the runs going on and the finished runs kept to share."""

    def __init__(self, slots: int, keep: int = MAX_SHARED_RESULTS):
        self.queue = TrainingQueue(slots)
        self.keep = keep
        self._lock = threading.Lock()
        self._live: dict[str, TrainingRun] = {}  # run key -> a run waiting or training
        self._finished: OrderedDict[str, TrainingRun] = OrderedDict()  # run key -> a finished run, oldest use first

    def request(
        self,
        train_config: TrainConfig,
        model_config: ModelConfig,
        corpus=None,
        session_alive: Callable[[], bool] | None = None,
        share: bool = True,
    ) -> LearnerRun:
        """A learner asks for a run: the same run finished or going on here if there is one and
        `share`, else a new run of their own, queued."""
        job = TrainingRun(train_config, model_config, corpus=corpus, queue=self.queue, on_end=self._ended)
        with self._lock:
            if share and job.key in self._finished:
                self._finished.move_to_end(job.key)
                return LearnerRun(self._finished[job.key], REPLAYED, session_alive, corpus=job.corpus)
            live = self._live.get(job.key)
            if share and live is not None:
                follower = LearnerRun(live, FOLLOWED, session_alive, corpus=job.corpus)
                if live.add_learner(follower):
                    return follower
            learner = LearnerRun(job, OWN, session_alive)
            job.add_learner(learner)
            if live is None or not live.active:
                self._live[job.key] = job
        job.start()
        return learner

    def shared_keys(self) -> list[str]:
        """Keys of the finished runs kept, least recently used first."""
        with self._lock:
            return list(self._finished)

    def _ended(self, job: TrainingRun) -> None:
        with self._lock:
            if self._live.get(job.key) is job:
                del self._live[job.key]
            if job.view().status == DONE:  # a stopped or failed run is not what its settings train to
                job.corpus = None  # kept for its result only; each learner holds the corpus they asked with
                self._finished[job.key] = job
                self._finished.move_to_end(job.key)
                while len(self._finished) > self.keep:
                    self._finished.popitem(last=False)


@st.cache_resource(show_spinner=False)
def training_board() -> TrainingBoard:
    """The server's one board, shared by every session."""
    return TrainingBoard(slot_count())


def leave_queue_unless_on(page_url_path: str, learner_run: LearnerRun | None) -> None:
    """Called on every page run: a learner who opened another page than Train gives a queue place up."""
    if learner_run is not None and page_url_path != TRAIN_PAGE:
        learner_run.leave_queue()


def shared_result_bytes(checkpoint) -> int:
    """Memory a kept finished run holds: its weights and optimiser-free state plus its recordings
    (history and snapshots as Python lists of floats), counted object by object."""
    seen: set[int] = set()

    def size_of(value) -> int:
        if id(value) in seen:
            return 0
        seen.add(id(value))
        total = sys.getsizeof(value)
        if isinstance(value, dict):
            total += sum(size_of(key) + size_of(item) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            total += sum(size_of(item) for item in value)
        return total

    weights = sum(tensor.numel() * tensor.element_size() for tensor in checkpoint.model.state_dict().values())
    vocabularies = size_of(checkpoint.source_vocabulary.tokens) + size_of(checkpoint.target_vocabulary.tokens)
    return weights + vocabularies + size_of(checkpoint.history) + size_of(checkpoint.snapshots)


# --- what the page shows besides the run: form checks, corpus tables, uploads, snapshots ----------

MODEL_FORM_FIELDS = ("d_model", "n_heads", "n_encoder_layers", "n_decoder_layers", "d_ff", "dropout")
TRAIN_FORM_FIELDS = ("steps", "learning_rate", "batch_size", "seed")


def schedule_for(steps: int) -> tuple[int, int]:
    """(eval_every, snapshot_every) for a run of `steps`: about ten evaluations and twenty snapshots.

    Evaluating (validation loss and exact match) costs about as much as a few dozen
    steps, so it stays between every 10 and every 100 steps; a snapshot is one forward
    pass of the probe sentence, so short runs get one every step.
    """
    snapshot_every = max(1, min(50, steps // 20))
    # Prefer a divisor of `steps` (down to half the spacing), so the last step has a snapshot too.
    divisor = next((d for d in range(snapshot_every, snapshot_every // 2, -1) if steps % d == 0), snapshot_every)
    return max(10, min(100, steps // 10)), divisor


def config_problems(train_config: TrainConfig, model_config: ModelConfig) -> list[tuple[str, dict]]:
    """The configs' own .problems(), as (text key, fields) pairs the page translates.

    The configs say what is wrong in English; the field named at the start of each
    message and the bounds in RANGES give the translated text its numbers.
    """
    found = []
    for config in (model_config, train_config):
        for message in config.problems():
            name = message.split(" ", 1)[0]
            if name == "parameters:":
                found.append(("train.problem_too_large", {"count": config.parameter_count(), "limit": MAX_PARAMETERS}))
            elif "divisible" in message:
                found.append(("train.problem_divisible", {"d_model": config.d_model, "n_heads": config.n_heads}))
            elif name in config.RANGES:
                low, high = config.RANGES[name]
                key = "train.problem_range" if "between" in message else "train.problem_type"
                found.append((key, {"field": name, "low": low, "high": high, "value": getattr(config, name)}))
            else:
                found.append(("train.problem_other", {"field": name, "message": message}))
    return found


def corpus_frame(corpus) -> pd.DataFrame:
    """One row per pair of every split: split, korean, english, construction ("" for uploaded pairs), line."""
    rows = [
        {
            "split": name,
            "korean": pair.korean,
            "english": pair.english,
            "construction": getattr(pair, "construction", ""),
            "line": getattr(pair, "line", None),
        }
        for name in SPLITS
        for pair in corpus.split(name)
    ]
    return pd.DataFrame(rows, columns=["split", "korean", "english", "construction", "line"])


@st.cache_data(show_spinner=False, max_entries=4)
def generated_corpus_frame(seed: int) -> pd.DataFrame:
    return corpus_frame(build_corpus(seed))


def construction_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Pairs per construction (rows) and split (columns, in train/valid/test order), with totals."""
    table = pd.crosstab(frame["construction"], frame["split"]).reindex(columns=list(SPLITS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def filter_pairs(frame: pd.DataFrame, split: str, text: str) -> pd.DataFrame:
    """The pairs of `split` whose Korean or English contains `text` (case-insensitive, literal)."""
    rows = frame[frame["split"] == split]
    text = text.strip()
    if text:
        wanted = rows["korean"].str.contains(text, case=False, regex=False) | rows["english"].str.contains(
            text, case=False, regex=False
        )
        rows = rows[wanted]
    return rows.reset_index(drop=True)


@dataclass(frozen=True)
class UploadOutcome:
    """A parsed upload: the corpus, or why the file as a whole was refused."""

    corpus: UserCorpus | None
    error_code: str = ""
    error_details: dict = field(default_factory=dict)


@st.cache_data(show_spinner=False, max_entries=16)
def parse_upload(data: bytes, file_name: str) -> UploadOutcome:
    """model.user_corpus.parse_user_corpus of an upload (cached; the error as a code, which pickles)."""
    try:
        return UploadOutcome(parse_user_corpus(data, file_name))
    except CorpusFileError as error:
        return UploadOutcome(None, error.code, dict(error.details))


def cross_attention_frame(snapshot: dict) -> pd.DataFrame:
    """The snapshot's cross-attention as tidy rows, each decoder row labelled by the token it produced."""
    frame = frames.snapshot_frame(snapshot)
    frame = frame[frame["kind"] == AttentionKind.CROSS].copy()
    frame["query_token"] = frame["produced_token"]
    return frame.reset_index(drop=True)


def history_frame(history: list[dict]) -> pd.DataFrame:
    """Training history (Checkpoint.history or RunView.history) as a frame, one row per evaluation."""
    columns = ["step", "train_loss", "valid_loss", "valid_exact_match"]
    return pd.DataFrame([{name: entry.get(name) for name in columns} for entry in history], columns=columns)


def history_at(history: list[dict], step: int) -> dict | None:
    """The last evaluation at or before `step` (None before the first one)."""
    earlier = [entry for entry in history if entry.get("step", 0) <= step]
    return earlier[-1] if earlier else None
