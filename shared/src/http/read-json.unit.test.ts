import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Rfc3339 } from '../contracts/time';
import { createMetrics } from '../metrics/metrics';
import { createHttpApp } from './create-http-app';
import { readJson } from './read-json';

const Body = z.object({ at: z.optional(Rfc3339), text: z.optional(z.string()) });

/** A route that reads its body with readJson and answers what it read, in the app every function uses. */
function given() {
  const app = createHttpApp({ log: pino({ level: 'silent' }), metrics: createMetrics('read-json-test'), maxBodyBytes: 1024 * 1024 });
  app.post('/things', async (c) => {
    const body = await readJson(c, Body);
    return c.json({ at: body.at ? new Date(body.at).toISOString() : null }, 201);
  });
  return (body: string) => app.request('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('readJson', () => {
  it('answers JSON nested 3,000 deep (a 6 KB body) with a 422 problem naming the limit', async () => {
    const response = await given()(`{"text":${nested(3000)}}`);

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      title: 'Unprocessable Content',
      detail: 'the request body nests arrays and objects more than 32 levels deep',
      errors: [{ field: '(body)', message: 'must not nest arrays and objects more than 32 levels deep' }],
    });
  });

  it('answers JSON nested 400,000 deep the same way', async () => {
    const response = await given()(nested(400_000));

    expect([response.status, ((await response.json()) as { detail: string }).detail]).toEqual([422, 'the request body nests arrays and objects more than 32 levels deep']);
  });

  it('lets 32 levels through to the schema, and refuses 33', async () => {
    const post = given();

    const at32 = await post(`{"text":${nested(31)}}`);
    const at33 = await post(`{"text":${nested(32)}}`);

    expect([at32.status, ((await at32.json()) as { errors: unknown }).errors]).toEqual([422, [{ field: 'text', message: 'Invalid input: expected string, received array' }]]);
    expect([at33.status, ((await at33.json()) as { detail: string }).detail]).toEqual([422, 'the request body nests arrays and objects more than 32 levels deep']);
  });

  it('never answers 5xx, whatever JSON it is sent, however deep or wide', async () => {
    const post = given();
    const { json } = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'large', withCrossShrink: true },
        fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.boolean(), fc.constant(null)),
        fc.array(tie('json'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('json'), { maxKeys: 4 }),
      ),
    }));
    const deep = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), json).map(([depth, open, inner]) => {
      const close = open === '[' ? ']' : '}';
      return open.repeat(depth) + JSON.stringify(inner) + close.repeat(depth);
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(json.map((value) => JSON.stringify(value) ?? 'null'), deep), async (body) => {
        const response = await post(body);
        expect(response.status, body.slice(0, 200)).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx for any offset or year in a time field, and reads the ones it accepts as real instants', async () => {
    const post = given();
    const two = (n: number) => String(n).padStart(2, '0');
    const time = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('+', '-', ''), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([year, hour, sign, offsetHours, offsetMinutes]) => `${String(year).padStart(4, '0')}-12-31T${two(hour)}:00:00${sign ? `${sign}${two(offsetHours)}:${two(offsetMinutes)}` : 'Z'}`);
    await fc.assert(
      fc.asyncProperty(time, async (at) => {
        const response = await post(JSON.stringify({ at }));
        expect(response.status, at).toBeLessThan(500);
        if (response.status === 201) expect(((await response.json()) as { at: string }).at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
      { numRuns: 1000 },
    );
  });
});
