/* The home page with filters that are one list's own (/?wijk=…&leeftijd=…, printed on old
 * flyers): the heading and <title> of that list, and a link to its own page (issue 20.6).
 * The home page does not send the reader there: its filters stay to be changed, and every
 * change here updates the heading (back to the home page's own when no list fits).
 * Which lists exist comes from the form, and the soort × area lists from the index once it has
 * come (list-page.js decides which one the filters are). */

import "./list-page.js";
import { gettext } from "./common.js";

/** @typedef {import("./directory-model.js").FilterState} FilterState */

/** @param {HTMLFormElement} form @param {string} name */
function options(form, name) {
  var control = form.elements.namedItem(name);
  return control instanceof HTMLSelectElement ? Array.prototype.slice.call(control.options).filter(function (o) { return o.value; }) : [];
}

/** Read the form before the query string adds options of its own (directory-state.js ensureOption).
 * @param {HTMLFormElement} form @param {string} pages the way to the pages in this page's language
 * @param {() => Record<string, string[]> | undefined} kindAreas soort -> the areas with a list of that soort
 *   (from the index; undefined until it has come)
 * @returns {(state: FilterState) => void} */
export function listHeading(form, pages, kindAreas) {
  var boxEl = document.getElementById("list-page"), linkEl = document.getElementById("list-page-link");
  var headingEl = document.querySelector(".md-content h1");
  var api = window.ListPage;
  if (!boxEl || !(linkEl instanceof HTMLAnchorElement) || !headingEl || !api) return function () {};
  const box = boxEl, link = linkEl, heading = headingEl;
  var finder = api.find;
  /** @type {import("../../types/contracts").ListPageKeys} */
  var known = { wijk: {}, stadsdeel: [], leeftijd: [], soort: [], soort_gebied: {} };
  /** @type {Record<string, Record<string, string>>} value -> label, per key */
  var labels = { wijk: {}, stadsdeel: {}, leeftijd: {}, soort: {} };
  options(form, "wijk").forEach(function (o) {
    var group = o.parentElement;
    known.wijk[o.value] = group ? group.getAttribute("data-district") || "" : "";
    labels.wijk[o.value] = o.textContent || o.value;
  });
  ["stadsdeel", "leeftijd", "soort"].forEach(function (key) {
    options(form, key).forEach(function (o) {
      if (key === "leeftijd" && !isNaN(parseFloat(o.value))) return; /* years: no page of their own */
      /** @type {string[]} */ (known[/** @type {"stadsdeel" | "leeftijd" | "soort"} */ (key)]).push(o.value);
      labels[key][o.value] = o.textContent || o.value;
    });
  });
  var own = Array.prototype.slice.call(heading.childNodes).map(function (n) { return n.cloneNode(true); });
  var ownTitle = document.title, siteTitle = box.getAttribute("data-site-title") || ownTitle;
  var shown = "";

  /** @param {FilterState} state */
  return function (state) {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (key) { (state[key] || []).forEach(function (v) { params.append(key, v); }); });
    var areas = kindAreas();
    if (areas) known.soort_gebied = areas;
    var match = finder(params, known);
    var path = match ? match.path : "";
    if (path === shown) return;
    shown = path;
    if (!match) {
      heading.replaceChildren.apply(heading, own.map(function (n) { return n.cloneNode(true); }));
      document.title = ownTitle;
      box.hidden = true;
      return;
    }
    var v = match.values, area = v.wijk ? labels.wijk[v.wijk] : v.stadsdeel ? labels.stadsdeel[v.stadsdeel] : "";
    var group = v.leeftijd ? labels.leeftijd[v.leeftijd] : "";
    var title = match.kind === "soort" ? labels.soort[v.soort]
      : area && v.soort ? gettext("%(soort)s in %(gebied)s", { soort: labels.soort[v.soort], gebied: area })
      : area && group ? gettext("%(leeftijdsgroep)s in %(gebied)s", { leeftijdsgroep: group, gebied: area })
      : area || group;
    heading.textContent = title;
    document.title = title + " - " + siteTitle;
    link.textContent = title;
    link.href = pages + match.path;
    box.hidden = false;
  };
}
