import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

/**
 * Habits from other todo apps and the follow-ups of a quick conversation (the clock: Wednesday
 * 2026-05-06 10:00 in Berlin): `@labels`, tags replaced rather than added, a correction said last
 * ("4:15 actually"), a request then why, polite gerunds, reminders days before at a time, days of each
 * month, weekdays of each week, a number of sessions, and times that name a thing.
 */
export const appHabitsCorpus: CorpusEntry[] = [
  add('pick up dry cleaning @errands friday', { title: 'pick up dry cleaning', tags: ['errands'], dueAt: '2026-05-08T09:00:00+02:00' }),
  add('ping @marta about the budget', { title: 'ping @marta about the budget', tags: undefined }),
  add('could you add a task for me to return the library books on monday?', { title: 'return the library books', dueAt: '2026-05-11T09:00:00+02:00' }),
  add('please set up a repeating task for piano every tuesday and thursday at 5pm', { title: 'piano', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' } }),
  add('add a task for the school fete on saturday', { title: 'the school fete', dueAt: '2026-05-09T09:00:00+02:00' }),
  add('schedule quarterly check-in with Omar', { title: 'schedule quarterly check-in with Omar', dueAt: undefined }),
  add('rmnd me to water the tomatoes tmrw', { title: 'water the tomatoes', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('transfer savings every 2nd and 20th', { title: 'transfer savings', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=2,20' } }),
  add('top up the bus card every 28th', { title: 'top up the bus card', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=28' } }),
  add('swimming every week on tuesday and friday at 7am', { title: 'swimming', dueAt: '2026-05-08T07:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,FR' } }),
  add('driving lessons every saturday at 10am, 8 lessons in total', { title: 'driving lessons', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' } }),
  add('remind me at 9am on thursday to print the agenda for the 2pm board meeting', { title: 'print the agenda for the 2pm board meeting', dueAt: '2026-05-07T09:00:00+02:00' }),
  update('5:15 actually', it, { timeOfDay: { hour: 5, minute: 15, eitherHalf: true } }),
  update('hmm, probably better move it to monday instead', it, { dueAt: '2026-05-11T09:00:00+02:00', keepTimeOfDay: true }),
  update('would you mind changing it to friday please?', it, { dueAt: '2026-05-08T09:00:00+02:00', keepTimeOfDay: true }),
  update('and have it repeat every week', it, { recurrence: { rrule: 'FREQ=WEEKLY' } }),
  update('switch the tag to #garden', it, { tags: ['garden'] }),
  update('change the tags on the invoice to finance', title('invoice'), { tags: ['finance'] }),
  update('stick a #school tag on it', it, { addTags: ['school'] }),
  update('wrong label, it should be #home not #work', it, { addTags: ['home'], removeTags: ['work'] }),
  update('clear the due date, not sure when yet', it, { dueAt: null }),
  update('set the time to 10.45', it, { timeOfDay: { hour: 10, minute: 45 } }),
  update('set the quarterly report for friday 11am', title('quarterly report'), { dueAt: '2026-05-08T11:00:00+02:00' }),
  next('nvm bin that', { kind: 'delete', targets: [it] }),
  next('drop the bike service, the shop is closed till june', { kind: 'delete', targets: [title('bike service')] }),
  next('wrong list sorry - delete it', { kind: 'delete', targets: [it] }),
  next('remind me 2 days before at 8am', { kind: 'remind', target: it, onDueDay: { dayShift: -2, hour: 8, minute: 0 } }),
  next('remind me about the rent 3 days before at 9am', { kind: 'remind', target: title('rent'), onDueDay: { dayShift: -3, hour: 9, minute: 0 } }),
  next('and one more 30 minutes before', { kind: 'remind', target: it, before: 'PT30M' }),
  next('cheers, thanks heaps', { kind: 'thanks' }),
  { message: 'which tasks are recurring?', expect: { kind: 'list', filter: { repeating: true } } },
];
