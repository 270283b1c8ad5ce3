import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

/**
 * English as a daily working language but not the first (the clock: Wednesday 2026-05-06 10:00 in
 * Berlin): "the coming friday", "on or before 20th", "last day 10th", "deadline is thursday", "evening 6",
 * "please to remind me", "was moved to", "change to 15th", "put time 19:00 for it", "no need of this".
 */
export const workingEnglishCorpus: CorpusEntry[] = [
  add('pls add buy diesel for generator on the coming friday', { title: 'buy diesel for generator', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('Add to list: take the car to service at Thursday 9:00', { title: 'take the car to service', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('Need to collect the courier from post office day after tomorrow evening 6', { title: 'collect the courier from post office', dueAt: '2026-05-08T18:00:00+02:00' }),
  add('Add pay Meralco bill on or before 20th, urgent', { title: 'pay Meralco bill', dueAt: '2026-05-20T09:00:00+02:00', priority: 'urgent' }),
  add('add task buy present for Ola birthday on 27.05', { title: 'buy present for Ola birthday', dueAt: '2026-05-27T09:00:00+02:00' }),
  add('Add pay the aidat for apartment, last day 10th', { title: 'pay the aidat for apartment', dueAt: '2026-05-10T09:00:00+02:00' }),
  add('add prepare materials for the training, deadline is thursday', { title: 'prepare materials for the training', dueAt: '2026-05-07T09:00:00+02:00' }),
  add("add family dinner at mom's house every saturday night 7", { title: "family dinner at mom's house", dueAt: '2026-05-09T19:00:00+02:00' }),
  add('add pay the natural gas bill every month 15th', { title: 'pay the natural gas bill', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15' } }),
  add('take my meds every night at 22:30', { title: 'take my meds', dueAt: '2026-05-06T22:30:00+02:00' }),
  add("please to remind me to call mother tomorrow evening 7 o'clock", { title: 'call mother', dueAt: '2026-05-07T19:00:00+02:00' }),
  add('remind me to buy flowers for my wife on 20/10, remind me one day before also', { title: 'buy flowers for my wife', reminders: ['P1D'] }),
  add('watch The Day After Tomorrow with the kids', { title: 'watch The Day After Tomorrow with the kids', dueAt: undefined }),
  add('call April about the lease renewal', { title: 'call April about the lease renewal', dueAt: undefined }),
  add('book car servicing tagged car, low priority', { title: 'book car servicing', tags: ['car'], priority: 'low' }),
  update('please shift it to the coming monday same time', it, { dueAt: '2026-05-11T09:00:00+02:00', keepTimeOfDay: true }),
  update('the chama meeting was moved to 3pm, kindly update', title('chama meeting'), { timeOfDay: { hour: 15, minute: 0 } }),
  update('change the date to 7th', it, { dayOfMonth: 7 }),
  update('change to 15th and set it as high priority', it, { dayOfMonth: 15, priority: 'high' }),
  update('not tomorrow, make it day after tomorrow', it, { dueAt: '2026-05-08T09:00:00+02:00' }),
  update('put time 19:00 for it', it, { timeOfDay: { hour: 19, minute: 0 } }),
  update('sorry, the futsal is 20:00', title('futsal'), { timeOfDay: { hour: 20, minute: 0 } }),
  update('make it repeat every monday, wednesday and friday', it, { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' } }),
  update('put the tag garden on it', it, { addTags: ['garden'] }),
  update('oops wrong date, 22nd', it, { dayOfMonth: 22 }),
  next('I already paid the IPVA, mark as done', { kind: 'complete', targets: [{ kind: 'title', text: 'IPVA', orIt: true }] }),
  next('remove this task please, my sister will get it', { kind: 'delete', targets: [it] }),
  next("actually don't add that", { kind: 'delete', targets: [it] }),
  { message: 'what are my pending works?', expect: { kind: 'list', filter: { status: 'pending', q: undefined } } },
  { message: 'thank you so much, you are very helpful', expect: { kind: 'thanks' } },
];
