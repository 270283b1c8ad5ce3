import { timingSafeEqual } from 'node:crypto';

/** True when `given` equals `expected`, compared in constant time; never true for an empty or missing secret. */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
