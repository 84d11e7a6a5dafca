/* Search for parents: the box in the header of every page, and the page /zoeken/.
 *
 * Reads the static index that activity_directory/searchindex.py writes under
 * zoekindex/: first meta.json (which word files exist, the words the site
 * gives a meaning: places, age groups, "gratis", "inloop"; per activity its
 * ages, flags and areas), then only the word files for the typed words and
 * one small file per shown result. Nothing is sent anywhere but this site.
 *
 * Words are matched as the index was made: without accents or capitals, as
 * the start of a word ("peut"), and as a part of a compound ("zwemmen" in
 * "peuterzwemmen"). A word that matches nothing is split into two known words
 * ("peuterzwemmen" → "peuter" + "zwemmen"). "3 jaar", "65+", a place or an
 * age group rank the activities it fits first. Results show the next date by
 * the reader's clock: every stored occurrence has data-start/data-end.
 *
 * The results container gets data-query="<the typed text>" once the results
 * for exactly that text are shown (tests wait for it).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../", script && script.src ? script.src : location.href);
  var META_URL = new URL("zoekindex/meta.json", ROOT);
  var MIN_LENGTH = 2;
  var EXACT = 1, PREFIX = 0.8;
  var NUMBERS = { een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9,
                  tien: 10, elf: 11, twaalf: 12 };
  var NUM = "(?<![\\p{L}\\p{N}])(\\d+(?:[.,]5)?|" + Object.keys(NUMBERS).join("|") + ")";
  var YEARS = "(?:jaar|jr|jarigen?|jarige)";
  var AGE_PATTERNS = [
    [new RegExp(NUM + "\\s*(?:-|tot en met|tot|t\\/m)\\s*" + NUM + "\\s*" + YEARS + "(?![\\p{L}\\p{N}])", "gu"), "range"],
    [new RegExp(NUM + "\\s*(?:\\+|plus(?![\\p{L}\\p{N}])|" + YEARS + "\\s*(?:\\+|en ouder|of ouder))", "gu"), "from"],
    [new RegExp(NUM + "\\s*-?\\s*" + YEARS + "(?![\\p{L}\\p{N}])", "gu"), "one"],
    [new RegExp(NUM + "\\s*-?\\s*j(?:a(?:a(?:r)?)?)?$", "gu"), "one"],   /* still typing "3 ja" */
    [new RegExp("(?:^|\\s)(\\d+(?:[.,]5)?)(?=\\s|$)", "gu"), "one"]        /* a bare number */
  ];

  /* The same normalisation as searchindex.normalise (a browser test compares them). */
  function normalise(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/(?<=[\p{L}\p{N}])['’‘`](?=[\p{L}\p{N}])/gu, "");
  }

  function number(text) {
    return NUMBERS.hasOwnProperty(text) ? NUMBERS[text] : parseFloat(text.replace(",", "."));
  }

  /* ---------------------------------------------------------------- data */

  var metaPromise = null;
  var shardCache = {};
  var docCache = {};

  /* A request that gets no answer in time counts as failed: the box then says so
     instead of waiting forever. */
  var TIMEOUT_MS = 8000;

  function getJSON(url, options) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    var settings = Object.assign({ credentials: "same-origin" }, options || {}, controller ? { signal: controller.signal } : {});
    return fetch(url, settings).then(function (response) {
      if (!response.ok) { var error = new Error("HTTP " + response.status); error.status = response.status; throw error; }
      return response.json();
    }).finally(function () { clearTimeout(timer); });
  }

  function loadMeta(again) {
    if (!metaPromise || again) {
      /* Revalidated on every page: after a new build it names new files. */
      metaPromise = getJSON(META_URL, { cache: "no-cache" }).then(function (meta) {
        meta.base = new URL(meta.v, ROOT);
        meta.stopSet = new Set(meta.stop);
        shardCache = {};
        docCache = {};
        return meta;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function loadShard(meta, key) {
    if (!shardCache[key]) {
      shardCache[key] = getJSON(new URL("w/" + encodeURIComponent(key) + ".json", meta.base)).then(decodeShard);
      shardCache[key].catch(function () { delete shardCache[key]; });
    }
    return shardCache[key];
  }

  function loadDoc(meta, id) {
    // Results come in files of meta.per records: a/0.json holds results 0 … per - 1.
    var per = meta.per, file = Math.floor(id / per);
    if (!docCache[file]) {
      docCache[file] = getJSON(new URL("a/" + file + ".json", meta.base));
      docCache[file].catch(function () { delete docCache[file]; });
    }
    return docCache[file].then(function (records) { return records[id % per]; });
  }

  function decodeShard(shard) {
    return { words: shard.w, postings: shard.p };
  }

  /* Shards that may hold words starting with `word`. */
  function shardKeys(meta, word) {
    return meta.shards.filter(function (key) {
      return word.lastIndexOf(key, 0) === 0 || key.lastIndexOf(word, 0) === 0;
    });
  }

  function loadWords(meta, words) {
    var keys = new Set();
    words.forEach(function (w) { shardKeys(meta, w).forEach(function (k) { keys.add(k); }); });
    var list = Array.from(keys);
    return Promise.all(list.map(function (k) { return loadShard(meta, k); })).then(function (shards) {
      var byKey = {};
      list.forEach(function (k, i) { byKey[k] = shards[i]; });
      return byKey;
    });
  }

  /* Add the weighted postings of one index word to `scores`, times `factor`. */
  function addPostings(flat, factor, scores) {
    var i = 0;
    while (i < flat.length) {
      var weight = flat[i] * factor, count = flat[i + 1], doc = 0;
      i += 2;
      for (var n = 0; n < count; n++, i++) {
        doc = n === 0 ? flat[i] : doc + flat[i];
        if (scores[doc] < weight) scores[doc] = weight;
      }
    }
  }

  function lowerBound(words, word) {
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Scores of every activity for one typed word: exact words, words it starts. */
  function textScores(meta, shards, word, prefix) {
    var scores = new Float32Array(meta.n);
    var hits = 0;
    shardKeys(meta, word).forEach(function (key) {
      var shard = shards[key];
      if (!shard) return;
      for (var i = lowerBound(shard.words, word); i < shard.words.length; i++) {
        var w = shard.words[i];
        if (w.lastIndexOf(word, 0) !== 0) break;
        if (w !== word && !prefix) continue;
        addPostings(shard.postings[i], w === word ? EXACT : PREFIX, scores);
        hits++;
      }
    });
    return hits ? scores : null;
  }

  function hasWord(shards, meta, word) {
    return shardKeys(meta, word).some(function (key) {
      var shard = shards[key];
      return shard && shard.words[lowerBound(shard.words, word)] === word;
    });
  }

  /* A word that matches nothing: two known words joined ("peuterzwemmen")? */
  function splitScores(meta, shards, word) {
    var candidates = [];
    for (var i = word.length - 3; i >= 3; i--) {
      var head = word.slice(0, i);
      var known = [head, head + "s", head + "e", head + "en"].filter(function (h) { return hasWord(shards, meta, h); });
      if (head.endsWith("s") && hasWord(shards, meta, head.slice(0, -1))) known.push(head.slice(0, -1));
      if (known.length) candidates.push({ heads: known, tail: word.slice(i) });
    }
    if (!candidates.length) return Promise.resolve(null);
    return loadWords(meta, candidates.map(function (c) { return c.tail; })).then(function (more) {
      var all = Object.assign({}, shards, more);
      for (var c = 0; c < candidates.length; c++) {
        var tail = textScores(meta, all, candidates[c].tail, true);
        if (!tail) continue;
        var head = new Float32Array(meta.n);
        candidates[c].heads.forEach(function (h) {
          var s = textScores(meta, all, h, false);
          if (s) for (var d = 0; d < meta.n; d++) head[d] = Math.max(head[d], s[d]);
        });
        var both = new Float32Array(meta.n), any = false;
        for (var d2 = 0; d2 < meta.n; d2++) {
          if (head[d2] > 0 && tail[d2] > 0) { both[d2] = Math.min(head[d2], tail[d2]); any = true; }
        }
        if (any) return both;
      }
      return null;
    });
  }

  /* ------------------------------------------------------------- a query */

  /* The typed text as concepts: ages ("3 jaar", "65+") and words. */
  function parse(meta, text) {
    var q = normalise(text);
    var concepts = [];
    AGE_PATTERNS.forEach(function (pattern) {
      q = q.replace(pattern[0], function (match, a, b) {
        var low = number(a);
        if (isNaN(low)) return match;
        var high = pattern[1] === "range" ? number(b) : pattern[1] === "from" ? Infinity : low;
        concepts.push({ age: [Math.min(low, high), Math.max(low, high)], label: match.trim() });
        return " ";
      });
    });
    var typing = !/\s$/.test(q);  /* the last word may be unfinished (after an age: it is not last) */
    var groups = q.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) || [];
    groups.forEach(function (group, index) {
      var word = group.replace(/-/g, "");
      var last = typing && index === groups.length - 1;
      if (/^\d+$/.test(word) || word.length < MIN_LENGTH && !last) return;
      if (meta.stopSet.has(word) && !last) return;
      var concept = { word: word, prefix: true };
      if (meta.ages.hasOwnProperty(word)) {
        var range = meta.ages[word];
        concept.age = [range[0], range[1] < 0 ? Infinity : range[1]];
      }
      if (meta.flags.hasOwnProperty(word)) concept.flag = meta.flags[word];
      if (meta.places.hasOwnProperty(word)) concept.places = new Set(meta.places[word]);
      concepts.push(concept);
    });
    return concepts;
  }

  function ageScore(meta, doc, range) {
    var from = meta.age[2 * doc], to = meta.age[2 * doc + 1];
    var top = to < 0 ? Infinity : to;
    if (from > range[1] || top < range[0]) return 0;
    var span = (to < 0 ? 100 : to) - from;
    return Math.max(1, 10 * Math.min(1, 4 / Math.max(span, 1)));
  }

  function conceptScores(meta, shards, concept) {
    var scores = concept.word ? textScores(meta, shards, concept.word, concept.prefix) : null;
    var fromText = scores;
    if (!scores) scores = new Float32Array(meta.n);
    for (var d = 0; d < meta.n; d++) {
      var s = scores[d];
      if (concept.age) s = Math.max(s, ageScore(meta, d, concept.age));
      /* A fact beats a word in a text: free activities first for "gratis", those in
         the place first for a place name (then those that come everywhere). */
      if (concept.flag) s = meta.flag[d] & concept.flag ? 12 : Math.min(s, 3);
      if (concept.places) {
        if (meta.area[d].some(function (a) { return concept.places.has(a); })) s = Math.max(s, 10) + 2;
        else if (meta.flag[d] & 4) s = Math.max(s, 5);
      }
      scores[d] = s;
    }
    var any = false;
    for (var e = 0; e < meta.n && !any; e++) any = scores[e] > 0;
    if (any || !concept.word || concept.word.length < 6 || fromText) return Promise.resolve(scores);
    return splitScores(meta, shards, concept.word).then(function (split) { return split || scores; });
  }

  function rank(meta, concepts, perConcept) {
    var found = [];
    var best = 0;
    for (var d = 0; d < meta.n; d++) {
      var coverage = 0, score = 0;
      for (var c = 0; c < perConcept.length; c++) {
        if (perConcept[c][d] > 0) { coverage++; score += perConcept[c][d]; }
      }
      if (coverage) {
        found.push({ id: d, coverage: coverage, score: score, current: d < meta.current });
        if (coverage > best) best = coverage;
      }
    }
    found = found.filter(function (r) { return r.coverage === best; });
    found.sort(function (a, b) {
      return (b.current - a.current) || (b.score - a.score) || (a.id - b.id);
    });
    return { items: found, complete: best === concepts.length };
  }

  /* List pages that fit the words (and ages) typed, such as "Alles in <stadsdeel>". */
  function lists(meta, concepts) {
    var words = new Set();
    concepts.forEach(function (c) {
      if (c.word) words.add(c.word);
      if (c.age && !c.word) {
        Object.keys(meta.ages).forEach(function (w) {
          var r = meta.ages[w], high = r[1] < 0 ? Infinity : r[1];
          if (r[0] <= c.age[0] && c.age[1] <= high) words.add(w);
        });
      }
    });
    return meta.lists.filter(function (entry) {
      return entry[3].every(function (any) { return any.some(function (w) { return words.has(w); }); });
    }).sort(function (a, b) { return b[3].length - a[3].length; }).slice(0, 3);
  }

  function search(text) {
    return loadMeta().then(function (meta) {
      var concepts = parse(meta, text);
      if (!concepts.length) return { meta: meta, concepts: concepts, items: [], complete: true, lists: [] };
      var words = concepts.filter(function (c) { return c.word; }).map(function (c) { return c.word; });
      return loadWords(meta, words).then(function (shards) {
        return Promise.all(concepts.map(function (c) { return conceptScores(meta, shards, c); }));
      }).then(function (perConcept) {
        var ranked = rank(meta, concepts, perConcept);
        return { meta: meta, concepts: concepts, items: ranked.items, complete: ranked.complete, lists: lists(meta, concepts) };
      });
    });
  }

  /* ------------------------------------------------------------- the page */

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;  /* always text: index content is never HTML */
    return el;
  }

  function nextOccurrence(doc, now) {
    for (var i = 0; i < doc.o.length; i++) {
      if (Date.parse(doc.o[i][1]) > now) return doc.o[i];
    }
    return null;
  }

  function activityCount(n) { return n === 1 ? "1 activiteit" : n + " activiteiten"; }

  function quoted(text) { return "‘" + text.trim() + "’"; }

  function hit(meta, doc, idPrefix, index) {
    var li = element("li", "search-hit");
    li.dataset.slug = doc.u;
    var titleId = idPrefix + "-hit-" + index;
    var a = element("a", "search-hit__title", doc.t);
    a.href = new URL(meta.url.replace("{}", doc.u), ROOT).href;
    a.id = titleId;
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
      when.textContent = doc.s || "Volgende keer: zie de pagina";
      when.classList.add("search-hit__status");
    }
    li.appendChild(when);
    var place = doc.p[next && next.length > 3 ? next[3] : 0];
    li.appendChild(element("span", "search-hit__where", doc.p.length > 1 && !next ? doc.p.length + " plekken" : place));
    li.appendChild(element("span", "search-hit__who", doc.l + " · " + doc.k));
    return li;
  }

  function Search(root) {
    this.root = root;
    this.page = root.hasAttribute("data-page");
    this.step = parseInt(root.getAttribute("data-limit"), 10) || 8;
    this.limit = this.step;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.status = root.querySelector(".site-search__status");
    this.results = root.querySelector(".site-search__results");
    this.toggle = root.querySelector(".site-search__toggle");
    this.close = root.querySelector(".site-search__close");
    this.idPrefix = this.input.id;
    this.generation = 0;
    this.announceTimer = null;
    this.bind();
  }

  Search.prototype.bind = function () {
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
      var links = Array.prototype.slice.call(self.results.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === "ArrowUp" && at === 0) self.input.focus();
      else if (links[at + (event.key === "ArrowDown" ? 1 : -1)]) links[at + (event.key === "ArrowDown" ? 1 : -1)].focus();
    });
    this.root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !self.page) { event.preventDefault(); self.hide(true); }
    });
    if (this.page) {
      this.form.addEventListener("submit", function (event) {
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
      if (event.relatedTarget && !self.root.contains(event.relatedTarget)) self.hide(false);
    });
    document.addEventListener("pointerdown", function (event) {
      if (!self.root.contains(event.target)) self.hide(false);
    });
    if (this.toggle) {
      this.toggle.addEventListener("click", function () {
        if (self.root.classList.contains("site-search--open")) self.hide(true);
        else { self.root.classList.add("site-search--open"); self.toggle.setAttribute("aria-expanded", "true"); self.input.focus(); }
      });
    }
    if (this.close) this.close.addEventListener("click", function () { self.hide(true); });
  };

  Search.prototype.show = function (on) {
    this.results.hidden = !on || !this.results.firstChild;
  };

  Search.prototype.hide = function (returnFocus) {
    var wasOpen = this.root.classList.contains("site-search--open");
    this.results.hidden = true;
    this.root.classList.remove("site-search--open");
    if (this.toggle) this.toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) {
      var toggleShown = this.toggle && this.toggle.offsetParent !== null;
      this.closing = true;  /* focus comes back to the box: the results stay closed */
      (wasOpen && toggleShown ? this.toggle : this.input).focus();
      this.closing = false;
    }
  };

  Search.prototype.announce = function (text) {
    var self = this;
    clearTimeout(this.announceTimer);
    /* A screen reader hears the result once typing pauses, not after every letter. */
    this.announceTimer = setTimeout(function () { self.status.textContent = text; }, 500);
  };

  Search.prototype.run = function () {
    var self = this;
    var text = this.input.value;
    var generation = ++this.generation;
    if (normalise(text).replace(/[^\p{L}\p{N}]/gu, "").length < MIN_LENGTH) {
      this.render(text, null);
      this.announce(text.trim() ? "Typ minstens 2 letters." : "");
      return Promise.resolve();
    }
    return search(text).then(function (result) {
      if (generation !== self.generation) return null;
      var shown = result.items.slice(0, self.limit);
      return Promise.all(shown.map(function (item) { return loadDoc(result.meta, item.id); })).then(function (docs) {
        if (generation !== self.generation) return;
        self.render(text, result, docs);
      });
    }).catch(function (error) {
      if (generation !== self.generation) return;
      /* Once per page: a new build may have replaced the index (404), or the network
         dropped a request. Read the index again and search once more. */
      if (!self.retried) {
        self.retried = true;
        return loadMeta(true).then(function () { return self.run(); }, function () {
          if (generation === self.generation) self.render(text, null, null, true);
        });
      }
      self.render(text, null, null, true);
    });
  };

  Search.prototype.render = function (text, result, docs, failed) {
    var box = this.results;
    var focusIndex = -1;
    if (this.page && result && box.dataset.query === text && this.limit > this.step) {
      focusIndex = this.limit - this.step;  /* 'Toon meer': focus goes to the first new result */
    }
    box.textContent = "";
    var self = this;
    if (failed) {
      var p = element("p", "search-message", "Zoeken lukt nu niet. Probeer het later nog eens, of ");
      var link = element("a", null, "kies een lijst");
      link.href = new URL("zoeken/", ROOT).href;
      p.appendChild(link);
      p.appendChild(document.createTextNode("."));
      box.appendChild(p);
      this.status.textContent = "Zoeken lukt nu niet.";
    } else if (result) {
      var total = result.items.length;
      if (!total) {
        box.appendChild(element("p", "search-message", "Geen activiteiten gevonden voor " + quoted(text) + ". Probeer een ander woord, zoals een wijk, een leeftijd of een soort activiteit."));
      } else {
        if (!result.complete) {
          box.appendChild(element("p", "search-message", "Geen activiteit past bij alle woorden. Deze passen bij een deel ervan:"));
        }
        var heading = element(this.page ? "h2" : "p", "search-group", "Activiteiten");
        heading.id = this.idPrefix + "-activities";
        box.appendChild(heading);
        var list = element("ul", "search-hits");
        list.setAttribute("aria-labelledby", heading.id);
        docs.forEach(function (doc, i) { list.appendChild(hit(result.meta, doc, self.idPrefix, i)); });
        box.appendChild(list);
        if (total > docs.length) {
          if (this.page) {
            var more = element("button", "md-button search-more", "Toon meer (nog " + (total - docs.length) + ")");
            more.type = "button";
            more.addEventListener("click", function () { self.limit += self.step; self.run(); });
            box.appendChild(more);
          } else {
            var all = element("a", "search-all", "Bekijk alle " + activityCount(total) + " voor " + quoted(text));
            all.href = new URL("zoeken/?q=" + encodeURIComponent(text.trim()), ROOT).href;
            box.appendChild(all);
          }
        }
      }
      if (result.lists.length) {
        var listHeading = element(this.page ? "h2" : "p", "search-group", "Lijsten");
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
      this.announce(total ? activityCount(total) + " gevonden voor " + quoted(text) + "." : "Geen activiteiten gevonden voor " + quoted(text) + ".");
    }
    box.dataset.query = text;
    this.show(box.firstChild !== null && (this.page || this.root.contains(document.activeElement) || this.root.classList.contains("site-search--open")));
    if (!box.firstChild) box.hidden = true;
    /* livedates.js (when the page has it) writes "vandaag"/"morgen" by the reader's clock. */
    if (window.LiveDates && typeof window.LiveDates.refresh === "function") window.LiveDates.refresh(box);
    if (focusIndex >= 0) {
      var links = box.querySelectorAll(".search-hit__title");
      if (links[focusIndex]) links[focusIndex].focus();
    }
  };

  document.querySelectorAll("[data-site-search]").forEach(function (root) {
    if (root.querySelector("input[type=search]") && root.querySelector(".site-search__results")) new Search(root);
  });
  /* For the tests: the normaliser the index was made with must be this one. */
  window.siteSearchNormalise = normalise;
})();
