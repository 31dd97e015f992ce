"""ui/streamlit_internals.py: every private Streamlit API the app uses is still there and still
means what the app relies on. A failure here after a Streamlit upgrade names the use to fix;
the app itself would fall back to public behaviour (see each function's docstring)."""

import inspect
import json

import altair as alt
import pandas as pd
from streamlit.testing.v1 import AppTest

from ui import streamlit_internals


def test_the_chart_spec_is_the_one_st_altair_chart_sends():
    def draw_chart():
        import altair as alt
        import pandas as pd
        import streamlit as st

        frame = pd.DataFrame({"x": [1, 2, 3], "y": [0.5, 0.25, 0.25]})
        st.altair_chart(alt.Chart(frame).mark_bar().encode(x="x:O", y="y:Q"), width="content")  # as views.draw

    app = AppTest.from_function(draw_chart).run()
    [sent] = app.get("vega_lite_chart")
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [0.5, 0.25, 0.25]})
    ours = streamlit_internals.vega_lite_spec(alt.Chart(frame).mark_bar().encode(x="x:O", y="y:Q"))
    assert ours is not None, "the private converter is gone: charts are converted on every run"
    datasets = ours.pop("datasets")
    sent_spec = json.loads(sent.proto.spec)
    sent_spec.pop("autosize")  # added when a spec is sent, by st.vega_lite_chart as well
    assert sent_spec == ours
    assert sorted(datasets) == sorted(dataset.name for dataset in sent.proto.datasets)


def test_pages_folder_mode_can_be_turned_off():
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert streamlit_internals.leave_pages_folder_mode() is True
        assert PagesManager.uses_pages_directory is False
        assert streamlit_internals.leave_pages_folder_mode() is False
    finally:
        PagesManager.uses_pages_directory = before


def test_an_uploaded_file_can_be_removed_by_session_and_file_id():
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    assert {"session_id", "file_id"} <= set(inspect.signature(MemoryUploadedFileManager.remove_file).parameters)
    manager = MemoryUploadedFileManager("/upload")
    record = UploadedFileRec(file_id="f1", name="model.safetensors", type="application/octet-stream", data=b"abc")
    manager.add_file("session", record)
    uploaded = UploadedFile(record, None)
    assert uploaded.file_id == "f1"  # what release_uploaded_file reads
    manager.remove_file(session_id="session", file_id="f1")
    assert manager.get_files("session", ["f1"]) == []
    assert get_script_run_ctx() is None  # outside a script run: release_uploaded_file does nothing


def test_the_runtime_can_tell_a_session_is_gone():
    from streamlit.runtime import Runtime

    assert callable(Runtime.exists) and callable(Runtime.instance)
    assert "session_id" in inspect.signature(Runtime.is_active_session).parameters
    assert streamlit_internals.session_alive_check() is None  # no server here: no check


def test_a_link_to_an_undeclared_page_raises_the_private_error():
    error = streamlit_internals.page_not_found_error()
    assert error is not Exception, "streamlit.errors.StreamlitPageNotFoundError is gone"

    def link_to_nowhere():
        import streamlit as st

        from ui import streamlit_internals

        try:
            st.page_link("pages/nowhere.py", label="nowhere")
        except streamlit_internals.page_not_found_error():
            st.write("caught")

    app = AppTest.from_function(link_to_nowhere).run()
    assert not app.exception and [element.value for element in app.markdown] == ["caught"]
