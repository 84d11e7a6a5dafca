// The page not found for an address in another language (issue 18). A static host serves the
// one /404.html for every address it does not have, so a reader who followed a broken link below
// /en/ or /ar/ would get the Dutch page. When the address starts with the code of one of the site's
// other languages (data-languages of this script, overrides/404.html), this shows that language's
// own page not found instead (/<code>/404.html: the same page, its texts and menu in that
// language). replace(): the back button goes to the page the reader came from, not to this one.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  var codes = (script.dataset.languages || "").split(" ").filter(Boolean);
  var root = new URL(script.dataset.root || "/", window.location.href).pathname;
  var path = window.location.pathname;
  if (!root.endsWith("/")) root += "/";
  if (!path.startsWith(root)) return;
  var code = path.slice(root.length).split("/")[0];
  if (codes.indexOf(code) === -1 || path === root + code + "/404.html") return;
  window.location.replace(root + code + "/404.html");
})();
