import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { inspectRoutes } from 'hono/dev';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openApiDocument } from '#shared/http/openapi/openapi-document';
import type { FunctionModule } from '#shared/runtime/function-module';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { uniqueSchema } from '#shared/testing/test-database';
import { apiReference, type OpenApi } from '../scripts/openapi/api-reference';
import { documentText } from '../scripts/openapi/write-openapi';
import { startReminderKit } from '../functions/reminder/test/reminder-test-kit';
import { localModules } from './modules';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-openapi-'));
const running: RunningSystem[] = [];
afterAll(async () => {
  for (const system of running.splice(0)) await system.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Document = { openapi: string; paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>> };

async function served(modules: FunctionModule[]): Promise<{ system: RunningSystem; document: Document }> {
  const system = await startSystem({
    env: { SERVICE_NAME: 'openapi-test', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: 'openapi-test-secret-0123456789abcdef', DATABASE_URL: inject('databaseUrl') },
    modules: modules.map((module) => ({ ...module, schema: uniqueSchema(module.name) })),
    handleSignals: false,
  });
  running.push(system);
  const response = await fetch(`${system.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { system, document: (await response.json()) as Document };
}

/** `GET /tasks/{id}` → `GET /tasks/:id`, as the app registers it. */
const documented = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));

/** The registered routes, a route of any method (`ALL /mcp`) standing for the methods the document gives it. */
function registered(system: RunningSystem, described: string[]): string[] {
  return [...new Set(system.routes().flatMap((route) => {
    const [method, pattern] = route.split(' ') as [string, string];
    // A parameter's own pattern (`:userId{…}`) is the router's business; the document names the parameter.
    const path = pattern.replace(/(:\w+)\{[^}]*\}/g, '$1');
    return method === 'ALL' ? described.filter((entry) => entry.endsWith(` ${path}`)) : [`${method} ${path}`];
  }))];
}

type Link = { operationId: string; parameters?: Record<string, string>; requestBody?: Record<string, string> };
type Operation = { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, { links?: Record<string, Link>; 'x-rules'?: Record<string, string> }> };
const operationsOf = (document: Document) => new Map(Object.values(document.paths).flatMap((item) => Object.values(item) as unknown as Operation[]).map((operation) => [operation.operationId, operation]));

/** Every link leads to an operation of this document and names parameters (`header.If-Match`: in a header) it takes. */
function expectLinksResolve(document: Document) {
  const operations = operationsOf(document);
  for (const operation of operations.values()) {
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [name, link] of Object.entries(response.links ?? {})) {
        const from = `${operation.operationId} ${status} ${name}`;
        const target = operations.get(link.operationId);
        expect(target, from).toBeDefined();
        for (const parameter of Object.keys(link.parameters ?? {})) {
          const [where, named] = parameter.includes('.') ? parameter.split('.') : [undefined, parameter];
          expect(target!.parameters?.some((declared) => declared.name === named && (where === undefined || declared.in === where)), `${from}: ${parameter}`).toBe(true);
        }
        if (link.requestBody) expect(target!.requestBody, from).toBeDefined();
      }
    }
  }
}

async function expectValid(document: Document) {
  const validator = new Validator();
  const result = await validator.validate(document as unknown as Parameters<Validator['validate']>[0]);
  expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

describe('GET /openapi.json', () => {
  it('describes exactly the routes the one-process system serves, as a valid OpenAPI 3.1 document', async () => {
    const { system, document } = await served(localModules);
    await expectValid(document);
    const described = documented(document);
    expect(described.sort()).toEqual(registered(system, described).sort());
    expect(described).toEqual(expect.arrayContaining(['POST /tasks', 'GET /tasks/:id', 'GET /openapi.json', 'POST /chat', 'POST /mcp']));
    // The event routes belong to a function run alone; the one-process system delivers in memory.
    expect(described.some((entry) => entry.endsWith(' /events'))).toBe(false);
    expectLinksResolve(document);
  });

  it("links a created task to reading, changing, completing and deleting it, and lists on 422 the rules its schemas cannot say", async () => {
    const operations = operationsOf((await served(localModules)).document);
    const created = operations.get('createTask')!.responses['201']!.links!;
    expect(created).toMatchObject({
      read: { operationId: 'getTask', parameters: { id: '$response.body#/id' } },
      change: { operationId: 'updateTask', parameters: { id: '$response.body#/id', 'header.If-Match': '"{$response.body#/version}"' } },
      complete: { operationId: 'completeTask' },
      delete: { operationId: 'deleteTask' },
      remind: { operationId: 'scheduleReminder', requestBody: { taskId: '$response.body#/id' } },
    });
    expect(operations.get('getTask')!.responses['200']!.links!.change!.parameters).toEqual({ id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' });
    expect(Object.keys(operations.get('updateTask')!.responses['422']!['x-rules']!)).toEqual(['dueAt', 'reminders', 'recurrence.rrule', 'recurrence.timezone']);
    expect(Object.keys(operations.get('listHistory')!.responses['422']!['x-rules']!)).toEqual(['to']);
    const withRules = [...operations.values()].filter((operation) => Object.values(operation.responses).some((response) => response['x-rules']));
    for (const operation of withRules) expect(Object.keys(operation.responses).filter((status) => operation.responses[status]!['x-rules']), operation.operationId).toEqual(['422']);
  });

  it.each(localModules.map((module) => [module.name, module] as const))('describes exactly the routes of the %s function run alone, its event routes included', async (_name, module) => {
    const { system, document } = await served([module]);
    await expectValid(document);
    const described = documented(document);
    expect(described.sort()).toEqual(registered(system, described).sort());
    expect(described).toEqual(expect.arrayContaining(['POST /events', 'POST /dapr/events', 'GET /dapr/subscribe']));
    expectLinksResolve(document);
  });

  it('gives every operation a unique id and every path parameter a declaration', async () => {
    const { document } = await served(localModules);
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.values(item).map((operation) => ({ path, operation })));
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      expect(declared.sort(), `${operation.operationId} ${path}`).toEqual(names.sort());
    }
  });

  it('is committed as docs/openapi.json and docs/api.md as the one-process system serves it (npm run openapi writes both)', async () => {
    const { document } = await served(localModules);
    const docs = new URL('../docs/', import.meta.url);
    expect(readFileSync(new URL('openapi.json', docs), 'utf8')).toBe(documentText(document as unknown as OpenApi));
    expect(readFileSync(new URL('api.md', docs), 'utf8')).toBe(apiReference(document as unknown as OpenApi));
  });

  it('describes the Dapr Jobs callback exactly where the reminder function mounts it (REMINDER_SCHEDULER=dapr)', async () => {
    const kit = await startReminderKit({ scheduler: 'dapr', appApiToken: 'openapi-test-app-token', start: false });
    try {
      const described = documented(openApiDocument({ title: 'reminder', version: '1', description: '' }, [kit.parts.api]) as Document);
      const routes = inspectRoutes(kit.parts.routes).filter((route) => !route.isMiddleware).map((route) => `${route.method} ${route.path}`);
      expect(described.sort()).toEqual(routes.sort());
      expect(described).toContain('POST /job/:name');
    } finally {
      await kit.stop();
    }
  });

  it('serves the AsyncAPI document committed as docs/asyncapi.json', async () => {
    const { system } = await served(localModules);
    const response = await fetch(`${system.url}/asyncapi.json`);
    expect(response.status).toBe(200);
    const asyncApi = (await response.json()) as { asyncapi: string };
    expect(asyncApi.asyncapi).toBe('3.0.0');
    expect(asyncApi).toEqual(JSON.parse(readFileSync(new URL('../docs/asyncapi.json', import.meta.url), 'utf8')));
  });
});
