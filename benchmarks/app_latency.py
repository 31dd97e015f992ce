"""App latency in a real browser: first page, page switches, layer changes, server memory.

    python benchmarks/app_latency.py                  # 3 rounds over every page, 6 layer/head changes
    python benchmarks/app_latency.py --rounds 5 --changes 10 --extra-sessions 5

Starts `streamlit run streamlit_app.py` headless on 127.0.0.1 and drives Debian's
Chromium (/usr/bin/chromium) with Playwright, both through tests/browser/harness.py
(server start/stop by process id, /_stcore/health, the Chromium flags). Measures:

- first_page_s: from the start of the navigation to the home page on a freshly
  started server (so it includes the server's first imports and the model load) to
  the page idle with its content drawn. The table also shows a second, warm first visit.
- page_switch_median_s: a click on a sidebar link -> that page idle with its charts
  drawn; median over every page and every round (the first round computes what later
  rounds find cached; the table shows both).
- layer_change_s: a click on another layer or head on the encoder page -> the page
  idle with its charts redrawn; median of several changes.
- server_rss_mb: resident memory of the server's process tree (/proc/<pid>/status
  VmRSS of the server and its descendants) after every page was visited.
- rss_per_extra_session_mb: (RSS with 5 more browser contexts open, each having
  visited a couple of pages - RSS before) / 5.
- browser_cpu_per_switch_s: per page, the CPU time Chromium (and Playwright's driver)
  spent on one switch to it, click to idle (median of the rounds; /proc of this script's
  child processes except the server). What a phone, or a class's browsers sharing one
  CPU (benchmarks/classroom.py), pays for each visit.

What "idle" means (measured inside the page, on the page's own clock, so neither
Playwright's polling nor a heavily loaded machine's scheduling of this script adds
to the figures): an init script records, on `performance.now()`, every change a user
could see - DOM mutations in the app (except Streamlit's header, where the status
widget animates), every draw on a canvas (Vega's renderer), and every change of the
app's `data-test-script-state`. The page is idle when, all at once,

1. the websocket is connected (`data-test-connection-state` CONNECTED), the script
   state is `notRunning` and Streamlit's running indicator
   (`stStatusWidgetRunningIcon`) is gone - no pending script run;
2. the action took effect: after a page switch the main area shows another title
   (h1) than the page left; after a navigation or a widget change a script run has
   started since the action (seen as a change of `data-test-script-state`, also
   sampled every 10 ms);
3. no element is marked stale (`data-stale="true"`: left over from the previous run);
4. the main area has a title (h1) and at least the expected number of Vega charts
   (learned on a calibration visit of each page), each with its canvas or svg;
5. nothing has changed for QUIET_MS (no mutation, canvas draw or state change).

The figure is the time of the last change before that quiet period minus the time
of the action: when the page reached the state the user then looks at. The quiet
period only confirms it; it is not counted.

Prints a table (with the machine: CPU count, load averages at start and end), then,
as its last line, one JSON object with the keys first_page_s, page_switch_median_s,
layer_change_s, server_rss_mb, rss_per_extra_session_mb, browser_cpu_per_switch_s and
machine. Run by hand, not in CI: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from tests.browser import harness  # noqa: E402

QUIET_MS = 1000
TIMEOUT_MS = 120_000
ENCODER_PAGE = "encoder"
# Widget keys of the encoder page's layer and head pickers (ui/views.py widget_key).
LAYER_PICKER = ".st-key-views_encoder_self_layer"
HEAD_PICKER = ".st-key-views_encoder_self_head"

# Installed before any page script: records the time of every visible change.
RECORDER = """(() => {
  const WATCH_MS = 120000;  // as long as a step may take (TIMEOUT_MS)
  const log = (window.__latency = {lastChange: 0, lastAction: null, runStarts: [], states: []});
  const changed = () => { log.lastChange = performance.now(); };
  // Vega draws on a canvas: a redraw without a DOM mutation is a change too.
  const context = CanvasRenderingContext2D.prototype;
  for (const name of ['clearRect', 'fillRect', 'fillText', 'fill', 'stroke', 'drawImage']) {
    const original = context[name];
    context[name] = function (...args) { changed(); return original.apply(this, args); };
  }
  // Also sample the script state every few ms: React may replace the app's root element,
  // which shows up as new nodes rather than as a change of its attribute.
  // The address too: the attention pages write their view into it at the end of a run, so a new
  // address proves a run that a crowded browser drew running -> notRunning in one go, unsampled.
  // Sampling runs only from an action (or the page load) until a run has started: a 10 ms timer
  // on every page all the time cost about 3 % of a CPU per idle page, which a dozen learners'
  // pages sharing one CPU (benchmarks/classroom.py) would add to every figure they measure.
  let sampled = null, address = location.href, sampler = null, watchedSince = 0;
  const scriptState = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state');
  };
  const sample = () => {
    const state = scriptState();
    if (state === 'running' && sampled !== 'running') log.runStarts.push(performance.now());
    if (location.href !== address) log.runStarts.push(performance.now());
    sampled = state;
    address = location.href;
    const started = log.runStarts.some((t) => t >= watchedSince);
    if (started || performance.now() - watchedSince > WATCH_MS) { clearInterval(sampler); sampler = null; }
  };
  const watch = () => {
    watchedSince = performance.now();
    address = location.href;
    sampled = scriptState();  // what the page shows now, not what the last sample saw a run ago
    if (sampler === null) sampler = setInterval(sample, 10);
  };
  watch();
  document.addEventListener('pointerdown', () => { log.lastAction = performance.now(); watch(); }, true);
  const ignored = '[data-testid="stHeader"], [data-testid="stStatusWidget"], [data-testid="stDecoration"]';
  const observe = () => new MutationObserver((records) => {
    let counted = false;
    for (const record of records) {
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (record.attributeName === 'data-test-script-state') {
        // A short run may flip running -> notRunning within one batch of records, so
        // the old value counts too.
        const state = target.getAttribute('data-test-script-state');
        log.states.push([state, performance.now()]);
        if (state === 'running' || record.oldValue === 'running') log.runStarts.push(performance.now());
        counted = true;
      } else if (!(target && target.closest(ignored))) {
        counted = true;
      }
    }
    if (counted) changed();
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true});
  if (document.documentElement) observe(); else document.addEventListener('DOMContentLoaded', observe);
})();"""

# Returns the idle moment (page clock, ms) once the page has been idle for quietMs, else false.
IDLE_SINCE = """([since, quietMs, minCharts, previousTitle]) => {
  const log = window.__latency;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!log || !app) return false;
  if (app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  const title = document.querySelector('[data-testid="stMain"] h1');
  if (!title) return false;
  // A new page shows its own title; a change on the same page must have run the script. On a
  // fresh document (since 0) the title itself proves a run: a crowded browser may draw that first
  // run running -> notRunning in one go, which neither the sampler nor the observer then sees.
  if (previousTitle !== null) {
    if (title.innerText === previousTitle) return false;
  } else if (since > 0 && !log.runStarts.some((t) => t >= since)) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const charts = document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]');
  if (charts.length < minCharts) return false;
  for (const chart of charts) if (!chart.querySelector('canvas, svg.marks')) return false;
  if (performance.now() - log.lastChange < quietMs) return false;
  const runEnds = log.states.filter(([state, t]) => state === 'notRunning' && t >= since);
  return [log.lastChange, runEnds.length ? runEnds[runEnds.length - 1][1] : log.lastChange];
}"""

# Which of the conditions above did not hold, for the error message.
IDLE_DIAGNOSIS = """(since) => {
  const log = window.__latency || {};
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    url: location.href,
    connection: app && app.dataset.testConnectionState,
    script: app && app.dataset.testScriptState,
    runningIcon: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
    runStartedSinceAction: (log.runStarts || []).some((t) => t >= since),
    staleElements: document.querySelectorAll('[data-stale="true"]').length,
    title: !!document.querySelector('[data-testid="stMain"] h1'),
    charts: document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]').length,
    msSinceLastChange: performance.now() - (log.lastChange || 0),
    exception: (document.querySelector('[data-testid="stException"]') || {}).innerText,
  };
}"""


# --- the machine and the server's memory -------------------------------------------------


def load_averages() -> tuple[float, float, float]:
    return tuple(round(value, 2) for value in os.getloadavg())


def process_tree(root_pid: int) -> list[int]:
    """`root_pid` and every descendant, from the parent ids in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        # The command name (2nd field) may hold spaces; the parent id follows its ')'.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root_pid]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def tree_rss_mb(root_pid: int) -> float:
    """Resident memory of a process and its descendants, in MiB (VmRSS of each)."""
    total_kb = 0
    for pid in process_tree(root_pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def browser_cpu_seconds(server_pid: int) -> float:
    """CPU time (user + system) used so far by this script's child processes other than the server's
    tree: Playwright's driver and the Chromium it launched (a process that ended is not counted)."""
    server = set(process_tree(server_pid))
    ticks = 0
    for pid in process_tree(os.getpid()):
        if pid == os.getpid() or pid in server:
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def settled_rss_mb(root_pid: int, seconds: float = 2.0) -> float:
    """RSS once the server has had a moment to finish what the last requests started."""
    time.sleep(seconds)
    return tree_rss_mb(root_pid)


def progress(message: str) -> None:
    """What the run is doing, on stderr (the table and the JSON line go to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", file=sys.stderr, flush=True)


# --- timing inside the page --------------------------------------------------------------


class Timing(NamedTuple):
    """Seconds from an action to the page idle, and to the end of its last script run
    (the server's part, with the messages' way to the browser; the rest is drawing)."""

    total: float
    script: float


def seconds_to_idle(page: Page, since_ms: float, min_charts: int, previous_title: str | None = None) -> Timing:
    """Seconds from `since_ms` (page clock) to the page being idle (see the module docstring).

    `previous_title`: the title of the page the action left (a page switch); the new
    page must show another one.
    """
    try:
        idle_at, script_end = page.wait_for_function(
            IDLE_SINCE, arg=[since_ms, QUIET_MS, min_charts, previous_title], polling=50, timeout=TIMEOUT_MS
        ).json_value()
    except PlaywrightTimeoutError as error:
        raise RuntimeError(f"the page never became idle: {page.evaluate(IDLE_DIAGNOSIS, since_ms)}") from error
    return Timing((idle_at - since_ms) / 1000, (script_end - since_ms) / 1000)


def last_action_ms(page: Page) -> float:
    action = page.evaluate("() => window.__latency.lastAction")
    if action is None:
        raise RuntimeError("the click did not reach the page")
    return action


def chart_count(page: Page) -> int:
    return page.locator('[data-testid="stMain"] [data-testid="stVegaLiteChart"]').count()


def open_first_page(page: Page, base_url: str) -> Timing:
    """Navigate to the app; seconds from the navigation's start to the home page idle."""
    page.goto(base_url, wait_until="commit")
    # The navigation started at the page clock's origin (0 ms).
    return seconds_to_idle(page, 0.0, min_charts=0)


def switch_page(page: Page, link: harness.SidebarLink, min_charts: int) -> Timing:
    previous_title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    harness.click_sidebar_link(page, link)
    timing = seconds_to_idle(page, last_action_ms(page), min_charts, previous_title)
    progress(f"{link.url_path or 'home'}: {timing.total:.3f} s (script {timing.script:.3f} s)")
    return timing


def click_option(page: Page, picker: str, index: int) -> Timing:
    """Click the `index`-th option of a radio picker; seconds to the page idle again."""
    page.locator(f'{picker} [role="radiogroup"] label').nth(index).click()
    return seconds_to_idle(page, last_action_ms(page), min_charts=1)


def option_count(page: Page, picker: str) -> int:
    return page.locator(f'{picker} [role="radiogroup"] label').count()


# --- the run -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Latency and memory of the app in headless Chromium.")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of clicks over every page (default 3)")
    parser.add_argument("--changes", type=int, default=6, help="layer/head changes on the encoder page (default 6)")
    parser.add_argument("--extra-sessions", type=int, default=5, help="more browser contexts for RSS (default 5)")
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=harness.REPO_ROOT,
        help="the checkout whose streamlit_app.py to run, e.g. an older commit to compare (default: this one)",
    )
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit config option for the server, e.g. runner.postScriptGC=false; repeatable",
    )
    return parser.parse_args(argv)


