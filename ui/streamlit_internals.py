"""Every use of Streamlit's private API, behind one wall (written against Streamlit 1.67).

Public Streamlit cannot do these four things, and each matters to the app. Each use
says why, imports the private name inside a `try`, and falls back to public behaviour
when an upgrade moves or removes it, so the app keeps working (less well) instead of
failing. tests/test_streamlit_internals.py fails when any private name is gone or
changed meaning, so an upgrade is noticed at once, not in production.

Nothing else in ui/ or pages/ imports from `streamlit.` below the public `st` namespace.
"""

from collections.abc import Callable


def vega_lite_spec(chart) -> dict | None:
    """An Altair chart converted to the Vega-Lite dict exactly as `st.altair_chart` converts it.

    Why: ui/views.py caches the converted spec of every chart (Altair's conversion,
    schema validation and deep copies cost more than the page's own work) and sends it
    with `st.vega_lite_chart`; the spec must be Streamlit's own for the browser to see
    the same chart. Private: `streamlit.elements.vega_charts._convert_altair_to_vega_lite_spec`
    (1.67). Fallback: None, and the caller sends the Altair chart itself every run.
    """
    try:
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
    except ImportError:
        return None
    return _convert_altair_to_vega_lite_spec(chart)


def leave_pages_folder_mode() -> bool:
    """Turn off the legacy `pages/`-folder mode if Streamlit is in it; True when it was on.

    Why: until `st.navigation` has been called once, a fresh server takes a `pages/`
    folder for the legacy multipage layout: a first visit to a deep link (say /encoder,
    after Community Cloud wakes the app) runs that file alone, without the sidebar, and
    every session stays that way until someone opens the home page. The caller reruns
    (`st.rerun()`) through streamlit_app.py when this returns True. Private:
    `streamlit.runtime.pages_manager.PagesManager.uses_pages_directory` (1.67). Fallback:
    False (the deep link shows the page without its sidebar until the home page is opened).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return False
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        return True
    return False


def release_uploaded_file(uploaded) -> None:
    """Drop the server's copy of an uploaded file once it has been read (as st.chat_input does).

    Why: Streamlit keeps uploaded bytes until the session shuts down, and a session whose
    tab closed is kept for reconnection and then dropped without shutting down: without
    this, every upload (up to the 25 MB the box takes) stays in memory for the server's
    lifetime. Private: `MemoryUploadedFileManager.remove_file` and `get_script_run_ctx`
    (1.67). Fallback: nothing is released (the memory is freed when the session ends).
    """
    try:
        from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return
    context = get_script_run_ctx()
    file_id = getattr(uploaded, "file_id", None)
    if context is not None and file_id and isinstance(context.uploaded_file_mgr, MemoryUploadedFileManager):
        context.uploaded_file_mgr.remove_file(session_id=context.session_id, file_id=file_id)


def session_alive_check() -> Callable[[], bool] | None:
    """A function telling whether the calling script's browser session is still connected.

    Why: a training run in its own thread stops when its tab has been closed for a while,
    freeing its server-wide slot (ui/training.py); only the runtime knows the sessions.
    Private: `streamlit.runtime.Runtime.is_active_session` and `get_script_run_ctx` (1.67).
    Fallback, and outside a running server (AppTest, plain Python): None — no check, the
    run goes on until it ends or Stop is pressed.
    """
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return None
    context = get_script_run_ctx()
    if context is None or not Runtime.exists():
        return None
    runtime, session_id = Runtime.instance(), context.session_id
    return lambda: runtime.is_active_session(session_id)


def page_not_found_error() -> type[Exception]:
    """The exception `st.page_link` raises for a page that `st.navigation` did not declare.

    Why: a page file run on its own (AppTest, `streamlit run pages/basics.py`) has no
    navigation to link into, and the page then says so instead of linking. Private
    module: `streamlit.errors.StreamlitPageNotFoundError` (1.67). Fallback: `Exception`
    (st.page_link draws a link and calls nothing of ours, so what it raises is about the
    link).
    """
    try:
        from streamlit.errors import StreamlitPageNotFoundError
    except ImportError:
        return Exception
    return StreamlitPageNotFoundError


# Below 640 px (where Streamlit stacks columns), the box around each chart scrolls sideways.
_PHONE_CHARTS_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) { overflow-x: auto; max-width: 100%; }
}
</style>"""


def phone_charts_scroll() -> None:
    """On a phone, a chart wider than the screen scrolls sideways in its own box; the page does not.

    Why: the layer x head grids are ~700 px wide and must keep their size (cells and token
    labels); on a 390 px phone they pushed the whole main section sideways. A public
    `st.container(horizontal=True, wrap=False)` around each chart scrolls too, but on every
    screen, and its box clips the chart's own toolbar (fullscreen, "Show data") on a desktop.
    Private: Streamlit's DOM test ids `stElementContainer` and `stVegaLiteChart` (1.67), styled
    through the public `st.html` (a style-only block adds no element). Fallback: when an upgrade
    renames them the rule matches nothing and charts overflow as before;
    tests/browser/test_phone_in_browser.py fails then.
    """
    import streamlit as st

    st.html(_PHONE_CHARTS_CSS)
