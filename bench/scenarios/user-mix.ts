import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { issueToken } from '#shared/http/issue-token';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';
import { type BenchScenario, loadRow, num, type Row } from '../bench-scenario';
import { freshDatabase } from '../fresh-database';
import { httpCall } from '../http-call';
import { runLoad } from '../http-load';
import { type LocalSystemProcess, residentMiB, startLocalSystem } from '../local-system-process';
import { poissonSchedule } from '../poisson-schedule';
import { machineBusyCpuSeconds, processCpuSeconds } from '../process-cpu';
import { round1, summarize } from '../stats';
import { seededRandom } from '../task-generator';
import { newTaskBody } from './user-mix-content';
import { type LivePages, livePages } from './user-mix-live-pages';
import { MIX_OPERATIONS, PEAK_FACTOR, PER_USER_PER_DAY, peakRatesPerSecond } from './user-mix-rates';
import { stepRows, type StepReport } from './user-mix-rows';
import { type MixSettings, readMixSettings } from './user-mix-settings';
import { runMixStep } from './user-mix-step';
import { mixUserId, type MixUsers, mixUsers } from './user-mix-users';

/** The chat's cap of live streams per instance (`maxStreams` in functions/chat/src/live/user-hub.ts). */
const STREAMS_PER_INSTANCE = 10_000;
const REQUEST_TIMEOUT_MS = 20_000;
const PAGE_WAIT_MS = 5_000;
/** Connections the load generator keeps to the system for the REST calls (the pages' streams have their own). */
const API_CONNECTIONS = 256;
const SEED_CONCURRENCY = 16;
const SEED_MAX_MS = 60_000;
const PAGES_CONCURRENCY = 32;

const schedule = (settings: MixSettings, multiplier: number, stepIndex: number) =>
  poissonSchedule({ ratesPerSecond: peakRatesPerSecond(settings.users, multiplier), seconds: settings.seconds, users: settings.users, seed: settings.seed * 1_000 + stepIndex });

