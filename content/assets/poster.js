/* Activity page as a poster for the notice board (activity pages only).
 *
 * - draws the QR code to the page (its address from data-url) with the
 *   vendored qrcode-generator, as an inline SVG built with DOM calls;
 * - offers that code as an SVG download, for a newsletter or a flyer;
 * - shows the "Print als poster" button.
 * Without JavaScript the page still prints, with the address written out.
 * Nothing is loaded from elsewhere and nothing is sent anywhere.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var BORDER = 4; /* the quiet zone the QR standard asks for, in modules */

  function qrSvg(text, label) {
    var qr = qrcode(0, "M"); /* smallest version that fits; level M survives a crease or a pin hole */
    qr.addData(text);
    qr.make();
    var count = qr.getModuleCount(), size = count + 2 * BORDER, d = [];
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (!qr.isDark(row, col)) continue;
        var run = 1;
        while (col + run < count && qr.isDark(row, col + run)) run++;
        d.push("M" + (col + BORDER) + " " + (row + BORDER) + "h" + run + "v1h-" + run + "z");
        col += run - 1;
      }
    }
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("xmlns", SVG_NS);
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    var title = document.createElementNS(SVG_NS, "title");
    title.textContent = label;
    var background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("width", size);
    background.setAttribute("height", size);
    background.setAttribute("fill", "#fff");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    svg.appendChild(title);
    svg.appendChild(background);
    svg.appendChild(path);
    return svg;
  }

  function start() {
    var figure = document.querySelector(".poster-qr[data-url]");
    if (figure && typeof qrcode === "function") {
      var label = figure.getAttribute("data-label") || "QR-code";
      var svg = qrSvg(figure.getAttribute("data-url"), label);
      figure.insertBefore(svg, figure.firstChild);
      var download = document.querySelector(".qr-download");
      if (download) {
        var blob = new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" });
        download.href = URL.createObjectURL(blob);
        download.setAttribute("download", download.getAttribute("data-filename") || "qr-code.svg");
        download.hidden = false;
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
