"""Where the answer to an action shows, for the browser tests of every form: inside the
window within a second of appearing, not under the bottom bar or the quick exit, and
announced (an alert or status role, a live region, or the focus)."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import ARTIFACTS

# The shown error and confirmation lines of the forms (peersupport/components/messages.py).
ERROR = ".status--error:visible"
NOTICE = ".status--notice:visible"
ANSWER_SCREENSHOTS = ARTIFACTS / "screenshots" / "answers"
# A slow step (Argon2 in the browser, a proof of work) may take this long to answer.
ANSWER_TIMEOUT_MS = 60_000
IN_VIEW_WITHIN_S = 1.0

# What keeps the answer from being read where it is: outside the window, or a point of
# it (centre and just inside each corner) under something else, named.
PROBLEMS = """
(line) => {
  const problems = [];
  const box = line.getBoundingClientRect();
  const height = window.innerHeight, width = document.documentElement.clientWidth;
  if (box.width < 1 || box.height < 1) return ['not laid out'];
  if (box.top < 0 || box.bottom > height || box.left < 0 || box.right > width) {
    problems.push(`outside the window: ${Math.round(box.top)} to ${Math.round(box.bottom)}`);
  }
  const dx = Math.min(2, box.width / 4), dy = Math.min(2, box.height / 4);
  const points = [
    [box.left + box.width / 2, box.top + box.height / 2],
    [box.left + dx, box.top + dy], [box.right - dx, box.top + dy],
    [box.left + dx, box.bottom - dy], [box.right - dx, box.bottom - dy],
  ];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= width || y >= height) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit === null || line.contains(hit)) continue;
    const cover = hit.closest('[data-quick-exit]') ? 'the quick exit'
      : hit.closest('.bottom-nav') ? 'the bottom bar'
      : `${hit.tagName.toLowerCase()}.${hit.className}`;
    problems.push(`covered at ${Math.round(x)},${Math.round(y)} by ${cover}`);
  }
  const live = line.closest('[role=alert], [role=status], [aria-live]');
  if (!live && document.activeElement !== line) problems.push('not announced');
  return problems;
}
"""


def expect_answer_in_view(
    page: Page, answer: Locator, *, timeout_ms: int = ANSWER_TIMEOUT_MS
) -> None:
    """Wait for `answer` (one line) to get its text, then give it a second to be fully
    inside the window, uncovered and announced."""
    expect(answer).to_be_visible(timeout=timeout_ms)
    expect(answer).not_to_have_text("", timeout=timeout_ms)
    deadline = time.monotonic() + IN_VIEW_WITHIN_S
    while True:
        problems: list[str] = answer.evaluate(PROBLEMS)
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert problems == [], f"{answer.inner_text()!r}: {problems}"


def photograph_answer(page: Page, name: str) -> Path:
    """The window as he sees it with the answer, kept for a look (360x740)."""
    ANSWER_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = ANSWER_SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
