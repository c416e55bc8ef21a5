/* Passphrase strength in words and colour, estimated in the browser by zxcvbn-ts with
 * the common and Dutch dictionaries (loaded on the first keystroke, so no other page
 * pays for them). zxcvbn's score (0-4) and its warning are shown in our own words: the
 * meter's data-texts holds the page language's sentences (components/strength.py).
 * Nothing typed leaves the page. */
var psZxcvbn = null;
function psLoadZxcvbn() {
  if (!psZxcvbn) {
    psZxcvbn = Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-nl-be"),
    ]).then(function (modules) {
      var core = modules[0], common = modules[1], dutch = modules[2];
      var dictionary = Object.assign({}, common.dictionary);
      // Both packages name lists alike (commonWords, wikipedia): keep them apart.
      Object.keys(dutch.dictionary).forEach(function (name) {
        dictionary["nl-" + name] = dutch.dictionary[name];
      });
      core.zxcvbnOptions.setOptions({ dictionary: dictionary, graphs: common.adjacencyGraphs });
      return core.zxcvbn;
    });
    psZxcvbn.catch(function () { psZxcvbn = null; });
  }
  return psZxcvbn;
}

// zxcvbn's warning keys, grouped under our own sentences.
var PS_WARNING_GROUPS = {
  straightRow: "keyboard", keyPattern: "keyboard",
  simpleRepeat: "repeat", extendedRepeat: "repeat",
  sequences: "sequence",
  recentYears: "dates", dates: "dates",
  topTen: "common", topHundred: "common", common: "common", similarToCommon: "common",
  pwned: "common",
  wordByItself: "one_word",
  namesByThemselves: "names", commonNames: "names",
  userInputs: "pseudonym",
};
var PS_MIN_PASSPHRASE = 10;

function psStrengthWords(texts, text, result) {
  if (!text) return "";
  if (text.length < PS_MIN_PASSPHRASE) return texts.too_short;
  var words = texts.level + " " + texts["score_" + result.score] + ".";
  var group = PS_WARNING_GROUPS[result.feedback && result.feedback.warning];
  if (group && texts["warning_" + group]) return words + " " + texts["warning_" + group];
  if (result.score < 3) return words + " " + texts.tip_more_words;
  return words;
}

function psAttachStrength(inputId, meterId, wordsId) {
  var input = document.getElementById(inputId);
  if (!input || input.dataset.strength) return;
  input.dataset.strength = "on";
  var latest = 0;
  input.addEventListener("input", function () {
    var mine = ++latest;
    psLoadZxcvbn().then(function (zxcvbn) {
      if (mine !== latest) return;
      var meter = document.getElementById(meterId), words = document.getElementById(wordsId);
      if (!meter || !words) return;
      var texts = JSON.parse(meter.getAttribute("data-texts") || "{}");
      var pseudonym = document.getElementById("ps-pseudonym");
      var result = zxcvbn(input.value, pseudonym && pseudonym.value ? [pseudonym.value] : []);
      var score = input.value.length < PS_MIN_PASSPHRASE ? 0 : result.score;
      meter.value = input.value ? score : 0;
      meter.setAttribute("data-level", input.value ? String(score) : "");
      words.textContent = psStrengthWords(texts, input.value, result);
    }, function () { /* no dictionary: the rules at sending still apply */ });
  });
}

if (typeof window !== "undefined") window.psAttachStrength = psAttachStrength;
