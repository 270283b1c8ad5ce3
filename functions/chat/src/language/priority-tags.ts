import type { Priority } from './intent';
import { extract } from './text';

/** `#tag`, or a Todoist-style `@label` unless it names someone to talk to ("ping @sara"). */
const TAG = /(^|[\s,(])(?:#|(?<!\b(?:ping|call|message|msg|email|e-mail|mail|tell|ask|text|dm|remind|with|to|for|from|cc|and|thank|thanks|meet|invite|reply|see|visit|help|pay|by)\s)@)(\p{L}[\p{L}\p{N}_\-/]*)/iu;
/** "tagged work", "labelled home and garden", "tag: errands": tags in words (one or two). */
const TAGGED = /(?:\btagged|\blabell?ed|\btags?:|(?:,|\band)\s*tag\b(?:\s+it)?)(?:\s+(?:as|with))?\s*(?!it\b)(\p{L}[\p{L}\p{N}_-]*)(?:\s*(?:,|\band\b|&)\s*(?!(?:low|medium|normal|high|urgent)\s+priority\b|with\b|due\b|priority\b)(\p{L}[\p{L}\p{N}_-]*))?/iu;

/**
 * Removes every `#tag` and returns the tags lower-cased, in order, without repeats. A removed tag leaves a
 * space, so "#a#b" holds two tags; the search goes on from that space, never again from the start.
 */
export function findTags(text: string): { tags: string[]; rest: string } {
  const tags = new Set<string>();
  let done = '';
  const tagged = extract(text, TAGGED);
  if (tagged.match) for (const word of [tagged.match[1]!, tagged.match[2]].filter(Boolean)) tags.add(word!.toLowerCase());
  let rest = tagged.rest;
  for (let found = TAG.exec(rest); found; found = TAG.exec(rest)) {
    tags.add(found[2]!.replace(/(?<![-/])[-/]+$/, '').toLowerCase());
    done += `${rest.slice(0, found.index)}${found[1]}`;
    rest = ` ${rest.slice(found.index + found[0].length)}`;
  }
  return { tags: [...tags], rest: done + rest };
}

const LEVEL = String.raw`(low|medium|normal|high|urgent)`;
const normalLevel = (word: string): Priority => {
  const level = word.toLowerCase();
  return level === 'normal' ? 'medium' : (level as Priority);
};

const MARKERS: [RegExp, (match: RegExpExecArray) => Priority][] = [
  [new RegExp(String.raw`(?:^|\s)!${LEVEL}\b`, 'i'), (m) => normalLevel(m[1]!)],
  [new RegExp(String.raw`\b(?:with\s+)?${LEVEL}[\s-]+priority\b`, 'i'), (m) => normalLevel(m[1]!)],
  [new RegExp(String.raw`\bpriority[\s:]+${LEVEL}\b`, 'i'), (m) => normalLevel(m[1]!)],
  [/\bp([1-4])\b/i, (m) => (['urgent', 'high', 'medium', 'low'] as const)[Number(m[1]) - 1]!],
  [/(?:^|,\s*|\(|\s)(?:not\s+(?:urgent|important)|no\s+rush|whenever(?:\s+i\s+can)?|low\s+prio)(?:\s*[:!)]|\s*$|(?=\s*,)|(?=\s+[-–—]\s))/i, () => 'low'],
  [/\bhigh\s+pri(?:o|ority)?\b/i, () => 'high'],
  [/\blow\s+pri\b/i, () => 'low'],
  [/(?:^|,\s*|\(|\bit'?s\s+)(?:very\s+)?urgent(?:ly)?(?:\s*[:!)]|\s*$|(?=\s*,)|(?=\s+[-–—]\s))|(?<=\S)\s+urgent(?:ly)?$/i, () => 'urgent'],
  [/\basap\b/i, () => 'urgent'],
  [/(?:^|,\s*|\(|\bit'?s\s+)(?:very\s+)?important(?:\s*[:!)]|\s*$|(?=\s*,)|(?=\s+[-–—]\s))|(?<=\S)\s+important$/i, () => 'high'],
  [/^URGENT\b/, () => 'urgent'],
  // "urgent fix the leaking tap": the word first, then the task.
  [/^urgent(?=\s+\p{L})/iu, () => 'urgent'],
  [/^important(?=\s+\p{L})/iu, () => 'high'],
  [/(?:,|(?<!\s))\s*\b(?:it\s+)?is\s+(?:very\s+)?urgent$/i, () => 'urgent'],
  [/(?:,|(?<!\s))\s*\b(?:it\s+)?is\s+(?:very\s+)?important$/i, () => 'high'],
];

/** Removes a priority marker ("!high", "high priority", "urgent:", ", it's urgent", "asap") and returns its level. */
export function findPriority(text: string): { priority?: Priority; rest: string } {
  let priority: Priority | undefined;
  let rest = text;
  // "asap !!": the first marker sets the level, the others go from the title too.
  for (const [pattern, level] of MARKERS) {
    const found = extract(rest, pattern);
    if (!found.match) continue;
    priority ??= level(found.match);
    rest = found.rest;
  }
  return priority ? { priority, rest } : { rest: text };
}
