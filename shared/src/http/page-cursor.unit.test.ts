import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from './opaque-cursor';
import { pageCursor } from './page-cursor';
import { Problem } from './problem';

const cursor = pageCursor(z.object({ at: z.number().check(z.int(), z.minimum(0)), id: z.uuid() }), 'is not one this server issued for this list');
const ID = '01962f3a-0000-7000-8000-000000000001';

function refusal(value: string) {
  try {
    cursor.decode(value);
  } catch (error) {
    return error instanceof Problem ? { status: error.status, errors: error.errors } : error;
  }
  throw new Error('expected a refusal');
}

describe('pageCursor', () => {
  it('gives back the position it encoded, opaque to the client', () => {
    const encoded = cursor.encode({ at: 42, id: ID });
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.decode(encoded)).toEqual({ at: 42, id: ID });
  });

  it.each([
    ['not base64url JSON', '%%%'],
    ['JSON of another shape', encodeCursor({ at: 'soon', id: ID })],
    ['a position out of range', encodeCursor({ at: -1, id: ID })],
    ['a JSON array', encodeCursor([42, ID])],
    ['JSON nested past any cursor', encodeCursor(JSON.parse('['.repeat(200) + ']'.repeat(200)))],
  ])('refuses %s with a 400 naming the cursor', (_what, value) => {
    expect(refusal(value)).toEqual({ status: 400, errors: [{ field: 'cursor', message: 'is not one this server issued for this list' }] });
  });
});
