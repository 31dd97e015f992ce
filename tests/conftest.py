"""Shared pytest setup: make the repository root importable (model/, ui/, tests.browser), and the
fixtures several test files need (the shipped checkpoint, navigation through the entrypoint)."""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

STREAMLIT_PAGES_MANAGER_INIT = PagesManager.__init__

# Property-based tests (tests/test_fuzz.py). "ci" (CI=true, as .ci/run sets it) is a fixed budget
# drawn the same way every run: a failure there fails again on the next run, with the same example.
# "dev" draws new examples each run and remembers failures in .hypothesis/; "deep" is for a long
# hunt by hand: HYPOTHESIS_PROFILE=deep python -m pytest tests/test_fuzz.py.
_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci", max_examples=300, derandomize=True, database=None, deadline=None, suppress_health_check=_FUZZ_HEALTH
)
settings.register_profile("dev", max_examples=300, deadline=None, suppress_health_check=_FUZZ_HEALTH)
settings.register_profile("deep", max_examples=5_000, deadline=None, suppress_health_check=_FUZZ_HEALTH)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture(scope="module")
def shipped():
    """The shipped checkpoint, loaded once per test module."""
    # Imported here: torch loads only for the tests that use a model.
    from model.checkpoint import SHIPPED_CHECKPOINT, load_checkpoint

    return load_checkpoint(SHIPPED_CHECKPOINT)


@pytest.fixture
def navigation_runs_the_entrypoint(monkeypatch):
    """Make every AppTest run go through streamlit_app.py, as the real server does.

    AppTest builds a fresh PagesManager per run, which switches to the legacy
    `pages/`-folder mode whenever that folder exists; later runs then execute the
    page file alone, without the sidebar. `st.navigation` turns that mode off in a
    real server after the first run; this does the same for every test run (the
    app's own guard, ui.state._leave_pages_folder_mode, would cost a rerun each time).
    Request it by name, or for a whole module with
    `pytestmark = pytest.mark.usefixtures("navigation_runs_the_entrypoint")`.
    """

    def init_without_pages_folder_mode(self, *args, **kwargs):
        STREAMLIT_PAGES_MANAGER_INIT(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_without_pages_folder_mode)
