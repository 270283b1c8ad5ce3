import type { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import { aTask } from '#shared/testing/event-fixtures';
import type { Clients } from '../../src/clients/clients';
import { ServiceError } from '../../src/clients/service-error';
import type { CallContext } from '../../src/clients/service-transport';
import type { TaskQuery } from '../../src/clients/task-client';

export const CALL: CallContext = { token: 't', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', selfUrl: 'http://127.0.0.1:1' };

/** In-memory stand-ins for the task, reminder and notification clients (one user), for unit tests. */
export function fakeClients(initial: Partial<Task>[] = []) {
  let next = 0;
  const newId = () => `00000000-0000-7000-8000-${String(++next).padStart(12, '0')}`;
  const tasks = new Map<string, Task>();
  for (const fields of initial) {
    const task = aTask({ id: newId(), ...fields });
    tasks.set(task.id, task);
  }
  const find = (id: string) => {
    const task = tasks.get(id);
    if (!task) throw new ServiceError('task', 'not-found', 'no such task', 404);
    return task;
  };
  /** As the task API's If-Match: another version than the task's is a 412. */
  const checkVersion = (id: string, ifVersion: number | undefined) => {
    if (ifVersion !== undefined && find(id).version !== ifVersion) throw new ServiceError('task', 'rejected', `the task is at version ${find(id).version} now`, 412);
  };
  const change = (id: string, changes: TaskChanges | { status: Task['status'] }, ifVersion?: number) => {
    checkVersion(id, ifVersion);
    const task = { ...find(id), ...changes, version: find(id).version + 1 } as Task;
    tasks.set(id, task);
    return task;
  };
  const clients: Clients = {
    mode: 'direct',
    tasks: {
      create: async (_call, input: NewTask) => {
        const task = aTask({ ...input, id: newId(), dueAt: input.dueAt ?? null, recurrence: input.recurrence ?? null, reminders: input.reminders ?? (input.dueAt ? ['PT0S'] : []) });
        tasks.set(task.id, task);
        return task;
      },
      list: async (_call, query: TaskQuery) => {
        const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const items = [...tasks.values()].filter(
          (task) => (!query.status || task.status === query.status) && (query.hasDue === undefined || (task.dueAt !== null) === query.hasDue) && (query.tag ?? []).every((tag) => task.tags.includes(tag)) && words.every((word) => task.title.toLowerCase().split(/\s+/).some((part) => part.startsWith(word))),
        );
        return { items, nextCursor: null };
      },
      get: async (_call, id) => find(id),
      update: async (_call, id, changes, ifVersion) => change(id, changes, ifVersion),
      complete: async (_call, id, ifVersion) => change(id, { status: 'completed' }, ifVersion),
      remove: async (_call, id, ifVersion) => {
        find(id);
        checkVersion(id, ifVersion);
        tasks.delete(id);
      },
    },
    reminders: {
      list: async () => {
        throw new ServiceError('reminder', 'unavailable', 'reminder is not running here');
      },
      schedule: async () => {
        throw new ServiceError('reminder', 'unavailable', 'reminder is not running here');
      },
    },
    notifications: {
      list: async () => {
        throw new ServiceError('notification', 'unavailable', 'notification is not running here');
      },
    },
  };
  return { clients, tasks };
}
