import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { connect } from '#shared/db/connect';
import { tokenCache } from '#shared/http/token-cache';
import type { FunctionModule } from '#shared/runtime/function-module';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';
import { appClient } from '#shared/testing/app-client';
import { uniqueSchema } from '#shared/testing/test-database';
import { localModules } from '../../../local/modules';
// The route tests mount the real task function beside chat, as the one-process system does (the one
// exception .dependency-cruiser.cjs allows to the rule that functions never import each other).
import { taskModule } from '../../task/src/task-module';
import { chatModule } from '../src/chat-module';

/** Every function of the one-process system as `npm start` runs it. */
export const wholeSystem: FunctionModule[] = localModules;

export const SECRET = 'chat-test-secret-that-is-long-enough-for-hs256';

/** A test server's environment: loopback on a free port, the run's test database, the test secret; `extra` adds or overrides. */
export function chatTestEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SERVICE_NAME: 'chat-test',
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: inject('databaseUrl'),
    AUTH_JWT_SECRET: SECRET,
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    ...extra,
  };
}

/**
 * The task and chat functions in one process over real HTTP (port 0), on the run's test database with
 * schemas of their own, an in-process bus and real JWTs. `env` adds variables (e.g. the chat's LLM mode).
 */
export async function startChatKit(options: { env?: Record<string, string>; modules?: FunctionModule[] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-test-'));
  const env = chatTestEnv(dataDir, options.env);
  const modules = (options.modules ?? [taskModule, chatModule]).map((module) => ({ ...module, schema: uniqueSchema(module.name) }));
  const schemas = modules.map((module) => module.schema);
  const system: RunningSystem = await startSystem({ env, modules, handleSignals: false });
  const tokenFor = tokenCache(SECRET);
  const { call } = appClient({ request: (path, init) => fetch(`${system.url}${path}`, init) }, tokenFor);

  /** Sends one chat message in a conversation (the first creates it) and returns the answer. */
  async function chat(userId: string, message: string, conversationId?: string) {
    const response = await call(userId, 'POST', '/chat', { message, timeZone: 'Europe/Berlin', ...(conversationId ? { conversationId } : {}) });
    if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as { reply: string; conversationId: string; actions: { kind: string; taskIds?: string[] }[]; tasks?: { id: string; title: string; status: string }[] };
  }

  return {
    system,
    url: system.url,
    schemas,
    tokenFor,
    call,
    chat,
    /** Waits until the outbox relays have published everything committed so far. */
    idle: () => Promise.all(system.relays.map((relay) => relay.idle())),
    /** Moves every stream ticket issued so far past its expiry, as if 30 s had gone by. */
    async expireStreamTickets() {
      const sql = connect(inject('databaseUrl'), { max: 1 });
      const chatSchema = modules.find((module) => module.name === 'chat')!.schema;
      await sql`update ${sql(chatSchema)}.stream_tickets set expires_at = now() - interval '1 second'`;
      await sql.end();
    },
    /** Moves a completed task's completion back by `days` days, as if it had been done then. */
    async backdateCompletion(taskId: string, days: number) {
      const sql = connect(inject('databaseUrl'), { max: 1 });
      const taskSchema = modules.find((module) => module.name === 'task')!.schema;
      await sql`update ${sql(taskSchema)}.tasks set completed_at = completed_at - make_interval(days => ${days}) where id = ${taskId}`;
      await sql.end();
    },
    async stop() {
      await system.stop();
      const sql = connect(inject('databaseUrl'), { max: 1 });
      for (const schema of schemas) await sql.unsafe(`drop schema if exists ${schema} cascade`);
      await sql.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type ChatKit = Awaited<ReturnType<typeof startChatKit>>;
