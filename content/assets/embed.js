/* Embeddable list: tells the page around it how tall the list is, so an optional
   snippet there can size the frame (see /delen/). Without that snippet, or without
   JavaScript, the frame keeps its own height and the list scrolls inside it.
   Only the height is sent: nothing about the visitor. */
(function () {
  "use strict";
  var root = document.getElementById("embed-root");
  if (!root || window.parent === window) return;
  var last = 0;
  function tell() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "activiteiten-hoogte", height: height }, "*");
  }
  if (typeof ResizeObserver === "function") new ResizeObserver(tell).observe(root);
  window.addEventListener("load", tell);
  tell();
})();
