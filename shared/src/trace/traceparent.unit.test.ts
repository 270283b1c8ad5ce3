import { describe, expect, it } from 'vitest';
import { childTraceparent, continueTrace, isTraceparent, newTraceparent, traceIdOf } from './traceparent';

describe('traceparent', () => {
  it('creates valid W3C values', () => {
    expect(isTraceparent(newTraceparent())).toBe(true);
  });

  it('rejects malformed and all-zero ids', () => {
    expect(isTraceparent('00-abc-def-01')).toBe(false);
    expect(isTraceparent(`00-${'0'.repeat(32)}-${'1'.repeat(16)}-01`)).toBe(false);
    expect(isTraceparent(undefined)).toBe(false);
  });

  it('keeps the trace id across a child span', () => {
    const parent = newTraceparent();
    const child = childTraceparent(parent);
    expect(traceIdOf(child)).toBe(traceIdOf(parent));
    expect(child).not.toBe(parent);
  });

  it('continues a valid incoming trace and replaces an invalid one', () => {
    const parent = newTraceparent();
    expect(traceIdOf(continueTrace(parent))).toBe(traceIdOf(parent));
    expect(isTraceparent(continueTrace('garbage'))).toBe(true);
  });
});
