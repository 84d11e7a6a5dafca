/* Filter state: the form on the page <-> the query string (the public contract:
 *   leeftijd, stadsdeel, wijk, dag (repeatable), dagdeel (repeatable),
 *   gratis=1, inloop=1, soort, toegankelijk (repeatable);
 * 'Deze week' takes leeftijd, stadsdeel and wijk), the address that follows the
 * filters, and the 'Filters (n)' button that folds the form. */

import { stateFromParams } from "./directory-model.js";

/** @typedef {import("./directory-model.js").FilterState} FilterState */

/** @param {HTMLSelectElement} select @param {string} value @param {string} label */
function ensureOption(select, value, label) {
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === value) return;
  }
  var option = document.createElement("option");
  option.value = value;
  option.textContent = label;
  select.appendChild(option);
}

/** @param {string} name @param {HTMLFormElement} form */
function select(form, name) {
  var control = form.elements.namedItem(name);
  return control instanceof HTMLSelectElement ? control : null;
}

export class Filters {
  /** @param {HTMLFormElement} form @param {string[]} keys the query keys this form has */
  constructor(form, keys) {
    this.form = form;
    this.keys = keys;
    this.district = select(form, "stadsdeel");
    this.wijk = select(form, "wijk");
    this.age = select(form, "leeftijd");
  }

  /** @param {URLSearchParams} params */
  fromParams(params) { return stateFromParams(params, this.keys); }

  read() {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, key) { if (typeof value === "string") params.append(key, value); });
    return this.fromParams(params);
  }

  /** "?key=value&…" for the state, "" without choices.
   * @param {FilterState} state */
  query(state) {
    var params = new URLSearchParams();
    this.keys.forEach(function (key) {
      (state[key] || []).forEach(function (v) { params.append(key, v); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /** @param {FilterState} state */
  set(state) {
    var self = this;
    Array.prototype.forEach.call(this.form.elements, function (/** @type {Element} */ control) {
      if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) return;
      if (!control.name || self.keys.indexOf(control.name) < 0) return;
      var values = state[control.name] || [];
      if (control instanceof HTMLInputElement) {
        if (control.type === "checkbox") control.checked = values.indexOf(control.value) >= 0;
        return;
      }
      var value = values[0] || "";
      if (value && control === self.age && !isNaN(parseFloat(value))) {
        ensureOption(control, value, value.replace(".", ",") + " jaar");
      } else if (value) {
        ensureOption(control, value, value);
      }
      control.value = value;
    });
    this.limitWijken();
  }

  /* Only the wijken of the chosen stadsdeel. */
  limitWijken() {
    if (!this.district || !this.wijk) return;
    var chosen = this.district.value;
    this.wijk.querySelectorAll("optgroup").forEach(function (group) {
      var show = !chosen || group.getAttribute("data-district") === chosen;
      group.hidden = !show;
      group.disabled = !show;
    });
  }

  /** A wijk sets its stadsdeel; another stadsdeel clears a wijk outside it.
   * @param {EventTarget | null} target @param {Record<string, string> | null} parents wijk → stadsdeel */
  sync(target, parents) {
    var district = this.district, wijk = this.wijk;
    if (!district || !wijk) return;
    if (target === district) {
      var option = wijk.selectedOptions[0];
      var group = option && option.parentElement;
      if (wijk.value && group && group.getAttribute("data-district") !== district.value) wijk.value = "";
      this.limitWijken();
    } else if (target === wijk && wijk.value && parents) {
      var parent = parents[wijk.value];
      if (parent && district.value !== parent) {
        district.value = parent;
        this.limitWijken();
      }
    }
  }

  /** What the page calls a value of a key (its option or checkbox label).
   * @param {string} key @param {string} value */
  labelOf(key, value) {
    var control = select(this.form, key);
    if (control) {
      for (var i = 0; i < control.options.length; i++) if (control.options[i].value === value) return control.options[i].textContent || value;
    }
    var boxes = this.form.querySelectorAll("input[type=checkbox]");
    for (var j = 0; j < boxes.length; j++) {
      var box = boxes[j];
      if (box instanceof HTMLInputElement && box.name === key && box.value === value) return box.getAttribute("data-label") || value;
    }
    return value;
  }

  /** How many choices are set (a stadsdeel that only comes with the chosen wijk does not count).
   * @param {FilterState} state */
  count(state) {
    var n = 0;
    Object.keys(state).forEach(function (key) {
      if (key === "stadsdeel" && state.wijk) return;
      n += (state[key] || []).length;
    });
    return n;
  }
}

/* The address follows the filters, so it can be shared or bookmarked. It is written
   after the list is on screen: replaceState right after changing the list forces the
   browser to lay the page out before it can paint. */
/** @type {string | null} */
var pendingUrl = null;
function writeUrl() {
  if (pendingUrl !== null && pendingUrl !== location.pathname + location.search + location.hash) {
    history.replaceState(null, "", pendingUrl);
  }
  pendingUrl = null;
}
/** @param {string} url */
export function rememberInUrl(url) {
  var scheduled = pendingUrl !== null;
  pendingUrl = url;
  if (!scheduled) requestAnimationFrame(function () { setTimeout(writeUrl, 0); });
}
window.addEventListener("pagehide", writeUrl);

/** 'Filters (n)' opens and closes the form and says how many choices are set.
 * @param {HTMLElement} toggle @param {HTMLFormElement} form @param {HTMLElement} badge @param {Filters} filters */
export function fold(toggle, form, badge, filters) {
  /** @param {boolean} open */
  function setOpen(open) {
    form.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function () { setOpen(form.hidden === true); });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { setOpen(false); toggle.focus(); }
  });
  /** @param {FilterState} state */
  function showCount(state) {
    var n = filters.count(state);
    badge.textContent = n ? " (" + n + ")" : "";
    toggle.classList.toggle("has-filters", n > 0);
  }
  return { setOpen: setOpen, showCount: showCount };
}
