/* Search: ranking. Words are matched as the index was made: as the start of a word
 * ("peut"), and as a part of a compound ("zwemmen" in "peuterzwemmen"). A word that
 * matches nothing is split into two known words ("peuterzwemmen" → "peuter" + "zwemmen").
 * "3 jaar", "65+", a place or an age group rank the activities it fits first. */

import { normalise, takeAges } from "./search-normalise.js";
import { loadLengths, loadMeta, loadShards, loadWords, shardKeys, shardOf } from "./search-index.js";

/** @typedef {import("./search-index.js").Meta} Meta */
/** @typedef {import("./search-index.js").Shard} Shard */
/** @typedef {import("../../types/contracts").SearchListLink} SearchListLink */
/** What a query asks for: a word, an age, a flag ("gratis"), places.
 * @typedef {{word?: string, prefix?: boolean, age?: [number, number], label?: string,
 *            flag?: number, places?: Set<number>}} Concept */
/** @typedef {{id: number, coverage: number, score: number, current: boolean}} Found */
/** @typedef {{meta: Meta, concepts: Concept[], items: Found[], complete: boolean, lists: SearchListLink[]}} Result */

export var MIN_LENGTH = 2;
var EXACT = 1, PREFIX = 0.8, TYPO = 0.6;
/* A typed word that only starts a place's name ("muziek" in "Muziekwijk") means the word, not the
   place: such a match counts less than the word in a title or a kind (issue 20). */
var PLACE_PREFIX = 0.4;
/* Typos forgiven (issue 20): one letter wrong, missing, extra or swapped in a word of 5 letters or
   more, two in a word of 8 or more, in any letter, the first ones too. The word is compared with
   every word of the index of about its length (t/<length>.json: one typo changes the length by at
   most one, two by at most two), and only the word files of the closest words are fetched, at most
   TYPO_FILES more than the typed word already fetched (the per-query download stays small). */
var TYPO_ONE = 5, TYPO_TWO = 8, TYPO_FILES = 3;
/* A word two typos away counts a little less than one a single typo away. */
var TYPO_FAR = 0.5;

/** Add the weighted postings of one index word to `scores`, times `factor`.
 * @param {number[]} flat [weight, count, first doc, gaps…]… @param {number} factor @param {Float32Array} scores */
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

/** @param {string[]} words @param {string} word */
function lowerBound(words, word) {
  var lo = 0, hi = words.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (words[mid] < word) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Scores of every activity for one typed word: exact words, words it starts.
 * @param {Meta} meta @param {Record<string, Shard>} shards @param {string} word @param {boolean | undefined} prefix */
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
      var factor = w === word ? EXACT : Object.prototype.hasOwnProperty.call(meta.places, w) ? PLACE_PREFIX : PREFIX;
      addPostings(shard.postings[i], factor, scores);
      hits++;
    }
  });
  return hits ? scores : null;
}

/** Edit distance (Damerau: a swap of two neighbours is one) of a and b, or max + 1 once it is more.
 * @param {string} a @param {string} b @param {number} max */
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  /** @type {number[]} */
  var before = [];
  /** @type {number[]} */
  var previous = [];
  /** @type {number[]} */
  var row = [];
  for (var j = 0; j <= b.length; j++) previous[j] = j;
  for (var i = 1; i <= a.length; i++) {
    row = [i];
    var least = i;
    for (var k = 1; k <= b.length; k++) {
      var cost = a[i - 1] === b[k - 1] ? 0 : 1;
      var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
      if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) value = Math.min(value, before[k - 2] + 1);
      row[k] = value;
      if (value < least) least = value;
    }
    if (least > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/** The postings of `word` itself in the loaded shards, or null.
 * @param {Meta} meta @param {Record<string, Shard>} shards @param {string} word */
function postingsOf(meta, shards, word) {
  var shard = shards[shardOf(meta, word)];
  if (!shard) return null;
  var i = lowerBound(shard.words, word);
  return shard.words[i] === word ? shard.postings[i] : null;
}

/** Scores for a word that matched nothing, by the index's words one or two typos away (closest
 * first, as many as fit in TYPO_FILES more word files).
 * @param {Meta} meta @param {Record<string, Shard>} shards @param {string} word
 * @returns {Promise<Float32Array | null>} */
function typoScores(meta, shards, word) {
  if (word.length < TYPO_ONE) return Promise.resolve(null);
  var max = word.length >= TYPO_TWO ? 2 : 1;
  /** @type {number[]} */
  var lengths = [];
  for (var n = Math.max(TYPO_ONE, word.length - max); n <= word.length + max; n++) lengths.push(n);
  return loadLengths(meta, lengths).then(function (lists) {
    /** @type {{word: string, distance: number}[]} */
    var close = [];
    lists.forEach(function (list) {
      list.forEach(function (w) {
        var distance = editDistance(word, w, max);
        if (distance <= max) close.push({ word: w, distance: distance });
      });
    });
    close.sort(function (a, b) { return a.distance - b.distance || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0); });
    /** @type {Set<string>} */
    var fetch = new Set();
    var chosen = close.filter(function (c) {
      var key = shardOf(meta, c.word);
      if (shards[key] || fetch.has(key)) return true;
      if (fetch.size >= TYPO_FILES) return false;
      fetch.add(key);
      return true;
    });
    if (!chosen.length) return null;
    return loadShards(meta, Array.from(fetch)).then(function (more) {
      var all = Object.assign({}, shards, more);
      var scores = new Float32Array(meta.n), hits = 0;
      chosen.forEach(function (c) {
        var flat = postingsOf(meta, all, c.word);
        if (!flat) return;
        addPostings(flat, c.distance > 1 ? TYPO * TYPO_FAR : TYPO, scores);
        hits++;
      });
      return hits ? scores : null;
    });
  });
}

