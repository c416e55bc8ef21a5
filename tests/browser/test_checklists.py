"""The checklists in a phone browser: every checklist walked to every result band in both
languages, axe on every screen, back/skip/restart, and the answers never leaving the page
(no websocket frame, no database row, no log line carries them)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from playwright.sync_api import Page, WebSocket, expect
from sqlalchemy import MetaData, func, select

from peersupport.content.checklists import Band, Checklist, checklists
from peersupport.database import make_engine
from tests.browser.conftest import RunningApp, wait_until_hydrated
from tests.browser.test_accounts_notes import SECURING_TIMEOUT_MS, database_url_of, log_in
from tests.browser.test_moderation import PASSPHRASE, AppDatabase
from tests.browser.test_pages import SCREENSHOTS, axe_violations, shown_catalog_keys

CHECKLISTS = {item.id: item for item in checklists()}
WALKS = [
    (checklist_id, band.id, language)
    for checklist_id, item in CHECKLISTS.items()
    for band in item.bands
    for language in ("nl", "en")
]


def answers_for(checklist: Checklist, band: Band) -> dict[str, str]:
    """The fewest "yes" answers (then "unsure") from the top that land in `band`."""
    ids = [question.id for question in checklist.questions]
    for answer in ("yes", "unsure"):
        for count in range(len(ids) + 1):
            chosen = {qid: answer for qid in ids[:count]} | {qid: "no" for qid in ids[count:]}
            if checklist.band_for(checklist.score(chosen)).id == band.id:
                return chosen
    raise AssertionError(f"no answers reach band {band.id} of {checklist.id}")


def open_checklist(page: Page, app: RunningApp, checklist: Checklist, language: str) -> None:
    page.goto(f"{app.url}/zelftest/{checklist.order}")
    wait_until_hydrated(page)
    if language == "en":
        page.click("button.language-switch")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator('[data-step="intro"] h2')).to_have_text(checklist.title[language])


def visible_step(page: Page) -> str:
    return str(page.locator("#ps-checklist").get_attribute("data-current"))


def walk(
    page: Page,
    checklist: Checklist,
    answers: Mapping[str, str],
    language: str,
    *,
    check_every_step: bool = False,
) -> None:
    """Start, answer each question as given ("skip" skips it), and reach the result."""
    page.click('[data-step="intro"] [data-cl-action="start"]')
    total = len(checklist.questions)
    for number, question in enumerate(checklist.questions, start=1):
        step = page.locator(f'[data-step="q-{question.id}"]')
        expect(step).to_be_visible()
        progress = (
            f"Vraag {number} van {total}" if language == "nl" else (f"Question {number} of {total}")
        )
        expect(step.locator(".checklist-progress")).to_have_text(progress)
        expect(step.locator("legend")).to_have_text(question.text[language])
        if check_every_step:
            assert axe_violations(page) == [], f"{checklist.id} question {number}"
            if number == 2:
                step.locator(f'input[value="{answers.get(question.id, "no")}"]').check()
                page.screenshot(
                    path=str(SCREENSHOTS / f"checklist-{checklist.id}-question-{language}.png")
                )
        answer = answers.get(question.id, "skip")
        if answer == "skip":
            step.locator('[data-cl-action="skip"]').click()
        else:
            step.locator(f'input[value="{answer}"]').check()
            step.locator('[data-cl-action="next"]').click()


@pytest.mark.parametrize(("checklist_id", "band_id", "language"), WALKS)
def test_each_checklist_reaches_each_band_in_both_languages(
    page: Page, running_app: RunningApp, checklist_id: str, band_id: str, language: str
) -> None:
    checklist = CHECKLISTS[checklist_id]
    band = next(item for item in checklist.bands if item.id == band_id)
    top = band == checklist.bands[-1]
    open_checklist(page, running_app, checklist, language)
    if top:
        assert axe_violations(page) == []

    walk(page, checklist, answers_for(checklist, band), language, check_every_step=top)

    assert visible_step(page) == f"result-{band.id}"
    result = page.locator(f'[data-step="result-{band.id}"]')
    expect(result.locator("h2")).to_have_text(band.title[language])
    expect(result).to_contain_text(checklist.not_your_fault[language])
    expect(result).to_contain_text(checklist.no_signs[language])
    expect(result).to_contain_text(checklist.combination[language])
    expect(result.locator(".route-card")).to_have_count(len(band.routes))
    for step in checklist.steps:
        expect(result).to_contain_text(step.title[language])
    for other in checklist.bands:
        if other != band:
            expect(page.locator(f'[data-step="result-{other.id}"]')).to_be_hidden()
    assert axe_violations(page) == []
    assert shown_catalog_keys(page) == set()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if top:
        page.screenshot(
            path=str(SCREENSHOTS / f"checklist-{checklist.id}-result-top-{language}.png")
        )
    if top or band == checklist.bands[0]:
        page.screenshot(
            path=str(SCREENSHOTS / f"checklist-{checklist.id}-{band.id}-{language}.png"),
            full_page=True,
        )


def test_back_keeps_an_answer_skip_counts_nothing_and_restart_forgets_everything(
    page: Page, running_app: RunningApp
) -> None:
    checklist = next(iter(CHECKLISTS.values()))
    first, second = checklist.questions[0], checklist.questions[1]
    open_checklist(page, running_app, checklist, "nl")
    page.click('[data-cl-action="start"]')
    page.locator(f'[data-step="q-{first.id}"] input[value="yes"]').check()
    page.locator(f'[data-step="q-{first.id}"] [data-cl-action="next"]').click()
    expect(page.locator(f'[data-step="q-{second.id}"]')).to_be_visible()
    expect(page.locator(f'[data-step="q-{second.id}"] legend')).to_be_focused()

    page.locator(f'[data-step="q-{second.id}"] [data-cl-action="back"]').click()
    expect(page.locator(f'[data-step="q-{first.id}"]')).to_be_visible()
    expect(page.locator(f'[data-step="q-{first.id}"] input[value="yes"]')).to_be_checked()
    page.locator(f'[data-step="q-{first.id}"] input[value="no"]').check()
    for question in checklist.questions:
        page.locator(f'[data-step="q-{question.id}"] [data-cl-action="skip"]').click()
    first_band = checklist.bands[0]
    assert visible_step(page) == f"result-{first_band.id}"
    expect(
        page.locator(f'[data-step="result-{first_band.id}"] [data-answered-count]')
    ).to_have_text("0")

    page.locator(f'[data-step="result-{first_band.id}"] [data-cl-action="restart"]').click()
    assert visible_step(page) == "intro"
    assert page.locator("#ps-checklist input:checked").count() == 0


def test_the_keyboard_alone_walks_a_checklist(page: Page, running_app: RunningApp) -> None:
    checklist = next(iter(CHECKLISTS.values()))
    open_checklist(page, running_app, checklist, "nl")
    page.locator('[data-cl-action="start"]').focus()
    page.keyboard.press("Enter")
    for question in checklist.questions:
        expect(page.locator(f'[data-step="q-{question.id}"] legend')).to_be_focused()
        page.keyboard.press("Tab")  # into the answers
        page.keyboard.press("Space")  # chooses the first answer: yes
        page.keyboard.press("Tab")  # out of the answers, onto "Volgende"
        page.keyboard.press("Enter")
    top = checklist.bands[-1]
    assert visible_step(page) == f"result-{top.id}"
    expect(page.locator(f'[data-step="result-{top.id}"] h2')).to_be_focused()


def _row_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        counts = {
            name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in metadata.tables.items()
        }
    engine.dispose()
    return counts


def test_answers_never_leave_the_page(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    frames: list[str] = []

    def record(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: frames.append(str(payload)))

    page.on("websocket", record)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url + (request.post_data or "")))
    url = database_url_of(running_app, app_env)
    before = _row_counts(url)
    log_before = running_app.log_path.read_text(encoding="utf-8", errors="replace")
    for checklist in CHECKLISTS.values():
        open_checklist(page, running_app, checklist, "nl")
        walk(page, checklist, dict.fromkeys((q.id for q in checklist.questions), "yes"), "nl")
        assert visible_step(page) == f"result-{checklist.bands[-1].id}"

    assert frames, "no websocket frames were recorded"
    said = "\n".join(frames + requests)
    for checklist in CHECKLISTS.values():
        for question in checklist.questions:
            assert f"q-{question.id}" not in said
            assert question.text["nl"] not in said
        for band in checklist.bands:
            assert f"result-{band.id}" not in said
    assert _row_counts(url) == before
    log_after = running_app.log_path.read_text(encoding="utf-8", errors="replace")
    new_lines = log_after[len(log_before) :]
    for checklist in CHECKLISTS.values():
        for question in checklist.questions:
            assert f"q-{question.id}" not in new_lines
    # The language choice and Reflex's colour mode, nothing else.
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"ps-lang", "theme"}
    stored = "\n".join(
        page.evaluate("Object.entries(sessionStorage).concat(Object.entries(localStorage)).flat()")
    )
    for checklist in CHECKLISTS.values():
        for question in checklist.questions:
            assert question.id not in stored


def test_leaving_and_quick_exit_forget_the_answers(page: Page, running_app: RunningApp) -> None:
    checklist = next(iter(CHECKLISTS.values()))
    open_checklist(page, running_app, checklist, "nl")
    page.click('[data-cl-action="start"]')
    page.locator(f'[data-step="q-{checklist.questions[0].id}"] input[value="yes"]').check()
    page.dispatch_event("body", "pagehide")  # what the browser sends when the page is left
    assert page.locator("#ps-checklist input:checked").count() == 0

    page.locator(f'[data-step="q-{checklist.questions[0].id}"] input[value="yes"]').check()
    page.locator(".quick-exit").first.click()
    page.wait_for_url("**/neutral.html")
    page.go_back()
    assert "/zelftest" not in page.url


def test_a_member_keeps_the_result_encrypted_in_his_notes(
    page: Page, running_app: RunningApp, app_env: dict[str, str]
) -> None:
    database = AppDatabase(database_url_of(running_app, app_env))
    pseudonym = database.account("Zoeker", "member")
    log_in(page, running_app, pseudonym, PASSPHRASE)
    checklist = (
        CHECKLISTS["sextortion"] if "sextortion" in CHECKLISTS else next(iter(CHECKLISTS.values()))
    )
    top = checklist.bands[-1]

    # A new page load: the data key is no longer in memory, so he unlocks here.
    open_checklist(page, running_app, checklist, "nl")
    walk(page, checklist, dict.fromkeys((q.id for q in checklist.questions), "yes"), "nl")
    page.get_by_role("button", name="Bewaar de uitkomst in mijn notities").click()
    page.fill("#ps-passphrase", PASSPHRASE)
    page.get_by_role("button", name="Openen en bewaren").click()
    expect(page.get_by_text("Bewaard in je notities.")).to_be_visible(timeout=SECURING_TIMEOUT_MS)
    assert axe_violations(page) == []

    with database.sessions() as session:
        from peersupport.models import Account, Note

        account = session.scalar(select(Account).where(Account.pseudonym == pseudonym))
        assert account is not None
        stored = list(session.scalars(select(Note).where(Note.account_id == account.id)))
    assert len(stored) == 1
    assert top.title["nl"] not in stored[0].envelope  # sealed, not plain text

    page.goto(running_app.url + "/notities")
    wait_until_hydrated(page)
    page.fill("#ps-passphrase", PASSPHRASE)
    page.get_by_role("button", name="Openen").first.click()
    expect(page.get_by_text(checklist.title["nl"]).first).to_be_visible(timeout=SECURING_TIMEOUT_MS)
