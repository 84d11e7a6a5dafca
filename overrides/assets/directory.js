/* Activity directory: filters on the home page and on 'Deze week', sorting and 'Dichtbij'.
 *
 * Plain JavaScript modules, no framework, nothing loaded from elsewhere. The home page
 * holds only the soonest cards (without JavaScript it lists those, and links to the list
 * pages); the rest comes from the index of every current activity (directory-index.js),
 * 60 cards at a time. By concern:
 *   directory-index.js   loading the index (assets/gids/activiteiten.js)
 *   directory-model.js   next occurrences by the reader's clock, dates, the filter rules
 *   directory-state.js   the form <-> the query string (the public contract), the address
 *   directory-home.js    the home page's cards, empty state, feed and sorting
 *   directory-week.js    'Deze week'
 * Nothing is sent anywhere: the location stays in the page.
 */

import { home } from "./directory-home.js";
import { week } from "./directory-week.js";

function start() {
  var dataEl = document.getElementById("directory-data");
  if (!dataEl) return;
  var config = JSON.parse(dataEl.textContent || "{}");
  if (document.getElementById("week-days")) week(/** @type {import("../../types/contracts").WeekConfig} */ (config));
  else if (document.getElementById("cards") && document.getElementById("filters")) home(/** @type {import("../../types/contracts").HomeConfig} */ (config));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
