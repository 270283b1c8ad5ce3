import type { AnyEvent, EventContext } from '#shared/events/index';
import { eventsOf } from '#shared/system/function-events';
import type { NotificationChannel } from '#shared/events/notification-events';
import type { ReminderDelivered } from '#shared/events/reminder-events';
import { deliverInApp } from './channels/in-app';
import type { Notification } from './notification';
import { notificationFacts } from './notification-events';
import type { Preferences } from './preferences';
import { quietUntil } from './quiet-hours';
import { reminderBody } from './reminder-text';
import { RuleViolation } from '#shared/contracts/rule-violation';

const newEvent = eventsOf('notification');


/** What to notify the user of, whichever way it came (a delivered reminder or `POST /notifications/send`). */
export interface NotifyRequest {
  reminderId: string | null;
  taskId: string | null;
  title: string;
  body: string;
  /** Only these channels (each must be enabled); default: every enabled channel. */
  channels?: readonly NotificationChannel[];
}

export interface NotifyContext extends EventContext {
  /** False when this server has no SMTP server configured: email is then not a channel. */
  emailAvailable: boolean;
}

export interface Planned {
  notification: Notification;
  events: AnyEvent[];
}

/** The channels a user's preferences enable on this server, in-app first; email only to a verified address. */
export function enabledChannels(preferences: Preferences, emailAvailable: boolean): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (preferences.inApp) channels.push('in-app');
  if (preferences.webhook) channels.push('webhook');
  if (preferences.email?.verifiedAt && emailAvailable) channels.push('email');
  return channels;
}

function chooseChannels(preferences: Preferences, request: NotifyRequest, emailAvailable: boolean): NotificationChannel[] {
  const enabled = enabledChannels(preferences, emailAvailable);
  if (!request.channels) return enabled;
  const missing = request.channels.find((channel) => !enabled.includes(channel));
  if (missing === 'email' && preferences.email && emailAvailable) throw new RuleViolation('channels', 'email is not enabled: the address is not verified yet');
  if (missing) throw new RuleViolation('channels', `${missing} is not enabled in your notification preferences`);
  return enabled.filter((channel) => request.channels!.includes(channel));
}

/**
 * One notification per chosen channel. In-app is delivered by being stored (Sent and Delivered now);
 * webhook and email become pending deliveries for the dispatcher (Sent now, the outcome later),
 * held until quiet hours end.
 */
export function decideNotify(preferences: Preferences, request: NotifyRequest, context: NotifyContext): Planned[] {
  const now = context.now.toISOString();
  const sendAt = (quietUntil(preferences.quietHours, context.now) ?? context.now).toISOString();
  return chooseChannels(preferences, request, context.emailAvailable).map((channel) => {
    const notification: Notification = {
      id: context.newId(),
      userId: context.userId,
      reminderId: request.reminderId,
      taskId: request.taskId,
      title: request.title,
      body: request.body,
      channel,
      status: 'pending',
      traceparent: context.traceparent,
      attempts: 0,
      nextAttemptAt: sendAt,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
      readAt: null,
    };
    if (channel === 'in-app') return deliverInApp(notification, context);
    return { notification, events: [newEvent('dev.todo.notification.sent.v1', context, notificationFacts(notification))] };
  });
}

/** What a delivered reminder says to its user. */
export function reminderRequest(data: ReminderDelivered['data']): NotifyRequest {
  return { reminderId: data.reminderId, taskId: data.taskId, title: data.title, body: reminderBody(data) };
}
