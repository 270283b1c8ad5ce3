import { startSystem } from '#shared/runtime/start-system';
import { benchModules } from './reminder-bench-kit';

/** The system under test of `reminder-restart`, as a process of its own so the benchmark can kill it. */
await startSystem({ env: process.env, modules: benchModules(process.env.BENCH_SCHEMA_SUFFIX) });
