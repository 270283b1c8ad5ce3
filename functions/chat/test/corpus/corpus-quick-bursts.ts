import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';
import { OTHER_LANGUAGE } from '../../src/language';

/**
 * How people who run a club, a team or a side business write in quick bursts (the clock: Wednesday
 * 2026-05-06 10:00 in Berlin): "pencil in", "put X down for", corrections in their own words, things
 * done or dropped in everyday words, names with numbers and weekdays in them.
 */
export const quickBurstsCorpus: CorpusEntry[] = [
  // Ways to say "add".
  add('pencil in the alto sectional tue 7pm', { title: 'the alto sectional', dueAt: '2026-05-12T19:00:00+02:00' }),
  add('can you put the supervisor meeting down for thursday at 11', { title: 'the supervisor meeting', dueAt: '2026-05-07T11:00:00+02:00' }),
  add('jot down: buy more poop bags', { title: 'buy more poop bags' }),
  add('put the bins out', { title: 'put the bins out' }),
  // Names with numbers, months and weekdays in them.
  add('book the pitch for the under-10s saturday 9:30am', { title: 'book the pitch for the under-10s', dueAt: '2026-05-09T09:30:00+02:00' }),
  add('sort out the volunteer rota for march', { title: 'sort out the volunteer rota for march', dueAt: undefined }),
  add('read Tuesdays with Morrie for book club', { title: 'read Tuesdays with Morrie for book club', recurrence: undefined }),
  add('gym every Monday Wednesday and Friday at 7am', { title: 'gym', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' } }),
  add('Spanish class every Tuesday and Thursday at 19:00', { title: 'Spanish class', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' } }),
  // Corrections of the task just discussed, in people's words.
  update('change friday to saturday', it, { dueAt: '2026-05-09T09:00:00+02:00', keepTimeOfDay: true }),
  update('change the priority to low', it, { priority: 'low' }),
  update('lower the priority, it can wait', it, { priority: 'low' }),
  update('raise the priority of the rota', title('rota'), { priority: 'high' }),
  update('add a due date: next tuesday 2pm', it, { dueAt: '2026-05-12T14:00:00+02:00' }),
  update('actually friday afternoon works better', it, { dueAt: '2026-05-08T14:00:00+02:00' }),
  update('stop it repeating', it, { recurrence: null }),
  update('make it every evening at 7', it, { recurrence: { rrule: 'FREQ=DAILY' }, dueAt: '2026-05-06T19:00:00+02:00' }),
  update('actually remind me 2 hours before, not at the time', it, { reminders: ['PT2H'] }),
  next('remind me the night before at 8', { kind: 'remind', target: it, onDueDay: { dayShift: -1, hour: 20, minute: 0 } }),
  // Done and dropped in everyday words.
  next('bin the trophies one', { kind: 'delete', targets: [title('trophies')] }),
  add('bin night thu 7pm', { title: 'bin night' }),
  next('photographer confirmed, tick it off', { kind: 'complete', targets: [title('photographer')] }),
  next('carols are chosen ✓', { kind: 'complete', targets: [title('carols')] }),
  // Questions, thanks and other languages.
  { message: "what's my most urgent thing?", expect: { kind: 'list', filter: { sort: 'priority', priority: undefined } } },
  { message: "what's high priority?", expect: { kind: 'list', filter: { priority: ['high', 'urgent'] } } },
  { message: 'anything for flat 3?', expect: { kind: 'list', filter: { q: 'flat 3' } } },
  { message: "haha thanks, you're a lifesaver", expect: { kind: 'thanks' } },
  { message: "c'est quoi la capitale du Pérou ?", expect: { ...OTHER_LANGUAGE } },
  { message: 'Kannst du mir helfen, meine Woche zu planen?', expect: { ...OTHER_LANGUAGE } },
];