/** @param {Record<string, Shard>} shards @param {Meta} meta @param {string} word */
function hasWord(shards, meta, word) {
  return shardKeys(meta, word).some(function (key) {
    var shard = shards[key];
    return shard && shard.words[lowerBound(shard.words, word)] === word;
  });
}

/** A word that matches nothing: two known words joined ("peuterzwemmen")?
 * @param {Meta} meta @param {Record<string, Shard>} shards @param {string} word
 * @returns {Promise<Float32Array | null>} */
function splitScores(meta, shards, word) {
  /** @type {{heads: string[], tail: string}[]} */
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

/** The typed text as concepts: ages ("3 jaar", "65+") and words.
 * @param {Meta} meta @param {string} text
 * @returns {Concept[]} */
function parse(meta, text) {
  var found = takeAges(normalise(text)), q = found.rest;
  /** @type {Concept[]} */
  var concepts = found.ages.slice();
  var typing = !/\s$/.test(q);  /* the last word may be unfinished (after an age: it is not last) */
  var groups = q.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) || [];
  groups.forEach(function (group, index) {
    var word = group.replace(/-/g, "");
    var last = typing && index === groups.length - 1;
    if (/^\d+$/.test(word) || word.length < MIN_LENGTH && !last) return;
    if (meta.stopSet.has(word) && !last) return;
    /** @type {Concept} */
    var concept = { word: word, prefix: true };
    if (Object.prototype.hasOwnProperty.call(meta.ages, word)) {
      var range = meta.ages[word];
      concept.age = [range[0], range[1] < 0 ? Infinity : range[1]];
    }
    if (Object.prototype.hasOwnProperty.call(meta.flags, word)) concept.flag = meta.flags[word];
    if (Object.prototype.hasOwnProperty.call(meta.places, word)) concept.places = new Set(meta.places[word]);
    concepts.push(concept);
  });
  return concepts;
}

/** @param {Meta} meta @param {number} doc @param {[number, number]} range */
function ageScore(meta, doc, range) {
  var from = meta.age[2 * doc], to = meta.age[2 * doc + 1];
  var top = to < 0 ? Infinity : to;
  if (from > range[1] || top < range[0]) return 0;
  var span = (to < 0 ? 100 : to) - from;
  return Math.max(1, 10 * Math.min(1, 4 / Math.max(span, 1)));
}

/** @param {Meta} meta @param {Record<string, Shard>} shards @param {Concept} concept
 * @returns {Promise<Float32Array>} */
function conceptScores(meta, shards, concept) {
  var fromText = concept.word ? textScores(meta, shards, concept.word, concept.prefix) : null;
  var scores = fromText || new Float32Array(meta.n);
  const places = concept.places;
  for (var d = 0; d < meta.n; d++) {
    var s = scores[d];
    if (concept.age) s = Math.max(s, ageScore(meta, d, concept.age));
    /* A fact beats a word in a text: free activities first for "gratis", those in
       the place first for a place name (then those that come everywhere). */
    if (concept.flag) s = meta.flag[d] & concept.flag ? 12 : Math.min(s, 3);
    if (places) {
      if (meta.area[d].some(function (a) { return places.has(a); })) s = Math.max(s, 10) + 2;
      else if (meta.flag[d] & 4) s = Math.max(s, 5);
    }
    scores[d] = s;
  }
  var any = false;
  for (var e = 0; e < meta.n && !any; e++) any = scores[e] > 0;
  if (any || !concept.word || fromText) return Promise.resolve(scores);
  var word = concept.word;
  var split = word.length < 6 ? Promise.resolve(null) : splitScores(meta, shards, word);
  return split.then(function (found) {
    return found || typoScores(meta, shards, word).then(function (typo) { return typo || scores; });
  });
}

/** @param {Meta} meta @param {Concept[]} concepts @param {Float32Array[]} perConcept */
function rank(meta, concepts, perConcept) {
  /** @type {Found[]} */
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
    return (Number(b.current) - Number(a.current)) || (b.score - a.score) || (a.id - b.id);
  });
  return { items: found, complete: best === concepts.length };
}

/** List pages that fit the words (and ages) typed, such as "Alles in <stadsdeel>".
 * @param {Meta} meta @param {Concept[]} concepts */
function lists(meta, concepts) {
  /** @type {Set<string>} */
  var words = new Set();
  concepts.forEach(function (c) {
    const age = c.age;
    if (c.word) words.add(c.word);
    if (age && !c.word) {
      Object.keys(meta.ages).forEach(function (w) {
        var r = meta.ages[w], high = r[1] < 0 ? Infinity : r[1];
        if (r[0] <= age[0] && age[1] <= high) words.add(w);
      });
    }
  });
  return meta.lists.filter(function (entry) {
    return entry[3].every(function (any) { return any.some(function (w) { return words.has(w); }); });
  }).sort(function (a, b) { return b[3].length - a[3].length; }).slice(0, 3);
}

/** Every activity that fits `text`, best first, and the list pages it fits.
 * @param {string} text
 * @returns {Promise<Result>} */
export function search(text) {
  return loadMeta().then(function (meta) {
    var concepts = parse(meta, text);
    if (!concepts.length) return { meta: meta, concepts: concepts, items: [], complete: true, lists: [] };
    /** @type {string[]} */
    var words = [];
    concepts.forEach(function (c) { if (c.word) words.push(c.word); });
    return loadWords(meta, words).then(function (shards) {
      return Promise.all(concepts.map(function (c) { return conceptScores(meta, shards, c); }));
    }).then(function (perConcept) {
      var ranked = rank(meta, concepts, perConcept);
      return { meta: meta, concepts: concepts, items: ranked.items, complete: ranked.complete, lists: lists(meta, concepts) };
    });
  });
}
