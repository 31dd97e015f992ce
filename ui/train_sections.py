"""The sections of the Train page: your own pairs, the corpus, the form, the run (live, then
its outcome) and attention over training.

Training runs in a thread (ui/training.py); these sections only start it, poll its
progress from a fragment and draw. The shared shipped model is never touched: a trained
model belongs to this session until "use this model" puts it in the sidebar.
"""

import streamlit as st

from model import user_corpus
from model.attention import AttentionKind
from model.checkpoint import checkpoint_bytes
from model.config import ModelConfig, TrainConfig
from model.corpus import SPLITS
from ui import export, sidebar, state, streamlit_internals, training, views
from ui.state import tr

# Local widget keys.
SPLIT_WIDGET = "train_split"
FILTER_WIDGET = "train_filter"
UPLOAD_WIDGET = "train_corpus_upload"
USE_OWN_CORPUS_WIDGET = "train_use_own_corpus"
FORM_KEY = "train_form"
FIELD_WIDGET_PREFIX = "train_field_"
STOP_WIDGET = "train_stop"
USE_MODEL_WIDGET = "train_use_model"
DOWNLOAD_WIDGET = "train_download"
SNAPSHOT_STEP_WIDGET = "train_snapshot_step"
LAYER_WIDGET = "train_snapshot_layer"
HEAD_WIDGET = "train_snapshot_head"

POLL_SECONDS = 1.0  # how often the live progress bar redraws while a run is going (or waits)
# A browser redraws every chart it is sent, even an unchanged one (a page whose 1 s fragment sends
# three small heatmaps kept Chromium 8.5 % busy, 3.3 % without them). The live curves and snapshot
# change only at a report, so they have their own, slower fragment; the progress bar keeps the second.
LIVE_CHARTS_SECONDS = 3.0
HEATMAP_CELL_SIZE = 48  # cells of the attention-over-training map for short sentences...
HEATMAP_WIDTH = 240  # ...and smaller ones for long sentences, so the map fits half the page
# Rows of the corpus browser sent at once. The whole train split was 1.6 MB of table on every visit
# of every learner, for the server to serialise and the browser to decode; the filter finds the rest.
BROWSE_ROWS = 500
UPLOAD_LIMIT_MB = user_corpus.MAX_FILE_BYTES // 2**20 + 1  # a little above the parser's own, so it explains

# How each form field is entered: step and number format of st.number_input.
FIELD_INPUTS = {
    "d_model": (8, "%d"),
    "n_heads": (1, "%d"),
    "n_encoder_layers": (1, "%d"),
    "n_decoder_layers": (1, "%d"),
    "d_ff": (32, "%d"),
    "dropout": (0.05, "%.2f"),
    "steps": (100, "%d"),
    "learning_rate": (0.0005, "%.5f"),
    "batch_size": (8, "%d"),
    "seed": (1, "%d"),
}


def field_label(name: str) -> str:
    return tr(f"train.field_{name}")


def problem_text(key: str, fields: dict) -> str:
    if "field" in fields:
        fields = {**fields, "field": field_label(fields["field"])}
    return tr(key, **fields)


def start_training(train_config: TrainConfig, model_config: ModelConfig, corpus, share: bool = True) -> None:
    """Queue a run for this session unless one is already going (five clicks, one run); with
    `share`, the same run finished or going on on this server is taken instead (ui/training.py)."""
    current = st.session_state[state.TRAIN_RUN]
    if current is not None and current.active:
        st.session_state[state.TRAIN_NOTICE] = ("train.already_running", {})
        return
    st.session_state[state.TRAIN_RUN] = training.training_board().request(
        train_config, model_config, corpus, session_alive=streamlit_internals.session_alive_check(), share=share
    )


def train_anyway(run: training.LearnerRun) -> None:
    """Give the shared run up and queue a live run of the same settings."""
    run.stop()
    start_training(run.train_config, run.model_config, run.corpus, share=False)


def init_state() -> None:
    """The Train page's state keys (ui/state.py names them) with their first values."""
    for key, default in (
        (state.TRAIN_RUN, None),
        (state.TRAIN_SETTINGS, None),
        (state.TRAIN_FORM_PROBLEMS, []),
        (state.TRAIN_NOTICE, None),
        (state.TRAIN_OWN_CORPUS, None),
    ):
        if key not in st.session_state:
            st.session_state[key] = default


