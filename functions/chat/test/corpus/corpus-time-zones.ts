import type { CorpusEntry } from './corpus-entry';

const BERLIN_BEFORE_SPRING = '2026-03-28T10:00:00+01:00'; // Saturday; clocks go forward on Sunday 02:00
const BERLIN_BEFORE_AUTUMN = '2026-10-24T10:00:00+02:00'; // Saturday; clocks go back on Sunday 03:00
const NEW_YORK = 'America/New_York';

/** Other clocks and zones: offsets must follow the zone's rules on the due day, not on today. */
export const timeZoneCorpus: CorpusEntry[] = [
  { now: BERLIN_BEFORE_SPRING, message: 'add buy milk tomorrow at 5pm', expect: { kind: 'add', task: { title: 'buy milk', dueAt: '2026-03-29T17:00:00+02:00' } } },
  { now: BERLIN_BEFORE_SPRING, message: 'add call mom sunday 9am', expect: { kind: 'add', task: { title: 'call mom', dueAt: '2026-03-29T09:00:00+02:00' } } },
  { now: BERLIN_BEFORE_SPRING, message: 'add brunch tomorrow', expect: { kind: 'add', task: { title: 'brunch', dueAt: '2026-03-29T09:00:00+02:00' } } },
  { now: BERLIN_BEFORE_SPRING, message: 'add jog every day at 7am', expect: { kind: 'add', task: { title: 'jog', dueAt: '2026-03-29T07:00:00+02:00', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' } } } },
  { now: BERLIN_BEFORE_SPRING, message: 'add night shift tomorrow at 2:30am', expect: { kind: 'add', task: { title: 'night shift', dueAt: '2026-03-29T03:30:00+02:00' } } },
  { now: BERLIN_BEFORE_SPRING, message: 'add pay bills today', expect: { kind: 'add', task: { title: 'pay bills', dueAt: '2026-03-28T18:00:00+01:00' } } },
  {
    now: BERLIN_BEFORE_SPRING,
    message: "what's due this week",
    expect: { kind: 'list', filter: { dueAfter: '2026-03-23T00:00:00+01:00', dueBefore: '2026-03-30T00:00:00+02:00' }, label: 'tasks due this week' },
  },
  { now: BERLIN_BEFORE_SPRING, message: 'move 2 to tomorrow 8am', expect: { kind: 'update', target: { kind: 'index', index: 2 }, changes: { dueAt: '2026-03-29T08:00:00+02:00' } } },
  { now: BERLIN_BEFORE_SPRING, message: 'remind me about 1 tomorrow at 10am', expect: { kind: 'remind', target: { kind: 'index', index: 1 }, at: '2026-03-29T10:00:00+02:00' } },
  { now: BERLIN_BEFORE_AUTUMN, message: 'add sleep in tomorrow at 10am', expect: { kind: 'add', task: { title: 'sleep in', dueAt: '2026-10-25T10:00:00+01:00' } } },
  { now: BERLIN_BEFORE_AUTUMN, message: 'add clean up monday at 8am', expect: { kind: 'add', task: { title: 'clean up', dueAt: '2026-10-26T08:00:00+01:00' } } },
  {
    now: BERLIN_BEFORE_AUTUMN,
    message: "what's due tomorrow",
    expect: { kind: 'list', filter: { dueAfter: '2026-10-25T00:00:00+02:00', dueBefore: '2026-10-26T00:00:00+01:00' }, label: 'tasks due tomorrow' },
  },
  { now: BERLIN_BEFORE_AUTUMN, message: 'add check heating tomorrow at 2:30am', expect: { kind: 'add', task: { title: 'check heating', dueAt: '2026-10-25T02:30:00+02:00' } } },
  { now: BERLIN_BEFORE_AUTUMN, message: 'add read every sunday at 8pm', expect: { kind: 'add', task: { title: 'read', dueAt: '2026-10-25T20:00:00+01:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', timezone: 'Europe/Berlin' } } } },
  { timeZone: NEW_YORK, now: '2026-05-06T10:00:00-04:00', message: 'add buy milk tomorrow at 5pm', expect: { kind: 'add', task: { title: 'buy milk', dueAt: '2026-05-07T17:00:00-04:00' } } },
  {
    timeZone: NEW_YORK,
    now: '2026-05-06T10:00:00-04:00',
    message: "what's due today",
    expect: { kind: 'list', filter: { dueAfter: '2026-05-06T00:00:00-04:00', dueBefore: '2026-05-07T00:00:00-04:00' }, label: 'tasks due today' },
  },
  { timeZone: NEW_YORK, now: '2026-03-07T12:00:00-05:00', message: 'add call dad tomorrow at 9am', expect: { kind: 'add', task: { title: 'call dad', dueAt: '2026-03-08T09:00:00-04:00' } } },
  { timeZone: NEW_YORK, now: '2026-10-31T12:00:00-04:00', message: 'add pay rent monday at 9am', expect: { kind: 'add', task: { title: 'pay rent', dueAt: '2026-11-02T09:00:00-05:00' } } },
  {
    timeZone: NEW_YORK,
    now: '2026-10-31T12:00:00-04:00',
    message: 'add standup every weekday at 9am',
    expect: { kind: 'add', task: { title: 'standup', dueAt: '2026-11-02T09:00:00-05:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', timezone: NEW_YORK } } },
  },
  { timeZone: NEW_YORK, now: '2026-05-06T22:00:00-04:00', message: 'add call mom tomorrow at 9am', expect: { kind: 'add', task: { title: 'call mom', dueAt: '2026-05-07T09:00:00-04:00' } } },
  { timeZone: NEW_YORK, now: '2026-05-06T22:00:00-04:00', message: 'add stretch at 11pm', expect: { kind: 'add', task: { title: 'stretch', dueAt: '2026-05-06T23:00:00-04:00' } } },
  { now: '2026-05-06T23:30:00+02:00', message: 'add buy milk tomorrow at 8am', expect: { kind: 'add', task: { title: 'buy milk', dueAt: '2026-05-07T08:00:00+02:00' } } },
  { now: '2026-05-06T23:30:00+02:00', message: 'add water plants every day at 7am', expect: { kind: 'add', task: { dueAt: '2026-05-07T07:00:00+02:00', recurrence: { rrule: 'FREQ=DAILY' } } } },
  { timeZone: 'Asia/Tokyo', now: '2026-05-06T17:00:00+09:00', message: 'add call Kenji at 8pm', expect: { kind: 'add', task: { title: 'call Kenji', dueAt: '2026-05-06T20:00:00+09:00' } } },
  { timeZone: 'UTC', now: '2026-05-06T08:00:00Z', message: 'add deploy tomorrow at 6am', expect: { kind: 'add', task: { title: 'deploy', dueAt: '2026-05-07T06:00:00+00:00' } } },
];
