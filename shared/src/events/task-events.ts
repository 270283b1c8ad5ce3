import * as z from 'zod/mini';
import { NewTask, Task } from '../contracts/task';
import { commandSchema, eventSchema } from './envelope';

export const TaskCreated = eventSchema('dev.todo.task.created.v1', z.object({ task: Task, commandId: z.nullable(z.string()) }));
export type TaskCreated = z.infer<typeof TaskCreated>;

export const TaskUpdated = eventSchema(
  'dev.todo.task.updated.v1',
  z.object({ task: Task, changed: z.array(z.string()).check(z.minLength(1)) }),
);
export type TaskUpdated = z.infer<typeof TaskUpdated>;

export const TaskCompleted = eventSchema('dev.todo.task.completed.v1', z.object({ task: Task }));
export type TaskCompleted = z.infer<typeof TaskCompleted>;

export const TaskDeleted = eventSchema('dev.todo.task.deleted.v1', z.object({ task: Task }));
export type TaskDeleted = z.infer<typeof TaskDeleted>;

/**
 * Command: create a task for the user named by the `userid` attribute. The same command
 * (`source`, `id`) creates one task however often it arrives. `taskId` lets the sender choose the id.
 */
const CreateTaskData = z.extend(NewTask, { taskId: z.optional(z.uuid()) });
export const CreateTask = eventSchema('dev.todo.task.create.v1', CreateTaskData);
export type CreateTask = z.infer<typeof CreateTask>;
/** The command as it is read: from any CloudEvents producer, with what the spec leaves optional derived (see commandSchema). */
export const IncomingCreateTask = commandSchema('dev.todo.task.create.v1', CreateTaskData);
