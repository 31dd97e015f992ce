"""A class on one small server: N learners in headless Chromium at once, half of them training.

    python benchmarks/classroom.py                    # 12 learners, 6 of them press Train
    python benchmarks/classroom.py --learners 30      # where the machine can
    python benchmarks/classroom.py --app benchmarks/floor_app   # the floor: Streamlit with nothing on its pages

As on Streamlit Community Cloud, the app gets one CPU: the server runs under
`taskset -c 0` (`--server-cpu`), and this script, with Playwright's driver and the
Chromium it launches, pins itself to the other CPU (`--browser-cpu`, the same affinity
call `taskset -c 1` makes), so the browsers do not take the server's CPU. Both go
through tests/browser/harness.py (server start/stop by process id, /_stcore/health,
Debian's Chromium and its flags); "idle" is benchmarks/app_latency.py's definition,
measured inside the page on its own clock.

Each learner is its own browser context (its own Streamlit session; learners 2-3, 6-7, ...
have a Korean browser, the others English), starting two seconds after the previous one,
and looks at every page it reaches for `--read-seconds` (default 5) before the next click:

1. opens the app and waits until the home page is idle;
2. visits every page through the sidebar (each switch timed: click -> the new page idle);
3. on the encoder page, picks another layer, then another head (timed the same way);
4. learners 0, 2, 4, ... (half of them) then open Train and press Train: with the default
   settings, the first four with seed 0 (one run, shared) and the next two with seeds 1
   and 2, and wait on the page until "Use this model" shows (the wait is timed from the
   click); the other learners keep visiting pages until every training has ended, so the
   page switches are measured while the server trains.

People read what a page shows; with no reading time (`--read-seconds 0`) every learner clicks
the moment a page is drawn, which is a load test of the browsers rather than of the server:
twelve Chromium pages redrawing charts nonstop keep their one CPU busy (the table gives each
CPU's busy share), and a switch then waits for the browser, not for the app.

`--app benchmarks/floor_app` runs the same class on an app with nothing on its pages but what
this script clicks (the same addresses and widget keys, a Train page whose training is a 15 s
clock): what the browsers pay there is Streamlit's own frontend, the floor under any app's figures.

Errors are what a learner should never meet: an exception box, an error alert, a
JavaScript error, the websocket disconnecting after it had connected, or a step that
never became idle. The server's resident memory (its process tree) is sampled every half
second for the peak.

Prints a table (one row per learner, then the totals and the load averages of the
machine, which is shared), then one JSON line with learners, errors, page_switch_p50_s,
page_switch_p95_s, trainings_requested, trainings_completed, max_wait_for_model_s and
server_rss_peak_mb (and, besides, the server's part of the switches, read_seconds, each
CPU's busy share and the load). The server's part is timed inside the server
(benchmarks/server_timing): from a run's request to its last message sent, for every run of a
whole page; what is left of a switch is the browser receiving and drawing the page.
Targets on 2 CPUs with 12 learners: errors 0, trainings_completed = trainings_requested,
page_switch_p95_s <= 2.0, max_wait_for_model_s <= 60, server_rss_peak_mb <= 690 (the least
memory Community Cloud gives an app). Run by hand, never in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.async_api import Page, async_playwright  # noqa: E402
from playwright.async_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from benchmarks.app_latency import (  # noqa: E402
    HEAD_PICKER,
    IDLE_DIAGNOSIS,
    IDLE_SINCE,
    LAYER_PICKER,
    QUIET_MS,
    RECORDER,
    load_averages,
    tree_rss_mb,
)
from tests.browser import harness  # noqa: E402
from ui import texts  # noqa: E402

TIMEOUT_MS = 120_000
# The first page loads Streamlit's frontend (megabytes of JavaScript) in every context at once, all on
# one CPU: it may take long on a busy machine, and it is not what the targets are about.
FIRST_PAGE_TIMEOUT_MS = 600_000
MODEL_TIMEOUT_MS = 900_000  # a learner waits this long at most for a trained model
STAGGER_S = 2.0  # between two learners opening the app (a class opens a link within half a minute)
READ_SECONDS = 5.0  # a learner looks at a page this long before the next click (a quick reader)
RSS_SAMPLE_S = 0.5
TRAIN_SEEDS = (0, 0, 0, 0, 1, 2)  # the trainers' seeds, in order; more trainers continue with 3, 4, ...
ENCODER_PAGE = "encoder"
TRAIN_PAGE = "train"
USE_MODEL_BUTTON = ".st-key-train_use_model button"
SEED_FIELD = ".st-key-train_field_seed input"
SUBMIT_BUTTON = '[data-testid="stForm"] [data-testid="stFormSubmitButton"] button'

# Counts the websocket dropping after it had connected (Streamlit's connection state on the root element).
DISCONNECT_WATCH = """(() => {
  window.__disconnects = 0;
  let connected = false;
  setInterval(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.dataset.testConnectionState;
    if (state === 'CONNECTED') connected = true;
    else if (connected && state) { window.__disconnects += 1; connected = false; }
  }, 100);
})();"""


@dataclass
class Learner:
    """What one learner did and met."""

    number: int
    locale: str
    seed: int | None  # None: does not train
    switches: list[float] = field(default_factory=list)  # seconds, every page switch and layer/head change
    # (seconds since the class began when the click came, what was clicked, seconds) per switch
    switch_log: list[tuple[float, str, float]] = field(default_factory=list)
    wait_for_model_s: float | None = None
    train_clicked_s: float | None = None  # seconds since the class began
    trained_as: str = ""  # what the page said: "" (own run), "followed", "replayed"
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # the page's last console errors and warnings


CLASS_STARTED = time.monotonic()  # reset when the first learner opens the app


def record(learner: Learner, what: str, seconds: float) -> None:
    """One timed switch, with when it ended and what it was."""
    learner.switches.append(seconds)
    learner.switch_log.append((time.monotonic() - CLASS_STARTED - seconds, what, seconds))


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", file=sys.stderr, flush=True)


async def seconds_to_idle(
    page: Page, since_ms: float, previous_title: str | None = None, timeout_ms: float = TIMEOUT_MS
) -> float:
    try:
        handle = await page.wait_for_function(
            IDLE_SINCE, arg=[since_ms, QUIET_MS, 0, previous_title], polling=100, timeout=timeout_ms
        )
    except PlaywrightTimeoutError as error:
        raise RuntimeError(f"the page never became idle: {await page.evaluate(IDLE_DIAGNOSIS, since_ms)}") from error
    idle_at, _ = await handle.json_value()
    return (idle_at - since_ms) / 1000


async def last_action_ms(page: Page) -> float:
    action = await page.evaluate("() => window.__latency.lastAction")
    if action is None:
        raise RuntimeError("the click did not reach the page")
    return action


async def sidebar_links(page: Page) -> list[str]:
    """The url of every page in the sidebar, in order (read until two reads agree, as harness.sidebar_links)."""
    navigation = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    await navigation.first.wait_for(state="visible", timeout=TIMEOUT_MS)
    previous = None
    for _ in range(10):
        view_more = page.locator('[data-testid="stSidebarNavViewButton"]')
        if await view_more.count() and "more" in (await view_more.inner_text()).lower():
            await view_more.click()
        urls = await navigation.evaluate_all("anchors => anchors.map((a) => a.href)")
        if urls == previous:
            return urls
        previous = urls
        await asyncio.sleep(0.5)
    return previous


def page_name(url: str) -> str:
    return urlparse(url).path.strip("/") or "home"


async def switch_page(page: Page, url: str) -> float:
    previous_title = await page.locator('[data-testid="stMain"] h1').first.inner_text(timeout=TIMEOUT_MS)
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    urls = await links.evaluate_all("anchors => anchors.map((a) => a.href)")
    await links.nth(urls.index(url)).click()
    await page.wait_for_url(harness.page_address(url), timeout=TIMEOUT_MS)
    return await seconds_to_idle(page, await last_action_ms(page), previous_title)


CHECKED_INDEX = "labels => labels.findIndex((label) => label.querySelector('input:checked'))"
SELECTION_WAIT_S = 5  # after a click, how long the radio may take to show the option selected


async def pick_another_option(page: Page, picker: str) -> float:
    """Click the option after the one selected in a radio picker (a click on the selected one runs nothing).

    On a browser CPU shared by a dozen pages the picker may still move (the page above it
    redrawn) between Playwright finding the label and the click landing; the click then selects
    nothing and no run starts. As a learner would, click again when the option is not
    selected; the time counts from the click that took effect.
    """
    options = page.locator(f'{picker} [role="radiogroup"] label')
    try:
        await options.first.wait_for(state="visible", timeout=TIMEOUT_MS)
    except PlaywrightTimeoutError as error:
        main_text = await page.locator('[data-testid="stMain"]').inner_text()
        skeletons = await page.locator('[data-testid="stSkeleton"]').count()  # elements still loading their code
        raise RuntimeError(
            f"no {picker} options on the page: {await page.evaluate(IDLE_DIAGNOSIS, 0)}; {skeletons} skeletons;"
            f" it shows: {main_text[:300]!r}"
        ) from error
    selected = await options.evaluate_all(CHECKED_INDEX)
    wanted = (selected + 1) % await options.count()
    for attempt in range(3):
        await options.nth(wanted).click()
        deadline = time.monotonic() + SELECTION_WAIT_S
        while time.monotonic() < deadline and await options.evaluate_all(CHECKED_INDEX) != wanted:
            await asyncio.sleep(0.1)
        if await options.evaluate_all(CHECKED_INDEX) == wanted:
            break
        progress(f"a click on option {wanted} of {picker} selected nothing (attempt {attempt + 1}); clicking again")
    return await seconds_to_idle(page, await last_action_ms(page))


async def problems_on(page: Page) -> list[str]:
    """Exception boxes, error alerts and a dropped websocket seen on the page now."""
    found = [
        f"exception box: {(await box.inner_text())[:300]}"
        for box in await page.locator('[data-testid="stException"]').all()
    ]
    found += [
        f"error alert: {(await alert.inner_text())[:300]}"
        for alert in await page.locator('[data-testid="stAlertContentError"]').all()
    ]
    disconnects = await page.evaluate("() => window.__disconnects || 0")
    if disconnects:
        found.append(f"websocket disconnected {disconnects} time(s)")
    return found


async def tour(page: Page, learner: Learner, urls: list[str], with_layer_and_head: bool, read_s: float) -> None:
    """Every page once through the sidebar (home last), then another layer and head on the encoder page;
    each page, layer and head looked at for `read_s` seconds before the next click."""
    for url in urls[1:] + urls[:1]:
        record(learner, page_name(url), await switch_page(page, url))
        learner.errors += await problems_on(page)
        await asyncio.sleep(read_s)
    if with_layer_and_head:
        encoder = next(url for url in urls if url.rstrip("/").endswith("/" + ENCODER_PAGE))
        for what, step in (
            (ENCODER_PAGE, lambda: switch_page(page, encoder)),
            ("encoder layer", lambda: pick_another_option(page, LAYER_PICKER)),
        ):
            record(learner, what, await step())
            await asyncio.sleep(read_s)
        record(learner, "encoder head", await pick_another_option(page, HEAD_PICKER))
        learner.errors += await problems_on(page)
        await asyncio.sleep(read_s)


async def train(page: Page, learner: Learner, urls: list[str], read_s: float) -> None:
    """Open Train, read it, set the seed, press Train and wait on the page until the model can be used."""
    train_url = next(url for url in urls if url.rstrip("/").endswith("/" + TRAIN_PAGE))
    record(learner, TRAIN_PAGE, await switch_page(page, train_url))
    await asyncio.sleep(read_s)
    seed = page.locator(SEED_FIELD)
    await seed.fill(str(learner.seed))
    await seed.press("Tab")
    started = time.monotonic()
    learner.train_clicked_s = started - CLASS_STARTED
    await page.locator(SUBMIT_BUTTON).click()
    try:
        await page.locator(USE_MODEL_BUTTON).first.wait_for(state="visible", timeout=MODEL_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        learner.errors.append("no trained model within the time limit")
        return
    learner.wait_for_model_s = time.monotonic() - started
    text = await page.locator('[data-testid="stMain"]').inner_text()
    language = learner.locale[:2]
    learner.trained_as = next(
        (
            name
            for name, key in (("replayed", "train.shared_replayed"), ("followed", "train.shared_followed"))
            if texts.TEXTS[key][language].split("{")[0] in text
        ),
        "",
    )
    learner.errors += await problems_on(page)


async def run_learner(browser, base_url: str, learner: Learner, trainings_over: asyncio.Event, read_s: float) -> None:
    context = await browser.new_context(viewport=harness.VIEWPORT, locale=learner.locale)
    # A click waits for its element to be visible and still like any step does for idle, not Playwright's 30 s:
    # on one CPU shared by every browser the page may be slow to paint. The wait is not counted (timing starts
    # at the click's pointerdown in the page).
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RECORDER)
    await context.add_init_script(DISCONNECT_WATCH)
    page = await context.new_page()
    page.on("pageerror", lambda error: learner.errors.append(f"javascript error: {error}"))
    page.on("console", lambda message: keep_console_message(learner, message))
    try:
        await page.goto(base_url, wait_until="commit")
        await seconds_to_idle(page, 0.0, timeout_ms=FIRST_PAGE_TIMEOUT_MS)
        urls = await sidebar_links(page)
        await tour(page, learner, urls, with_layer_and_head=True, read_s=read_s)
        if learner.seed is not None:
            await train(page, learner, urls, read_s)
        else:
            while not trainings_over.is_set():  # browse on while the others train
                await tour(page, learner, urls, with_layer_and_head=False, read_s=read_s)
        progress(f"learner {learner.number} done: {len(learner.switches)} switches, errors {len(learner.errors)}")
    except Exception as error:  # noqa: BLE001 - a learner's failure is a finding, reported, not a crash
        console = "".join(f"\n        console: {message}" for message in learner.console)
        failure = f"{type(error).__name__}: {str(error)[:1200]}{console}"
        learner.errors.append(failure)
        with contextlib.suppress(Exception):  # what else the page shows (a disconnect, an exception box)
            learner.errors += await problems_on(page)
        with contextlib.suppress(Exception):
            path = Path(tempfile.gettempdir()) / f"classroom-learner-{learner.number}.png"
            await page.screenshot(path=path, full_page=True)
            progress(f"learner {learner.number}: the page as it was, {path}")
        progress(f"learner {learner.number} failed: {failure}")
    finally:
        await context.close()


CONSOLE_KEPT = 5


def keep_console_message(learner: Learner, message) -> None:
    """The page's last few console errors and warnings, shown with a learner's failure (Streamlit's
    frontend logs there what it could not process)."""
    if message.type in ("error", "warning"):
        learner.console = [*learner.console[-(CONSOLE_KEPT - 1) :], message.text[:300]]


class RssSampler(threading.Thread):
    """The server's resident memory (process tree), sampled every RSS_SAMPLE_S; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self._done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(RSS_SAMPLE_S):
            self.peak_mb = max(self.peak_mb, tree_rss_mb(self.pid))

    def stop(self) -> float:
        self._done.set()
        self.join()
        return max(self.peak_mb, tree_rss_mb(self.pid))


