// Where the focus goes after an answer (assets/focus.js), as the states ask for it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeClock, fakeDocument, fakeElement, runScript } from "./sandbox.mjs";

function page(...elements) {
  const clock = fakeClock();
  const document = fakeDocument(elements);
  const window = runScript("assets/focus.js", {
    document,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  return { clock, document, window };
}

test("psFocus waits a moment, then focuses without scrolling", () => {
  const heading = fakeElement("ps-crisis-title");
  const { clock, window } = page(heading);
  window.psFocus("ps-crisis-title");
  clock.advance(49);
  assert.equal(heading.focused, 0);
  clock.advance(1);
  assert.equal(heading.focused, 1);
  assert.deepEqual(heading.scrolled, []);
});

test("psFocus can wait longer and scroll the element into view", () => {
  const yes = fakeElement("ps-confirm-yes");
  const done = fakeElement("account-deleted");
  const { clock, window } = page(yes, done);
  window.psFocus("ps-confirm-yes", { delay: 80 });
  window.psFocus("account-deleted", { scroll: "center" });
  clock.advance(50);
  assert.equal(yes.focused, 0);
  assert.equal(done.focused, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(done.scrolled)), [{ block: "center" }]);
  clock.advance(30);
  assert.equal(yes.focused, 1);
});

test("psFocus leaves the focus alone while he is typing in the form", () => {
  const title = fakeElement("ps-post-title");
  const body = fakeElement("ps-post-body");
  const form = fakeElement("ps-post-form", { children: [title, body] });
  const { clock, document, window } = page(form, title, body);
  document.activeElement = body;
  window.psFocus("ps-post-title", { unlessWithin: "ps-post-form" });
  clock.advance(50);
  assert.equal(title.focused, 0);
  document.activeElement = null;
  window.psFocus("ps-post-title", { unlessWithin: "ps-post-form" });
  clock.advance(50);
  assert.equal(title.focused, 1);
});

test("an element that is gone is no error", () => {
  const { clock, window } = page();
  window.psFocus("mod-detail-title", { scroll: "start" });
  window.psReveal("mod-page-status");
  window.psResetForm("ps-post-form");
  window.psClearText("ps-recovery-code");
  assert.doesNotThrow(() => clock.advance(100));
});

test("psReveal scrolls to the middle without moving the focus", () => {
  const lines = fakeElement("mod-page-status");
  const { clock, window } = page(lines);
  window.psReveal("mod-page-status");
  clock.advance(50);
  assert.equal(lines.focused, 0);
  assert.deepEqual(JSON.parse(JSON.stringify(lines.scrolled)), [{ block: "center" }]);
});

test("psResetForm empties the form and psClearText takes a shown secret away", () => {
  const form = fakeElement("ps-post-form");
  const code = fakeElement("ps-recovery-code", { textContent: "ABCD-EFGH" });
  const { window } = page(form, code);
  window.psResetForm("ps-post-form");
  window.psClearText("ps-recovery-code");
  assert.equal(form.resets, 1);
  assert.equal(code.textContent, "");
});
