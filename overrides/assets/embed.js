/* Embeddable list (overrides/partners/embed.html).
 *
 * - The whole city's list (/embed/) takes the home page's filters from its
 *   query string (leeftijd, stadsdeel, wijk, dag, dagdeel, gratis, inloop,
 *   soort, toegankelijk): it reads the same index and matches with the same
 *   code as the home page (directory-model.js, loaded only then), and
 *   shows the soonest matches. Without filters, or without JavaScript, it
 *   shows the soonest activities as built.
 * - It tells the page around it how tall the list is, so an optional snippet
 *   there can size the frame (see /delen/). Without that snippet the frame
 *   keeps its own height and the list scrolls inside it. Only the height is
 *   sent: nothing about the visitor.
 */
import { byId, countText, el, gettext, readerNow, refreshDates } from "./common.js";
import { loadIndex } from "./directory-index.js";
import { KEYS, Model, stateFromParams } from "./directory-model.js";

/** @typedef {import("../../types/contracts").EmbedConfig} EmbedConfig */
/** @typedef {import("../../types/contracts").IndexRecord} IndexRecord */

var root = document.getElementById("embed-root");

/* --- height for the page around the frame --- */
var last = 0;
function tell() {
  if (!root || window.parent === window) return;
  var height = Math.ceil(root.getBoundingClientRect().height);
  if (height === last) return;
  last = height;
  window.parent.postMessage({ type: "activiteiten-hoogte", height: height }, "*");
}

var base = new URL("../", window.location.href).href;  /* the site's root: /embed/ is one folder down */

/** @param {Model} model @param {IndexRecord} r */
function card(model, r) {
  var f = model.f, x = model.data.x;
  var li = el("li", "embed-card");
  li.setAttribute("data-slug", r[f.slug]);
  var h = el("h2"), a = el("a", "", r[f.title]);
  if (document.documentElement.lang !== "nl") { a.lang = "nl"; a.dir = "auto"; }  /* editors' Dutch title */
  a.href = base + "activiteiten/" + r[f.slug] + "/";
  a.target = "_blank";
  a.rel = "noopener";
  h.appendChild(a);
  li.appendChild(h);
  var occ = r[f.occurrences], when = el("p", "embed-when"), added = 0;
  when.setAttribute("data-live", "next");
  when.setAttribute("data-live-label", "before");
  for (var j = 0; j < occ.length && added < 3; j += 2) {
    if (model.ended(r, j)) continue;
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
  if (r[f.flags] & 1) tags.appendChild(el("span", "embed-badge embed-badge--free", gettext("Gratis")));
  else tags.appendChild(document.createTextNode(x[r[f.cost]]));
  if (r[f.flags] & 2) {
    tags.appendChild(document.createTextNode(" "));
    tags.appendChild(el("span", "embed-badge", gettext("Inloop")));
  }
  tags.appendChild(document.createTextNode(" · " + x[r[f.age]]));
  li.appendChild(tags);
  return li;
}

/* --- filters from the query string (the whole city only) --- */
/** @param {HTMLElement} dataEl */
function filtered(dataEl) {
  var state = stateFromParams(new URLSearchParams(window.location.search), KEYS);
  if (!Object.keys(state).length) return;
  /** @type {EmbedConfig} */
  var config = JSON.parse(dataEl.textContent || "{}");
  var list = byId("cards");
  list.setAttribute("aria-busy", "true");
  loadIndex(new URL(config.index, base).href, function (data) {
    var model = new Model(data, readerNow()), test = model.compile(state);
    /** @type {number[]} */
    var found = [];
    model.byDate.forEach(function (i) { if (test(model.records[i])) found.push(i); });
    var cards = found.slice(0, config.limit).map(function (i) { return card(model, model.records[i]); });
    list.replaceChildren.apply(list, cards);
    list.removeAttribute("aria-busy");
    refreshDates(list);
    byId("count").textContent = countText(found.length);
    var more = byId("embed-more");
    more.hidden = found.length <= config.limit;
    byId("embed-more-count").textContent = String(found.length - config.limit);
    var moreLink = more.querySelector("a"), footLink = document.querySelector(".embed-foot a");
    if (moreLink) moreLink.href = base + window.location.search;
    if (footLink instanceof HTMLAnchorElement) footLink.href = base + window.location.search;
    byId("embed-empty").hidden = found.length > 0;
    tell();
  });
}

if (root) {
  if (typeof ResizeObserver === "function") new ResizeObserver(tell).observe(root);
  window.addEventListener("load", tell);
  tell();
  var dataEl = document.getElementById("embed-data");
  if (dataEl) filtered(dataEl);
}
