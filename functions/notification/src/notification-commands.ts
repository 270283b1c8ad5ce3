import { groupCommit } from '#shared/db/group-commit';
import type { ReminderDelivered } from '#shared/events/reminder-events';
import { appendToOutbox } from '#shared/outbox/outbox';
import { claimEvents, eventKey } from './claim-events';
import { decideNotify, type NotifyRequest, reminderRequest } from './decide';
import type { Notification } from './notification';
import type { NotificationDeps } from './notification-deps';
import { NOTIFICATION_SOURCE } from './notification-events';
import { insertNotifications } from './notification-store';
import { decidePreferences, type Preferences, type PreferencesInput } from './preferences';
import { loadPreferences, loadPreferencesOf, lockPreferences, savePreferences } from './preferences-store';

export interface Actor {
  userId: string;
  traceparent: string;
}

/** Called after a commit that recorded notifications: publish their events, send what is pending. */
export type AfterCommit = () => void;

interface NotifyItem {
  actor: Actor;
  request: NotifyRequest;
  /** The event that asked for it, claimed in the same transaction (none for an ad-hoc notification). */
  event?: { source: string; id: string };
  /** The reminder's time, when a reminder asked for it. */
  remindAt?: string;
}

export interface NotifyResult {
  duplicate: boolean;
  notifications: Notification[];
}

/**
 * Records the notifications of several requests in one transaction: claims their events (a
 * redelivered one does nothing), reads the users' preferences, inserts one row per enabled channel
 * (`unique (reminder_id, channel)` drops a reminder already notified) and writes the events of the
 * rows actually inserted to the outbox.
 */
async function notifyAll(deps: NotificationDeps, afterCommit: AfterCommit, items: readonly NotifyItem[]): Promise<NotifyResult[]> {
  const now = deps.clock();
  const results = await deps.sql.begin(async (tx) => {
    const claimed = await claimEvents(tx, deps.schema, items.flatMap((item) => (item.event ? [item.event] : [])));
    const fresh = items.map((item) => !item.event || claimed.delete(eventKey(item.event)));
    const preferences = await loadPreferencesOf(tx, deps.schema, items.filter((_, index) => fresh[index]).map((item) => item.actor.userId));
    const planned = items.map((item, index) =>
      fresh[index]
        ? decideNotify(preferences.get(item.actor.userId)!, item.request, {
            source: NOTIFICATION_SOURCE,
            userId: item.actor.userId,
            traceparent: item.actor.traceparent,
            now,
            newId: deps.newId,
            emailAvailable: !!deps.senders.email,
          })
        : [],
    );
    const inserted = await insertNotifications(tx, deps.schema, planned.flat().map((plan) => plan.notification));
    const kept = planned.map((plans) => plans.filter((plan) => inserted.has(plan.notification.id)));
    await appendToOutbox(tx, deps.schema, kept.flat().flatMap((plan) => plan.events));
    return kept.map((plans, index): NotifyResult => ({ duplicate: !fresh[index], notifications: plans.map((plan) => plan.notification) }));
  });
  if (results.some((result) => result.notifications.length > 0)) afterCommit();
  observeInAppLateness(deps, items, results, now);
  return results;
}

/** Reminder's time → its in-app notification stored (`reminder_lateness_seconds{stage="delivered"}`). */
function observeInAppLateness(deps: NotificationDeps, items: readonly NotifyItem[], results: readonly NotifyResult[], now: Date): void {
  items.forEach((item, index) => {
    if (!item.remindAt || !results[index]!.notifications.some((notification) => notification.channel === 'in-app')) return;
    deps.metrics.reminderLateness.observe({ stage: 'delivered' }, Math.max(0, now.getTime() - new Date(item.remindAt).getTime()) / 1_000);
  });
}

/** The most delivered reminders one transaction notifies of: a burst goes out in a few commits. */
const NOTIFY_BATCH = 1_000;

/**
 * Notifies users of delivered reminders on each enabled channel. Deliveries that arrive while a
 * transaction is in flight share the next one (group commit). The event is claimed in the same
 * transaction, and (reminder, channel) is unique: a redelivery, even under a new event id, adds nothing.
 */
export function reminderNotifier(deps: NotificationDeps, afterCommit: AfterCommit): (event: ReminderDelivered) => Promise<NotifyResult> {
  const commit = groupCommit((items: readonly NotifyItem[]) => notifyAll(deps, afterCommit, items), { maxBatch: NOTIFY_BATCH });
  return (event) => commit({ actor: { userId: event.userid, traceparent: event.traceparent }, request: reminderRequest(event.data), event: { source: event.source, id: event.id }, remindAt: event.data.remindAt });
}

/** Sends the caller an ad-hoc notification on the channels they name (default: every enabled one). */
export async function sendToSelf(deps: NotificationDeps, afterCommit: AfterCommit, actor: Actor, input: { title: string; body?: string | undefined; channels?: NotifyRequest['channels'] }) {
  const request: NotifyRequest = { reminderId: null, taskId: null, title: input.title.trim(), body: input.body ?? '', ...(input.channels ? { channels: input.channels } : {}) };
  const [result] = await notifyAll(deps, afterCommit, [{ actor, request }]);
  return result!.notifications;
}

/** Replaces the user's preferences; a webhook secret generated now is in the answer, once. */
export async function replacePreferences(deps: NotificationDeps, userId: string, input: PreferencesInput): Promise<{ preferences: Preferences; revealSecret: boolean }> {
  return deps.sql.begin(async (tx) => {
    await lockPreferences(tx, deps.schema, userId);
    const decision = decidePreferences(await loadPreferences(tx, deps.schema, userId), input, deps.newSecret);
    await savePreferences(tx, deps.schema, userId, decision.preferences, deps.clock());
    return decision;
  });
}
