/* Flyer: '?leeftijd=<group>' opens the flyer for that age group (a page of its own,
   made at build time: the same links are on the page). The QR code and the print
   button come from poster.js. Without JavaScript the flyer shows every age. */
(function () {
  "use strict";
  var wanted = new URLSearchParams(window.location.search).get("leeftijd");
  if (!wanted) return;
  var links = /** @type {NodeListOf<HTMLAnchorElement>} the selector names only links */ (
    document.querySelectorAll(".flyer-tools a[data-group]"));
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute("data-group") === wanted && links[i].getAttribute("aria-current") !== "page") {
      window.location.replace(links[i].href);
      return;
    }
  }
})();
