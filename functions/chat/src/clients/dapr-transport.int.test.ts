import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDaprSidecar, startFakeDaprSidecar } from '#shared/testing/fake-dapr/fake-dapr-sidecar';
import { type ChatKit, startChatKit } from '../../test/chat-test-kit';

let sidecar: FakeDaprSidecar;
let kit: ChatKit;
beforeAll(async () => {
  sidecar = await startFakeDaprSidecar({ apps: { task: () => kit.url }, apiToken: 'sidecar-token' });
  kit = await startChatKit({ env: { TASK_SERVICE: 'dapr', ...sidecar.env } });
});
afterAll(async () => {
  await kit?.stop();
  await sidecar?.close();
});

describe('TASK_SERVICE=dapr: the task client through Dapr service invocation', () => {
  it('reaches the task function at /v1.0/invoke/task/method/... with the user\'s token and the trace', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await kit.call('alice', 'POST', '/chat', { message: 'add buy stamps' }, { traceparent });
    expect(response.status).toBe(200);
    const taskId = response.body.tasks[0].id;
    expect((await kit.call('alice', 'GET', `/tasks/${taskId}`)).body.title).toMatch(/buy stamps/i);

    const create = sidecar.invoked.find((request) => request.method === 'POST' && request.path === '/tasks')!;
    expect(create).toMatchObject({ appId: 'task', headers: { authorization: `Bearer ${await kit.tokenFor('alice')}`, 'dapr-api-token': 'sidecar-token' } });
    expect(create.headers.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(JSON.parse(create.body)).toMatchObject({ title: expect.stringMatching(/buy stamps/i) });

    const listed = await kit.chat('alice', 'show my tasks');
    expect(listed.actions[0]!.taskIds).toContain(taskId);
    expect(sidecar.invoked.some((request) => request.method === 'GET' && request.path.startsWith('/tasks?'))).toBe(true);
  });

  it('answers gracefully when an app-id has no running app (Dapr answers 500)', async () => {
    const answer = await kit.chat('alice', 'what reminders do I have');
    expect(answer.reply).toBe('Reminders are not available right now; please try again later.');
    expect(sidecar.invoked.some((request) => request.appId === 'reminder')).toBe(true);
  });
});
