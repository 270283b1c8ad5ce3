import type { NewTask, Task, TaskChanges } from '#shared/contracts/task';
import { claimEvent } from '#shared/db/idempotency';
import type { TransactionSql } from '#shared/db/connect';
import type { EventContext } from '#shared/events/new-event';
import { appendToOutbox } from '#shared/outbox/outbox';
import { type Decision, decideComplete, decideCreate, decideDelete, decideUpdate } from './decide';
import { TASK_SOURCE, type TaskDeps } from './task-deps';
import { deleteTask, findTask, insertTask, updateTask } from './task-store';

export interface Actor {
  userId: string;
  traceparent: string;
}

export type CommandResult =
  | { kind: 'done'; task: Task; changed: boolean }
  | { kind: 'not-found' }
  | { kind: 'duplicate' }
  | { kind: 'conflict'; reason: string }
  /** `If-Match` named other versions than the task's current one. */
  | { kind: 'stale'; version: number };

function eventContext(deps: TaskDeps, actor: Actor): EventContext {
  return { source: TASK_SOURCE, userId: actor.userId, traceparent: actor.traceparent, now: deps.clock(), newId: deps.newId };
}

/** Thrown inside a transaction to roll it back and still answer `result`. */
class RolledBack extends Error {
  constructor(readonly result: CommandResult) {
    super(result.kind);
  }
}

async function commit(deps: TaskDeps, work: (tx: TransactionSql) => Promise<CommandResult>, operation: string): Promise<CommandResult> {
  try {
    const result = await deps.sql.begin(work).catch((error: unknown) => {
      if (error instanceof RolledBack) return error.result;
      throw error;
    });
    deps.metrics.taskOperations.inc({ operation, result: result.kind });
    if (result.kind === 'done' && result.changed) deps.eventsCommitted();
    return result;
  } catch (error) {
    deps.metrics.taskOperations.inc({ operation, result: 'error' });
    throw error;
  }
}

async function persist(tx: TransactionSql, deps: TaskDeps, actor: Actor, decision: Decision, write: () => Promise<boolean>): Promise<CommandResult> {
  if (decision.events.length === 0) return { kind: 'done', task: decision.task, changed: false };
  if (!(await write())) throw new Error('task changed concurrently');
  await appendToOutbox(tx, deps.schema, decision.events);
  return { kind: 'done', task: decision.task, changed: true };
}

/**
 * Creates a task. With `command`, the (source, id) pair is claimed in the same transaction: a redelivery
 * creates nothing. A task id the user already has is a duplicate; one another user has is a conflict,
 * which rolls the claim back too, so a replay from the dead-letter topic is processed afresh.
 */
export function createTask(deps: TaskDeps, actor: Actor, input: NewTask & { taskId?: string }, command?: { source: string; id: string }) {
  return commit(
    deps,
    async (tx) => {
      if (command && !(await claimEvent(tx, deps.schema, command))) return { kind: 'duplicate' };
      const decision = decideCreate(input, { ...eventContext(deps, actor), commandId: command?.id ?? null });
      if (!(await insertTask(tx, deps.schema, actor.userId, decision.task))) {
        // Looked up after the insert: it waits for a concurrent insert of the same id to commit, so this sees it.
        if (await findTask(tx, deps.schema, actor.userId, decision.task.id)) return { kind: 'duplicate' };
        throw new RolledBack({ kind: 'conflict', reason: 'that task id is already taken' });
      }
      await appendToOutbox(tx, deps.schema, decision.events);
      return { kind: 'done', task: decision.task, changed: true };
    },
    'create',
  );
}

/** Which versions of the task a change may apply to (`If-Match`); undefined: any. */
export type Precondition = number[] | undefined;

function change(deps: TaskDeps, actor: Actor, taskId: string, operation: string, decide: (task: Task) => Decision, precondition: Precondition, remove = false) {
  return commit(
    deps,
    async (tx) => {
      const current = await findTask(tx, deps.schema, actor.userId, taskId, true);
      if (!current) return { kind: 'not-found' };
      if (precondition && !precondition.includes(current.version)) return { kind: 'stale', version: current.version };
      const decision = decide(current);
      return persist(tx, deps, actor, decision, () =>
        remove ? deleteTask(tx, deps.schema, actor.userId, taskId) : updateTask(tx, deps.schema, actor.userId, decision.task, current.version),
      );
    },
    operation,
  );
}

export const changeTask = (deps: TaskDeps, actor: Actor, taskId: string, changes: TaskChanges, precondition?: Precondition) =>
  change(deps, actor, taskId, 'update', (task) => decideUpdate(task, changes, eventContext(deps, actor)), precondition);

export const completeTask = (deps: TaskDeps, actor: Actor, taskId: string, precondition?: Precondition) =>
  change(deps, actor, taskId, 'complete', (task) => decideComplete(task, eventContext(deps, actor)), precondition);

export const removeTask = (deps: TaskDeps, actor: Actor, taskId: string, precondition?: Precondition) =>
  change(deps, actor, taskId, 'delete', (task) => decideDelete(task, eventContext(deps, actor)), precondition, true);
