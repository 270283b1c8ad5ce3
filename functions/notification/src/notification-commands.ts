import { claimEvent } from '#shared/db/idempotency';
import type { ReminderDelivered } from '#shared/events/reminder-events';
import { appendToOutbox } from '#shared/outbox/outbox';
import { decideNotify, type NotifyRequest, reminderRequest } from './decide';
import type { Notification } from './notification';
import type { NotificationDeps } from './notification-deps';
import { NOTIFICATION_SOURCE } from './notification-events';
import { insertNotifications } from './notification-store';
import { decidePreferences, type Preferences, type PreferencesInput } from './preferences';
import { loadPreferences, savePreferences } from './preferences-store';

export interface Actor {
  userId: string;
  traceparent: string;
}

/** Called after a commit that recorded notifications: publish their events, send what is pending. */
export type AfterCommit = () => void;

async function notify(deps: NotificationDeps, afterCommit: AfterCommit, actor: Actor, request: NotifyRequest, event?: { source: string; id: string }) {
  const result = await deps.sql.begin(async (tx) => {
    if (event && !(await claimEvent(tx, deps.schema, event))) return { duplicate: true, notifications: [] as Notification[] };
    const preferences = await loadPreferences(tx, deps.schema, actor.userId);
    const planned = decideNotify(preferences, request, {
      source: NOTIFICATION_SOURCE,
      userId: actor.userId,
      traceparent: actor.traceparent,
      now: deps.clock(),
      newId: deps.newId,
      emailAvailable: !!deps.senders.email,
    });
    const inserted = await insertNotifications(tx, deps.schema, planned.map((plan) => plan.notification));
    const kept = planned.filter((plan) => inserted.has(plan.notification.id));
    await appendToOutbox(tx, deps.schema, kept.flatMap((plan) => plan.events));
    return { duplicate: false, notifications: kept.map((plan) => plan.notification) };
  });
  if (result.notifications.length > 0) afterCommit();
  return result;
}

/**
 * Notifies the user of a delivered reminder on each enabled channel. The event is claimed in the same
 * transaction, and (reminder, channel) is unique: a redelivery, even under a new event id, adds nothing.
 */
export function notifyReminder(deps: NotificationDeps, afterCommit: AfterCommit, event: ReminderDelivered) {
  return notify(deps, afterCommit, { userId: event.userid, traceparent: event.traceparent }, reminderRequest(event.data), { source: event.source, id: event.id });
}

/** Sends the caller an ad-hoc notification on the channels they name (default: every enabled one). */
export async function sendToSelf(deps: NotificationDeps, afterCommit: AfterCommit, actor: Actor, input: { title: string; body?: string | undefined; channels?: NotifyRequest['channels'] }) {
  const request: NotifyRequest = { reminderId: null, taskId: null, title: input.title.trim(), body: input.body ?? '', ...(input.channels ? { channels: input.channels } : {}) };
  return (await notify(deps, afterCommit, actor, request)).notifications;
}

/** Replaces the user's preferences; a webhook secret generated now is in the answer, once. */
export async function replacePreferences(deps: NotificationDeps, userId: string, input: PreferencesInput): Promise<{ preferences: Preferences; revealSecret: boolean }> {
  return deps.sql.begin(async (tx) => {
    await tx.unsafe(`select pg_advisory_xact_lock(hashtext($1))`, [`preferences:${deps.schema}:${userId}`]);
    const decision = decidePreferences(await loadPreferences(tx, deps.schema, userId), input, deps.newSecret);
    await savePreferences(tx, deps.schema, userId, decision.preferences, deps.clock());
    return decision;
  });
}
