// The web editor (/admin/): Decap CMS with two additions for the activity files.
// * the file format 'activiteit' (cms-format.js): saving keeps what the editor did not change;
// * the widget 'keuze-of-blok': a key that is a word or a text, or a block with more detail
//   ('kosten: gratis' or {bedrag, per}; 'melding: tekst' or {tekst, tot}).
// Both are named in config.yml, which is generated from the model (activity_directory.editors.cms).
import { parse } from "../admin/vendor/yaml/index.js";
import { fieldOrder, makeFormat } from "./cms-format.js";
import { aangevuld, vertaalLabels } from "./cms-nl.js";
import { entryProblems } from "./cms-rules.js";

/** @typedef {DecapProps["field"]} Field a field of config.yml, as Decap keeps it (an Immutable map) */
/** @typedef {import("react").ComponentType<Record<string, unknown>>} Control */

const { CMS, h, createClass } = window;
if (!CMS || !h || !createClass) throw new Error("Decap CMS is niet geladen (admin/vendor/decap-cms.js)");

/** A block's value (an Immutable map), not a word or a text.
 * @param {unknown} value @returns {value is Field} */
function isMap(value) {
  const map = /** @type {{get?: unknown, set?: unknown} | null} */ (value);
  return Boolean(map) && typeof map?.get === "function" && typeof map?.set === "function";
}

/** A widget's control component. Decap's index.d.ts types `control` as the control's props; it is the component.
 * @param {import("decap-cms-core").CMS} cms @param {string} name */
function control(cms, name) {
  const widget = cms.getWidget(name);
  if (!widget) throw new Error(`Decap heeft geen widget '${name}'`);
  return /** @type {Control} */ (/** @type {unknown} */ (widget.control));
}

const ObjectControl = control(CMS, "object");
const StringControl = control(CMS, "string");

/** @param {unknown} value @param {Field} field @returns {string | null} */
function modeOf(value, field) {
  if (isMap(value)) return "blok";
  if (field.get("text")) return "tekst";
  const options = field.get("options");
  return typeof value === "string" && options && options.includes(value) ? value : null;
}

const EitherControl = createClass({
  getInitialState() {
    return { mode: modeOf(this.props.value, this.props.field) };
  },

  /** @param {string} mode */
  choose(mode) {
    const { value, field, onChange } = this.props;
    this.setState({ mode });
    if (mode === "blok") {
      const start = field.clear(); // an empty Immutable map (the kind Decap keeps blocks in)
      const text = typeof value === "string" && field.get("text") ? value : "";
      const first = field.get("fields").first().get("name");
      onChange(isMap(value) ? value : text ? start.set(first, text) : start);
    } else if (mode === "tekst") {
      onChange(isMap(value) ? value.get(field.get("fields").first().get("name")) || "" : typeof value === "string" ? value : "");
    } else {
      onChange(mode);
    }
  },

  /** @param {Field} inner @param {unknown} newValue */
  onChangeObject(inner, newValue) {
    const { value, field, onChange } = this.props;
    onChange((isMap(value) ? value : field.clear()).set(inner.get("name"), newValue));
  },

  validate() {
    if (this.inner && this.inner.validate) this.inner.validate();
  },

  render() {
    const { field, value, forID, classNameWrapper } = this.props;
    const mode = this.state.mode;
    const choices = field.get("text")
      ? [["tekst", field.get("text_label")], ["blok", field.get("record_label")]]
      : [...field.get("options").toArray().map((/** @type {string} */ word) => [word, word]), ["blok", field.get("record_label")]];
    const radios = choices.map(([key, label], i) =>
      h("label", { key, style: { display: "block", margin: "4px 0", cursor: "pointer" } },
        h("input", {
          type: "radio", name: `${forID}-keuze`, id: i === 0 ? forID : undefined, value: key,
          checked: mode === key, onChange: () => this.choose(key), style: { marginRight: "8px" },
        }),
        label));
    let inner = null;
    if (mode === "blok") {
      inner = h(ObjectControl, {
        ...this.props, forID: `${forID}-blok`, value: isMap(value) ? value : field.clear(),
        onChangeObject: this.onChangeObject, ref: (/** @type {{validate?(): void} | null} */ control) => { this.inner = control; },
      });
    } else if (mode === "tekst") {
      // the text box gets its own label (axe: 'label'), the choice above it is named by the radios
      inner = h("div", null,
        h("label", { htmlFor: `${forID}-tekst`, style: { display: "block", margin: "8px 0 4px" } }, field.get("text_label")),
        h(StringControl, { ...this.props, forID: `${forID}-tekst`, value: typeof value === "string" ? value : "" }));
    }
    return h("div", { className: classNameWrapper },
      h("div", { role: "radiogroup", "aria-label": field.get("label") }, radios),
      inner);
  },
});

