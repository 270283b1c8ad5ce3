import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenCache } from '#shared/http/token-cache';
import type { FunctionModule } from '#shared/runtime/function-module';
import { type RunningSystem, startSystem } from '#shared/runtime/start-system';

/** Functions running in this process on an embedded Postgres in a fresh temp dir (or a server's). */
export interface BenchSystem {
  url: string;
  /** A bearer token per user id, signed once and cached. */
  token: (userId: string) => Promise<string>;
  stop: () => Promise<void>;
}

export interface BenchSystemOptions {
  modules: FunctionModule[];
  /** A server Postgres instead of the embedded one. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** Lifts the per-user write limit (120 a minute by default), for scenarios that create at full speed. */
export const UNLIMITED_WRITES = { WRITE_RATE_LIMIT_REQUESTS: '1000000', WRITE_RATE_LIMIT_WINDOW_SECONDS: '1' };

/** Starts the given functions in-process, listening on 127.0.0.1 on a free port. */
export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-task-'));
  const secret = randomBytes(32).toString('hex');
  let system: RunningSystem;
  try {
    system = await startSystem({
      env: {
        SERVICE_NAME: 'bench',
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        AUTH_JWT_SECRET: secret,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...options.env,
      },
      modules: options.modules,
      handleSignals: false,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const token = tokenCache(secret);
  return {
    url: system.url,
    token,
    stop: async () => {
      try {
        await system.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
