import type { Task } from '#shared/contracts/task';
import { zoneFormat } from '../time/zone-formats';
import { repeatWords } from './repeat-words';

/** "Sat, May 2, 5:00 PM" in the user's time zone (the year only when it is not this year's). */
export function formatWhen(instant: string, timeZone: string, now: Date): string {
  const date = new Date(instant);
  const year = zoneFormat('year', timeZone);
  return zoneFormat(year.format(date) === year.format(now) ? 'when' : 'whenWithYear', timeZone).format(date);
}

export const isOverdue = (task: Task, now: Date) => task.status === 'pending' && !!task.dueAt && new Date(task.dueAt) < now;

/** One line about a task: title, due time, priority, tags and state, as plain text. */
export function describeTask(task: Task, timeZone: string, now: Date): string {
  const parts = [`"${task.title}"`];
  if (task.dueAt) parts.push(`due ${formatWhen(task.dueAt, timeZone, now)}${isOverdue(task, now) ? ' (overdue)' : ''}`);
  if (task.priority !== 'medium') parts.push(task.priority);
  if (task.tags.length > 0) parts.push(task.tags.map((tag) => `#${tag}`).join(' '));
  if (task.recurrence) parts.push(`repeats ${repeatWords(task.recurrence)}`);
  if (task.status === 'completed') parts.push('done');
  return parts.join(' · ');
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function numbered(lines: string[]): string {
  return lines.map((line, index) => `${index + 1}. ${line}`).join('\n');
}

/** An ISO 8601 duration in words: P2D → "2 days", PT1H30M → "1 hour 30 minutes", PT0S → "at the due time". */
export function durationWords(iso: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!match) return iso;
  const units = ['week', 'day', 'hour', 'minute', 'second'];
  const words = match
    .slice(1)
    .map((value, index) => (value && Number(value) > 0 ? `${Number(value)} ${units[index]}${Number(value) === 1 ? '' : 's'}` : ''))
    .filter(Boolean);
  return words.length ? words.join(' ') : '0 minutes';
}

/** When a task's reminders come, in words: "I will remind you 2 days before and when it is due." */
export function remindersSentence(task: Pick<Task, 'reminders' | 'dueAt'>): string {
  if (!task.dueAt || task.reminders.length === 0) return '';
  const times = task.reminders.map((offset) => (offset === 'PT0S' ? 'when it is due' : `${durationWords(offset)} before`));
  return `I will remind you ${joinWords(times)}.`;
}

export const HELP = [
  'I can manage your tasks in plain language. For example:',
  '- add buy milk tomorrow at 5pm #shopping !high',
  '- pay rent on the 1st of every month, remind me 2 days before',
  '- remind me in 10 minutes to take out the laundry / standup every weekday at 9:30',
  "- what's due today / show high priority tasks tagged work / overdue / find milk",
  '- move the dentist to monday 9am / push it back a day / rename 2 to buy oat milk / make it urgent / tag 3 #home',
  '- show details of 2 / stop repeating it / remove the due date from 2 / no reminder for 2',
  '- done with buy milk / complete 1 and 3 / delete the dentist / clear completed',
  '- remind me about rent 3 days before / what reminders do I have / show my notifications',
  'Numbers refer to the last list I showed; "it" to the last task we talked about.',
].join('\n');
