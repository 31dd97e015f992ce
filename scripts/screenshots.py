"""Screenshot every page of the app in both languages, for the README.

Starts `streamlit run` headless on 127.0.0.1, drives Debian's Chromium
(/usr/bin/chromium) the way the browser tests do, picks each language in the
sidebar, opens every page through the sidebar navigation and writes
<out-dir>/<language>-<url path>.png (the default page is "home").

    python scripts/screenshots.py                 # all pages, ko and en
    python scripts/screenshots.py --language en --page encoder --page cross
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import harness  # noqa: E402

# Sidebar option label and the browser locale that goes with it.
LANGUAGES = {"ko": ("한국어", "ko-KR"), "en": ("English", "en-US")}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Screenshot every page of the app in both languages (headless Chromium)."
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=REPO_ROOT / "docs" / "screenshots",
        help="where the PNGs go (default: docs/screenshots/)",
    )
    parser.add_argument(
        "--language",
        choices=sorted(LANGUAGES),
        action="append",
        help="only this language; repeat for several (default: all)",
    )
    parser.add_argument(
        "--page",
        action="append",
        metavar="URL_PATH",
        help='only the page with this url path ("home" for the default page); repeatable',
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not harness.CHROMIUM_PATH.exists():
        print(
            f"error: {harness.CHROMIUM_PATH} not found; install the Debian packages chromium and fonts-noto-cjk",
            file=sys.stderr,
        )
        return 2
    languages = args.language or list(LANGUAGES)
    written = []
    problems = []
    # The viewer toolbar hides the developer-only "Deploy" button from the shots.
    with (
        harness.running_streamlit(extra_options={"client.toolbarMode": "viewer"}) as server,
        sync_playwright() as playwright,
    ):
        browser = harness.launch_chromium(playwright)
        for language in languages:
            option_label, locale = LANGUAGES[language]
            session = harness.new_browser_session(browser, locale=locale)
            harness.open_app(session.page, server.base_url)
            harness.select_sidebar_option(session.page, option_label)
            if harness.navigation_language(session.page) != language:
                problems.append(f"{language}: picking {option_label} did not switch the sidebar")
            for link in harness.sidebar_links(session.page):
                name = harness.screenshot_name(link)
                if args.page and name not in args.page:
                    continue
                harness.click_sidebar_link(session.page, link)
                page_problems = harness.page_problems(session)
                if harness.navigation_language(session.page) != language:
                    page_problems.append(f"the sidebar is no longer in {option_label}")
                problems += [f"{language}/{name}: {problem}" for problem in page_problems]
                path = args.out_dir / f"{language}-{name}.png"
                harness.save_full_page_screenshot(session.page, path)
                written.append(path)
                print(f"wrote {path}")
            session.close()
        browser.close()
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if not written:
        print("error: no page matched", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
