/* The index as the page uses it: each current activity's next occurrence by the reader's
 * clock, its occurrences as the page writes them (ISO start and end with offset, day, texts),
 * and the filter rules (directory.matches in Python; the browser tests compare them). */

/** @typedef {import("../../types/contracts").IndexData} IndexData */
/** @typedef {import("../../types/contracts").IndexRecord} IndexRecord */
/** @typedef {import("../../types/contracts").IndexRecordFields} IndexRecordFields */
/** @typedef {import("../../types/contracts").IndexVariantFields} IndexVariantFields */
/** Filter choices by query key (the query string's contract), each with its values.
 * @typedef {Partial<Record<string, string[]>>} FilterState */
/** @typedef {{start: string, end: string, startMin: number, endMin: number, day: number,
 *             time: string, text: string, place: string, area: string}} Occurrence */

/* The query keys of the home page's filters ('Deze week' takes the first three). */
export var KEYS = ["leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk"];
export var WEEK_KEYS = KEYS.slice(0, 3);
/* Query values of the contract (not display names: those come from the page and the index). */
var DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
var PARTS = ["ochtend", "middag", "avond"];
/** @type {IndexVariantFields} */
var V = { start: 0, end: 1, duration: 2, time: 3, place: 4, area: 5 };

/** @param {number} n */
function pad(n) { return (n < 10 ? "0" : "") + n; }

/** "YYYY-MM-DD" n days after `day`.
 * @param {string} day
 * @param {number} n */
export function addDays(day, n) {
  var d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n));
  return d.toISOString().slice(0, 10);
}

/** @type {Record<number, string>} */
var dates = {};
/** @param {number} dayNumber @param {number} minute @param {number} offset */
function isoAt(dayNumber, minute, offset) {
  var date = dates[dayNumber] || (dates[dayNumber] = new Date(dayNumber * 86400000).toISOString().slice(0, 10));
  var sign = offset < 0 ? "-" : "+", abs = Math.abs(offset);
  return date + "T" + pad(Math.floor(minute / 60)) + ":" + pad(minute % 60) + ":00" +
    sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
}

/** @param {string[]} keys */
function positions(keys) {
  /** @type {Record<string, number>} */
  var index = {};
  keys.forEach(function (key, i) { index[key] = i; });
  return index;
}

/** @param {Record<string, number>} index @param {string} key */
function has(index, key) { return Object.prototype.hasOwnProperty.call(index, key); }

/* Every current activity from the index, with its next occurrence by the reader's clock. */
export class Model {
  /** @param {IndexData} data @param {number} now the reader's time in ms
   * @param {boolean} [stale] the page is read after the dates it carries (LiveDates.stale()) */
  constructor(data, now, stale) {
    this.data = data;
    /* Field positions as this index names them (the type says what they are). */
    this.f = /** @type {IndexRecordFields} */ (/** @type {unknown} */ (positions(data.fields)));
    var f = this.f;
    this.records = data.records;
    this.areaIndex = positions(data.areas);
    this.kindIndex = positions(data.kinds);
    this.accessIndex = positions(data.access);
    this.dayStarts = data.days.map(function (d) { return d[0]; });
    var nowMin = now / 60000 - data.base;
    var n = this.records.length;
    /** @type {number[]} */
    var next = this.next = new Array(n);
    for (var i = 0; i < n; i++) {
      var r = this.records[i], occ = r[f.occurrences], vars = r[f.variants], first = Infinity;
      for (var j = 0; j < occ.length; j += 2) {
        if (occ[j] + vars[occ[j + 1]][V.duration] > nowMin) { first = occ[j]; break; }
      }
      /* Past the carried dates, a weekly activity is most likely still on: it stays above
         one-off dates far ahead (in build order among the others like it). */
      if (stale && first === Infinity && (r[f.flags] & 4)) first = -Infinity;
      next[i] = first;
    }
    /** @type {number[]} */
    var order = new Array(n);
    for (var k = 0; k < n; k++) order[k] = k;
    order.sort(function (a, b) { return (next[a] === next[b] ? 0 : next[a] < next[b] ? -1 : 1) || (a - b); });
    /** Record indices by next occurrence. */
    this.byDate = order;
    this.nowMin = nowMin;
  }

