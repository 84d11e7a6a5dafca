// Expand .ics files with Mozilla's ical.js (the parser Thunderbird uses), independently of Python.
// stdin: {"files": ["/path/a.ics", ...], "until": "2027-12-01T00:00:00Z"}
// stdout: {"/path/a.ics": {"tzids": [...], "events": [{"uid", "start", "end", "tzid", "local"}]}, ...}
//   start/end: Unix seconds (absolute instants); local: wall-clock start as ical.js sees it.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const until = ICAL.Time.fromDateTimeString(input.until.replace("Z", ""));
until.zone = ICAL.Timezone.utcTimezone;
const result = {};

for (const file of input.files) {
  const out = { tzids: [], events: [], error: null };
  result[file] = out;
  try {
    const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
    ICAL.TimezoneService.reset();
    for (const vtz of root.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(vtz);
      out.tzids.push(vtz.getFirstPropertyValue("tzid"));
    }
    const byUid = new Map();
    for (const vevent of root.getAllSubcomponents("vevent")) {
      const uid = vevent.getFirstPropertyValue("uid");
      if (!byUid.has(uid)) byUid.set(uid, { master: null, exceptions: [] });
      const entry = byUid.get(uid);
      if (vevent.hasProperty("recurrence-id")) entry.exceptions.push(vevent);
      else entry.master = vevent;
    }
    for (const [uid, { master, exceptions }] of byUid) {
      if (!master) continue;
      const event = new ICAL.Event(master, { exceptions });
      const iterator = event.iterator();
      let next;
      let guard = 0;
      while ((next = iterator.next()) && guard++ < 5000) {
        if (next.compare(until) > 0) break;
        const details = event.getOccurrenceDetails(next);
        if (details.item.component.getFirstPropertyValue("status") === "CANCELLED") continue;
        out.events.push({
          uid,
          start: details.startDate.toUnixTime(),
          end: details.endDate.toUnixTime(),
          tzid: details.startDate.zone ? details.startDate.zone.tzid : null,
          local: details.startDate.toString(),
        });
      }
    }
  } catch (error) {
    out.error = String(error && error.stack ? error.stack : error);
  }
}
process.stdout.write(JSON.stringify(result));
