/* /delen/: choose an area and an age group; the page shows a live preview of the list
   for another website, the code to paste, the link, the flyer and the calendar feed.
   Addresses follow the pattern in activity_directory.partners.sharing:
     <area prefix><age prefix> + '' | 'embed/' | 'flyer/' | 'agenda.ics'
   except the page of a wijk for one age group: the home page with ?wijk=<key>&leeftijd=<group>.
   Without JavaScript the page shows the whole municipality and a table with every area. */
(function () {
  "use strict";
  var page = document.querySelector(".share-page");
  var form = document.getElementById("share-chooser");
  if (!page || !form) return;
  var site = page.getAttribute("data-site-url");
  var root = page.getAttribute("data-root");
  var template = page.getAttribute("data-snippet");
  var area = document.getElementById("share-area");
  var group = document.getElementById("share-group");
  var preview = document.getElementById("share-preview");
  var frame = null;

  function chosen(select) { return select.options[select.selectedIndex]; }
  function attr(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function local(path) { return new URL(root + path, window.location.href).href; }
  function clearCopied() {
    Array.prototype.forEach.call(document.querySelectorAll(".share-copied"), function (el) { el.textContent = ""; });
  }

  /* Feeds that are no plain subscription (feeds.special_feeds): 'gegevens' (too large) or 'leeg'. */
  var statesEl = document.getElementById("share-feed-states");
  var feedStates = statesEl ? JSON.parse(statesEl.textContent) : {};

  function update() {
    var a = chosen(area), g = chosen(group);
    var prefix = a.value + g.value;
    var title = "Activiteiten in " + a.getAttribute("data-name") +
      (g.value ? " voor " + g.getAttribute("data-phrase") : "");
    var embed = prefix + "embed/";
    var page = a.getAttribute("data-level") === "wijk" && g.value ?
      "?wijk=" + encodeURIComponent(a.getAttribute("data-key")) + "&leeftijd=" + encodeURIComponent(g.getAttribute("data-key")) : prefix;
    document.getElementById("share-title").textContent = title;
    document.getElementById("share-code").value =
      template.replace("{src}", attr(site + embed)).replace("{title}", attr(title));
    document.getElementById("share-embed-link").href = local(embed);
    document.getElementById("share-link").value = site + page;
    document.getElementById("share-page-link").href = local(page);
    document.getElementById("share-feed").value = site + prefix + "agenda.ics";
    var feedState = feedStates[prefix + "agenda.ics"];
    document.getElementById("share-feed-large").hidden = feedState !== "gegevens";
    document.getElementById("share-feed-empty").hidden = feedState !== "leeg";
    var flyer = a.getAttribute("data-flyer") === "1";
    document.getElementById("share-flyer-text").hidden = !flyer;
    document.getElementById("share-no-flyer").hidden = flyer;
    if (flyer) document.getElementById("share-flyer").href = local(prefix + "flyer/");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.className = "share-frame";
      frame.height = "600";
      preview.appendChild(frame);
      preview.hidden = false;
    }
    frame.title = "Voorbeeld: " + title;
    frame.src = local(embed);
    clearCopied();
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".share-copied");
    var done = function () { status.textContent = "Gekopieerd."; };
    var manual = function () {
      field.focus();
      field.select();
      status.textContent = "Kopiëren lukte niet. Alles is geselecteerd: kopieer het zelf (Ctrl+C).";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(done, manual);
    } else {
      manual();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".share-copy"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".share-code, .share-field"), function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
  area.addEventListener("change", update);
  group.addEventListener("change", update);
  /* The choice shows as soon as it changes; the button (Enter, or a click) does the same. */
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.hidden = false;
  update();
})();
