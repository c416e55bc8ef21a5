"""The Content-Security-Policy without 'unsafe-inline' for scripts: every page still
hydrates, and the browser reports no violation (its inline scripts are allowed by hash)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import RunningApp, wait_until_hydrated

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
SERVER_RENDERED = ["/verhalen"]
APP_PAGES = ["/", "/inloggen", "/aanmelden", "/herstellen", "/prikbord", "/hulp", "/notities"]


@pytest.mark.parametrize("path", SERVER_RENDERED + APP_PAGES)
def test_a_page_runs_its_scripts_under_a_policy_without_unsafe_inline(
    page: Page, running_app: RunningApp, path: str
) -> None:
    page.add_init_script(WATCH_VIOLATIONS)

    response = page.goto(running_app.url + path)
    assert response is not None
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    if path in APP_PAGES:
        wait_until_hydrated(page)
    else:
        page.wait_for_load_state("load")
    page.wait_for_timeout(300)

    assert "'unsafe-inline'" not in script_src
    assert "'sha256-" in script_src
    assert page.evaluate("window.__cspViolations") == []
