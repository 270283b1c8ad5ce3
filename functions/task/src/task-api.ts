import * as z from 'zod/mini';
import { pageOf } from '#shared/contracts/page';
import { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import { TIME_ZONE_RULE } from '#shared/contracts/time';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts, HeaderParameter, LinkContract, ResponseContract } from '#shared/http/openapi/route-contract';
import { ListQuery } from './list-query';

const TaskId = { id: z.uuid() };
const ETAG = { ETag: { description: "the task's version as a strong entity tag; send it back in If-Match" } };
const IF_MATCH: HeaderParameter = {
  name: 'If-Match',
  description: 'change only if the task is still at this version (the ETag of a GET); `*` or no header: any version',
};

/**
 * What a client can do with a task an answer gives: read, change, complete or delete it (with the
 * version it saw as If-Match), and see its history and reminders.
 */
function taskLinks(id: string, ifMatch: string): Record<string, LinkContract> {
  const change = { id, 'header.If-Match': ifMatch };
  return {
    read: { operationId: 'getTask', parameters: { id } },
    change: { operationId: 'updateTask', parameters: change },
    complete: { operationId: 'completeTask', parameters: change },
    delete: { operationId: 'deleteTask', parameters: change },
    history: { operationId: 'listTaskHistory', parameters: { taskId: id } },
    reminders: { operationId: 'listReminders', parameters: { taskId: id } },
    remind: { operationId: 'scheduleReminder', requestBody: { taskId: id } },
  };
}
const taskWithTag = (description: string): ResponseContract => ({ description, content: Task, headers: ETAG, links: taskLinks('$response.body#/id', '$response.header.ETag') });

const RRULE_RULE = 'is an RFC 5545 rule this system evaluates (FREQ given, each part once, parts that go together, a date it can name) and names a date after the due time';
/** Rules of a change that depend on the stored task as well as on the body. */
const CHANGE_RULES = {
  dueAt: 'stays set while the task recurs',
  reminders: 'need a due time, given or stored',
  'recurrence.rrule': `${RRULE_RULE}, given or stored`,
  'recurrence.timezone': TIME_ZONE_RULE,
};
const NO_TASK = problemAnswer("no such task for this user (another user's id answers the same)");
const STALE = problemAnswer('Precondition Failed: the task changed since the version If-Match names; `currentVersion` and the ETag give the version it is at', ETAG);
const CONFLICT = problemAnswer("Conflict: the change does not fit the task's state (e.g. completing a completed task)");

/** The task function's routes, from the schemas they validate with. */
export const TASK_API: ApiContracts = {
  tag: 'tasks',
  description: "A user's tasks: create, list and search, change, complete (a recurring task's next one follows), delete.",
  routes: [
    {
      method: 'post',
      path: '/tasks',
      operationId: 'createTask',
      summary: 'Create a task',
      caller: 'user',
      body: NewTask,
      rules: { 'recurrence.rrule': RRULE_RULE, 'recurrence.timezone': TIME_ZONE_RULE },
      responses: {
        201: { description: 'created', content: Task, headers: { Location: { description: 'the new task' } }, links: taskLinks('$response.body#/id', '"{$response.body#/version}"') },
        409: CONFLICT,
      },
    },
    {
      method: 'get',
      path: '/tasks',
      operationId: 'listTasks',
      summary: 'List, filter, sort and search tasks, a page at a time',
      caller: 'user',
      query: ListQuery,
      rules: { sort: '`relevance` needs `q`' },
      responses: { 200: { description: 'a page of tasks', content: pageOf(Task) }, 400: problemAnswer('the cursor is not one this server issued for this query') },
    },
    { method: 'get', path: '/tasks/:id', operationId: 'getTask', summary: 'Read a task', caller: 'user', pathParameters: TaskId, responses: { 200: taskWithTag('the task'), 404: NO_TASK } },
    {
      method: 'put',
      path: '/tasks/:id',
      operationId: 'updateTask',
      summary: 'Change some fields of a task',
      caller: 'user',
      pathParameters: TaskId,
      headers: [IF_MATCH],
      body: TaskChanges,
      rules: CHANGE_RULES,
      responses: { 200: taskWithTag('the changed task'), 404: NO_TASK, 409: CONFLICT, 412: STALE },
    },
    {
      method: 'post',
      path: '/tasks/:id/complete',
      operationId: 'completeTask',
      summary: 'Complete a task (the next task of its series is created)',
      caller: 'user',
      pathParameters: TaskId,
      headers: [IF_MATCH],
      responses: { 200: taskWithTag('the completed task'), 404: NO_TASK, 409: CONFLICT, 412: STALE },
    },
    {
      method: 'delete',
      path: '/tasks/:id',
      operationId: 'deleteTask',
      summary: 'Delete a task',
      caller: 'user',
      pathParameters: TaskId,
      headers: [IF_MATCH],
      responses: { 204: { description: 'deleted' }, 404: NO_TASK, 409: CONFLICT, 412: STALE },
    },
  ],
};