  /** Day number (after the build day) of a start in index minutes.
   * @param {number} start */
  dayOf(start) {
    var starts = this.dayStarts, low = 0, high = starts.length - 1;
    if (start < starts[0]) return -1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= start) low = mid; else high = mid - 1;
    }
    return low;
  }

  /** Whether occurrence j (an even index into the record's occurrences) has ended by the reader's clock.
   * @param {IndexRecord} record @param {number} j */
  ended(record, j) {
    var occ = record[this.f.occurrences];
    return occ[j] + record[this.f.variants][occ[j + 1]][V.duration] <= this.nowMin;
  }

  /** An occurrence as the page writes it.
   * @param {IndexRecord} record @param {number} j an even index into the record's occurrences
   * @returns {Occurrence} */
  occurrence(record, j) {
    var d = this.data, occ = record[this.f.occurrences], v = record[this.f.variants][occ[j + 1]];
    var start = occ[j], k = this.dayOf(start);
    var startOffset = k * 1440 + v[V.start] - start + d.offset;
    var endDay = v[V.end] < v[V.start] ? 1 : 0;
    var endOffset = (k + endDay) * 1440 + v[V.end] - start - v[V.duration] + d.offset;
    var label = d.days[k] ? d.days[k][1] : addDays(d.today, k);
    return {
      start: isoAt(d.day0 + k, v[V.start], startOffset), end: isoAt(d.day0 + k + endDay, v[V.end], endOffset),
      startMin: start, endMin: start + v[V.duration], day: k,
      time: d.x[v[V.time]], text: d.when.replace("{day}", label).replace("{time}", d.x[v[V.time]]),
      place: d.x[v[V.place]], area: d.x[v[V.area]]
    };
  }

  /** Which occurrences answer the state's day and part-of-day choices ('dag', 'dagdeel'): a card
   * shows the next one of those. Null when neither is chosen (every occurrence does).
   * @param {FilterState} state
   * @returns {((record: IndexRecord, j: number) => boolean) | null} */
  sessionTest(state) {
    var dayBits = 0, partBits = 0;
    (state.dag || []).forEach(function (v) { var i = DAYS.indexOf(v); if (i >= 0) dayBits |= 1 << i; });
    (state.dagdeel || []).forEach(function (v) { var i = PARTS.indexOf(v); if (i >= 0) partBits |= 1 << i; });
    if (!dayBits && !partBits) return null;
    var m = this, f = this.f;
    /* Weekday of the build day, 0 = Monday (day0 counts from Thursday 1 January 1970). */
    var weekday0 = (this.data.day0 + 3) % 7;
    return function (record, j) {
      var occ = record[f.occurrences], v = record[f.variants][occ[j + 1]];
      var k = m.dayOf(occ[j]);
      if (dayBits && !(dayBits & (1 << ((weekday0 + k) % 7 + 7) % 7))) return false;
      if (partBits) {
        var minute = v[V.start], part = minute < 720 ? 0 : minute < 1080 ? 1 : 2;
        if (!(partBits & (1 << part))) return false;
      }
      return true;
    };
  }

  /** The filter rules (directory.matches in Python) as one test of a record.
   * @param {FilterState} state
   * @returns {(r: IndexRecord) => boolean} */
  compile(state) {
    var m = this, f = this.f, groups = this.data.groups;
    /** @type {((r: IndexRecord) => boolean)[]} */
    var tests = [];
    /** @param {IndexRecord} r */
    function ageHigh(r) { var high = r[f.age_to]; return high === null ? Infinity : high; }
    (state.leeftijd || []).forEach(function (value) {
      var group = groups[value];
      if (group) {
        var low = group[0], gHigh = group[1] === null ? Infinity : group[1];
        tests.push(function (r) { return r[f.age_from] <= gHigh && ageHigh(r) >= low; });
      } else {
        var years = parseFloat(value);
        if (!isNaN(years)) tests.push(function (r) { return r[f.age_from] <= years && years <= ageHigh(r); });
      }
    });
    ["stadsdeel", "wijk"].forEach(function (key) {
      (state[key] || []).forEach(function (value) {
        var index = has(m.areaIndex, value) ? m.areaIndex[value] : -1;
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
      var index = has(m.kindIndex, value) ? m.kindIndex[value] : -1;
      tests.push(function (r) { return r[f.kinds].indexOf(index) >= 0; });
    });
    (state.toegankelijk || []).forEach(function (value) {
      if (!has(m.accessIndex, value)) return;
      var bit = 1 << m.accessIndex[value];
      tests.push(function (r) { return (r[f.access] & bit) !== 0; });
    });
    return function (r) {
      for (var i = 0; i < tests.length; i++) if (!tests[i](r)) return false;
      return true;
    };
  }
}

/** The filter choices in a query string (empty values left out).
 * @param {URLSearchParams} params @param {string[]} keys
 * @returns {FilterState} */
export function stateFromParams(params, keys) {
  /** @type {FilterState} */
  var state = {};
  keys.forEach(function (key) {
    var values = params.getAll(key).filter(function (v) { return v !== ""; });
    if (values.length) state[key] = values;
  });
  return state;
}
