"""The phone-first audit: every page reachable from the menu, at a phone's and a desktop's size,
light and dark, as the demo user and as a visitor.

On each page and each of those four looks it fails on:
- a serious or critical axe-core violation (contrast, names, landmarks, ...);
- a page that scrolls sideways, or a part of it (a menu, the body map, the diary's timeline)
  that hides content off to the side; other wide tables inside ``.table-wrap`` may scroll;
- a body-map target smaller than 24 × 24 CSS pixels (WCAG 2.2, 2.5.8).

One browser, one page per person: each page is loaded once and then resized and switched
between light and dark in place, which is what keeps the whole audit at about a minute.
axe-core is a test asset only (``axe-core/``, MPL-2.0, from the npm registry); the app never
serves it.
"""

from collections import deque
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.conftest import PASSWORD, log_in

AXE = Path(__file__).parent / "axe-core" / "axe.min.js"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")
MIN_TARGET = 24
# Links in these are "the menu": the header's menus, the sub-menus inside a page, the footer.
MENU_LINKS = "header nav a[href], main nav a[href], footer a[href]"
# Not pages of the app's own (the API's documentation is a third-party page).
SKIP_PREFIXES = ("/api/", "/admin/", "/static/")
MAX_PAGES = 60

FIND_SIDEWAYS = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
    found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
  }
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.closest(".table-wrap") && !el.querySelector(".timeline")) continue;
    const name = el.tagName.toLowerCase() + (el.className ? "." + el.className.split(" ")[0] : "");
    found.push(`${name} hides ${el.scrollWidth - el.clientWidth} px off to the side`);
  }
  return found;
}"""

SMALL_TARGETS = """(min) => [...document.querySelectorAll(".spot-button")]
  .map((b) => [b.value, b.getBoundingClientRect()])
  .filter(([, r]) => r.width < min || r.height < min)
  .map(([v, r]) => `${v} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`)"""

OFF_SCREEN_TARGETS = """() => [...document.querySelectorAll(".spot-button")]
  .filter((b) => { const r = b.getBoundingClientRect();
                   return r.left < 0 || r.right > document.documentElement.clientWidth; })
  .map((b) => b.value)"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: `
                + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")
                + (v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ""));
}"""


def menu_pages(page: Any, base: str, start: str) -> list[str]:
    """Every page reachable through menu links from ``start``, in the order found."""
    seen, queue = [start], deque([start])
    while queue and len(seen) < MAX_PAGES:
        page.goto(base + queue.popleft())
        for href in page.eval_on_selector_all(MENU_LINKS, "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc != urlsplit(base).netloc or parts.path.startswith(SKIP_PREFIXES):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                seen.append(path)
                queue.append(path)
    return seen


def audit_page(page: Any) -> list[str]:
    problems = []
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            where = f"{size}, {scheme}"
            problems += [f"{where}: {p}" for p in page.evaluate(RUN_AXE)]
            if scheme == "light":  # layout does not change with the colours
                problems += [f"{where}: {p}" for p in page.evaluate(FIND_SIDEWAYS)]
                small = page.evaluate(SMALL_TARGETS, MIN_TARGET)
                if small:
                    problems.append(f"{where}: {len(small)} body-map targets under 24 px: {small}")
                off = page.evaluate(OFF_SCREEN_TARGETS)
                if off:
                    problems.append(f"{where}: {len(off)} body-map targets off screen: {off}")
    return problems


def audit(browser: Any, base: str, start: str, login: bool) -> None:
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    if login:
        log_in(page, base, "demo@example.org")
    paths = menu_pages(page, base, start)
    report = []
    for path in paths:
        page.goto(base + path)
        report += [f"{path} ({page.title()}) {p}" for p in audit_page(page)]
    context.close()
    assert len(paths) >= (10 if login else 5), paths  # the crawl found the menu
    assert not report, f"{len(report)} problems on {len(paths)} pages:\n" + "\n".join(report)


@pytest.mark.browser
def test_every_menu_page_passes_as_the_demo_user(browser: Any, live_server: Any) -> None:
    call_command("demo", "--days", "120", "--password", PASSWORD, stdout=StringIO())
    audit(browser, live_server.url, "/home/", login=True)


@pytest.mark.browser
def test_every_menu_page_passes_as_a_visitor(browser: Any, live_server: Any) -> None:
    audit(browser, live_server.url, "/", login=False)
