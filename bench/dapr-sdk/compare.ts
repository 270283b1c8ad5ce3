// npx tsx bench/dapr-sdk/compare.ts [--runs 15] [--no-kafka]
// @dapr/dapr's DaprClient against the project's direct Dapr adapters: bundle bytes, cold start, and
// behaviour against a real daprd (started and stopped here, with its Jobs scheduler, a fresh Postgres
// database and — unless --no-kafka — a Kafka broker on 127.0.0.1:29392). Writes bench/results/dapr-sdk.{md,json}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { daprVersion, PROJECT_ROOT } from '../../shared/src/testing/dapr/dapr-binaries';
import { machineFacts } from '../machine';
import { startBenchSidecar } from './bench-sidecar';
import { bundle } from './bundle-size';
import { coldStarts, runBundle } from './cold-start';
import { startEchoApp } from './echo-app';
import { type Finding, sdkClient } from './probe-kit';
import { probeInvocation } from './probe-invocation';
import { probeJobs } from './probe-jobs';
import { probePublish } from './probe-publish';
import { ALLOWED_SECRETS, BENCH_SECRETS, probeSecrets } from './probe-secrets';
import { probeStartUp } from './probe-start-up';
import { probeState } from './probe-state';
import { coldStartFigures, type DaprSdkResults, writeResults } from './report';

const KAFKA_PORT = '29392';
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '15' }, 'no-kafka': { type: 'boolean', default: false } } });
const runs = Number(args.runs);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://todo:todo@127.0.0.1:25432/todo';
const here = join(PROJECT_ROOT, 'bench/dapr-sdk');
const outDir = mkdtempSync(join(tmpdir(), 'dapr-sdk-bundles-'));

function kafka(command: 'start' | 'stop' | 'status'): boolean {
  const result = spawnSync('bash', [join(PROJECT_ROOT, 'scripts/kafka.sh'), command], { cwd: PROJECT_ROOT, env: { ...process.env, KAFKA_PORT }, stdio: ['ignore', 'pipe', 'inherit'] });
  return result.status === 0;
}

console.log('bundling ...');
const bundles = {
  sdk: await bundle('sdk-entry', join(here, 'sdk-entry.ts'), outDir),
  direct: await bundle('direct-entry', join(here, 'direct-entry.ts'), outDir),
  sdkDeep: await bundle('DaprClient file alone', { contents: "export { default } from '@dapr/dapr/implementation/Client/DaprClient';\n", resolveDir: here }, outDir),
  chat: await bundle('chat', join(PROJECT_ROOT, 'functions/chat/src/main.ts'), outDir),
  chatWithSdk: await bundle('chat + @dapr/dapr', { contents: "import '../../functions/chat/src/main.ts';\nexport { DaprClient } from '@dapr/dapr';\n", resolveDir: here }, outDir),
};
const distChat = join(PROJECT_ROOT, 'dist/chat/function.mjs');

const startedKafka = !args['no-kafka'] && !kafka('status');
if (startedKafka && !kafka('start')) throw new Error(`could not start Kafka on ${KAFKA_PORT}`);
const app = await startEchoApp();
const env = await startBenchSidecar({
  serverUrl,
  kafkaBrokers: args['no-kafka'] ? undefined : `127.0.0.1:${KAFKA_PORT}`,
  appPort: app.port,
  secrets: BENCH_SECRETS,
  allowedSecrets: ALLOWED_SECRETS,
});
let results: DaprSdkResults;
try {
  const entryEnv = { DAPR_HTTP_PORT: String(env.daprd.httpPort), DAPR_API_TOKEN: env.token };
  const smoke: DaprSdkResults['smoke'] = [];
  const calls = [
    { call: 'secret', store: 'kubernetes', name: 'bench-secret' },
    { call: 'state', store: 'statestore', name: 'bench-smoke' },
    ...(args['no-kafka'] ? [] : [{ call: 'publish', store: 'pubsub', name: '' }]),
  ];
  for (const [entry, file] of [['sdk', bundles.sdk.outfile], ['direct', bundles.direct.outfile]] as const) {
    for (const { call, store, name } of calls) {
      const { result } = await runBundle(process.execPath, file, { ...entryEnv, BENCH_CALL: call, BENCH_STORE: store, BENCH_NAME: name });
      smoke.push({ entry, call, ok: result.ok, detail: result.detail });
    }
  }

  console.log(`cold starts: ${runs} of each ...`);
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  const cold = await coldStarts(process.execPath, { sdk: bundles.sdk.outfile, direct: bundles.direct.outfile }, { ...entryEnv, BENCH_CALL: 'secret', BENCH_STORE: 'kubernetes', BENCH_NAME: 'bench-secret' }, runs);

  const loadAfter = Math.round(loadavg()[0]! * 100) / 100;

  console.log('behaviour probes ...');
  const context = { sidecar: env.sidecar, token: env.token, httpPort: env.daprd.httpPort, ...sdkClient(env.daprd.httpPort, env.token) };
  const findings: Finding[] = [
    ...(await probeSecrets(context)),
    ...(await probeState(context)),
    ...(args['no-kafka'] ? [] : await probePublish(context, `127.0.0.1:${KAFKA_PORT}`)),
    ...(await probeJobs(context)),
    ...(await probeInvocation(context)),
    ...(await probeStartUp()),
  ];
  results = {
    machine: machineFacts(new Date()),
    sdkVersion: (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/@dapr/dapr/package.json'), 'utf8')) as { version: string }).version,
    daprdVersion: `${daprVersion()} (built from source by scripts/dapr-sidecar.sh; it reports itself as "edge")`,
    bundles: Object.fromEntries(Object.entries(bundles).map(([key, { outfile: _outfile, ...size }]) => [key, size])) as DaprSdkResults['bundles'],
    distChatBytes: existsSync(distChat) ? statSync(distChat).size : null,
    coldStart: { call: 'BENCH_CALL=secret: GET one secret of the file store', warmups: cold.sdk!.warmups, loadAverage: [loadBefore, loadAfter], sdk: coldStartFigures(cold.sdk!), direct: coldStartFigures(cold.direct!) },
    smoke,
    findings,
    notMeasured: [
      ...(args['no-kafka'] ? ['publish: run without --no-kafka to read the records back from Kafka'] : []),
      'the gRPC protocol of DaprClient (only HTTP, as the adapters use); DaprServer (the SDK\'s Express app for subscriptions) is in the SDK bundles, since the package index exports it, but is never started',
      'memory: neither the heap nor the RSS of the two bundles',
      'a per-call timeout on the SDK, and its behaviour under a hanging sidecar or app: read from the SDK source, not provoked',
      'the SDK inside a real function: chat + SDK is a bundle-size estimate (the SDK added beside the direct adapters), never started',
    ],
  };
} finally {
  await env.stop();
  await app.close();
  if (startedKafka) kafka('stop');
  rmSync(outDir, { recursive: true, force: true });
}
writeResults(results, join(PROJECT_ROOT, 'bench/results/dapr-sdk.md'), join(PROJECT_ROOT, 'bench/results/dapr-sdk.json'));
console.log(`bundles: sdk ${results.bundles.sdk.bytes} B, direct ${results.bundles.direct.bytes} B; cold start medians: sdk ${results.coldStart.sdk.medianMs} ms, direct ${results.coldStart.direct.medianMs} ms`);
console.log('wrote bench/results/dapr-sdk.md and bench/results/dapr-sdk.json');
