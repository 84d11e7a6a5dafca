/* Search for parents: the box in the header of every page, and the page /zoeken/.
 *
 * By concern (ES modules):
 *   search-normalise.js  the typed text as the index was made, and the ages in it
 *   search-index.js      fetching meta.json, the word files and the result files
 *   search-rank.js       matching words, compounds, ages, places and flags; ranking
 *   search.js            the box and its results (this file)
 * Results show the next date by the reader's clock: every stored occurrence has
 * data-start/data-end.
 *
 * The results container gets data-query="<the typed text>" once the results
 * for exactly that text are shown (tests wait for it).
 */

import { countText as activityCount, el as element, gettext, ngettext, pageLanguage, refreshDates } from "./common.js";
import { normalise } from "./search-normalise.js";
import { ROOT, loadDoc, loadMeta } from "./search-index.js";
import { MIN_LENGTH, search } from "./search-rank.js";

/** @typedef {import("./search-index.js").Meta} Meta */
/** @typedef {import("./search-rank.js").Result} Result */
/** @typedef {import("../../types/contracts").SearchDoc} SearchDoc */

/* The root of the page's language: /zoeken/ of a page in English is /en/zoeken/. */
var LANGUAGE_ROOT = pageLanguage() === "nl" ? ROOT : new URL(encodeURIComponent(pageLanguage()) + "/", ROOT);

/** The first occurrence that has not ended.
 * @param {SearchDoc} doc @param {number} now */
function nextOccurrence(doc, now) {
  for (var i = 0; i < doc.o.length; i++) {
    if (Date.parse(doc.o[i][1]) > now) return doc.o[i];
  }
  return null;
}

/** @param {string} text */
function quoted(text) { return gettext("‘%(woorden)s’", { woorden: text.trim() }); }

/** @param {Meta} meta @param {SearchDoc} doc @param {string} idPrefix @param {number} index */
function hit(meta, doc, idPrefix, index) {
  var li = element("li", "search-hit");
  li.dataset.slug = doc.u;
  var titleId = idPrefix + "-hit-" + index;
  var a = element("a", "search-hit__title", doc.t);
  a.href = new URL(meta.url.replace("{}", doc.u), ROOT).href;
  a.id = titleId;
  if (pageLanguage() !== "nl" && !doc.tl) {  /* the editors' title is Dutch (WCAG 3.1.2), right to left or not; tl: translated */
    a.lang = "nl";
    a.dir = "auto";
  }
  li.appendChild(a);
  var next = nextOccurrence(doc, Date.now());
  var when = element("span", "search-hit__when");
  when.setAttribute("data-live-label", "before");
  if (next) {
    var time = element("time", null, next[2]);
    time.setAttribute("datetime", next[0]);
    time.dataset.start = next[0];
    time.dataset.end = next[1];
    when.appendChild(time);
  } else {
    when.textContent = doc.s || gettext("Volgende keer: zie de pagina");
    when.classList.add("search-hit__status");
  }
  li.appendChild(when);
  var place = doc.p[next && next.length === 4 ? next[3] : 0] || "";
  var where = element("span", "search-hit__where", doc.p.length > 1 && !next ? ngettext("%(num)s plek", "%(num)s plekken", doc.p.length) : place);
  if (pageLanguage() !== "nl") where.dir = "auto";  /* Dutch names inside Arabic text keep their order */
  li.appendChild(where);
  li.appendChild(element("span", "search-hit__who", doc.l + " · " + doc.k));
  return li;
}

/** @template {Element} T @param {ParentNode} root @param {string} selector @param {new () => T} kind */
function find(root, selector, kind) {
  var node = root.querySelector(selector);
  return node instanceof kind ? node : null;
}

class Search {
  /** @param {HTMLElement} root @param {HTMLInputElement} input @param {HTMLElement} results */
  constructor(root, input, results) {
    this.root = root;
    this.page = root.hasAttribute("data-page");
    this.step = parseInt(root.getAttribute("data-limit") || "", 10) || 8;
    this.limit = this.step;
    this.form = find(root, "form", HTMLFormElement);
    this.input = input;
    this.status = find(root, ".site-search__status", HTMLElement) || document.createElement("p");
    this.results = results;
    this.toggle = find(root, ".site-search__toggle", HTMLElement);
    this.close = find(root, ".site-search__close", HTMLElement);
    this.idPrefix = this.input.id;
    this.generation = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.announceTimer = undefined;
    this.closing = false;
    this.retried = false;
    this.bind();
  }

