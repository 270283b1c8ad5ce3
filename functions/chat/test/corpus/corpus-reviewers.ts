import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

/**
 * What independent reviewers' everyday users wrote (the clock: Wednesday 2026-05-06 10:00 in Berlin):
 * phone numbers and money that are no time, shouting, interjections, "X not Y" for tags, a request after
 * its reason, questions about how a task stands.
 */
export const reviewersCorpus: CorpusEntry[] = [
  add('call 0161 496 0000 about the boiler quote', { title: 'call 0161 496 0000 about the boiler quote', dueAt: undefined }),
  add('Pay Nora back £20 tomorrow', { title: 'Pay Nora back £20', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('pay $1,500 deposit on friday', { title: 'pay $1,500 deposit', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('CALL THE BANK ABOUT THE NEW CARD ON THRUSDAY', { title: 'CALL THE BANK ABOUT THE NEW CARD', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('ugh i need to renew my passport by the 30th', { title: 'renew my passport', dueAt: '2026-05-30T09:00:00+02:00' }),
  add('i have a physio appointment on march 14 at 4:45pm', { title: 'physio appointment', dueAt: '2027-03-14T16:45:00+01:00' }),
  add('Add: Team retro Thursday 3:30 PM, tag work', { title: 'Team retro', tags: ['work'] }),
  add("hey could you put 'book the MOT' on my list for next tuesday? thanks!", { title: 'book the MOT' }),
  update('no wait 11', it, { timeOfDay: { hour: 11, minute: 0 } }),
  update('actually tag it chores not home', it, { addTags: ['chores'], removeTags: ['home'] }),
  update('make it a one-off, not recurring', it, { recurrence: null }),
  update("actually the party's on the 16th so make it the 15th", it, { dayOfMonth: 15 }),
  update("the party's on the 16th so make it the 14th, then make it the 15th", it, { dayOfMonth: 15 }),
  update('actually it repeats every 2 weeks', it, { recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2' } }),
  update('acutally move it to fri', it, { dueAt: '2026-05-08T09:00:00+02:00' }),
  next('all done with the MOT', { kind: 'complete', targets: [title('MOT')] }),
  add('yo add haircut sat 11am', { title: 'haircut', dueAt: '2026-05-09T11:00:00+02:00' }),
  add('ugh the brakes are grinding again. book the car in at the garage saturday', { title: 'book the car in at the garage', dueAt: '2026-05-09T09:00:00+02:00' }),
  add('top up the mpesa float first thing tomorrow', { title: 'top up the mpesa float', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('book flights to Lisbon!!', { title: 'book flights to Lisbon', priority: 'high' }),
  next('finished it!!', { kind: 'complete', targets: [it] }),
  update('set it for saturday at 10am and make it !!', it, { priority: 'high' }),
  add('send invoice to Mr. Karimi tomorrow', { title: 'send invoice to Mr. Karimi', dueAt: '2026-05-07T09:00:00+02:00' }),
  next('forget about the haircut, not going anymore', { kind: 'delete', targets: [title('haircut')] }),
  next("never mind, we're not going anymore. get rid of it", { kind: 'delete', targets: [it] }),
  next('finished the sunscreen one', { kind: 'complete', targets: [title('sunscreen')] }),
  update('oh and it needs to go by friday', it, { dueAt: '2026-05-08T09:00:00+02:00' }),
  next('remind me friday at 6pm too', { kind: 'remind', target: it, at: '2026-05-08T18:00:00+02:00' }),
  { message: 'what time is it in Tokyo right now?', expect: { kind: 'unknown' } },
  { message: 'got any good lasagne recipes?', expect: { kind: 'unknown' } },
  { message: 'hello! how are you doing today?', expect: { kind: 'greeting' } },
  { message: 'is the report done yet?', expect: { kind: 'show', target: title('report') } },
  { message: 'when am i calling grandma?', expect: { kind: 'show', target: title('calling grandma') } },
];
