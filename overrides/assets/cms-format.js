// The activity file as the web editor (Decap CMS) reads and writes it.
//
// Decap's own front-matter format writes the whole YAML block anew: comments
// disappear, {van: 2, tot: 6} becomes a block, "09:30" loses its quotes and
// keys move. This format keeps what the editor did not change:
// * a file opened and saved without a change stays byte for byte the same;
// * a changed value is replaced where it stands, nothing else moves; when keys
//   come or go, the YAML is written anew from its parsed form, keeping
//   comments, quotes, flow style, blank lines and the order of keys;
// * new keys go where the model puts them (the order of the fields in
//   config.yml), and times and phone numbers are written between quotes, as
//   the editor guide asks (YAML 1.1 would read 10:15 as a number);
// * empty values are left out: an optional key left empty counts as absent.
//
// No DOM, no Decap: tests import it as it is.
import { Document, Scalar, isCollection, isMap, isNode, isScalar, isSeq, parseDocument, visit } from "../admin/vendor/yaml/index.js";

/** @typedef {import("yaml").Node} YamlNode */
/** @typedef {import("yaml").Pair<unknown, unknown>} YamlPair */
/** A value of the front matter as JSON has it (after prune: no empty ones).
 * @typedef {null | undefined | boolean | number | string | Value[] | {[key: string]: Value}} Value */
/** @typedef {{[key: string]: Value}} Fields */
/** The order of the keys per path ('' the top, 'locatie', 'tijden[]', 'tijden[].locatie').
 * @typedef {Record<string, string[]>} Order */
/** @typedef {[import("yaml").Scalar, Value, boolean]} Change */

export const ORIGINAL = "__bestand"; // hidden key: the file as it was read (never written)
const FENCE = /^---[ \t]*(\r?\n)?$/;
const OUTPUT = { lineWidth: 0, flowCollectionPadding: false };

// Strings YAML 1.1 (PyYAML, which builds the site) would read as something else.
const YAML11 = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*(?::[0-5]?[0-9])*)$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
];
const TIME = /^\d{1,2}[:.]\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/; // read as a date, as the model wants
const PHONE = /^\+?[0-9][0-9 ()\-]{5,18}[0-9]$/;

/** @param {string} text */
export function needsQuotes(text) {
  if (DATE.test(text)) return false;
  return TIME.test(text) || PHONE.test(text) || YAML11.some((pattern) => pattern.test(text));
}

/** The file as fence, front matter, fence and body (null: it has no front matter).
 * @param {string} text */
export function splitFile(text) {
  /** @type {string[]} */
  const lines = Array.from((text.startsWith("\ufeff") ? text.slice(1) : text).match(/[^\n]*\n|[^\n]+$/g) || []);
  if (!lines.length || !FENCE.test(lines[0])) return null;
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i])) {
      return { open: lines[0], front: lines.slice(1, i).join(""), close: lines[i], body: lines.slice(i + 1).join("") };
    }
  }
  return null;
}

/** @param {unknown} value @returns {value is Fields} */
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Without empty values: '' , null, [] and {} count as absent (deeply).
/** @param {unknown} value @returns {Value} */
export function prune(value) {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    /** @type {Fields} */
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = prune(item);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
  return /** @type {boolean | number | string} YAML's core schema and Decap give no other scalars */ (value);
}

/** @param {unknown} a @param {unknown} b @returns {boolean} */
function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key], b[key]));
  }
  return a === b;
}

// The order of the fields in config.yml, per path: '' for the top, 'locatie', 'tijden[]', 'tijden[].locatie'.
/** @typedef {{name: string, widget?: string, fields?: CmsField[]}} CmsField */
/** @param {CmsField[]} fields @param {string} [path] @param {Order} [order] */
export function fieldOrder(fields, path = "", order = {}) {
  order[path] = fields.map((field) => field.name);
  for (const field of fields) {
    const inner = path ? `${path}.${field.name}` : field.name;
    if (Array.isArray(field.fields)) fieldOrder(field.fields, field.widget === "list" ? `${inner}[]` : inner, order);
  }
  return order;
}

/** @param {string[]} keys @param {string[] | undefined} order */
function sorted(keys, order) {
  if (!order) return keys;
  const rank = (/** @type {string} */ key) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** @param {string} path @param {string} key */
function childPath(path, key) {
  return path ? `${path}.${key}` : key;
}

// A plain value with its keys in model order (for new blocks).
/** @param {Value} value @param {string} path @param {Order} order @returns {Value} */
function ordered(value, path, order) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, `${path}[]`, order));
  if (!isObject(value)) return value;
  /** @type {Fields} */
  const out = {};
  for (const key of sorted(Object.keys(value), order[path])) out[key] = ordered(value[key], childPath(path, key), order);
  return out;
}

