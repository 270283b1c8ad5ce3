import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';
import { OTHER_LANGUAGE } from '../../src/language';

/**
 * How busy people text (the clock: Wednesday 2026-05-06 10:00 in Berlin): misspelt weekdays, rough
 * times, evening plans at a bare hour, mornings in a repeat, a month that says which day, things done
 * said as what happened, and small talk that is no task.
 */
export const textingCorpus: CorpusEntry[] = [
  add('call the landlord re: broken radiator on wendsday', { title: 'call the landlord re: broken radiator', dueAt: '2026-05-06T18:00:00+02:00' }),
  add('Pick up prescription from Boots after work tomorrow, around 6', { title: 'Pick up prescription from Boots after work', dueAt: '2026-05-07T18:00:00+02:00' }),
  add('dinner w/ sam at 7 on friday', { title: 'dinner with sam', dueAt: '2026-05-08T19:00:00+02:00' }),
  add('call the bank at 9 on friday', { title: 'call the bank', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('meditate every morning at 6', { title: 'meditate', dueAt: '2026-05-07T06:00:00+02:00', recurrence: { rrule: 'FREQ=DAILY' } }),
  add('renew passport next month on the 3rd pls, thanks!', { title: 'renew passport', dueAt: '2026-06-03T09:00:00+02:00' }),
  add('remind me every sunday at 8pm to plan the week', { title: 'plan the week', dueAt: '2026-05-10T20:00:00+02:00' }),
  add('add "Sunday roast shopping" to my list for saturday', { title: 'Sunday roast shopping', dueAt: '2026-05-09T09:00:00+02:00' }),
  add('so um I need to book the vet for Biscuit sometime next week', { title: 'book the vet for Biscuit' }),
  add('add weekly report friday at 9am', { title: 'weekly report', dueAt: '2026-05-08T09:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY' } }),
  add('buy milk tmrw @ 5 #groceries', { title: 'buy milk', dueAt: '2026-05-07T17:00:00+02:00', tags: ['groceries'] }),
  add('call grandma every sunday 5p', { title: 'call grandma', dueAt: '2026-05-10T17:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU' } }),
  add('gym tmrw at 6a', { title: 'gym', dueAt: '2026-05-07T06:00:00+02:00' }),
  add('send Ana the photos from the June wedding', { title: 'send Ana the photos from the June wedding', dueAt: undefined }),
  add('fortnightly catch-up with Dev on mondays at 11am', { title: 'fortnightly catch-up with Dev', dueAt: '2026-05-11T11:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO' } }),
  next('nvm she cancelled, remove it', { kind: 'delete', targets: [it] }),
  next('never mind, I\'ll do it myself', { kind: 'delete', targets: [it] }),
  next('actually scratch that, mum\'s getting it', { kind: 'delete', targets: [it] }),
  next('sold the truck, remove the truck one', { kind: 'delete', targets: [title('truck')] }),
  next('checked the fire extinguishers, all fine', { kind: 'complete', targets: [{ kind: 'title', text: 'check the fire extinguishers', orIt: true }] }),
  add('PAY THE WATER BILL ON THE 1ST', { title: 'PAY THE WATER BILL', dueAt: '2026-06-01T09:00:00+02:00' }),
  add('Dentist on The 15th at 3pm', { title: 'Dentist', dueAt: '2026-05-15T15:00:00+02:00' }),
  add('monthly report on the 1st', { title: 'monthly report', dueAt: '2026-06-01T09:00:00+02:00', recurrence: { rrule: 'FREQ=MONTHLY' } }),
  next('set a reminder 1 hour before', { kind: 'remind', target: it, before: 'PT1H' }),
  update('remind me 15 min before and 5 min before too', it, { reminders: ['PT15M', 'PT5M'] }),
  update('actually make the reminder an hour before', it, { reminders: ['PT1H'] }),
  update('actually not that urgent, make it low', it, { priority: 'low' }),
  update("actually it's the vet not the dentist", it, { replaceInTitle: { from: 'dentist', to: 'vet' } }),
  update('make the call 2pm instead', title('call'), { timeOfDay: { hour: 14, minute: 0 } }),
  next('hotfix deployed 👍', { kind: 'complete', targets: [title('hotfix')] }),
  next('I have called the landlord, tick it off', { kind: 'complete', targets: [{ kind: 'title', text: 'landlord', orIt: true }] }),
  { message: 'have I got anything on thursday', expect: { kind: 'list', filter: { dueAfter: '2026-05-07T00:00:00+02:00', dueBefore: '2026-05-08T00:00:00+02:00' } } },
  { message: 'is the dentist still on the 15th?', expect: { kind: 'list', filter: { q: 'dentist' } } },
  { message: 'ugh its raining AGAIN 🙄', expect: { kind: 'unknown' } },
  { message: 'how many days till christmas', expect: { kind: 'unknown' } },
  { message: 'thanks, youre a lifesaver', expect: { kind: 'thanks' } },
  { message: 'bonjour, ça va ?', expect: { ...OTHER_LANGUAGE } },
];
