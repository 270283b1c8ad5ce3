import type { Task } from '#shared/contracts/task';
import type { TaskSummary } from '../conversation/conversation-state';

/** What the conversation keeps of a task: its id and title. */
export const summary = (task: Task): TaskSummary => ({ id: task.id, title: task.title });
