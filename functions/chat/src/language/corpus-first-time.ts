import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

const unknown = (message: string): CorpusEntry => ({ message, expect: { kind: 'unknown' } });

/**
 * How people new to the chat put things (the clock: Wednesday 2026-05-06 10:00 in Berlin): wishes
 * and worries, a greeting or "thanks!" first, ISO dates, announced lists, follow-ups that depend on the task.
 */
export const firstTimeCorpus: CorpusEntry[] = [
  add('hmm what else... oh yes, the car needs a service before the 20th', { title: 'the car needs a service', dueAt: '2026-05-20T09:00:00+02:00' }),
  add('I really should call grandma on sunday', { title: 'call grandma', dueAt: '2026-05-10T09:00:00+02:00' }),
  add('I keep forgetting to renew my library card', { title: 'renew my library card', dueAt: undefined }),
  add('can you make sure I send the invoice to Marco tomorrow at 10am', { title: 'send the invoice to Marco', dueAt: '2026-05-07T10:00:00+02:00' }),
  add("there's a parents' evening on friday at 6pm", { title: "parents' evening", dueAt: '2026-05-08T18:00:00+02:00' }),
  add('Good afternoon. I would like to schedule a call with the accountant on 14 February 2027 at 11:00.', { title: 'a call with the accountant', dueAt: '2027-02-14T11:00:00+01:00' }),
  add("I'm worried I'll miss the visa deadline, it's on the 28th", { title: 'the visa deadline', dueAt: '2026-05-28T09:00:00+02:00' }),
  add('ok so tomorrow I need to ring the council about the bins at 9', { title: 'ring the council about the bins', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('thanks! also add get a birthday card for mum on the 8th', { title: 'get a birthday card for mum', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('right — pick up the prescription on monday', { title: 'pick up the prescription', dueAt: '2026-05-11T09:00:00+02:00' }),
  add("plan the New Year's Eve party by 2026-12-20", { title: "plan the New Year's Eve party", dueAt: '2026-12-20T09:00:00+01:00' }),
  add('Please add the following: submit the expense report by 2027-01-31, high priority.', { title: 'submit the expense report', dueAt: '2027-01-31T09:00:00+01:00', priority: 'high' }),
  add('mark the year 3 spelling tests by thursday', { title: 'mark the year 3 spelling tests', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('piano practice twice a week on mon and thu at 5pm', { title: 'piano practice', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' } }),
  add('dentist on friday at 10am, give me a heads up an hour before', { title: 'dentist', reminders: ['PT1H'] }),
  add('call with the architect tomorrow at 3pm — nudge me 30 minutes before', { title: 'call with the architect', reminders: ['PT30M'] }),
  next('and a reminder 15 min before please', { kind: 'remind', target: it, before: 'PT15M' }),
  update("actually I don't need any reminder for that", it, { reminders: [] }),
  update('push the dentist to 4', title('dentist'), { timeOfDay: { hour: 4, minute: 0, eitherHalf: true } }),
  update('can the haircut be on thursday instead', title('haircut'), { dueAt: '2026-05-07T09:00:00+02:00', keepTimeOfDay: true }),
  update("it's not urgent anymore", it, { priority: 'low' }),
  update('actually the deadline is 2027-02-26', it, { dueAt: '2027-02-26T09:00:00+01:00', keepTimeOfDay: true }),
  update('add #work and #q3 to it', it, { addTags: ['work', 'q3'] }),
  update('no, the 15th', it, { dayOfMonth: 15 }),
  update("move Maya's swimming to wednesdays", title("Maya's swimming"), { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE' } }),
  next("I've handled the insurance thing", { kind: 'complete', targets: [title('the insurance thing')] }),
  next('crossed off the car service', { kind: 'complete', targets: [title('the car service')] }),
  next('scratch the concert tickets', { kind: 'delete', targets: [title('concert tickets')] }),
  next("I'm not going to fix the brakes, just remove it", { kind: 'delete', targets: [title('fix the brakes')] }),
  next('nah, forget about the bathroom', { kind: 'delete', targets: [title('bathroom')] }),
  { message: 'what am I doing tomorrow?', expect: { kind: 'list', filter: { dueAfter: '2026-05-07T00:00:00+02:00' } } },
  { message: "what's on for the kids tomorrow", expect: { kind: 'list', filter: { q: 'kids', dueAfter: '2026-05-07T00:00:00+02:00' } } },
  add('watch the Friday night match replay on saturday', { title: 'watch the Friday night match replay', dueAt: '2026-05-09T09:00:00+02:00' }),
  add("read 'Tomorrow and Tomorrow and Tomorrow' by the 30th", { title: "read 'Tomorrow and Tomorrow and Tomorrow'", dueAt: '2026-05-30T09:00:00+02:00' }),
  { message: 'ok let me think', expect: { kind: 'pause' } },
  unknown('ashita haisha ni iku no wo wasurenaide ne'),
  unknown('yarın annemi aramayı unutma'),
  unknown('przypomnij mi jutro o zakupach'),
  unknown('Nhắc tôi mua sữa cho con vào ngày mai'),
  unknown('Bonjour ! Quelle heure est-il à Paris ?'),
];
