import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCache } from '#shared/http/token-cache';
import { type SidecarPair, startSidecarPair } from '#shared/testing/dapr/function-with-sidecar';
import { type DaprTestSetup, daprTestSetup, kafkaBrokers, TEST_JWT_SECRET } from '#shared/testing/dapr/dapr-test-setup';
import { readTopic } from '#shared/testing/kafka-test-kit';
import { traceIdOf } from '#shared/trace/traceparent';

/**
 * TASK_SERVICE=dapr on real sidecars: chat (its bundle) calls task (its bundle) by service invocation,
 * each beside its own daprd; then task's app goes down while its sidecar stays, and comes back.
 */
const tokenFor = tokenCache(TEST_JWT_SECRET);
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

let setup: DaprTestSetup;
let task: SidecarPair;
let chat: SidecarPair;

beforeAll(async () => {
  setup = await daprTestSetup({ pubsub: true });
  const common = setup.sidecarFiles;
  task = await startSidecarPair({ name: 'task', env: { ...setup.baseEnv, EVENT_BUS_URL: 'dapr://pubsub' }, ...common });
  chat = await startSidecarPair({ name: 'chat', env: { ...setup.baseEnv, TASK_SERVICE: 'dapr' }, ...common });
});

afterAll(async () => {
  await chat?.stop();
  await task?.stop();
  await setup?.cleanup();
});

async function say(userId: string, message: string): Promise<{ status: number; body: { reply: string; tasks?: { id: string; title: string }[] } }> {
  const response = await fetch(`${chat.function.url}/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(userId)}`, 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` },
    body: JSON.stringify({ message }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function tasksOf(userId: string): Promise<{ id: string; title: string }[]> {
  const response = await fetch(`${task.function.url}/tasks`, { headers: { authorization: `Bearer ${await tokenFor(userId)}` } });
  return ((await response.json()) as { items: { id: string; title: string }[] }).items;
}

describe('chat → task by Dapr service invocation on real sidecars', () => {
  it("creates the task as the user (the user's token passes through both sidecars) in the caller's trace", async () => {
    const answer = await say('invoke-alice', 'add buy stamps');
    expect(answer.status).toBe(200);
    const stored = await tasksOf('invoke-alice');
    expect(stored.map((item) => item.title)).toEqual([expect.stringMatching(/buy stamps/i)]);
    expect(await tasksOf('invoke-bob')).toEqual([]);
    // The task's event carries the trace chat received: it passed both sidecars.
    const [record] = await readTopic([kafkaBrokers()], 'task-events', (candidate) => candidate.value?.includes(stored[0]!.id) === true, (records) => records.length > 0, 30_000);
    expect(traceIdOf((JSON.parse(record!.value!) as { traceparent: string }).traceparent)).toBe(TRACE_ID);
  });

  it('answers plainly, with no 5xx, while the task app is down behind its running sidecar, and works once it is back', async () => {
    await task.stopFunction();
    const down = await say('invoke-alice', 'show my tasks');
    expect(down.status).toBe(200);
    expect(down.body.reply).toBe("I can't reach your tasks right now; please try again in a moment.");

    // The failures opened the breaker on app task (dapr/base/resiliency.yaml): it lets a probe through
    // 30 s later, so the chat answers again within about that long.
    await task.startFunction();
    const back = Date.now();
    await expect
      .poll(async () => (await say('invoke-alice', 'show my tasks')).body.reply, { timeout: 60_000, interval: 1_000 })
      .toMatch(/buy stamps/i);
    expect(Date.now() - back).toBeLessThan(45_000);
  });
});
