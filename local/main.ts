import { startSystem } from '#shared/runtime/start-system';
import { localModules } from './modules';
import { warmUpRequests } from './warm-up';

/** The whole system in one process: every function, an embedded Postgres and the in-process bus. */
const env = { SERVICE_NAME: 'todo-local', ...process.env };
await startSystem({ env, modules: localModules, warmUp: (url) => warmUpRequests({ url, env }) });
