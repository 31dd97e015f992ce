"""benchmarks/classroom.py's server-side timing: the patch records what Streamlit 1.67's
sessions do, and the pairing turns the log into the server's part of each page run."""

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from benchmarks.classroom import server_command, server_run_seconds

TIMING_MODULE = Path(__file__).resolve().parents[1] / "benchmarks" / "server_timing" / "sitecustomize.py"


def log_line(t: float, session: str, event: str) -> str:
    return json.dumps({"t": t, "session": session, "event": event})


def test_a_run_is_timed_from_its_request_to_its_end_per_session():
    lines = [
        log_line(1.0, "a", "run_requested"),
        log_line(1.2, "b", "run_requested"),
        log_line(1.3, "b", "fragment_requested"),  # the Train page's live progress: not a page run
        log_line(1.4, "b", "fragment_finished"),
        log_line(1.5, "a", "run_finished"),
        log_line(2.0, "b", "run_finished"),
        log_line(3.0, "a", "run_requested"),
        log_line(3.2, "a", "run_requested"),  # a second click while the run goes: Streamlit starts again
        log_line(3.5, "a", "run_finished"),
        log_line(4.0, "a", "run_finished"),  # a run the server started itself (st.rerun): nobody asked
    ]
    assert [round(seconds, 3) for seconds in server_run_seconds(lines)] == [0.5, 0.8, 0.5, 0.3]


def test_the_server_command_pins_the_cpu_and_keeps_the_process_id(tmp_path):
    command = server_command(0, tmp_path / "runs.jsonl")
    assert command[:4] == ["taskset", "-c", "0", "env"]  # both exec what follows: the pid stays the server's
    assert f"ATTENTION_LAB_RUN_LOG={tmp_path / 'runs.jsonl'}" in command
    assert any(part.startswith("PYTHONPATH=") and str(TIMING_MODULE.parent) in part for part in command)


def test_the_patch_logs_requests_and_finished_runs_of_streamlit_sessions(tmp_path, monkeypatch):
    # The private methods the patch wraps must still exist under these names (else it records nothing).
    assert callable(AppSession.request_rerun)
    assert callable(AppSession._handle_scriptrunner_event_on_event_loop)
    calls = []
    monkeypatch.setattr(AppSession, "request_rerun", lambda self, client_state: calls.append("rerun"))
    monkeypatch.setattr(
        AppSession, "_handle_scriptrunner_event_on_event_loop", lambda self, sender, event, *rest: calls.append(event)
    )
    log = tmp_path / "runs.jsonl"
    monkeypatch.setenv("ATTENTION_LAB_RUN_LOG", str(log))
    spec = importlib.util.spec_from_file_location("server_timing_under_test", TIMING_MODULE)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))

    session = SimpleNamespace(id="s1")
    AppSession.request_rerun(session, None)
    AppSession.request_rerun(session, SimpleNamespace(fragment_id="f1"))
    AppSession._handle_scriptrunner_event_on_event_loop(session, None, ScriptRunnerEvent.SCRIPT_STARTED, None)
    AppSession._handle_scriptrunner_event_on_event_loop(
        session, None, ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS, None
    )
    AppSession._handle_scriptrunner_event_on_event_loop(session, None, ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS)

    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(entry["session"], entry["event"]) for entry in entries] == [
        ("s1", "run_requested"),
        ("s1", "fragment_requested"),
        ("s1", "fragment_finished"),
        ("s1", "run_finished"),
    ]
    assert calls[:2] == ["rerun", "rerun"]  # Streamlit's own method still runs
    assert len(calls) == 5
