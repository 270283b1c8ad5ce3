import type { ConversationState, TaskSummary } from '../conversation/conversation-state';
import type { TurnDeps } from './assistant-deps';
import { describeTask, formatWhen, remindersSentence } from './format';
import { say, type Turn } from './turn';

/** Everything about one task: its line, note, reminders and state. */
export async function showTask(target: TaskSummary, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const task = await deps.clients.tasks.get(deps.call, target.id);
  const lines = [describeTask(task, deps.timeZone, deps.now)];
  if (task.description) lines.push(`Note: ${task.description}`);
  const reminders = remindersSentence(task);
  if (reminders) lines.push(reminders.replace(/^I will remind you/, 'Reminders:').replace(/\.$/, ''));
  lines.push(task.status === 'completed' && task.completedAt ? `Completed ${formatWhen(task.completedAt, deps.timeZone, deps.now)}.` : 'Not done yet.');
  return say(lines.join('\n'), { ...state, lastTask: { id: task.id, title: task.title } }, { tasks: [task] });
}
