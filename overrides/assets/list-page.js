/* ListPage: which list page the home page's filters in a query string are (issue 20.6).
 *
 * Old flyers, QR codes and partners' frames hold the home page's filters in the
 * query string (/?wijk=…&leeftijd=…, /embed/?wijk=…&leeftijd=…). Most of those
 * combinations have a real list page with its own heading, title, feed, embed and
 * flyer: a wijk or a stadsdeel (for one age group, one soort where it has a list, or all),
 * an age group, a soort.
 *
 *   ListPage.find(params, known) -> {path, kind, values} | null
 *     path: "wijken/<w>/leeftijd/<g>/", "wijken/<w>/soorten/<s>/" and the like (from the language's root);
 *     only when every filter in the query is one of that page's (a stadsdeel next to
 *     its own wijk counts as the wijk: the home page's form sets both).
 *
 * A classic script, so it can run in the <head> of /embed/ before the list is drawn:
 * with data-lists on its own tag (the known keys, from the build) it sends the reader
 * on to the real embed at once, with location.replace (the back button skips the old
 * address) and with every other query parameter and the #fragment kept. The home page
 * imports it as a module and reads the known keys from its form (directory-home.js).
 */
(function () {
  "use strict";

  /** @type {string[]} the home page's filter keys (the public contract) */
  var FILTERS = ["leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk"];

  /** @param {URLSearchParams} params @param {import("../../types/contracts").ListPageKeys} known @returns {ListPageMatch | null} */
  function find(params, known) {
    /** @type {Record<string, string>} */
    var values = {};
    for (var i = 0; i < FILTERS.length; i++) {
      var all = params.getAll(FILTERS[i]).filter(function (v) { return v !== ""; });
      if (all.length > 1) return null; /* alternatives: no single list page */
      if (all.length) values[FILTERS[i]] = all[0];
    }
    /** @type {string | undefined} */
    var district = values.stadsdeel;
    var wijk = values.wijk, group = values.leeftijd, kind = values.soort;
    var keys = Object.keys(values);
    if (wijk && district) {
      if (!Object.prototype.hasOwnProperty.call(known.wijk, wijk) || known.wijk[wijk] !== district) return null;
      keys = keys.filter(function (k) { return k !== "stadsdeel"; });
      district = undefined;
    }
    var other = keys.filter(function (k) { return k !== "wijk" && k !== "stadsdeel" && k !== "leeftijd" && k !== "soort"; });
    if (other.length) return null;
    if (group !== undefined && known.leeftijd.indexOf(group) < 0) return null; /* years (leeftijd=3) have no page */
    if (kind !== undefined) {
      if (known.soort.indexOf(kind) < 0 || group !== undefined) return null;
      if (keys.length === 1) return { path: "soorten/" + kind + "/", kind: "soort", values: values };
      /* a soort in a wijk or a stadsdeel: only where the build made that list (else the embed filters) */
      var place = wijk !== undefined ? wijk : district;
      var lists = known.soort_gebied[kind] || [];
      if (place === undefined || lists.indexOf(place) < 0) return null;
      return wijk !== undefined
        ? { path: "wijken/" + wijk + "/soorten/" + kind + "/", kind: "wijk-soort", values: values }
        : { path: "stadsdelen/" + district + "/soorten/" + kind + "/", kind: "stadsdeel-soort", values: values };
    }
    var area = "";
    if (wijk !== undefined) {
      if (!Object.prototype.hasOwnProperty.call(known.wijk, wijk)) return null;
      area = "wijken/" + wijk + "/";
    } else if (district !== undefined) {
      if (known.stadsdeel.indexOf(district) < 0) return null;
      area = "stadsdelen/" + district + "/";
    }
    if (!area && group === undefined) return null;
    var path = area + (group !== undefined ? "leeftijd/" + group + "/" : "");
    /** @type {ListPageMatch["kind"]} */
    var name = area ? (group !== undefined ? (wijk ? "wijk-leeftijd" : "stadsdeel-leeftijd") : (wijk ? "wijk" : "stadsdeel")) : "leeftijd";
    return { path: path, kind: name, values: values };
  }

  /** The address of the page `path` (from the language's root) for the page at `here`, whose root is `up`
   * folders above it; the query keeps every parameter that is not a filter, and the fragment stays.
   * @param {string} path @param {string} up @param {Location | URL} here */
  function address(path, up, here) {
    var params = new URLSearchParams(here.search), kept = new URLSearchParams();
    params.forEach(function (value, key) { if (FILTERS.indexOf(key) < 0) kept.append(key, value); });
    var query = kept.toString();
    return new URL(up + path, here.href).pathname + (query ? "?" + query : "") + here.hash;
  }

  window.ListPage = { find: find, address: address, filters: FILTERS };

  /* /embed/ (the whole city, with filters): on to the real embed, before anything is drawn. */
  var tag = document.currentScript;
  var lists = tag && tag.getAttribute("data-lists");
  if (lists && location.search) {
    var match = find(new URLSearchParams(location.search), JSON.parse(lists));
    if (match) location.replace(address(match.path + "embed/", "../", location));
  }
})();