/** @param {Document} doc @param {Value} value @param {string} path @param {Order} order */
function create(doc, value, path, order) {
  const node = doc.createNode(ordered(value, path, order));
  visit(node, {
    Seq(key, seq) {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true; // soort: [sport, spel]
    },
    Scalar(key, scalar) {
      if (key !== "key" && typeof scalar.value === "string" && needsQuotes(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return node;
}

/** @param {YamlPair} pair */
function keyOf(pair) {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** @param {Document} doc @param {unknown} node @param {Value} value @param {string} path @param {Order} order
 * @returns {YamlNode} the node to put in its place */
function update(doc, node, value, path, order) {
  if (isNode(node) && same(prune(node.toJSON()), value)) return node; // unchanged: keep it as written
  if (isObject(value) && isMap(node)) {
    node.items = node.items.filter((pair) => keyOf(pair) in value);
    const rank = order[path] || [];
    for (const key of sorted(Object.keys(value), order[path])) {
      const pair = node.items.find((item) => keyOf(item) === key);
      if (pair) {
        pair.value = update(doc, pair.value, value[key], childPath(path, key), order);
        continue;
      }
      const added = doc.createPair(key, create(doc, value[key], childPath(path, key), order));
      const later = node.items.findIndex((item) => rank.includes(key) && rank.indexOf(keyOf(item)) > rank.indexOf(key));
      node.items.splice(later === -1 ? node.items.length : later, 0, added);
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    const seq = node;
    seq.items = value.map((item, i) => update(doc, seq.items[i] || null, item, `${path}[]`, order));
    return seq;
  }
  const made = create(doc, value, path, order);
  if (isNode(node)) {
    if (isCollection(node) && isCollection(made)) made.flow = node.flow; // keep [a, b] or a block list
    made.commentBefore = node.commentBefore;
    made.comment = node.comment;
    made.spaceBefore = node.spaceBefore;
  }
  return made;
}

// Values that changed in place (same keys, same list lengths): [node, new value, inside [..] or {..}].
// False when a key or an item came or went, or a value cannot be swapped as text.
/** @param {unknown} node @param {Value} value @param {boolean} flow @param {Change[]} out @returns {boolean} */
function inPlace(node, value, flow, out) {
  if (isNode(node) && same(prune(node.toJSON()), value)) return true;
  if (isScalar(node)) {
    const simple = value !== null && typeof value !== "object" && !(typeof value === "string" && value.includes("\n"));
    if (!simple || !node.range || node.range[1] <= node.range[0] || node.type?.startsWith("BLOCK")) return false;
    out.push([node, value, flow]);
    return true;
  }
  if (isMap(node) && isObject(value)) {
    const map = node, fields = value;
    const keys = map.items.map(keyOf);
    if (keys.length !== Object.keys(fields).length || !keys.every((key) => key in fields)) return false;
    return map.items.every((pair) => inPlace(pair.value, fields[keyOf(pair)], flow || Boolean(map.flow), out));
  }
  if (isSeq(node) && Array.isArray(value) && node.items.length === value.length) {
    const seq = node, items = value;
    return seq.items.every((item, i) => inPlace(item, items[i], flow || Boolean(seq.flow), out));
  }
  return false;
}

/** @param {import("yaml").Scalar} node @param {Value} value @param {boolean} flow */
function scalarText(node, value, flow) {
  const scalar = new Scalar(value);
  if (typeof value === "string") {
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" || needsQuotes(value) || (flow && /[,[\]{}#:]/.test(value));
    scalar.type = quoted ? (node.type === "QUOTE_SINGLE" ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE) : Scalar.PLAIN;
  }
  return new Document(scalar).toString(OUTPUT).replace(/\n$/, "");
}

// The front matter with only the changed values replaced, or null when that is not enough.
/** @param {string} front @param {Document} doc @param {Value} values */
function patched(front, doc, values) {
  /** @type {Change[]} */
  const changes = [];
  if (!isMap(doc.contents) || !inPlace(doc.contents, values, false, changes)) return null;
  let text = front;
  const start = (/** @type {Change} */ change) => (change[0].range ? change[0].range[0] : 0);
  for (const [node, value, flow] of changes.sort((a, b) => start(b) - start(a))) {
    if (!node.range) return null;
    text = text.slice(0, node.range[0]) + scalarText(node, value, flow) + text.slice(node.range[1]);
  }
  const check = parseDocument(text);
  return !check.errors.length && same(prune(check.toJS() || {}) || {}, values) ? text : null; // the patch reads back right
}

/** Decap's custom format: fromFile reads a file into the entry's fields, toFile writes them back.
 * @param {Order} order */
export function makeFormat(order) {
  return {
    /** @param {string} content */
    fromFile(content) {
      const parts = splitFile(content);
      if (!parts) throw new Error("Dit bestand begint niet met gegevens tussen twee regels '---'.");
      const doc = parseDocument(parts.front);
      if (doc.errors.length) throw new Error(`De gegevens bovenaan zijn geen geldige YAML: ${doc.errors[0].message}`);
      const data = doc.toJS() || {};
      if (!isObject(data)) throw new Error("De gegevens bovenaan moeten sleutels met waarden zijn, zoals 'titel: ...'.");
      return { ...data, body: parts.body, [ORIGINAL]: content };
    },
    /** @param {Record<string, unknown>} data */
    toFile(data) {
      const { [ORIGINAL]: original, body = "", ...fields } = data;
      const values = prune(fields) || {};
      const text = typeof body === "string" ? body : "";
      const parts = typeof original === "string" ? splitFile(original) : null;
      if (parts) {
        const doc = parseDocument(parts.front);
        if (same(prune(doc.toJS() || {}) || {}, values)) return parts.open + parts.front + parts.close + text;
        const front = patched(parts.front, doc, values);
        if (front !== null) return parts.open + front + parts.close + text;
        // A node made here is only written out, never read as a parsed one.
        doc.contents = /** @type {typeof doc.contents} */ (update(doc, doc.contents, values, "", order));
        return parts.open + doc.toString(OUTPUT) + parts.close + text;
      }
      const doc = new Document();
      doc.contents = create(doc, values, "", order);
      return `---\n${doc.toString(OUTPUT)}---\n${text}`;
    },
  };
}
