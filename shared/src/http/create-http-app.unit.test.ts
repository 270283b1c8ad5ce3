import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../contracts/rule-violation';
import { createMetrics } from '../metrics/metrics';
import { createHttpApp } from './create-http-app';

function app() {
  const created = createHttpApp({ log: pino({ level: 'silent' }), metrics: createMetrics('create-http-app-test'), maxBodyBytes: 1024 });
  const routes = new Hono();
  routes.use('/things/*', async (_c, next) => next());
  routes.get('/things/:id', (c) => c.json({ id: c.req.param('id') }));
  routes.put('/things/:id', (c) => c.body(null, 204));
  routes.post('/things/:id/archive', (c) => c.body(null, 204));
  routes.post('/notes/send', (c) => c.body(null, 201));
  routes.get('/notes/:owner{(?!send$)[^/]+}', (c) => c.json([]));
  routes.post('/rules', () => {
    throw new RuleViolation('dueAt', 'a recurring task needs a due time');
  });
  created.route('/', routes);
  return created;
}

describe('an unserved method (found by Schemathesis: 404 where 405 was due)', () => {
  it.each([
    ['DELETE', '/things/7', 'GET, HEAD, PUT'],
    ['PATCH', '/things/7', 'GET, HEAD, PUT'],
    ['GET', '/things/7/archive', 'POST'],
    ['GET', '/notes/send', 'POST'],
  ])('answers %s %s with a 405 problem whose Allow lists %s', async (method, path, allow) => {
    const response = await app().request(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: path });
  });

  it('still answers 404 for a path no route has, middleware or not', async () => {
    for (const path of ['/nothing', '/things', '/things/7/8']) {
      const response = await app().request(path, { method: 'DELETE' });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('allow')).toBeNull();
    }
  });

  it('serves the methods it lists', async () => {
    expect((await app().request('/things/7', { method: 'HEAD' })).status).toBe(200);
    expect((await app().request('/notes/alice')).status).toBe(200);
  });
});

describe('a rule a function\'s core refuses', () => {
  it('is a 422 problem naming the field, the same for every function', async () => {
    const response = await app().request('/rules', { method: 'POST' });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 422, detail: 'a recurring task needs a due time', errors: [{ field: 'dueAt', message: 'a recurring task needs a due time' }] });
  });
});
