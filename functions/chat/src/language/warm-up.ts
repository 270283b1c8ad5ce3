import type { Intent } from './intent';
import { parseMessage } from './parse-message';

/** One message down each main path of the parser, with the kind of answer that path gives. */
export const WARM_UP_MESSAGES: readonly (readonly [string, Intent['kind']])[] = [
  ['pick up stamps and envelopes', 'add'],
  ['dentist appt tmrw at 10:30am, remind me 1 hour before #health p1', 'add'],
  ['gym every mon wed fri at 6:30am', 'add'],
  ['pay rent on the 1st of every month', 'add'],
  ['call mum on sunday and buy milk tomorrow', 'add'],
  ['- send the report by thursday\n- book flights to Lisbon !!', 'add'],
  ['what is due this week?', 'list'],
  ['move it to friday at 4pm', 'update'],
  ['on the twenty third at ten past eleven', 'update'],
  ['mark the dentist one as done', 'complete'],
  ['sent the contract ✅', 'complete'],
  ['delete the 2nd one', 'delete'],
  ['remind me about it 2 hours before', 'remind'],
  ['undo', 'undo'],
  ['कल सुबह दूध लाना है', 'unknown'],
  ['comprar leche mañana', 'unknown'],
  ['what is the weather tomorrow?', 'unknown'],
];

/**
 * Parses {@link WARM_UP_MESSAGES} in two zones when the function starts, so a person's first message
 * does not pay for compiling the parser's regular expressions, chrono's parsers and the Intl
 * formatters: about 150 ms on a cold process for what takes about 1 ms warm.
 */
export function warmUpParser(now: Date): void {
  for (const timeZone of ['UTC', 'America/New_York']) {
    for (const [message] of WARM_UP_MESSAGES) parseMessage(message, { now, timeZone, followsTask: true });
  }
}
