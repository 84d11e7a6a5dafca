/* Embeddable list (overrides/partners/embed.html).
 *
 * - The whole city's list (/embed/) takes the home page's filters from its
 *   query string (leeftijd, stadsdeel, wijk, dag, dagdeel, gratis, inloop,
 *   soort, toegankelijk): it reads the same index and matches with the same
 *   code as the home page (window.ActivityDirectory from directory.js), and
 *   shows the soonest matches. Without filters, or without JavaScript, it
 *   shows the soonest activities as built.
 * - It tells the page around it how tall the list is, so an optional snippet
 *   there can size the frame (see /delen/). Without that snippet the frame
 *   keeps its own height and the list scrolls inside it. Only the height is
 *   sent: nothing about the visitor.
 */
(function () {
  "use strict";
  var root = document.getElementById("embed-root");
  if (!root) return;

  /* --- height for the page around the frame --- */
  var last = 0;
  function tell() {
    if (window.parent === window) return;
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "activiteiten-hoogte", height: height }, "*");
  }
  if (typeof ResizeObserver === "function") new ResizeObserver(tell).observe(root);
  window.addEventListener("load", tell);
  tell();

  /* --- filters from the query string (the whole city only) --- */
  var dataEl = document.getElementById("embed-data");
  var api = window.ActivityDirectory;
  if (!dataEl || !api) return;
  var params = new URLSearchParams(window.location.search), state = {};
  api.keys.forEach(function (key) {
    var values = params.getAll(key).filter(function (v) { return v !== ""; });
    if (values.length) state[key] = values;
  });
  if (!Object.keys(state).length) return;
  var config = JSON.parse(dataEl.textContent);
  var list = document.getElementById("cards");
  var base = new URL("../", window.location.href).href;  /* the site's root: /embed/ is one folder down */
  list.setAttribute("aria-busy", "true");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function card(model, r) {
    var f = model.f, x = model.data.x;
    var li = el("li", "embed-card");
    li.setAttribute("data-slug", r[f.slug]);
    var h = el("h2"), a = el("a", "", r[f.title]);
    a.href = base + "activiteiten/" + r[f.slug] + "/";
    a.target = "_blank";
    a.rel = "noopener";
    h.appendChild(a);
    li.appendChild(h);
    var occ = r[f.occurrences], vars = r[f.variants], when = el("p", "embed-when"), added = 0;
    when.setAttribute("data-live", "next");
    when.setAttribute("data-live-label", "before");
    for (var j = 0; j < occ.length && added < 3; j += 2) {
      if (occ[j] + vars[occ[j + 1]][2] <= model.nowMin) continue;
      var o = model.occurrence(r, j), t = el("time", "", o.text);
      t.setAttribute("datetime", o.start);
      t.setAttribute("data-start", o.start);
      t.setAttribute("data-end", o.end);
      if (added++) t.hidden = true;
      when.appendChild(t);
    }
    if (added) li.appendChild(when);
    li.appendChild(el("p", "embed-where", x[r[f.place]] + " · " + x[r[f.area]]));
    var tags = el("p", "embed-tags");
    if (r[f.flags] & 1) tags.appendChild(el("span", "embed-badge embed-badge--free", "Gratis"));
    else tags.appendChild(document.createTextNode(x[r[f.cost]]));
    if (r[f.flags] & 2) {
      tags.appendChild(document.createTextNode(" "));
      tags.appendChild(el("span", "embed-badge", "Inloop"));
    }
    tags.appendChild(document.createTextNode(" · " + x[r[f.age]]));
    li.appendChild(tags);
    return li;
  }

  api.loadIndex(new URL(config.index, base).href, function (data) {
    var now = window.LiveDates ? window.LiveDates.now() : Date.now();
    var model = new api.Model(data, now), test = model.compile(state), found = [];
    model.byDate.forEach(function (i) { if (test(model.records[i])) found.push(i); });
    var cards = found.slice(0, config.limit).map(function (i) { return card(model, model.records[i]); });
    list.replaceChildren.apply(list, cards);
    list.removeAttribute("aria-busy");
    if (window.LiveDates) window.LiveDates.refresh(list);
    document.getElementById("count").textContent = found.length === 1 ? "1 activiteit" : found.length + " activiteiten";
    var more = document.getElementById("embed-more");
    more.hidden = found.length <= config.limit;
    document.getElementById("embed-more-count").textContent = String(found.length - config.limit);
    more.querySelector("a").href = base + window.location.search;
    document.querySelector(".embed-foot a").href = base + window.location.search;
    document.getElementById("embed-empty").hidden = found.length > 0;
    tell();
  });
})();
