// The sign-out watch of the secure forms (peersupport/components/secure_forms_install.js):
// the data key and the opened notes are forgotten when a signed-in tab is signed out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runScript } from "./sandbox.mjs";

function page() {
  const made = [];
  const window = runScript("peersupport/components/secure_forms_install.js", {
    createSecureForms(notes, solveProof) {
      const forms = { forgotten: 0, solveProof, forget() { forms.forgotten += 1; } };
      made.push(forms);
      return forms;
    },
  });
  return { window, made };
}

test("psf() makes the forms once, with the proof-of-work solver", () => {
  const { window, made } = page();
  assert.equal(window.psf(), window.psf());
  assert.equal(made.length, 1);
  assert.equal(typeof made[0].solveProof, "function");
});

test("only a sign-out after being signed in forgets", () => {
  const { window } = page();
  window.psSignedIn(false);
  assert.equal(window.psf().forgotten, 0, "a visitor who never signed in has nothing to forget");
  window.psSignedIn(true);
  window.psSignedIn(true);
  assert.equal(window.psf().forgotten, 0);
  window.psSignedIn(false);
  assert.equal(window.psf().forgotten, 1);
  window.psSignedIn(false);
  assert.equal(window.psf().forgotten, 1, "once per sign-out");
  window.psSignedIn(true);
  window.psSignedIn(false);
  assert.equal(window.psf().forgotten, 2);
});

test("the proof of work uses one worker per core, at most eight", async () => {
  const asked = [];
  for (const cores of [undefined, 1, 4, 64]) {
    const window = runScript("peersupport/components/secure_forms_install.js", {
      navigator: { hardwareConcurrency: cores },
      Worker: function Worker(url) { this.url = url; },
      altchaPbkdf2WorkerUrl: "/assets/pbkdf2.js",
      solveChallengeWorkers(options) { asked.push(options); return Promise.resolve("solved"); },
      createSecureForms: (notes, solveProof) => ({ solveProof }),
    });
    assert.equal(await window.psf().solveProof({ id: "c" }), "solved");
  }
  assert.deepEqual(asked.map((options) => options.concurrency), [2, 1, 4, 8]);
  assert.equal(asked[0].createWorker().url, "/assets/pbkdf2.js");
  assert.equal(asked[0].timeout, 120000);
});
