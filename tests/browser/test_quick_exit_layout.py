"""The quick-exit button never covers a control: every page and every step of its flows
(self-tests from start to result, sign-up, notes editor, writing, boards, moderation),
at 360x740 and 320x568 (the public pages also on wide screens), scrolled through in
steps. At each step every visible control (link, button, field, label, summary,
anything focusable) is probed with document.elementFromPoint at its centre and just
inside each corner of each of its boxes, and of the part of a box that overlaps the
button: a point where the button is on top, and where the control would be hit if the
button were not there, is a tap meant for the control that would leave the app.

A control behind the fixed bar at the foot of the screen is not under the button: it
cannot be tapped there anyway, and scrolling brings it up. Every control seen can be
tapped at some scroll position (the room kept at the foot of the page is enough).

The same walk checks every control is big enough for a thumb: at least 44x44 CSS px
(WCAG 2.5.5), a checkbox or radio counted with its label (a tap on the label ticks it).
Links inside a sentence are exempt, as WCAG allows: making them taller would break the
line they sit in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from sqlalchemy.orm import Session, sessionmaker

from peersupport.content.checklists import checklists
from tests.browser.conftest import PHONE, RunningApp
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, go, unique
from tests.browser.test_moderation import (
    BODY,
    STEP_TIMEOUT_MS,
    AppDatabase,
    open_moderation,
)
from tests.browser.test_moderation import app_db as app_db
from tests.browser.test_pages import SCREENSHOTS
from tests.browser.test_writing import (  # noqa: F401 - the fixture
    database,
    member_on_this_device,
)

SIZES: tuple[ViewportSize, ...] = ({"width": 360, "height": 740}, {"width": 320, "height": 568})
# Wide screens: the navigation as one row of links (from 900 px), with quick exit at
# its end (from 1100 px).
WIDE: tuple[ViewportSize, ...] = ({"width": 900, "height": 700}, {"width": 1280, "height": 800})
BESIDE_FROM = 1100
# Everything a thumb may mean to tap. Elements focusable only by script (tabindex="-1":
# the main region, a heading that takes focus) are not controls.
CONTROLS = (
    "a, button, input:not([type=hidden]), select, textarea, label, [role=button], summary, "
    "[tabindex]:not([tabindex='-1'])"
)
# Pixels scrolled between two probes: less than the height of the smallest control plus
# the button's, so no control passes the button between two probes.
SCROLL_STEP = 48
READ_ANYWAY = {"nl": "Toch lezen", "en": "Read anyway"}
PASSPHRASE_OF_NEW_MEMBER = "lantaarn haven wolk spiegel"

# The smallest tap target a control may have, in CSS px (WCAG 2.5.5).
TARGET = 44
# Every control too small for a thumb, with its size. A checkbox or radio is measured
# with its label; a link inside a sentence is exempt (see the module's docstring).
TARGETS = """
([least]) => {
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label')
      || el.getAttribute('name') || el.id || '').trim().replace(/\\s+/g, ' ');
    return `${el.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
  };
  const inSentence = (link) => {
    if (getComputedStyle(link).display !== 'inline') return false;
    let block = link.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    if (!block) return false;
    const own = link.innerText.trim().length;
    return block.innerText.trim().length > own + 2;
  };
  const selector =
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[data-quick-exit]')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    // Out of reach on purpose: hidden from screen readers and the Tab key (a file input a
    // button of its own opens).
    if (el.closest('[aria-hidden="true"]') && el.tabIndex < 0) continue;
    if (el.tagName === 'A' && inSentence(el)) continue;
    let box = el.getBoundingClientRect();
    // A link stretched over its card by an absolutely placed ::after: the card is the target.
    const after = getComputedStyle(el, '::after');
    if (after.content !== 'none' && after.position === 'absolute') {
      let holder = el.parentElement;
      while (holder && getComputedStyle(holder).position === 'static') {
        holder = holder.parentElement;
      }
      if (holder) box = holder.getBoundingClientRect();
    }
    if ((el.type === 'checkbox' || el.type === 'radio')) {
      const label = el.closest('label') || (el.labels && el.labels[0]);
      if (label) {
        const around = label.getBoundingClientRect();
        const left = Math.min(box.left, around.left), right = Math.max(box.right, around.right);
        const top = Math.min(box.top, around.top), bottom = Math.max(box.bottom, around.bottom);
        box = {width: right - left, height: bottom - top};
      }
    }
    if (box.width < 1 || box.height < 1) continue;
    if (box.width < least - 0.5 || box.height < least - 0.5) {
      small.push(`${name(el)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}
