"""benchmarks/floor_app, the Streamlit app with nothing on its pages that benchmarks/classroom.py
can run instead of Attention Lab (`--app`): it must offer what the benchmark clicks, where the
real app offers it, or the two runs would not compare like with like."""

import ast
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks import app_latency, classroom
from ui import sidebar

FLOOR = Path(__file__).resolve().parents[1] / "benchmarks" / "floor_app"


def widget_key(selector: str) -> str:
    """The widget key in a selector such as ".st-key-train_field_seed input"."""
    return selector.split()[0].removeprefix(".st-key-")


def floor_page(name: str) -> AppTest:
    app = AppTest.from_file(str(FLOOR / "pages" / f"{name}.py"), default_timeout=30)
    return app.run()


def floor_navigation() -> dict[str, str]:
    """The floor's PAGES (address -> title), read from its streamlit_app.py without running it."""
    tree = ast.parse((FLOOR / "streamlit_app.py").read_text())
    (value,) = [node.value for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "PAGES"]
    return ast.literal_eval(value)


def test_the_floor_has_the_apps_pages_at_the_same_addresses_in_the_same_order():
    navigation = floor_navigation()
    assert list(navigation) == [page.url_path for page in sidebar.PAGES]
    assert sorted(path.stem for path in (FLOOR / "pages").glob("*.py")) == sorted(navigation)
    # classroom.py knows a switch has landed when the page's title changes: every title its own.
    titles = [floor_page(name).title[0].value for name in navigation]
    assert len(set(titles)) == len(titles)
    app = AppTest.from_file(str(FLOOR / "streamlit_app.py"), default_timeout=30).run()
    assert not app.exception
    assert [title.value for title in app.title] == [navigation["home"]]


def test_the_encoder_page_has_the_pickers_the_benchmark_clicks():
    app = floor_page("encoder")
    layer = app.radio(key=widget_key(app_latency.LAYER_PICKER))
    head = app.radio(key=widget_key(app_latency.HEAD_PICKER))
    layer.set_value(1)
    head.set_value(2)
    app.run()
    assert not app.exception
    # The view goes into the address, as the real page's does: the benchmark sees the run.
    assert (app.query_params["layer"], app.query_params["head"]) == ("1", "2")


def test_the_train_page_queues_a_run_and_offers_its_model_once_it_has_ended():
    st.cache_resource.clear()  # the floor's schedule of runs outlives a test in this process
    app = floor_page("train")
    app.number_input(key=widget_key(classroom.SEED_FIELD)).set_value(1)
    (train,) = app.get("form_submit_button")  # classroom.SUBMIT_BUTTON is a form's submit button
    train.click().run()
    assert not app.exception
    assert app.get("progress") or app.info, "a run in progress or waiting shows it"
    use_model = widget_key(classroom.USE_MODEL_BUTTON)
    assert not any(button.key == use_model for button in app.button)
    app.session_state["run"] = (0.0, 1.0)  # a run that ended long ago
    app.run()
    assert any(button.key == use_model for button in app.button)