def cpus_allowed(pid: int) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Cpus_allowed_list:"):
            return line.split(":", 1)[1].strip()
    return "?"


async def class_session(args: argparse.Namespace, base_url: str) -> list[Learner]:
    trainer_count = args.learners // 2
    seeds = [*TRAIN_SEEDS, *range(3, 3 + max(0, trainer_count - len(TRAIN_SEEDS)))][:trainer_count]
    learners, next_seed = [], iter(seeds)
    for number in range(args.learners):
        seed = next(next_seed, None) if number % 2 == 0 else None
        # Pairs of learners share a language, so trainers and browsers each come in both.
        learners.append(Learner(number, "ko-KR" if (number // 2) % 2 else "en-US", seed))
    trainings_over = asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(harness.CHROMIUM_PATH), headless=True, args=harness.CHROMIUM_ARGS
        )
        try:
            global CLASS_STARTED
            CLASS_STARTED = time.monotonic()
            tasks = []
            for learner in learners:
                tasks.append(
                    asyncio.create_task(run_learner(browser, base_url, learner, trainings_over, args.read_seconds))
                )
                await asyncio.sleep(STAGGER_S)
            trainer_tasks = [task for task, learner in zip(tasks, learners, strict=True) if learner.seed is not None]
            await asyncio.gather(*trainer_tasks)
            trainings_over.set()
            await asyncio.gather(*tasks)
        finally:
            await browser.close()
    return learners


def server_run_seconds(log_lines: list[str]) -> list[float]:
    """The server's part of every whole-page run, from its request to its end, in seconds.

    `log_lines` are benchmarks/server_timing's JSON lines. Per session, a run request waits
    for the next finished run (a request that comes while a run goes makes Streamlit stop that
    run and start again, so both requests end there). Fragment runs (the Train page's live
    progress) are left out: no learner waits for them.
    """
    waiting: dict[str, list[float]] = {}
    seconds = []
    for line in log_lines:
        entry = json.loads(line)
        if entry["event"] == "run_requested":
            waiting.setdefault(entry["session"], []).append(entry["t"])
        elif entry["event"] == "run_finished":
            seconds += [entry["t"] - requested for requested in waiting.pop(entry["session"], [])]
    return seconds


def server_command(cpu: int, run_log: Path) -> list[str]:
    """The prefix that runs the server pinned to `cpu`, recording its runs to `run_log`
    (`env` execs the server, so the process id stays the server's)."""
    timing = REPO_ROOT / "benchmarks" / "server_timing"
    python_path = os.pathsep.join(filter(None, [str(timing), os.environ.get("PYTHONPATH")]))
    return ["taskset", "-c", str(cpu), "env", f"PYTHONPATH={python_path}", f"ATTENTION_LAB_RUN_LOG={run_log}"]


def cpu_jiffies(cpu: int) -> tuple[int, int]:
    """(busy, total) time of one CPU since boot, in clock ticks (/proc/stat; idle and iowait are not busy)."""
    for line in Path("/proc/stat").read_text().splitlines():
        name, *values = line.split()
        if name == f"cpu{cpu}":
            ticks = [int(value) for value in values]
            return sum(ticks) - ticks[3] - ticks[4], sum(ticks)
    raise ValueError(f"no cpu{cpu} in /proc/stat")


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    return round((after[0] - before[0]) / max(1, after[1] - before[1]), 3)


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1), nearest rank: a value some switch really took."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A class of learners on one server pinned to one CPU.")
    parser.add_argument("--learners", type=int, default=12, help="browser sessions at once (default 12)")
    parser.add_argument("--server-cpu", type=int, default=0, help="the CPU the server is pinned to (default 0)")
    parser.add_argument("--browser-cpu", type=int, default=1, help="the CPU of this script and Chromium (default 1)")
    parser.add_argument(
        "--read-seconds",
        type=float,
        default=READ_SECONDS,
        help=f"how long a learner looks at a page before the next click (default {READ_SECONDS:g}; 0: a load test)",
    )
    parser.add_argument(
        "--switch-log", type=Path, help="also write every switch (when, learner, what, seconds) to this JSON-lines file"
    )
    parser.add_argument(
        "--app",
        type=Path,
        default=REPO_ROOT,
        help="the app's folder (default: Attention Lab; benchmarks/floor_app is Streamlit with nothing on its pages)",
    )
    parser.add_argument(
        "--run-log",
        type=Path,
        help="keep the server's own record of every run request and finished run (benchmarks/server_timing) here",
    )
    args = parser.parse_args(argv)
    if not harness.CHROMIUM_PATH.exists():
        print(f"error: {harness.CHROMIUM_PATH} not found; install the Debian package chromium", file=sys.stderr)
        return 2
    if args.learners < 1:
        print("error: --learners must be at least 1", file=sys.stderr)
        return 2
    if not 0 <= args.read_seconds <= 600:
        print("error: --read-seconds must be between 0 and 600", file=sys.stderr)
        return 2
    os.sched_setaffinity(0, {args.browser_cpu})  # what `taskset -c 1` does; Playwright and Chromium inherit it
    load_start = load_averages()
    if args.run_log:
        run_log = args.run_log
    else:
        handle, name = tempfile.mkstemp(prefix="classroom-runs-", suffix=".jsonl")
        os.close(handle)
        run_log = Path(name)
    run_log.write_text("")
    args.app = args.app.resolve()
    if not (args.app / harness.APP_SCRIPT).exists():
        print(f"error: {args.app / harness.APP_SCRIPT} not found", file=sys.stderr)
        return 2
    with harness.running_streamlit(args.app, command_prefix=server_command(args.server_cpu, run_log)) as server:
        pid = server.process.pid
        pinned = {"server": cpus_allowed(pid), "browsers": cpus_allowed(os.getpid())}
        progress(f"server {pid} on CPU {pinned['server']}, browsers on CPU {pinned['browsers']}")
        sampler = RssSampler(pid)
        sampler.start()
        cpus_before = {
            name: cpu_jiffies(cpu) for name, cpu in (("server", args.server_cpu), ("browsers", args.browser_cpu))
        }
        started = time.monotonic()
        learners = asyncio.run(class_session(args, server.base_url))
        seconds = time.monotonic() - started
        cpu_busy = {
            name: busy_share(before, cpu_jiffies(cpu))
            for (name, before), cpu in zip(cpus_before.items(), (args.server_cpu, args.browser_cpu), strict=True)
        }
        rss_peak = sampler.stop()
        log_problems = [line for line in server.log_text().splitlines() if "Traceback" in line]
    load_end = load_averages()
    server_runs = server_run_seconds(run_log.read_text().splitlines())
    if not args.run_log:
        run_log.unlink()

    switches = [value for learner in learners for value in learner.switches]
    trainers = [learner for learner in learners if learner.seed is not None]
    waits = [learner.wait_for_model_s for learner in trainers if learner.wait_for_model_s is not None]
    errors = sum(len(learner.errors) for learner in learners) + len(log_problems)
    result = {
        "learners": len(learners),
        "errors": errors,
        "page_switch_p50_s": round(statistics.median(switches), 3) if switches else None,
        "page_switch_p95_s": round(percentile(switches, 0.95), 3) if switches else None,
        "trainings_requested": len(trainers),
        "trainings_completed": len(waits),
        "max_wait_for_model_s": round(max(waits), 1) if waits else None,
        "server_rss_peak_mb": round(rss_peak, 1),
        # The server's part of a page switch (request -> the run's last message sent), for every run of a
        # whole page: what the class shares. The rest of page_switch_* is the browsers drawing.
        "server_runs": len(server_runs),
        "server_run_p50_s": round(statistics.median(server_runs), 3) if server_runs else None,
        "server_run_p95_s": round(percentile(server_runs, 0.95), 3) if server_runs else None,
        "read_seconds": args.read_seconds,
        "cpu_busy": cpu_busy,
        "load": {"start": load_start, "end": load_end, "cpus": os.cpu_count(), "pinned": pinned},
    }

    print(
        f"{len(learners)} learners in {seconds:.0f} s; server on CPU {pinned['server']}, browsers on {pinned['browsers']}"
    )
    print(f"load average {load_start} at start, {load_end} at end ({os.cpu_count()} CPUs, shared machine)")
    print(
        f"busy: the server's CPU {cpu_busy['server']:.0%}, the browsers' CPU {cpu_busy['browsers']:.0%}; "
        f"each learner read every page for {args.read_seconds:g} s"
    )
    print(
        f"  {'learner':<8} {'browser':<8} {'seed':>4} {'switches':>8} {'p50 s':>6} {'max s':>6} {'model s':>8} {'run':<9} errors"
    )
    for learner in learners:
        times = learner.switches or [float("nan")]
        wait = f"{learner.wait_for_model_s:8.1f}" if learner.wait_for_model_s is not None else f"{'-':>8}"
        seed = "-" if learner.seed is None else str(learner.seed)
        run = (learner.trained_as or "own") if learner.wait_for_model_s is not None else "-"
        print(
            f"  {learner.number:<8} {learner.locale:<8} {seed:>4} {len(learner.switches):>8} "
            f"{statistics.median(times):6.2f} {max(times):6.2f} {wait} {run:<9} {len(learner.errors)}"
        )
        for error in learner.errors:
            print(f"      error: {error}")
    slowest = sorted(
        ((at, learner.number, what, seconds) for learner in learners for at, what, seconds in learner.switch_log),
        key=lambda entry: -entry[3],
    )[:8]
    print("  slowest switches (seconds since the class began, learner, what):")
    for at, number, what, seconds in slowest:
        print(f"    {seconds:6.2f} s at {at:5.0f} s, learner {number}, {what}")
    clicks = ", ".join(
        f"learner {learner.number} (seed {learner.seed}) at {learner.train_clicked_s:.0f} s"
        for learner in trainers
        if learner.train_clicked_s is not None
    )
    print(f"  Train pressed: {clicks}")
    for line in log_problems:
        print(f"  server log: {line[:300]}")
    if not server_runs:
        print("  the server recorded no runs (benchmarks/server_timing did not patch this Streamlit)")
    if args.switch_log:
        entries = sorted(
            (at, learner.number, what, seconds) for learner in learners for at, what, seconds in learner.switch_log
        )
        args.switch_log.write_text(
            "".join(
                json.dumps({"at_s": round(at, 2), "learner": number, "what": what, "seconds": round(seconds, 3)}) + "\n"
                for at, number, what, seconds in entries
            )
        )
    targets = (
        ("errors", result["errors"], "0"),
        ("trainings completed / requested", f"{result['trainings_completed']} / {result['trainings_requested']}", "equal"),
        ("page switch p50", result["page_switch_p50_s"], ""),
        ("page switch p95", result["page_switch_p95_s"], "<= 2.0 s"),
        ("  the server's part, p50 / p95", f"{result['server_run_p50_s']} / {result['server_run_p95_s']}", ""),
        ("max wait for a model", result["max_wait_for_model_s"], "<= 60 s"),
        ("server RSS peak", f"{result['server_rss_peak_mb']} MB", "<= 690 MB"),
    )  # fmt: skip
    for name, value, target in targets:
        print(f"  {name:<34} {value!s:>10}   {target}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
