import * as z from 'zod/mini';
import { pageOf } from '#shared/contracts/page';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts, RouteContract } from '#shared/http/openapi/route-contract';
import { PublicReminder } from './reminder';
import { JobData, ReminderQuery, ScheduleReminder } from './reminder-requests';

const JOB_ANSWER = z.object({ status: z.string() });

/** `POST /job/{name}`: the Dapr Jobs callback, mounted only with REMINDER_SCHEDULER=dapr. */
export const JOB_CALLBACK: RouteContract = {
  method: 'post',
  path: '/job/:name',
  operationId: 'fireReminderJob',
  summary: 'A reminder job fires (the Dapr Jobs callback)',
  description: "The body is the job's data, `{\"reminderId\": \"…\"}`. Dapr reads 2xx as done and 404 as done without retry; anything else makes it retry.",
  caller: 'dapr-sidecar',
  pathParameters: { name: z.string() },
  body: { mediaType: 'application/json', schema: JobData },
  responses: {
    200: { description: 'fired, already settled, or rescheduled for its time', content: JOB_ANSWER },
    401: { description: 'not the sidecar: no valid dapr-api-token', content: JOB_ANSWER },
    404: { description: 'not a reminder job (bad data, unknown reminder): retrying cannot help', content: JOB_ANSWER },
  },
};

/** The reminder function's routes, from the schemas they validate with. */
export const REMINDER_API: ApiContracts = {
  tag: 'reminders',
  description: "A user's reminders: those the tasks' offsets schedule and extra ones.",
  routes: [
    {
      method: 'get',
      path: '/reminders',
      operationId: 'listReminders',
      summary: 'List reminders, soonest first, a page at a time',
      caller: 'user',
      query: ReminderQuery,
      responses: { 200: { description: 'a page of reminders', content: pageOf(PublicReminder) }, 400: problemAnswer('the cursor is not one this server issued') },
    },
    {
      method: 'post',
      path: '/reminders/schedule',
      operationId: 'scheduleReminder',
      summary: 'Schedule an extra reminder for a task, at a time or a duration before its due time',
      caller: 'user',
      body: ScheduleReminder,
      rules: {
        taskId: 'names a pending task (a completed one takes no reminders)',
        before: 'needs a task with a due time, and names a time not in the past',
        remindAt: 'is not in the past (a minute of grace)',
      },
      responses: { 201: { description: 'scheduled', content: PublicReminder, links: { taskReminders: { operationId: 'listReminders', parameters: { taskId: '$response.body#/taskId' } } } }, 404: problemAnswer("no such task for this user (another user's id answers the same)") },
    },
  ],
};
