import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tokenCache } from '../../shared/src/http/token-cache';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { freePort } from '../spawn-function';
import { type LatencySummary, summarize } from '../stats';
import { createDueTasks, listAll, type ReminderBenchStore, reminderBenchEnv, reminderBenchStore, waitUntil } from './reminder-bench-kit';

export interface ReminderRestartOptions {
  root: string;
  reminders: number;
  users: number;
  concurrency: number;
  databaseUrl?: string;
}

/** One kill and restart, counted through the HTTP APIs afterwards. */
export interface RestartRound {
  name: string;
  reminders: number;
  /** Reminders the killed process had already fired (ReminderDelivered before the restart). */
  firedBeforeKill: number;
  /** Reminders `GET /reminders` lists as delivered, and as still scheduled. */
  delivered: number;
  stillScheduled: number;
  /** ReminderDelivered events the audit log recorded, and how many reminders they name. */
  deliveredEvents: number;
  distinctReminders: number;
  /** In-app notifications listed, and how many tasks they name. */
  inApp: number;
  distinctInApp: number;
  /** From the restarted process being started to each reminder it fired (ms). */
  afterRestart: LatencySummary;
  /** From the restarted process being started to each in-app notification stored after the restart (ms). */
  inAppAfterRestart: LatencySummary;
  exactlyOnce: boolean;
}

export interface ReminderRestartResult {
  database: 'embedded' | 'server';
  rounds: RestartRound[];
}

interface AuditItem {
  eventId: string;
  data: { reminderId: string; remindAt: string; deliveredAt: string };
}

/** The one-process system (without chat) in a child process of its own, so it can be killed with SIGKILL. */
async function startProcess(root: string, store: ReminderBenchStore, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'scenarios', 'reminder-system-main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...reminderBenchEnv(store, port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const ready = await waitUntil(
    () => fetch(`http://127.0.0.1:${port}/ready`).then((response) => response.status === 200, () => false),
    120_000,
    100,
  );
  if (!ready || child.exitCode !== null) {
    child.kill('SIGKILL');
    throw new Error(`the system did not start: ${stderr.trim()}`);
  }
  return child;
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/**
 * Kills the one-process system (SIGKILL, a crash) while `reminders` reminders are pending and
 * restarts it, twice: once long before they are due so they fall due while nothing runs, once the
 * moment the first of them fired. Afterwards every reminder must be delivered once: counted in
 * `GET /reminders`, in the ReminderDelivered events of `GET /audit` (a second firing would be a
 * second event) and in the in-app notifications.
 */
