import type { SignedInEnv } from '#shared/http/auth';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NewTask, TaskChanges } from '#shared/contracts/task';
import { requireUser } from '#shared/http/auth';
import { notFound, Problem } from '#shared/http/problem';
import { invalidCursor } from '#shared/http/page-cursor';
import { parseOr422, readJson } from '#shared/http/read-json';
import { allowedVersions, entityTag } from './entity-tag';
import { listTasks } from './list-tasks';
import { ListQuery } from './list-query';
import { type Actor, type CommandResult, changeTask, completeTask, createTask, removeTask } from './task-commands';
import type { TaskDeps } from './task-deps';
import { findTask } from './task-store';

type Env = SignedInEnv;

const TaskId = z.uuid();

function taskIdOrNotFound(id: string): string {
  if (!TaskId.safeParse(id).success) throw notFound('task');
  return id;
}

async function decided(run: () => Promise<CommandResult>) {
  const result = await run();
  if (result.kind === 'not-found') throw notFound('task');
  if (result.kind === 'conflict') throw new Problem(409, 'Conflict', result.reason);
  if (result.kind === 'duplicate') throw new Problem(409, 'Conflict', 'already created');
  if (result.kind === 'stale') {
    throw new Problem(412, 'Precondition Failed', `the task is at version ${result.version} now, not the one If-Match names`, undefined, {
      members: { currentVersion: result.version },
      headers: { etag: entityTag(result.version) },
    });
  }
  return result.task;
}

/** The task REST API: every route acts for the authenticated user only. */
export function taskRoutes(deps: TaskDeps): Hono<Env> {
  const app = new Hono<Env>();
  const actor = (c: { var: Env['Variables'] }): Actor => ({ userId: c.var.user.id, traceparent: c.var.traceparent });
  app.use('/tasks', requireUser(deps.authenticate));
  app.use('/tasks/*', requireUser(deps.authenticate));

  app.post('/tasks', async (c) => {
    const input = await readJson(c, NewTask);
    const task = await decided(() => createTask(deps, actor(c), input));
    c.header('Location', `/tasks/${task.id}`);
    return c.json(task, 201);
  });

  app.get('/tasks', async (c) => {
    const query = parseOr422(ListQuery, c.req.queries(), 'query');
    try {
      return c.json(await listTasks(deps.sql, deps.schema, c.var.user.id, query, deps.clock()));
    } catch (error) {
      // A forged sort key Postgres cannot read as its type (SQLSTATE class 22) is a bad cursor, not a 500.
      const code = (error as { code?: string }).code ?? '';
      if (query.cursor && code.startsWith('22')) throw invalidCursor('is not one this server issued for this sort');
      throw error;
    }
  });

  app.get('/tasks/:id', async (c) => {
    const task = await findTask(deps.sql, deps.schema, c.var.user.id, taskIdOrNotFound(c.req.param('id')));
    if (!task) throw notFound('task');
    c.header('ETag', entityTag(task.version));
    return c.json(task);
  });

  // Each change honours If-Match (the ETag of a GET): another version than the task's is a 412.
  app.put('/tasks/:id', async (c) => {
    const id = taskIdOrNotFound(c.req.param('id'));
    const changes = await readJson(c, TaskChanges);
    const task = await decided(() => changeTask(deps, actor(c), id, changes, allowedVersions(c.req.header('if-match'))));
    c.header('ETag', entityTag(task.version));
    return c.json(task);
  });

  app.post('/tasks/:id/complete', async (c) => {
    const id = taskIdOrNotFound(c.req.param('id'));
    const task = await decided(() => completeTask(deps, actor(c), id, allowedVersions(c.req.header('if-match'))));
    c.header('ETag', entityTag(task.version));
    return c.json(task);
  });

  app.delete('/tasks/:id', async (c) => {
    const id = taskIdOrNotFound(c.req.param('id'));
    await decided(() => removeTask(deps, actor(c), id, allowedVersions(c.req.header('if-match'))));
    return c.body(null, 204);
  });

  return app;
}
