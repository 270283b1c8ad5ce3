import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { connect } from '#shared/db/connect';
import { issueToken } from '#shared/http/issue-token';
import { startSystem } from '#shared/runtime/start-system';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { reminderModule } from '../functions/reminder/src/reminder-module';
import { taskModule } from '../functions/task/src/task-module';

const dataDir = mkdtempSync(join(tmpdir(), 'todo-restart-'));
const secret = 'restart-outbox-test-secret-0123456789abcdef';
const env = { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: secret };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('hands what a crash left in an outbox to every consumer after the restart, including those started after its relay', async () => {
  const start = () => startSystem({ env, modules: [taskModule, reminderModule], handleSignals: false });
  const first = await start();
  await first.stop();
  // As a crash leaves it: a task event committed to the task outbox but never published.
  const task = aTask({ id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', dueAt: '2099-01-01T09:00:00.000Z', reminders: ['PT0S'] });
  const embedded = (await import('#shared/db/embedded')).startEmbeddedPostgres;
  const db = await embedded({ dataDir: join(dataDir, 'pg') });
  const sql = connect(db.url, { max: 1, applicationName: 'test' });
  const event = aTaskCreated(task, eventContext({ userId: 'alice', newId: () => '0196a8c4-0000-7000-8000-000000000001' }));
  await sql.unsafe(`insert into task.outbox (event_id, event) values ($1, $2::text::jsonb)`, [event.id, JSON.stringify(event)]);
  await sql.end();
  await db.stop();

  const second = await start();
  try {
    const token = await issueToken({ userId: 'alice', secret, issuer: 'todo-local', audience: 'todo' });
    await vi.waitFor(
      async () => {
        const reminders = (await (await fetch(`${second.url}/reminders`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { taskId: string }[] };
        expect(reminders.items.map((reminder) => reminder.taskId)).toEqual([task.id]);
      },
      { timeout: 5_000, interval: 50 },
    );
  } finally {
    await second.stop();
  }
});
