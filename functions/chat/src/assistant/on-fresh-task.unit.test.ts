import { describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import type { TurnDeps } from './assistant-deps';
import { CALL, fakeClients } from '../../test/fakes/fake-clients';
import { runIntent } from './run-intent';

const NOW = new Date('2026-05-01T08:00:00Z');

/** One task, and another window that changes it right after the chat reads it (`times` times). */
function withAnotherWindow(times: number) {
  const fake = fakeClients([{ title: 'Plan the party', tags: ['home'], dueAt: '2026-05-08T16:00:00.000Z', reminders: ['PT0S'] }]);
  const id = [...fake.tasks.keys()][0]!;
  const read = fake.clients.tasks.get;
  let changes = 0;
  fake.clients.tasks.get = async (call, taskId) => {
    const task = await read(call, taskId);
    if (changes < times) {
      changes += 1;
      const current = fake.tasks.get(taskId)!;
      fake.tasks.set(taskId, { ...current, tags: [...current.tags, `window${changes}`], version: current.version + 1 } as Task);
    }
    return task;
  };
  const deps: TurnDeps = { clients: fake.clients, call: CALL, userId: 'alice', now: NOW, timeZone: 'Europe/Berlin' };
  const state = { lastTask: { id, title: 'Plan the party' } };
  return { deps, state, task: () => fake.tasks.get(id)! };
}

describe('a change worked out from the task as read', () => {
  it("is worked out again when another window changed the task in between, keeping that window's change", async () => {
    const { deps, state, task } = withAnotherWindow(1);
    const turn = await runIntent({ kind: 'update', target: { kind: 'it' }, changes: { addTags: ['family'] } }, state, deps);
    expect(turn.actions).toEqual([{ kind: 'updated', taskIds: [task().id] }]);
    expect(task().tags).toEqual(['home', 'window1', 'family']);
  });

  it('adds a reminder to the reminders the task has now', async () => {
    const { deps, state, task } = withAnotherWindow(1);
    await runIntent({ kind: 'remind', target: { kind: 'it' }, before: 'PT1H' }, state, deps);
    expect(task()).toMatchObject({ tags: ['home', 'window1'], reminders: ['PT0S', 'PT1H'] });
  });

  it('overwrites nothing and says so when the task keeps changing', async () => {
    const { deps, state, task } = withAnotherWindow(5);
    const turn = await runIntent({ kind: 'update', target: { kind: 'it' }, changes: { addTags: ['family'] } }, state, deps);
    expect(turn.reply).toBe('"Plan the party" was changed somewhere else just as I was changing it, so I left it as it is now. Please say again what to change.');
    expect(turn.actions).toEqual([]);
    expect(task().tags).toEqual(['home', 'window1', 'window2']);
  });
});
