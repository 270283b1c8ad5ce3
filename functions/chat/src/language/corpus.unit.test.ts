import { describe, expect, it } from 'vitest';
import { corpus, CORPUS_NOW, CORPUS_ZONE } from '../../test/corpus/corpus';
import { parseMessage } from './parse-message';

type Expected = Record<string, unknown>;

/** `expected` without its `undefined` fields, and the paths of those fields (they must be absent). */
function splitAbsent(expected: Expected, path: string[] = []): { present: Expected; absent: string[][] } {
  const present: Expected = {};
  const absent: string[][] = [];
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) absent.push([...path, key]);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = splitAbsent(value as Expected, [...path, key]);
      present[key] = inner.present;
      absent.push(...inner.absent);
    } else present[key] = value;
  }
  return { present, absent };
}

const at = (value: unknown, path: string[]) => path.reduce<unknown>((node, key) => (node as Expected | undefined)?.[key], value);

describe('the plain-language corpus', () => {
  it('holds at least 300 messages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it.each(corpus.map((entry) => [entry.message.length > 60 ? `${entry.message.slice(0, 57)}...` : entry.message, entry] as const))('understands %j', (_, entry) => {
    const intent = parseMessage(entry.message, { now: new Date(entry.now ?? CORPUS_NOW), timeZone: entry.timeZone ?? CORPUS_ZONE, followsTask: entry.followsTask });
    const { present, absent } = splitAbsent(entry.expect);
    expect(intent).toMatchObject(present);
    for (const path of absent) expect(at(intent, path), `${path.join('.')} should be absent`).toBeUndefined();
  });
});
