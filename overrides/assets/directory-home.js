/* The home page: every current activity from the index, 60 cards at a time with 'Toon meer',
 * in date order by the reader's clock or by distance ('Dichtbij', computed here and never
 * sent), the empty state, and the feed that fits the filters. The page fetches the index
 * right away when the address holds filters (so the page's load event waits for the
 * filtered list), else once the page has loaded. */

import { byId, countText, el, formatNumber, gettext, readerNow, readerStale, readerToday, refreshDates } from "./common.js";
import { loadIndex } from "./directory-index.js";
import { KEYS, Model } from "./directory-model.js";
import { Filters, fold, rememberInUrl } from "./directory-state.js";
import { listHeading } from "./directory-list.js";

/** @typedef {import("../../types/contracts").HomeConfig} HomeConfig */
/** @typedef {import("../../types/contracts").IndexData} IndexData */
/** @typedef {import("./directory-model.js").FilterState} FilterState */
/** @typedef {{lat: number, lon: number, label: string, mine: boolean}} Point */

var STEP = 60;
var CARD_DATES = 4; /* occurrences a card rendered here carries: the next, and what follows if it ends while open */

/** @param {number} lat1 @param {number} lon1 @param {number} lat2 @param {number} lon2 */
function km(lat1, lon1, lat2, lon2) {
  var rad = Math.PI / 180;
  var x = (lon2 - lon1) * rad * Math.cos((lat1 + lat2) / 2 * rad);
  var y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * 6371;
}

