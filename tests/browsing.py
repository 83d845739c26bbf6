"""Debian's Chromium driven by Playwright, and axe-core's accessibility check: shared by the browser
tests (tests/test_browser.py, tests/test_secretariat_browser.py, tests/test_originals_browser.py,
tests/test_alerts_browser.py).

Without /usr/bin/chromium (`apt-get install chromium`) browser tests are skipped, except when the
environment variable CI is set: then they fail, so CI cannot pass without running them.
"""
from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# No internet here: without the background-networking flags Chromium keeps trying to reach Google.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str):
    if in_ci():
        pytest.fail(f"{reason}; CI is set, so the browser tests may not be skipped", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def launch():
    """A headless Chromium (skips the test, or fails it in CI, where there is none)."""
    if not CHROMIUM.exists():
        unavailable(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("browser tests need playwright (pip install -c constraints.txt -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def one_page(width: int = 1280, height: int = 900):
    """A page of its own browser (Swedish locale, 15 s timeouts) for a module's tests."""
    with launch() as browser:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        context.set_default_timeout(15_000)
        try:
            yield context.new_page()
        finally:
            context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    page.evaluate(resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8"))
    return page.evaluate(
        """([tags]) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
                        .then(results => results.violations)""",
        [WCAG_TAGS],
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append("      " + " ".join(node["failureSummary"].split()))
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def new_page(browser, timeout_ms: int = 30_000):
    """A page in a new context (its own cookies: one logged-in person a context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(timeout_ms)
    return context.new_page()


def check(page, checked: list[str]) -> None:
    """No axe violation on the page as it is, nor sideways scrolling at 360 px; the page is noted."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(size)
    assert overflow <= 0, f"{page.url} scrolls {overflow} px sideways at 360 px"
    checked.append(page.url)


def submit(page, button) -> None:
    """Click and wait for the page the click leads to."""
    with page.expect_navigation():
        button.click()


def log_in(page, portal: str, user: str, password: str) -> None:
    page.goto(portal + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(password)
    submit(page, page.get_by_role("button", name="Logga in"))
