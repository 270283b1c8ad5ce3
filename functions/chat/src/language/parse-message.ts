import { addIntent } from './add-intent';
import { bulkIntent } from './bulk-intents';
import type { Intent, ParseContext } from './intent';
import { listIntent } from './list-intent';
import { remindIntent } from './remind-intent';
import { smallTalk } from './small-talk';
import { normalize, tidy, withoutCourtesy } from './text';
import { updateIntent } from './update-intent';

/** Longer messages are refused rather than parsed (the date parser's cost grows with the text). */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * Understands one chat message relative to `context.now` in `context.timeZone`. Pure: no I/O and no
 * clock of its own. References to tasks ("it", "2", "the dentist") are left for the caller to resolve.
 *
 * @example parseMessage('add buy milk tomorrow at 5pm #shopping', { now, timeZone: 'Europe/Berlin' })
 */
export function parseMessage(message: string, context: ParseContext): Intent {
  if (message.length > MAX_MESSAGE_LENGTH) return { kind: 'unknown', reason: `that message is too long (${MAX_MESSAGE_LENGTH} characters at most)` };
  const normalized = normalize(message);
  if (/^\?+$/.test(normalized)) return { kind: 'help' };
  const text = tidy(withoutCourtesy(tidy(normalized)));
  if (text === '') return { kind: 'unknown', reason: 'the message is empty' };
  return (
    smallTalk(text) ??
    remindIntent(text, context) ??
    updateIntent(text, context) ??
    bulkIntent(text) ??
    listIntent(text, context) ??
    addIntent(text, context) ?? { kind: 'unknown', reason: 'I could not tell what to do' }
  );
}
