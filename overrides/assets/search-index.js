/* Search: the static index that activity_directory.publish.searchindex writes under
 * zoekindex/: first meta.json (revalidated on every page: after a new build it names new
 * files), then only the word files for the typed words and one small file per shown
 * result; for a typed word that matches nothing, the lists of the index's words of about its
 * length (t/<length>.json) and the word files of the few words it is one or two typos from. Nothing is sent anywhere but this site. */

import { pageLanguage } from "./common.js";

/** @typedef {import("../../types/contracts").SearchMeta} SearchMeta */
/** @typedef {import("../../types/contracts").SearchShard} SearchShard */
/** @typedef {import("../../types/contracts").SearchDoc} SearchDoc */
/** @typedef {import("../../types/contracts").SearchWords} SearchWords */
/** meta.json with what the page adds: the version folder as a URL, the stop words as a set.
 * @typedef {SearchMeta & {base: URL, stopSet: Set<string>}} Meta */
/** @typedef {{words: string[], postings: number[][]}} Shard */

/* This file is in assets/, one folder below the site's root. */
export var ROOT = new URL("../", import.meta.url);
/* Each language has its own index (its kinds, ages and words, its results' texts and links):
   Dutch in zoekindex/, another language in zoekindex/<code>/ (searchindex.meta_file). */
var META_URL = new URL(pageLanguage() === "nl" ? "zoekindex/meta.json" : "zoekindex/" + encodeURIComponent(pageLanguage()) + "/meta.json", ROOT);
/* A request that gets no answer in time counts as failed: the box then says so
   instead of waiting forever. */
var TIMEOUT_MS = 8000;

/** @type {Promise<Meta> | null} */
var metaPromise = null;
/** @type {Record<string, Promise<Shard>>} */
var shardCache = {};
/** @type {Record<number, Promise<SearchDoc[]>>} */
var docCache = {};
/** @type {Record<number, Promise<string[]>>} */
var lengthCache = {};

/** @param {URL} url @param {RequestInit} [options] */
function getJSON(url, options) {
  var controller = typeof AbortController === "function" ? new AbortController() : null;
  var timer = controller ? setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS) : undefined;
  var settings = Object.assign({ credentials: "same-origin" }, options || {}, controller ? { signal: controller.signal } : {});
  return fetch(url, settings).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).finally(function () { clearTimeout(timer); });
}

/** @param {boolean} [again] read it anew (a new build may have replaced the index) */
export function loadMeta(again) {
  if (!metaPromise || again) {
    metaPromise = getJSON(META_URL, { cache: "no-cache" }).then(function (/** @type {SearchMeta} */ data) {
      shardCache = {};
      docCache = {};
      lengthCache = {};
      return Object.assign(data, { base: new URL(data.v, ROOT), stopSet: new Set(data.stop) });
    });
    metaPromise.catch(function () { metaPromise = null; });
  }
  return metaPromise;
}

/** @param {Meta} meta @param {string} key */
function loadShard(meta, key) {
  if (!shardCache[key]) {
    shardCache[key] = getJSON(new URL("w/" + encodeURIComponent(key) + ".json", meta.base)).then(
      function (/** @type {SearchShard} */ shard) { return { words: shard.w, postings: shard.p }; });
    shardCache[key].catch(function () { delete shardCache[key]; });
  }
  return shardCache[key];
}

/** Result `id`'s record. Results come in files of meta.per records: a/0.json holds results 0 … per - 1.
 * @param {Meta} meta @param {number} id
 * @returns {Promise<SearchDoc>} */
export function loadDoc(meta, id) {
  var per = meta.per, file = Math.floor(id / per);
  if (!docCache[file]) {
    docCache[file] = getJSON(new URL("a/" + file + ".json", meta.base));
    docCache[file].catch(function () { delete docCache[file]; });
  }
  return docCache[file].then(function (records) { return records[id % per]; });
}

/** Shards that may hold words starting with `word`.
 * @param {Meta} meta @param {string} word */
export function shardKeys(meta, word) {
  return meta.shards.filter(function (key) {
    return word.lastIndexOf(key, 0) === 0 || key.lastIndexOf(word, 0) === 0;
  });
}

/** The one shard that holds `word` if the index has it: the longest key it starts with.
 * @param {Meta} meta @param {string} word */
export function shardOf(meta, word) {
  var best = "";
  meta.shards.forEach(function (key) {
    if (key.length > best.length && word.lastIndexOf(key, 0) === 0) best = key;
  });
  return best;
}

/** The index's words of these lengths (t/<length>.json; only lengths the index has), for typos.
 * @param {Meta} meta @param {number[]} lengths
 * @returns {Promise<string[][]>} */
export function loadLengths(meta, lengths) {
  return Promise.all(lengths.filter(function (n) { return meta.typo.indexOf(n) >= 0; }).map(function (n) {
    if (!lengthCache[n]) {
      lengthCache[n] = getJSON(new URL("t/" + n + ".json", meta.base)).then(function (/** @type {SearchWords} */ file) { return file.w; });
      lengthCache[n].catch(function () { delete lengthCache[n]; });
    }
    return lengthCache[n];
  }));
}

/** These shards, by key.
 * @param {Meta} meta @param {string[]} keys
 * @returns {Promise<Record<string, Shard>>} */
export function loadShards(meta, keys) {
  return Promise.all(keys.map(function (k) { return loadShard(meta, k); })).then(function (shards) {
    /** @type {Record<string, Shard>} */
    var byKey = {};
    keys.forEach(function (k, i) { byKey[k] = shards[i]; });
    return byKey;
  });
}

/** The shards for these words, by key.
 * @param {Meta} meta @param {string[]} words
 * @returns {Promise<Record<string, Shard>>} */
export function loadWords(meta, words) {
  /** @type {Set<string>} */
  var keys = new Set();
  words.forEach(function (w) { shardKeys(meta, w).forEach(function (k) { keys.add(k); }); });
  return loadShards(meta, Array.from(keys));
}
