import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTraceparent, newTraceparent } from '../trace/traceparent';
import { TRACEPARENT_PATTERN } from './json-schema';

const hex = (length: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length }),
    fc.constant('0'.repeat(length)),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF-'), minLength: length - 1, maxLength: length + 1 }),
  );

describe('the traceparent pattern of the document', () => {
  it('accepts exactly what isTraceparent accepts', () => {
    const pattern = new RegExp(TRACEPARENT_PATTERN);
    const candidates = fc.tuple(fc.constantFrom('00', '01', 'ff'), hex(32), hex(16), hex(2)).map((parts) => parts.join('-'));

    fc.assert(fc.property(candidates, (candidate) => pattern.test(candidate) === isTraceparent(candidate)));
    expect(pattern.test(newTraceparent())).toBe(true);
  });
});
