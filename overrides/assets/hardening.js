// Hardening (issue 5): the theme wraps wide tables in a box that scrolls
// sideways, but a keyboard cannot reach it (WCAG 2.1.1; axe rule
// scrollable-region-focusable). Make each box focusable and give it a name.
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel. Schuif opzij om alles te zien.");
    });
    /* The same for a code block that is wider than the page (the editors' guide): the theme's
       own script does this too, but only once its bundle has run. */
    document.querySelectorAll(".md-typeset pre > code:not([tabindex])").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }
  fix();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.requestAnimationFrame(fix); });
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();

