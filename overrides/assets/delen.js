/* /delen/: choose an area and an age group or a soort; the page shows a live preview of the list
   for another website, the code to paste, the link, the flyer and the calendar feed.
   Addresses follow the pattern in activity_directory.partners.sharing:
     <area prefix><age prefix> + '' | 'embed/' | 'flyer/' | 'agenda.ics'
   and for a soort the list sharing.kind_choice picks (the option's data-own, data-same, data-whole).
   Without JavaScript the page shows the whole municipality and a table with every area. */
import { byId, gettext } from "./common.js";

/** @typedef {import("../../types/contracts").FeedStates} FeedStates */

(function () {
  "use strict";
  var page = document.querySelector(".share-page");
  var form = document.getElementById("share-chooser");
  if (!page || !form) return;
  var site = page.getAttribute("data-site-url") || "";
  var siteName = page.getAttribute("data-site-name") || "";
  var root = page.getAttribute("data-root") || "";
  /* The language's folder ('en/') on a page in another language: its lists, embeds and flyers are there. */
  var pages = page.getAttribute("data-pages") || "";
  var template = page.getAttribute("data-snippet") || "";
  var area = byId("share-area", HTMLSelectElement);
  var group = byId("share-group", HTMLSelectElement);
  var kind = byId("share-kind", HTMLSelectElement);
  var preview = byId("share-preview");
  var chooser = form;
  /** @type {HTMLIFrameElement | null} */
  var frame = null;

  /** @param {HTMLSelectElement} select */
  function chosen(select) { return select.options[select.selectedIndex]; }
  /** @param {string} text */
  function attr(text) {
    /* (split/join, not regular expressions: Babel's extractor of the messages misreads a quote in one) */
    return text.split("&").join("&amp;").split("\"").join("&quot;").split("<").join("&lt;").split(">").join("&gt;");
  }
  /** @param {string} path */
  function local(path) { return new URL(root + path, window.location.href).href; }
  function clearCopied() {
    document.querySelectorAll(".share-copied").forEach(function (el) { el.textContent = ""; });
  }

  /* Feeds that are no plain subscription (feeds.special_feeds): 'gegevens' (too large) or 'leeg'. */
  var statesEl = document.getElementById("share-feed-states");
  /** @type {FeedStates} */
  var feedStates = statesEl ? JSON.parse(statesEl.textContent || "{}") : {};

  /** @param {Element} option @param {string} name @param {string} key */
  function listed(option, name, key) {
    return (option.getAttribute(name) || "").split(" ").indexOf(key) >= 0;
  }

  /** The list for the chosen soort in area `a` (as sharing.kind_choice): its own, the area's or the
   * soort's when that holds exactly the same activities, or null when the soort has none there.
   * @param {HTMLOptionElement} a @param {HTMLOptionElement} k */
  function kindList(a, k) {
    var key = a.getAttribute("data-key") || "", name = k.getAttribute("data-name") || "";
    var everywhere = { prefix: k.value, title: gettext("%(soort)s in %(gebied)s", { soort: name, gebied: a.getAttribute("data-name") || "" }), same: false, flyer: false };
    if (a.getAttribute("data-level") === "gemeente") return everywhere;
    if (listed(k, "data-own", key)) {
      return { prefix: a.value + k.value, title: everywhere.title, same: false, flyer: false };
    }
    if (listed(k, "data-same", key)) {
      return { prefix: a.value, title: gettext("Activiteiten in %(gebied)s", { gebied: a.getAttribute("data-name") || "" }), same: true, flyer: true };
    }
    if (listed(k, "data-whole", key)) {
      return { prefix: k.value, title: gettext("%(soort)s in %(gebied)s", { soort: name, gebied: siteName }), same: true, flyer: false };
    }
    return null;
  }

  /* A soort that has no activity in the chosen area cannot be chosen there. */
  function offerKinds() {
    var a = chosen(area);
    for (var i = 1; i < kind.options.length; i++) kind.options[i].disabled = !kindList(a, kind.options[i]);
    if (chosen(kind).disabled) kind.selectedIndex = 0;
  }

  function update() {
    offerKinds();
    var a = chosen(area), g = chosen(group), k = chosen(kind);
    var list = k.value ? kindList(a, k) : null;
    var prefix = list ? list.prefix : a.value + g.value;
    var title = list ? list.title : g.value
      ? gettext("Activiteiten in %(gebied)s voor %(groep)s", { gebied: a.getAttribute("data-name") || "", groep: g.getAttribute("data-phrase") || "" })
      : gettext("Activiteiten in %(gebied)s", { gebied: a.getAttribute("data-name") || "" });
    var embed = pages + prefix + "embed/";
    var page = pages + prefix;  /* every area × age group has a list page, in the page's language */
    byId("share-title").textContent = title;
    byId("share-code", HTMLTextAreaElement).value =
      template.replace("{src}", attr(site + embed)).replace("{title}", attr(title));
    byId("share-embed-link", HTMLAnchorElement).href = local(embed);
    byId("share-link", HTMLInputElement).value = site + page;
    byId("share-page-link", HTMLAnchorElement).href = local(page);
    byId("share-feed", HTMLInputElement).value = site + pages + prefix + "agenda.ics";  /* the language's feed */
    var feedState = feedStates[prefix + "agenda.ics"];
    byId("share-feed-large").hidden = feedState !== "gegevens";
    byId("share-feed-empty").hidden = feedState !== "leeg";
    byId("share-same").hidden = !(list && list.same);
    var flyer = a.getAttribute("data-flyer") === "1" && (!list || list.flyer);
    byId("share-flyer-text").hidden = !flyer;
    byId("share-no-flyer").hidden = flyer || !!list;
    byId("share-no-kind-flyer").hidden = flyer || !list;
    if (flyer) byId("share-flyer", HTMLAnchorElement).href = local(pages + prefix + "flyer/");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "share-frame";
      frame.height = "600";
      preview.appendChild(frame);
      preview.hidden = false;
    }
    frame.title = gettext("Voorbeeld: %(titel)s", { titel: title });
    frame.src = local(embed);
    clearCopied();
  }

  /** @param {HTMLElement} button with data-copy: the id of the field to copy */
  function copy(button) {
    var field = /** @type {HTMLInputElement | HTMLTextAreaElement} the template's share fields */ (
      byId(button.getAttribute("data-copy") || ""));
    var status = button.parentElement && button.parentElement.querySelector(".share-copied");
    var say = function (/** @type {string} */ text) { if (status) status.textContent = text; };
    var done = function () { say("Gekopieerd."); };
    var manual = function () {
      field.focus();
      field.select();
      say(gettext("Kopiëren lukte niet. Alles is geselecteerd: kopieer het zelf (Ctrl+C)."));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, manual);
    } else {
      manual();
    }
  }

  document.querySelectorAll(".share-copy").forEach(function (button) {
    if (!(button instanceof HTMLElement)) return;
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  document.querySelectorAll(".share-code, .share-field").forEach(function (field) {
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      field.addEventListener("focus", function () { field.select(); });
    }
  });
  area.addEventListener("change", update);
  /* An age group or a soort: a list has one of them, so choosing one sets the other back to all. */
  group.addEventListener("change", function () { if (group.value) kind.selectedIndex = 0; update(); });
  kind.addEventListener("change", function () { if (kind.value) group.selectedIndex = 0; update(); });
  /* The choice shows as soon as it changes; the button (Enter, or a click) does the same. */
  chooser.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  chooser.hidden = false;
  update();
})();