export async function reminderRestart(options: ReminderRestartOptions): Promise<ReminderRestartResult> {
  const store = reminderBenchStore(options.databaseUrl);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = tokenCache(store.secret);
  const run = randomBytes(3).toString('hex');
  let child = await startProcess(options.root, store, port);
  try {
    const probe = await createDueTasks({ url, token, count: 50, userOf: () => `bench-rr-${run}-probe`, dueAt: null, concurrency: options.concurrency, label: 'probe' });
    const leadMs = 8_000 + (2.5 * options.reminders * 1000) / probe.perSecond;
    const rounds: RestartRound[] = [];

    for (const name of ['killed while pending, due while down', 'killed as they fell due'] as const) {
      const users = Array.from({ length: Math.min(options.users, options.reminders) }, (_, index) => `bench-rr-${run}-${rounds.length}-${index}`);
      const userOf = (index: number) => users[index % users.length]!;
      const countOf = async (status: string) => {
        let count = 0;
        for (const user of users) count += (await listAll(`${url}/reminders?status=${status}`, await token(user))).length;
        return count;
      };
      const dueAt = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
      await createDueTasks({ url, token, count: options.reminders, userOf, dueAt: dueAt.toISOString(), concurrency: options.concurrency, label: name });
      if (!(await waitUntil(async () => (await countOf('scheduled')) === options.reminders, Math.max(0, dueAt.getTime() - Date.now() - 1_000), 200))) {
        throw new Error(`${name}: the reminders were not all scheduled before their time`);
      }

      if (name === 'killed as they fell due') {
        await waitUntil(async () => (await listAll(`${url}/reminders?status=delivered`, await token(users[0]!))).length > 0, dueAt.getTime() - Date.now() + 30_000, 5);
      }
      await kill(child, 'SIGKILL');
      if (name === 'killed while pending, due while down') await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() + 2_000 - Date.now())));
      const restartedAt = Date.now();
      child = await startProcess(options.root, store, port);

      const audited = async () => {
        const items: AuditItem[] = [];
        for (const user of users) items.push(...(await listAll<AuditItem>(`${url}/audit?type=dev.todo.reminder.delivered.v1`, await token(user))));
        return items;
      };
      const inAppOf = async () => {
        const items: { taskId: string | null; createdAt: string }[] = [];
        for (const user of users) items.push(...(await listAll<{ taskId: string | null; createdAt: string }>(`${url}/notifications/${user}?channel=in-app`, await token(user))));
        return items;
      };
      await waitUntil(async () => (await audited()).length >= options.reminders && (await inAppOf()).length >= options.reminders, 180_000, 500);
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // time for a second firing to show itself

      const events = await audited();
      const inApp = await inAppOf();
      const delivered = await countOf('delivered');
      const stillScheduled = await countOf('scheduled');
      const firedAt = events.map((event) => Date.parse(event.data.deliveredAt));
      const distinctReminders = new Set(events.map((event) => event.data.reminderId)).size;
      const distinctInApp = new Set(inApp.map((notification) => notification.taskId)).size;
      rounds.push({
        name,
        reminders: options.reminders,
        firedBeforeKill: firedAt.filter((at) => at < restartedAt).length,
        delivered,
        stillScheduled,
        deliveredEvents: events.length,
        distinctReminders,
        inApp: inApp.length,
        distinctInApp,
        afterRestart: summarize(firedAt.filter((at) => at >= restartedAt).map((at) => at - restartedAt)),
        inAppAfterRestart: summarize(inApp.map((n) => Date.parse(n.createdAt)).filter((at) => at >= restartedAt).map((at) => at - restartedAt)),
        exactlyOnce: delivered === options.reminders && stillScheduled === 0 && events.length === options.reminders && distinctReminders === options.reminders && inApp.length === options.reminders && distinctInApp === options.reminders,
      });
    }
    return { database: options.databaseUrl ? 'server' : 'embedded', rounds };
  } finally {
    await kill(child, 'SIGTERM');
    await store.remove();
  }
}

function rows(result: ReminderRestartResult): Row[] {
  return result.rounds.flatMap((round): Row[] => [
    [
      `reminder restart: ${round.name}`,
      `${result.database} Postgres, SIGKILL; restart → fired`,
      num(round.afterRestart.count),
      '',
      num(round.afterRestart.p50Ms),
      num(round.afterRestart.p99Ms),
      num(round.afterRestart.maxMs),
      `${round.exactlyOnce ? 'every one exactly once' : 'NOT exactly once'}: ${num(round.delivered)} of ${num(round.reminders)} delivered, ${num(round.stillScheduled)} left, ` +
        `${num(round.deliveredEvents)} ReminderDelivered for ${num(round.distinctReminders)} reminders, ${num(round.inApp)} in-app; ${num(round.firedBeforeKill)} fired before the kill`,
    ],
    [`reminder restart: ${round.name}`, `${result.database} Postgres; restart → in-app stored`, num(round.inAppAfterRestart.count), '', num(round.inAppAfterRestart.p50Ms), num(round.inAppAfterRestart.p99Ms), num(round.inAppAfterRestart.maxMs), ''],
  ]);
}

/** `BENCH_RESTART_REMINDERS` (default 1,000) reminders pending across a crash and restart, embedded and (with BENCH_DATABASE_URL) server. */
export const reminderRestartScenario: BenchScenario = {
  name: 'reminder-restart',
  async run({ config, root }) {
    const reminders = Number(process.env.BENCH_RESTART_REMINDERS ?? 1_000);
    if (!Number.isInteger(reminders) || reminders < 1) throw new Error(`BENCH_RESTART_REMINDERS=${process.env.BENCH_RESTART_REMINDERS} is not an integer ≥ 1`);
    const settings = { root, reminders, users: Math.min(config.users, 20), concurrency: Math.min(config.concurrency, 16) };
    const results = [await reminderRestart(settings)];
    if (config.databaseUrl) results.push(await reminderRestart({ ...settings, databaseUrl: config.databaseUrl }));
    return { rows: results.flatMap(rows), details: results };
  },
};
