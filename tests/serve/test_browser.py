"""End-to-end: Debian's Chromium, headless, driven by Playwright against `dyad serve`'s app
served on loopback over the session store; each test also takes its page's screenshot, kept in a
temporary folder, or in the folder named by DYAD_SCREENSHOTS (`make screenshots` refreshes
docs/screenshots/, which the README shows; a plain test run leaves the repository untouched).

The browser is the system's (/usr/bin/chromium, installed by scripts/ensure_chromium.sh from
`make test`); Playwright never downloads one. A missing browser fails these tests.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from dyad.analyze.chart import QUAD_COLOURS
from dyad.serve.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1200, "height": 800}
# As the machine's own probe starts it: no sandbox as root, and no background network traffic
# (this machine has no internet; Chromium's calls home are refused and slow it down).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MAX_SCREENSHOT_BYTES = 250_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(read_only_config) -> Iterator[str]:
    """The workbench served by uvicorn on a free loopback port, in a thread of this process."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(read_only_config), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the workbench server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure_chromium.sh (installs chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
        )
        yield context
        context.close()


class Visit:
    """A page of the workbench, with the console errors and page errors it raised."""

    def __init__(self, browser, base_url: str, path: str, screenshots: Path) -> None:
        self.screenshots = screenshots
        self.errors: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        response = self.page.goto(base_url + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, name: str) -> None:
        self.screenshots.mkdir(parents=True, exist_ok=True)
        target = self.screenshots / f"{name}.png"
        self.page.screenshot(path=str(target))
        assert target.stat().st_size < MAX_SCREENSHOT_BYTES

    def close(self) -> None:
        self.page.close()
        assert self.errors == []


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots go: DYAD_SCREENSHOTS (e.g. docs/screenshots) or a temporary folder."""
    chosen = os.environ.get("DYAD_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def visit(browser, base_url, screenshots):
    opened: list[Visit] = []

    def open_page(path: str) -> Visit:
        opened.append(Visit(browser, base_url, path, screenshots))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("home", "/", "Political events from the news"),
        ("events", "/events?sort=date&desc=1", "Events"),
        ("actor", "/actor/syr.gov", "Government of Syria"),
        ("network", "/network", "Actors linked by events"),
        ("search", "/search?q=border", "Search"),
        ("api-docs", "/api/docs", "JSON API"),
    ],
)
def test_page_loads_without_console_errors(visit, name, path, heading):
    page = visit(path)
    assert heading in page.page.locator("h1").inner_text()
    page.screenshot(name)


def test_dyad_page_draws_the_monthly_chart(visit):
    page = visit("/dyad/IRQ/SYR")
    # The quad-class colours of the chart's legend and bars: 4 legend swatches, then the bars.
    bars = page.page.locator(", ".join(f"div.chart svg rect[fill='{c}']" for c in QUAD_COLOURS))
    assert bars.count() >= 4 + 3
    box = bars.last.bounding_box()
    assert box is not None and box["height"] > 0
    assert "2025-03" in page.page.locator("div.chart").inner_text()
    page.screenshot("dyad-IRQ-SYR")


def test_filters_change_the_table(visit):
    page = visit("/events")
    everything = page.page.locator("#event-count").inner_text()
    page.page.select_option("select[name=quad]", "4")
    page.page.click("#event-filters button[type=submit]")
    page.page.wait_for_load_state("networkidle")
    assert page.page.locator("#event-count").inner_text() != everything
    badges = page.page.locator("tr.event-row .quad").all_inner_texts()
    assert badges and set(badges) == {"material conflict"}


def test_an_event_row_opens_its_evidence(visit):
    page = visit("/events?a=IRQ&b=SYR")
    row = page.page.locator("tr.event-row").first
    evidence = page.page.locator(f"#evidence-{row.get_attribute('data-event-id')}")
    assert not evidence.is_visible()
    row.locator("td").first.click()  # the date cell: the row's links keep their meaning
    assert evidence.is_visible()
    assert len(evidence.locator("blockquote.evidence").inner_text()) > 20
    page.screenshot("events-evidence")


def test_article_view_highlights_mentions_and_links_events(visit, base_url):
    first = visit("/events?a=IRQ&b=SYR&sort=date")
    link = first.page.locator("tr.evidence-row a[href^='/article/']").first
    href = link.get_attribute("href")
    assert href is not None
    page = visit(href)
    mention = page.page.locator("article.text a.mention").first
    assert mention.is_visible()
    colour = mention.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert re.match(r"/actor/", mention.get_attribute("href") or "")
    assert page.page.locator("article.text .event-sentence").count() >= 1
    tag = page.page.locator("article.text a.event-tag").first
    tag.click()
    opened = page.page.locator(f"#evidence-{tag.get_attribute('data-event-id')}")
    opened.wait_for(state="visible")
    page.page.evaluate("window.scrollTo(0, 0)")
    page.screenshot("article")
