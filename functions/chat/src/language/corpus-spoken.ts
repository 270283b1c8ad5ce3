import type { CorpusEntry } from './corpus-entry';
import type { TaskRef } from './intent';

const it: TaskRef = { kind: 'it' };
const title = (text: string): TaskRef => ({ kind: 'title', text });
const add = (message: string, task: Record<string, unknown>): CorpusEntry => ({ message, expect: { kind: 'add', task } });
/** A message sent right after a task was discussed. */
const next = (message: string, expect: CorpusEntry['expect']): CorpusEntry => ({ message, expect, followsTask: true });
const update = (message: string, target: TaskRef, changes: Record<string, unknown>) => next(message, { kind: 'update', target, changes });

/**
 * How people talk to it (the clock: Wednesday 2026-05-06 10:00 in Berlin): numbers in words, the
 * request inside a longer sentence, corrections, things reported done or called off in passing,
 * terse command-line habits.
 */
export const spokenCorpus: CorpusEntry[] = [
  // Numbers in words.
  add('the boiler man is coming on thursday at ten', { title: 'the boiler man is coming', dueAt: '2026-05-07T10:00:00+02:00' }),
  add('surgery appointment on the twenty third at ten past eleven', { title: 'surgery appointment', dueAt: '2026-05-23T11:10:00+02:00' }),
  add('rego for the ute is due on the fourteenth', { title: 'rego for the ute', dueAt: '2026-05-14T09:00:00+02:00' }),
  add("braai at Johan's place on saturday at six", { title: "braai at Johan's place", dueAt: '2026-05-09T18:00:00+02:00' }),
  add('GP appointment on the first of June at twenty past nine', { title: 'GP appointment', dueAt: '2026-06-01T09:20:00+02:00' }),
  add('lunch with Maureen on thursday at half twelve', { title: 'lunch with Maureen', dueAt: '2026-05-07T12:30:00+02:00' }),
  add('bowls on friday at one thirty', { title: 'bowls', dueAt: '2026-05-08T13:30:00+02:00' }),
  add('take the dog to the vet on the sixth at four in the afternoon', { title: 'take the dog to the vet', dueAt: '2026-05-06T16:00:00+02:00' }),
  add('remind me in twenty minutes to take the scones out of the oven', { title: 'take the scones out of the oven', dueAt: '2026-05-06T10:20:00+02:00' }),
  add('water the plants every three days', { title: 'water the plants', recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3' } }),
  add('every weekday at seven thirty in the morning walk the dog', { title: 'walk the dog', dueAt: '2026-05-07T07:30:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' } }),
  // The request inside a longer sentence.
  add('oh and I must remember that the boiler man is coming on thursday at ten so I need to be home', { title: 'the boiler man is coming', dueAt: '2026-05-07T10:00:00+02:00' }),
  add("sorry to bother you but could you put down that I've got the surgery appointment on the twenty third", { title: 'the surgery appointment', dueAt: '2026-05-23T09:00:00+02:00' }),
  add("if it's not too much trouble could you add pay the hydro bill by the twenty eighth", { title: 'pay the hydro bill', dueAt: '2026-05-28T09:00:00+02:00' }),
  add('right so the thing is my daughter is coming up on the fifteenth and I need to get the spare room ready for her', { title: 'get the spare room ready for her', dueAt: '2026-05-15T09:00:00+02:00' }),
  add('um could you put in there that I need to phone the bank about my card on monday at 9:30 please', { title: 'phone the bank about my card', dueAt: '2026-05-11T09:30:00+02:00' }),
  add("sorry I'm not very good with these things but I need to collect my glasses on friday", { title: 'collect my glasses', dueAt: '2026-05-08T09:00:00+02:00' }),
  add("oh and before I forget I promised Betty I'd return her casserole dish on tuesday", { title: 'return her casserole dish', dueAt: '2026-05-12T09:00:00+02:00' }),
  add("I've got bowls on friday at one thirty", { title: 'bowls' }),
  add('I need reminding about the gas man coming on friday at 1pm, an hour before would be lovely', { title: 'the gas man coming', reminders: ['PT1H'] }),
  add('put the recycling out on thursday at 7am, no need to remind me', { title: 'put the recycling out', reminders: [] }),
  add('clean the coffee machine every monday to friday at 8:45', { title: 'clean the coffee machine', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' } }),
  add('put the recycling bin out fortnightly on thursdays', { title: 'put the recycling bin out', recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH' } }),
  // Terse, command-line habits.
  add('todo finish lab 4 report by thu', { title: 'finish lab 4 report', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('ship hotfix 1.4.2 in 4 days at 18:00 urgent', { title: 'ship hotfix 1.4.2', dueAt: '2026-05-10T18:00:00+02:00', priority: 'urgent' }),
  add('patch CVE-2027-1234 by friday', { title: 'patch CVE-2027-1234', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('CS101 midterm fri 10am remind me 2h before and 10m before', { title: 'CS101 midterm', reminders: ['PT2H', 'PT10M'] }),
  { message: 'show my p1s', expect: { kind: 'list', filter: { priority: ['urgent'] } } },
  { message: 'any JIRA tickets on my list?', expect: { kind: 'list', filter: { q: 'jira' } } },
  { message: "check what I've got on tomorrow please", expect: { kind: 'list', filter: { dueAfter: '2026-05-07T00:00:00+02:00', dueBefore: '2026-05-08T00:00:00+02:00' } } },
  next('undo', { kind: 'undo' }),
  next("actually that's not done", { kind: 'reopen', targets: [it] }),
  update('add tag figma too', it, { addTags: ['figma'] }),
  update('2 is high priority', { kind: 'index', index: 2 }, { priority: 'high' }),
  update('actually make it 20', it, { timeOfDay: { bare: 20 } }),
  // Corrections.
  update('no no I said tuesday not thursday', it, { dueAt: '2026-05-12T09:00:00+02:00', keepTimeOfDay: true }),
  update('and put it down as important', it, { priority: 'high' }),
  update("sorry, I got that wrong, it's the friday", it, { dueAt: '2026-05-08T09:00:00+02:00', keepTimeOfDay: true }),
  update("no sorry it's at one", it, { timeOfDay: { hour: 1, minute: 0, eitherHalf: true } }),
  update("it's been moved to the 9th", it, { dueAt: '2026-05-09T09:00:00+02:00', keepTimeOfDay: true }),
  update('it needs doing by the 18th', it, { dueAt: '2026-05-18T09:00:00+02:00', keepTimeOfDay: true }),
  update('do that tomorrow at 10 in the morning', it, { dueAt: '2026-05-07T10:00:00+02:00' }),
  update("I can't do saturday, put it on sunday instead", it, { dueAt: '2026-05-10T09:00:00+02:00', keepTimeOfDay: true }),
  update('the garage rang, can you push it back a day', it, { shiftBy: 'P1D' }),
  update('the boiler one should be friday', title('boiler'), { dueAt: '2026-05-08T09:00:00+02:00', keepTimeOfDay: true }),
  // Done and called off, in passing.
  next("I rang the surgery this morning so that's sorted", { kind: 'complete', targets: [title('ring the surgery')] }),
  next('the one about the car is sorted', { kind: 'complete', targets: [title('car')] }),
  next('the lawns are mown', { kind: 'complete', targets: [title('lawns')] }),
  next('AWS bill paid', { kind: 'complete', targets: [title('AWS bill')] }),
  next('lab 4 report done', { kind: 'complete', targets: [title('lab 4 report')] }),
  next("I've just emailed the external examiner, you can mark that as done", { kind: 'complete', targets: [it] }),
  next('put the bins out on wednesday', { kind: 'add', task: { title: 'put the bins out' } }),
  next("Jean's cancelled so you can get rid of that", { kind: 'delete', targets: [title('Jean')] }),
  next('scrap the boiler thing, my son fixed it', { kind: 'delete', targets: [title('boiler')] }),
  next('oh never mind, take that off', { kind: 'delete', targets: [it] }),
  next('no need for the bike one anymore, I sold it', { kind: 'delete', targets: [title('bike')] }),
  next("the party's off so cancel the present one", { kind: 'delete', targets: [title('present')] }),
  next('rm the build logs task', { kind: 'delete', targets: [title('build logs')] }),
  // Small talk, requests it cannot do, other languages.
  { message: 'hello there, good morning to you', expect: { kind: 'greeting' } },
  { message: "thank you dear that's all for now", expect: { kind: 'thanks' } },
  { message: 'can you order me a taxi', expect: { kind: 'unknown' } },
  { message: 'write me a poem about kubernetes', expect: { kind: 'unknown' } },
  { message: 'Bore da, sut wyt ti heddiw?', expect: { kind: 'unknown' } },
  { message: 'Herinner my asseblief om môre brood te koop', expect: { kind: 'unknown' } },
  { message: 'Apa kabar? Kamu bisa bantu apa saja?', expect: { kind: 'unknown' } },
];