def new_session(browser) -> harness.BrowserSession:
    session = harness.new_browser_session(browser, locale="en-US")
    session.page.context.add_init_script(RECORDER)
    return session


def measure(args: argparse.Namespace) -> dict:
    figures: dict = {"load_start": load_averages()}
    options = dict(option.split("=", 1) for option in args.option)
    with harness.running_streamlit(args.app_dir, options) as server, sync_playwright() as playwright:
        pid = server.process.pid
        browser = harness.launch_chromium(playwright)
        try:
            main_session = new_session(browser)
            page = main_session.page
            figures["first_page_s"] = open_first_page(page, server.base_url)
            figures["rss_after_first_page_mb"] = tree_rss_mb(pid)

            links = harness.sidebar_links(page)
            # Home last: a click on the page already open would not rerun it.
            tour = links[1:] + links[:1]
            # Calibration: every page once, to learn how many charts it draws when done.
            expected_charts, first_visits = {}, {}
            for link in tour:
                first_visits[link.url_path or "home"] = switch_page(page, link, min_charts=0)
                harness.wait_until_idle(page)
                expected_charts[link.url_path] = chart_count(page)
            figures["first_visit_s"] = first_visits
            figures["expected_charts"] = {path or "home": count for path, count in expected_charts.items()}

            switches: dict[str, list[Timing]] = {link.url_path or "home": [] for link in tour}
            # What a visit costs the browser: on a phone, or with a class's browsers on one CPU
            # (benchmarks/classroom.py), this is what a page switch waits for.
            browser_cpu: dict[str, list[float]] = {path: [] for path in switches}
            for _ in range(args.rounds):
                for link in tour:
                    before = browser_cpu_seconds(pid)
                    switches[link.url_path or "home"].append(switch_page(page, link, expected_charts[link.url_path]))
                    browser_cpu[link.url_path or "home"].append(browser_cpu_seconds(pid) - before)
            figures["switches_s"] = switches
            figures["browser_cpu_per_switch_s"] = {path: statistics.median(cpu) for path, cpu in browser_cpu.items()}
            figures["page_switch_median_s"] = statistics.median(t.total for times in switches.values() for t in times)
            figures["server_rss_mb"] = settled_rss_mb(pid)

            encoder = next(link for link in links if link.url_path == ENCODER_PAGE)
            switch_page(page, encoder, expected_charts[ENCODER_PAGE])
            layers, heads = option_count(page, LAYER_PICKER), option_count(page, HEAD_PICKER)
            changes = []
            for change in range(args.changes):
                # Alternate layer and head, each to its next option.
                picker, count = (LAYER_PICKER, layers) if change % 2 == 0 else (HEAD_PICKER, heads)
                changes.append(click_option(page, picker, (change // 2 + 1) % count))
            figures["layer_changes_s"] = changes
            figures["layer_change_s"] = statistics.median(t.total for t in changes)

            # A second visitor on a warm server: what most learners see.
            warm = new_session(browser)
            figures["warm_first_page_s"] = open_first_page(warm.page, server.base_url)
            warm.close()

            rss_before = settled_rss_mb(pid)
            visited = [link for link in links if link.url_path in (ENCODER_PAGE, "decoder")]
            extra = []
            for _ in range(args.extra_sessions):
                session = new_session(browser)
                open_first_page(session.page, server.base_url)
                for link in visited:
                    switch_page(session.page, link, expected_charts[link.url_path])
                extra.append(session)
            rss_after = settled_rss_mb(pid)
            for session in extra:
                session.close()
            figures["rss_before_extra_mb"] = rss_before
            figures["rss_with_extra_mb"] = rss_after
            figures["rss_per_extra_session_mb"] = (rss_after - rss_before) / max(args.extra_sessions, 1)
            problems = harness.page_problems(main_session)
            if problems:
                figures["problems"] = problems
            main_session.close()
        finally:
            browser.close()
    figures["load_end"] = load_averages()
    return figures


def print_table(figures: dict, machine: dict) -> None:
    print(f"app: {figures['app_dir']}" + (f"  options: {figures['options']}" if figures["options"] else ""))
    print(
        f"machine: {machine['cpus']} CPUs, load average {machine['load_start']} at start, {machine['load_end']} at end"
    )
    rows = [
        ("first page (fresh server)", f"{figures['first_page_s'].total:.2f} s", "target <= 4"),
        ("first page (warm server)", f"{figures['warm_first_page_s'].total:.2f} s", ""),
        ("page switch, median", f"{figures['page_switch_median_s']:.3f} s", "target <= 0.5"),
        ("layer/head change, median", f"{figures['layer_change_s']:.3f} s", "target <= 0.3"),
        ("server RSS after every page", f"{figures['server_rss_mb']:.0f} MB", "target <= 450"),
        ("RSS per extra session", f"{figures['rss_per_extra_session_mb']:.1f} MB", "target <= 15"),
    ]
    for name, value, target in rows:
        print(f"  {name:<30} {value:>10}   {target}")
    print("  seconds to idle (in brackets: to the end of the script run, the rest is drawing)")
    print("  page switches: first visit | rounds   [charts drawn, the browser's CPU per visit (median)]")
    for path, timings in figures["switches_s"].items():
        first = figures["first_visit_s"][path]
        rounds = " ".join(f"{t.total:.2f}({t.script:.2f})" for t in timings)
        print(
            f"    {path:<16} {first.total:5.2f}({first.script:.2f}) | {rounds}   "
            f"[{figures['expected_charts'][path]} charts, {figures['browser_cpu_per_switch_s'][path]:.2f} s CPU]"
        )
    print("  layer/head changes: " + " ".join(f"{t.total:.2f}({t.script:.2f})" for t in figures["layer_changes_s"]))
    print(
        f"  RSS: {figures['rss_after_first_page_mb']:.0f} MB after the first page, "
        f"{figures['rss_before_extra_mb']:.0f} -> {figures['rss_with_extra_mb']:.0f} MB with the extra sessions"
    )
    for problem in figures.get("problems", []):
        print(f"  problem seen on the page: {problem}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not harness.CHROMIUM_PATH.exists():
        print(f"error: {harness.CHROMIUM_PATH} not found; install the Debian package chromium", file=sys.stderr)
        return 2
    figures = measure(args)
    figures["app_dir"] = str(args.app_dir.resolve())
    figures["options"] = args.option
    machine = {"cpus": os.cpu_count(), "load_start": figures["load_start"], "load_end": figures["load_end"]}
    print_table(figures, machine)
    result = {
        "first_page_s": round(figures["first_page_s"].total, 3),
        "page_switch_median_s": round(figures["page_switch_median_s"], 3),
        "layer_change_s": round(figures["layer_change_s"], 3),
        "server_rss_mb": round(figures["server_rss_mb"], 1),
        "rss_per_extra_session_mb": round(figures["rss_per_extra_session_mb"], 2),
        "browser_cpu_per_switch_s": {path: round(cpu, 2) for path, cpu in figures["browser_cpu_per_switch_s"].items()},
        "machine": machine,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
