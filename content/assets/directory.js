/* Activity directory: filters on the home page and 'Dichtbij'.
 *
 * Plain JavaScript, no framework, nothing loaded from elsewhere. The cards are
 * rendered at build time (all of them: the page works without JavaScript);
 * this script keeps in the list only the matching cards, 60 at a time with
 * 'Toon meer', in date order or by distance ('Dichtbij'). Cards that do not
 * match are not displayed. Filter state lives in the query string:
 *   leeftijd, stadsdeel, wijk, dag (repeatable), dagdeel (repeatable),
 *   gratis=1, inloop=1, soort — see src/activity_directory/directory.py.
 * (Search needs no help: Material 9.8 already finds 'Peutergym' with a capital;
 * tests/test_directory_browser.py checks that.)
 * Nothing is sent anywhere: the location stays in the page.
 */
(function () {
  "use strict";

  var KEYS = ["leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort"];
  var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  var PARTS = ["ochtend", "middag", "avond"];

  function filters() {
    var dataEl = document.getElementById("directory-data");
    var form = document.getElementById("filters");
    var list = document.getElementById("cards");
    if (!dataEl || !form || !list) return;
    var data = JSON.parse(dataEl.textContent);
    var countEl = document.getElementById("count");
    var emptyEl = document.getElementById("empty");
    var emptyActions = document.getElementById("empty-actions");
    var district = form.elements.stadsdeel;
    var wijk = form.elements.wijk;
    var age = form.elements.leeftijd;

    /* Records come in the same order as the cards. */
    var cardEls = list.children;
    if (cardEls.length !== data.r.length) return;
    var items = [];
    data.r.forEach(function (r, i) {
      items.push({ r: r, el: cardEls[i], order: i, areas: r.w === 1 ? null : toSet(r.w) });
    });
    /* Cards in the order they are shown (by date, or by distance after 'Dichtbij'). */
    var sequence = items;

    /* Show matches a page at a time: laying out thousands of cards on every
       change would take far longer than a frame on a phone. Without JavaScript
       every card is listed. */
    var STEP = 60;
    var limit = STEP;
    var moreButton = document.createElement("button");
    moreButton.type = "button";
    moreButton.className = "md-button more-cards";
    moreButton.id = "more-cards";
    moreButton.textContent = "Toon meer activiteiten";  // a name even while hidden
    moreButton.hidden = true;
    list.parentNode.insertBefore(moreButton, list.nextSibling);
    moreButton.addEventListener("click", function () {
      var firstNew = limit;
      limit += STEP;
      apply(false, true);
      var shownSoFar = 0;
      for (var i = 0; i < sequence.length; i++) {
        if (sequence[i].el.parentNode === list && shownSoFar++ === firstNew) {
          var link = sequence[i].el.querySelector("a");
          if (link) link.focus();
          break;
        }
      }
    });

    function toSet(list) {
      var set = {};
      list.forEach(function (k) { set[k] = true; });
      return set;
    }

    /* --- state <-> query string <-> form ------------------------------ */
    function stateFromParams(params) {
      var state = {};
      KEYS.forEach(function (key) {
        var values = params.getAll(key).filter(function (v) { return v !== ""; });
        if (values.length) state[key] = values;
      });
      return state;
    }

    function stateFromForm() {
      return stateFromParams(new URLSearchParams(new FormData(form)));
    }

    function queryOf(state) {
      var params = new URLSearchParams();
      KEYS.forEach(function (key) {
        (state[key] || []).forEach(function (v) { params.append(key, v); });
      });
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function ensureOption(select, value, label) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) return;
      }
      var option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }

    function setForm(state) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || KEYS.indexOf(el.name) < 0) return;
        var values = state[el.name] || [];
        if (el.type === "checkbox") {
          el.checked = values.indexOf(el.value) >= 0;
        } else if (el.tagName === "SELECT") {
          var value = values[0] || "";
          if (value && el === age && !isNaN(parseFloat(value))) {
            ensureOption(el, value, value.replace(".", ",") + " jaar");
          } else if (value) {
            ensureOption(el, value, value);
          }
          el.value = value;
        }
      });
      limitWijken();
      var more = document.getElementById("more-filters");
      if (more && ["dag", "dagdeel", "gratis", "inloop", "soort"].some(function (k) { return state[k]; })) more.open = true;
    }

    /* Only the wijken of the chosen stadsdeel. */
    function limitWijken() {
      var chosen = district.value;
      Array.prototype.forEach.call(wijk.querySelectorAll("optgroup"), function (group) {
        var show = !chosen || group.getAttribute("data-district") === chosen;
        group.hidden = !show;
        group.disabled = !show;
      });
    }

    /* --- matching (same rules as directory.matches in Python) --------- */
    function ageMatches(r, value) {
      var low = r.a[0], high = r.a[1] === null ? Infinity : r.a[1];
      var group = data.ag[value];
      if (group) {
        var gHigh = group[1] === null ? Infinity : group[1];
        return low <= gHigh && high >= group[0];
      }
      var years = parseFloat(value);
      if (isNaN(years)) return true;
      return low <= years && years <= high;
    }

    function compile(state) {
      var tests = [];
      (state.leeftijd || []).forEach(function (v) { tests.push(function (it) { return ageMatches(it.r, v); }); });
      ["stadsdeel", "wijk"].forEach(function (key) {
        (state[key] || []).forEach(function (v) {
          tests.push(function (it) { return it.areas === null || it.areas[v] === true; });
        });
      });
      var dayBits = 0;
      (state.dag || []).forEach(function (v) { var i = DAYS.indexOf(v); if (i >= 0) dayBits |= 1 << i; });
      if (dayBits) tests.push(function (it) { return (it.r.d & dayBits) !== 0; });
      var partBits = 0;
      (state.dagdeel || []).forEach(function (v) { var i = PARTS.indexOf(v); if (i >= 0) partBits |= 1 << i; });
      if (partBits) tests.push(function (it) { return (it.r.p & partBits) !== 0; });
      if (state.gratis) tests.push(function (it) { return it.r.f === 1; });
      if (state.inloop) tests.push(function (it) { return it.r.i === 1; });
      (state.soort || []).forEach(function (v) { tests.push(function (it) { return it.r.k.indexOf(v) >= 0; }); });
      return function (it) {
        for (var i = 0; i < tests.length; i++) if (!tests[i](it)) return false;
        return true;
      };
    }

    /* --- apply --------------------------------------------------------- */
    function labelOf(key, value) {
      var el = form.elements[key];
      if (el && el.tagName === "SELECT") {
        for (var i = 0; i < el.options.length; i++) if (el.options[i].value === value) return el.options[i].textContent;
      }
      var box = form.querySelector("input[name='" + key + "'][value='" + value + "']");
      if (box && box.parentNode) return box.parentNode.textContent.replace(/\s+/g, " ").trim();
      return value;
    }

    function renderEmpty(state) {
      emptyActions.textContent = "";
      KEYS.forEach(function (key) {
        (state[key] || []).forEach(function (value) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button";
          button.textContent = "Zonder “" + labelOf(key, value) + "”";
          button.addEventListener("click", function () {
            var next = stateFromForm();
            next[key] = (next[key] || []).filter(function (v) { return v !== value; });
            if (!next[key].length) delete next[key];
            if (key === "stadsdeel") delete next.wijk;
            setForm(next);
            apply(true);
            countEl.focus();
          });
          li.appendChild(button);
          emptyActions.appendChild(li);
        });
      });
      var li = document.createElement("li");
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "md-button md-button--primary";
      clear.textContent = "Wis alle filters";
      clear.addEventListener("click", function () { setForm({}); apply(true); countEl.focus(); });
      li.appendChild(clear);
      emptyActions.appendChild(li);
    }

    function apply(updateUrl, keepLimit) {
      var state = stateFromForm();
      var test = compile(state);
      if (!keepLimit) limit = STEP;
      var shown = 0, visibleEls = [];
      for (var i = 0; i < sequence.length; i++) {
        if (test(sequence[i])) {
          if (shown < limit) visibleEls.push(sequence[i].el);
          shown++;
        }
      }
      /* Cards that do not show are taken out of the list, not hidden in it:
         Chromium takes seconds to lay out thousands of adjacent hidden cards. */
      var current = list.children, same = current.length === visibleEls.length;
      for (var j = 0; same && j < visibleEls.length; j++) same = current[j] === visibleEls[j];
      if (!same) list.replaceChildren.apply(list, visibleEls);
      var rest = shown - Math.min(shown, limit);
      moreButton.hidden = rest === 0;
      if (rest) moreButton.textContent = "Toon meer activiteiten (nog " + rest + ")";
      var text = shown === 1 ? "1 activiteit" : shown + " activiteiten";
      if (countEl.textContent !== text) countEl.textContent = text;
      emptyEl.hidden = shown > 0;
      if (!shown) renderEmpty(state);
      if (updateUrl) rememberInUrl(location.pathname + queryOf(state) + location.hash);
    }

    /* The address follows the filters, so it can be shared or bookmarked. It is
       written after the list is on screen: replaceState right after changing
       the list forces the browser to lay the page out before it can paint. */
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

    form.addEventListener("change", function (event) {
      if (event.target === district) {
        if (wijk.value && wijk.selectedOptions[0].parentNode.getAttribute("data-district") !== district.value) wijk.value = "";
        limitWijken();
      } else if (event.target === wijk && wijk.value) {
        var parent = data.pa[wijk.value];
        if (parent && district.value !== parent) { district.value = parent; limitWijken(); }
      }
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
      countEl.focus();
    });
    document.getElementById("clear-all").addEventListener("click", function (event) {
      event.preventDefault();
      setForm({});
      apply(true);
    });
    countEl.tabIndex = -1;

    setForm(stateFromParams(new URLSearchParams(location.search)));
    apply(false);
    nearby(items, list, data, function (ordered) { sequence = ordered; apply(false); });
  }

  /* --- Dichtbij: sort by distance, computed here, never sent --------- */
  function nearby(items, list, data, reordered) {
    var box = document.getElementById("near");
    var button = document.getElementById("near-me");
    var select = document.getElementById("near-wijk");
    var status = document.getElementById("near-status");
    if (!box) return;
    box.hidden = false;

    function distance(lat1, lon1, lat2, lon2) {
      var rad = Math.PI / 180;
      var x = (lon2 - lon1) * rad * Math.cos((lat1 + lat2) / 2 * rad);
      var y = (lat2 - lat1) * rad;
      return Math.sqrt(x * x + y * y) * 6371;
    }

    function sortFrom(lat, lon, label) {
      items.forEach(function (it) {
        var g = it.r.g, best = Infinity;
        for (var i = 0; i + 1 < g.length; i += 2) best = Math.min(best, distance(lat, lon, g[i], g[i + 1]));
        it.km = best;
      });
      var sorted = items.slice().sort(function (a, b) { return a.km - b.km || a.order - b.order; });
      sorted.forEach(function (it) {
        var tag = it.el.querySelector(".card-dist");
        if (!tag) {
          tag = document.createElement("span");
          tag.className = "card-dist";
          it.el.querySelector(".card-where").appendChild(tag);
        }
        tag.textContent = isFinite(it.km) ? " · " + it.km.toFixed(1).replace(".", ",") + " km" : "";
      });
      reordered(sorted);
      status.textContent = "Gesorteerd op afstand van " + label + ".";
    }

    function byDate() {
      var sorted = items.slice().sort(function (a, b) { return a.order - b.order; });
      sorted.forEach(function (it) {
        var tag = it.el.querySelector(".card-dist");
        if (tag) tag.parentNode.removeChild(tag);
      });
      reordered(sorted);
      status.textContent = "Gesorteerd op datum.";
    }

    select.addEventListener("change", function () {
      var c = data.c[select.value];
      if (select.value && c) sortFrom(c[0], c[1], select.options[select.selectedIndex].textContent);
      else byDate();
    });
    button.addEventListener("click", function () {
      if (!navigator.geolocation) {
        status.textContent = "Je browser kan je plek niet bepalen. Kies je wijk.";
        select.focus();
        return;
      }
      status.textContent = "Even zoeken waar je bent…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        select.value = "";
        sortFrom(pos.coords.latitude, pos.coords.longitude, "jouw plek");
      }, function () {
        status.textContent = "Je plek is niet bekend. Kies je wijk.";
        select.focus();
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  }

  function start() {
    filters();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
