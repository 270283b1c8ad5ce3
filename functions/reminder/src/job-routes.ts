import { Hono } from 'hono';
import type { RequestVariables } from '#shared/http/request-context';
import { sameSecret } from '#shared/http/same-secret';
import { fireReminder } from './fire-reminders';
import type { ReminderDeps } from './reminder-deps';
import { JobData } from './reminder-requests';
import { jobName } from './scheduler/job-name';

type Env = { Variables: RequestVariables };

/**
 * `POST /job/:name`, the Dapr Jobs callback (body = the job's raw `data` JSON; at least once).
 * Dapr reads 2xx as success, 404 as success without retry (counted as a failure), anything else as
 * "apply the failure policy". So: 200 when the reminder fired or was already settled (delivered,
 * failed, cancelled: a redelivery changes nothing); 404, deliberately, for a job that is not one of
 * our reminders (bad data, unknown id) — retrying cannot help; 500 (a database error) asks for a retry.
 * A trigger before the reminder's time (a job left from a move that has not reached Dapr yet) does not
 * deliver: the job is scheduled again for the reminder's time. Only the reminder's time lets it fire,
 * so a stray caller cannot deliver a reminder early. Only the sidecar may call: it presents the app
 * API token (`APP_API_TOKEN`) as `dapr-api-token`; anyone else gets 401 and nothing is read.
 */
export function jobRoutes(deps: ReminderDeps, options: { appApiToken: string }): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/job/:name', async (c) => {
    if (!sameSecret(c.req.header('dapr-api-token'), options.appApiToken)) {
      return c.json({ status: 'unauthorized' }, 401);
    }
    let data: unknown;
    try {
      data = JSON.parse(await c.req.text());
    } catch {
      data = null;
    }
    const parsed = JobData.safeParse(data);
    if (!parsed.success || jobName(parsed.data.reminderId) !== c.req.param('name')) return c.json({ status: 'not a reminder job' }, 404);
    const result = await fireReminder(deps, parsed.data.reminderId, c.var.traceparent);
    switch (result.kind) {
      case 'fired':
        return c.json({ status: result.status }, 200);
      case 'already':
        return c.json({ status: `already ${result.status}` }, 200);
      case 'not-due':
        setImmediate(() => void deps.scheduler.schedule(result.reminder).catch((error: unknown) => c.var.log.warn({ err: error }, 'rescheduling an early job failed')));
        return c.json({ status: 'rescheduled' }, 200);
      case 'unknown':
        return c.json({ status: 'unknown reminder' }, 404);
    }
  });
  return app;
}
