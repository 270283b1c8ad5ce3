import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '#shared/http/issue-token';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { uniqueSchema } from '#shared/testing/test-database';
import { localModules } from './modules';

// ajv-formats is CommonJS; depending on the loader its function is the module or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
const SECRET = 'openapi-schemas-test-secret-0123456789';
const DOCUMENT_ID = 'https://todo.test/openapi.json';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-openapi-schemas-'));
let system: RunningSystem;
let valid: (pointer: string, value: unknown) => boolean;
let token: string;
beforeAll(async () => {
  system = await startSystem({
    env: { SERVICE_NAME: 'openapi-schemas-test', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: SECRET, DATABASE_URL: inject('databaseUrl') },
    modules: localModules.map((module) => ({ ...module, schema: uniqueSchema(module.name) })),
    handleSignals: false,
  });
  token = await issueToken({ userId: 'schemas', secret: SECRET, issuer: 'todo-local', audience: 'todo' });
  // The whole document as one schema resource, so the pointers below reach into paths and components alike.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, ...((await (await fetch(`${system.url}/openapi.json`)).json()) as object) });
  valid = (pointer, value) => ajv.validate({ $ref: `${DOCUMENT_ID}#${pointer}` }, value);
});
afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const send = async (method: string, path: string, body: unknown) =>
  (await fetch(`${system.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;

const TASK_ID = '0196b0c0-0000-7000-8000-000000000000';
const body = (path: string, method: string) => `/paths/${path.replaceAll('/', '~1')}/${method}/requestBody/content/application~1json/schema`;

describe('the request schemas of /openapi.json say the rules the server keeps, as JSON Schema can (found by Schemathesis)', () => {
  it.each([
    ['a recurrence without a due time', { title: 'x', recurrence: { rrule: 'FREQ=DAILY', timezone: 'UTC' } }, 422],
    ['a reminder without a due time', { title: 'x', reminders: ['PT5M'] }, 422],
    ['no reminders and no due time', { title: 'x', reminders: [] }, 201],
    ['a tag twice', { title: 'x', tags: ['a', 'a'] }, 422],
    ['a tag of other lower-case letters', { title: 'x', tags: ['ġð-東京'] }, 201],
    ['a tag with an upper-case letter past ASCII', { title: 'x', tags: ['ĕĔ'] }, 422],
    ['a series position a task cannot hold', { title: 'x', series: { id: TASK_ID, index: 2 ** 53 - 1 } }, 422],
    ['a time zone that is no zone name', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Berlin' } }, 422],
    ['a time zone the runtime knows by an alias', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'FREQ=DAILY', timezone: 'Asia/Kolkata' } }, 201],
    ['a daily task in UTC', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'freq=daily;byhour=10', timezone: 'UTC' } }, 201],
    ['a rule that is no RRULE', { title: 'x', dueAt: '2026-05-01T10:00:00Z', recurrence: { rrule: 'FREQ=OFTEN', timezone: 'UTC' } }, 422],
  ])('POST /tasks with %s', async (_case, task, status) => {
    expect(valid(body('/tasks', 'post'), task)).toBe(status === 201);
    expect(await send('POST', '/tasks', task)).toBe(status);
  });

  it.each([
    ['neither remindAt nor before', { taskId: TASK_ID }, false],
    ['both remindAt and before', { taskId: TASK_ID, remindAt: '2030-01-01T09:00:00Z', before: 'PT5M' }, false],
    ['before alone', { taskId: TASK_ID, before: 'PT5M' }, true],
  ])('POST /reminders/schedule with %s', async (_case, request, schemaValid) => {
    expect(valid(body('/reminders/schedule', 'post'), request)).toBe(schemaValid);
    expect(await send('POST', '/reminders/schedule', request)).toBe(schemaValid ? 404 : 422);
  });

  it.each([
    ['a channel twice', '/notifications/send', 'post', { title: 'x', channels: ['in-app', 'in-app'] }, 422],
    ['an empty change', `/tasks/${TASK_ID}`, 'put', {}, 422],
    ['a webhook secret too short', '/notifications/preferences', 'put', { channels: { webhook: { url: 'http://127.0.0.1:9/hook', secret: `whsec_${'A'.repeat(31)}` } } }, 422],
    ['a webhook secret of 64 bytes', '/notifications/preferences', 'put', { channels: { webhook: { url: 'http://127.0.0.1:9/hook', secret: `whsec_${'A'.repeat(86)}==` } } }, 200],
    ['quiet hours in a known zone', '/notifications/preferences', 'put', { channels: {}, quietHours: { start: '22:00', end: '07:00', timezone: 'America/Argentina/Buenos_Aires' } }, 200],
  ])('%s', async (_case, path, method, request, status) => {
    const schemaPath = path.startsWith('/tasks/') ? '/tasks/{id}' : path;
    expect(valid(body(schemaPath, method), request)).toBe(status !== 422);
    expect(await send(method.toUpperCase(), path, request)).toBe(status);
  });
});
