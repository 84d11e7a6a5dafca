// The web editor (/admin/): Decap CMS with two additions for the activity files.
// * the file format 'activiteit' (cms-format.js): saving keeps what the editor did not change;
// * the widget 'keuze-of-blok': a key that is a word or a text, or a block with more detail
//   ('kosten: gratis' or {bedrag, per}; 'melding: tekst' or {tekst, tot}).
// Both are named in config.yml, which is generated from the model (activity_directory.editors.cms).
import { parse } from "../admin/vendor/yaml/index.js";
import { fieldOrder, makeFormat } from "./cms-format.js";
import { aangevuld, vertaalLabels } from "./cms-nl.js";

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
