import * as z from 'zod/mini';
import '#shared/contracts/english-errors';
import { durationMs } from '#shared/contracts/time';
import type { Task } from '#shared/contracts/task';
import type { Clients } from '../clients/clients';
import { scheduleWhenKnown } from '../clients/schedule-when-known';
import { ServiceError } from '../clients/service-error';
import type { CallContext } from '../clients/service-transport';
import type { Action } from '../conversation/conversation-store';
import { PlainText } from '#shared/contracts/plain-text';

const Priority = z.enum(['low', 'medium', 'high', 'urgent']);
const Instant = PlainText.check(z.describe('RFC 3339 date-time with an offset, e.g. 2026-05-01T17:00:00+02:00'));
const Recurrence = z.object({
  rrule: PlainText.check(z.describe('RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO')),
  timezone: PlainText.check(z.describe('IANA time zone, e.g. Europe/Berlin')),
});
const Tags = z.array(PlainText).check(z.describe('lower-case tags without #'));
const Id = PlainText.check(z.describe('the task id (from add_task or list_tasks)'));
const Version = z.optional(
  z.number().check(z.int(), z.minimum(1), z.describe('the version of the task as last read: the change applies only if nobody changed it since (else it fails and names the current version)')),
);

/** The task operations offered to language models and MCP clients: one schema and one runner each. */
export const TOOL_INPUTS = {
  add_task: z.object({
    title: PlainText,
    description: z.optional(PlainText),
    dueAt: z.optional(Instant),
    priority: z.optional(Priority),
    tags: z.optional(Tags),
    reminders: z.optional(z.array(PlainText).check(z.describe('ISO 8601 offsets before the due time, e.g. PT15M, P1D'))),
    recurrence: z.optional(Recurrence),
  }),
  list_tasks: z.object({
    q: z.optional(PlainText.check(z.describe('search words (title, description, tags)'))),
    status: z.optional(z.enum(['pending', 'completed'])),
    priority: z.optional(z.array(Priority)),
    tags: z.optional(Tags),
    dueBefore: z.optional(Instant),
    dueAfter: z.optional(Instant),
    completedBefore: z.optional(Instant),
    completedAfter: z.optional(Instant),
    overdue: z.optional(z.boolean()),
    sort: z.optional(z.enum(['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title'])),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
  }),
  update_task: z.object({
    id: Id,
    title: z.optional(PlainText),
    description: z.optional(PlainText),
    dueAt: z.optional(z.nullable(Instant)),
    priority: z.optional(Priority),
    tags: z.optional(Tags),
    reminders: z.optional(z.array(PlainText)),
    recurrence: z.optional(z.nullable(Recurrence)),
    status: z.optional(z.enum(['pending', 'completed'])),
    version: Version,
  }),
  complete_task: z.object({ id: Id, version: Version }),
  delete_task: z.object({ id: Id, version: Version }),
  schedule_reminder: z.object({
    taskId: Id,
    before: z.optional(PlainText.check(z.describe('ISO 8601 duration before the due time, e.g. P2D or PT1H'))),
    remindAt: z.optional(Instant),
  }),
} as const;

export type ToolName = keyof typeof TOOL_INPUTS;
export type ToolInput<N extends ToolName> = z.infer<(typeof TOOL_INPUTS)[N]>;

export const TOOL_DESCRIPTIONS: Record<ToolName, string> = {
  add_task: 'Create a task for the user. Dates are RFC 3339 with an offset.',
  list_tasks: "List or search the user's tasks with filters and a sort order.",
  update_task: 'Change fields of one task (status "pending" reopens it, "completed" completes it).',
  complete_task: 'Mark one task as completed.',
  delete_task: 'Delete one task.',
  schedule_reminder: 'Remind the user about a task: `before` its due time (an ISO 8601 duration) or at `remindAt`.',
};

export interface ToolResult {
  value: unknown;
  actions: Action[];
  tasks: Task[];
}

export class ToolInputError extends Error {}

const prune = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

type Runner<N extends ToolName> = (input: ToolInput<N>, clients: Clients, call: CallContext) => Promise<ToolResult>;

const RUNNERS: { [N in ToolName]: Runner<N> } = {
  async add_task(input, clients, call) {
    const task = await clients.tasks.create(call, prune(input));
    return { value: task, actions: [{ kind: 'created', taskIds: [task.id] }], tasks: [task] };
  },
  async list_tasks({ tags, overdue, ...rest }, clients, call) {
    const page = await clients.tasks.list(call, prune({ ...rest, tag: tags, overdue: overdue || undefined, limit: rest.limit ?? 50 }));
    return { value: page, actions: [{ kind: 'listed', taskIds: page.items.map((task) => task.id) }], tasks: page.items };
  },
  async update_task({ id, version, ...changes }, clients, call) {
    const task = await clients.tasks.update(call, id, prune(changes), version);
    return { value: task, actions: [{ kind: 'updated', taskIds: [task.id] }], tasks: [task] };
  },
  async complete_task({ id, version }, clients, call) {
    const task = await clients.tasks.complete(call, id, version);
    return { value: task, actions: [{ kind: 'completed', taskIds: [task.id] }], tasks: [task] };
  },
  async delete_task({ id, version }, clients, call) {
    await clients.tasks.remove(call, id, version);
    return { value: { deleted: id }, actions: [{ kind: 'deleted', taskIds: [id] }], tasks: [] };
  },
  async schedule_reminder({ taskId, before, remindAt }, clients, call) {
    if (!before === !remindAt) throw new ToolInputError('give exactly one of before or remindAt');
    if (remindAt) {
      const reminder = await scheduleWhenKnown(clients, call, { taskId, remindAt });
      return { value: reminder, actions: [{ kind: 'reminder-scheduled', taskIds: [taskId] }], tasks: [] };
    }
    const task = await clients.tasks.get(call, taskId);
    if (!task.dueAt) throw new ToolInputError('the task has no due time; set dueAt first or use remindAt');
    const updated = task.reminders.includes(before!) ? task : await clients.tasks.update(call, taskId, { reminders: [...task.reminders, before!] }, task.version);
    const at = new Date(new Date(task.dueAt).getTime() - durationMs(before!)).toISOString();
    return { value: { taskId, remindAt: at, before }, actions: [{ kind: 'reminder-scheduled', taskIds: [taskId] }], tasks: [updated] };
  },
};

/** Validates a tool call's arguments and runs it as the calling user. Throws ToolInputError or ServiceError. */
export async function runTool(name: string, args: unknown, clients: Clients, call: CallContext): Promise<ToolResult> {
  if (!Object.hasOwn(TOOL_INPUTS, name)) throw new ToolInputError(`unknown tool ${name}`);
  const tool = name as ToolName;
  const parsed = z.safeParse(TOOL_INPUTS[tool], args ?? {});
  if (!parsed.success) throw new ToolInputError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`).join('; '));
  return (RUNNERS[tool] as Runner<ToolName>)(parsed.data as never, clients, call);
}

/** A tool failure as a short message the caller (model or MCP client) can act on. */
export function toolErrorMessage(error: unknown): string {
  if (error instanceof ToolInputError) return error.message;
  if (error instanceof ServiceError) {
    const fields = error.fieldErrors.map((field) => `${field.field}: ${field.message}`).join('; ');
    return `${error.failure}: ${fields || error.message}`;
  }
  throw error;
}
