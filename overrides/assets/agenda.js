/* Subscribe page: choose area and age group, get the feed address and one-tap links.
   Builds the same paths as activity_directory.publish.feeds: <area prefix>[leeftijd/<group>/]agenda.ics,
   and reads how many activities each choice holds, and whether it is small enough to offer,
   from #agenda-data (feeds.subscribe_view). The page is rendered in the state this script starts
   in, so running it moves nothing. Without JavaScript the page hides the chooser and its plain
   links under "Alle agenda's" do the work. */
import { byId, countText, formatNumber, gettext, pageLanguage } from "./common.js";

/** @typedef {import("../../types/contracts").FeedChoices} FeedChoices */

(function () {
  "use strict";
  var page = document.querySelector(".agenda-page");
  var form = document.getElementById("agenda-chooser");
  var dataElement = document.getElementById("agenda-data");
  if (!page || !form || !dataElement) return;
  /** @type {FeedChoices} */
  var choices = JSON.parse(dataElement.textContent || "{}");
  var base = page.getAttribute("data-site-url") || "";
  var root = page.getAttribute("data-root") || "";
  var siteName = page.getAttribute("data-site-name") || "";
  var area = byId("agenda-area", HTMLSelectElement);
  var group = byId("agenda-group", HTMLSelectElement);
  var input = byId("agenda-url", HTMLInputElement);
  var copied = byId("agenda-copied");
  var result = byId("agenda-result");
  var chooser = form;

  /** @param {HTMLSelectElement} select */
  function chosen(select) {
    return select.options[select.selectedIndex];
  }

  // The same wording as feeds.count_number, feeds.count_text, feeds.size_text and feeds.choice_label,
  // in the page's language (common.js).
  var countNumber = formatNumber;

  /** @param {number} size bytes */
  function sizeText(size) {
    if (size < 1000000) return Math.max(1, Math.round(size / 1000)) + " kB";
    if (pageLanguage() !== "nl") return formatNumber(Math.round(size / 100000) / 10) + " MB";
    return (size / 1000000).toFixed(1).replace(".", ",") + " MB";
  }

  /** @param {string} name @param {FeedChoices[string][number]} choice */
  function label(name, choice) {
    return choice[2] === "gegevens"
      ? gettext("%(naam)s (%(aantal)s, te groot)", { naam: name, aantal: countNumber(choice[0]) })
      : gettext("%(naam)s (%(aantal)s)", { naam: name, aantal: countNumber(choice[0]) });
  }

  /** @param {Node} element @param {string} text */
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function relabel() {
    var i, option, prefix;
    for (i = 0; i < area.options.length; i++) {
      option = area.options[i];
      prefix = option.getAttribute("data-level") === "wijk" ? "– " : "";
      setText(option, label(prefix + (option.getAttribute("data-name") || ""), choices[option.value][group.selectedIndex]));
    }
    for (i = 0; i < group.options.length; i++) {
      option = group.options[i];
      setText(option, label(option.getAttribute("data-name") || "", choices[area.value][i]));
    }
  }

  function update() {
    var a = chosen(area), g = chosen(group);
    var choice = choices[area.value][group.selectedIndex];
    var state = choice[2];
    var path = a.value + g.value + "agenda.ics";
    var https = base + path;
    var webcal = "webcal://" + https.split("://")[1];
    var areaName = a.getAttribute("data-name") || "";
    var title = g.value
      ? gettext("%(leeftijdsgroep)s in %(gebied)s", { leeftijdsgroep: g.getAttribute("data-name") || "", gebied: areaName })
      : areaName;
    var name = title + " – " + siteName;
    relabel();
    setText(byId("agenda-name"), title);
    setText(byId("agenda-count"), countText(choice[0]));
    setText(byId("agenda-size"), sizeText(choice[1]));
    result.setAttribute("data-state", state);
    byId("agenda-empty").hidden = state !== "leeg";
    byId("agenda-large").hidden = state !== "gegevens";
    byId("agenda-offer").hidden = state === "gegevens";
    /** @type {Record<string, string>} */
    var links = {
      "agenda-webcal": webcal,
      "agenda-google": "https://calendar.google.com/calendar/r?cid=" + encodeURIComponent(webcal),
      "agenda-outlook": "https://outlook.live.com/calendar/0/addfromweb?url=" + encodeURIComponent(https) +
        "&name=" + encodeURIComponent(name),
      "agenda-download": root + path
    };
    // A feed too large for calendar apps is never linked as a subscription, not even hidden.
    var offered = state !== "gegevens";
    input.value = offered ? https : "";
    Object.keys(links).forEach(function (id) {
      var link = byId(id);
      if (offered) link.setAttribute("href", links[id]);
      else link.removeAttribute("href");
    });
    setText(copied, "");
  }

  function copy() {
    var done = function () { copied.textContent = gettext("Gekopieerd. Plak het adres in je agenda."); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(done, function () {
        input.select();
        copied.textContent = gettext("Kopiëren lukte niet. Het adres is geselecteerd: kopieer het zelf.");
      });
    } else {
      input.select();
      try { document.execCommand("copy"); done(); } catch (e) { copied.textContent = gettext("Kopieer het adres zelf."); }
    }
  }

  area.addEventListener("change", update);
  group.addEventListener("change", update);
  byId("agenda-copy").addEventListener("click", copy);
  input.addEventListener("focus", function () { input.select(); });
  chooser.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
    result.focus();
  });
  update();
})();
