import * as z from 'zod/mini';
import { pageOf } from '#shared/contracts/page';
import { TIME_ZONE_RULE } from '#shared/contracts/time';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { VerifyEmail } from './email-verification/verification-routes';
import { NotificationView } from './notification';
import { ListQuery, SendNotification } from './notification-schemas';
import { USER_NOTIFICATIONS_PATH } from './notification-routes';
import { preferencesInput, PreferencesView } from './preferences';

const NO_NOTIFICATION = problemAnswer("no such notification for this user (another user's id answers the same)");

/** The notification function's routes, from the schemas they validate with. */
export function notificationApi(options: { allowPrivateTargets: boolean }): ApiContracts {
  return {
    tag: 'notifications',
    description: "A user's notifications (in-app, webhook, email) and the preferences that route them.",
    routes: [
      { method: 'get', path: '/notifications/preferences', operationId: 'getPreferences', summary: 'Read the notification preferences', caller: 'user', responses: { 200: { description: 'the preferences', content: PreferencesView } } },
      {
        method: 'put',
        path: '/notifications/preferences',
        operationId: 'replacePreferences',
        summary: 'Replace the notification preferences',
        description: 'A new webhook without a secret gets one, shown once in this answer.',
        caller: 'user',
        body: preferencesInput(options),
        rules: {
          'channels.webhook.url': `is an absolute http or https URL, as a browser reads it, without a user name or password${options.allowPrivateTargets ? '' : ', on a public address'}`,
          'quietHours.end': 'differs from `start`',
          'quietHours.timezone': TIME_ZONE_RULE,
        },
        responses: { 200: { description: 'the preferences now', content: PreferencesView } },
      },
      {
        method: 'post',
        path: '/notifications/preferences/email/verification',
        operationId: 'requestEmailVerification',
        summary: 'Mail a code that proves the email address is the user\'s',
        caller: 'user',
        responses: {
          202: { description: 'the code is on its way', content: z.object({ address: z.string(), expiresAt: z.string() }) },
          409: problemAnswer('no address, already verified, or this server sends no email'),
          429: problemAnswer('too many codes asked for; `Retry-After` says when to ask again', { 'Retry-After': { description: 'seconds', schema: { type: 'integer', minimum: 0 } } }),
          502: problemAnswer('the mail server did not take the mail'),
        },
      },
      {
        method: 'post',
        path: '/notifications/preferences/email/verify',
        operationId: 'verifyEmail',
        summary: 'Enter the mailed code',
        caller: 'user',
        body: VerifyEmail,
        rules: { code: 'is the code last mailed, within its time' },
        responses: { 200: { description: 'verified: the preferences now', content: PreferencesView }, 409: problemAnswer('no code is pending') },
      },
      {
        method: 'post',
        path: '/notifications/send',
        operationId: 'sendNotification',
        summary: 'Send a notification to oneself on the chosen channels',
        caller: 'user',
        body: SendNotification,
        rules: { channels: 'are enabled in the preferences (email: at an address its owner verified)' },
        responses: {
          201: {
            description: 'one notification per channel',
            content: z.object({ items: z.array(NotificationView) }),
            links: { read: { operationId: 'readNotification', parameters: { id: '$response.body#/items/0/id' } } },
          },
        },
      },
      { method: 'post', path: '/notifications/read-all', operationId: 'readAllNotifications', summary: 'Mark every notification read', caller: 'user', responses: { 200: { description: 'how many were marked', content: z.object({ read: z.number().check(z.int()) }) } } },
      {
        method: 'post',
        path: '/notifications/:id/read',
        operationId: 'readNotification',
        summary: 'Mark a notification read',
        caller: 'user',
        pathParameters: { id: z.uuid() },
        responses: { 200: { description: 'the notification', content: NotificationView }, 404: NO_NOTIFICATION },
      },
      {
        method: 'get',
        path: USER_NOTIFICATIONS_PATH,
        operationId: 'listNotifications',
        summary: "List the user's own notifications, newest first, a page at a time",
        caller: 'user',
        pathParameters: { userId: z.string() },
        query: ListQuery,
        responses: { 200: { description: 'a page of notifications', content: pageOf(NotificationView) }, 400: problemAnswer('the cursor is not one this server issued'), 404: problemAnswer("another user's id: answered as an unknown user") },
      },
    ],
  };
}
