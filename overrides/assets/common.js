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

/** @param {number} n */
export function countText(n) { return n === 1 ? "1 activiteit" : n + " activiteiten"; }

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
