import { startSystem } from '#shared/runtime/start-system';
import { localModules } from './modules';

/** The whole system in one process: every function, an embedded Postgres and the in-process bus. */
await startSystem({ env: { SERVICE_NAME: 'todo-local', ...process.env }, modules: localModules });
