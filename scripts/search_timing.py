"""Time Material's search in the offline copy, opened from file:// (used by benchmark.py).

For one page, in Debian's Chromium: the longest main-thread task while the page loads, while
search initialises (from opening the search box until it says it is ready) and while a typed
word is searched, plus the time to ready and to the first result. Long tasks are what a reader
feels as a frozen page; Chromium reports every task over 50 ms to a ``longtask`` observer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
OBSERVE = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longtasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});
"""
TAKE = "() => { const tasks = window.__longtasks; window.__longtasks = []; return tasks; }"
META = ".md-search-result__meta"
RESULT = "li.md-search-result__item a"


@dataclass(frozen=True)
class SearchTiming:
    page: str
    throttle: int
    load_task_ms: float
    init_task_ms: float
    ready_ms: float
    query_task_ms: float
    first_result_ms: float
    results_in_language: bool
    outside_requests: int

    def line(self) -> str:
        slow = f", CPU {self.throttle}x slower" if self.throttle > 1 else ""
        language = "" if self.results_in_language else "  RESULTS IN ANOTHER LANGUAGE"
        outside = f"  {self.outside_requests} REQUESTS OUTSIDE THE SITE" if self.outside_requests else ""
        return (
            f"{self.page}{slow}: longest task on load {self.load_task_ms:.0f} ms, "
            f"search init {self.init_task_ms:.0f} ms (ready after {self.ready_ms:.0f} ms), "
            f"typing {self.query_task_ms:.0f} ms; first result {self.first_result_ms:.0f} ms{language}{outside}"
        )


def _longest(tasks: list[float]) -> float:
    return max(tasks, default=0.0)


def load_task_ms(site: Path, page: str) -> float:
    """The longest main-thread task while `site/page` loads from file://."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.add_init_script(OBSERVE)
        tab.goto((site / page).resolve().as_uri())
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(500)
        longest = _longest(tab.evaluate(TAKE))
        browser.close()
    return longest


def measure(site: Path, page: str, word: str, throttle: int = 1) -> SearchTiming:
    """Open `site/page` from file://, open search, type `word`; figures in milliseconds."""
    from playwright.sync_api import sync_playwright  # a test dependency; the build does not need it

    root = site.resolve().as_uri()
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 375, "height": 740})
        tab.on(
            "request",
            lambda request: (
                None if request.url.startswith(("file:", "blob:", "data:")) else outside.append(request.url)
            ),
        )
        if throttle > 1:
            tab.context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        tab.add_init_script(OBSERVE)
        tab.goto(f"{root}/{page}")
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(500 * throttle)
        load_task = _longest(tab.evaluate(TAKE))

        started = time.perf_counter()
        tab.click("label.md-header__button[for=__search]")  # the search button of a phone's header
        tab.wait_for_function(
            f"() => {{ const m = document.querySelector('{META}'); return m && m.textContent.trim() && "
            "!/Initializing|Inicializando/i.test(m.textContent); }",
            timeout=120_000,
        )
        ready = (time.perf_counter() - started) * 1000
        tab.wait_for_timeout(200)
        init_task = _longest(tab.evaluate(TAKE))

        started = time.perf_counter()
        tab.locator("input.md-search__input").press_sequentially(word)
        tab.wait_for_selector(RESULT, timeout=120_000)
        first_result = (time.perf_counter() - started) * 1000
        tab.wait_for_timeout(300)
        query_task = _longest(tab.evaluate(TAKE))
        hrefs = tab.eval_on_selector_all(RESULT, "links => links.map(link => link.href)")
        spanish = [href.removeprefix(root).startswith("/es/") for href in hrefs]
        in_language = bool(hrefs) and all(spanish) if page.startswith("es/") else not any(spanish)
        browser.close()
    return SearchTiming(
        page, throttle, load_task, init_task, ready, query_task, first_result, in_language, len(outside)
    )