const response = await fetch("config.yml", { cache: "no-cache" });
const config = parse(await response.text());
const collection = config.collections.find((/** @type {{format?: string}} */ item) => item.format === "activiteit");
CMS.registerCustomFormat("activiteit", "md", makeFormat(fieldOrder(collection.fields)));
CMS.registerWidget("keuze-of-blok", EitherControl);

const cms = CMS, make = createClass, element = h; // narrowed above, also inside functions
// The model's rules across keys (config.yml: 'regels', see cms-rules.js) at the field they belong to:
// the field's widget is wrapped, and the wrapper refuses the value with make check's message, so Decap
// does not save while there is a problem. config.yml itself keeps the widget names of the model.
/** @param {string} base the wrapped widget's name */
function withRules(base) {
  const Inner = control(cms, base);
  return make({
    getInitialState() { return {}; },
    /** make check's messages for this field, from its 'regels' and the entry as it is now */
    ruleMessages() {
      const { field, value } = this.props;
      const plain = (/** @type {any} */ v) => (v && typeof v.toJS === "function" ? v.toJS() : v);
      const rules = plain(field.get("regels"));
      const getEntry = /** @type {any} */ (this.props).getEntry;
      const entry = rules.bereik === "invoer" && getEntry ? plain(getEntry().get("data")) || {} : { [field.get("name")]: plain(value) };
      return entryProblems([{ name: field.get("name"), regels: rules }], entry).map((problem) => problem.melding);
    },
    validate() {
      const inner = /** @type {any} */ (this.inner);
      if (inner && typeof inner.validate === "function") inner.validate();
      this.props.validate(); // Decap's own checks of this field, and isValid below
    },
    isValid() {
      const inner = /** @type {any} */ (this.inner);
      const own = inner && typeof inner.isValid === "function" ? inner.isValid() : true;
      if (own === false || (own && typeof own === "object" && own.error)) return own;
      const size = inner && typeof inner.validateSize === "function" ? inner.validateSize() : [];
      if (size.length) return { error: size[0] };
      const messages = this.ruleMessages();
      return messages.length ? { error: { type: "CUSTOM", message: messages.join(" ") } } : true;
    },
    /** @param {string} path */
    focus(path) { const inner = /** @type {any} */ (this.inner); if (inner && inner.focus) inner.focus(path); },
    render() {
      // without controlRef: a list would hand itself to the form as the field's control (ListControl
      // calls it), and the form would then validate the list without this wrapper's rules
      return element(Inner, { ...this.props, controlRef: undefined, ref: (/** @type {any} */ found) => { this.inner = found; } });
    },
  });
}
// Decap refuses to save an entry with a problem by rejecting its save with no reason
// (decap-cms-core actions/entries.ts persistEntry: `return Promise.reject()`), which nobody
// catches: the browser would report "undefined" as an error. The refusal is shown at the fields,
// so exactly that rejection (no reason at all) is not reported; every other one still is.
window.addEventListener("unhandledrejection", (event) => { if (event.reason === undefined) event.preventDefault(); });
const wrapped = new Set();
for (const field of collection.fields) {
  if (!field.regels) continue;
  const name = `${field.widget}-met-regels`;
  if (!wrapped.has(name)) CMS.registerWidget(name, withRules(field.widget));
  wrapped.add(name);
  field.widget = name;
}
// Decap's Dutch, completed where it lacks words or leaves English (cms-nl.js), and the labels it
// builds in code made Dutch as they appear.
CMS.registerLocale("nl", aangevuld(/** @type {Record<string, unknown>} */ (CMS.getLocale("nl"))));
vertaalLabels(document.body);
new MutationObserver((changes) => {
  for (const change of changes) {
    const target = /** @type {Element} */ (change.target);
    if (change.type === "attributes") { if (target.parentNode) vertaalLabels(target.parentNode); }
    else vertaalLabels(target);
  }
}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"] });
CMS.init({ config: { ...config, load_config_file: false } });
