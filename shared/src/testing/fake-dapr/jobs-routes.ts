import { Hono } from 'hono';

/** A job as it was posted: the request body, with its `data` as the raw JSON value. */
export type Job = Record<string, unknown>;

/** How the sidecar reaches its app (the app channel): a fetch relative to the app's root. */
export type CallApp = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * The Jobs API of Dapr 1.16+ (platform.md §2, from dapr/dapr `pkg/api/http/jobs.go`,
 * `pkg/api/universal/jobs.go`, `pkg/scheduler/server/api.go`):
 * - `POST /v1.0-alpha1/jobs/{name}` → 204; 400 when the body has `name` or neither `schedule` nor
 *   `dueTime`; 409 when the job exists and `overwrite` is not true.
 * - `DELETE /v1.0-alpha1/jobs/{name}` → 204 (deleting a missing job is assumed to succeed too).
 * - `GET /v1.0-alpha1/jobs/{name}` → 200 with the job, its `data` wrapped as a protobuf Value
 *   (`{"@type": "type.googleapis.com/google.protobuf.Value", "value": <data>}`, as daprd 1.18 answers);
 *   500 (not 404) when missing.
 */
export function jobsRoutes(jobs: Map<string, Job>): Hono {
  const app = new Hono();
  app.post('/:name', async (c) => {
    const name = c.req.param('name');
    const text = await c.req.text();
    const body = (text ? JSON.parse(text) : {}) as Job;
    if ('name' in body) return c.json({ errorCode: 'ERR_SCHEDULER_URL_NAME', message: 'name must not be in the body' }, 400);
    if (!body.schedule && !body.dueTime) return c.json({ errorCode: 'ERR_SCHEDULER_SCHEDULE_JOB', message: 'schedule or dueTime required' }, 400);
    if (jobs.has(name) && body.overwrite !== true) return c.json({ errorCode: 'ERR_SCHEDULER_SCHEDULE_JOB', message: 'job already exists' }, 409);
    jobs.set(name, body);
    return c.body(null, 204);
  });
  app.delete('/:name', (c) => {
    jobs.delete(c.req.param('name'));
    return c.body(null, 204);
  });
  app.get('/:name', (c) => {
    const job = jobs.get(c.req.param('name'));
    if (!job) return c.json({ errorCode: 'DAPR_SCHEDULER_GET_JOB' }, 500);
    const { overwrite: _overwrite, data, ...rest } = job;
    return c.json({ name: c.req.param('name'), ...rest, data: { '@type': 'type.googleapis.com/google.protobuf.Value', value: data } });
  });
  return app;
}

/**
 * What the Scheduler does at a job's due time (platform.md §2.2, from dapr/dapr
 * `pkg/channel/http/http_channel.go`, `pkg/runtime/scheduler/internal/cluster/streamer.go`):
 * `POST /job/{name}` to the app with the raw `data` JSON as body; 2xx and 404 count as success (the
 * one-shot job is removed), anything else keeps it for the failure policy.
 */
export function jobTriggers(jobs: Map<string, Job>, callApp: CallApp | undefined) {
  const redeliver = async (name: string, data: unknown) => {
    if (!callApp) throw new Error('startFakeDaprSidecar needs jobs.callApp to trigger a job');
    return callApp(`/job/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  };
  const trigger = async (name: string) => {
    const job = jobs.get(name);
    if (!job) throw new Error(`no job ${name}`);
    const response = await redeliver(name, job.data);
    if (response.ok || response.status === 404) jobs.delete(name);
    return response;
  };
  return { trigger, redeliver };
}
