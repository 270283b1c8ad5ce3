import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * A fake Dapr sidecar for tests, following the Jobs HTTP contract of Dapr 1.16+ as documented in
 * shared/reference/platform.md §2 (from dapr/dapr `pkg/api/http/jobs.go`, `pkg/api/universal/jobs.go`,
 * `pkg/scheduler/server/api.go`, `pkg/channel/http/http_channel.go`, `.../cluster/streamer.go`):
 * - `POST /v1.0-alpha1/jobs/{name}` → 204; 400 when the body has `name` or neither `schedule` nor
 *   `dueTime`; 409 when the job exists and `overwrite` is not true.
 * - `DELETE /v1.0-alpha1/jobs/{name}` → 204 (deleting a missing job is assumed to succeed too).
 * - `GET /v1.0-alpha1/jobs/{name}` → 200 with the job, its `data` wrapped as a protobuf Value
 *   (`{"@type": "type.googleapis.com/google.protobuf.Value", "value": <data>}`, as daprd 1.18 answers);
 *   500 (not 404) when missing. The adapter never reads a job back.
 * - `trigger(name)` does what the Scheduler does at the due time: `POST /job/{name}` to the app with
 *   the raw `data` JSON as body; 2xx and 404 count as success (the one-shot job is removed), anything
 *   else keeps it for the failure policy.
 */
export interface FakeSidecar {
  url: string;
  jobs: Map<string, Record<string, unknown>>;
  /** Every request the sidecar received, in order. */
  requests: { method: string; path: string; body: Record<string, unknown> | null }[];
  /** Answer the next `count` job requests with 500 (a sidecar that is still starting). */
  failNext(count: number): void;
  trigger(name: string): Promise<Response>;
  /** Posts a job's data to the app again, as an at-least-once redelivery does. */
  redeliver(name: string, data: unknown): Promise<Response>;
  close(): Promise<void>;
}

export type CallApp = (path: string, init: RequestInit) => Response | Promise<Response>;

export async function startFakeSidecar(options: { callApp: CallApp }): Promise<FakeSidecar> {
  const jobs = new Map<string, Record<string, unknown>>();
  const requests: FakeSidecar['requests'] = [];
  let failures = 0;
  const app = new Hono();

  app.use('/v1.0-alpha1/jobs/:name', async (c, next) => {
    const text = await c.req.text();
    requests.push({ method: c.req.method, path: c.req.path, body: text ? (JSON.parse(text) as Record<string, unknown>) : null });
    if (failures > 0) {
      failures--;
      return c.json({ errorCode: 'ERR_FAKE', message: 'not ready' }, 500);
    }
    await next();
  });
  app.post('/v1.0-alpha1/jobs/:name', async (c) => {
    const name = c.req.param('name');
    const body = requests.at(-1)!.body ?? {};
    if ('name' in body) return c.json({ errorCode: 'ERR_SCHEDULER_URL_NAME', message: 'name must not be in the body' }, 400);
    if (!body.schedule && !body.dueTime) return c.json({ errorCode: 'ERR_SCHEDULER_SCHEDULE_JOB', message: 'schedule or dueTime required' }, 400);
    if (jobs.has(name) && body.overwrite !== true) return c.json({ errorCode: 'ERR_SCHEDULER_SCHEDULE_JOB', message: 'job already exists' }, 409);
    jobs.set(name, body);
    return c.body(null, 204);
  });
  app.delete('/v1.0-alpha1/jobs/:name', (c) => {
    jobs.delete(c.req.param('name'));
    return c.body(null, 204);
  });
  app.get('/v1.0-alpha1/jobs/:name', (c) => {
    const job = jobs.get(c.req.param('name'));
    if (!job) return c.json({ errorCode: 'DAPR_SCHEDULER_GET_JOB' }, 500);
    const { overwrite: _overwrite, data, ...rest } = job;
    return c.json({ name: c.req.param('name'), ...rest, data: { '@type': 'type.googleapis.com/google.protobuf.Value', value: data } });
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;

  const post = (name: string, data: unknown) =>
    Promise.resolve(options.callApp(`/job/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) }));

  return {
    url: `http://127.0.0.1:${port}`,
    jobs,
    requests,
    failNext: (count) => {
      failures = count;
    },
    async trigger(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`no job ${name}`);
      const response = await post(name, job.data);
      if (response.ok || response.status === 404) jobs.delete(name);
      return response;
    },
    redeliver: post,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
