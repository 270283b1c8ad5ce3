import { execFileSync } from 'node:child_process';
import { FUNCTION_NAMES, type FunctionName, OWNED_PATHS } from '#shared/system/system-declaration';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { functionEventEnv, newDispatchIdentity } from './dispatch-identity';
import { formatTargets } from './dispatch-targets';
import { type IngressRoute, startIngress } from './ingress';
import { type ManagedProcess, managedProcess } from './managed-process';

/** Every function, in start order (the system declaration's); each runs its own bundle `dist/<name>/main.mjs`. */
export const FUNCTIONS = FUNCTION_NAMES;
export type { FunctionName };

/** Builds the bundles when one is missing. */
export function ensureBundles(root: string): void {
  if (FUNCTIONS.every((name) => existsSync(join(root, 'dist', name, 'main.mjs')))) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}

export interface MultiSystemOptions {
  /** The project root (holds dist/ and node_modules/). */
  root: string;
  databaseUrl: string;
  /** `kafka://host:port[,host:port]`. */
  kafkaUrl: string;
  secret: string;
  /** Logs and pid files of every process. */
  runDir: string;
  /** DATA_DIR of the functions (nothing is stored there when DATABASE_URL is set). */
  dataDir: string;
  ingressPort: number;
  /** The port of each function and of the dispatcher's health route. */
  ports: Record<FunctionName | 'dispatcher', number>;
  logLevel?: string;
  /** Aborted when the supervisor stops: what was started is stopped and the start fails. */
  stopping?: AbortSignal;
  /** Extra variables for every function. */
  env?: Record<string, string>;
  /** Extra `node` flags for a process (a function or the dispatcher), e.g. `--cpu-prof`. */
  nodeArgs?: (name: FunctionName | 'dispatcher') => string[];
}

export interface MultiSystem {
  /** The ingress, e.g. `http://127.0.0.1:8080`. */
  url: string;
  functionUrl(name: FunctionName): string;
  functions: Record<FunctionName, ManagedProcess>;
  dispatcher: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * The multi-process system: every function bundle as its own `node` process on its own port with the
 * Kafka bus (publishing; records arrive at `POST /events`), the dispatcher process that plays the
 * cluster's KafkaSources, and an ingress on `ingressPort` that routes paths as the cluster's would.
 */
export async function startMultiSystem(options: MultiSystemOptions): Promise<MultiSystem> {
  const node = join(options.root, 'node_modules', '.bin', 'node');
  for (const name of FUNCTIONS) {
    const bundle = join(options.root, 'dist', name, 'main.mjs');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
  }
  mkdirSync(options.runDir, { recursive: true });
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const functionUrl = (name: FunctionName) => url(options.ports[name]);
  const common = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: options.logLevel ?? 'info',
    DATABASE_URL: options.databaseUrl,
    EVENT_BUS_URL: options.kafkaUrl,
    AUTH_JWT_SECRET: options.secret,
    DATA_DIR: options.dataDir,
    ...options.env,
  };
  const chatEnv = { TASK_URL: functionUrl('task'), REMINDER_URL: functionUrl('reminder'), NOTIFICATION_URL: functionUrl('notification') };
  const identity = await newDispatchIdentity(url(options.ports.dispatcher));

  const functions = Object.fromEntries(
    FUNCTIONS.map((name) => [
      name,
      managedProcess({
        name,
        command: node,
        args: [...(options.nodeArgs?.(name) ?? []), '--enable-source-maps', join('dist', name, 'main.mjs')],
        env: { ...common, ...functionEventEnv(identity, name), SERVICE_NAME: name, PORT: String(options.ports[name]), ...(name === 'chat' ? chatEnv : {}) },
        cwd: options.root,
        logDir: options.runDir,
        readyUrl: `${functionUrl(name)}/ready`,
      }),
    ]),
  ) as Record<FunctionName, ManagedProcess>;

  const dispatcher = managedProcess({
    name: 'dispatcher',
    command: node,
    args: [...(options.nodeArgs?.('dispatcher') ?? []), '--import', 'tsx', join('local', 'multi', 'dispatcher-main.ts')],
    env: {
      ...common,
      PORT: String(options.ports.dispatcher),
      DISPATCH_TARGETS: formatTargets(FUNCTIONS.map((name) => ({ name, url: functionUrl(name) }))),
      DISPATCH_ISSUER: identity.issuer,
      DISPATCH_SIGNING_JWK: JSON.stringify(identity.privateJwk),
    },
    cwd: options.root,
    logDir: options.runDir,
    readyUrl: `${url(options.ports.dispatcher)}/ready`,
  });

  const started: ManagedProcess[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((process) => process.stop()));
  };
  options.stopping?.addEventListener('abort', () => void stopAll().catch(() => {}), { once: true });
  try {
    // The migrations of all functions run against one database; starting them together is fine
    // (each owns its schema), and it halves the start-up time on a small machine.
    await Promise.all(
      FUNCTIONS.map(async (name) => {
        started.push(functions[name]);
        await functions[name].start();
      }),
    );
    started.push(dispatcher);
    await dispatcher.start();
  } catch (error) {
    await stopAll();
    throw error;
  }

  // As the cluster's ingress: each function's own paths, longest first; `/` (chat: the page, /chat) takes the rest.
  const routes: IngressRoute[] = OWNED_PATHS.map(([prefix, name]) => ({ prefix: prefix === '/' ? '' : prefix, target: functionUrl(name) }));
  const ingress = await startIngress({ port: options.ingressPort, host: '127.0.0.1', routes }).catch(async (error: unknown) => {
    await stopAll();
    throw error;
  });

  return {
    url: ingress.url,
    functionUrl,
    functions,
    dispatcher,
    async stop() {
      await ingress.stop();
      // The dispatcher first, so no delivery meets a function that is already gone.
      await dispatcher.stop();
      await Promise.all(FUNCTIONS.map((name) => functions[name].stop()));
    },
  };
}
