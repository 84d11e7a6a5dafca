/* Activity page as a poster for the notice board (activity pages only).
 *
 * - draws the QR code to the page (its address from data-url) with the
 *   vendored qrcode-generator, as an inline SVG built with DOM calls;
 * - offers that code as downloads: SVG (sharp at any size, for print work)
 *   and PNG (what Word, WhatsApp and most newsletter tools take);
 * - shows the "Print als poster" button.
 * Without JavaScript the page still prints, with the address written out.
 * Nothing is loaded from elsewhere and nothing is sent anywhere.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var BORDER = 4; /* the quiet zone the QR standard asks for, in modules */

  var PNG_MODULE = 12; /* pixels per module in the PNG: about 500 px for a page address */

  /** @param {string} text */
  function makeCode(text) {
    var qr = qrcode(0, "M"); /* smallest version that fits; level M survives a crease or a pin hole */
    qr.addData(text);
    qr.make();
    return qr;
  }

  /** @param {QRCode} qr @param {string} label */
  function qrSvg(qr, label) {
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
    background.setAttribute("width", String(size));
    background.setAttribute("height", String(size));
    background.setAttribute("fill", "#fff");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    svg.appendChild(title);
    svg.appendChild(background);
    svg.appendChild(path);
    return svg;
  }

  /* The same code drawn on a canvas, black on white, with the quiet zone. */
  /** @param {QRCode} qr */
  function qrCanvas(qr) {
    var count = qr.getModuleCount(), size = (count + 2 * BORDER) * PNG_MODULE;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    var ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = "#000";
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (qr.isDark(row, col)) ctx.fillRect((col + BORDER) * PNG_MODULE, (row + BORDER) * PNG_MODULE, PNG_MODULE, PNG_MODULE);
      }
    }
    return canvas;
  }

  /** @param {Element | null} link @param {Blob | null} blob @param {string} fallbackName */
  function offer(link, blob, fallbackName) {
    if (!(link instanceof HTMLAnchorElement) || !blob) return;
    link.href = URL.createObjectURL(blob);
    link.setAttribute("download", link.getAttribute("data-filename") || fallbackName);
    link.hidden = false;
  }

  function start() {
    var figure = document.querySelector(".poster-qr[data-url]");
    if (figure && typeof qrcode === "function") {
      var label = figure.getAttribute("data-label") || "QR-code";
      var qr = makeCode(figure.getAttribute("data-url") || "");
      var svg = qrSvg(qr, label);
      figure.insertBefore(svg, figure.firstChild);
      /* with a code to scan, the caption says so (without a script it only gives the address) */
      var scan = figure.querySelector(".poster-qr__scan"), go = figure.querySelector(".poster-qr__go");
      if (scan instanceof HTMLElement && go instanceof HTMLElement) { scan.hidden = false; go.hidden = true; }
      offer(document.querySelector(".qr-download"),
            new Blob([new XMLSerializer().serializeToString(svg)], { type: "image/svg+xml" }), "qr-code.svg");
      var png = document.querySelector(".qr-download-png");
      var canvas = png && qrCanvas(qr);
      if (canvas && canvas.toBlob) canvas.toBlob(function (blob) { offer(png, blob, "qr-code.png"); }, "image/png");
    }
    document.querySelectorAll(".print-button").forEach(function (button) {
      if (!(button instanceof HTMLElement)) return;
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