/** @param {HomeConfig} config */
export function home(config) {
  var form = byId("filters", HTMLFormElement);
  var list = byId("cards");
  var countEl = byId("count");
  var emptyEl = byId("empty");
  var emptyActions = byId("empty-actions");
  var results = byId("results");
  var sortSelect = byId("sort", HTMLSelectElement);
  var nearButton = byId("near-me");
  var status = byId("near-status");
  var feedLink = byId("feed-link");
  var feedNote = byId("feed-note");
  var moreButton = byId("more-cards");
  var filters = new Filters(form, KEYS);
  var showList = listHeading(form, config.pages ?? config.root, kindAreaKeys); /* before the query string adds options */
  /** @type {Model | null} */
  var model = null;
  var limit = STEP;
  /** @type {number[]} record indices in display order (by date, or by distance) */
  var sequence = [];
  /** @type {number[] | null} */
  var distances = null;
  /** @type {Point | null} */
  var point = null;
  var pending = false;
  /** @type {Record<number, HTMLLIElement>} record index -> card element (for the current day/part choices) */
  var rendered = {};
  /** Which sessions a card may show: the next one that answers 'dag' and 'dagdeel' (null: any).
   * @type {((record: import("../../types/contracts").IndexRecord, j: number) => boolean) | null} */
  var sessions = null;
  var sessionsFor = "";
  var subscribeBox = byId("subscribe");
  var feedBase = subscribeBox.getAttribute("data-feed-base") || "";
  var feedPrefix = subscribeBox.getAttribute("data-feed-prefix") || "";
  var feedRoutes = byId("feed-routes");
  var feedGoogle = byId("feed-google");
  var feedOutlook = byId("feed-outlook");
  var feedDownload = byId("feed-download");
  var defaultFeed = { href: feedLink.getAttribute("href") || "", text: feedLink.textContent || "",
                      note: (feedNote.textContent || "").replace(/\s+/g, " ").trim(), routesHidden: feedRoutes.hidden,
                      google: feedGoogle.getAttribute("href"), outlook: feedOutlook.getAttribute("href"),
                      download: feedDownload.getAttribute("href") };
  /* Feeds that are not a plain subscription (feeds.special_feeds): 'gegevens' is too large for
     calendar apps and is never offered as one, 'leeg' has no dates now. */
  var feedStatesEl = document.getElementById("feed-states");
  /** @type {Record<string, string>} */
  var feedStates = feedStatesEl ? JSON.parse(feedStatesEl.textContent || "{}") : {};
  countEl.tabIndex = -1;

  var folding = fold(byId("filters-toggle"), form, byId("filters-count"), filters);
  var setOpen = folding.setOpen, showCount = folding.showCount;

  /* --- cards from the index --- */
  /** @param {Model} model @param {number} i */
  function cardFor(model, i) {
    var f = model.f, r = model.records[i], slug = r[f.slug];
    if (rendered[i]) return rendered[i];
    var li = el("li", "card");
    li.setAttribute("data-slug", slug);
    if (r[f.flags] & 4) li.setAttribute("data-weekly", "");
    var h = el("h3"), a = el("a", "", r[f.title]);
    a.href = (config.pages ?? config.root) + "activiteiten/" + slug + "/";
    if (r[f.flags] & 8) { a.lang = "nl"; a.dir = "auto"; }  /* the editor's Dutch title on another language's page */
    h.appendChild(a);
    li.appendChild(h);
    var occ = r[f.occurrences];
    if (occ.length) {
      var when = el("p", "card-when");
      when.setAttribute("data-live", "next");
      when.setAttribute("data-live-label", "before");
      /* The next few that have not ended (the built cards carry the whole window). */
      var added = 0;
      for (var j = 0; j < occ.length && added < CARD_DATES; j += 2) {
        if (model.ended(r, j) || (sessions && !sessions(r, j))) continue;
        var o = model.occurrence(r, j);
        var t = el("time", "", o.text);
        t.setAttribute("datetime", o.start);
        t.setAttribute("data-start", o.start);
        t.setAttribute("data-end", o.end);
        if (added++) t.hidden = true;
        when.appendChild(t);
      }
      if (added) li.appendChild(when);
    }
    var x = model.data.x;
    li.appendChild(el("p", "card-where", x[r[f.place]] + " · " + x[r[f.area]]));
    var tags = el("p", "card-tags");
    if (r[f.flags] & 1) tags.appendChild(el("span", "badge badge--free", gettext("Gratis")));
    else tags.appendChild(el("span", "card-cost", x[r[f.cost]]));
    tags.appendChild(document.createTextNode(" "));
    if (r[f.flags] & 2) {
      tags.appendChild(el("span", "badge badge--walkin", gettext("Inloop")));
      tags.appendChild(document.createTextNode(" "));
    }
    tags.appendChild(el("span", "card-age", x[r[f.age]]));
    li.appendChild(tags);
    rendered[i] = li;
    return li;
  }

  /** @param {HTMLLIElement} li @param {number} i */
  function showDistance(li, i) {
    var tag = li.querySelector(".card-dist");
    if (!distances) {
      if (tag) tag.remove();
      return;
    }
    if (!tag) {
      tag = el("span", "card-dist");
      var where = li.querySelector(".card-where");
      if (where) where.appendChild(tag);
    }
    var d = distances[i];
    var text = isFinite(d) ? " · " + d.toFixed(1).replace(".", ",") + " km" : "";
    if (tag.textContent !== text) tag.textContent = text;
  }

  /* --- the empty state --- */
  /** @param {FilterState} state */
  function renderEmpty(state) {
    emptyActions.textContent = "";
    KEYS.forEach(function (key) {
      (state[key] || []).forEach(function (value) {
        var li = el("li"), button = el("button", "md-button", gettext("Zonder “%(filter)s”", { filter: filters.labelOf(key, value) }));
        button.type = "button";
        button.addEventListener("click", function () {
          var next = filters.read();
          var left = (next[key] || []).filter(function (v) { return v !== value; });
          if (left.length) next[key] = left; else delete next[key];
          if (key === "stadsdeel") delete next.wijk;
          filters.set(next);
          changed(true);
          countEl.focus();
        });
        li.appendChild(button);
        emptyActions.appendChild(li);
      });
    });
    var li = el("li"), clear = el("button", "md-button md-button--primary", gettext("Wis alle filters"));
    clear.type = "button";
    clear.addEventListener("click", function () { clearAll(); countEl.focus(); });
    li.appendChild(clear);
    emptyActions.appendChild(li);
  }

  /* --- the feed for what was filtered (every list page has one: see feeds.all_feeds) --- */
  /** The age group of a leeftijd value (a group key, or years in one).
   * @param {string} value */
  function groupOf(value) {
    var groups = model ? model.data.groups : null;
    if (!groups) return null;
    if (groups[value]) return value;
    var years = parseFloat(value);
    if (isNaN(years)) return null;
    for (var key in groups) {
      if (!Object.prototype.hasOwnProperty.call(groups, key)) continue;
      var g = groups[key], high = g[1] === null ? Infinity : g[1];
      if (g[0] <= years && years <= high) return key;
    }
    return null;
  }

  /** @param {string} key */
  function isArea(key) { return !!model && Object.prototype.hasOwnProperty.call(model.areaIndex, key); }

  /** The links of a feed of this page's language: subscribe (webcal:), the Google and Outlook
     routes, and the download (feeds.subscribe_links builds the same). A feed too large for
     calendar apps gets none of them, not even hidden (offerNone).
     @param {string} folder the list's folder, site-relative below the language's ('' for everything)
     @param {string} name */
  function offerLinks(folder, name) {
    var path = folder + "agenda.ics";
    var https = feedBase + feedPrefix + path;
    var webcal = "webcal://" + https.split("://")[1];
    feedLink.setAttribute("href", webcal);
    feedRoutes.hidden = false;
    setLink(feedGoogle, "https://calendar.google.com/calendar/r?cid=" + encodeURIComponent(webcal));
    setLink(feedOutlook, "https://outlook.live.com/calendar/0/addfromweb?url=" + encodeURIComponent(https) +
      "&name=" + encodeURIComponent(name));
    setLink(feedDownload, config.root + feedPrefix + path);
  }

  /** A route's link, or none (null): without href, HTML allows no download, type or rel.
   * @param {HTMLElement} link @param {string | null} href */
  function setLink(link, href) {
    /** @type {Record<string, string>} */
    var attributes = link === feedDownload ? { href: href || "", download: "", type: "text/calendar" }
      : { href: href || "", rel: "noopener" };
    Object.keys(attributes).forEach(function (name) {
      if (href === null) link.removeAttribute(name);
      else link.setAttribute(name, attributes[name]);
    });
  }

  function offerNone() {
    feedRoutes.hidden = true;
    [feedGoogle, feedOutlook, feedDownload].forEach(function (link) { setLink(link, null); });
  }

  /** Soort -> the keys of the areas with a list (page, feed, embed) of that soort; undefined before the index. */
  function kindAreaKeys() {
    if (!model) return undefined;
    var names = model.data.areas, feeds = model.data.kind_feeds || {};
    /** @type {Record<string, string[]>} */
    var result = {};
    Object.keys(feeds).forEach(function (kind) { result[kind] = feeds[kind].map(function (i) { return names[i]; }); });
    return result;
  }

  /** Whether the build wrote a feed of soort `kind` in the area `key` (only where it holds an activity).
   * @param {string} kind @param {string} key */
  function hasKindFeed(kind, key) {
    var areas = model ? (model.data.kind_feeds || {})[kind] : null;
    return !!areas && areas.indexOf(model ? model.areaIndex[key] : -1) >= 0;
  }

  /** @type {Record<string, number>} */
  var counts = {};
  var countsFor = /** @type {Model | null} */ (null);
  /** How many current activities match `state` (to tell the narrower of feeds that all hold the list).
   * @param {FilterState} state */
  function countOf(state) {
    if (!model) return 0;
    if (countsFor !== model) { counts = {}; countsFor = model; }
    var key = JSON.stringify(state);
    if (Object.prototype.hasOwnProperty.call(counts, key)) return counts[key];
    var test = model.compile(state), records = model.records, n = 0;
    for (var i = 0; i < records.length; i++) if (test(records[i])) n++;
    return (counts[key] = n);
  }

  /** @param {FilterState} state */
  function updateFeed(state) {
    var wijk = (state.wijk || [])[0], district = (state.stadsdeel || [])[0];
    var age = (state.leeftijd || [])[0], group = age ? groupOf(age) : null;
    var kinds = state.soort || [];
    var oneKind = kinds.length === 1 && filters.labelOf("soort", kinds[0]) !== kinds[0] ? kinds[0] : null;
    /* The narrowest feed that holds every listed activity (feeds.all_feeds): of the feeds made of a part
       of the filters (a soort in an area where the build wrote one, an area for an age group, an area,
       an age group, a soort), the one with the fewest activities now; the first of them on a tie. */
    /** @type {string[][]} */
    var areas = [];
    if (wijk && isArea(wijk)) areas.push(["wijken", wijk]);
    if (district && isArea(district)) areas.push(["stadsdelen", district]);
    /** @type {{area: string[] | null, group: string | null, kind: string | null, state: FilterState}[]} */
    var choices = [];
    areas.forEach(function (place) {
      /** @type {FilterState} */
      var inArea = {}; inArea[place[0] === "wijken" ? "wijk" : "stadsdeel"] = [place[1]];
      if (group) choices.push({ area: place, group: group, kind: null, state: Object.assign({ leeftijd: [group] }, inArea) });
      if (oneKind && hasKindFeed(oneKind, place[1])) {
        choices.push({ area: place, group: null, kind: oneKind, state: Object.assign({ soort: [oneKind] }, inArea) });
      }
      choices.push({ area: place, group: null, kind: null, state: inArea });
    });
    if (group) choices.push({ area: null, group: group, kind: null, state: { leeftijd: [group] } });
    if (oneKind) choices.push({ area: null, group: null, kind: oneKind, state: { soort: [oneKind] } });
    var best = null, fewest = Infinity;
    for (var c = 0; c < choices.length; c++) {
      var n = countOf(choices[c].state);
      if (n < fewest) { best = choices[c]; fewest = n; }
    }
    var area = best ? best.area : null, kind = best ? best.kind : null;
    group = best ? best.group : null;
    if (!area && !group && !kind) {
      feedLink.setAttribute("href", defaultFeed.href);
      feedLink.textContent = defaultFeed.text;
      feedRoutes.hidden = defaultFeed.routesHidden;
      setLink(feedGoogle, defaultFeed.google);
      setLink(feedOutlook, defaultFeed.outlook);
      setLink(feedDownload, defaultFeed.download);
      var extra = Object.keys(state).length > 0;
      feedNote.textContent = extra ? defaultFeed.note + " " + gettext("Ook als ze niet passen bij je keuzes: een agenda met alleen die keuzes is er niet.") : defaultFeed.note;
      return;
    }
    var path = (area ? area[0] + "/" + area[1] + "/" : "") + (kind ? "soorten/" + kind + "/" : group ? "leeftijd/" + group + "/" : "");
    /* Whole sentences per scope (soort and area, soort, group and area, group, area), so a translation can
       order its words. 'voor peuters (2–3 jaar) in <wijk>': only the group's first letter is lowered, never a place name. */
    var v = {
      groep: group ? filters.labelOf("leeftijd", group).replace(/^./, function (c) { return c.toLowerCase(); }) : "",
      gebied: area ? filters.labelOf(area[0] === "wijken" ? "wijk" : "stadsdeel", area[1]) : "",
      soort: kind ? filters.labelOf("soort", kind) : ""
    };
    /** @param {string} both @param {string} onlyGroup @param {string} onlyArea @param {string} onlyKind
     * @param {string} kindInArea */
    function pick(both, onlyGroup, onlyArea, onlyKind, kindInArea) {
      return kind ? (area ? kindInArea : onlyKind) : group && area ? both : group ? onlyGroup : onlyArea;
    }
    var feedState = feedStates[path + "agenda.ics"];
    if (feedState === "gegevens") {
      feedLink.setAttribute("href", (config.pages ?? config.root) + "agenda/");
      feedLink.textContent = gettext("Kies een kleinere agenda voor je agenda-app");
      offerNone();
      feedNote.textContent = pick(
        gettext("Een agenda met alle activiteiten voor %(groep)s in %(gebied)s is te groot voor agenda-apps. Kies een stadsdeel of een wijk.", v),
        gettext("Een agenda met alle activiteiten voor %(groep)s is te groot voor agenda-apps. Kies een stadsdeel of een wijk.", v),
        area && area[0] === "wijken"
          ? gettext("Een agenda met alle activiteiten in %(gebied)s is te groot voor agenda-apps. Kies een leeftijd.", v)
          : gettext("Een agenda met alle activiteiten in %(gebied)s is te groot voor agenda-apps. Kies een wijk of een leeftijd.", v),
        gettext("Een agenda met alle activiteiten van de soort %(soort)s is te groot voor agenda-apps. Kies een stadsdeel, een wijk of een leeftijd.", v),
        area && area[0] === "wijken"
          ? gettext("Een agenda met alle activiteiten van de soort %(soort)s in %(gebied)s is te groot voor agenda-apps. Kies een leeftijd.", v)
          : gettext("Een agenda met alle activiteiten van de soort %(soort)s in %(gebied)s is te groot voor agenda-apps. Kies een wijk of een leeftijd.", v));
      if (group && area && area[0] === "wijken") {
        feedNote.textContent = gettext("Een agenda met alle activiteiten voor %(groep)s in %(gebied)s is te groot voor agenda-apps. Kies een leeftijd.", v);
      }
      return;
    }
    feedLink.textContent = pick(gettext("Abonneer op de activiteiten voor %(groep)s in %(gebied)s", v),
      gettext("Abonneer op de activiteiten voor %(groep)s", v), gettext("Abonneer op de activiteiten in %(gebied)s", v),
      gettext("Abonneer op de activiteiten van de soort %(soort)s", v),
      gettext("Abonneer op de activiteiten van de soort %(soort)s in %(gebied)s", v));
    offerLinks(path, kind ? (area ? gettext("%(soort)s in %(gebied)s", v) : v.soort) : group && area ? gettext("%(leeftijdsgroep)s in %(gebied)s",
      { leeftijdsgroep: filters.labelOf("leeftijd", group), gebied: v.gebied }) : group ? filters.labelOf("leeftijd", group) : v.gebied);
    /** @type {string[]} */
    var left = [];
    if (age && age !== group) left.push(filters.labelOf("leeftijd", age));
    if (wijk && district && area && area[0] === "stadsdelen") left.push(filters.labelOf("wijk", wijk));
    ["dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk"].forEach(function (key) {
      if (key === "soort" && kind) return;
      (state[key] || []).forEach(function (value) { left.push(filters.labelOf(key, value)); });
    });
    /** @type {Record<string, string>} */
    var w = Object.assign({ keuzes: left.join(", ").toLowerCase() }, v);
    var note = left.length
      ? pick(gettext("In deze agenda staan alle activiteiten voor %(groep)s in %(gebied)s, ook als ze niet passen bij je andere keuzes (%(keuzes)s).", w),
        gettext("In deze agenda staan alle activiteiten voor %(groep)s, ook als ze niet passen bij je andere keuzes (%(keuzes)s).", w),
        gettext("In deze agenda staan alle activiteiten in %(gebied)s, ook als ze niet passen bij je andere keuzes (%(keuzes)s).", w),
        gettext("In deze agenda staan alle activiteiten van de soort %(soort)s, ook als ze niet passen bij je andere keuzes (%(keuzes)s).", w),
        gettext("In deze agenda staan alle activiteiten van de soort %(soort)s in %(gebied)s, ook als ze niet passen bij je andere keuzes (%(keuzes)s).", w))
        + " " + gettext("Een agenda met alleen die keuzes is er niet.")
      : pick(gettext("In deze agenda staan alle activiteiten voor %(groep)s in %(gebied)s.", v),
        gettext("In deze agenda staan alle activiteiten voor %(groep)s.", v),
        gettext("In deze agenda staan alle activiteiten in %(gebied)s.", v),
        gettext("In deze agenda staan alle activiteiten van de soort %(soort)s.", v),
        gettext("In deze agenda staan alle activiteiten van de soort %(soort)s in %(gebied)s.", v));
    if (feedState === "leeg") note += " " + gettext("Er staan nu geen activiteiten in; komt er iets bij, dan staat het vanzelf in je agenda.");
    feedNote.textContent = note;
  }

  /* --- apply --- */
  /** @param {boolean} updateUrl @param {boolean} [keepLimit] */
  function apply(updateUrl, keepLimit) {
    var state = filters.read();
    showCount(state);
    showList(state);
    if (updateUrl) rememberInUrl(location.pathname + filters.query(state) + location.hash);
    if (!model) {
      pending = true;
      list.removeAttribute("data-live-sort");
      results.setAttribute("aria-busy", "true");
      results.classList.add("is-loading");
      ensureIndex();
      return;
    }
    var current = model;
    var test = compile(current, state);
    var sessionKey = JSON.stringify([state.dag || [], state.dagdeel || []]);
    if (sessionKey !== sessionsFor) {
      sessionsFor = sessionKey;
      sessions = current.sessionTest(state);
      rendered = {}; /* cards show another session now */
    }
    if (!keepLimit) limit = STEP;
    var shown = 0;
    /** @type {number[]} */
    var visible = [];
    var records = current.records;
    for (var n = 0; n < sequence.length; n++) {
      var i = sequence[n];
      if (test(records[i])) {
        if (shown < limit) visible.push(i);
        shown++;
      }
    }
    var els = visible.map(function (i) { var li = cardFor(current, i); showDistance(li, i); return li; });
    /* Cards that do not show are not in the list (not hidden in it): laying out
       thousands of hidden cards takes seconds. */
    var children = list.children, same = children.length === els.length;
    for (var j = 0; same && j < els.length; j++) same = children[j] === els[j];
    if (!same) list.replaceChildren.apply(list, els);
    refreshDates(list);
    var rest = shown - Math.min(shown, limit);
    moreButton.hidden = rest === 0;
    if (rest) moreButton.textContent = gettext("Toon meer activiteiten (nog %(aantal)s)", { aantal: formatNumber(rest) });
    var text = countText(shown);
    if (countEl.textContent !== text) countEl.textContent = text;
    emptyEl.hidden = shown > 0;
    if (!shown) renderEmpty(state);
    updateFeed(state);
  }

  /** @type {ReturnType<Model["compile"]> | null} */
  var compiled = null;
  /** @type {string | null} */
  var compiledFor = null;
  /** @param {Model} current @param {FilterState} state */
  function compile(current, state) {
    var key = JSON.stringify(state);
    if (!compiled || compiledFor !== key) { compiled = current.compile(state); compiledFor = key; }
    return compiled;
  }

  /** @param {boolean} updateUrl */
  function changed(updateUrl) {
    if (sortSelect.value === "afstand" && point && !point.mine) {
      var area = areaPoint();
      if (area) sortFrom(area); else byDate();
    }
    apply(updateUrl);
  }

  var requested = false;
  /** @type {(() => void)[]} */
  var afterReady = [];
  function ensureIndex() {
    if (requested) return;
    requested = true;
    loadIndex(config.index, ready);
  }

  /** @param {IndexData} data */
  function ready(data) {
    model = new Model(data, readerNow(), readerStale());
    sequence = model.byDate;
    results.removeAttribute("aria-busy");
    results.classList.remove("is-loading");
    results.setAttribute("data-ready", "true"); /* the list is the script's from here on (tests, bench) */
    list.removeAttribute("data-live-sort"); /* the order is this script's now (by date or by distance) */
    if (point) sortFrom(point);
    apply(false, !pending && readerToday() === config.today);
    pending = false;
    var callbacks = afterReady;
    afterReady = [];
    callbacks.forEach(function (done) { done(); });
  }

  /* --- sorting: by date, or by distance ('Dichtbij') --- */
  /** @param {Point} where */
  function sortFrom(where) {
    point = where;
    if (!model) return;
    var f = model.f, n = model.records.length;
    /** @type {number[]} */
    var d = distances = new Array(n);
    for (var i = 0; i < n; i++) {
      var g = model.records[i][f.geo], best = Infinity;
      for (var j = 0; j + 1 < g.length; j += 2) best = Math.min(best, km(where.lat, where.lon, g[j], g[j + 1]));
      d[i] = best;
    }
    var byDate = model.byDate;
    /** @type {number[]} */
    var rank = new Array(n);
    for (var k = 0; k < n; k++) rank[byDate[k]] = k;
    sequence = byDate.slice().sort(function (a, b) { return (d[a] - d[b]) || (rank[a] - rank[b]); });
    sortSelect.value = "afstand";
    status.textContent = gettext("Gesorteerd op afstand van %(plek)s.", { plek: where.label });
  }

  function byDate() {
    point = null;
    distances = null;
    if (model) sequence = model.byDate;
    sortSelect.value = "datum";
    status.textContent = "";
  }

  /** The centre of the chosen wijk or stadsdeel, if any.
   * @returns {Point | null} */
  function areaPoint() {
    var wijk = filters.wijk ? filters.wijk.value : "", district = filters.district ? filters.district.value : "";
    var key = wijk || district;
    var centre = model && key ? model.data.centres[key] : null;
    if (!centre) return null;
    var label = filters.labelOf(wijk ? "wijk" : "stadsdeel", key);
    return { lat: centre[0], lon: centre[1], label: label, mine: false };
  }

  function askLocation() {
    if (!navigator.geolocation) {
      status.textContent = gettext("Je browser kan je plek niet bepalen. Kies je wijk bij Filters.");
      byDate();
      apply(false);
      return;
    }
    status.textContent = gettext("Even zoeken waar je bent…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      withModel(function () {
        sortFrom({ lat: pos.coords.latitude, lon: pos.coords.longitude, label: "jouw plek", mine: true });
        apply(false);
      });
    }, function () {
      byDate();
      apply(false);
      status.textContent = gettext("Je plek is niet bekend. Kies je wijk bij Filters, dan sorteren we vanaf daar.");
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  }

  /** @param {() => void} done */
  function withModel(done) {
    if (model) { done(); return; }
    afterReady.push(done);
    ensureIndex();
  }

  sortSelect.addEventListener("change", function () {
    if (sortSelect.value !== "afstand") { byDate(); apply(false); return; }
    withModel(function () {
      var area = areaPoint();
      if (point && point.mine) { sortFrom(point); apply(false); }
      else if (area) { sortFrom(area); apply(false); }
      else askLocation();
    });
  });
  nearButton.addEventListener("click", askLocation);

  moreButton.addEventListener("click", function () {
    if (!model) { withModel(function () { moreButton.click(); }); return; }
    var firstNew = limit;
    limit += STEP;
    apply(false, true);
    var card = list.children[firstNew];
    var link = card && card.querySelector("a");
    if (link) link.focus();
  });

  function clearAll() {
    filters.set({});
    byDate();
    changed(true);
  }

  form.addEventListener("change", function (event) {
    filters.sync(event.target, model ? model.data.parents : null);
    changed(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    changed(true);
    setOpen(false);
    results.scrollIntoView({ block: "start" });
    countEl.focus({ preventScroll: true });
  });
  byId("clear-all").addEventListener("click", function (event) {
    event.preventDefault();
    clearAll();
  });

  var initial = filters.fromParams(new URLSearchParams(location.search));
  filters.set(initial);
  showCount(initial);
  if (Object.keys(initial).length) {
    apply(false);
  } else {
    var later = function () { ensureIndex(); };
    if (document.readyState === "complete") setTimeout(later, 0);
    else window.addEventListener("load", function () { setTimeout(later, 0); });
  }
}
