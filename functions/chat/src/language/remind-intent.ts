import { findDate, withoutDate } from './dates';
import { DURATION } from './durations';
import type { Intent, ParseContext } from './intent';
import { parseRef } from './refs';
import { offsetsIn } from './reminder-phrases';
import { extract, tidy } from './text';

const ABOUT = /^(?:remind me\s+(?:about|of|regarding)|(?:set|add|create|schedule)(?: me)? (?:a |an )?reminder\s+(?:about|of|for|on|to|regarding))\s+(.+)$/i;
const BEFORE_REF = new RegExp(String.raw`^remind me\s+(${DURATION}(?:\s*(?:,|and)\s*${DURATION})*)\s+before\s+(.+)$`, 'i');
const BEFORE = new RegExp(String.raw`\s(${DURATION})\s+(?:before|ahead|earlier|prior)(?:\s+(?:it|that|it'?s due))?$`, 'i');
const AT_DUE = /\s(?:when it'?s due|at the (?:due )?time|on time)$/i;

type Remind = Extract<Intent, { kind: 'remind' }>;

function toRemind(refPhrase: string, when: Omit<Remind, 'kind' | 'target'>): Intent {
  const target = parseRef(tidy(refPhrase).replace(/\s+(?:for|at|on|in)$/i, ''));
  if (!target) return { kind: 'unknown', reason: 'say which task to remind you about' };
  return { kind: 'remind', target, ...when };
}

/** "remind me about rent 3 days before", "remind me of 2 tomorrow at 8am", "remind me 2 days before the dentist". */
export function remindIntent(text: string, context: ParseContext): Intent | undefined {
  const beforeRef = BEFORE_REF.exec(text);
  if (beforeRef) return toRemind(beforeRef[2]!, { before: offsetsIn(beforeRef[1]!)[0]! });
  const about = ABOUT.exec(text);
  if (!about) return undefined;
  const rest = ` ${about[1]!}`;
  const before = extract(rest, BEFORE);
  if (before.match) return toRemind(before.rest, { before: offsetsIn(before.match[1]!)[0]! });
  const atDue = extract(rest, AT_DUE);
  if (atDue.match) return toRemind(atDue.rest, { before: 'PT0S' });
  const found = findDate(rest, context);
  if (found) return toRemind(withoutDate(rest, found), { at: found.dueAt });
  return toRemind(rest, {});
}
