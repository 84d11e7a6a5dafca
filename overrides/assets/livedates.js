/* LiveDates: dates that are right on the day a page is read, not the day it was built.
 *
 * A static page stays online between builds. The build therefore writes every
 * occurrence it shows with its start and end, and more of them than it shows
 * (five weeks and the next ones after); this script, by the reader's clock:
 *   - hides what has ended (any element with data-end in the past),
 *   - shows the next occurrence(s) of a group instead,
 *   - re-sorts date-sorted lists,
 *   - writes "vandaag" / "morgen" only for the reader's today and tomorrow
 *     (in Europe/Amsterdam, or the zone the script tag names).
 * Without the script nothing says "vandaag" or "morgen": every date carries
 * its weekday (and the year outside the current one), and pages say on which
 * day they were made.
 *
 * Markup (the public contract; see README "Public contracts"):
 *   data-start, data-end   on every shown occurrence: ISO 8601 local time with
 *                          offset, e.g. 2026-11-30T09:30:00+01:00; preferably
 *                          <time datetime="…" data-start="…" data-end="…">.
 *                          data-end alone marks anything that expires (a notice).
 *   data-live="next"       on a group of occurrences (its children): only the
 *                          first data-live-show (default 1) that have not ended
 *                          are shown; the build marks the others `hidden`.
 *   data-live-sort         on a list sorted by date: its children are kept in the
 *                          order of their first shown occurrence (stable).
 *   data-day="YYYY-MM-DD"  on an element about a whole day (a day heading or section
 *                          on 'Deze week'): hidden once that day is over.
 *   data-live-label        "before" or "after", on an occurrence or a data-day element,
 *                          or on an element around them: the shown occurrence or day
 *                          gets "Vandaag · " before, or " (vandaag)" after its text,
 *                          for the reader's today and tomorrow only.
 *   data-live-stale="ISO"  on a notice (hidden by the build): shown from that moment on,
 *                          when the page is read after the dates it carries.
 *   data-weekly            on an item of a data-live-sort list: it repeats every week. Once
 *                          the page is stale (data-stale below), such an item without a shown
 *                          date keeps its place above items whose date is far ahead (a one-off
 *                          event in March must not rise above the weekly toddler gym).
 *   <script src="livedates.js" data-today="vandaag" data-tomorrow="morgen"
 *           data-zone="Europe/Amsterdam" data-stale="ISO">: the words come from the page (the
 *           build writes them from the wording module); without them no label is written.
 *           data-stale: from then on the page no longer holds every date (LiveDates.stale()).
 *
 * API (window.LiveDates), for scripts that add occurrences to a page:
 *   LiveDates.refresh(root?)  apply the rules above to root (default: document);
 *                             call it after inserting occurrence elements.
 *   LiveDates.now()           the reader's time in ms (Date.now()).
 *   LiveDates.today()         the reader's date in the zone, "YYYY-MM-DD".
 *   LiveDates.dayOf(iso)      the date in the zone of an ISO time, "YYYY-MM-DD".
 *   LiveDates.addDays(day, n) "YYYY-MM-DD" n days later.
 *   LiveDates.ended(el)       true when el's data-end is in the past.
 *   LiveDates.relative(iso)   "vandaag", "morgen" or "" for an ISO time.
 *   LiveDates.stale()         true when the page is read after the dates it carries.
 * The page is refreshed on load, every minute, and when it is shown again; after
 * every refresh the event "livedates:refresh" is dispatched on document.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var words = {
    today: script && script.getAttribute("data-today") || "",
    tomorrow: script && script.getAttribute("data-tomorrow") || ""
  };
  var zone = script && script.getAttribute("data-zone") || "Europe/Amsterdam";
  var staleFrom = script ? script.getAttribute("data-stale") : null;
  /** @type {Intl.DateTimeFormat | null} */
  var dayFormat = null;
  try {
    dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch (e) {
    dayFormat = null;
  }

  function now() { return Date.now(); }

  /** @param {string | null} value an ISO time @returns {number | null} */
  function time(value) {
    if (value === null) return null;
    var t = Date.parse(value);
    return isNaN(t) ? null : t;
  }

  /** "YYYY-MM-DD" of an instant in the zone.
   * @param {number} ms */
  function dayAt(ms) {
    if (!dayFormat) return new Date(ms).toISOString().slice(0, 10);
    /** @type {Partial<Record<Intl.DateTimeFormatPartTypes, string>>} */
    var parts = {};
    dayFormat.formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function today() { return dayAt(now()); }

  /* The date in the zone of an ISO time (any offset); remembered, as pages ask again every refresh. */
  /** @type {Record<string, string>} */
  var days = {};
  /** @param {string | null} iso */
  function dayOf(iso) {
    if (iso === null) return "";
    if (Object.prototype.hasOwnProperty.call(days, iso)) return days[iso];
    var t = time(iso);
    return (days[iso] = t === null ? "" : dayAt(t));
  }

  /** @param {string} day "YYYY-MM-DD" @param {number} n */
  function addDays(day, n) {
    var d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n));
    return d.toISOString().slice(0, 10);
  }

  /** Whether the page is read after the dates it carries (at `at`, default now).
   * @param {number} [at] */
  function stale(at) {
    var from = time(staleFrom);
    return from !== null && (at === undefined ? now() : at) >= from;
  }

  /** @param {Element} el @param {number} [at] */
  function ended(el, at) {
    var end = time(el.getAttribute("data-end"));
    return end !== null && end <= (at === undefined ? now() : at);
  }

  /** "vandaag", "morgen" or "" for an ISO time, by the reader's day (or `day`).
   * @param {string | null} iso @param {string} [day] */
  function relative(iso, day) {
    day = day || today();
    var d = dayOf(iso);
    if (!d) return "";
    if (d === day) return words.today;
    if (d === addDays(day, 1)) return words.tomorrow;
    return "";
  }

  /** @param {HTMLElement} el @param {boolean} hide */
  function setHidden(el, hide) {
    if (el.hidden !== hide) el.hidden = hide;
  }

  /** @param {Element} group */
  function occurrencesIn(group) {
    /** @type {HTMLElement[]} */
    var found = [];
    for (var i = 0; i < group.children.length; i++) {
      var child = group.children[i];
      if (child instanceof HTMLElement && child.hasAttribute("data-start")) found.push(child);
    }
    return found;
  }

  /** @param {string} text */
  function capitalize(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* The label of one occurrence: a span the script owns, first or last in the element. */
  /** @param {HTMLElement} el @param {string | null} where "before" or "after" @param {string} day */
  function label(el, where, day) {
    /** @type {Element | null} */
    var span = null;
    for (var i = 0; i < el.children.length; i++) {
      if (el.children[i].classList.contains("live-label")) span = el.children[i];
    }
    var word = "";
    if (!el.hidden) {
      var own = el.getAttribute("data-day");
      if (own) word = own === day ? words.today : own === addDays(day, 1) ? words.tomorrow : "";
      else word = relative(el.getAttribute("data-start"), day);
    }
    if (!word) {
      if (span) span.remove();
      return;
    }
    var text = where === "before" ? capitalize(word) + " · " : " (" + word + ")";
    if (!span) {
      span = document.createElement("span");
      span.className = "live-label";
      if (where === "before") el.insertBefore(span, el.firstChild);
      else el.appendChild(span);
    }
    if (span.textContent !== text) span.textContent = text;
  }

  /** @param {HTMLElement} el */
  function firstShownStart(el) {
    var list = el.hasAttribute("data-start") ? [el] : all(el, "[data-start]");
    for (var i = 0; i < list.length; i++) {
      if (!list[i].hidden && !list[i].closest("[hidden]")) {
        var t = time(list[i].getAttribute("data-start"));
        if (t !== null) return t;
      }
    }
    return Infinity;
  }

  /** Elements of the markup contract (all HTML elements: the pages and scripts write them so).
   * @param {ParentNode} root @param {string} selector */
  function all(root, selector) {
    return /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(selector));
  }

  /** @param {ParentNode} [root] */
  function refresh(root) {
    root = root || document;
    var at = now();
    var day = dayAt(at);
    var i, j;
    /* Groups first: each shows its next occurrence(s). */
    var groups = all(root, "[data-live='next']");
    var inGroup = new Set();
    for (i = 0; i < groups.length; i++) {
      var show = parseInt(groups[i].getAttribute("data-live-show") || "1", 10);
      var items = occurrencesIn(groups[i]), shown = 0;
      for (j = 0; j < items.length; j++) {
        var visible = !ended(items[j], at) && shown < show;
        if (visible) shown++;
        setHidden(items[j], !visible);
        inGroup.add(items[j]);
      }
      if (groups[i].getAttribute("data-live-empty") !== "keep") setHidden(groups[i], shown === 0);
    }
    /* Everything else that has ended, and days that are over. */
    var ending = all(root, "[data-end]");
    for (i = 0; i < ending.length; i++) {
      if (!inGroup.has(ending[i]) && ended(ending[i], at)) setHidden(ending[i], true);
    }
    /* Notices for a page read after its dates. */
    var notices = all(root, "[data-live-stale]");
    for (i = 0; i < notices.length; i++) {
      var from = time(notices[i].getAttribute("data-live-stale"));
      setHidden(notices[i], from === null || at < from);
    }
    var days = all(root, "[data-day]");
    for (i = 0; i < days.length; i++) {
      if ((days[i].getAttribute("data-day") || "") < day) setHidden(days[i], true);
    }
    /* Labels for the reader's today and tomorrow. */
    var labelled = all(root, "[data-live-label]");
    for (i = 0; i < labelled.length; i++) {
      var where = labelled[i].getAttribute("data-live-label");
      var own = labelled[i].hasAttribute("data-start") || labelled[i].hasAttribute("data-day");
      var targets = own ? [labelled[i]] : all(labelled[i], "[data-start], [data-day]");
      for (j = 0; j < targets.length; j++) label(targets[j], where, day);
    }
    /* Date-sorted lists keep date order by the reader's clock. */
    var lists = all(root, "[data-live-sort]");
    for (i = 0; i < lists.length; i++) sortList(lists[i], stale(at) ? at : null);
    var event;
    try {
      event = new CustomEvent("livedates:refresh", { detail: { root: root } });
    } catch (e) {
      event = null;
    }
    if (event) document.dispatchEvent(event);
  }

  /** @param {HTMLElement} list @param {number | null} staleAt the reader's time when the page is stale */
  function sortList(list, staleAt) {
    var children = /** @type {HTMLElement[]} the list's items (li) */ (Array.from(list.children));
    children.forEach(function (child, n) {
      if (!child.hasAttribute("data-live-order")) child.setAttribute("data-live-order", String(n));
    });
    var keyed = children.map(function (child) {
      var start = firstShownStart(child);
      /* A weekly activity past the carried dates is most likely on now: it keeps its build order at the top. */
      if (start === Infinity && staleAt !== null && child.hasAttribute("data-weekly")) start = -Infinity;
      return { el: child, start: start, order: Number(child.getAttribute("data-live-order")) };
    });
    var sorted = keyed.slice().sort(function (a, b) {
      return (a.start === b.start ? 0 : a.start < b.start ? -1 : 1) || (a.order - b.order);
    });
    var same = true;
    for (var i = 0; i < sorted.length && same; i++) same = sorted[i].el === children[i];
    if (!same) sorted.forEach(function (k) { list.appendChild(k.el); });
  }

  window.LiveDates = {
    refresh: refresh, now: now, today: today, dayOf: dayOf, addDays: addDays,
    ended: function (/** @type {Element} */ el) { return ended(el); },
    relative: function (/** @type {string} */ iso) { return relative(iso); },
    stale: function () { return stale(); },
    words: words, zone: zone
  };

  function start() { refresh(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  setInterval(function () { refresh(document); }, 60000);
  window.addEventListener("pageshow", function () { refresh(document); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") refresh(document);
  });
})();
