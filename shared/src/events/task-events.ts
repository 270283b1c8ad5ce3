import { z } from 'zod';
import { NewTask, Task } from '../contracts/task';
import { eventSchema } from './envelope';

export const TaskCreated = eventSchema('dev.todo.task.created.v1', z.object({ task: Task, commandId: z.string().nullable() }));
export type TaskCreated = z.infer<typeof TaskCreated>;

export const TaskUpdated = eventSchema('dev.todo.task.updated.v1', z.object({ task: Task, changed: z.array(z.string()).min(1) }));
export type TaskUpdated = z.infer<typeof TaskUpdated>;

export const TaskCompleted = eventSchema('dev.todo.task.completed.v1', z.object({ task: Task }));
export type TaskCompleted = z.infer<typeof TaskCompleted>;

export const TaskDeleted = eventSchema('dev.todo.task.deleted.v1', z.object({ task: Task }));
export type TaskDeleted = z.infer<typeof TaskDeleted>;

/**
 * Command: create a task for the user named by the `userid` attribute. The same command
 * (`source`, `id`) creates one task however often it arrives. `taskId` lets the sender choose the id.
 */
export const CreateTask = eventSchema('dev.todo.task.create.v1', NewTask.extend({ taskId: z.uuid().optional() }));
export type CreateTask = z.infer<typeof CreateTask>;
