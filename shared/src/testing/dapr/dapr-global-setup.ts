import type { TestProject } from 'vitest/node';
import { startScheduler } from './scheduler-process';

declare module 'vitest' {
  export interface ProvidedContext {
    daprSchedulerAddress: string;
  }
}

/** One Jobs scheduler for the run (as one control plane serves a cluster); every test's daprd connects to it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // daprd's state.postgresql needs a real server (it stalls on the embedded database's socket).
  if (process.env.TEST_DATABASE !== 'server') throw new Error('the Dapr suite runs on a PostgreSQL server: use npm run test:dapr (TEST_DATABASE=server, DATABASE_URL)');
  const scheduler = await startScheduler();
  project.provide('daprSchedulerAddress', scheduler.address);
  return () => scheduler.stop();
}
