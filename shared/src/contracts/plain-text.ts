import * as z from 'zod/mini';

// Postgres text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all: both would
// fail deep in a write (a 500) instead of being refused at the edge with the field named.
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_TEXT_MESSAGE = 'must be text without NUL characters or broken unicode';

/** True when `value` can be stored and shown: no NUL characters and no lone surrogates. */
export const isPlainText = (value: string) => !NOT_TEXT.test(value);

/** A string that can be stored and shown: no NUL characters and no lone surrogates. */
export const PlainText = z.string().check(z.refine(isPlainText, NOT_TEXT_MESSAGE));

/** Every place in a parsed JSON value whose string (or key) is not plain text, as dotted field paths. */
export function brokenTextFields(value: unknown, path = ''): { field: string; message: string }[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (typeof value === 'string') return isPlainText(value) ? [] : [{ field: path || '(body)', message: NOT_TEXT_MESSAGE }];
  if (Array.isArray(value)) return value.flatMap((item, index) => brokenTextFields(item, at(String(index))));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    isPlainText(key) ? brokenTextFields(item, at(key)) : [{ field: at(JSON.stringify(key).slice(1, -1)), message: `is a field name that ${NOT_TEXT_MESSAGE.replace('must be', 'is not')}` }],
  );
}
