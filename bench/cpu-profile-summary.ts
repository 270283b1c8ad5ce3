import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, the largest first. */
  frames: { frame: string; ms: number }[];
  /** Self time by package (node_modules/<name>), the project's own files, or Node's internals. */
  owners: { owner: string; ms: number }[];
}

function owner(url: string): string {
  if (!url) return '(V8: GC, idle, program)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const bundle = /dist\/([^/]+)\//.exec(url);
  return bundle ? `dist/${bundle[1]} (bundle)` : url.replace(/^.*\/(local|shared|functions)\//, '$1/');
}

const short = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|dist|local|shared|functions)\//, '$1/');

/** Self time per function and per owner in a V8 `.cpuprofile` (`node --cpu-prof`). */
export function summarizeProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const frames = new Map<string, number>();
  const owners = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id)!;
    const frame = `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${short(callFrame.url)}:${callFrame.lineNumber + 1}` : ''}`.trim();
    frames.set(frame, (frames.get(frame) ?? 0) + us);
    owners.set(owner(callFrame.url), (owners.get(owner(callFrame.url)) ?? 0) + us);
    totalUs += us;
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: totalUs / 1000,
    frames: ranked(frames).map(([frame, us]) => ({ frame, ms: us / 1000 })),
    owners: ranked(owners).map(([name, us]) => ({ owner: name, ms: us / 1000 })),
  };
}

/** Markdown of the profiles `node --cpu-prof --cpu-prof-dir=<dir>/<process>` wrote, one section per process. */
export function profilesMarkdown(dir: string, heading: string): string {
  const sections = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(dir, entry.name))
        .filter((file) => file.endsWith('.cpuprofile'))
        .map((file) => {
          const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, entry.name, file), 'utf8')) as CpuProfile);
          const percent = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)} %`;
          return [
            `### ${entry.name} (${Math.round(summary.totalMs).toLocaleString('en')} ms sampled)`,
            '',
            '| Self time by owner | ms | share |',
            '| --- | --- | --- |',
            ...summary.owners.map((o) => `| ${o.owner} | ${Math.round(o.ms).toLocaleString('en')} | ${percent(o.ms)} |`),
            '',
            '| Top frames (self time) | ms | share |',
            '| --- | --- | --- |',
            ...summary.frames.map((f) => `| \`${f.frame.replaceAll('|', '\\|')}\` | ${Math.round(f.ms).toLocaleString('en')} | ${percent(f.ms)} |`),
          ].join('\n');
        }),
    );
  return [`## ${heading}`, '', ...sections.flatMap((section) => [section, ''])].join('\n');
}
