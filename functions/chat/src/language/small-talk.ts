import type { Intent } from './intent';

const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|hallo|greetings|good (?:morning|afternoon|evening|day))(?:\s+(?:there|bot|again|everyone|friend))?$/i;
const THANKS = /^(?:(?:ok(?:ay)?|great|perfect|cool|nice|awesome|got it)[\s,]+)?(?:thanks|thank you|thx|ty|cheers|much appreciated)(?:\s+(?:there|bot|again|so much|a lot|very much|everyone|friend))?$/i;
const HELP = /^(?:help(?: me| please)?|\?+|what can you do|what do you do|what can i (?:say|do|ask)|how does (?:this|it) work|how (?:do|does|can) i .+|commands|examples|usage|instructions)$/i;
const REMINDERS = /^(?:(?:what|which|show|list|any|see|view|check|my|upcoming|all|do i have|are there)\b[^#\d]+\breminders?\b[^#\d]*|reminders|when will you remind me|what will you remind me (?:of|about))$/i;
const NOTIFICATIONS = /^(?:(?:what|which|show|list|any|see|view|check|my|all|do i have|are there|new)\b[^#\d]+)?\b(?:notifications?|alerts)\b[^#\d]*$|^what did i miss$/i;

/** Thanks (checked before courtesy words are cut: "great, thanks" is thanks, not "great"). */
export const isThanks = (text: string) => THANKS.test(text);

/** Greetings, help, and the reminder and notification lists: whole-message phrases only. */
export function smallTalk(text: string): Intent | undefined {
  if (GREETING.test(text)) return { kind: 'greeting' };
  if (HELP.test(text)) return { kind: 'help' };
  if (NOTIFICATIONS.test(text)) return { kind: 'list-notifications' };
  if (REMINDERS.test(text)) return { kind: 'list-reminders' };
  return undefined;
}
