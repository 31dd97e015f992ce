"""Helpers for tests that run the app under Streamlit's AppTest: start a page, run it again, and
read back what it sent to the browser (each chart's Vega-Lite spec and Arrow datasets, the prose,
the files behind its download buttons).

Every run asserts that the script raised nothing, so a test fails at the run that broke."""

import json
import time
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.testing.v1.element_tree import DownloadButton

from ui import state, texts

WAIT_TIMEOUT_S = 120


def wait_until(condition: Callable[[], bool], timeout: float = WAIT_TIMEOUT_S) -> None:
    """Poll `condition` (a training thread's progress, a queue's counts) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def run_page(page: str, language: str = "en", sentence: str | None = None, timeout: float = 60) -> AppTest:
    """Run the page file `page` once in `language`; with `sentence`, as the sidebar's sentence."""
    app = AppTest.from_file(page, default_timeout=timeout)
    app.session_state[state.LANGUAGE] = language
    if sentence is not None:
        app.session_state[state.SENTENCE] = sentence
    return rerun(app)


def rerun(app: AppTest) -> AppTest:
    """Run the script again (after widget changes) and check it raised nothing."""
    app.run()
    assert not app.exception, app.exception
    return app


def open_tab(app: AppTest, tabs_key: str, label_key: str) -> AppTest:
    """Open the tab labelled `texts.TEXTS[label_key]` of the lazy `st.tabs(key=tabs_key)`, as a click
    would (AppTest cannot click a tab), and run the page."""
    app.session_state[tabs_key] = texts.text(label_key, app.session_state[state.LANGUAGE])
    return rerun(app)


def drawn_charts(app: AppTest) -> list[tuple[dict, dict[str, pd.DataFrame]]]:
    """Every chart on the page: (Vega-Lite spec, {dataset name: rows}) in page order."""
    charts = []
    for element in app.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        datasets = {
            dataset.name: pa.ipc.open_stream(dataset.data.data).read_pandas() for dataset in element.proto.datasets
        }
        charts.append((spec, datasets))
    return charts


def markdown_text(app: AppTest) -> str:
    """The page's st.markdown prose (main area), one element per line."""
    return "\n".join(element.value for element in app.markdown)


def record_downloads(monkeypatch) -> Callable[[DownloadButton], bytes]:
    """Keep the files AppTest's download buttons hold; return a function: button -> its bytes.

    AppTest gives each run a MediaFileManager of its own, created in `AppTest._run` and
    dropped after the run (streamlit 1.67), and no public API reads its files back. So the
    class AppTest creates is replaced by one that remembers its instances. A button with a
    callable (the app's exports: the file is made on the click) holds no file, only the id
    of its deferred callable: the function runs it, as the server does on a click. If an
    upgrade renames the class, this monkeypatch raises AttributeError and every test that
    reads a download fails.
    """
    managers: list[tuple[MediaFileManager, MemoryMediaFileStorage]] = []

    class RecordingManager(MediaFileManager):
        def __init__(self, storage: MemoryMediaFileStorage) -> None:
            super().__init__(storage)
            managers.append((self, storage))

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)

    def data(button: DownloadButton) -> bytes:
        failure = None  # why the latest run could not give the file: an export that raised shows here
        for manager, storage in reversed(managers):  # the latest run first
            try:
                url = (
                    manager.execute_deferred(button.proto.deferred_file_id)
                    if button.proto.deferred_file_id
                    else button.proto.url
                )
                return bytes(storage.get_file(url.rsplit("/", 1)[-1]).content)
            except MediaFileStorageError as error:
                failure = failure or error
        raise LookupError(
            f"no recorded file behind the download button {button.proto.label!r} ({button.proto.id})"
        ) from failure

    return data
