import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBus } from '#shared/bus/event-bus';
import { connect } from '#shared/db/connect';
import type { AnyEvent } from '#shared/events/catalog';
import { ack } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import type { FunctionModule } from '#shared/runtime/function-module';
import { startSystem } from '#shared/runtime/start-system';
import { auditModule } from '../../functions/audit/src/audit-module';
import { notificationModule } from '../../functions/notification/src/notification-module';
import { recurrenceModule } from '../../functions/recurrence/src/recurrence-module';
import { reminderModule } from '../../functions/reminder/src/reminder-module';
import { taskModule } from '../../functions/task/src/task-module';
import { runLoad } from '../http-load';

/**
 * The one-process system without the chat function (it reads its own settings from the process
 * environment and only pushes events to open pages): task → reminder → notification, with
 * recurrence and audit consuming the same topics as they do under `npm start`. With a suffix (a
 * server run) every schema gets it, so runs never meet each other's rows.
 */
export function benchModules(schemaSuffix?: string): FunctionModule[] {
  const modules = [taskModule, reminderModule, notificationModule, recurrenceModule, auditModule];
  return schemaSuffix ? modules.map((module) => ({ ...module, schema: `${module.schema}_${schemaSuffix}` })) : modules;
}

/** Where a reminder benchmark keeps its data; a server run gets schemas of its own, dropped at the end. */
export interface ReminderBenchStore {
  dataDir: string;
  databaseUrl?: string;
  /** Appended to every schema name on a server, so runs never meet each other's rows. */
  schemaSuffix?: string;
  secret: string;
  modules: FunctionModule[];
  remove(): Promise<void>;
}

export function reminderBenchStore(databaseUrl: string | undefined): ReminderBenchStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reminder-'));
  const schemaSuffix = databaseUrl ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  const modules = benchModules(schemaSuffix);
  return {
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(schemaSuffix ? { schemaSuffix } : {}),
    secret: randomBytes(32).toString('hex'),
    modules,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (!databaseUrl) return;
      const sql = connect(databaseUrl, { max: 1, applicationName: 'bench-cleanup' });
      try {
        for (const module of modules) await sql.unsafe(`drop schema if exists ${module.schema} cascade`);
      } finally {
        await sql.end();
      }
    },
  };
}

/** The environment the system runs with (in this process or a child). */
export function reminderBenchEnv(store: ReminderBenchStore, port = 0): Record<string, string> {
  return {
    SERVICE_NAME: 'bench-reminder',
    DATA_DIR: store.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: store.secret,
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ...(store.schemaSuffix ? { BENCH_SCHEMA_SUFFIX: store.schemaSuffix } : {}),
  };
}

export async function startReminderBenchSystem(store: ReminderBenchStore) {
  return startSystem({ env: reminderBenchEnv(store), modules: store.modules, handleSignals: false });
}

export interface Sighting {
  /** How many times the event arrived (more than once is a duplicate). */
  count: number;
  remindAt: number;
  /** The instant the event itself names (the reminder fired / the notification was stored). */
  at: number;
  /** When the bus handed the first copy to this recorder. */
  receivedAt: number;
}

/**
 * Watches `reminder-events` and `notification-events` on the in-process bus for the run's users,
 * as one more subscriber: ReminderScheduled, ReminderDelivered, ReminderFailed and the in-app
 * NotificationDelivered, keyed by reminder id.
 */
export function recordReminderFlow(bus: EventBus, isOurs: (userId: string) => boolean) {
  const scheduled = new Map<string, number>();
  const delivered = new Map<string, Sighting>();
  const inApp = new Map<string, Sighting>();
  let failed = 0;
  const see = (map: Map<string, Sighting>, key: string, remindAt: number, at: number) => {
    const seen = map.get(key);
    if (seen) seen.count++;
    else map.set(key, { count: 1, remindAt, at, receivedAt: Date.now() });
  };
  bus.subscribe({
    name: `bench-recorder-${randomBytes(3).toString('hex')}`,
    topics: [TOPICS.reminderEvents, TOPICS.notificationEvents],
    types: ['dev.todo.reminder.scheduled.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.reminder.failed.v1', 'dev.todo.notification.delivered.v1'],
    async handle(event: AnyEvent) {
      if (!isOurs(event.userid)) return ack();
      if (event.type === 'dev.todo.reminder.scheduled.v1') scheduled.set(event.data.reminderId, Date.parse(event.data.remindAt));
      if (event.type === 'dev.todo.reminder.failed.v1') failed++;
      if (event.type === 'dev.todo.reminder.delivered.v1') see(delivered, event.data.reminderId, Date.parse(event.data.remindAt), Date.parse(event.data.deliveredAt));
      if (event.type === 'dev.todo.notification.delivered.v1' && event.data.channel === 'in-app' && event.data.reminderId) {
        see(inApp, event.data.reminderId, scheduled.get(event.data.reminderId) ?? Number.NaN, Date.parse(event.data.deliveredAt));
      }
      return ack();
    },
  });
  return { scheduled, delivered, inApp, failed: () => failed };
}

export interface CreateDueTasksOptions {
  url: string;
  token: (userId: string) => Promise<string>;
  count: number;
  userOf: (index: number) => string;
  /** RFC 3339; null for a task without a due time (no reminder). */
  dueAt: string | null;
  concurrency: number;
  label: string;
}

/** Creates tasks over HTTP, each with one reminder at its due time (the default `PT0S`). */
export async function createDueTasks(options: CreateDueTasksOptions) {
  const result = await runLoad({
    count: options.count,
    concurrency: options.concurrency,
    maxMs: 30 * 60_000,
    progressEvery: 2_000,
    onProgress: (done, ms) => console.log(`  ${options.label}: ${done.toLocaleString('en')} tasks in ${(ms / 1000).toFixed(1)} s`),
    call: async (index) => {
      const response = await fetch(`${options.url}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await options.token(options.userOf(index))}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Reminder bench ${index}`, ...(options.dueAt ? { dueAt: options.dueAt } : {}) }),
      });
      const body = await response.text();
      return response.status === 201 ? null : `POST /tasks answered ${response.status}: ${body.slice(0, 200)}`;
    },
  });
  if (result.failed > 0) throw new Error(`${options.label}: ${result.failed} tasks not created: ${result.errors.join('; ')}`);
  return result;
}

/** Polls `check` until it is true; false when `timeoutMs` passed first. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return check();
}

/** Every page of a listing that answers `{items, nextCursor}`. */
export async function listAll<T>(url: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(page, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { items: T[]; nextCursor?: string | null };
    items.push(...body.items);
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return items;
}
