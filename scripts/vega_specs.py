"""Every Vega-Lite chart each page sends for fixed inputs, as one JSON file; or a comparison of two.

    python scripts/vega_specs.py dump before.json        # run every case under AppTest, write the specs
    python scripts/vega_specs.py compare before.json after.json

A refactoring that should not change what the learner sees is checked by dumping on the
commit before it and on the commit after it, then comparing: the two files must be equal,
chart by chart (spec and every row of every dataset, floats to the last bit).

A case is a page with a language, a sentence and the widget values set before its run
(lazy tabs opened through their key, as tests/app_testing.open_tab does),
run through streamlit_app.py as the server runs it (the sidebar, then the page).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from model.attention import AttentionKind  # noqa: E402
from tests.app_testing import drawn_charts, rerun  # noqa: E402
from ui import state, texts  # noqa: E402

# Every run goes through streamlit_app.py, as on a real server (the app's own guard reruns a
# page file that AppTest runs alone: ui.streamlit_internals.leave_pages_folder_mode).
ENTRYPOINT = str(REPO_ROOT / "streamlit_app.py")

# (name, page file, language, sentence or None, {"<widget type>:<key>": value} set before a second run;
# "<key>" opens the tab whose label is that text key)
CASES = [
    ("home", "home.py", "en", None, {}),
    ("basics", "basics.py", "ko", None, {}),
    ("basics_query", "basics.py", "en", None, {"basics_step": "text:basics.qk.header"}),
    ("basics_matrix", "basics.py", "ko", None, {"basics_step": "text:basics.matrix.header"}),
    (
        "basics_causal",
        "basics.py",
        "en",
        None,
        {"basics_step": "text:basics.matrix.header", "basics_causal": True, "basics_scale": False},
    ),
    ("basics_kinds", "basics.py", "ko", None, {"basics_step": "text:basics.kinds.header"}),
    ("train", "train.py", "en", None, {}),
    ("encoder", "encoder.py", "en", None, {}),
    ("encoder_repeated", "encoder.py", "ko", "그는 그녀는", {"views_encoder_self_layer": 1}),
    ("decoder", "decoder.py", "en", None, {}),
    ("decoder_head", "decoder.py", "ko", "그녀는 사과를 먹었다", {"views_decoder_self_head": 2}),
    ("cross_map", "cross.py", "en", None, {}),
    ("cross_map_head", "cross.py", "ko", "그녀는 사과를 먹었다", {"cross_layer": 1, "cross_head": 3}),
    ("cross_guess", "cross.py", "en", None, {"cross_tab": "text:cross.tab.guess"}),
    ("cross_steps", "cross.py", "en", None, {"cross_tab": "text:cross.tab.steps"}),
    ("cross_heads", "cross.py", "en", None, {"cross_tab": "text:cross.tab.heads"}),
    ("hood", "under_the_hood.py", "en", None, {}),
    (
        "hood_decoder_what_if",
        "under_the_hood.py",
        "ko",
        None,
        {"hood_kind": AttentionKind.DECODER_SELF, "hood_causal": False, "hood_scale": False},
    ),
    ("hood_cross", "under_the_hood.py", "en", None, {"hood_kind": AttentionKind.CROSS, "hood_temperature": 2.0}),
    ("hood_ablation", "under_the_hood.py", "en", None, {"hood_heads_off": ["cross:1:0", "cross:1:1"]}),
]


def plain(value):
    """A dataset cell as JSON: NaN and infinities as strings (JSON has neither), numpy scalars as Python."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def run_case(page: str, language: str, sentence: str | None, widgets: dict) -> list[dict]:
    app = AppTest.from_file(ENTRYPOINT, default_timeout=120)
    app.session_state[state.LANGUAGE] = language
    if sentence is not None:
        app.session_state[state.SENTENCE] = sentence
    # Widget values go in before the page's first run (as values a widget picks up from its key):
    # set on a drawn widget, AppTest would format them with the labels of the wrong language.
    for key, value in widgets.items():
        app.session_state[key] = texts.text(value[5:], language) if str(value).startswith("text:") else value
    app.switch_page(f"pages/{page}")
    rerun(app)
    return [
        {"spec": spec, "datasets": {name: table(rows) for name, rows in datasets.items()}}
        for spec, datasets in drawn_charts(app)
    ]


def table(rows) -> dict:
    """A dataset as its column names and its rows of plain cells."""
    return {
        "columns": list(rows.columns),
        "rows": [[plain(cell) for cell in row] for row in rows.itertuples(index=False)],
    }


def dump(path: Path) -> None:
    result = {}
    for name, page, language, sentence, widgets in CASES:
        result[name] = run_case(page, language, sentence, widgets)
        print(f"{name}: {len(result[name])} charts", flush=True)
    path.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=1))


def compare(before_path: Path, after_path: Path) -> int:
    before, after = json.loads(before_path.read_text()), json.loads(after_path.read_text())
    differences = 0
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            print(f"{name}: identical ({len(old)} charts)")
            continue
        differences += 1
        if old is None or new is None:
            print(f"{name}: only in {'after' if old is None else 'before'}")
            continue
        print(f"{name}: DIFFERENT ({len(old)} charts before, {len(new)} after)")
        for index, (old_chart, new_chart) in enumerate(zip(old, new, strict=False)):
            if old_chart != new_chart:
                part = "spec" if old_chart["spec"] != new_chart["spec"] else "datasets"
                print(f"  chart {index}: {part} differs")
    print("identical" if differences == 0 else f"{differences} cases differ")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump", help="run every case and write its charts to OUT")
    dump_parser.add_argument("out", type=Path)
    compare_parser = commands.add_parser("compare", help="compare two dumps; exit code 1 when they differ")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    arguments = parser.parse_args()
    if arguments.command == "dump":
        dump(arguments.out)
        return 0
    return compare(arguments.before, arguments.after)


if __name__ == "__main__":
    sys.exit(main())
