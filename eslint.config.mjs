// ESLint for the browser code: assets/*.js (plain scripts, the service worker) and
// peersupport/components/*.js (pasted by Reflex into the page modules). `make lint` runs
// it from .tools/ (pinned in the Makefile), so the packages are found there.
import { createRequire } from "node:module";

const require = createRequire(new URL("./.tools/node_modules/", import.meta.url));
const js = require("@eslint/js");
const globals = require("globals");

// What the page modules import and the pasted files use (components/*.py: add_imports),
// and the functions one pasted file defines for the next.
const pageModule = {
  argon2id: "readonly",
  solveChallengeWorkers: "readonly",
  altchaPbkdf2WorkerUrl: "readonly",
  exifr: "readonly",
  zipSync: "readonly",
  strToU8: "readonly",
  createNotesCrypto: "readonly",
  createSecureForms: "readonly",
  createFileCrypto: "readonly",
  createVault: "readonly",
};

export default [
  { ignores: [".web*/", ".tools/", ".venv/", "assets/external/", "tests/artifacts/"] },
  js.configs.recommended,
  {
    files: ["assets/**/*.js", "peersupport/components/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // A deliberately empty catch is named `ignored`.
      "no-empty": ["error", { allowEmptyCatch: true }],
      // Top-level createX/psX functions are used by the next pasted file or by Python.
      "no-unused-vars": [
        "error",
        { caughtErrors: "none", varsIgnorePattern: "^(create|ps)[A-Z]" },
      ],
    },
  },
  {
    // Pasted as module code: the page module imports these (and Vite sees import()).
    files: ["peersupport/components/**/*.js"],
    languageOptions: { sourceType: "module", globals: pageModule },
  },
  {
    files: ["assets/sw.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ["eslint.config.mjs", "tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