/** Events committed but not yet delivered to every consumer, summed over the functions' outboxes. */
async function outboxPending(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return [...metrics.matchAll(/^outbox_pending_events\{[^}]*\} (\S+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Waits until the system has delivered every event it committed (or `timeoutMs` passed); returns the ms waited. */
async function waitDelivered(url: string, timeoutMs: number): Promise<{ ms: number; pending: number }> {
  const started = performance.now();
  let pending = await outboxPending(url);
  while (pending > 0 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    pending = await outboxPending(url);
  }
  return { ms: Math.round(performance.now() - started), pending };
}

/** Gives every user `tasksPerUser` tasks through `POST /tasks` (each user their first before anyone a second), bounded in time. */
function giveUsersTasks(system: LocalSystemProcess, users: MixUsers, settings: MixSettings, agent: Agent) {
  const now = new Date();
  return runLoad({
    count: settings.users * settings.tasksPerUser,
    concurrency: SEED_CONCURRENCY,
    maxMs: SEED_MAX_MS,
    progressEvery: 5_000,
    onProgress: (done, elapsedMs) => console.log(`  seeded ${num(done)} tasks in ${(elapsedMs / 1000).toFixed(1)} s`),
    call: async (index) => {
      const user = users.at(index % settings.users);
      const answer = await httpCall(new URL('/tasks', system.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(newTaskBody(seededRandom(settings.seed * 7_919 + index), now)),
        agent,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      if (answer.status !== 201) return `POST /tasks answered ${answer.status}: ${answer.body.slice(0, 200)}`;
      user.tasks.push({ id: (JSON.parse(answer.body) as { id: string }).id, pending: true, busy: false });
      return null;
    },
  });
}

async function runStep(system: LocalSystemProcess, users: MixUsers, pages: LivePages, settings: MixSettings, agent: Agent, multiplier: number, stepIndex: number): Promise<StepReport> {
  const arrivals = schedule(settings, multiplier, stepIndex);
  const systemPid = system.systemPid() ?? system.leaderPid;
  console.log(`  step ×${multiplier} peak: ${num(arrivals.length)} requests over ${settings.seconds} s (${num(round1(arrivals.length / settings.seconds))}/s)`);
  const before = { group: system.groupCpuSeconds(), system: processCpuSeconds(systemPid), generator: processCpuSeconds(process.pid), machine: machineBusyCpuSeconds() };
  const outcome = await runMixStep({ schedule: arrivals, seconds: settings.seconds, users, pages, url: system.url, agent, random: seededRandom(settings.seed * 31 + stepIndex), requestTimeoutMs: REQUEST_TIMEOUT_MS, pageWaitMs: PAGE_WAIT_MS });
  const cpu = { group: system.groupCpuSeconds() - before.group, system: processCpuSeconds(systemPid) - before.system, generator: processCpuSeconds(process.pid) - before.generator, machine: machineBusyCpuSeconds() - before.machine };
  const report: StepReport = { multiplier, ratesPerSecond: peakRatesPerSecond(settings.users, multiplier), outcome, cpu, systemPid, rssMiB: residentMiB(systemPid), load: loadavg().map((value) => Math.round(value * 100) / 100), pages: pages.counts(), users: settings.users };
  for (const operation of MIX_OPERATIONS) {
    const latency = summarize(outcome.operations[operation].fromScheduledMs);
    console.log(`    ${operation}: ${outcome.operations[operation].succeeded} ok, p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms from the scheduled time`);
  }
  return report;
}

/** What the details keep of a step: the summaries, not every sample. */
function stepDetails(step: StepReport) {
  const { outcome } = step;
  return {
    multiplier: step.multiplier,
    ratesPerSecond: Object.fromEntries(MIX_OPERATIONS.map((operation) => [operation, round1(step.ratesPerSecond[operation] * 100) / 100])),
    elapsedMs: Math.round(outcome.elapsedMs),
    operations: Object.fromEntries(
      MIX_OPERATIONS.map((operation) => {
        const { fromScheduledMs, serviceMs, ...counts } = outcome.operations[operation];
        return [operation, { ...counts, fromScheduled: summarize(fromScheduledMs), service: summarize(serviceMs) }];
      }),
    ),
    createToPage: { ...summarize(outcome.toPageMs), neverArrived: outcome.neverOnPage },
    sendLag: summarize(outcome.sendLagMs),
    cpuSeconds: Object.fromEntries(Object.entries(step.cpu).map(([name, seconds]) => [name, round1(seconds)])),
    systemPid: step.systemPid,
    rssMiB: step.rssMiB,
    load: step.load,
    pages: step.pages,
  };
}

/**
 * An open-loop mix of users on the whole system as `npm start` runs it (`local/main.ts` in a process of
 * its own, the load generator in the bench process): every user with a token, a few tasks and the chat
 * page's live stream open, sending lists, creates, completions, edits, deletions and chat messages at
 * knative/README.md's per-user daily rates × 4 (the peak), as Poisson arrivals, each timed from its
 * scheduled moment; then the same at BENCH_MIX_HEAVY times that rate. Each create is also timed to the
 * moment its `created` event reaches its user's page.
 */
export const userMixScenario: BenchScenario = {
  name: 'user-mix',
  async run({ config, root }) {
    const settings = readMixSettings(process.env);
    const multipliers = [settings.rate, settings.rate * settings.heavy];
    if (settings.users > STREAMS_PER_INSTANCE) console.log(`  note: ${num(settings.users)} users exceed the chat's ${num(STREAMS_PER_INSTANCE)} live streams per instance: the pages beyond are refused (503)`);
    const database = config.databaseUrl ? await freshDatabase(config.databaseUrl, 'mix', 'user-mix') : undefined;
    let system: LocalSystemProcess | undefined;
    let pages: LivePages | undefined;
    const agent = new Agent({ keepAlive: true, maxSockets: API_CONNECTIONS });
    try {
      system = await startLocalSystem({ root, env: database ? { DATABASE_URL: database.url } : {}, readyTimeoutMs: 180_000 });
      const systemPid = system.systemPid();
      console.log(`  system ready at ${system.url} (node pid ${systemPid}, ${residentMiB(systemPid ?? system.leaderPid)} MiB RSS; ${database ? 'server Postgres' : 'embedded Postgres'})`);
      // Signed with the secret the system generated into its data folder, as scripts/chat-heldout.sh's client does.
      const secret = loadLocalSecrets(system.dataDir).authJwtSecret;
      const tokens = await Promise.all(Array.from({ length: settings.users }, (_, index) => issueToken({ userId: mixUserId(index), secret, issuer: 'todo-local', audience: 'todo' })));
      const users = mixUsers(tokens);

      const seeded = await giveUsersTasks(system, users, settings, agent);
      console.log(`  ${num(seeded.succeeded)} tasks for ${num(settings.users)} users in ${(seeded.elapsedMs / 1000).toFixed(1)} s${seeded.failed ? `; ${seeded.failed} failed: ${seeded.errors[0]}` : ''}`);
      const seedDelivered = await waitDelivered(system.url, 90_000);
      console.log(`  their events delivered ${(seedDelivered.ms / 1000).toFixed(1)} s later${seedDelivered.pending ? ` (${seedDelivered.pending} still pending)` : ''}`);

      pages = livePages({ url: system.url, agent, tokenOf: (user) => users.at(user).token });
      const opened = await pages.openAll(settings.users, PAGES_CONCURRENCY, (open, elapsedMs) => console.log(`  live pages open: ${num(open)} after ${(elapsedMs / 1000).toFixed(1)} s`));
      console.log(`  ${num(opened.open)} live pages open in ${(opened.elapsedMs / 1000).toFixed(1)} s${opened.failed ? `; ${opened.failed} failed: ${opened.errors[0]}` : ''}`);

      const steps: StepReport[] = [];
      const settled: { ms: number; pending: number }[] = [];
      for (const [index, multiplier] of multipliers.entries()) {
        steps.push(await runStep(system, users, pages, settings, agent, multiplier, index));
        settled.push(await waitDelivered(system.url, 30_000));
      }
      const logged = system.logged();
      const setupRows: Row[] = [
        loadRow('user-mix setup', `${settings.tasksPerUser} tasks per user (POST /tasks, ${SEED_CONCURRENCY} in flight)`, seeded, settings.users * settings.tasksPerUser),
        ['user-mix setup', 'live pages (ticket + GET /stream)', num(opened.open), num(round1(opened.open / (opened.elapsedMs / 1000))), '', '', '', `${PAGES_CONCURRENCY} opened at a time; ${opened.failed} failed${opened.errors[0] ? `: ${opened.errors[0]}` : ''}; the chat's cap is ${num(STREAMS_PER_INSTANCE)} streams per instance`],
      ];
      const logRow: Row = ['user-mix', 'system log (warn and above)', num(logged.warnings + logged.errors), '', '', '', '', logged.warnings + logged.errors ? `${logged.warnings} warnings, ${logged.errors} errors; last: ${logged.last.at(-1) ?? ''}` : 'nothing logged at warn or above'];
      return {
        rows: [...setupRows, ...steps.flatMap(stepRows), logRow],
        details: {
          settings,
          system: { command: 'npm start', database: database ? 'server Postgres (fresh database)' : 'embedded Postgres (PGlite)', env: 'LOG_LEVEL=warn, HOST=127.0.0.1, default rate limits' },
          schedule: {
            perUserPerDay: PER_USER_PER_DAY,
            peakFactor: PEAK_FACTOR,
            formula: 'per second = per day × users ÷ 86,400 × 4 × multiplier; a Poisson process per operation over all users, each arrival for a uniformly drawn user',
            multipliers,
            secondsPerStep: settings.seconds,
          },
          client: { apiConnections: API_CONNECTIONS, requestTimeoutMs: REQUEST_TIMEOUT_MS, pageWaitMs: PAGE_WAIT_MS, seedConcurrency: SEED_CONCURRENCY, pagesConcurrency: PAGES_CONCURRENCY },
          seeding: { succeeded: seeded.succeeded, failed: seeded.failed, errors: seeded.errors, elapsedMs: seeded.elapsedMs, latency: seeded.latency, eventsDeliveredAfterMs: seedDelivered.ms },
          pages: opened,
          steps: steps.map(stepDetails),
          eventsDeliveredAfterStepMs: settled,
          log: logged,
        },
      };
    } finally {
      pages?.closeAll();
      agent.destroy();
      await system?.stop();
      await database?.drop();
    }
  },
};
