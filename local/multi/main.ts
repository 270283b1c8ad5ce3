// The multi-process system (`task up`): every function bundle in its own process, the dispatcher and the
// ingress on PORT (8080), against the Postgres server at DATABASE_URL and the broker at EVENT_BUS_URL.
// Started in the background by scripts/multi.sh; stops everything it started on SIGTERM or SIGINT.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '#shared/log/logger';
import { createLifecycle, StopRequested } from '#shared/runtime/lifecycle';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';
import { stopOnSignals } from '#shared/runtime/stop-on-signals';
import { FUNCTIONS, startMultiSystem } from './multi-system';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;
const log = createLogger({ service: 'multi', level: env.LOG_LEVEL ?? 'info' });
const lifecycle = createLifecycle({ log, deadlineMs: 20_000 });
stopOnSignals(lifecycle, log);
const dataDir = env.DATA_DIR ?? '.data';
const base = Number(env.MULTI_BASE_PORT ?? 18180);
const ports = { ...Object.fromEntries(FUNCTIONS.map((name, index) => [name, base + 1 + index])), dispatcher: base } as Record<(typeof FUNCTIONS)[number] | 'dispatcher', number>;

const starting = startMultiSystem({
  root,
  databaseUrl: env.DATABASE_URL ?? 'postgres://todo:todo@127.0.0.1:25432/todo',
  kafkaUrl: env.EVENT_BUS_URL ?? 'kafka://127.0.0.1:29092',
  secret: env.AUTH_JWT_SECRET ?? loadLocalSecrets(dataDir).authJwtSecret,
  runDir: join(root, '.run', 'multi'),
  dataDir,
  ingressPort: Number(env.PORT ?? 8080),
  ports,
  logLevel: env.LOG_LEVEL ?? 'info',
  stopping: lifecycle.stopping,
  // Traces (OTEL_EXPORTER_OTLP_ENDPOINT, …) are asked for once, for every function.
  env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('OTEL_') && entry[1] !== undefined)),
});
// Each process gets its own 12 s to stop (local/multi/managed-process.ts); they stop side by side.
lifecycle.onStop({ name: 'the multi-process system', run: async () => (await starting.catch(() => null))?.stop() });
// A stop during the start: the signal handler exits once the processes started so far are stopped.
const system = await lifecycle.step(starting).catch((error: unknown) => (error instanceof StopRequested ? new Promise<never>(() => {}) : Promise.reject(error)));
lifecycle.started();
log.info({ url: system.url, functions: Object.fromEntries(FUNCTIONS.map((name) => [name, system.functionUrl(name)])), logs: '.run/multi/<name>.log' }, 'ready');