"""

# One scroll position: which controls the button covers and which can be tapped.
PROBE = """
([top, selector]) => {
  window.scrollTo({top, left: 0, behavior: 'instant'});
  // Each control keeps one number while the page lives, whatever the DOM does around it.
  const ids = window.__quickExitProbeIds || (window.__quickExitProbeIds = new WeakMap());
  const idOf = (el) => {
    if (!ids.has(el)) {
      window.__quickExitProbeNext = (window.__quickExitProbeNext || 0) + 1;
      ids.set(el, window.__quickExitProbeNext);
    }
    return ids.get(el);
  };
  const exit = document.querySelector('[data-quick-exit]');
  const exitBox = exit.getBoundingClientRect();
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label')
      || el.getAttribute('name') || el.id || '').trim().replace(/\\s+/g, ' ');
    return `${el.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
  };
  const underExit = [], tappable = new Set(), seen = [];
  for (const el of document.querySelectorAll(selector)) {
    // Not shown: hidden, display:none, or inside a closed <details> (its content is
    // laid out on request but not painted).
    if (exit.contains(el) || !el.checkVisibility({visibilityProperty: true})) continue;
    let inView = false;
    for (const box of el.getClientRects()) {
      if (box.width < 1 || box.height < 1) continue;
      const dx = Math.min(2, box.width / 4), dy = Math.min(2, box.height / 4);
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + dx, box.top + dy], [box.right - dx, box.top + dy],
        [box.left + dx, box.bottom - dy], [box.right - dx, box.bottom - dy],
      ];
      // A box that overlaps the button only along an edge: the middle and the corners
      // of the overlap too.
      const left = Math.max(box.left, exitBox.left), right = Math.min(box.right, exitBox.right);
      const upper = Math.max(box.top, exitBox.top), lower = Math.min(box.bottom, exitBox.bottom);
      if (right - left >= 1 && lower - upper >= 1) {
        const ox = Math.min(2, (right - left) / 4), oy = Math.min(2, (lower - upper) / 4);
        points.push(
          [(left + right) / 2, (upper + lower) / 2],
          [left + ox, upper + oy], [right - ox, upper + oy],
          [left + ox, lower - oy], [right - ox, lower - oy],
        );
      }
      for (const [x, y] of points) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        inView = true;
        const hit = document.elementFromPoint(x, y);
        if (hit === null) continue;
        if (exit.contains(hit)) underExit.push([el, x, y]);
        else if (el.contains(hit)) tappable.add(idOf(el));
      }
    }
    if (inView) {
      const box = el.getBoundingClientRect();
      seen.push([idOf(el), name(el), box.width < 8 || box.height < 8]);
    }
  }
  // What a tap at those points would reach if the button were not there.
  const before = exit.style.pointerEvents;
  exit.style.pointerEvents = 'none';
  const covered = new Set();
  for (const [el, x, y] of underExit) {
    const hit = document.elementFromPoint(x, y);
    if (hit !== null && el.contains(hit)) covered.add(name(el));
  }
  exit.style.pointerEvents = before;
  return {
    covered: [...covered],
    tappable: [...tappable],
    seen,
    end: Math.max(0, document.documentElement.scrollHeight - height),
  };
}
"""


# The whole page from top to bottom, SCROLL_STEP px at a time: PROBE at each position,
# in one call (a round trip per position made the walk of every page take minutes).
# No frame is drawn between two positions, so a part drawn only near the screen
# (`content-visibility: auto`) is drawn throughout the walk, as it is when he scrolls
# to it.
WALK = f"""
([selector, step]) => {{
  const probe = {PROBE};
  const deferred = [...document.querySelectorAll('*')].filter(
    (el) => getComputedStyle(el).contentVisibility === 'auto');
  const inline = deferred.map((el) => el.style.getPropertyValue('content-visibility'));
  deferred.forEach((el) => el.style.setProperty('content-visibility', 'visible'));
  const results = [];
  try {{
    for (let top = 0; ; ) {{
      const result = probe([top, selector]);
      results.push(result);
      if (top === result.end) break;
      top = Math.min(top + step, result.end);
    }}
  }} finally {{
    deferred.forEach((el, index) => el.style.setProperty('content-visibility', inline[index]));
  }}
  return results;
}}
"""


@dataclass
class Findings:
    """Controls under the button, per size: {size: {"screen: control"}}."""

    covered: dict[str, set[str]] = field(default_factory=dict)
    unreachable: dict[str, set[str]] = field(default_factory=dict)
    too_small: dict[str, set[str]] = field(default_factory=dict)
    screens: int = 0

    def report(self) -> str:
        lines = []
        for kind, found in (
            ("under the button", self.covered),
            ("never tappable", self.unreachable),
            (f"smaller than {TARGET}x{TARGET}", self.too_small),
        ):
            for size, controls in sorted(found.items()):
                lines.append(f"{len(controls)} controls {kind} at {size}:")
                lines.extend(f"  {control}" for control in sorted(controls))
        return "\n".join(lines)


def probe_every_scroll_position(
    page: Page, screen: str, findings: Findings, sizes: tuple[ViewportSize, ...] = SIZES
) -> None:
    """Scroll `page` from top to bottom in steps at each size; record what the button
    covers and what can never be tapped. The page is left at the top, at phone size."""
    findings.screens += 1
    for size in sizes:
        page.set_viewport_size(size)
        label = f"{size['width']}x{size['height']}"
        covered: set[str] = set()
        tappable: set[int] = set()
        seen: dict[int, str] = {}
        for result in page.evaluate(WALK, [CONTROLS, SCROLL_STEP]):
            covered.update(result["covered"])
            tappable.update(result["tappable"])
            seen.update((number, name) for number, name, small in result["seen"] if not small)
        findings.covered.setdefault(label, set()).update(f"{screen}: {name}" for name in covered)
        findings.too_small.setdefault(label, set()).update(
            f"{screen}: {name}" for name in page.evaluate(TARGETS, [TARGET])
        )
        findings.unreachable.setdefault(label, set()).update(
            f"{screen}: {name}" for number, name in seen.items() if number not in tappable
        )
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")


def assert_nothing_covered(
    findings: Findings, least_screens: int, sizes: tuple[ViewportSize, ...] = SIZES
) -> None:
    assert findings.screens >= least_screens
    assert set(findings.covered) == {f"{size['width']}x{size['height']}" for size in sizes}
    problems = any(
        any(found.values())
        for found in (findings.covered, findings.unreachable, findings.too_small)
    )
    assert not problems, findings.report()


def choose(page: Page, app: RunningApp, language: str) -> None:
    """The language every page shows from now on in this browser (it is remembered)."""
    go(page, app, "/")
    if language == "en":
        page.click("button.language-switch")
    expect(page.locator("html")).to_have_attribute("lang", language)


def shows(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    # An app page asked in English shows its words once the choice has arrived.
    expect(page.locator("html.ps-lang-wait")).to_have_count(0)


@pytest.fixture(scope="module")
def seeded(app_db: AppDatabase) -> Iterator[dict[str, int]]:
    """A published thread with a reply and a published story with warnings."""
    admin = app_db.account("Beheer", "admin")
    thread_id, opening = app_db.board_thread("Hoe slaap jij?", BODY)
    app_db.approve(opening, admin)
    _reply, reply_item = app_db.board_reply(thread_id, "Bij mij helpt muziek. " * 6)
    app_db.approve(reply_item, admin)
    story_item = app_db.submit("Wat mij hielp", BODY)
    app_db.approve(story_item, admin)
    yield {"thread": thread_id}


def story_link(page: Page, app: RunningApp) -> str:
    """The newest story with warnings: its text shows after "read anyway"."""
    page.goto(app.url + "/verhalen")
    warned = page.locator(".story-card:has(.story-card__warning) .story-card__title a")
    href = warned.first.get_attribute("href")
    assert href is not None and re.fullmatch(r"/verhalen/\d+", href)
    return href


PUBLIC_PAGES = (
    "/",
    "/hulp",
    "/veilig",
    "/over",
    "/prikbord",
    "/prikbord/bord?nr=1",
    "/prikbord/bord/schrijven?nr=1",
    "/zelftest",
    "/inloggen",
    "/aanmelden",
    "/herstellen",
    "/notities",
    "/account",
    "/bestaat-niet",
)


def test_quick_exit_covers_no_control_on_the_public_pages(
    page: Page, running_app: RunningApp, seeded: dict[str, int]
) -> None:
    findings = Findings()
    for language in ("nl", "en"):
        choose(page, running_app, language)
        threads = (f"/prikbord/onderwerp{part}?id={seeded['thread']}" for part in ("", "/reageren"))
        for path in (*PUBLIC_PAGES, *threads):
            go(page, running_app, path)
            shows(page, language)
            probe_every_scroll_position(page, f"{path} ({language})", findings, SIZES + WIDE)
        story = story_link(page, running_app)
        for path in ("/verhalen", story):
            page.goto(running_app.url + path)
            shows(page, language)
            probe_every_scroll_position(page, f"{path} ({language})", findings, SIZES + WIDE)
        page.get_by_role("button", name=READ_ANYWAY[language]).click()
        expect(page.locator("#story-reading")).to_be_visible()
        probe_every_scroll_position(page, f"{story} read ({language})", findings, SIZES + WIDE)
    assert_nothing_covered(findings, 2 * (len(PUBLIC_PAGES) + 4), SIZES + WIDE)


def test_quick_exit_covers_no_control_in_any_step_of_the_self_tests(
    page: Page, running_app: RunningApp
) -> None:
    findings = Findings()
    for language in ("nl", "en"):
        choose(page, running_app, language)
        for checklist in checklists():
            go(page, running_app, f"/zelftest/{checklist.order}")
            shows(page, language)
            name = f"/zelftest/{checklist.order} ({language})"
            probe_every_scroll_position(page, f"{name} intro", findings)
            page.click('[data-step="intro"] [data-cl-action="start"]')
            for number, question in enumerate(checklist.questions, start=1):
                step = page.locator(f'[data-step="q-{question.id}"]')
                expect(step).to_be_visible()
                step.locator('input[value="yes"]').check()
                probe_every_scroll_position(page, f"{name} question {number}", findings)
                step.locator('[data-cl-action="next"]').click()
            expect(page.locator('[data-step^="result-"]:visible')).to_have_count(1)
            probe_every_scroll_position(page, f"{name} result", findings)
    least = sum(2 * (len(item.questions) + 2) for item in checklists())
    assert_nothing_covered(findings, least_screens=least)


def test_quick_exit_covers_no_control_in_the_first_aid_steps_or_the_traces_confirmation(
    page: Page, running_app: RunningApp
) -> None:
    findings = Findings()
    for language in ("nl", "en"):
        choose(page, running_app, language)
        page.goto(running_app.url + "/stappen")
        steps = page.locator("[data-step]")
        expect(page.locator("[data-step]:visible")).to_have_count(1)
        for number in range(1, steps.count() + 1):
            current = page.locator("[data-step]:visible")
            if current.locator("[data-age]").count():
                current.locator("[data-age]").first.click()
            probe_every_scroll_position(page, f"/stappen step {number} ({language})", findings)
            forward = current.locator("[data-step-next]")
            if forward.count():
                forward.click()
        go(page, running_app, "/veilig")
        page.locator("[data-remove-traces]").click()
        expect(page.locator(".remove-traces__confirm")).to_be_visible()
        probe_every_scroll_position(page, f"/veilig confirmation ({language})", findings)
    assert_nothing_covered(findings, least_screens=2 * 8)


def test_quick_exit_covers_no_control_in_a_members_forms(
    page: Page, running_app: RunningApp, seeded: dict[str, int]
) -> None:
    findings = Findings()
    # Sign-up, with its recovery code, as a new member goes through it.
    go(page, running_app, "/aanmelden")
    page.fill("#ps-pseudonym", unique("Lid"))
    page.fill("#ps-new-passphrase", PASSPHRASE_OF_NEW_MEMBER)
    page.fill("#ps-new-passphrase-repeat", PASSPHRASE_OF_NEW_MEMBER)
    probe_every_scroll_position(page, "sign-up filled in", findings)
    page.get_by_role("button", name="Account maken").click()
    expect(page.locator("#ps-recovery-code")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    probe_every_scroll_position(page, "recovery code", findings)
    page.get_by_role("button", name="Ik heb de code bewaard").click()
    page.wait_for_url(running_app.url + "/notities")

    # The notes: the empty list, the editor, the list with a note, an open note.
    expect(page.get_by_role("button", name="Nieuwe notitie")).to_be_visible(
        timeout=SECURING_TIMEOUT_MS
    )
    probe_every_scroll_position(page, "notes, none yet", findings)
    page.get_by_role("button", name="Nieuwe notitie").click()
    page.fill("#ps-note-title", "Voor morgen")
    page.fill("#ps-note-body", "Bellen met de vertrouwenspersoon. " * 20)
    probe_every_scroll_position(page, "notes editor", findings)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#ps-note-list")).to_contain_text(
        "Voor morgen", timeout=SECURING_TIMEOUT_MS
    )
    probe_every_scroll_position(page, "notes list", findings)
    page.locator("#ps-note-list").get_by_text("Voor morgen").first.click()
    expect(page.locator("#ps-note-title")).to_have_value("Voor morgen")
    probe_every_scroll_position(page, "note opened", findings)

    # A self-test result with its "save in my notes".
    checklist = checklists()[0]
    go(page, running_app, f"/zelftest/{checklist.order}")
    page.click('[data-step="intro"] [data-cl-action="start"]')
    for question in checklist.questions:
        page.locator(f'[data-step="q-{question.id}"] [data-cl-action="skip"]').click()
    expect(page.locator('[data-step^="result-"]:visible')).to_have_count(1)
    probe_every_scroll_position(page, "self-test result, signed in", findings)

    # Reporting a published story: the form, and its reasons with the text field.
    story_id = story_link(page, running_app).rsplit("/", 1)[1]
    go(page, running_app, f"/verhalen/melden?nr={story_id}")
    expect(page.locator("main form input[name='reason']").first).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    probe_every_scroll_position(page, "story report form", findings)

    # Writing a story and the member's own stories.
    go(page, running_app, "/schrijven")
    expect(page.locator("#ps-story-body")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    page.fill("#ps-story-title", "Wat ik toen niet zag")
    page.fill("#ps-story-body", BODY)
    probe_every_scroll_position(page, "write a story", findings)
    go(page, running_app, "/mijn-verhalen")
    expect(page.locator("main h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    probe_every_scroll_position(page, "my stories", findings)
    go(page, running_app, "/account")
    expect(page.get_by_role("button", name="Uitloggen", exact=True)).to_be_visible(
        timeout=STEP_TIMEOUT_MS
    )
    probe_every_scroll_position(page, "account", findings)

    # A board's new-thread form and a thread's reply and report forms.
    go(page, running_app, "/prikbord/bord/schrijven?nr=1")
    page.get_by_role("button", name="Nieuw onderwerp beginnen").click()
    expect(page.locator("#ps-post-title")).to_be_visible()
    probe_every_scroll_position(page, "new thread form", findings)
    go(page, running_app, f"/prikbord/onderwerp/reageren?id={seeded['thread']}")
    expect(page.locator("h2.thread-title")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    probe_every_scroll_position(page, "thread, signed in", findings)
    page.locator("ol.post-list > li").first.get_by_role("button", name="Meld").click()
    expect(page.locator("#ps-report-text")).to_be_visible()
    probe_every_scroll_position(page, "report form", findings)
    assert_nothing_covered(findings, least_screens=14)


def test_quick_exit_covers_no_control_on_the_moderation_screens(
    page: Page,
    running_app: RunningApp,
    app_db: AppDatabase,
    database: sessionmaker[Session],  # noqa: F811
) -> None:
    findings = Findings()
    admin = member_on_this_device(page, running_app, database, role="admin")
    app_db.empty_the_queue(admin.pseudonym)
    app_db.submit("Wat er gebeurde", f"{BODY} Bel me op 06-12345678.")
    app_db.board_thread("Is dit normaal?", BODY)
    app_db.reported_reply(admin.pseudonym, "Wie herkent dit?", "Gewoon een reactie.")

    open_moderation(page, running_app)
    expect(page.locator(".mod-queue > li")).to_have_count(2, timeout=STEP_TIMEOUT_MS)
    expect(page.locator(".mod-reported").first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    probe_every_scroll_position(page, "moderation", findings)
    page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    probe_every_scroll_position(page, "moderation, every form open", findings)
    page.locator(".mod-queue > li", has_text="Wat er gebeurde").get_by_role("button").first.click()
    expect(page.locator(".mod-detail")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    probe_every_scroll_position(page, "moderation, an item open", findings)

    go(page, running_app, "/moderatie/logboek")
    expect(page.locator(".mod-log > li").first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    probe_every_scroll_position(page, "audit log", findings)
    go(page, running_app, "/beheer")
    expect(page.locator("main h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    probe_every_scroll_position(page, "staff", findings)
    go(page, running_app, f"/moderatie/account?nr={admin.account_id}")
    expect(page.locator("main")).to_contain_text(admin.pseudonym, timeout=STEP_TIMEOUT_MS)
    probe_every_scroll_position(page, "account view", findings)
    assert_nothing_covered(findings, least_screens=6)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_quick_exit_keeps_its_own_place_in_thumb_reach_photographed(
    page: Page, running_app: RunningApp, seeded: dict[str, int], language: str
) -> None:
    choose(page, running_app, language)
    story = story_link(page, running_app)
    checklist = checklists()[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (
        ("home", "/"),
        ("question", f"/zelftest/{checklist.order}"),
        ("story", story),
        ("login", "/inloggen"),
    ):
        page.goto(running_app.url + path)
        shows(page, language)
        if name == "question":
            page.click('[data-step="intro"] [data-cl-action="start"]')
            page.locator(f'[data-step="q-{checklist.questions[0].id}"] input').first.check()
        for size in SIZES + WIDE:
            page.set_viewport_size(size)
            exit_box = page.locator("[data-quick-exit]").bounding_box()
            bar = page.locator("nav.bottom-nav").bounding_box()
            links = page.locator("nav.bottom-nav a:visible")
            last_link = links.nth(links.count() - 1).bounding_box()
            assert exit_box is not None and bar is not None and last_link is not None
            # In the bottom bar, fully on screen, big enough for a thumb, and beside or
            # above the bar's links, never over one.
            assert bar["y"] <= exit_box["y"]
            assert exit_box["y"] + exit_box["height"] <= size["height"]
            assert exit_box["x"] + exit_box["width"] <= size["width"]
            assert exit_box["height"] >= 44
            if size["width"] < BESIDE_FROM:
                assert exit_box["y"] + exit_box["height"] <= last_link["y"]
            else:
                assert last_link["x"] + last_link["width"] <= exit_box["x"]
            # Halfway down the page, where controls pass behind the bar.
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 3)")
            page.screenshot(
                path=str(
                    SCREENSHOTS
                    / f"quick-exit-{name}-{language}-{size['width']}x{size['height']}.png"
                )
            )
