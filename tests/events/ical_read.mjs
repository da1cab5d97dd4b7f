// Reads an iCalendar file the way Mozilla's ical.js does and prints what a calendar program would show, as JSON:
// the calendar's METHOD and, per VEVENT, UID, SEQUENCE, STATUS, the zone ical.js resolved and start/end in UTC.
// Usage: node tests/events/ical_read.mjs FILE.ics   (ical.js from node_modules; used by tests/events)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "package.json"));
const { default: ICAL } = await import(require.resolve("ical.js"));

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString().replace(/Z?$/, "Z");
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    zone: event.startDate.zone.tzid,
    start: utc(event.startDate),
    end: utc(event.endDate),
  };
});
console.log(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
