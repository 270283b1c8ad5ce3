import { add, type CorpusEntry, it, next, title, update } from './corpus-entry';

/**
 * Careful writers in whole sentences (the clock: Wednesday 2026-05-06 10:00 in Berlin): a request with
 * the reason or context in sentences of its own, polite forms ("I'd like a task to…", "would you note
 * that I need to…"), a priority said of the task, quoted titles with words around them, and reports of
 * what was done beside the request to tick it off.
 */
export const fullSentencesCorpus: CorpusEntry[] = [
  add('Could you add a task to service the boiler on Friday? The engineer is only free that day.', { title: 'service the boiler', dueAt: '2026-05-08T09:00:00+02:00' }),
  add('Please order more printer paper by Monday; we are down to the last ream.', { title: 'order more printer paper', dueAt: '2026-05-11T09:00:00+02:00' }),
  add('Please add: chase the unpaid invoice from Harlow Ltd, p2. They have ignored two emails already.', { title: 'chase the unpaid invoice from Harlow Ltd', priority: 'high' }),
  add('Would you add a task to book the annual boiler check? Due Thursday at 9am, please.', { title: 'book the annual boiler check', dueAt: '2026-05-07T09:00:00+02:00' }),
  add('Please add a task to draft the staff rota; I would like it due this Friday at noon.', { title: 'draft the staff rota', dueAt: '2026-05-08T12:00:00+02:00' }),
  add('I have a hearing test on 14 October 2031 at 9:40; would you please put it on my list?', { title: 'hearing test', dueAt: '2031-10-14T09:40:00+02:00' }),
  add("I'd like a task to file the VAT return by 7 August 2031, tagged finance and with high priority.", { title: 'file the VAT return', tags: ['finance'], priority: 'high' }),
  add("I'd like to add something to my list: renew the fire certificate by the 30th.", { title: 'renew the fire certificate' }),
  add("I'd like a recurring task to check the first-aid box every other Monday at 8am.", { title: 'check the first-aid box', recurrence: { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO' } }),
  add('Please add an urgent task to replace the broken lock on the side gate.', { title: 'replace the broken lock on the side gate', priority: 'urgent' }),
  add('Please add a low-priority task to sort the lost property box.', { title: 'sort the lost property box', priority: 'low' }),
  add('Please remember that I have to collect the keys from the agent on Saturday at 11.', { title: 'collect the keys from the agent', dueAt: '2026-05-09T11:00:00+02:00' }),
  add('Would you note that I need to find out whether the projector has been fixed?', { title: 'find out whether the projector has been fixed' }),
  add("Kindly add 'update the emergency contact sheet', with no date and low priority.", { title: 'update the emergency contact sheet', priority: 'low', dueAt: undefined }),
  add("Would you please add the item 'return the borrowed ladder' for tomorrow at 6pm?", { title: 'return the borrowed ladder', dueAt: '2026-05-07T18:00:00+02:00' }),
  add("Please add 'check the gutters' with a due date of 12 September 2031.", { title: 'check the gutters', dueAt: '2031-09-12T09:00:00+02:00' }),
  add("Would you add 'prepare the board pack' to my list with the tags #board and #q3, due on 1 July 2031?", { title: 'prepare the board pack', tags: ['board', 'q3'] }),
  add('Please add a task for Thursday the 7th of May at 1pm: lunch with the auditors.', { title: 'lunch with the auditors', dueAt: '2026-05-07T13:00:00+02:00' }),
  add('Please add a task to renew the alarm contract on 3 March 2032; I do not need any reminder for it.', { title: 'renew the alarm contract', reminders: [] }),
  add('Remind me in 20 minutes to move the washing to the dryer, would you?', { title: 'move the washing to the dryer' }),
  { message: 'Who painted the Girl with a Pearl Earring? My niece asked me this morning.', expect: { kind: 'unknown' } },
  { message: 'Could you tell me what the weather will be like in Leeds tomorrow? I might walk to work.', expect: { kind: 'unknown' } },
  { message: 'How many tasks do I have at the moment?', expect: { kind: 'list' } },
  next('Could you remind me what I have due on Friday?', { kind: 'list' }),
  next('Thank you kindly; that is all for now.', { kind: 'thanks' }),
  update('Sorry, could you move it to Monday? The venue has double-booked.', it, { dueAt: '2026-05-11T09:00:00+02:00', keepTimeOfDay: true }),
  update('That one matters a lot; could you mark it as urgent?', it, { priority: 'urgent' }),
  update('Lower the priority to low, would you? Nobody is waiting on it.', it, { priority: 'low' }),
  update('Add the tag #estate to it, please, and make it high priority.', it, { addTags: ['estate'], priority: 'high' }),
  update('Actually, can we say Friday at 4 p.m. instead? The client is travelling.', it, { dueAt: '2026-05-08T16:00:00+02:00' }),
  update('Please stop that from repeating; just keep the next one.', it, { recurrence: null }),
  update('Actually, make the reminder 30 minutes before instead of at the time itself.', it, { reminders: ['PT30M'] }),
  next('Scratch that, please; the meeting was called off.', { kind: 'delete', targets: [it] }),
  next("I've posted the cheque and it should arrive Monday; you can tick that off.", { kind: 'complete', targets: [{ kind: 'title', text: 'post the cheque', orIt: true }] }),
  next('Please mark the alarm test as done; the engineer came by early.', { kind: 'complete', targets: [title('alarm test')] }),
  next('The brochures have gone to the printer, so that one is complete.', { kind: 'complete', targets: [it] }),
  next("That's done now, thank you; I managed to fit it in before lunch.", { kind: 'complete', targets: [it] }),
  next('Actually, I paid it online already; please remove the task rather than marking it done.', { kind: 'delete', targets: [it] }),
  add('Please add a task to book the minibus; I would like it due on Monday at noon.', { title: 'book the minibus', dueAt: '2026-05-11T12:00:00+02:00' }),
  update('Actually, can we say Monday at 9 a.m. instead? The director wants it earlier.', it, { dueAt: '2026-05-11T09:00:00+02:00' }),
  add('Piano lesson is at 4 tomorrow. Remind me an hour before.', { title: 'Piano lesson', dueAt: '2026-05-07T16:00:00+02:00', reminders: ['PT1H'] }),
  { message: "I've returned the library books; could you mark it as done?", expect: { kind: 'complete', targets: [{ kind: 'title', text: 'return the library books', orIt: true }] } },
];
