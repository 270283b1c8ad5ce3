import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

export interface JobsSidecar {
  url: string;
  headers: Record<string, string>;
}

/**
 * The Jobs HTTP API (`/v1.0-alpha1/jobs/<name>`) as the Dapr scheduler adapter relies on it, run
 * against the fake sidecar of the quick suite and against a real daprd with the real Jobs scheduler
 * in the Dapr suite, so the fake cannot say what daprd does not. The callback itself is tested end to
 * end in dapr-jobs.dapr.test.ts (a real one) and dapr-scheduler.int.test.ts (the fake's `trigger`).
 */
export function jobsApiContract(label: string, sidecar: () => JobsSidecar): void {
  describe(`the Jobs API, as ${label} answers it`, () => {
    const call = (method: string, name: string, body?: unknown) =>
      fetch(`${sidecar().url}/v1.0-alpha1/jobs/${name}`, {
        method,
        headers: { ...sidecar().headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const aJobName = () => `contract-${randomUUID()}`;
    const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

    it('creates a one-shot job (204) that GET gives back with its due time and its data as a protobuf Value', async () => {
      const name = aJobName();
      const dueTime = inAnHour();
      expect((await call('POST', name, { dueTime, data: { reminderId: 'r-1' }, overwrite: true })).status).toBe(204);
      const got = await call('GET', name);
      expect(got.status).toBe(200);
      expect(await got.json()).toMatchObject({ name, dueTime, data: { '@type': 'type.googleapis.com/google.protobuf.Value', value: { reminderId: 'r-1' } } });
    });

    it('moves a job with overwrite, and refuses a second create without it', async () => {
      const name = aJobName();
      await call('POST', name, { dueTime: inAnHour(), data: { reminderId: 'r-2' }, overwrite: true });
      const later = new Date(Date.now() + 7_200_000).toISOString().replace(/\.\d+Z$/, 'Z');
      expect((await call('POST', name, { dueTime: later, data: { reminderId: 'r-2' }, overwrite: true })).status).toBe(204);
      expect(await (await call('GET', name)).json()).toMatchObject({ dueTime: later });
      expect((await call('POST', name, { dueTime: later, data: { reminderId: 'r-2' } })).status).toBe(409);
    });

    it('deletes a job (204); a missing job then answers GET with 500, not 404, and DELETE with 204', async () => {
      const name = aJobName();
      await call('POST', name, { dueTime: inAnHour(), data: { reminderId: 'r-3' }, overwrite: true });
      expect((await call('DELETE', name)).status).toBe(204);
      expect((await call('GET', name)).status).toBe(500);
      expect((await call('DELETE', name)).status).toBe(204);
    });

    it('refuses a job with its name in the body, or with neither schedule nor dueTime (400)', async () => {
      expect((await call('POST', aJobName(), { name: 'x', dueTime: inAnHour(), data: {} })).status).toBe(400);
      expect((await call('POST', aJobName(), { data: {} })).status).toBe(400);
    });
  });
}
