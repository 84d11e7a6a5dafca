/* Activity page: the way back to the list, and sharing (activity pages only).
 *
 * - Back: when the page before was a list on this site (document.referrer,
 *   same origin), the link goes back to it, filters and all (they are in its
 *   address). Without a script, or coming from elsewhere, it goes to the
 *   activity's wijk. Nothing is stored and nothing is sent.
 * - WhatsApp: the message names the next date as the reader's clock sees it,
 *   from the occurrences on the page (data-start / data-end, the contract of
 *   livedates.js; a <time datetime> without data-end counts from its start).
 *   When the page knows no future date, the message keeps the weekly rhythm
 *   the page was built with, which never goes stale.
 * - "Delen" (Web Share API) and "Kopieer link" appear where the browser has them.
 * Its texts are in the page's language (common.js gettext).
 */
import { gettext } from "./common.js";

(function () {
  "use strict";

  var LISTS = /^(?:index\.html)?$|^(?:deze-week|agenda|stadsdelen|wijken|leeftijd|soorten|organisaties)\//;
  var ZONE = "Europe/Amsterdam";

  function backLink() {
    var link = document.querySelector("a[data-back-link]");
    if (!(link instanceof HTMLAnchorElement) || !document.referrer) return;
    var from, root;
    try {
      from = new URL(document.referrer);
      var home = link.getAttribute("data-site-root") || "/";
      root = new URL(/\/$/.test(home) ? home : home + "/", window.location.href);
    } catch (e) {
      return;
    }
    if (from.origin !== window.location.origin || from.pathname.indexOf(root.pathname) !== 0) return;
    if (from.pathname === window.location.pathname) return;
    var path = from.pathname.slice(root.pathname.length);
    if (!LISTS.test(path)) return;
    link.href = from.href;
    var text = link.querySelector(".back-link__text");
    if (text) text.textContent = /^(?:index\.html)?$/.test(path) ? gettext("Terug naar de activiteiten") : gettext("Terug naar de lijst");
  }

  /** @typedef {{start: number, end: number}} Span */

  /** The next occurrence on the page by the reader's clock. */
  function nextOccurrence() {
    var now = Date.now();
    /** @type {Span | null} */
    var best = null;
    document.querySelectorAll(".next-dates [data-start], .next-dates time[datetime]").forEach(function (node) {
      if (node.closest("[hidden]")) return;
      var start = Date.parse(node.getAttribute("data-start") || node.getAttribute("datetime") || "");
      var end = Date.parse(node.getAttribute("data-end") || "") || start;
      if (isNaN(start) || end <= now) return;
      if (!best || start < best.start) best = { start: start, end: end };
    });
    return best;
  }

  /** @param {Span} occurrence */
  function dateText(occurrence) {
    var day = new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", timeZone: ZONE });
    var time = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: ZONE });
    var text = day.format(new Date(occurrence.start)) + ", " + time.format(new Date(occurrence.start));
    if (occurrence.end > occurrence.start) text += "–" + time.format(new Date(occurrence.end));
    return text;
  }

  /** @param {Element} link */
  function shareText(link) {
    var title = link.getAttribute("data-share-title") || document.title;
    var next = nextOccurrence();
    return next ? title + ", " + dateText(next) : link.getAttribute("data-share-text") || title;
  }

  function sharing() {
    var found = document.querySelector("a.share-whatsapp");
    if (!(found instanceof HTMLAnchorElement)) return;
    var link = found;
    var url = link.getAttribute("data-share-url") || window.location.href;
    var status = document.querySelector(".share-status");
    function update() {
      link.href = "https://wa.me/?text=" + encodeURIComponent(shareText(link) + "\n" + url);
    }
    update();
    link.addEventListener("click", update); /* the clock may have moved on since the page was opened */

    var native = document.querySelector(".share-native");
    if (native instanceof HTMLElement && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: link.getAttribute("data-share-title") || document.title, text: shareText(link), url: url })
          .catch(function () { /* closed by the visitor: nothing to say */ });
      });
    }
    var copy = document.querySelector(".share-copy");
    if (copy instanceof HTMLElement && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          if (status) status.textContent = gettext("De link is gekopieerd. Plak hem in een bericht of een mail.");
        }, function () {
          if (status) status.textContent = gettext("Kopiëren lukte niet. De link is: %(link)s", { link: url });
        });
      });
    }
  }

  function start() {
    backLink();
    sharing();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
