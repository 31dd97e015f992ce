"""The Train page under AppTest: the corpus browser, the settings form and its checks, your own
pairs, a real (tiny) training in the background, "use this model", sessions kept apart, the
slot limit, and attention over training with the shipped checkpoint."""

from functools import partial
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from model.config import ModelConfig, TrainConfig
from model.corpus import build_corpus
from tests import app_testing
from tests.app_testing import drawn_charts, rerun, wait_until
from ui import loading, state, texts, train_sections, training

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "train.py")
TIMEOUT_S = 120
TINY_MODEL = {"d_model": 16, "n_heads": 2, "n_encoder_layers": 1, "n_decoder_layers": 1, "d_ff": 32}
TINY = {**TINY_MODEL, "steps": 20, "batch_size": 16}
run_page = partial(app_testing.run_page, PAGE, timeout=TIMEOUT_S)
pytestmark = pytest.mark.usefixtures("fresh_training_board")


def english(key: str, **fields) -> str:
    return texts.text(key, "en", **fields)


def submit(app: AppTest, **values) -> AppTest:
    for name, value in values.items():
        app.number_input(key=f"train_field_{name}").set_value(value)
    (button,) = [button for button in app.button if button.label in texts.TEXTS["train.start"].values()]
    button.click()
    return rerun(app)


def wait_for_run(app: AppTest) -> training.RunView:
    run = app.session_state[state.TRAIN_RUN]
    assert run.join(TIMEOUT_S), "training did not end"
    return run.view()


def table(app: AppTest, column: str):
    """The first dataframe that has `column`."""
    return next(element.value for element in app.dataframe if column in element.value.columns)


def chart_title(spec: dict) -> str:
    title = spec.get("title", "")
    return title if isinstance(title, str) else title.get("text", "")


def snapshot_heatmap(app: AppTest):
    """The data of the attention-over-training heatmap (its title starts with "step")."""
    ((spec, datasets),) = [
        (spec, datasets) for spec, datasets in drawn_charts(app) if chart_title(spec).startswith("Step ")
    ]
    (frame,) = [frame for frame in datasets.values() if "weight" in frame.columns]
    return chart_title(spec), frame


# --- the page, the languages, the corpus --------------------------------------------------------


def test_page_runs_with_the_form_and_follows_the_language():
    app = run_page("en")
    korean = run_page("ko")
    assert app.title[0].value == "Train"
    assert korean.title[0].value == texts.TEXTS["train.title"]["ko"] != "Train"
    assert any(english("train.intro") in element.value for element in app.markdown)
    assert any(texts.TEXTS["train.intro"]["ko"] in element.value for element in korean.markdown)
    keys = {element.key for element in app.number_input}
    assert {f"train_field_{name}" for name in (*training.MODEL_FORM_FIELDS, *training.TRAIN_FORM_FIELDS)} <= keys
    # The form starts at the defaults of the configs.
    assert app.number_input(key="train_field_d_model").value == 64
    assert app.number_input(key="train_field_steps").value == TrainConfig().steps == 700
    assert [button.label for button in app.button if button.label == english("train.start")]
    assert app.session_state[state.TRAIN_RUN] is None
    # The table's constructions are named in the page's language.
    korean_names = {value["ko"] for key, value in texts.TEXTS.items() if key.startswith("train.construction_")}
    assert set(table(korean, texts.TEXTS["train.column_korean"]["ko"])["구문"]) <= korean_names


def test_corpus_browser_counts_splits_and_filters():
    corpus = build_corpus(0)
    app = run_page()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics[english("train.split_train")] == f"{len(corpus.train):,}"
    assert metrics[english("train.split_test")] == f"{len(corpus.test):,}"
    # The first BROWSE_ROWS pairs of a split are sent, in corpus order, and the caption says so.
    first_rows = table(app, "Korean")
    assert first_rows["Korean"].tolist() == [pair.korean for pair in corpus.train[: train_sections.BROWSE_ROWS]]
    shown_first = texts.text(
        "train.showing_first",
        "en",
        first=f"{train_sections.BROWSE_ROWS:,}",
        shown=f"{len(corpus.train):,}",
        box=english("train.filter"),
    )
    assert shown_first in [caption.value for caption in app.caption]
    app.segmented_control(key="train_split").set_value("test")
    rerun(app)
    assert len(table(app, "Korean")) == min(len(corpus.test), train_sections.BROWSE_ROWS)
    app.text_input(key="train_filter").input("milk")
    rerun(app)
    rows = table(app, "Korean")
    matching = [pair for pair in corpus.test if "milk" in pair.english]
    assert 0 < len(rows) == min(len(matching), train_sections.BROWSE_ROWS)
    assert rows["English"].str.contains("milk").all()


# --- the form's checks ---------------------------------------------------------------------------


