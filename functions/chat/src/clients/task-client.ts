import type { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import type { ServiceCaller } from './service-caller';
import type { CallContext } from './service-transport';

/** `GET /tasks` parameters as the task API names them (lists repeat the parameter). */
export interface TaskQuery {
  q?: string;
  status?: 'pending' | 'completed';
  priority?: string[];
  tag?: string[];
  dueBefore?: string;
  dueAfter?: string;
  completedBefore?: string;
  completedAfter?: string;
  overdue?: boolean;
  hasDue?: boolean;
  sort?: string;
  limit?: number;
}

export interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}

/**
 * The task function as the chat function sees it. One interface; the transport (direct HTTP or Dapr
 * service invocation) is chosen by `TASK_SERVICE`. Every call acts as the user whose token it carries.
 */
export interface TaskClient {
  create(context: CallContext, task: NewTask): Promise<Task>;
  list(context: CallContext, query: TaskQuery): Promise<TaskPage>;
  get(context: CallContext, id: string): Promise<Task>;
  /** With `ifVersion`, only if the task is still at that version (else a ServiceError with status 412). */
  update(context: CallContext, id: string, changes: TaskChanges, ifVersion?: number): Promise<Task>;
  complete(context: CallContext, id: string, ifVersion?: number): Promise<Task>;
  remove(context: CallContext, id: string, ifVersion?: number): Promise<void>;
}

export function queryString(query: TaskQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The task's version as the task API's `If-Match` names it (its ETag). */
const ifMatch = (version: number | undefined) => (version === undefined ? {} : { headers: { 'if-match': `"${version}"` } });

export function httpTaskClient(call: ServiceCaller): TaskClient {
  const path = (id: string) => `/tasks/${encodeURIComponent(id)}`;
  return {
    create: (context, task) => call('task', { method: 'POST', path: '/tasks', body: task }, context),
    list: (context, query) => call('task', { method: 'GET', path: `/tasks${queryString(query)}` }, context),
    get: (context, id) => call('task', { method: 'GET', path: path(id) }, context),
    update: (context, id, changes, ifVersion) => call('task', { method: 'PUT', path: path(id), body: changes, ...ifMatch(ifVersion) }, context),
    complete: (context, id, ifVersion) => call('task', { method: 'POST', path: `${path(id)}/complete`, ...ifMatch(ifVersion) }, context),
    remove: async (context, id, ifVersion) => {
      await call('task', { method: 'DELETE', path: path(id), ...ifMatch(ifVersion) }, context);
    },
  };
}
