import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';
import { OTHER_LANGUAGE } from '../../src/language';

const notEnglish = (message: string): CorpusEntry => ({ message, expect: { ...OTHER_LANGUAGE } });

/**
 * How people write on a phone or in a second language (the clock: Wednesday 2026-05-06 10:00 in
 * Berlin): numbers that are names, text-speak, priorities around dashes, reminders at a moment,
 * several things in one message, other languages.
 */
export const everydayCorpus: CorpusEntry[] = [
  // Numbers and words that are part of a name, not a time.
  add('pick up compost from Mitre 10 on the 19th', { title: 'pick up compost from Mitre 10', dueAt: '2026-05-19T09:00:00+02:00' }),
  add('hot water unit install at 14 Banksia St thursday 7:30am', { title: 'hot water unit install at 14 Banksia St', dueAt: '2026-05-07T07:30:00+02:00' }),
  add('add drop keys at 22 elm rd tomorrow', { title: 'drop keys at 22 elm rd', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('review PR 1423 tomorrow', { title: 'review PR 1423', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('book table for 6 friday 7pm', { title: 'book table for 6', dueAt: '2026-05-08T19:00:00+02:00' }),
  add('🎂 pick up cake from 7-eleven sat 10am', { title: '🎂 pick up cake from 7-eleven', dueAt: '2026-05-09T10:00:00+02:00' }),
  add('send the M-Pesa statement to the auditor, tagged finance', { title: 'send the M-Pesa statement to the auditor', tags: ['finance'], dueAt: undefined }),
  add('add mark attendance in the HR portal tomorrow at 9:30', { title: 'mark attendance in the HR portal', dueAt: '2026-05-07T09:30:00+02:00' }),
  add('order more receipt paper for the till !high', { title: 'order more receipt paper for the till', priority: 'high' }),
  add('quarterly OKR check-in may 16 10:00', { title: 'quarterly OKR check-in', dueAt: '2026-05-16T10:00:00+02:00' }),
  add('ring the 2nd floor tenant re the leak thurs 11am', { title: 'ring the 2nd floor tenant re the leak', dueAt: '2026-05-07T11:00:00+02:00' }),
  add('bin night thu 7pm', { title: 'bin night', dueAt: '2026-05-07T19:00:00+02:00' }),
  add('Send the rota to the Saturday team', { title: 'Send the rota to the Saturday team', dueAt: undefined }),
  add('prep slides for mondays meeting by thurs', { title: "prep slides for monday's meeting", dueAt: '2026-05-07T09:00:00+02:00', recurrence: undefined }),
  // Text-speak, second-language conventions and priorities around dashes.
  add('ward round handover 0700 tmrw', { title: 'ward round handover', dueAt: '2026-05-07T07:00:00+02:00' }),
  add('dentist recall in 2 wks', { title: 'dentist recall', dueAt: '2026-05-20T09:00:00+02:00' }),
  add('rmind me 2 call the chemist in 45 mins', { title: 'call the chemist', dueAt: '2026-05-06T10:45:00+02:00' }),
  add('ping me in 10 min to check the oven', { title: 'check the oven', dueAt: '2026-05-06T10:10:00+02:00' }),
  add('renew car rego asap!!', { title: 'renew car rego', priority: 'high' }),
  add('whenever - clean the gutters', { title: 'clean the gutters', priority: 'low' }),
  add('important - reply to the landlords email', { title: 'reply to the landlords email', priority: 'high' }),
  add('Team outing budget approval - high priority - by 21st', { title: 'Team outing budget approval', priority: 'high', dueAt: '2026-05-21T09:00:00+02:00' }),
  add('uni assignment due 20th', { title: 'uni assignment', dueAt: '2026-05-20T09:00:00+02:00' }),
  add('prepare Q3 report for Anil latest by monday', { title: 'prepare Q3 report for Anil', dueAt: '2026-05-11T09:00:00+02:00' }),
  add('I need to remember to renew the domain by the 15th', { title: 'renew the domain', dueAt: '2026-05-15T09:00:00+02:00' }),
  add('Would you kindly add that I must collect my prescription from the chemist on Tuesday.', { title: 'collect my prescription from the chemist', dueAt: '2026-05-12T09:00:00+02:00' }),
  add('kindly do the needful and add a task to share the audit checklist with Suresh by friday', { title: 'share the audit checklist with Suresh', dueAt: '2026-05-08T09:00:00+02:00' }),
  add("Please remind me at 9 o'clock on Saturday morning to telephone my sister.", { title: 'telephone my sister', dueAt: '2026-05-09T09:00:00+02:00' }),
  add('pay rent 1st of each month', { title: 'pay rent', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' } }),
  add('our anniversary every yr 3 sept', { title: 'our anniversary', dueAt: '2026-09-03T09:00:00+02:00', recurrence: { rrule: 'FREQ=YEARLY' } }),
  // A new task and a change to it in one message.
  add('book mot for the van tmrw, tag it work', { title: 'book mot for the van', dueAt: '2026-05-07T09:00:00+02:00', tags: ['work'] }),
  add('sort the garage, make it low priority', { title: 'sort the garage', priority: 'low' }),
  // Reminders said as a moment, not an offset.
  add('spray fruit trees saturday 8am, remind me friday at 6pm', { title: 'spray fruit trees', dueAt: '2026-05-09T08:00:00+02:00', reminders: ['PT14H'] }),
  add('Vaccination clinic Friday 08:00, remind me at 07:00', { title: 'Vaccination clinic', reminders: ['PT1H'] }),
  add('call the pharmacy tomorrow at 3pm, remind me 10 minutes before and again at 3', { title: 'call the pharmacy', reminders: ['PT10M', 'PT0S'] }),
  add('release sign-off thu 16:00, remind me at 9am that day', { title: 'release sign-off', dueAt: '2026-05-07T16:00:00+02:00', reminders: ['PT7H'] }),
  add('pay rent on the 15th, remind me the day before at 6pm', { title: 'pay rent', dueAt: '2026-05-15T09:00:00+02:00', reminders: ['PT15H'] }),
  add('call the bank, remind me at 2pm', { title: 'call the bank', dueAt: '2026-05-06T14:00:00+02:00', reminders: ['PT0S'] }),
  next('remind me at 7am', { kind: 'remind', target: it, onDueDay: { dayShift: 0, hour: 7, minute: 0 } }),
  next('set a reminder for 9am the same day', { kind: 'remind', target: it, onDueDay: { dayShift: 0, hour: 9, minute: 0 } }),
  next('remind me about it at 8am on the day', { kind: 'remind', target: it, onDueDay: { dayShift: 0, hour: 8, minute: 0 } }),
  next('ping me the day before at 6pm', { kind: 'remind', target: it, onDueDay: { dayShift: -1, hour: 18, minute: 0 } }),
  next('remind me friday at 6pm', { kind: 'remind', target: it, at: '2026-05-08T18:00:00+02:00' }),
  next('and also 5 min before', { kind: 'remind', target: it, before: 'PT5M' }),
  // Follow-ups in passing.
  update('make the second one p1', { kind: 'index', index: 2 }, { priority: 'urgent' }),
  update('prepone the meeting to 11:00', title('meeting'), { timeOfDay: { hour: 11, minute: 0 } }),
  update('Would you be able to move the vendor call to friday?', title('vendor call'), { dueAt: '2026-05-08T09:00:00+02:00', keepTimeOfDay: true }),
  update('extend the deadline till thursday', it, { dueAt: '2026-05-07T09:00:00+02:00', keepTimeOfDay: true }),
  update("it's actually due on the 22nd", it, { dueAt: '2026-05-22T09:00:00+02:00', keepTimeOfDay: true }),
  update('actually no date for that one, just keep it on the list', it, { dueAt: null }),
  update('not important tbh', it, { priority: 'low' }),
  update('stop repeating it, just this sunday', it, { recurrence: null }),
  update('actually just this sat, dont repeat it', it, { dueAt: '2026-05-09T09:00:00+02:00', recurrence: null }),
  update('the time is 9:40, I made mistake', it, { timeOfDay: { hour: 9, minute: 40 } }),
  update('move the dentist to 18:00', title('dentist'), { timeOfDay: { hour: 18, minute: 0 } }),
  // Done and deleted, in passing.
  next("I've called the landlord", { kind: 'complete', targets: [title('call the landlord')] }),
  next('called', { kind: 'complete', targets: [title('call')] }),
  next("report's done ✅", { kind: 'complete', targets: [title('report')] }),
  next('nvm dont need the nappies anymore', { kind: 'delete', targets: [title('nappies')] }),
  next('oops didnt mean to add that, remove pls', { kind: 'delete', targets: [it] }),
  next('no need for the cake order anymore, remove it', { kind: 'delete', targets: [title('cake order')] }),
  next('Please delete the task about the bank; my son has done it for me.', { kind: 'delete', targets: [title('bank')] }),
  { message: "which tasks don't have a due date?", expect: { kind: 'list', filter: { hasDue: false } } },
  // Other languages: an answer, never a task.
  notEnglish('hola, me puedes ayudar?'),
  notEnglish('wie spät ist es?'),
  notEnglish('Me lembra de pagar o boleto amanhã às 10h'),
  notEnglish('mujhe kal subah 9 baje doodh lena hai, yaad dila dena'),
  notEnglish('Paalalahanan mo ako bukas na magbayad ng kuryente'),
  notEnglish('acheter du pain demain'),
  add('Appointment at Bürgeramt on 14 may 8:40', { title: 'Appointment at Bürgeramt', dueAt: '2026-05-14T08:40:00+02:00' }),
];