def test_inconsistent_hyperparameters_are_explained_in_the_users_language():
    app = submit(run_page("en"), d_model=30, n_heads=4)
    errors = [element.value for element in app.error]
    assert english("train.problem_divisible", d_model=30, n_heads=4) in errors
    assert app.session_state[state.TRAIN_RUN] is None  # nothing started

    korean = run_page("ko")
    korean.number_input(key="train_field_d_model").set_value(30)
    korean.number_input(key="train_field_n_heads").set_value(4)
    (button,) = [button for button in korean.button if button.label == texts.TEXTS["train.start"]["ko"]]
    button.click()
    rerun(korean)
    assert texts.text("train.problem_divisible", "ko", d_model=30, n_heads=4) in [e.value for e in korean.error]


def test_out_of_range_values_name_the_bounds():
    app = submit(run_page("en"), d_model=1024, steps=0)
    errors = " ".join(element.value for element in app.error)
    assert "d_model (vector size) must be between 8 and 256 (it is 1024)" in errors
    assert "Steps must be between 1 and 20000 (it is 0)" in errors
    assert app.session_state[state.TRAIN_RUN] is None


# --- your own pairs --------------------------------------------------------------------------------


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="train_corpus_upload").set_value((name, data, "text/plain"))
    return rerun(app)


def test_an_uploaded_file_is_previewed_with_its_rejected_rows():
    pairs = build_corpus(0).train[:30]
    lines = [f"{pair.korean}\t{pair.english}" for pair in pairs] + ["나는 의사이다", "나는 의사이다\t"]
    app = upload(run_page("en"), "mine.tsv", ("\n".join(lines) + "\n").encode("cp949"))
    assert english("train.own_summary", accepted=30, rejected=2, encoding="CP949", delimiter="tab") in [
        element.value for element in app.success
    ]
    rejected = table(app, "Reason")
    assert list(rejected["Line"]) == [31, 32]
    assert list(rejected["Reason"]) == [english("train.reject_missing_column"), english("train.reject_empty_english")]
    # Choosing it makes the browser show it.
    app.toggle(key="train_use_own_corpus").set_value(True)
    rerun(app)
    shown = table(app, "Korean")
    assert "Line" in shown.columns and set(shown["Korean"]) <= {pair.korean for pair in pairs}


