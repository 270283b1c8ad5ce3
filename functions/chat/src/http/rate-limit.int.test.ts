import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '#shared/testing/fake-dapr/fake-dapr-sidecar';
import { type ChatKit, startChatKit } from '../../test/chat-test-kit';

const MCP_LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
const MCP_HEADERS = { accept: 'application/json, text/event-stream' };

describe('rate limits per user on POST /chat and /mcp (RATE_LIMIT_STORE=memory, the default)', () => {
  let kit: ChatKit;
  beforeAll(async () => {
    kit = await startChatKit({ env: { RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => kit?.stop());

  it('answers 429 with Retry-After once a user sent RATE_LIMIT_REQUESTS messages in the window; others and /mcp are counted apart', async () => {
    await kit.chat('rl-alice', 'add buy stamps');
    await kit.chat('rl-alice', 'show my tasks');

    const refused = await kit.call('rl-alice', 'POST', '/chat', { message: 'show my tasks' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests', instance: '/chat' });

    expect((await kit.call('rl-bob', 'POST', '/chat', { message: 'show my tasks' })).status).toBe(200);
    expect((await kit.call('rl-alice', 'POST', '/mcp', MCP_LIST, MCP_HEADERS)).status).toBe(200);
    expect((await kit.call('rl-alice', 'GET', '/conversations')).status).toBe(200);
  });
});

describe('rate limits in the Dapr state store (RATE_LIMIT_STORE=dapr:statestore)', () => {
  let sidecar: FakeDaprSidecar;
  let kit: ChatKit;
  beforeAll(async () => {
    sidecar = await startFakeDaprSidecar({ appId: 'chat', stateStores: ['statestore'] });
    kit = await startChatKit({ env: { RATE_LIMIT_STORE: 'dapr:statestore', RATE_LIMIT_REQUESTS: '1', ...sidecar.env } });
  });
  afterAll(async () => {
    await kit?.stop();
    await sidecar?.close();
  });

  it('keeps the counters in the sidecar\'s state store, shared by every pod of the app-id', async () => {
    expect((await kit.call('rl-carol', 'POST', '/mcp', MCP_LIST, MCP_HEADERS)).status).toBe(200);
    expect((await kit.call('rl-carol', 'POST', '/mcp', MCP_LIST, MCP_HEADERS)).status).toBe(429);

    // Two counters of rl-carol's: /mcp's own limit, and the limit on every user's writes (a POST).
    const keys = [...sidecar.state.get('statestore')!.keys()];
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^chat\|\|ratelimit-[0-9a-f]{32}-\d+$/);
  });

  it('lets requests through while the state store fails', async () => {
    sidecar.failNext(10);

    expect((await kit.call('rl-dave', 'POST', '/mcp', MCP_LIST, MCP_HEADERS)).status).toBe(200);
    expect((await kit.call('rl-dave', 'POST', '/mcp', MCP_LIST, MCP_HEADERS)).status).toBe(200);
    const metrics = await fetch(`${kit.url}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(/rate_limit_decisions_total\{scope="mcp",outcome="unavailable",service="chat-test"\} 2/);
  });
});
