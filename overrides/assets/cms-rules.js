// The model's rules across keys, in the web editor: a small interpreter of the declarations that
// activity_directory.content.fieldtypes (Compare, Excludes, Equals) checks for `make check`.
// config.yml carries them under `regels` of a field (activity_directory.editors.cms.rules_data);
// nothing here knows a key or a message of its own: both come from the model.
// A rule only sees keys whose values are right, as in Python: a wrong value has its own message.

/** @typedef {{soort: string, opties?: string[], min?: number | string, max?: number | string, stap?: number | null}} Kind how to read a key
 * @typedef {{regel: string, sleutel: string, andere: string, teken?: string, waarde?: unknown,
 *   standaard?: unknown, melding: string}} Rule one declaration
 * @typedef {{bereik: string, sleutels: Record<string, Kind>, regels: Rule[]}} Rules the `regels` of a field
 * @typedef {{sleutel: string, melding: string}} Problem a message, with the key it is reported at
 * @typedef {{value: number | string, shown: string}} Read a right value: to compare, and as messages write it */

const TIME = /^(\d{1,2})[:.](\d{2})$/;
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** Empty counts as absent (an optional key left empty), as in the loader.
 * @param {unknown} value */
function empty(value) {
  return value === undefined || value === null || value === "";
}

/** Python's str() of a number the loader keeps (whole numbers as int: 2, not 2.0).
 * @param {number} value */
function pythonNumber(value) {
  return String(value);
}

/** The value as the loader reads it, or null when the loader refuses it.
 * @param {unknown} raw @param {Kind} kind @returns {Read | null} */
export function read(raw, kind) {
  const text = typeof raw === "string" ? raw.trim() : raw;
  if (kind.soort === "getal") {
    const number = typeof text === "number" ? text : typeof text === "string" && NUMBER.test(text) ? Number(text.replace(",", ".")) : NaN;
    if (!Number.isFinite(number) || number < Number(kind.min ?? -Infinity) || number > Number(kind.max ?? Infinity)) return null;
    if (kind.stap && Math.abs(number / kind.stap - Math.round(number / kind.stap)) > 1e-9) return null;
    return { value: number, shown: pythonNumber(number) };
  }
  if (kind.soort === "tijd") {
    const match = typeof text === "string" ? TIME.exec(text) : null;
    if (!match) return null;
    const hours = Number(match[1]), minutes = Number(match[2]);
    if (hours > 23 || minutes > 59) return null;
    return { value: hours * 60 + minutes, shown: `${String(hours).padStart(2, "0")}:${match[2]}` };
  }
  if (kind.soort === "datum") {
    const match = typeof text === "string" ? DAY.exec(text) : null;
    if (!match) return null;
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const day = new Date(Date.UTC(year, month - 1, date));
    if (day.getUTCFullYear() !== year || day.getUTCMonth() !== month - 1 || day.getUTCDate() !== date) return null;
    const iso = `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}`;
    if (iso < String(kind.min ?? "") || iso > String(kind.max ?? "9999")) return null;
    return { value: iso, shown: iso };
  }
  if (kind.soort === "keuze") {
    return typeof text === "string" && (kind.opties || []).includes(text) ? { value: text, shown: text } : null;
  }
  return typeof text === "string" || typeof text === "number" ? { value: text, shown: String(text) } : null;
}

/** Every problem the rules find in one block's values (a plain object), in the loader's order.
 * @param {Rules} rules @param {Record<string, unknown>} block @returns {Problem[]} */
export function problems(rules, block) {
  /** @type {Map<string, Read>} */
  const right = new Map(); // keys whose values are right
  const present = new Set(); // keys that are there, right or wrong
  for (const [key, kind] of Object.entries(rules.sleutels)) {
    if (empty(block[key])) continue;
    present.add(key);
    const found = read(block[key], kind);
    if (found) right.set(key, found);
  }
  /** @param {string} message */
  const fill = (message) => message.replace(/\{([a-z_]+)\}/g, (_, key) => {
    const found = right.get(key);
    if (!found) throw new Error(`regel noemt '${key}', maar die heeft geen waarde`);
    return found.shown;
  });
  /** @type {Problem[]} */
  const found = [];
  for (const rule of rules.regels) {
    const a = right.get(rule.sleutel), b = right.get(rule.andere);
    let wrong = false;
    if (rule.regel === "vergelijk") {
      wrong = Boolean(a && b) && (/** @type {number} */ (a?.value) < /** @type {number} */ (b?.value)
        || (rule.teken === "<=" && a?.value === b?.value));
    } else if (rule.regel === "niet-samen") {
      wrong = Boolean(a && b);
    } else if (rule.regel === "gelijk") {
      const waits = present.has(rule.andere) && !b;
      wrong = Boolean(a) && !waits && (b ? b.value : rule.standaard) === rule.waarde;
    } else {
      throw new Error(`onbekende regel '${rule.regel}'`);
    }
    if (wrong) found.push({ sleutel: rule.sleutel, melding: fill(rule.melding) });
  }
  return found;
}

/** @typedef {{name: string, regels?: Rules}} RuledField a field of config.yml, as plain data
 * @typedef {Problem & {veld: string, regel?: number}} EntryProblem a problem with the field it belongs to
 *   (and, in a list, the line: 0 is the first) */

/** Every problem the rules of `fields` find in an entry (plain data, as the file has it).
 * @param {RuledField[]} fields @param {Record<string, unknown>} entry @returns {EntryProblem[]} */
export function entryProblems(fields, entry) {
  /** @type {EntryProblem[]} */
  const found = [];
  /** @param {unknown} value @returns {value is Record<string, unknown>} */
  const isBlock = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  for (const field of fields) {
    const rules = field.regels;
    if (!rules) continue;
    if (rules.bereik === "invoer") {
      for (const problem of problems(rules, entry)) found.push({ ...problem, veld: field.name });
      continue;
    }
    const value = entry[field.name];
    if (Array.isArray(value)) {
      value.forEach((item, line) => {
        if (isBlock(item)) for (const problem of problems(rules, item)) found.push({ ...problem, veld: field.name, regel: line });
      });
    } else if (isBlock(value)) {
      for (const problem of problems(rules, value)) found.push({ ...problem, veld: field.name });
    }
  }
  return found;
}
