// The phone menu for keyboard and screen reader users (issue 10.3).
//
// The theme opens its menu (the "drawer") with a hidden checkbox and a label that a keyboard
// cannot reach, and leaves the closed menu's links in the Tab order although they are off
// screen. Here:
// - the header's "Menu" button (overrides/partials/header.html) replaces the label: it opens and
//   closes the drawer and says whether it is open (aria-expanded);
// - while the drawer is closed on a narrow screen it is `inert`: Tab never reaches a link you
//   cannot see; while it is open, the page behind it is inert instead;
// - opening moves the focus to the first link of the menu; Escape closes it and puts the focus
//   back on the button.
(function () {
  "use strict";
  var toggleEl = document.getElementById("__drawer");
  var drawerEl = document.querySelector(".md-sidebar--primary");
  var buttonEl = document.querySelector("[data-site-menu]");
  if (!(toggleEl instanceof HTMLInputElement) || !drawerEl || !(buttonEl instanceof HTMLElement)) return;
  var toggle = toggleEl, drawer = drawerEl, button = buttonEl;
  // The theme shows the drawer as a side column from 76.25em (1220 px) on.
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var behind = [".md-content", ".md-sidebar--secondary", ".md-footer"];

  drawer.id = drawer.id || "site-menu";
  button.setAttribute("aria-controls", drawer.id);
  button.hidden = false;
  document.querySelectorAll("label.site-menu-label").forEach(function (label) {
    if (label instanceof HTMLElement) label.hidden = true;
  });

  /** @param {Element} element @param {boolean} value */
  function setInert(element, value) {
    if (value) element.setAttribute("inert", "");
    else element.removeAttribute("inert");
  }

  function sync() {
    var open = toggle.checked && narrow.matches;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    setInert(drawer, narrow.matches && !open);
    behind.forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (element) { setInert(element, open); });
    });
  }

  function firstLink() {
    var link = drawer.querySelector(".md-nav__list a[href], .md-nav__list button");
    return link instanceof HTMLElement ? link : null;
  }

  button.addEventListener("click", function () {
    toggle.click();  // the theme listens to the checkbox
    if (toggle.checked) {
      const link = firstLink();
      if (link) window.requestAnimationFrame(function () { link.focus(); });
    }
  });
  toggle.addEventListener("change", sync);
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  else narrow.addListener(sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && narrow.matches) {
      toggle.click();
      button.focus();
    }
  });
  sync();
})();

// The language menu (partials/language-menu.html): a link to this page in another language keeps
// the page's query string and fragment (the filters a parent chose); Escape closes the menu.
(function () {
  "use strict";
  var search = window.location.search, hash = window.location.hash;
  document.querySelectorAll("a[data-language-link]").forEach(function (link) {
    if (!(link instanceof HTMLAnchorElement)) return;
    var url = new URL(link.href, window.location.href);
    url.search = search;
    url.hash = hash;
    link.href = url.href;
  });
  document.querySelectorAll("details[data-site-languages]").forEach(function (menu) {
    if (!(menu instanceof HTMLDetailsElement)) return;
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open) return;
      menu.open = false;
      var summary = menu.querySelector("summary");
      if (summary instanceof HTMLElement) summary.focus();
    });
  });
})();
