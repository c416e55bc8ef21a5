// The story writer's autosave (peersupport/components/story_writer.js): when it saves,
// what it hands over, and that it stops once the story is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeClock, fakeDocument, fakeElement, runScript } from "./sandbox.mjs";

const SAVE_DELAY_MS = 3000;

function box(name, value) {
  return { name, value, checked: false };
}

function writerPage() {
  const clock = fakeClock();
  const form = fakeElement("ps-story-form");
  const trigger = fakeElement("ps-story-autosave");
  const title = fakeElement("ps-story-title");
  const body = fakeElement("ps-story-body");
  const sent = fakeElement("ps-story-sent");
  const boxes = [
    box("ps-story-language", "nl"),
    box("ps-story-language", "en"),
    box("ps-story-theme", "school"),
    box("ps-story-theme", "online"),
    box("ps-story-warning", "violence"),
    box("ps-story-search", "yes"),
    box("ps-story-search", "no"),
  ];
  const document = fakeDocument([form, trigger, title, body, sent], boxes);
  const replaced = [];
  const history = { state: null, replaceState: (state, unused, url) => replaced.push(url) };
  const page = runScript("peersupport/components/story_writer.js", {
    document,
    history,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  const writer = page.psw();
  writer.attach();
  return { clock, form, trigger, title, body, sent, boxes, document, replaced, writer, page };
}

test("a change is saved once, three seconds after the last one", () => {
  const { clock, form, trigger } = writerPage();
  form.dispatch("input");
  clock.advance(SAVE_DELAY_MS - 1);
  assert.equal(trigger.clicks, 0);
  form.dispatch("input");
  clock.advance(SAVE_DELAY_MS - 1);
  assert.equal(trigger.clicks, 0, "typing again starts the wait over");
  clock.advance(1);
  assert.equal(trigger.clicks, 1);
  clock.advance(10 * SAVE_DELAY_MS);
  assert.equal(trigger.clicks, 1, "nothing new, nothing saved");
});

test("leaving a field or the tab saves at once, but only when something changed", () => {
  const { clock, form, trigger, document } = writerPage();
  form.dispatch("focusout");
  assert.equal(trigger.clicks, 0);
  form.dispatch("change");
  form.dispatch("focusout");
  assert.equal(trigger.clicks, 1);
  clock.advance(SAVE_DELAY_MS);
  assert.equal(trigger.clicks, 1, "the waiting save was the same one");
  form.dispatch("input");
  document.visibilityState = "hidden";
  document.dispatch("visibilitychange");
  assert.equal(trigger.clicks, 2);
});

test("attaching twice to the same form does not save twice", () => {
  const { form, trigger, writer } = writerPage();
  writer.attach();
  form.dispatch("input");
  form.dispatch("focusout");
  assert.equal(trigger.clicks, 1);
});

test("collect hands over the fields and the save it made is not repeated", () => {
  const { clock, form, trigger, title, body, boxes, writer } = writerPage();
  title.value = "Mijn titel";
  body.value = "Wat er gebeurde";
  boxes[1].checked = true;
  boxes[3].checked = true;
  form.dispatch("input");
  const fields = writer.collect();
  assert.deepEqual(JSON.parse(JSON.stringify(fields)), {
    title: "Mijn titel",
    body: "Wat er gebeurde",
    language: "en",
    themes: ["online"],
    warnings: [],
  });
  clock.advance(SAVE_DELAY_MS);
  assert.equal(trigger.clicks, 0);
  writer.failed();
  form.dispatch("focusout");
  assert.equal(trigger.clicks, 1, "a failed save is tried again on the next occasion");
});

test("fill sets the fields and ticks the page's language when the story has none", () => {
  const { boxes, title, body, writer, document } = writerPage();
  document.documentElement.lang = "en";
  writer.fill({ title: "T", body: "B", themes: ["school"], search: "yes" });
  assert.equal(title.value, "T");
  assert.equal(body.value, "B");
  const ticked = boxes.filter((one) => one.checked).map((one) => `${one.name}=${one.value}`);
  assert.deepEqual(ticked, ["ps-story-language=en", "ps-story-theme=school", "ps-story-search=yes"]);
  writer.fill(null);
  assert.equal(title.value, "");
  assert.deepEqual(
    boxes.filter((one) => one.checked).map((one) => `${one.name}=${one.value}`),
    ["ps-story-language=en", "ps-story-search=no"],
  );
});

test("after sending nothing is saved any more, and the focus goes to the answer", () => {
  const { clock, form, trigger, sent, writer } = writerPage();
  form.dispatch("input");
  writer.sent();
  clock.advance(SAVE_DELAY_MS);
  form.dispatch("input");
  form.dispatch("focusout");
  clock.advance(SAVE_DELAY_MS);
  assert.equal(trigger.clicks, 0);
  assert.equal(sent.focused, 1);
});

test("the address names the story by its number only", () => {
  const { replaced, writer } = writerPage();
  writer.remember(12);
  writer.remember("3<script>");
  assert.deepEqual(replaced, ["/schrijven?verhaal=12", "/schrijven?verhaal=NaN"]);
});

test("focus waits until the element is shown, and gives up after a second", () => {
  const { clock, sent, writer } = writerPage();
  sent.offsetParent = null;
  writer.focus("ps-story-sent");
  clock.advance(200);
  assert.equal(sent.focused, 0);
  sent.offsetParent = {};
  clock.advance(50);
  assert.equal(sent.focused, 1);
  sent.offsetParent = null;
  writer.focus("ps-story-sent");
  clock.advance(5000);
  assert.equal(clock.pending, 0, "no timer left running");
});

test("every page module shares one writer", () => {
  const { page } = writerPage();
  assert.equal(page.psw(), page.psw());
});
