import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { backgroundGate } from './background-gate';

/** An app whose `/slow` request is handled until `release()` is called. */
function appWith(gate: ReturnType<typeof backgroundGate>) {
  let release = () => {};
  const app = new Hono();
  app.use(gate.middleware);
  app.get('/slow', async (c) => {
    await new Promise<void>((resolve) => (release = resolve));
    return c.text('done');
  });
  app.get('/stream', () => new Response(new ReadableStream({ start: () => {} }), { headers: { 'content-type': 'text/event-stream' } }));
  return { app, release: () => release() };
}

describe('the background gate', () => {
  it('holds background work while a request is handled and runs it when the request ends', async () => {
    const gate = backgroundGate({ maxWaitMs: 5_000 });
    const { app, release } = appWith(gate);
    const request = app.request('/slow');
    await sleep(5);
    const order: string[] = [];
    const work = gate.run(async () => order.push('work'));
    await sleep(30);
    expect(order).toEqual([]);
    order.push('request ends');
    release();
    await Promise.all([request, work]);
    expect(order).toEqual(['request ends', 'work']);
  });

  it('runs work at once when nothing is handled, and a streamed body does not hold it', async () => {
    const gate = backgroundGate({ maxWaitMs: 5_000 });
    const { app } = appWith(gate);
    const stream = await app.request('/stream');
    expect(stream.status).toBe(200);
    const started = Date.now();
    await expect(gate.run(async () => 'ran')).resolves.toBe('ran');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('runs the work anyway once it has waited maxWaitMs, so requests cannot starve it', async () => {
    const gate = backgroundGate({ maxWaitMs: 40 });
    const { app, release } = appWith(gate);
    const request = app.request('/slow');
    await sleep(5);
    let ran = false;
    await gate.run(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    release();
    await request;
  });

  it('runs one piece at a time, in the order queued, and a failure does not stop the next', async () => {
    const gate = backgroundGate({ maxWaitMs: 1_000 });
    const log: string[] = [];
    const piece = (name: string, fail = false) =>
      gate.run(async () => {
        log.push(`${name} start`);
        await sleep(10);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([piece('a'), piece('b', true), piece('c')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs pieces that waited maxWaitMs side by side, so work does not pile up behind requests', async () => {
    const gate = backgroundGate({ maxWaitMs: 30 });
    const { app, release } = appWith(gate);
    const request = app.request('/slow');
    await sleep(5);
    let running = 0;
    let most = 0;
    const piece = () =>
      gate.run(async () => {
        most = Math.max(most, ++running);
        await sleep(40);
        running--;
      });
    await Promise.all([piece(), piece(), piece()]);
    expect(most).toBe(3);
    release();
    await request;
  });
});