def own_pairs_section():
    """The upload box for the learner's own pairs; returns the parsed corpus when it is to be
    used for training (a model.user_corpus.UserCorpus), else None (the generated corpus)."""
    own_corpus = None
    with st.expander(tr("train.own_header"), expanded=st.session_state.get(UPLOAD_WIDGET) is not None):
        st.markdown(
            tr(
                "train.own_intro",
                max_mb=user_corpus.MAX_FILE_BYTES // 2**20,
                max_rows=f"{user_corpus.MAX_ROWS:,}",
                max_characters=user_corpus.MAX_SIDE_CHARACTERS,
                min_pairs=user_corpus.MIN_PAIRS,
            )
        )
        uploaded = st.file_uploader(
            tr("train.own_upload"),
            type=["tsv", "csv", "txt"],
            max_upload_size=UPLOAD_LIMIT_MB,
            key=UPLOAD_WIDGET,
            help=tr("train.own_upload_help"),
        )
        parsed = None
        if uploaded is None:  # no file, or the learner removed it: the generated corpus again
            st.session_state[state.TRAIN_OWN_CORPUS] = None
        else:
            outcome = training.parse_upload(uploaded.getvalue(), uploaded.name)
            if outcome.corpus is None:
                details = {"limit_mb": user_corpus.MAX_FILE_BYTES // 2**20, "limit_rows": f"{user_corpus.MAX_ROWS:,}"}
                st.error(tr(f"train.file_{outcome.error_code}", **details, **outcome.error_details))
                if st.session_state[state.TRAIN_OWN_CORPUS] is not None:  # the pairs read before stay
                    kept_name, parsed = st.session_state[state.TRAIN_OWN_CORPUS]
                    st.info(tr("train.own_kept", name=sidebar.escape_markdown(kept_name)))
            else:
                parsed = outcome.corpus
                st.session_state[state.TRAIN_OWN_CORPUS] = (uploaded.name, parsed)
        if parsed is not None:
            st.success(
                tr(
                    "train.own_summary",
                    accepted=len(parsed.pairs),
                    rejected=len(parsed.rejected),
                    encoding=parsed.encoding.upper(),
                    delimiter=tr("train.delimiter_tab") if parsed.delimiter == "\t" else tr("train.delimiter_comma"),
                )
            )
            if parsed.header_skipped:
                st.caption(tr("train.own_header_skipped"))
            if parsed.pairs:
                st.caption(tr("train.own_preview"))
                preview = training.corpus_frame(parsed).sort_values("line").head(200)
                preview["split"] = preview["split"].map(lambda name: tr(f"train.split_{name}"))
                preview_columns = ["line", "korean", "english", "split"]
                st.dataframe(
                    preview[preview_columns].rename(columns={c: tr(f"train.column_{c}") for c in preview_columns}),
                    hide_index=True,
                    height=220,
                )
            if parsed.rejected:
                st.warning(tr("train.own_rejected", count=len(parsed.rejected)))
                st.dataframe(
                    [
                        {
                            tr("train.column_line"): row.line,
                            tr("train.column_reason"): tr(
                                f"train.reject_{row.code}",
                                other_line=row.other_line,
                                max_characters=user_corpus.MAX_SIDE_CHARACTERS,
                                max_korean_tokens=user_corpus.MAX_KOREAN_TOKENS,
                                max_english_tokens=user_corpus.MAX_ENGLISH_TOKENS,
                            ),
                            tr("train.column_row"): row.text,
                        }
                        for row in parsed.rejected
                    ],
                    hide_index=True,
                    height=min(400, 38 + 35 * len(parsed.rejected)),
                )
            if parsed.trainable:
                if st.toggle(tr("train.own_use"), key=USE_OWN_CORPUS_WIDGET, help=tr("train.own_use_help")):
                    own_corpus = parsed
            else:
                st.info(tr("train.own_too_few", min_pairs=user_corpus.MIN_PAIRS))
    return own_corpus


def corpus_section(own_corpus) -> None:
    """The corpus the form trains on: its splits, and its pairs to browse and filter."""
    st.header(tr("train.corpus_header"))
    corpus_table = training.corpus_frame(own_corpus) if own_corpus is not None else training.generated_corpus_frame(0)
    st.caption(tr("train.corpus_own") if own_corpus is not None else tr("train.corpus_generated"))
    with st.container(horizontal=True):
        for name in SPLITS:
            st.metric(tr(f"train.split_{name}"), f"{(corpus_table['split'] == name).sum():,}", border=True)
    if own_corpus is None:
        with st.expander(tr("train.constructions_header")):
            counts = training.construction_counts(corpus_table)
            counts.index = [tr(f"train.construction_{name}") for name in counts.index]
            counts.columns = [
                tr(f"train.split_{name}") if name in SPLITS else tr("train.total") for name in counts.columns
            ]
            st.dataframe(counts)
    split_column, filter_column = st.columns([1, 2])
    with split_column:
        split = (
            st.segmented_control(
                tr("train.split_picker"),
                options=list(SPLITS),
                default="train",
                format_func=lambda name: tr(f"train.split_{name}"),
                key=SPLIT_WIDGET,
                help=tr("train.split_help"),
            )
            or "train"
        )
    with filter_column:
        search = st.text_input(tr("train.filter"), key=FILTER_WIDGET, placeholder=tr("train.filter_placeholder"))
    shown = training.filter_pairs(corpus_table, split, search)
    if len(shown) > BROWSE_ROWS:
        st.caption(tr("train.showing_first", first=f"{BROWSE_ROWS:,}", shown=f"{len(shown):,}", box=tr("train.filter")))
        shown = shown.head(BROWSE_ROWS)
    else:
        st.caption(tr("train.showing", shown=f"{len(shown):,}", total=f"{(corpus_table['split'] == split).sum():,}"))
    columns = ["korean", "english", "construction"] if own_corpus is None else ["line", "korean", "english"]
    # One lookup per construction, not per row: thousands of rows share a dozen names.
    construction_names = {
        name: tr(f"train.construction_{name}") if name else "" for name in shown["construction"].unique()
    }
    shown = shown.assign(construction=shown["construction"].map(construction_names))
    st.dataframe(
        shown[columns].rename(columns={name: tr(f"train.column_{name}") for name in columns}),
        hide_index=True,
        height=300,
    )


def form_section(own_corpus, run) -> None:
    """The model and training settings; a valid submission starts a run for this session."""
    train_defaults, model_defaults = st.session_state[state.TRAIN_SETTINGS] or (TrainConfig(), ModelConfig())
    st.header(tr("train.settings_header"))
    st.markdown(tr("train.settings_intro"))
    running = run is not None and run.active
    with st.form(FORM_KEY, border=True):
        values = {}
        for names, defaults, column_count in (
            (training.MODEL_FORM_FIELDS, model_defaults, 3),
            (training.TRAIN_FORM_FIELDS, train_defaults, 4),
        ):
            columns = st.columns(column_count)
            for index, name in enumerate(names):
                step, number_format = FIELD_INPUTS[name]
                low, high = type(defaults).RANGES[name]
                with columns[index % column_count]:
                    values[name] = st.number_input(
                        field_label(name),
                        value=getattr(defaults, name),
                        step=step,
                        format=number_format,
                        key=FIELD_WIDGET_PREFIX + name,
                        help=tr(f"train.help_{name}", low=low, high=high),
                    )
        st.caption(tr("train.threads_note", threads=training.threads_per_run(), slots=training.slot_count()))
        submitted = st.form_submit_button(tr("train.start"), type="primary", disabled=running)

    if submitted:
        model_config = ModelConfig(**{name: values[name] for name in training.MODEL_FORM_FIELDS})
        train_config = TrainConfig(
            **{name: values[name] for name in training.TRAIN_FORM_FIELDS},
            threads=training.threads_per_run(),
            eval_every=training.schedule_for(values["steps"])[0],
            snapshot_every=training.schedule_for(values["steps"])[1],
            probe_sentence=training.probe_sentence_for(own_corpus, TrainConfig().probe_sentence),
        )
        problems = training.config_problems(train_config, model_config)
        st.session_state[state.TRAIN_FORM_PROBLEMS] = problems
        if not problems:
            st.session_state[state.TRAIN_SETTINGS] = (train_config, model_config)
            start_training(train_config, model_config, own_corpus)
            st.rerun()  # draw the page again with the form disabled and the live view polling
    for key, fields in st.session_state[state.TRAIN_FORM_PROBLEMS]:
        st.error(problem_text(key, fields))
    if st.session_state[state.TRAIN_NOTICE] is not None:
        key, fields = st.session_state[state.TRAIN_NOTICE]
        st.warning(tr(key, **fields))
        st.session_state[state.TRAIN_NOTICE] = None


def draw_progress(view: training.RunView) -> None:
    """The place in the queue, or the progress bar with the time left."""
    if view.status == training.WAITING:
        st.info(training.waiting_message(view, state.current_language(), st.context.timezone))
        return
    eta = view.eta_seconds
    st.progress(
        view.fraction,
        text=tr("train.progress", step=view.step, total=view.total_steps, seconds=f"{view.elapsed_seconds:.0f}")
        + (tr("train.eta", eta=f"{eta:.0f}") if eta is not None else ""),
    )


def draw_live_charts(view: training.RunView) -> None:
    """The curves so far and the latest snapshot of the probe sentence (nothing while waiting)."""
    if view.status == training.WAITING:
        return
    history = training.history_frame(view.history)
    # Through the chart cache: redrawn every LIVE_CHARTS_SECONDS for every learner who trains, while
    # the curves and the snapshot change only at a report. Built anew each time, they were a tenth of
    # the server's Python time in benchmarks/classroom.py (py-spy).
    if history.empty:
        st.caption(tr("train.curves_soon"))
    else:
        loss_column, exact_column = st.columns(2)
        with loss_column:
            views.draw(views.chart("line_chart", history, **loss_options(None)), width="stretch")
        with exact_column:
            views.draw(views.chart("line_chart", history, **exact_options(None)), width="stretch")
    if view.snapshot is not None:
        st.caption(tr("train.live_snapshot", step=view.snapshot["step"]))
        views.draw(snapshot_grid(view.snapshot))


def loss_options(marker_step) -> dict:
    """ui.charts.line_chart options of the loss curves (train and validation)."""
    return {
        "y_columns": ("train_loss", "valid_loss"),
        "series_labels": {"train_loss": tr("train.series_train_loss"), "valid_loss": tr("train.series_valid_loss")},
        "title": tr("train.loss_title"),
        "x_title": tr("train.axis_step"),
        "y_title": tr("train.axis_loss"),
        "marker_x": marker_step,
        "height": 200,
    }


def exact_options(marker_step) -> dict:
    """ui.charts.line_chart options of the validation exact-match curve."""
    return {
        "y_columns": ("valid_exact_match",),
        "series_labels": {"valid_exact_match": tr("train.series_valid_exact_match")},
        "title": tr("train.exact_title"),
        "x_title": tr("train.axis_step"),
        "y_title": tr("train.axis_exact_match"),
        "marker_x": marker_step,
        "height": 160,
    }


def snapshot_grid(snapshot) -> views.PreparedChart:
    """Every layer x head of a snapshot's cross-attention, in the session's palette."""
    return views.chart(
        "attention_grid",
        training.cross_attention_frame(snapshot),
        layer_title=tr("train.layer"),
        head_title=tr("train.head"),
        x_title=tr("train.axis_korean"),
        y_title=tr("train.axis_english"),
        value_title=tr("train.axis_weight"),
    )


def draw_outcome(run: training.LearnerRun, view: training.RunView) -> None:
    if left := training.left_message(view, state.current_language()):
        st.info(left)
        return
    if view.status == training.FAILED:
        st.error(tr(f"train.failed_{view.error_code}", message=view.error_message) + " " + tr("train.model_kept"))
        return
    if view.result is None or view.result.steps_done == 0:
        st.info(tr("train.stopped_before_start") + " " + tr("train.model_kept"))
        return
    if view.result.checkpoint.metrics["best_step"] == 0:  # stopped before the first evaluation: untrained weights
        st.info(tr("train.stopped_before_evaluation", steps=view.result.steps_done) + " " + tr("train.model_kept"))
        return
    result, metrics = view.result, view.result.checkpoint.metrics
    if view.status == training.STOPPED:
        st.warning(tr("train.stopped", steps=result.steps_done, total=view.total_steps, best=metrics["best_step"]))
    else:
        st.success(
            tr("train.done", steps=result.steps_done, seconds=f"{metrics['seconds']:.0f}", best=metrics["best_step"])
        )
    with st.container(horizontal=True):
        st.metric(tr("train.metric_test_exact"), f"{metrics['test_exact_match']:.1%}", border=True)
        st.metric(tr("train.metric_valid_exact"), f"{metrics['valid_exact_match']:.1%}", border=True)
        st.metric(tr("train.metric_steps"), f"{metrics['steps']:,}", border=True)
        st.metric(tr("train.metric_seconds"), f"{metrics['seconds']:.0f}", border=True)
        st.metric(tr("train.metric_parameters"), f"{metrics['parameters']:,}", border=True)
    in_use = state.session_checkpoint() is result.checkpoint
    with st.container(horizontal=True):
        st.button(
            tr("train.use_model") if not in_use else tr("train.in_use"),
            type="primary",
            disabled=in_use,
            key=USE_MODEL_WIDGET,
            on_click=state.use_session_checkpoint,
            args=(result.checkpoint,),
            help=tr("train.use_model_help"),
        )
        st.download_button(
            tr("train.download"),
            data=lambda: checkpoint_bytes(result.checkpoint),
            file_name="attention-lab-model.safetensors",
            mime="application/octet-stream",
            key=DOWNLOAD_WIDGET,
            on_click="ignore",
            help=tr("train.download_help"),
        )


def run_section(run) -> None:
    """The session's run: live while it goes, then its outcome (or a line saying there is none).

    The outcome is drawn outside the fragment: "use this model" must rerun the whole app so
    the sidebar shows it.
    """
    if run is not None and (
        shared := training.shared_message(run.view(), state.current_language(), st.context.timezone)
    ):
        st.info(shared)
        st.button(tr("train.train_anyway"), on_click=train_anyway, args=(run,), help=tr("train.train_anyway_help"))
    if run is None:
        st.caption(tr("train.no_run"))
    elif run.active:
        status = run.view().status
        live_run(run, status)
        if status != training.WAITING:  # a queued run has no curves yet: no fragment ticking for them
            live_charts(run)
    else:
        draw_outcome(run, run.view())


@st.fragment(run_every=POLL_SECONDS)
def live_run(run: training.LearnerRun, drawn_status: str) -> None:
    """Redrawn every POLL_SECONDS while the run is going; the rest of the page stays as it is
    (`drawn_status`: the run's status when the whole page was drawn)."""
    view = run.view()
    if not view.active:
        st.rerun()  # the run just ended: redraw the whole page once (results, the form enabled, no polling)
    if drawn_status == training.WAITING and view.status != training.WAITING:
        st.rerun()  # the run left the queue: redraw the whole page once, now with its live curves
    st.button(tr("train.stop"), key=STOP_WIDGET, on_click=run.stop, help=tr("train.stop_help"))
    draw_progress(view)


@st.fragment(run_every=LIVE_CHARTS_SECONDS)
def live_charts(run: training.LearnerRun) -> None:
    """The live curves and snapshot, redrawn less often than the progress bar (see LIVE_CHARTS_SECONDS)."""
    draw_live_charts(run.view())


def over_training_section(checkpoint) -> None:
    """The studied model's snapshots of the probe sentence: its attention step by step of training."""
    st.header(tr("train.over_training_header"))
    st.markdown(tr("train.over_training_intro"))
    snapshots = checkpoint.snapshots
    if not snapshots:
        st.info(tr("train.no_snapshots"))
    else:
        steps = [snapshot["step"] for snapshot in snapshots]
        snapshot_step = (
            st.select_slider(tr("train.snapshot_step"), options=steps, value=steps[-1], key=SNAPSHOT_STEP_WIDGET)
            if len(steps) > 1
            else steps[0]
        )
        snapshot = snapshots[steps.index(snapshot_step)]
        layer_count = len(snapshot[AttentionKind.CROSS])
        head_count = len(snapshot[AttentionKind.CROSS][0]) if layer_count else 0
        layer_column, head_column = st.columns(2)
        layer = layer_column.segmented_control(
            tr("train.layer"), options=list(range(layer_count)), default=layer_count - 1, key=LAYER_WIDGET
        )
        head = head_column.segmented_control(
            tr("train.head"), options=list(range(head_count)), default=0, key=HEAD_WIDGET
        )
        layer = layer_count - 1 if layer is None else layer
        head = 0 if head is None else head
        cross = training.cross_attention_frame(snapshot)
        one_map = cross[(cross["layer"] == layer) & (cross["head"] == head)]
        at_step = training.history_at(checkpoint.history, snapshot_step)
        map_column, curve_column = st.columns(2)
        with map_column:
            snapshot_chart = views.show(
                "attention_heatmap",
                one_map,
                title=tr("train.snapshot_title", step=snapshot_step, layer=layer, head=head),
                x_title=tr("train.axis_korean"),
                y_title=tr("train.axis_english"),
                value_title=tr("train.axis_weight"),
                cell_size=max(18, min(HEATMAP_CELL_SIZE, HEATMAP_WIDTH // len(snapshot["source_tokens"]))),
            )
            export.download_buttons(
                one_map, snapshot_chart.chart, f"snapshot_step{snapshot_step}_layer{layer}_head{head}"
            )
        with curve_column:
            if at_step is None:
                st.caption(tr("train.before_first_evaluation"))
            else:
                st.markdown(
                    tr(
                        "train.at_step",
                        step=at_step["step"],
                        train_loss=f"{at_step['train_loss']:.3f}",
                        valid_loss=f"{at_step['valid_loss']:.3f}",
                        exact=f"{at_step['valid_exact_match']:.1%}",
                    )
                )
            if checkpoint.history:
                history = training.history_frame(checkpoint.history)
                views.draw(views.chart("line_chart", history, **loss_options(snapshot_step)), "stretch")
        st.caption(tr("train.over_training_caption"))
