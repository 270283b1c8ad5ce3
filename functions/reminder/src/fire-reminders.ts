import { appendToOutbox } from '#shared/outbox/outbox';
import { inSpan, linkSpanTo } from '#shared/trace/spans';
import { FIRST_FIRE_BATCH, nextFireBatch } from './burst-batches';
import { decideFiring } from './decide';
import type { Reminder } from './reminder';
import { REMINDER_SOURCE, type ReminderDeps } from './reminder-deps';
import { claimDueReminders, type DueReminder, lockReminder, recordFirings } from './reminder-store';

/** A job trigger this close before the reminder's time still fires it (clock skew between hosts). */
export const EARLY_TOLERANCE_MS = 1_000;

function fire(deps: ReminderDeps, due: readonly DueReminder[], now: Date, traceparent: string) {
  return due.map(({ reminder, task }) => ({
    id: reminder.id,
    ...decideFiring(reminder, task, { source: REMINDER_SOURCE, userId: reminder.userId, traceparent, now, newId: deps.newId }),
  }));
}

/** Due → fired, per reminder fired (`reminder_lateness_seconds{stage="fired"}`). */
function observeLateness(deps: ReminderDeps, due: readonly DueReminder[], now: Date): void {
  for (const { reminder } of due) deps.metrics.reminderLateness.observe({ stage: 'fired' }, Math.max(0, now.getTime() - new Date(reminder.remindAt).getTime()) / 1_000);
}

/**
 * Fires every scheduled reminder due now, in batches: each batch is claimed with `for update skip
 * locked`, marked delivered or failed and its events written to the outbox in one transaction, so
 * two running copies never fire the same reminder. Batches grow while they come back full (a burst
 * of due reminders); the relay publishes each as soon as it commits. Returns how many fired.
 */
export async function fireDueReminders(deps: ReminderDeps, firstBatch = FIRST_FIRE_BATCH): Promise<number> {
  let total = 0;
  for (let batchSize = firstBatch; ; batchSize = nextFireBatch(batchSize)) {
    const now = deps.clock();
    // Each batch is a trace of its own, linked to the spans that scheduled its reminders.
    const due = await inSpan('fire reminders', { parent: null }, (traceparent, span) =>
      deps.sql.begin(async (tx) => {
        const due = await claimDueReminders(tx, deps.schema, now, batchSize);
        span?.setAttribute('todo.reminders.fired', due.length);
        linkSpanTo(due.map((reminder) => reminder.scheduledBy), span);
        const firings = fire(deps, due, now, traceparent);
        await recordFirings(tx, deps.schema, firings, now);
        await appendToOutbox(tx, deps.schema, firings.map((firing) => firing.event));
        return due;
      }),
    );
    if (due.length > 0) deps.eventsCommitted();
    observeLateness(deps, due, now);
    total += due.length;
    if (due.length < batchSize) return total;
  }
}

export type FireOneResult =
  | { kind: 'fired'; status: 'delivered' | 'failed' }
  | { kind: 'already'; status: Reminder['status'] }
  | { kind: 'not-due'; reminder: Reminder }
  | { kind: 'unknown' };

/**
 * Fires one reminder (a Dapr job trigger, delivered at least once): the first trigger at or after its
 * time delivers it; any later one, or one for a cancelled reminder, finds it settled and does nothing.
 */
export async function fireReminder(deps: ReminderDeps, reminderId: string, traceparent: string): Promise<FireOneResult> {
  const now = deps.clock();
  const result = await deps.sql.begin(async (tx): Promise<Exclude<FireOneResult, { kind: 'fired' }> | (Extract<FireOneResult, { kind: 'fired' }> & { due: DueReminder })> => {
    const due = await lockReminder(tx, deps.schema, reminderId);
    if (!due) return { kind: 'unknown' };
    if (due.reminder.status !== 'scheduled') return { kind: 'already', status: due.reminder.status };
    if (new Date(due.reminder.remindAt).getTime() > now.getTime() + EARLY_TOLERANCE_MS) return { kind: 'not-due', reminder: due.reminder };
    const [firing] = fire(deps, [due], now, traceparent);
    await recordFirings(tx, deps.schema, [firing!], now);
    await appendToOutbox(tx, deps.schema, [firing!.event]);
    return { kind: 'fired', status: firing!.status, due };
  });
  if (result.kind === 'fired') {
    deps.eventsCommitted();
    // The job's request span (outside the transaction's) follows from the span that scheduled the reminder.
    linkSpanTo([result.due.scheduledBy]);
    observeLateness(deps, [result.due], now);
  }
  return result.kind === 'fired' ? { kind: 'fired', status: result.status } : result;
}
