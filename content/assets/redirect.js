/* wijken/<key>/leeftijd/<group>/ leads straight to the home page with that wijk and age group
   (the link on the page, which works without JavaScript too). */
(function () {
  "use strict";
  var link = document.querySelector("a.redirect-target");
  if (link) window.location.replace(link.href);
})();
