// Runs one of the browser scripts in a fresh context with a small stand-in for the page
// (elements by id, events, a clock that moves only when a test says so), so its logic
// can be checked in Node without a browser.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const ROOT = new URL("../../", import.meta.url);

export function fakeClock() {
  let now = 0;
  let nextId = 1;
  const pending = new Map();
  return {
    setTimeout(callback, delay) {
      const id = nextId++;
      pending.set(id, { at: now + (delay || 0), callback });
      return id;
    },
    clearTimeout(id) { pending.delete(id); },
    // Move the clock on by `ms`, running every timer that falls due, in order.
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
        if (!due.length) break;
        const [id, timer] = due[0];
        pending.delete(id);
        now = timer.at;
        timer.callback();
      }
      now = until;
    },
    get pending() { return pending.size; },
  };
}

// An element with what the scripts use: listeners, focus, scrolling, reset, contains.
export function fakeElement(id, extra = {}) {
  const listeners = {};
  const element = {
    id,
    value: "",
    textContent: "",
    checked: false,
    offsetParent: {},
    children: [],
    focused: 0,
    scrolled: [],
    resets: 0,
    clicks: 0,
    addEventListener(type, listener) { (listeners[type] ||= []).push(listener); },
    dispatch(type) { (listeners[type] || []).forEach((listener) => listener({ type })); },
    focus() { element.focused += 1; },
    scrollIntoView(options) { element.scrolled.push(options); },
    reset() { element.resets += 1; },
    click() { element.clicks += 1; },
    contains(other) { return other === element || element.children.includes(other); },
    ...extra,
  };
  return element;
}

export function fakeDocument(elements = [], boxes = []) {
  const byId = new Map(elements.map((element) => [element.id, element]));
  const document = fakeElement("#document", {
    visibilityState: "visible",
    activeElement: null,
    cookie: "",
    title: "",
    documentElement: { lang: "nl", dataset: {} },
    getElementById(id) { return byId.get(id) || null; },
    querySelectorAll(selector) {
      const name = /name="([^"]+)"/.exec(selector);
      return boxes.filter((box) => name && box.name === name[1]);
    },
  });
  return document;
}

// Run `file` (a path from the project root) with these globals; `window` is the context.
export function runScript(file, globals) {
  const context = vm.createContext({ ...globals });
  context.window = context;
  vm.runInContext(readFileSync(new URL(file, ROOT), "utf-8"), context, { filename: file });
  return context;
}
