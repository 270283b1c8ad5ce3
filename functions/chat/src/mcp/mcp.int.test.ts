import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit, wholeSystem } from '../../test/chat-test-kit';

// The whole one-process system (task, reminder, notification, … and chat) over real HTTP, so every
// tool reaches the function that really does the work.
let kit: ChatKit;
beforeAll(async () => {
  kit = await startChatKit({ modules: wholeSystem });
});
afterAll(() => kit?.stop());

async function connectAs(userId: string | null, token?: string) {
  const client = new Client({ name: 'chat-test', version: '1.0.0' });
  const bearer = token ?? (userId ? await kit.tokenFor(userId) : undefined);
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${kit.url}/mcp`), { requestInit: { headers } }));
  return client;
}

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]!.text;
const call = async (client: Client, name: string, args: Record<string, unknown>) => {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, text: textOf(result), value: result.isError ? undefined : JSON.parse(textOf(result)) };
};
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('the MCP endpoint, with the official SDK client', () => {
  it('lists the task tools with their input schemas', async () => {
    const client = await connectAs('alice');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['add_task', 'complete_task', 'delete_task', 'list_tasks', 'schedule_reminder', 'update_task']);
    expect(tools.find((tool) => tool.name === 'add_task')!.inputSchema).toMatchObject({ type: 'object', required: ['title'] });
    expect(tools.find((tool) => tool.name === 'schedule_reminder')!.inputSchema).toMatchObject({ required: ['taskId'] });
    await client.close();
  });

  it("adds, lists, updates, reminds, completes and deletes as the token's user", async () => {
    const client = await connectAs('alice');
    const added = await call(client, 'add_task', { title: 'From MCP', priority: 'high', tags: ['mcp'], dueAt: '2026-12-01T09:00:00+01:00' });
    expect(added.value).toMatchObject({ title: 'From MCP', priority: 'high', tags: ['mcp'], dueAt: '2026-12-01T08:00:00.000Z', status: 'pending' });
    const id = added.value.id as string;

    const listed = await call(client, 'list_tasks', { tags: ['mcp'] });
    expect(listed.value.items.map((task: { id: string }) => task.id)).toEqual([id]);

    const updated = await call(client, 'update_task', { id, title: 'Renamed by MCP', dueAt: inHours(48) });
    expect(updated.value).toMatchObject({ title: 'Renamed by MCP', version: 2 });

    const before = await call(client, 'schedule_reminder', { taskId: id, before: 'P1D' });
    expect(before.value).toMatchObject({ taskId: id, before: 'P1D' });
    const remindAt = inHours(1);
    const at = await call(client, 'schedule_reminder', { taskId: id, remindAt });
    expect(at.value).toMatchObject({ taskId: id, remindAt: new Date(remindAt).toISOString(), status: 'scheduled' });
    const reminders = (await kit.call('alice', 'GET', '/reminders')).body.items as { taskId: string; remindAt: string }[];
    expect(reminders.filter((reminder) => reminder.taskId === id).map((reminder) => reminder.remindAt)).toContain(new Date(remindAt).toISOString());

    const completed = await call(client, 'complete_task', { id });
    expect(completed.value.status).toBe('completed');
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body).toMatchObject({ status: 'completed', reminders: ['PT0S', 'P1D'] });

    expect((await call(client, 'delete_task', { id })).value).toEqual({ deleted: id });
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).status).toBe(404);
    await client.close();
  });

  it('changes a task only at the version the caller read, when it gives one', async () => {
    const client = await connectAs('alice');
    const id = (await call(client, 'add_task', { title: 'Two windows' })).value.id as string;
    expect((await call(client, 'update_task', { id, title: 'Renamed in the first window', version: 1 })).value).toMatchObject({ version: 2 });

    const stale = await call(client, 'update_task', { id, title: 'Renamed in the second window', version: 1 });
    expect(stale).toMatchObject({ isError: true, text: expect.stringMatching(/version 2/) });
    expect((await call(client, 'complete_task', { id, version: 1 })).isError).toBe(true);
    expect((await call(client, 'delete_task', { id, version: 1 })).isError).toBe(true);
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body).toMatchObject({ title: 'Renamed in the first window', status: 'pending', version: 2 });
    expect((await call(client, 'complete_task', { id, version: 2 })).value).toMatchObject({ status: 'completed', version: 3 });
    await client.close();
  });

  it("never lets bob see or touch alice's tasks", async () => {
    const alice = await connectAs('alice');
    const id = (await call(alice, 'add_task', { title: 'Alice only', dueAt: inHours(24) })).value.id as string;
    const bob = await connectAs('bob');
    expect((await call(bob, 'list_tasks', {})).value.items.map((task: { id: string }) => task.id)).not.toContain(id);
    for (const [name, args] of [
      ['update_task', { id, title: 'taken over' }],
      ['complete_task', { id }],
      ['delete_task', { id }],
      ['schedule_reminder', { taskId: id, before: 'PT1H' }],
      ['schedule_reminder', { taskId: id, remindAt: inHours(2) }],
    ] as const) {
      const refused = await call(bob, name, args);
      expect(refused, name).toMatchObject({ isError: true, text: expect.stringMatching(/^not-found/) });
    }
    expect((await kit.call('alice', 'GET', `/tasks/${id}`)).body).toMatchObject({ title: 'Alice only', status: 'pending', reminders: ['PT0S'] });
    await alice.close();
    await bob.close();
  });

  it.each([
    ['a date without an offset', { title: 'x', dueAt: 'tomorrow' }, /dueAt/],
    ['a NUL character in the title', { title: 'a\u0000b' }, /title/],
    ['a missing title', { priority: 'high' }, /title/],
    ['an unknown priority', { title: 'x', priority: 'whenever' }, /priority/],
  ])('reports %s as a tool error naming the field', async (_case, args, field) => {
    const client = await connectAs('alice');
    const result = await call(client, 'add_task', args);
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(field);
    await client.close();
  });

  it('answers a JSON-RPC POST that names no Accept, or */*, with JSON, and one that refuses JSON with 406 (found by Schemathesis)', async () => {
    const headers = { authorization: `Bearer ${await kit.tokenFor('alice')}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    for (const accept of [undefined, '*/*', 'application/json']) {
      const response = await fetch(`${kit.url}/mcp`, { method: 'POST', headers: { ...headers, ...(accept ? { accept } : {}) }, body });
      expect(response.status, accept).toBe(200);
      expect(((await response.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(6);
    }
    expect((await fetch(`${kit.url}/mcp`, { method: 'POST', headers: { ...headers, accept: 'text/html' }, body })).status).toBe(406);
  });

  it('serves POST only: no stream to open with GET and no session to end with DELETE (405, Allow: POST)', async () => {
    const authorization = `Bearer ${await kit.tokenFor('alice')}`;
    for (const method of ['GET', 'DELETE', 'OPTIONS']) {
      const response = await fetch(`${kit.url}/mcp`, { method, headers: { authorization, accept: 'application/json, text/event-stream' } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('answers 401 without a bearer token or with a bad one', async () => {
    await expect(connectAs(null)).rejects.toThrow(/401|Unauthorized/);
    await expect(connectAs(null, 'not-a-token')).rejects.toThrow(/401|Unauthorized/);
    const response = await fetch(`${kit.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
