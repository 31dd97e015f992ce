"""Training in the background for the Train page: one thread per run, a progress object the page polls.

Streamlit reruns a page on every click, so training cannot run inside the script: it
runs in a `TrainingRun`'s own thread, which calls model.train.train and writes every
report into the run under a lock. The page keeps the run in its session state and
reads `run.view()` (a consistent copy) from a fragment that reruns every second; a
rerun, a page switch or another click never touches the thread.

Many learners share one server, so runs take a slot from a server-wide
`threading.BoundedSemaphore` (`training_slots()`, sized by the CPU count) and wait,
saying so, while none is free; each run uses `threads_per_run()` torch threads, so the
slots together leave half the CPUs to serve pages. A run ends early when
Stop sets its event, or when its browser session has been gone for
`ABANDON_AFTER_SECONDS` (a closed tab), which frees the slot. The model a run
produces belongs to the session that started it: it lives only in that run object.
"""

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from model.attention import AttentionKind
from model.config import MAX_PARAMETERS, ModelConfig, TrainConfig
from model.corpus import SPLITS, build_corpus
from model.tokenizer import split_korean
from model.train import Progress, TrainResult, train
from model.user_corpus import CorpusFileError, UserCorpus, parse_user_corpus
from ui import frames

WAITING, RUNNING, DONE, STOPPED, FAILED = "waiting", "running", "done", "stopped", "failed"
ACTIVE_STATUSES = (WAITING, RUNNING)
SLOT_POLL_SECONDS = 0.2  # how often a waiting run checks for a free slot (and for Stop)
ALIVE_CHECK_SECONDS = 1.0  # how often a run asks whether its session still exists
ABANDON_AFTER_SECONDS = 60.0  # a session gone this long (tab closed) stops its run; a reconnect is faster


def cpu_count() -> int:
    return os.cpu_count() or 1


def slot_count(cpus: int | None = None) -> int:
    """Concurrent trainings per server: half the CPUs, at least one."""
    return max(1, (cpus or cpu_count()) // 2)


def threads_per_run(cpus: int | None = None) -> int:
    """Torch threads of one run: all slots together use at most half the CPUs (one thread each, as a rule).

    The other half serves pages. More threads per run do not pay on a small shared
    CPU: measured on the 2-core development machine under load, 30 steps took
    2-5 s with one thread and 3-60 s with two (the second thread waits for a core).
    """
    cpus = cpus or cpu_count()
    return max(1, cpus // (2 * slot_count(cpus)))


@st.cache_resource(show_spinner=False)
def training_slots() -> threading.BoundedSemaphore:
    """The server-wide limit on concurrent trainings, shared by every session."""
    return threading.BoundedSemaphore(slot_count())


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


@dataclass
class RunView:
    """A consistent copy of a run's state, for drawing."""

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
    abandoned: bool = False  # stopped because the browser session went away

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


@dataclass
class TrainingRun:
    """One training in its own thread. Create, `start()`, poll `view()`, `stop()` at will."""

    train_config: TrainConfig
    model_config: ModelConfig
    corpus: object = None  # None: the generated corpus (model.train's default)
    slots: threading.Semaphore | None = None  # None: the server-wide training_slots()
    session_alive: Callable[[], bool] | None = None  # None: never abandoned
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _view: RunView | None = field(default=None, repr=False)
    _last_alive: float = field(default_factory=time.monotonic, repr=False)
    _last_alive_check: float = 0.0

    def __post_init__(self):
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
        self._thread = threading.Thread(target=self._run, name="attention-lab-training", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the run to end after its current step; the best model so far is kept."""
        self._stop.set()

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

    def _update(self, **changes) -> None:
        with self._lock:
            self._view = replace(self._view, **changes)

    def _should_stop(self) -> bool:
        if self._stop.is_set():
            return True
        now = time.monotonic()
        if self.session_alive is None or now - self._last_alive_check < ALIVE_CHECK_SECONDS:
            return False
        self._last_alive_check = now
        if self.session_alive():
            self._last_alive = now
            return False
        if now - self._last_alive > ABANDON_AFTER_SECONDS:
            self._update(abandoned=True)
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
        slots = self.slots if self.slots is not None else training_slots()
        waiting_since = time.monotonic()
        while not slots.acquire(timeout=SLOT_POLL_SECONDS):
            self._update(waited_seconds=time.monotonic() - waiting_since)
            if self._should_stop():
                self._update(status=STOPPED)
                return
        if self._stop.is_set():  # stopped while the slot was being freed
            slots.release()
            self._update(status=STOPPED)
            return
        try:
            now = time.monotonic()
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
        finally:
            slots.release()


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