def test_an_unusable_file_is_refused_in_words():
    app = upload(run_page("en"), "picture.tsv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert english("train.file_binary") in [element.value for element in app.error]
    korean = run_page("ko")
    upload(korean, "empty.csv", b"")
    assert texts.text("train.file_empty", "ko") in [element.value for element in korean.error]


# --- training -----------------------------------------------------------------------------------------


def weights_hash(checkpoint) -> str:
    return loading.checkpoint_key(checkpoint)


def test_training_runs_in_the_background_and_its_model_stays_in_the_session(fresh_training_board):
    shipped = loading.load_shipped_checkpoint()
    shipped_before = weights_hash(shipped)
    # Another learner's long run holds the only slot: this run waits, so the form is seen while a run is active.
    holder = fresh_training_board.request(
        TrainConfig(steps=20_000, batch_size=16, threads=1, seed=99), ModelConfig(**TINY_MODEL)
    )
    try:
        app = submit(run_page("en"), **TINY)
        run = app.session_state[state.TRAIN_RUN]
        assert run is not None and run.view().status == training.WAITING
        # While it waits or runs, the form cannot start another one.
        (button,) = [button for button in app.button if button.label == english("train.start")]
        assert button.disabled
    finally:
        holder.stop()
        assert holder.join(TIMEOUT_S)
    view = wait_for_run(app)
    assert view.status == training.DONE, view.error_message
    rerun(app)
    assert english("train.done", steps=20, seconds=f"{view.result.checkpoint.metrics['seconds']:.0f}", best=20) in [
        element.value for element in app.success
    ]
    metric_labels = {metric.label for metric in app.metric}
    assert {english("train.metric_test_exact"), english("train.metric_parameters")} <= metric_labels
    assert app.get("download_button")

    # Another learner's session knows nothing of it.
    other = run_page("en")
    assert other.session_state[state.TRAIN_RUN] is None
    assert other.session_state[state.MODEL_SOURCE] == state.SHIPPED

    (use,) = [button for button in app.button if button.key == "train_use_model"]
    use.click()
    rerun(app)
    assert app.session_state[state.MODEL_SOURCE] == state.SESSION
    assert app.session_state[state.SESSION_CHECKPOINT] is view.result.checkpoint
    assert rerun(other).session_state[state.SESSION_CHECKPOINT] is None
    # The shared shipped model was neither trained nor changed.
    assert weights_hash(loading.load_shipped_checkpoint()) == shipped_before
    # Attention over training now shows the session's model: its snapshots, from step 0 to the last.
    steps = [int(option) for option in app.select_slider(key="train_snapshot_step").options]
    assert steps == [snapshot["step"] for snapshot in view.result.checkpoint.snapshots]
    assert steps[0] == 0 and steps[-1] == 20


@pytest.fixture
def slot_taken(fresh_training_board):
    """Another learner's long training holds the board's only slot for the test's length."""
    holder = fresh_training_board.request(
        TrainConfig(steps=20_000, batch_size=16, threads=1, seed=99), ModelConfig(**TINY_MODEL)
    )
    yield fresh_training_board
    holder.stop()
    assert holder.join(TIMEOUT_S)


def test_a_run_waits_in_the_queue_with_its_place_and_start(slot_taken):
    app = submit(run_page("en"), **TINY)
    run = app.session_state[state.TRAIN_RUN]
    assert run is not None
    other = submit(run_page("ko"), **TINY, seed=1)  # a second learner queues behind
    try:
        rerun(app)
        assert run.view().status == training.WAITING and run.view().place == 1
        assert any(element.value.startswith("You are next in the training queue.") for element in app.info)
        assert any(
            element.value.startswith("학습 대기열 2번째입니다. 앞선 학습 1개가 끝나야") for element in rerun(other).info
        )
        (stop,) = [button for button in app.button if button.key == "train_stop"]
        stop.click()
        rerun(app)
        # The place went to the second learner.
        assert any(element.value.startswith("학습 대기열에서 다음 차례입니다.") for element in rerun(other).info)
    finally:
        other.session_state[state.TRAIN_RUN].stop()
    view = wait_for_run(app)
    assert view.status == training.STOPPED and view.result is None
    rerun(app)
    assert english("train.stopped_before_start") + " " + english("train.model_kept") in [e.value for e in app.info]


def test_a_queued_run_draws_no_live_curves_until_it_starts(fresh_training_board, monkeypatch):
    # The live curves' fragment reruns every few seconds in the learner's browser; a queued run has
    # none to show, so the page leaves that fragment out until the run has a slot.
    statuses_drawn = []
    monkeypatch.setattr(train_sections, "live_charts", lambda run: statuses_drawn.append(run.view().status))
    holder = fresh_training_board.request(
        TrainConfig(steps=20_000, batch_size=16, threads=1, seed=99), ModelConfig(**TINY_MODEL)
    )
    app = submit(run_page("en"), **{**TINY, "steps": 20_000})
    run = app.session_state[state.TRAIN_RUN]
    try:
        assert run.view().status == training.WAITING
        assert statuses_drawn == []
        holder.stop()
        assert holder.join(TIMEOUT_S)
        wait_until(lambda: run.view().status != training.WAITING)
        rerun(app)
        assert statuses_drawn == [training.RUNNING]
    finally:
        holder.stop()
        run.stop()
    assert run.join(TIMEOUT_S)


def test_a_second_click_before_the_page_redraws_starts_nothing(slot_taken):
    app = run_page("en")  # the Train button is enabled on this page
    # A first click already started a run (still waiting for a slot) before the page was redrawn.
    first = slot_taken.request(TrainConfig(), ModelConfig())
    app.session_state[state.TRAIN_RUN] = first
    try:
        submit(app, **TINY)
        assert app.session_state[state.TRAIN_RUN] is first
        assert any(element.value.startswith("You are next in the training queue") for element in app.info)
    finally:
        first.stop()
        assert first.join(TIMEOUT_S)


def test_a_run_trained_here_before_is_replayed_and_said_so(fresh_training_board):
    first = submit(run_page("en"), **TINY)
    result = wait_for_run(first).result
    second = submit(run_page("ko"), **TINY)  # another learner, the same settings and seed
    run = second.session_state[state.TRAIN_RUN]
    assert run.view().held_as == training.REPLAYED  # played back from the recording, not trained
    trained_before = texts.text("train.shared_replayed", "ko", clock="§", ago="§").split("§")[0]
    assert trained_before.startswith("설정, 시드, 말뭉치, 스레드 수가 모두 같은 학습이 이 서버에서 이미 끝났습니다")
    assert any(element.value.startswith(trained_before) for element in second.info)
    assert wait_for_run(second).result is result
    rerun(second)  # the replay is over: the first run's model, with the notice kept
    assert any(element.value.startswith(trained_before) for element in second.info)
    assert texts.text("train.use_model", "ko") in [button.label for button in second.button]
    # "Train anyway": a live run of its own.
    (anyway,) = [button for button in second.button if button.label == texts.text("train.train_anyway", "ko")]
    anyway.click()
    rerun(second)
    live = second.session_state[state.TRAIN_RUN]
    assert live is not run and live.view().held_as == training.OWN
    assert not any(element.value.startswith(trained_before) for element in second.info)
    assert wait_for_run(second).result is not result


def test_a_failed_training_shows_a_message_and_keeps_the_model(monkeypatch):
    def out_of_memory(*args, **kwargs):
        raise MemoryError("could not allocate 12345678 bytes")

    monkeypatch.setattr(training, "train", out_of_memory)
    app = submit(run_page("ko"), **TINY)
    view = wait_for_run(app)
    assert view.status == training.FAILED and view.error_code == "out_of_memory"
    rerun(app)
    expected = texts.text("train.failed_out_of_memory", "ko") + " " + texts.text("train.model_kept", "ko")
    assert expected in [element.value for element in app.error]
    assert app.session_state[state.MODEL_SOURCE] == state.SHIPPED
    assert app.session_state[state.SESSION_CHECKPOINT] is None
    # The form works again.
    (button,) = [button for button in app.button if button.label == texts.TEXTS["train.start"]["ko"]]
    assert not button.disabled


# --- attention over training ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_snapshot_steps():
    return [snapshot["step"] for snapshot in loading.load_shipped_checkpoint().snapshots]


def test_attention_over_training_moves_with_the_slider(shipped_snapshot_steps):
    assert len(shipped_snapshot_steps) >= 2
    app = run_page("en")
    slider = app.select_slider(key="train_snapshot_step")
    assert [int(option) for option in slider.options] == shipped_snapshot_steps
    last_title, last = snapshot_heatmap(app)
    assert last_title.startswith(f"Step {shipped_snapshot_steps[-1]} ")
    slider.set_value(shipped_snapshot_steps[0])
    rerun(app)
    first_title, first = snapshot_heatmap(app)
    assert first_title.startswith("Step 0 ")
    assert not first["weight"].round(6).equals(last["weight"].round(6))
    # Keys stay in sentence order and rows sum to 1.
    ordered = first.sort_values(["query_pos", "key_pos"])
    source = loading.load_shipped_checkpoint().snapshots[0]["source_tokens"]
    assert list(ordered[ordered["query_pos"] == 0]["key_token"]) == source
    assert (ordered.groupby("query_pos")["weight"].sum() - 1).abs().max() < 1e-3
    # At step 0 the model is untrained: attention is close to uniform; at the end it is not.
    assert first.groupby("query_pos")["weight"].max().mean() < last.groupby("query_pos")["weight"].max().mean()
    # Another head gives other weights.
    app.segmented_control(key="train_snapshot_head").set_value(1)
    rerun(app)
    other_title, other_head = snapshot_heatmap(app)
    assert "head 1" in other_title and not other_head["weight"].round(6).equals(first["weight"].round(6))


def _live_progress(view):
    """The live section of the Train page for a fixed RunView, as its two fragments draw it."""
    from ui import train_sections

    train_sections.draw_progress(view)
    train_sections.draw_live_charts(view)


def test_the_live_curves_and_snapshot_are_built_once_while_the_run_has_nothing_new(monkeypatch, shipped):
    """The live charts are redrawn every LIVE_CHARTS_SECONDS for every learner training; between two
    reports they must come from the chart cache, not be built (and converted) again."""
    from ui import charts

    built = []
    for name in ("line_chart", "attention_grid"):
        original = getattr(charts, name)
        monkeypatch.setattr(
            charts, name, lambda *a, _original=original, _name=name, **k: built.append(_name) or _original(*a, **k)
        )
    snapshot = shipped.snapshots[-1]
    history = [entry for entry in shipped.history if entry["step"] <= snapshot["step"]]
    view = training.RunView(
        status=training.RUNNING, step=snapshot["step"], total_steps=700, seconds=3.0, waited_seconds=0.0,
        history=history, snapshot=snapshot, result=None,
    )  # fmt: skip
    app = AppTest.from_function(_live_progress, args=(view,), default_timeout=TIMEOUT_S)
    app.session_state[state.LANGUAGE] = "en"
    rerun(app)
    assert sorted(built) == ["attention_grid", "line_chart", "line_chart"]
    assert len(drawn_charts(app)) == 3
    rerun(app)  # the next poll, nothing new
    rerun(app)
    assert sorted(built) == ["attention_grid", "line_chart", "line_chart"]
    assert len(drawn_charts(app)) == 3
    # A new report (one more evaluation) builds the curves again; the snapshot is unchanged.
    longer = [entry for entry in shipped.history if entry["step"] <= snapshot["step"]] + [
        {**history[-1], "step": history[-1]["step"] + 1, "valid_loss": 0.5}
    ]
    app = AppTest.from_function(
        _live_progress, args=(training.RunView(**{**vars(view), "history": longer}),), default_timeout=TIMEOUT_S
    )
    app.session_state[state.LANGUAGE] = "en"
    rerun(app)
    assert sorted(built) == ["attention_grid", "line_chart", "line_chart", "line_chart", "line_chart"]
