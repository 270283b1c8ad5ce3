import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createDaprScheduler } from '../../functions/reminder/src/scheduler/dapr-scheduler';
import { jobName } from '../../functions/reminder/src/scheduler/job-name';
import type { DaprClient } from '@dapr/dapr';
import { type Finding, type ProbeContext, wire } from './probe-kit';

/** The building blocks a DaprClient instance offers, and any method on them whose name mentions jobs. */
export function sdkBuildingBlocks(sdk: DaprClient): { blocks: string[]; jobMethods: string[] } {
  const entries = Object.entries(sdk).filter(([name, value]) => value !== null && typeof value === 'object' && !['options', 'daprClient', 'logger'].includes(name));
  const methods = (value: object) => Object.getOwnPropertyNames(Object.getPrototypeOf(value) as object);
  const jobMethods = entries.flatMap(([name, value]) => methods(value as object).filter((method) => /job/i.test(method)).map((method) => `${name}.${method}`));
  return { blocks: entries.map(([name]) => name).sort(), jobMethods };
}

/** The Jobs API: nothing in the SDK to call; the reminder function's scheduler against the real daprd + scheduler. */
export async function probeJobs(context: ProbeContext): Promise<Finding[]> {
  const { blocks, jobMethods } = sdkBuildingBlocks(context.sdk);
  const noJobs = `no Jobs API: DaprClient's building blocks are ${blocks.join(', ')}; methods naming jobs: ${jobMethods.length === 0 ? 'none' : jobMethods.join(', ')}`;
  const reminderId = randomUUID();
  const scheduler = createDaprScheduler({ sidecar: context.sidecar, log: pino({ level: 'silent' }), scheduledReminders: async () => [] });
  const path = `/v1.0-alpha1/jobs/${jobName(reminderId)}`;

  await scheduler.schedule({ id: reminderId, remindAt: new Date(Date.now() + 3_600_000).toISOString() });
  const scheduled = `schedule() → ${scheduler.unsynced()} unsynced`;
  const afterSchedule = await wire(context.sidecar, path);
  await scheduler.cancel(reminderId);
  const cancelled = `cancel() → ${scheduler.unsynced()} unsynced`;
  const afterCancel = await wire(context.sidecar, path);
  await scheduler.cancel(reminderId);
  const cancelledTwice = `cancel() again → ${scheduler.unsynced()} unsynced`;
  await scheduler.stop();
  return [
    { block: 'jobs', case: 'schedule a job (POST dueTime, data, overwrite, failurePolicy), then GET it', daprd: `GET ${afterSchedule}`, sdk: noJobs, direct: scheduled },
    { block: 'jobs', case: 'delete the job, then GET it; delete it again', daprd: `GET ${afterCancel}`, sdk: 'nothing to call (as above)', direct: `${cancelled}; ${cancelledTwice}` },
  ];
}
