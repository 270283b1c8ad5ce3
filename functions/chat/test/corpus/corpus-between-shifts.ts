import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

const BOTH = [
  { kind: 'index', index: 1 },
  { kind: 'index', index: 2 },
];

/**
 * How people write between shifts and errands (the clock: Wednesday 2026-05-06 10:00 in Berlin): slips
 * in date words, times run together with a day, British half-hours, a day gone by inside the title,
 * quoted names, afterthoughts after a comma, tasks named by their time, things done to "both".
 */
export const betweenShiftsCorpus: CorpusEntry[] = [
  // One slip of the fingers in a date word.
  add('pick up prescription on thursdy', { title: 'pick up prescription', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('mow the lawn evry saturday', { title: 'mow the lawn', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA' } }),
  // Dates that are names or what a task is about.
  add('watch "The Day After Tomorrow" with the kids on saturday', { title: 'watch "The Day After Tomorrow" with the kids', dueAt: '2026-05-09T09:00:00+02:00' }),
  add('ask Sam about the May 5th party on friday', { title: 'ask Sam about the May 5th party', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('organise the 10 year reunion', { title: 'organise the 10 year reunion', dueAt: undefined }),
  add('chase the agency re missing hours from last week', { title: 'chase the agency re missing hours from last week', dueAt: undefined }),
  add('gas safety check at the flat 14 june 8:30', { title: 'gas safety check at the flat', dueAt: '2026-06-14T08:30:00+02:00' }),
  // Times as shift workers write them.
  add('clean out the work van fri 1530', { title: 'clean out the work van', dueAt: '2026-05-08T15:30:00+02:00' }),
  add('bring Granda to the optician on the 13th at half 2', { title: 'bring Granda to the optician', dueAt: '2026-05-13T14:30:00+02:00' }),
  // Words around the task that are no part of it.
  add('and another one: order hay for the horses friday', { title: 'order hay for the horses', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('add pay IPVA too', { title: 'pay IPVA' }),
  add('tidy the garage saturday, no reminders for this one', { title: 'tidy the garage', reminders: [] }),
  add('add parent teacher conference tuesday 6pm, remind me the day before and an hour before', { title: 'parent teacher conference', reminders: ['P1D', 'PT1H'] }),
  next('remind me the day before and an hour before', { kind: 'update', target: it, changes: { reminders: ['P1D', 'PT1H'] } }),
  // A task named by its time.
  update('push my 3pm back an hour', { kind: 'when', hour: 15, minute: 0 }, { shiftBy: 'PT1H' }),
  update("change my 9 o'clock to 10", { kind: 'when', hour: 9, minute: 0, eitherHalfOfDay: true }, { timeOfDay: { hour: 10, minute: 0 } }),
  // Afterthoughts after the request.
  update('change it to the 2nd, landlord said ok', it, { dayOfMonth: 2 }),
  next("actually delete it, the neighbour's doing it", { kind: 'delete', targets: [it] }),
  // Done, in the words of what was done.
  next('mark the bill as paid', { kind: 'complete', targets: [title('bill')] }),
  next('collected both, mark them done', { kind: 'complete', targets: BOTH }),
  next('paid both of them', { kind: 'complete', targets: BOTH }),
  // Questions and thanks.
  { message: 'anything about mum on my list?', expect: { kind: 'list', filter: { q: 'mum' } } },
  { message: 'anything coming up in the next few days?', expect: { kind: 'list', filter: { dueAfter: '2026-05-06T00:00:00+02:00', dueBefore: '2026-05-10T00:00:00+02:00' } } },
  { message: "thanks mate, you're a lifesaver", expect: { kind: 'thanks' } },
];
