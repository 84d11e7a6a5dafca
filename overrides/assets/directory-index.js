/* The index of every current activity (assets/gids/activiteiten.js, written by
 * activity_directory.pages.directory.index_script): loaded once per page, as a script, so
 * whatever the page does with it is done before the page's load event. */

/** @typedef {import("../../types/contracts").IndexData} IndexData */

/** @type {IndexData | null} */
var indexData = null;
/** @type {((data: IndexData) => void)[]} */
var indexWaiting = [];
var indexRequested = false;

/** @param {IndexData} data */
function receiveIndex(data) {
  indexData = data;
  var waiting = indexWaiting;
  indexWaiting = [];
  waiting.forEach(function (done) { done(data); });
}

/* The index script calls ActivityIndex.push(data) while it runs (it may have run before this). */
var early = window.ActivityIndex;
window.ActivityIndex = { push: receiveIndex };
if (Array.isArray(early) && early.length) receiveIndex(early[early.length - 1]);

/**
 * Calls `done` with the index, loading it from `url` the first time.
 * @param {string} url
 * @param {(data: IndexData) => void} done
 */
export function loadIndex(url, done) {
  if (indexData) { done(indexData); return; }
  indexWaiting.push(done);
  if (indexRequested) return;
  indexRequested = true;
  var script = document.createElement("script");
  script.src = url;
  script.onerror = function () {
    indexRequested = false;
    var status = document.getElementById("near-status");
    if (status) status.textContent = "De lijst kon niet worden geladen. Probeer het later opnieuw.";
  };
  document.head.appendChild(script);
}
