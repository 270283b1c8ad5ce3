import type { Intent } from './intent';
import { parseRef } from './refs';

const SHOW_ONE = [
  /^(?:show|view|open|display|give me|get)\s+(?:me\s+)?(?:the\s+|all\s+the\s+)?(?:details?|info(?:rmation)?|everything)\s+(?:of|for|on|about)\s+(\S.*)$/i,
  /^(?:details?|info(?:rmation)?)\s+(?:of|for|on|about)\s+(\S.*)$/i,
  /^what(?:'s| is)\s+the\s+(?:status|state)\s+of\s+(\S.*)$/i,
  /^tell\s+me\s+(?:more\s+)?about\s+(\S.*)$/i,
  /^(?:show|view|open)\s+(?:me\s+)?((?:task\s+|number\s+|no\.?\s*|#)?\d{1,3}|it|that(?: one)?|this(?: one)?)$/i,
];

/** "show details of 2", "what's the status of the dentist", "tell me about it": one task, in full. */
export function showIntent(text: string): Intent | undefined {
  for (const pattern of SHOW_ONE) {
    const match = pattern.exec(text);
    const target = match ? parseRef(match[1]!) : undefined;
    if (target) return { kind: 'show', target };
  }
  return undefined;
}
