import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit } from '../chat-test-kit';

let kit: ChatKit;
beforeAll(async () => {
  kit = await startChatKit();
});
afterAll(() => kit?.stop());

async function connectAs(userId: string | null) {
  const client = new Client({ name: 'chat-test', version: '1.0.0' });
  const headers: Record<string, string> = userId ? { authorization: `Bearer ${await kit.tokenFor(userId)}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${kit.url}/mcp`), { requestInit: { headers } }));
  return client;
}

const textOf = (result: unknown) => ((result as { content: { text: string }[] }).content[0]!.text);

describe('the MCP endpoint, with the official SDK client', () => {
  it('lists the task tools', async () => {
    const client = await connectAs('alice');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['add_task', 'complete_task', 'delete_task', 'list_tasks', 'schedule_reminder', 'update_task']);
    expect(tools.find((tool) => tool.name === 'add_task')!.inputSchema).toMatchObject({ type: 'object', required: ['title'] });
    await client.close();
  });

  it('adds, lists, updates and completes tasks as the token\'s user', async () => {
    const client = await connectAs('alice');
    const added = JSON.parse(textOf(await client.callTool({ name: 'add_task', arguments: { title: 'From MCP', priority: 'high', tags: ['mcp'], dueAt: '2026-12-01T09:00:00+01:00' } })));
    expect(added).toMatchObject({ title: 'From MCP', priority: 'high', tags: ['mcp'], dueAt: '2026-12-01T08:00:00.000Z' });
    const listed = JSON.parse(textOf(await client.callTool({ name: 'list_tasks', arguments: { tags: ['mcp'] } })));
    expect(listed.items.map((task: { id: string }) => task.id)).toEqual([added.id]);
    const updated = JSON.parse(textOf(await client.callTool({ name: 'update_task', arguments: { id: added.id, title: 'Renamed by MCP' } })));
    expect(updated.title).toBe('Renamed by MCP');
    const reminder = JSON.parse(textOf(await client.callTool({ name: 'schedule_reminder', arguments: { taskId: added.id, before: 'P1D' } })));
    expect(reminder).toMatchObject({ remindAt: '2026-11-30T08:00:00.000Z' });
    await client.callTool({ name: 'complete_task', arguments: { id: added.id } });
    expect((await kit.call('alice', 'GET', `/tasks/${added.id}`)).body).toMatchObject({ status: 'completed', reminders: ['PT0S', 'P1D'] });
    await client.close();

    const bob = await connectAs('bob');
    const bobList = JSON.parse(textOf(await bob.callTool({ name: 'list_tasks', arguments: {} })));
    expect(bobList.items).toEqual([]);
    const refused = await bob.callTool({ name: 'delete_task', arguments: { id: added.id } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^not-found/);
    await bob.close();
  });

  it('reports invalid arguments as a tool error naming the field', async () => {
    const client = await connectAs('alice');
    const result = await client.callTool({ name: 'add_task', arguments: { title: 'x', dueAt: 'tomorrow' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/dueAt/);
    await client.close();
  });

  it('answers 401 without a bearer token', async () => {
    await expect(connectAs(null)).rejects.toThrow(/401|Unauthorized/);
    const response = await fetch(`${kit.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});
