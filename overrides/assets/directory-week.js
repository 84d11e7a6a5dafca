/* 'Deze week': the reader's seven days from the index, per day in time order, filtered by
 * leeftijd, stadsdeel and wijk. The page fetches the index right away when the address
 * holds filters or the page was made on an earlier day than the reader's. */

import { byId, countText, el, formatNumber, gettext, readerNow, readerToday, refreshDates } from "./common.js";
import { loadIndex } from "./directory-index.js";
import { Model, WEEK_KEYS, addDays } from "./directory-model.js";
import { Filters, fold, rememberInUrl } from "./directory-state.js";

/** @typedef {import("../../types/contracts").WeekConfig} WeekConfig */
/** @typedef {import("../../types/contracts").IndexRecord} IndexRecord */
/** @typedef {import("./directory-model.js").Occurrence & {record: IndexRecord}} Line */

/** @param {WeekConfig} config */
export function week(config) {
  var form = byId("filters", HTMLFormElement);
  var container = byId("week-days");
  var countEl = byId("count");
  var filters = new Filters(form, WEEK_KEYS);
  var folding = fold(byId("filters-toggle"), form, byId("filters-count"), filters);
  /** @type {Model | null} */
  var model = null;
  var shownStatic = true;
  /** @type {Record<string, number>} day -> lines shown ('Toon meer op deze dag') */
  var limits = {};

  function noneMessages() {
    container.querySelectorAll(".week-day").forEach(function (section) {
      var any = Array.prototype.some.call(section.querySelectorAll("li"), function (/** @type {HTMLLIElement} */ li) { return !li.hidden; });
      var none = section.querySelector(".week-none");
      if (none instanceof HTMLElement && none.hidden !== any) none.hidden = any;
    });
  }
  document.addEventListener("livedates:refresh", noneMessages);

  /** @param {Model} model */
  function render(model) {
    var data = model.data, f = model.f;
    var test = model.compile(filters.read());
    var today = readerToday();
    var first = Math.round((Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10)) / 86400000)) - data.day0;
    var lastDay = first + config.week - 1;
    /** @type {Line[][]} */
    var perDay = [];
    for (var k = 0; k < config.week; k++) perDay.push([]);
    /** @type {Record<string, boolean>} */
    var slugs = {};
    var lines = 0;
    model.records.forEach(function (r) {
      if (!test(r)) return;
      var occ = r[f.occurrences];
      for (var j = 0; j < occ.length; j += 2) {
        var o = model.occurrence(r, j);
        if (o.day < first || o.day > lastDay || o.day >= config.known || o.endMin <= model.nowMin) continue;
        perDay[o.day - first].push(Object.assign(o, { record: r }));
        slugs[r[f.slug]] = true;
        lines++;
      }
    });
    var sections = perDay.map(function (items, n) {
      var k = first + n, day = addDays(data.today, k), labels = data.days[k] || [0, day, day, day];
      items.sort(function (a, b) {
        var ta = a.record[f.title].toLowerCase(), tb = b.record[f.title].toLowerCase();
        return (a.startMin - b.startMin) || (ta < tb ? -1 : ta > tb ? 1 : 0) ||
          (a.record[f.slug] < b.record[f.slug] ? -1 : 1);
      });
      var section = el("section", "week-day");
      section.setAttribute("data-day", day);
      section.setAttribute("aria-labelledby", "day-" + day);
      var h = el("h2"), t = el("time", "", labels[2].charAt(0).toUpperCase() + labels[2].slice(1));
      h.id = "day-" + day;
      t.setAttribute("datetime", day);
      t.setAttribute("data-day", day);
      t.setAttribute("data-live-label", "after");
      h.appendChild(t);
      section.appendChild(h);
      var ul = el("ul", "week-list");
      var limit = limits[day] || config.dayLines;
      items.slice(0, limit).forEach(function (o) {
        var r = o.record, li = el("li");
        li.setAttribute("data-slug", r[f.slug]);
        li.setAttribute("data-start", o.start);
        li.setAttribute("data-end", o.end);
        var time = el("time", "", o.time);
        time.setAttribute("datetime", o.start);
        li.appendChild(time);
        li.appendChild(document.createTextNode(" "));
        var a = el("a", "", r[f.title]);
        a.href = (config.pages ?? config.root) + "activiteiten/" + r[f.slug] + "/";
        if (r[f.flags] & 8) { a.lang = "nl"; a.dir = "auto"; }  /* the editor's Dutch title on another language's page */
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "week-place", o.place + " · " + o.area + " · " + data.x[r[f.age]]));
        if (r[f.flags] & 1) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("span", "badge badge--free", gettext("Gratis")));
        }
        ul.appendChild(li);
      });
      section.appendChild(ul);
      /* A day after the dates the index holds: say it is not known, never 'none'. */
      var unknown = k >= config.known;
      var none = el("p", unknown ? "week-unknown" : "week-none", unknown ? config.unknownDay : gettext("Geen activiteiten op deze dag."));
      none.hidden = !unknown && items.length > 0;
      section.appendChild(none);
      if (items.length > limit) {
        var more = el("button", "md-button week-more", gettext("Toon meer op deze dag (nog %(aantal)s)", { aantal: formatNumber(items.length - limit) }));
        more.type = "button";
        more.setAttribute("data-more-day", day);
        section.appendChild(more);
      }
      return section;
    });
    container.replaceChildren.apply(container, sections);
    var firstLabels = data.days[first], lastLabels = data.days[lastDay];
    if (firstLabels && lastLabels) {
      var sameMonth = addDays(data.today, first).slice(0, 7) === addDays(data.today, lastDay).slice(0, 7);
      var from = sameMonth ? String(+addDays(data.today, first).slice(8, 10)) : firstLabels[3];
      byId("week-range").textContent = config.range.replace("{first}", from).replace("{last}", lastLabels[3]);
      byId("week-first").textContent = firstLabels[2];
      byId("week-last").textContent = lastLabels[2];
    }
    countEl.textContent = lastDay >= config.known ? config.unknownCount
      : config.weekCount.replace("{activities}", countText(Object.keys(slugs).length)).replace("{times}", String(lines));
    shownStatic = false;
    refreshDates(container);
    noneMessages();
  }

  /** @param {boolean} updateUrl @param {() => void} [done] */
  function apply(updateUrl, done) {
    var state = filters.read();
    folding.showCount(state);
    if (updateUrl) rememberInUrl(location.pathname + filters.query(state) + location.hash);
    if (model) { render(model); if (done) done(); return; }
    loadIndex(config.index, function (data) {
      var current = model || (model = new Model(data, readerNow()));
      render(current);
      if (done) done();
    });
  }

  form.addEventListener("change", function (event) {
    filters.sync(event.target, model ? model.data.parents : null);
    limits = {};
    apply(true);
  });
  container.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(".week-more") : null;
    if (!button) return;
    var day = button.getAttribute("data-more-day") || "";
    var section = button.closest(".week-day");
    var shownBefore = section ? section.querySelectorAll("li").length : 0;
    limits[day] = (limits[day] || config.dayLines) + config.dayLines;
    apply(false, function () {
      /* Keyboard users land on the first newly shown line. */
      var next = container.querySelector(".week-day[data-day='" + day + "'] li:nth-child(" + (shownBefore + 1) + ") a");
      if (next instanceof HTMLElement) next.focus();
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
    folding.setOpen(false);
    countEl.scrollIntoView({ block: "start" });
    countEl.focus({ preventScroll: true });
  });
  byId("clear-all").addEventListener("click", function (event) {
    event.preventDefault();
    filters.set({});
    limits = {};
    apply(true);
  });
  countEl.tabIndex = -1;

  var initial = filters.fromParams(new URLSearchParams(location.search));
  filters.set(initial);
  folding.showCount(initial);
  if (Object.keys(initial).length || readerToday() !== config.today) apply(false);
  else if (shownStatic) noneMessages();
}
