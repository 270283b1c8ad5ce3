import ICAL from 'ical.js';

type Component = InstanceType<typeof ICAL.Component>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * For tests: reads an iCalendar text with Mozilla's ical.js (an implementation independent of the
 * writer), after checking what ical.js forgives: CRLF line ends only, physical lines of at most 75
 * octets that are each valid UTF-8 (no character split by a fold), PRODID and VERSION:2.0, UID and
 * DTSTAMP once in every VEVENT, ACTION, TRIGGER and DESCRIPTION in every VALARM, and a VTIMEZONE in
 * the file for every TZID a property names. Throws naming the first rule broken.
 */
export function readCalendar(text: string): Component {
  if (!text.endsWith('\r\n')) throw new Error('the text does not end with CRLF');
  const bytes = Buffer.from(text, 'utf8');
  let lineStart = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] === 0x0a && bytes[index - 1] !== 0x0d) throw new Error(`a bare LF at octet ${index}`);
    if (bytes[index] === 0x0d && bytes[index + 1] !== 0x0a) throw new Error(`a bare CR at octet ${index}`);
    if (bytes[index] !== 0x0d) continue;
    const line = bytes.subarray(lineStart, index);
    if (line.length > 75) throw new Error(`a line of ${line.length} octets: ${line.toString('utf8').slice(0, 80)}`);
    utf8.decode(line);
    lineStart = index + 2;
  }
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error(`the top component is ${calendar.name}`);
  if (calendar.getFirstPropertyValue('version') !== '2.0') throw new Error('VERSION is not 2.0');
  if (!calendar.getFirstPropertyValue('prodid')) throw new Error('no PRODID');
  const zones = new Set(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')));
  for (const event of calendar.getAllSubcomponents('vevent')) {
    for (const name of ['uid', 'dtstamp', 'dtstart']) {
      if (event.getAllProperties(name).length !== 1) throw new Error(`a VEVENT has ${event.getAllProperties(name).length} ${name.toUpperCase()}`);
    }
    for (const property of event.getAllProperties()) {
      const tzid = property.getParameter('tzid');
      if (typeof tzid === 'string' && !zones.has(tzid)) throw new Error(`TZID ${tzid} has no VTIMEZONE`);
    }
    for (const alarm of event.getAllSubcomponents('valarm')) {
      for (const name of ['action', 'trigger', 'description']) {
        if (alarm.getAllProperties(name).length !== 1) throw new Error(`a VALARM has ${alarm.getAllProperties(name).length} ${name.toUpperCase()}`);
      }
    }
  }
  return calendar;
}

/** The VEVENTs of a calendar by UID. */
export function eventsByUid(calendar: Component): Map<string, InstanceType<typeof ICAL.Event>> {
  return new Map(calendar.getAllSubcomponents('vevent').map((component) => [String(component.getFirstPropertyValue('uid')), new ICAL.Event(component)]));
}

/** The first `count` instants (ISO strings in UTC) ical.js expands an event's DTSTART and RRULE into. */
export function occurrences(event: InstanceType<typeof ICAL.Event>, count: number): string[] {
  const iterator = event.iterator();
  const instants: string[] = [];
  for (let next = iterator.next(); next && instants.length < count; next = iterator.next()) instants.push(next.toJSDate().toISOString());
  return instants;
}
