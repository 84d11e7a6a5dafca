/* Small helpers the directory, embed and search modules share: elements with text, counts,
 * and the reader's clock (livedates.js when the page has it). */

/**
 * An element with a class and text (always text: index content is never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | null} [className]
 * @param {string | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/* The texts a script writes, in the page's language: #site-messages (hooks/languages.py) holds
 * their translations; a Dutch page has none, its msgids are the Dutch text. Placeholders are
 * named, as in the catalogue: gettext("Toon meer (nog %(aantal)s)", {aantal: 3}). Plural forms
 * follow CLDR by the browser's Intl.PluralRules; numbers are written by Intl.NumberFormat. */

/** @type {Record<string, string | Record<string, string>> | null} */
var siteMessages = null;

/** @returns {Record<string, string | Record<string, string>>} */
function messages() {
  if (siteMessages === null) {
    var node = document.getElementById("site-messages");
    try { siteMessages = node && node.textContent ? JSON.parse(node.textContent) : {}; } catch (e) { siteMessages = {}; }
  }
  return /** @type {Record<string, string | Record<string, string>>} */ (siteMessages);
}

/** The page's language ("nl", "en", "ar", …). */
export function pageLanguage() { return document.documentElement.lang || "nl"; }

/** A number as the page's language writes it (Western digits, as the build writes them).
 * @param {number} n */
export function formatNumber(n) {
  try { return new Intl.NumberFormat(pageLanguage(), { numberingSystem: "latn" }).format(n); } catch (e) { return String(n); }
}

/** @param {string} text @param {Record<string, string | number>} [values] */
function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, function (whole, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}

/** @param {string} id the Dutch text @param {Record<string, string | number>} [values] */
export function gettext(id, values) {
  var found = messages()[id];
  return fill(typeof found === "string" ? found : id, values);
}

/** `num` is the count, written in the page's language.
 * @param {string} singular @param {string} plural @param {number} n @param {Record<string, string | number>} [values] */
export function ngettext(singular, plural, n, values) {
  /** @type {Record<string, string | number>} */
  var all = Object.assign({ num: formatNumber(n) }, values || {});
  var forms = messages()[singular];
  if (forms && typeof forms === "object") {
    var category = "other";
    try { category = new Intl.PluralRules(pageLanguage()).select(n); } catch (e) { /* "other" */ }
    return fill(forms[category] || forms.other || plural, all);
  }
  return fill(n === 1 ? singular : plural, all);
}

/** @param {number} n */
export function countText(n) { return ngettext("%(count)s activiteit", "%(count)s activiteiten", n, { count: formatNumber(n) }); }

/** The reader's time in ms. */
export function readerNow() { return window.LiveDates ? window.LiveDates.now() : Date.now(); }

/** Whether the page is read after the dates it carries (livedates.js decides; without it, no). */
export function readerStale() { return window.LiveDates ? window.LiveDates.stale() : false; }

/** The reader's date, "YYYY-MM-DD" (in the site's zone when livedates.js is there). */
export function readerToday() {
  if (window.LiveDates) return window.LiveDates.today();
  return new Date().toISOString().slice(0, 10);
}

/** Let livedates.js show the right occurrences and words in what was just added.
 * @param {ParentNode} root */
export function refreshDates(root) { if (window.LiveDates) window.LiveDates.refresh(root); }

/** An element that the page's template always has (a missing one is a template error).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new () => T} [kind]
 * @returns {T}
 */
export function byId(id, kind) {
  var node = document.getElementById(id);
  if (!node || !(node instanceof (kind || HTMLElement))) throw new Error("#" + id + " ontbreekt op de pagina");
  return /** @type {T} */ (node);
}