  bind() {
    var self = this;
    this.input.addEventListener("input", function () { self.limit = self.step; self.run(); });
    this.input.addEventListener("focus", function () {
      loadMeta().catch(function () {});
      if (self.input.value && !self.closing) self.show(true);
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { var first = self.results.querySelector("a"); if (first) { event.preventDefault(); first.focus(); } }
    });
    this.results.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.from(self.results.querySelectorAll("a"));
      var at = links.findIndex(function (a) { return a === document.activeElement; });
      if (at < 0) return;
      event.preventDefault();
      if (event.key === "ArrowUp" && at === 0) self.input.focus();
      else if (links[at + (event.key === "ArrowDown" ? 1 : -1)]) links[at + (event.key === "ArrowDown" ? 1 : -1)].focus();
    });
    this.root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !self.page) { event.preventDefault(); self.hide(true); }
    });
    if (this.page) {
      if (this.form) this.form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams(location.search);
        params.set("q", self.input.value);
        history.replaceState(null, "", location.pathname + "?" + params.toString());
        self.run();
      });
      var q = new URLSearchParams(location.search).get("q");
      if (q) { this.input.value = q; this.run(); }
      return;
    }
    /* The header box: results drop down while focus is in it. */
    this.root.addEventListener("focusout", function (event) {
      if (event.relatedTarget instanceof Node && !self.root.contains(event.relatedTarget)) self.hide(false);
    });
    document.addEventListener("pointerdown", function (event) {
      if (!(event.target instanceof Node && self.root.contains(event.target))) self.hide(false);
    });
    const toggle = this.toggle;
    if (toggle) {
      toggle.addEventListener("click", function () {
        if (self.root.classList.contains("site-search--open")) self.hide(true);
        else { self.root.classList.add("site-search--open"); toggle.setAttribute("aria-expanded", "true"); self.input.focus(); }
      });
    }
    if (this.close) this.close.addEventListener("click", function () { self.hide(true); });
  }

  /** @param {boolean} on */
  show(on) {
    this.results.hidden = !on || !this.results.firstChild;
  }

  /** @param {boolean} returnFocus to the box (or its toggle) */
  hide(returnFocus) {
    var wasOpen = this.root.classList.contains("site-search--open");
    this.results.hidden = true;
    this.root.classList.remove("site-search--open");
    if (this.toggle) this.toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) {
      var toggle = this.toggle && this.toggle.offsetParent !== null ? this.toggle : null;
      this.closing = true;  /* focus comes back to the box: the results stay closed */
      (wasOpen && toggle ? toggle : this.input).focus();
      this.closing = false;
    }
  }

  /** @param {string} text */
  announce(text) {
    var self = this;
    clearTimeout(this.announceTimer);
    /* A screen reader hears the result once typing pauses, not after every letter. */
    this.announceTimer = setTimeout(function () { self.status.textContent = text; }, 500);
  }

  /** Search for what the box holds and show it.
   * @returns {Promise<void>} */
  run() {
    var self = this;
    var text = this.input.value;
    var generation = ++this.generation;
    if (normalise(text).replace(/[^\p{L}\p{N}]/gu, "").length < MIN_LENGTH) {
      this.render(text, null);
      this.announce(text.trim() ? gettext("Typ minstens 2 letters.") : "");
      return Promise.resolve();
    }
    return search(text).then(function (result) {
      if (generation !== self.generation) return;
      var shown = result.items.slice(0, self.limit);
      return Promise.all(shown.map(function (item) { return loadDoc(result.meta, item.id); })).then(function (docs) {
        if (generation !== self.generation) return;
        self.render(text, result, docs);
      });
    }).catch(function () {
      if (generation !== self.generation) return;
      /* Once per page: a new build may have replaced the index (404), or the network
         dropped a request. Read the index again and search once more. */
      if (!self.retried) {
        self.retried = true;
        return loadMeta(true).then(function () { return self.run(); }, function () {
          if (generation === self.generation) self.render(text, null, [], true);
        });
      }
      self.render(text, null, [], true);
    });
  }

  /** @param {string} text @param {Result | null} result @param {SearchDoc[]} [docs] @param {boolean} [failed] */
  render(text, result, docs = [], failed = false) {
    var box = this.results;
    var focusIndex = -1;
    if (this.page && result && box.dataset.query === text && this.limit > this.step) {
      focusIndex = this.limit - this.step;  /* 'Toon meer': focus goes to the first new result */
    }
    box.textContent = "";
    var self = this;
    if (failed) {
      var p = element("p", "search-message", gettext("Zoeken lukt nu niet. Probeer het later nog eens, of "));
      var link = element("a", null, gettext("kies een lijst"));
      link.href = new URL("zoeken/", LANGUAGE_ROOT).href;
      p.appendChild(link);
      p.appendChild(document.createTextNode("."));
      box.appendChild(p);
      this.status.textContent = gettext("Zoeken lukt nu niet.");
    } else if (result) {
      var total = result.items.length;
      if (!total) {
        box.appendChild(element("p", "search-message", gettext("Geen activiteiten gevonden voor %(woorden)s. Probeer een ander woord, zoals een wijk, een leeftijd of een soort activiteit.", { woorden: quoted(text) })));
      } else {
        if (!result.complete) {
          box.appendChild(element("p", "search-message", gettext("Geen activiteit past bij alle woorden. Deze passen bij een deel ervan:")));
        }
        var heading = element(this.page ? "h2" : "p", "search-group", gettext("Activiteiten"));
        heading.id = this.idPrefix + "-activities";
        box.appendChild(heading);
        var list = element("ul", "search-hits");
        list.setAttribute("aria-labelledby", heading.id);
        docs.forEach(function (doc, i) { list.appendChild(hit(result.meta, doc, self.idPrefix, i)); });
        box.appendChild(list);
        if (total > docs.length) {
          if (this.page) {
            var more = element("button", "md-button search-more", gettext("Toon meer (nog %(aantal)s)", { aantal: total - docs.length }));
            more.type = "button";
            more.addEventListener("click", function () { self.limit += self.step; self.run(); });
            box.appendChild(more);
          } else {
            var all = element("a", "search-all", gettext("Bekijk alle %(activiteiten)s voor %(woorden)s", { activiteiten: activityCount(total), woorden: quoted(text) }));
            all.href = new URL("zoeken/?q=" + encodeURIComponent(text.trim()), LANGUAGE_ROOT).href;
            box.appendChild(all);
          }
        }
      }
      if (result.lists.length) {
        var listHeading = element(this.page ? "h2" : "p", "search-group", gettext("Lijsten"));
        listHeading.id = this.idPrefix + "-lists";
        box.appendChild(listHeading);
        var ul = element("ul", "search-lists");
        ul.setAttribute("aria-labelledby", listHeading.id);
        result.lists.forEach(function (entry) {
          var li = element("li");
          var a = element("a", null, entry[1]);
          a.href = new URL(entry[0], ROOT).href;
          li.appendChild(a);
          li.appendChild(document.createTextNode(" (" + activityCount(entry[2]) + ")"));
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      this.announce(total ? gettext("%(activiteiten)s gevonden voor %(woorden)s.", { activiteiten: activityCount(total), woorden: quoted(text) })
                       : gettext("Geen activiteiten gevonden voor %(woorden)s.", { woorden: quoted(text) }));
    }
    box.dataset.query = text;
    this.show(box.firstChild !== null && (this.page || this.root.contains(document.activeElement) || this.root.classList.contains("site-search--open")));
    if (!box.firstChild) box.hidden = true;
    /* livedates.js (when the page has it) writes "vandaag"/"morgen" by the reader's clock. */
    refreshDates(box);
    if (focusIndex >= 0) {
      var links = box.querySelectorAll("a.search-hit__title");
      var first = links[focusIndex];
      if (first instanceof HTMLElement) first.focus();
    }
  }
}

document.querySelectorAll("[data-site-search]").forEach(function (root) {
  if (!(root instanceof HTMLElement)) return;
  var input = find(root, "input[type=search]", HTMLInputElement), results = find(root, ".site-search__results", HTMLElement);
  if (input && results) new Search(root, input, results);
});
