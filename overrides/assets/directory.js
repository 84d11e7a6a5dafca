/* Activity directory: filters on the home page and on 'Deze week', sorting and 'Dichtbij'.
 *
 * Plain JavaScript, no framework, nothing loaded from elsewhere. The home page
 * holds only the soonest cards (without JavaScript it lists those, and links
 * to the list pages). This script renders everything else from the index of
 * every current activity (assets/gids/activiteiten.js, written by
 * activity_directory.pages.directory.index_script), 60 cards at a time with 'Toon
 * meer', in date order by the reader's clock, or by distance ('Dichtbij').
 * Filter state lives in the query string (the public contract):
 *   leeftijd, stadsdeel, wijk, dag (repeatable), dagdeel (repeatable),
 *   gratis=1, inloop=1, soort, toegankelijk (repeatable)
 * with the rules of directory.matches in Python; 'Deze week' takes leeftijd,
 * stadsdeel and wijk. The home page fetches the index right away when the
 * address holds filters (so the page's load event waits for the filtered
 * list), else once the page has loaded; 'Deze week' also right away when the
 * page was made on an earlier day than the reader's.
 * Nothing is sent anywhere: the location stays in the page.
 */
(function () {
  "use strict";

  var KEYS = ["leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk"];
  var WEEK_KEYS = ["leeftijd", "stadsdeel", "wijk"];
  /* Query values of the contract (not display names: those come from the page and the index). */
  var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var PARTS = ["ochtend", "middag", "avond"];
  var STEP = 60;
  var CARD_DATES = 4; /* occurrences a card rendered here carries: the next, and what follows if it ends while open */

  function countText(n) { return n === 1 ? "1 activiteit" : n + " activiteiten"; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function readerNow() { return window.LiveDates ? window.LiveDates.now() : Date.now(); }
  function readerToday() {
    if (window.LiveDates) return window.LiveDates.today();
    return new Date().toISOString().slice(0, 10);
  }
  function addDays(day, n) {
    var d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n));
    return d.toISOString().slice(0, 10);
  }
  function refreshDates(root) { if (window.LiveDates) window.LiveDates.refresh(root); }

  /* --- the index ------------------------------------------------------------------ */

  /* The index script calls ActivityIndex.push(data) while it runs, so whatever the page
     does with it is done before the page's load event. */
  var indexData = null, indexWaiting = [], indexRequested = false;
  (function () {
    var early = window.ActivityIndex;
    window.ActivityIndex = { push: receiveIndex };
    if (early && early.length) receiveIndex(early[early.length - 1]);
  })();

  function receiveIndex(data) {
    indexData = data;
    var waiting = indexWaiting;
    indexWaiting = [];
    waiting.forEach(function (done) { done(data); });
  }

  function loadIndex(url, done) {
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

  /* One current activity from the index, with its next occurrence by the reader's clock. */
  function Model(data, now) {
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    this.data = data;
    this.f = f;
    this.records = data.records;
    this.areaIndex = {};
    var self = this;
    data.areas.forEach(function (key, i) { self.areaIndex[key] = i; });
    this.kindIndex = {};
    data.kinds.forEach(function (key, i) { self.kindIndex[key] = i; });
    this.accessIndex = {};
    data.access.forEach(function (key, i) { self.accessIndex[key] = i; });
    this.dayStarts = data.days.map(function (d) { return d[0]; });
    var nowMin = now / 60000 - data.base;
    var n = this.records.length;
    this.next = new Array(n);
    for (var i = 0; i < n; i++) {
      var r = this.records[i], occ = r[f.occurrences], vars = r[f.variants], next = Infinity;
      for (var j = 0; j < occ.length; j += 2) {
        if (occ[j] + vars[occ[j + 1]][2] > nowMin) { next = occ[j]; break; }
      }
      this.next[i] = next;
    }
    var order = new Array(n);
    for (var k = 0; k < n; k++) order[k] = k;
    var nexts = this.next;
    order.sort(function (a, b) { return (nexts[a] - nexts[b]) || (a - b); });
    this.byDate = order;
    this.nowMin = nowMin;
  }

  /* Day number (after the build day) of a start in index minutes. */
  Model.prototype.dayOf = function (start) {
    var starts = this.dayStarts, low = 0, high = starts.length - 1;
    if (start < starts[0]) return -1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= start) low = mid; else high = mid - 1;
    }
    return low;
  };

  var dates = {};
  function isoAt(dayNumber, minute, offset) {
    var date = dates[dayNumber] || (dates[dayNumber] = new Date(dayNumber * 86400000).toISOString().slice(0, 10));
    var sign = offset < 0 ? "-" : "+", abs = Math.abs(offset);
    return date + "T" + pad(Math.floor(minute / 60)) + ":" + pad(minute % 60) + ":00" +
      sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }

  /* An occurrence as the page writes it: ISO start and end (local time with offset), day, texts. */
  Model.prototype.occurrence = function (record, j) {
    var d = this.data, occ = record[this.f.occurrences], v = record[this.f.variants][occ[j + 1]];
    var start = occ[j], k = this.dayOf(start);
    var startOffset = k * 1440 + v[0] - start + d.offset;
    var endDay = v[1] < v[0] ? 1 : 0;
    var endOffset = (k + endDay) * 1440 + v[1] - start - v[2] + d.offset;
    var label = d.days[k] ? d.days[k][1] : addDays(d.today, k);
    return {
      start: isoAt(d.day0 + k, v[0], startOffset), end: isoAt(d.day0 + k + endDay, v[1], endOffset),
      startMin: start, endMin: start + v[2], day: k,
      time: d.x[v[3]], text: d.when.replace("{day}", label).replace("{time}", d.x[v[3]]),
      place: d.x[v[4]], area: d.x[v[5]]
    };
  };

  /* For the embeddable list with filters (overrides/assets/embed.js): the same index, matching and dates. */
  window.ActivityDirectory = { Model: Model, loadIndex: loadIndex, keys: KEYS };

  /* The filter rules (directory.matches in Python). */
  Model.prototype.compile = function (state) {
    var m = this, f = this.f, groups = this.data.groups, tests = [];
    (state.leeftijd || []).forEach(function (value) {
      var group = groups[value];
      if (group) {
        var gHigh = group[1] === null ? Infinity : group[1];
        tests.push(function (r) {
          var high = r[f.age_to] === null ? Infinity : r[f.age_to];
          return r[f.age_from] <= gHigh && high >= group[0];
        });
      } else {
        var years = parseFloat(value);
        if (!isNaN(years)) {
          tests.push(function (r) {
            var high = r[f.age_to] === null ? Infinity : r[f.age_to];
            return r[f.age_from] <= years && years <= high;
          });
        }
      }
    });
    ["stadsdeel", "wijk"].forEach(function (key) {
      (state[key] || []).forEach(function (value) {
        var index = m.areaIndex.hasOwnProperty(value) ? m.areaIndex[value] : -1;
        tests.push(function (r) { var a = r[f.areas]; return a === null || a.indexOf(index) >= 0; });
      });
    });
    var dayBits = 0;
    (state.dag || []).forEach(function (v) { var i = DAYS.indexOf(v); if (i >= 0) dayBits |= 1 << i; });
    if (dayBits) tests.push(function (r) { return (r[f.days] & dayBits) !== 0; });
    if (state.dagdeel) {
      var partBits = 0;
      state.dagdeel.forEach(function (v) { var i = PARTS.indexOf(v); if (i >= 0) partBits |= 1 << i; });
      tests.push(function (r) { return (r[f.parts] & partBits) !== 0; });
    }
    if (state.gratis) tests.push(function (r) { return (r[f.flags] & 1) !== 0; });
    if (state.inloop) tests.push(function (r) { return (r[f.flags] & 2) !== 0; });
    (state.soort || []).forEach(function (value) {
      var index = m.kindIndex.hasOwnProperty(value) ? m.kindIndex[value] : -1;
      tests.push(function (r) { return r[f.kinds].indexOf(index) >= 0; });
    });
    (state.toegankelijk || []).forEach(function (value) {
      if (!m.accessIndex.hasOwnProperty(value)) return;
      var bit = 1 << m.accessIndex[value];
      tests.push(function (r) { return (r[f.access] & bit) !== 0; });
    });
    return function (r) {
      for (var i = 0; i < tests.length; i++) if (!tests[i](r)) return false;
      return true;
    };
  };

  /* --- form state <-> query string ---------------------------------------------------- */

  function Filters(form, keys) {
    this.form = form;
    this.keys = keys;
    this.district = form.elements.stadsdeel;
    this.wijk = form.elements.wijk;
    this.age = form.elements.leeftijd;
  }

  Filters.prototype.fromParams = function (params) {
    var state = {};
    this.keys.forEach(function (key) {
      var values = params.getAll(key).filter(function (v) { return v !== ""; });
      if (values.length) state[key] = values;
    });
    return state;
  };

  Filters.prototype.read = function () {
    return this.fromParams(new URLSearchParams(new FormData(this.form)));
  };

  Filters.prototype.query = function (state) {
    var params = new URLSearchParams();
    this.keys.forEach(function (key) {
      (state[key] || []).forEach(function (v) { params.append(key, v); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  };

  function ensureOption(select, value, label) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return;
    }
    var option = document.createElement("option");
    option.value = value;
    option.textContent = label;
    select.appendChild(option);
  }

  Filters.prototype.set = function (state) {
    var self = this;
    Array.prototype.forEach.call(this.form.elements, function (control) {
      if (!control.name || self.keys.indexOf(control.name) < 0) return;
      var values = state[control.name] || [];
      if (control.type === "checkbox") {
        control.checked = values.indexOf(control.value) >= 0;
      } else if (control.tagName === "SELECT") {
        var value = values[0] || "";
        if (value && control === self.age && !isNaN(parseFloat(value))) {
          ensureOption(control, value, value.replace(".", ",") + " jaar");
        } else if (value) {
          ensureOption(control, value, value);
        }
        control.value = value;
      }
    });
    this.limitWijken();
  };

  /* Only the wijken of the chosen stadsdeel. */
  Filters.prototype.limitWijken = function () {
    if (!this.district || !this.wijk) return;
    var chosen = this.district.value;
    Array.prototype.forEach.call(this.wijk.querySelectorAll("optgroup"), function (group) {
      var show = !chosen || group.getAttribute("data-district") === chosen;
      group.hidden = !show;
      group.disabled = !show;
    });
  };

  /* A wijk sets its stadsdeel; another stadsdeel clears a wijk outside it. */
  Filters.prototype.sync = function (target, parents) {
    if (target === this.district) {
      var option = this.wijk.selectedOptions[0];
      if (this.wijk.value && option && option.parentNode.getAttribute("data-district") !== this.district.value) this.wijk.value = "";
      this.limitWijken();
    } else if (target === this.wijk && this.wijk.value && parents) {
      var parent = parents[this.wijk.value];
      if (parent && this.district.value !== parent) {
        this.district.value = parent;
        this.limitWijken();
      }
    }
  };

  Filters.prototype.labelOf = function (key, value) {
    var control = this.form.elements[key];
    if (control && control.tagName === "SELECT") {
      for (var i = 0; i < control.options.length; i++) if (control.options[i].value === value) return control.options[i].textContent;
    }
    var boxes = this.form.querySelectorAll("input[type=checkbox]");
    for (var j = 0; j < boxes.length; j++) {
      if (boxes[j].name === key && boxes[j].value === value) return boxes[j].getAttribute("data-label") || value;
    }
    return value;
  };

  /* How many choices are set (a stadsdeel that only comes with the chosen wijk does not count). */
  Filters.prototype.count = function (state) {
    var n = 0;
    Object.keys(state).forEach(function (key) {
      if (key === "stadsdeel" && state.wijk) return;
      n += state[key].length;
    });
    return n;
  };

  /* The address follows the filters, so it can be shared or bookmarked. It is written
     after the list is on screen: replaceState right after changing the list forces the
     browser to lay the page out before it can paint. */
  var pendingUrl = null;
  function writeUrl() {
    if (pendingUrl !== null && pendingUrl !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", pendingUrl);
    }
    pendingUrl = null;
  }
  function rememberInUrl(url) {
    var scheduled = pendingUrl !== null;
    pendingUrl = url;
    if (!scheduled) requestAnimationFrame(function () { setTimeout(writeUrl, 0); });
  }
  window.addEventListener("pagehide", writeUrl);

  function isStale(config) { return readerToday() !== config.today; }

  /* 'Filters (n)' opens and closes the form and says how many choices are set. */
  function fold(toggle, form, badge, filters) {
    function setOpen(open) {
      form.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.addEventListener("click", function () { setOpen(form.hidden); });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); toggle.focus(); }
    });
    function showCount(state) {
      var n = filters.count(state);
      badge.textContent = n ? " (" + n + ")" : "";
      toggle.classList.toggle("has-filters", n > 0);
    }
    return { setOpen: setOpen, showCount: showCount };
  }

  /* --- home page ------------------------------------------------------------------------ */

  function home(config) {
    var form = document.getElementById("filters");
    var list = document.getElementById("cards");
    var countEl = document.getElementById("count");
    var emptyEl = document.getElementById("empty");
    var emptyActions = document.getElementById("empty-actions");
    var toggle = document.getElementById("filters-toggle");
    var badge = document.getElementById("filters-count");
    var results = document.getElementById("results");
    var sortSelect = document.getElementById("sort");
    var nearButton = document.getElementById("near-me");
    var status = document.getElementById("near-status");
    var feedLink = document.getElementById("feed-link");
    var feedNote = document.getElementById("feed-note");
    var filters = new Filters(form, KEYS);
    var model = null;
    var limit = STEP;
    var sequence = null; /* record indices in display order (by date, or by distance) */
    var distances = null;
    var point = null; /* {lat, lon, label, mine} */
    var pending = false;
    var rendered = {}; /* record index -> card element */
    var defaultFeed = { href: feedLink.getAttribute("href"), text: feedLink.textContent, note: feedNote.textContent.replace(/\s+/g, " ").trim() };
    /* Feeds that are not a plain subscription (feeds.special_feeds): 'gegevens' is too large for
       calendar apps and is never offered as one, 'leeg' has no dates now. */
    var feedStatesEl = document.getElementById("feed-states");
    var feedStates = feedStatesEl ? JSON.parse(feedStatesEl.textContent) : {};

    var moreButton = document.getElementById("more-cards");
    countEl.tabIndex = -1;

    var folding = fold(toggle, form, badge, filters);
    var setOpen = folding.setOpen, showCount = folding.showCount;

    /* --- cards from the index --- */
    function cardFor(i) {
      var f = model.f, r = model.records[i], slug = r[f.slug];
      if (rendered[i]) return rendered[i];
      var li = el("li", "card");
      li.setAttribute("data-slug", slug);
      var h = el("h3"), a = el("a", "", r[f.title]);
      a.href = config.root + "activiteiten/" + slug + "/";
      h.appendChild(a);
      li.appendChild(h);
      var occ = r[f.occurrences];
      if (occ.length) {
        var when = el("p", "card-when");
        when.setAttribute("data-live", "next");
        when.setAttribute("data-live-label", "before");
        /* The next few that have not ended (the built cards carry the whole window). */
        var vars = r[f.variants], added = 0;
        for (var j = 0; j < occ.length && added < CARD_DATES; j += 2) {
          if (occ[j] + vars[occ[j + 1]][2] <= model.nowMin) continue;
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
      if (r[f.flags] & 1) tags.appendChild(el("span", "badge badge--free", "Gratis"));
      else tags.appendChild(el("span", "card-cost", x[r[f.cost]]));
      tags.appendChild(document.createTextNode(" "));
      if (r[f.flags] & 2) {
        tags.appendChild(el("span", "badge badge--walkin", "Inloop"));
        tags.appendChild(document.createTextNode(" "));
      }
      tags.appendChild(el("span", "card-age", x[r[f.age]]));
      li.appendChild(tags);
      rendered[i] = li;
      return li;
    }

    function showDistance(li, i) {
      var tag = li.querySelector(".card-dist");
      if (!distances) {
        if (tag) tag.parentNode.removeChild(tag);
        return;
      }
      if (!tag) {
        tag = el("span", "card-dist");
        li.querySelector(".card-where").appendChild(tag);
      }
      var km = distances[i];
      var text = isFinite(km) ? " · " + km.toFixed(1).replace(".", ",") + " km" : "";
      if (tag.textContent !== text) tag.textContent = text;
    }

    /* --- the empty state --- */
    function renderEmpty(state) {
      emptyActions.textContent = "";
      KEYS.forEach(function (key) {
        (state[key] || []).forEach(function (value) {
          var li = el("li"), button = el("button", "md-button", "Zonder “" + filters.labelOf(key, value) + "”");
          button.type = "button";
          button.addEventListener("click", function () {
            var next = filters.read();
            next[key] = (next[key] || []).filter(function (v) { return v !== value; });
            if (!next[key].length) delete next[key];
            if (key === "stadsdeel") delete next.wijk;
            filters.set(next);
            changed(true);
            countEl.focus();
          });
          li.appendChild(button);
          emptyActions.appendChild(li);
        });
      });
      var li = el("li"), clear = el("button", "md-button md-button--primary", "Wis alle filters");
      clear.type = "button";
      clear.addEventListener("click", function () { clearAll(); countEl.focus(); });
      li.appendChild(clear);
      emptyActions.appendChild(li);
    }

    /* --- the feed for what was filtered (every list page has one: see feeds.all_feeds) --- */
    function groupOf(value) {
      var groups = model ? model.data.groups : null;
      if (!groups) return null;
      if (groups[value]) return value;
      var years = parseFloat(value);
      if (isNaN(years)) return null;
      for (var key in groups) {
        if (!groups.hasOwnProperty(key)) continue;
        var g = groups[key], high = g[1] === null ? Infinity : g[1];
        if (g[0] <= years && years <= high) return key;
      }
      return null;
    }

    function updateFeed(state) {
      var wijk = (state.wijk || [])[0], district = (state.stadsdeel || [])[0];
      var age = (state.leeftijd || [])[0], group = age ? groupOf(age) : null;
      var area = wijk && model && model.areaIndex.hasOwnProperty(wijk) ? ["wijken", wijk] :
        district && model && model.areaIndex.hasOwnProperty(district) ? ["stadsdelen", district] : null;
      if (!area && !group) {
        feedLink.setAttribute("href", defaultFeed.href);
        feedLink.textContent = defaultFeed.text;
        var extra = Object.keys(state).length > 0;
        feedNote.textContent = extra ? defaultFeed.note + " Ook als ze niet passen bij je keuzes: een agenda met alleen die keuzes is er niet." : defaultFeed.note;
        return;
      }
      var path = area ? area[0] + "/" + area[1] + "/" : "";
      if (group) path += "leeftijd/" + group + "/";
      var what = [];
      if (group) what.push(filters.labelOf("leeftijd", group));
      if (area) what.push("in " + filters.labelOf(area[0] === "wijken" ? "wijk" : "stadsdeel", area[1]));
      /* 'voor peuters (2–3 jaar) in <wijk>': only the group's first letter is lowered, never a place name. */
      var holds = (group ? "voor " + filters.labelOf("leeftijd", group).replace(/^./, function (c) { return c.toLowerCase(); }) : "") +
        (area ? (group ? " " : "") + "in " + filters.labelOf(area[0] === "wijken" ? "wijk" : "stadsdeel", area[1]) : "");
      var feedState = feedStates[path + "agenda.ics"];
      if (feedState === "gegevens") {
        feedLink.setAttribute("href", config.root + "agenda/");
        feedLink.textContent = "Kies een kleinere agenda voor je agenda-app";
        feedNote.textContent = "Een agenda met alle activiteiten " + holds + " is te groot voor agenda-apps. Kies " +
          (area && area[0] === "wijken" ? "een leeftijd." : group ? "een stadsdeel of een wijk." : "een wijk of een leeftijd.");
        return;
      }
      feedLink.setAttribute("href", config.root + path + "agenda.ics");
      feedLink.textContent = "Abonneer op " + what.join(" ") + " in je agenda";
      var left = [];
      if (age && age !== group) left.push(filters.labelOf("leeftijd", age));
      if (wijk && district && area && area[0] === "stadsdelen") left.push(filters.labelOf("wijk", wijk));
      ["dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk"].forEach(function (key) {
        (state[key] || []).forEach(function (value) { left.push(filters.labelOf(key, value)); });
      });
      var note = "In deze agenda staan alle activiteiten " + holds;
      if (left.length) note += ", ook als ze niet passen bij je andere keuzes (" + left.join(", ").toLowerCase() + "). Een agenda met alleen die keuzes is er niet";
      if (feedState === "leeg") note += ". Er staan nu geen activiteiten in; komt er iets bij, dan staat het vanzelf in je agenda";
      feedNote.textContent = note + ".";
    }

    /* --- apply --- */
    function apply(updateUrl, keepLimit) {
      var state = filters.read();
      showCount(state);
      if (updateUrl) rememberInUrl(location.pathname + filters.query(state) + location.hash);
      if (!model) {
        pending = true;
        list.removeAttribute("data-live-sort");
        results.setAttribute("aria-busy", "true");
        results.classList.add("is-loading");
        ensureIndex();
        return;
      }
      var test = compile(state);
      if (!keepLimit) limit = STEP;
      var shown = 0, visible = [];
      var records = model.records;
      for (var n = 0; n < sequence.length; n++) {
        var i = sequence[n];
        if (test(records[i])) {
          if (shown < limit) visible.push(i);
          shown++;
        }
      }
      var els = visible.map(function (i) { var li = cardFor(i); showDistance(li, i); return li; });
      /* Cards that do not show are not in the list (not hidden in it): laying out
         thousands of hidden cards takes seconds. */
      var current = list.children, same = current.length === els.length;
      for (var j = 0; same && j < els.length; j++) same = current[j] === els[j];
      if (!same) list.replaceChildren.apply(list, els);
      refreshDates(list);
      var rest = shown - Math.min(shown, limit);
      moreButton.hidden = rest === 0;
      if (rest) moreButton.textContent = "Toon meer activiteiten (nog " + rest + ")";
      var text = countText(shown);
      if (countEl.textContent !== text) countEl.textContent = text;
      emptyEl.hidden = shown > 0;
      if (!shown) renderEmpty(state);
      updateFeed(state);
    }

    var compiled = null, compiledFor = null;
    function compile(state) {
      var key = JSON.stringify(state);
      if (compiledFor !== key) { compiled = model.compile(state); compiledFor = key; }
      return compiled;
    }

    function changed(updateUrl) {
      if (sortSelect.value === "afstand" && point && !point.mine) {
        var area = areaPoint();
        if (area) sortFrom(area); else byDate();
        return apply(updateUrl);
      }
      apply(updateUrl);
    }

    var requested = false, afterReady = [];
    function ensureIndex() {
      if (requested) return;
      requested = true;
      loadIndex(config.index, ready);
    }

    function ready(data) {
      model = new Model(data, readerNow());
      sequence = model.byDate;
      results.removeAttribute("aria-busy");
      results.classList.remove("is-loading");
      results.setAttribute("data-ready", "true"); /* the list is the script's from here on (tests, bench) */
      list.removeAttribute("data-live-sort"); /* the order is this script's now (by date or by distance) */
      if (point) sortFrom(point);
      apply(false, !pending && !isStale(config));
      pending = false;
      var callbacks = afterReady;
      afterReady = [];
      callbacks.forEach(function (done) { done(); });
    }

    /* --- sorting: by date, or by distance ('Dichtbij'), computed here, never sent --- */
    function km(lat1, lon1, lat2, lon2) {
      var rad = Math.PI / 180;
      var x = (lon2 - lon1) * rad * Math.cos((lat1 + lat2) / 2 * rad);
      var y = (lat2 - lat1) * rad;
      return Math.sqrt(x * x + y * y) * 6371;
    }

    function sortFrom(where) {
      point = where;
      if (!model) return;
      var f = model.f, n = model.records.length;
      distances = new Array(n);
      for (var i = 0; i < n; i++) {
        var g = model.records[i][f.geo], best = Infinity;
        for (var j = 0; j + 1 < g.length; j += 2) best = Math.min(best, km(where.lat, where.lon, g[j], g[j + 1]));
        distances[i] = best;
      }
      var d = distances, byDate = model.byDate, rank = new Array(n);
      for (var k = 0; k < n; k++) rank[byDate[k]] = k;
      sequence = byDate.slice().sort(function (a, b) { return (d[a] - d[b]) || (rank[a] - rank[b]); });
      sortSelect.value = "afstand";
      status.textContent = "Gesorteerd op afstand van " + where.label + ".";
    }

    function byDate() {
      point = null;
      distances = null;
      if (model) sequence = model.byDate;
      sortSelect.value = "datum";
      status.textContent = "";
    }

    function areaPoint() {
      var key = filters.wijk.value || filters.district.value;
      var centres = model ? model.data.centres : null;
      if (!key || !centres || !centres[key]) return null;
      var label = filters.labelOf(filters.wijk.value ? "wijk" : "stadsdeel", key);
      return { lat: centres[key][0], lon: centres[key][1], label: label, mine: false };
    }

    function askLocation() {
      if (!navigator.geolocation) {
        status.textContent = "Je browser kan je plek niet bepalen. Kies je wijk bij Filters.";
        byDate();
        apply(false);
        return;
      }
      status.textContent = "Even zoeken waar je bent…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        withModel(function () {
          sortFrom({ lat: pos.coords.latitude, lon: pos.coords.longitude, label: "jouw plek", mine: true });
          apply(false);
        });
      }, function () {
        byDate();
        apply(false);
        status.textContent = "Je plek is niet bekend. Kies je wijk bij Filters, dan sorteren we vanaf daar.";
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    }

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
    document.getElementById("clear-all").addEventListener("click", function (event) {
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

  /* --- 'Deze week' ---------------------------------------------------------------------- */

  function week(config) {
    var form = document.getElementById("filters");
    var container = document.getElementById("week-days");
    var countEl = document.getElementById("count");
    var filters = new Filters(form, WEEK_KEYS);
    var folding = fold(document.getElementById("filters-toggle"), form, document.getElementById("filters-count"), filters);
    var model = null;
    var shownStatic = true;
    var limits = {}; /* day -> lines shown ('Toon meer op deze dag') */

    function noneMessages() {
      Array.prototype.forEach.call(container.querySelectorAll(".week-day"), function (section) {
        var any = Array.prototype.some.call(section.querySelectorAll("li"), function (li) { return !li.hidden; });
        var none = section.querySelector(".week-none");
        if (none && none.hidden !== any) none.hidden = any;
      });
    }
    document.addEventListener("livedates:refresh", noneMessages);

    function render() {
      var data = model.data, f = model.f;
      var test = model.compile(filters.read());
      var today = readerToday();
      var first = Math.round((Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10)) / 86400000)) - data.day0;
      var lastDay = first + config.week - 1;
      var perDay = [];
      for (var k = 0; k < config.week; k++) perDay.push([]);
      var slugs = {}, lines = 0;
      model.records.forEach(function (r) {
        if (!test(r)) return;
        var occ = r[f.occurrences];
        for (var j = 0; j < occ.length; j += 2) {
          var o = model.occurrence(r, j);
          if (o.day < first || o.day > lastDay || o.endMin <= model.nowMin) continue;
          o.record = r;
          perDay[o.day - first].push(o);
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
          a.href = config.root + "activiteiten/" + r[f.slug] + "/";
          li.appendChild(a);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("span", "week-place", o.place + " · " + o.area + " · " + data.x[r[f.age]]));
          if (r[f.flags] & 1) {
            li.appendChild(document.createTextNode(" "));
            li.appendChild(el("span", "badge badge--free", "Gratis"));
          }
          ul.appendChild(li);
        });
        section.appendChild(ul);
        var none = el("p", "week-none", "Geen activiteiten op deze dag.");
        none.hidden = items.length > 0;
        section.appendChild(none);
        if (items.length > limit) {
          var more = el("button", "md-button week-more", "Toon meer op deze dag (nog " + (items.length - limit) + ")");
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
        document.getElementById("week-range").textContent = config.range.replace("{first}", from).replace("{last}", lastLabels[3]);
        document.getElementById("week-first").textContent = firstLabels[2];
        document.getElementById("week-last").textContent = lastLabels[2];
      }
      countEl.textContent = config.weekCount.replace("{activities}", countText(Object.keys(slugs).length)).replace("{times}", lines);
      shownStatic = false;
      refreshDates(container);
      noneMessages();
    }

    function apply(updateUrl, done) {
      var state = filters.read();
      folding.showCount(state);
      if (updateUrl) rememberInUrl(location.pathname + filters.query(state) + location.hash);
      if (model) { render(); if (done) done(); return; }
      loadIndex(config.index, function (data) {
        if (!model) model = new Model(data, readerNow());
        render();
        if (done) done();
      });
    }

    form.addEventListener("change", function (event) {
      filters.sync(event.target, model ? model.data.parents : null);
      limits = {};
      apply(true);
    });
    container.addEventListener("click", function (event) {
      var button = event.target.closest(".week-more");
      if (!button) return;
      var day = button.getAttribute("data-more-day");
      var section = button.closest(".week-day");
      var shownBefore = section ? section.querySelectorAll("li").length : 0;
      limits[day] = (limits[day] || config.dayLines) + config.dayLines;
      apply(false, function () {
        /* Keyboard users land on the first newly shown line. */
        var next = container.querySelector(".week-day[data-day='" + day + "'] li:nth-child(" + (shownBefore + 1) + ") a");
        if (next) next.focus();
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
      folding.setOpen(false);
      countEl.scrollIntoView({ block: "start" });
      countEl.focus({ preventScroll: true });
    });
    document.getElementById("clear-all").addEventListener("click", function (event) {
      event.preventDefault();
      filters.set({});
      limits = {};
      apply(true);
    });
    countEl.tabIndex = -1;

    var initial = filters.fromParams(new URLSearchParams(location.search));
    filters.set(initial);
    folding.showCount(initial);
    if (Object.keys(initial).length || isStale(config)) apply(false);
    else if (shownStatic) noneMessages();
  }

  function start() {
    var dataEl = document.getElementById("directory-data");
    if (!dataEl) return;
    var config = JSON.parse(dataEl.textContent);
    if (document.getElementById("week-days")) week(config);
    else if (document.getElementById("cards") && document.getElementById("filters")) home(config);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
