"""Records when the Streamlit server is asked for a run and when it has sent the run's end.

benchmarks/classroom.py starts the server with this directory on PYTHONPATH and
ATTENTION_LAB_RUN_LOG set to a file; Python then imports this module at start-up
(`site` imports any `sitecustomize` on the path) and every session's rerun requests and
finished runs are appended there, one JSON line each: the server's side of a page
switch, which the browser's own clock cannot separate from the time it takes to draw.
Only the benchmark's server gets it; the app itself never imports this.

Private API: `AppSession.request_rerun` and `_handle_scriptrunner_event_on_event_loop`
(Streamlit 1.67). When an upgrade moves them, the log stays empty and classroom.py says so.
"""

import json
import os
import sys
import threading
import time

LOG_PATH = os.environ.get("ATTENTION_LAB_RUN_LOG")


def _install(log_path: str) -> None:
    try:
        from streamlit.runtime.app_session import AppSession
        from streamlit.runtime.scriptrunner import ScriptRunnerEvent
    except ImportError as error:
        print(f"server timing: not recorded ({error})", file=sys.stderr)
        return
    lock = threading.Lock()
    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the server's life
    finished = {
        ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS: "run_finished",
        ScriptRunnerEvent.SCRIPT_STOPPED_WITH_COMPILE_ERROR: "run_finished",
        ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS: "fragment_finished",
    }

    def write(session: str, event: str) -> None:
        with lock:
            log.write(json.dumps({"t": time.time(), "session": session, "event": event}) + "\n")

    request_rerun = AppSession.request_rerun
    handle_event = AppSession._handle_scriptrunner_event_on_event_loop

    def timed_request_rerun(self, client_state, *args, **kwargs):
        write(self.id, "fragment_requested" if client_state and client_state.fragment_id else "run_requested")
        return request_rerun(self, client_state, *args, **kwargs)

    def timed_handle_event(self, sender, event, *args, **kwargs):
        result = handle_event(self, sender, event, *args, **kwargs)
        if event in finished:
            write(self.id, finished[event])
        return result

    AppSession.request_rerun = timed_request_rerun
    AppSession._handle_scriptrunner_event_on_event_loop = timed_handle_event


if LOG_PATH:
    _install(LOG_PATH)
