import * as z from 'zod/mini';

// Postgres text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all: both would
// fail deep in a write (a 500) instead of being refused at the edge with the field named.
const NOT_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string that can be stored and shown: no NUL characters and no lone surrogates. */
export const PlainText = z.string().check(z.refine((value) => !NOT_TEXT.test(value), 'must be text without NUL characters or broken unicode'));

/** The first `length` characters of `text`, never cutting an emoji or other astral character in half. */
export const firstCharacters = (text: string, length: number) => Array.from(text).slice(0, length).join('');
