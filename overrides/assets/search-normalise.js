/* Search: the typed text as the index was made (searchindex.normalise in Python; a browser
 * test compares them), and the ages in it ("3 jaar", "2-4 jaar", "65+", "drie jaar"). */

var NUMBERS = /** @type {Record<string, number>} */ ({ een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7,
                                                      acht: 8, negen: 9, tien: 10, elf: 11, twaalf: 12 });
var NUM = "(?<![\\p{L}\\p{N}])(\\d+(?:[.,]5)?|" + Object.keys(NUMBERS).join("|") + ")";
var YEARS = "(?:jaar|jr|jarigen?|jarige)";
/** @type {[RegExp, "range" | "from" | "one"][]} */
var AGE_PATTERNS = [
  [new RegExp(NUM + "\\s*(?:-|tot en met|tot|t\\/m)\\s*" + NUM + "\\s*" + YEARS + "(?![\\p{L}\\p{N}])", "gu"), "range"],
  [new RegExp(NUM + "\\s*(?:\\+|plus(?![\\p{L}\\p{N}])|" + YEARS + "\\s*(?:\\+|en ouder|of ouder))", "gu"), "from"],
  [new RegExp(NUM + "\\s*-?\\s*" + YEARS + "(?![\\p{L}\\p{N}])", "gu"), "one"],
  [new RegExp(NUM + "\\s*-?\\s*j(?:a(?:a(?:r)?)?)?$", "gu"), "one"],   /* still typing "3 ja" */
  [new RegExp("(?:^|\\s)(\\d+(?:[.,]5)?)(?=\\s|$)", "gu"), "one"]        /* a bare number */
];

/* Letters NFKD keeps apart that a parent types as one (searchindex.FOLD, the same table): Turkish
   dotless ı, Polish ł, Arabic teh marbuta and alef maksura, the tatweel dropped. Arabic alef with
   hamza, tashkeel and Cyrillic ё, ї, й lose their mark with the other marks. */
/** @type {Record<string, string>} */
export var FOLD = { "ı": "i", "ł": "l", "Ł": "l",
                    "ة": "ه", "ى": "ي", "ـ": "" };
var FOLDED = new RegExp("[" + Object.keys(FOLD).join("") + "]", "gu");

/** Without accents or capitals, letters of FOLD folded, apostrophes inside words dropped.
 * @param {string} text */
export function normalise(text) {
  return String(text).normalize("NFKD").replace(/\p{M}/gu, "").replace(FOLDED, function (c) { return FOLD[c]; }).toLowerCase()
    .replace(/(?<=[\p{L}\p{N}])['’‘`](?=[\p{L}\p{N}])/gu, "");
}

/** @param {string} text */
function number(text) {
  return Object.prototype.hasOwnProperty.call(NUMBERS, text) ? NUMBERS[text] : parseFloat(text.replace(",", "."));
}

/** The ages in a normalised text, and the text without them.
 * @param {string} q
 * @returns {{rest: string, ages: {age: [number, number], label: string}[]}} */
export function takeAges(q) {
  /** @type {{age: [number, number], label: string}[]} */
  var ages = [];
  AGE_PATTERNS.forEach(function (pattern) {
    q = q.replace(pattern[0], function (match, /** @type {string} */ a, /** @type {string | undefined} */ b) {
      var low = number(a);
      if (isNaN(low)) return match;
      var high = pattern[1] === "range" && b !== undefined ? number(b) : pattern[1] === "from" ? Infinity : low;
      ages.push({ age: [Math.min(low, high), Math.max(low, high)], label: match.trim() });
      return " ";
    });
  });
  return { rest: q, ages: ages };
}

/* For the tests: the normaliser the index was made with must be this one. */
window.siteSearchNormalise = normalise;
