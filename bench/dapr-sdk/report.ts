import { writeFileSync } from 'node:fs';
import type { MachineFacts } from '../machine';
import { percentile, round1 } from '../stats';
import type { BundleSize } from './bundle-size';
import type { ColdStartSeries } from './cold-start';
import type { Block, Finding } from './probe-kit';

export interface ColdStartFigures {
  runs: number;
  medianMs: number;
  minMs: number;
  p90Ms: number;
  maxMs: number;
  /** Medians of the child's own split: node start + bundle load, then client + start-up check + the call. */
  loadedMedianMs: number;
  callMedianMs: number;
  samplesMs: number[];
}

export interface DaprSdkResults {
  machine: MachineFacts;
  sdkVersion: string;
  daprdVersion: string;
  bundles: Record<'sdk' | 'direct' | 'sdkDeep' | 'chat' | 'chatWithSdk', Omit<BundleSize, 'outfile'>>;
  /** dist/chat/function.mjs as `npm run build` last left it (null: not built). */
  distChatBytes: number | null;
  /** `loadAverage`: the machine's 1-minute load average before and after the cold starts (other work on it shows here). */
  coldStart: { call: string; warmups: number; loadAverage: [number, number]; sdk: ColdStartFigures; direct: ColdStartFigures };
  /** Each bundle making each of its calls once against the real daprd. */
  smoke: { entry: string; call: string; ok: boolean; detail: string }[];
  findings: Finding[];
  notMeasured: string[];
}

export function coldStartFigures(series: ColdStartSeries): ColdStartFigures {
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const totals = sorted(series.runs.map((run) => run.totalMs));
  return {
    runs: totals.length,
    medianMs: round1(percentile(totals, 50)),
    minMs: round1(totals[0] ?? Number.NaN),
    p90Ms: round1(percentile(totals, 90)),
    maxMs: round1(totals.at(-1) ?? Number.NaN),
    loadedMedianMs: round1(percentile(sorted(series.runs.map((run) => run.result.loadedMs)), 50)),
    callMedianMs: round1(percentile(sorted(series.runs.map((run) => run.result.callMs)), 50)),
    samplesMs: series.runs.map((run) => round1(run.totalMs)),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const kib = (bytes: number) => `${bytes.toLocaleString('en')} B (${(bytes / 1024).toFixed(1)} KiB)`;
const more = (a: number, b: number, unit: string) => `+${(Math.round((a - b) * 10) / 10).toLocaleString('en')} ${unit} (× ${(a / b).toFixed(1)})`;
const BLOCKS: Block[] = ['secrets', 'state', 'publish', 'jobs', 'invocation', 'start-up'];

export function markdown(results: DaprSdkResults): string {
  const { bundles, coldStart: cold, machine } = results;
  const spread = (figures: ColdStartFigures) => `${figures.medianMs} ms (min ${figures.minMs}, p90 ${figures.p90Ms}, max ${figures.maxMs})`;
  const lines = [
    '# Dapr: `@dapr/dapr` DaprClient against the direct adapters',
    '',
    `Written by \`npx tsx bench/dapr-sdk/compare.ts\` on ${machine.date}: @dapr/dapr ${results.sdkVersion} (DaprClient, HTTP protocol), a real daprd ${results.daprdVersion} with its Jobs scheduler in self-hosted mode with the project's Dapr files (state.postgresql v2, secret store \`kubernetes\` as secretstores.local.file, pubsub.kafka), node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}.`,
    '',
    '## Figures',
    '',
    '| Figure | DaprClient (SDK) | direct adapters | SDK − direct |',
    '| --- | --- | --- | --- |',
    `| bundle of the bench entry (secret get, state get + save, publish; the options of scripts/build.mjs) | ${kib(bundles.sdk.bytes)} | ${kib(bundles.direct.bytes)} | ${more(bundles.sdk.bytes, bundles.direct.bytes, 'B')} |`,
    `| DaprClient imported from its own file (\`@dapr/dapr/implementation/Client/DaprClient\`), nothing else | ${kib(bundles.sdkDeep.bytes)} | | no smaller way in: its HTTPClient requires the package index |`,
    `| chat's function bundle (functions/chat/src/main.ts; with the SDK added beside it) | ${kib(bundles.chatWithSdk.bytes)} | ${kib(bundles.chat.bytes)} | ${more(bundles.chatWithSdk.bytes, bundles.chat.bytes, 'B')} |`,
    `| cold start: spawn → one secret read done (${cold.call}), median of ${cold.sdk.runs} after ${cold.warmups} warm-ups | ${spread(cold.sdk)} | ${spread(cold.direct)} | ${more(cold.sdk.medianMs, cold.direct.medianMs, 'ms')} |`,
    `| of which node start + bundle loaded (median, measured in the child) | ${cold.sdk.loadedMedianMs} ms | ${cold.direct.loadedMedianMs} ms | ${more(cold.sdk.loadedMedianMs, cold.direct.loadedMedianMs, 'ms')} |`,
    `| of which client created + start-up check + the read (median; Node's own fetch loads undici on its first use, node-fetch in the SDK bundle does not) | ${cold.sdk.callMedianMs} ms | ${cold.direct.callMedianMs} ms | |`,
    '',
    `Load average (1 min) before / after the cold starts: ${cold.loadAverage.join(' / ')} on ${machine.cpus} CPUs; SDK and direct runs alternate, so both see the same load.`,
    '',
    `dist/chat/function.mjs as \`npm run build\` last left it: ${results.distChatBytes === null ? 'not built' : kib(results.distChatBytes)} (dist/chat/main.mjs is only the 1 KB loader of it).`,
    '',
    'Both entries carry the same event catalog (`topicOf`: zod and rrule-temporal through the Task schema), as the direct bus does; the difference column is what the client itself costs.',
    '',
    '| Bundle | Largest parts (bytes in the output) |',
    '| --- | --- |',
    ...Object.values(bundles).map((bundle) => `| ${bundle.name} | ${bundle.largest.map((part) => `${part.source} ${(part.bytes / 1024).toFixed(0)} KiB`).join(', ')} |`),
    '',
    'Each bundle, one call of each kind against the real daprd: ' + results.smoke.map((run) => `${run.entry}/${run.call} ${run.ok ? 'ok' : `FAILED (${run.detail})`}`).join(', ') + '.',
    '',
    '## Behaviour against the real daprd',
    '',
    '"daprd" is the sidecar\'s own answer to a plain request; "SDK" what DaprClient returned or threw; "direct" what the project\'s adapter did (shared/src/secrets, shared/src/rate-limit, shared/src/bus, reminder\'s dapr-scheduler.ts, chat\'s service-transport.ts).',
  ];
  for (const block of BLOCKS) {
    const rows = results.findings.filter((finding) => finding.block === block);
    if (rows.length === 0) continue;
    lines.push('', `### ${block}`, '', '| Case | daprd | SDK | direct |', '| --- | --- | --- | --- |');
    for (const row of rows) lines.push(`| ${cell(row.case)} | ${cell(row.daprd)} | ${cell(row.sdk)} | ${cell(row.direct)} |`);
  }
  lines.push('', '## Not measured', '', ...results.notMeasured.map((item) => `- ${item}`), '');
  return lines.join('\n');
}

export function writeResults(results: DaprSdkResults, mdPath: string, jsonPath: string): void {
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(mdPath, markdown(results));
}
