/* Subscribe page: choose area and age group, get the feed address and one-tap links.
   Builds the same paths as activity_directory.feeds: <area prefix>[leeftijd/<group>/]agenda.ics.
   Without JavaScript the page shows every feed as a plain link instead. */
(function () {
  "use strict";
  var page = document.querySelector(".agenda-page");
  var form = document.getElementById("agenda-chooser");
  if (!page || !form) return;
  var base = page.getAttribute("data-site-url");
  var siteName = page.getAttribute("data-site-name");
  var area = document.getElementById("agenda-area");
  var group = document.getElementById("agenda-group");
  var input = document.getElementById("agenda-url");
  var copied = document.getElementById("agenda-copied");

  function chosen(select) {
    return select.options[select.selectedIndex];
  }

  function update() {
    var a = chosen(area), g = chosen(group);
    var https = base + a.value + g.value + "agenda.ics";
    var webcal = "webcal://" + https.split("://")[1];
    var title = g.value ? g.getAttribute("data-name") + " in " + a.getAttribute("data-name") : a.getAttribute("data-name");
    var name = title + " – " + siteName;
    document.getElementById("agenda-name").textContent = title;
    input.value = https;
    document.getElementById("agenda-webcal").href = webcal;
    document.getElementById("agenda-google").href = "https://calendar.google.com/calendar/r?cid=" + encodeURIComponent(webcal);
    document.getElementById("agenda-outlook").href = "https://outlook.live.com/calendar/0/addfromweb?url=" +
      encodeURIComponent(https) + "&name=" + encodeURIComponent(name);
    document.getElementById("agenda-download").href = https;
    copied.textContent = "";
  }

  function copy() {
    var done = function () { copied.textContent = "Gekopieerd. Plak het adres in je agenda."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(input.value).then(done, function () {
        input.select();
        copied.textContent = "Kopiëren lukte niet. Het adres is geselecteerd: kopieer het zelf.";
      });
    } else {
      input.select();
      try { document.execCommand("copy"); done(); } catch (e) { copied.textContent = "Kopieer het adres zelf."; }
    }
  }

  area.addEventListener("change", update);
  group.addEventListener("change", update);
  document.getElementById("agenda-copy").addEventListener("click", copy);
  input.addEventListener("focus", function () { input.select(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  update();
})();
