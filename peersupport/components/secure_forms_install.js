/* Installs psf(), the secure form flows (secure_forms.js) of this tab, made on the first
 * call, and psSignedIn(), which the page calls whenever its signed-in state changes
 * (peersupport/components/secure_forms.py). ALTCHA's `solveChallengeWorkers` and
 * `altchaPbkdf2WorkerUrl` are imported by the page module.
 */

// Solve a proof-of-work challenge with one worker per core (at most eight): the first
// worker to find the counter wins and the others stop.
function psSolveProof(challenge) {
  var cores = (typeof navigator !== "undefined" && navigator.hardwareConcurrency) || 2;
  return solveChallengeWorkers({
    challenge: challenge,
    concurrency: Math.max(1, Math.min(cores, 8)),
    createWorker: function () { return new Worker(altchaPbkdf2WorkerUrl); },
    timeout: 120000,
  });
}

if (typeof window !== "undefined") {
  window.psf = function () {
    if (!window.__psForms) {
      window.__psForms = createSecureForms(window.peersupportNotes, psSolveProof);
    }
    return window.__psForms;
  };
  // Forget the data key and every decrypted text the moment this tab is signed out
  // (logout, expiry, deletion), whichever handler noticed it.
  window.psSignedIn = (function () {
    var wasSignedIn = false;
    return function (signedIn) {
      if (signedIn) {
        wasSignedIn = true;
      } else if (wasSignedIn) {
        wasSignedIn = false;
        window.psf().forget();
      }
    };
  }());
}
