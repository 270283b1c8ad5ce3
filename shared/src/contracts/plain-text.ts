import * as z from 'zod/mini';

// Postgres text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all: both would
// fail deep in a write (a 500) instead of being refused at the edge with the field named.
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_TEXT_MESSAGE = 'must be text without NUL characters or broken unicode';

/** True when `value` can be stored and shown: no NUL characters and no lone surrogates. */
export const isPlainText = (value: string) => !NOT_TEXT.test(value);

/** A string that can be stored and shown: no NUL characters and no lone surrogates. */
export const PlainText = z.string().check(z.refine(isPlainText, NOT_TEXT_MESSAGE));

/** An array or object being walked: the key of the next member, and the key the container has in its parent. */
interface Frame {
  container: unknown[] | Record<string, unknown>;
  /** An object's keys; `null` for an array, whose keys are its indexes. */
  keys: string[] | null;
  next: number;
  key: string;
}

const frameOf = (container: object, key: string): Frame =>
  Array.isArray(container) ? { container, keys: null, next: 0, key } : { container: container as Record<string, unknown>, keys: Object.keys(container), next: 0, key };

/**
 * Every place in a parsed JSON value whose string (or key) is not plain text, as dotted field paths in
 * document order. Walks with its own stack rather than recursion, so no depth or width can overflow
 * the call stack, and spells out a path only for what it reports.
 */
export function brokenTextFields(value: unknown): { field: string; message: string }[] {
  if (typeof value === 'string') return isPlainText(value) ? [] : [{ field: '(body)', message: NOT_TEXT_MESSAGE }];
  if (typeof value !== 'object' || value === null) return [];
  const broken: { field: string; message: string }[] = [];
  const frames = [frameOf(value, '')];
  const pathTo = (key: string) => [...frames.slice(1).map((frame) => frame.key), key].join('.');
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    const size = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.next === size) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index]! : index;
    const item = (frame.container as Record<string | number, unknown>)[key];
    if (typeof key === 'string' && !isPlainText(key)) {
      broken.push({ field: pathTo(JSON.stringify(key).slice(1, -1)), message: `is a field name that ${NOT_TEXT_MESSAGE.replace('must be', 'is not')}` });
    } else if (typeof item === 'string') {
      if (!isPlainText(item)) broken.push({ field: pathTo(String(key)), message: NOT_TEXT_MESSAGE });
    } else if (typeof item === 'object' && item !== null) {
      frames.push(frameOf(item, String(key)));
    }
  }
  return broken;
}
