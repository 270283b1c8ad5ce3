import { findDate, today, withoutDate } from './dates';
import type { ParseContext, Priority, TaskChanges } from './intent';
import { clockForPartOfDay, findRecurrence } from './recurrence-phrases';
import { firstOccurrence, toRrule } from './rrule';
import { tidy } from './text';
import { formatInZone } from '../time/zoned-time';

const LEVELS: Record<string, Priority> = { low: 'low', medium: 'medium', normal: 'medium', high: 'high', urgent: 'urgent', important: 'high', critical: 'urgent' };
const PRIORITY = /^(?:an?\s+)?!?(low|medium|normal|high|urgent|important|critical)(?:[\s-]+priority)?$/i;

/** "urgent", "high priority", "!low", "important" → the level. */
export function priorityValue(phrase: string): Priority | undefined {
  // "not that urgent", "not so important": low.
  if (/^(?:it'?s\s+)?not\s+(?:(?:that|so|very|really|too)\s+)?(?:urgent|important)$/i.test(tidy(phrase))) return 'low';
  const match = PRIORITY.exec(tidy(phrase));
  return match ? LEVELS[match[1]!.toLowerCase()] : undefined;
}

/**
 * A due time when the whole phrase is one ("monday 9am", "the 20th"); leftover words mean it is not.
 * `dayOnly`: no time of day was said, so a task that has one keeps it ("move it to friday"); `timeOnly`:
 * no day was said ("3pm"), so the task keeps its day.
 */
export function dueValue(phrase: string, context: ParseContext): { dueAt: string; dayOnly: boolean; timeOnly: boolean; clock: { hour: number; minute: number } } | undefined {
  const found = findDate(phrase, context);
  if (!found || found.monthOnly) return undefined;
  const leftover = tidy(withoutDate(phrase, found)).replace(/^(?:on|at|the|for)$/i, '');
  return leftover === '' ? { dueAt: found.dueAt, dayOnly: !found.hasTime, timeOnly: !found.hasDay, clock: found.clock } : undefined;
}

/**
 * A repetition for an existing task ("every monday", "weekly", "monthly on the 1st at 9am"). The due
 * time moves to the first slot only when a time or a day of the month was said; otherwise the task
 * keeps its own due time.
 */
export function recurrenceChange(phrase: string, context: ParseContext): Pick<TaskChanges, 'recurrence' | 'dueAt'> | undefined {
  const found = findRecurrence(phrase);
  if (!found) return undefined;
  const date = findDate(found.rest, context);
  if (tidy(date ? withoutDate(found.rest, date) : found.rest) !== '') return undefined;
  const recurrence = { rrule: toRrule(found.rule, today(context), context.timeZone), timezone: context.timeZone };
  if (!date && !found.rule.byMonthDay && !found.rule.byMonth) return { recurrence };
  const clock = date?.hasTime ? clockForPartOfDay(date.clock, found.hour, phrase) : { hour: found.hour ?? 9, minute: 0 };
  const due = firstOccurrence(found.rule, date?.hasDay ? date.day : today(context), clock, context);
  return { recurrence, dueAt: formatInZone(due, context.timeZone) };
}
