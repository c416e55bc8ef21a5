/* The story writer (peersupport/pages/write_story.py), as psw(): reads and fills the
 * fields React never controls, and debounces the autosave by clicking the hidden
 * trigger button (whose Reflex handler collects the fields). Python calls it through
 * writer_call (peersupport/state/writing.py). Pasted by Reflex as module-level code.
 */
function createStoryWriter() {
  var DELAY_MS = 3000;
  var timer = null, dirty = false, stopped = false, attachedTo = null;
  function byId(id) { return document.getElementById(id); }
  function boxes(name) { return document.querySelectorAll('input[name="' + name + '"]'); }
  function ticked(name) {
    return Array.prototype.filter.call(boxes(name), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
  }
  function tick(name, values) {
    Array.prototype.forEach.call(boxes(name), function (box) {
      box.checked = values.indexOf(box.value) !== -1;
    });
  }
  function cancelTimer() { if (timer) { clearTimeout(timer); timer = null; } }
  function saveNow() {
    cancelTimer();
    if (!dirty || stopped) return;
    var trigger = byId("ps-story-autosave");
    if (trigger) trigger.click();
  }
  function changed() {
    if (stopped) return;
    dirty = true;
    cancelTimer();
    timer = setTimeout(saveNow, DELAY_MS);
  }
  function setText(title, body) {
    var titleField = byId("ps-story-title"), bodyField = byId("ps-story-body");
    if (titleField) titleField.value = title || "";
    if (bodyField) bodyField.value = body || "";
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") saveNow();
  });
  return {
    attach: function () {
      var form = byId("ps-story-form");
      if (!form || form === attachedTo) return;
      attachedTo = form;
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
      form.addEventListener("focusout", saveNow);
    },
    fill: function (story) {
      story = story || {};
      cancelTimer();
      dirty = false;
      stopped = false;
      setText(story.title, story.body);
      var lang = story.language || (document.documentElement.lang === "en" ? "en" : "nl");
      tick("ps-story-language", [lang]);
      tick("ps-story-theme", story.themes || []);
      tick("ps-story-warning", story.warnings || []);
      tick("ps-story-search", [story.search === "yes" ? "yes" : "no"]);
    },
    collect: function () {
      cancelTimer();
      dirty = false;
      var language = ticked("ps-story-language");
      return {
        title: (byId("ps-story-title") || {}).value || "",
        body: (byId("ps-story-body") || {}).value || "",
        language: language.length ? language[0] : "",
        themes: ticked("ps-story-theme"),
        warnings: ticked("ps-story-warning")
      };
    },
    failed: function () { dirty = true; },
    setText: function (title, body) { setText(title, body); dirty = false; },
    remember: function (id) {
      history.replaceState(history.state, "", "/schrijven?verhaal=" + Number(id));
    },
    sent: function () {
      stopped = true;
      dirty = false;
      cancelTimer();
      this.focus("ps-story-sent");
    },
    focus: function (id) {
      var tries = 0;
      (function attempt() {
        var target = byId(id);
        if (target && target.offsetParent !== null) { target.focus(); return; }
        if (++tries < 20) setTimeout(attempt, 50);
      })();
    }
  };
}
if (typeof window !== "undefined") {
  window.psw = function () {
    if (!window.__psWriter) { window.__psWriter = createStoryWriter(); }
    return window.__psWriter;
  };
}
