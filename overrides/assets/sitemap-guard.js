// The theme's script fetches sitemap.xml next to every <link rel="alternate"> of a page (to map
// its version and language selectors, which this site does not use): with the hreflang links of
// the page's languages that was seven requests per page, to addresses that do not exist and, on
// another host, blocked by the CSP. No page needs the sitemap: such a request is answered here
// with a network error before it leaves the browser (the theme then carries on without it).
// Every other request goes through unchanged. Loaded before the theme's bundle
// (overrides/main.html, block scripts), which asks at once.
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!proto) return;
  var open = proto.open, send = proto.send, refused = new WeakSet();
  /** @param {string | URL} address */
  function isSitemap(address) {
    try { return new URL(String(address), window.location.href).pathname.endsWith("/sitemap.xml"); } catch (e) { return false; }
  }
  /** @this {XMLHttpRequest} @param {string} method @param {string | URL} address */
  proto.open = function (method, address) {
    if (isSitemap(address)) refused.add(this); else refused.delete(this);
    return open.apply(this, /** @type {any} */ (arguments));
  };
  /** @this {XMLHttpRequest} */
  proto.send = function () {
    if (refused.has(this)) {
      var request = this;
      window.setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
      return;
    }
    return send.apply(this, /** @type {any} */ (arguments));
  };
})();
