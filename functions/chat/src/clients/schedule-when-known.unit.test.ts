import { describe, expect, it } from 'vitest';
import { CALL, fakeClients } from '../../test/fakes/fake-clients';
import { scheduleWhenKnown } from './schedule-when-known';
import { ServiceError } from './service-error';

/** Given a reminder function that does not know the task for its first `unknownFor` requests. */
function given(unknownFor: number, taskExists = true) {
  const { clients, tasks } = fakeClients(taskExists ? [{ title: 'Fresh task', dueAt: '2026-05-06T10:00:00.000Z' }] : []);
  const taskId = taskExists ? [...tasks.keys()][0]! : '00000000-0000-7000-8000-000000000999';
  let requests = 0;
  const waits: number[] = [];
  clients.reminders.schedule = async (_call, request) => {
    requests += 1;
    if (requests <= unknownFor) throw new ServiceError('reminder', 'not-found', 'no such task', 404);
    return { id: 'r1', taskId: request.taskId, remindAt: request.remindAt!, status: 'scheduled' };
  };
  const run = () => scheduleWhenKnown(clients, CALL, { taskId, remindAt: '2026-05-06T09:00:00.000Z' }, async (ms) => void waits.push(ms));
  return { run, waits, requests: () => requests };
}

describe('scheduleWhenKnown', () => {
  it('schedules at once when the reminder function knows the task', async () => {
    const { run, waits } = given(0);
    expect(await run()).toMatchObject({ status: 'scheduled' });
    expect(waits).toEqual([]);
  });

  it('tries again while the task event is on its way', async () => {
    const { run, waits, requests } = given(2);
    expect(await run()).toMatchObject({ status: 'scheduled' });
    expect(requests()).toBe(3);
    expect(waits).toEqual([5, 10]);
  });

  it('answers not-found at once for a task that is not the user\'s', async () => {
    const { run, waits } = given(1, false);
    await expect(run()).rejects.toMatchObject({ failure: 'not-found', app: 'task' });
    expect(waits).toEqual([]);
  });

  it('gives up as unavailable when the task never arrives', async () => {
    const { run, requests } = given(99);
    await expect(run()).rejects.toMatchObject({ failure: 'unavailable', app: 'reminder' });
    expect(requests()).toBe(10);
  });
});
