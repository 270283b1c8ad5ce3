import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS } from '../../scripts/bundle-options.mjs';

export interface BundleSize {
  name: string;
  outfile: string;
  /** The .mjs file (the source map beside it not counted). */
  bytes: number;
  /** The biggest contributors by package (`project` = this repository's own files). */
  largest: { source: string; bytes: number }[];
}

/** Bundles a file entry, or a module given as text (resolved from `resolveDir`), into `outDir/<name>.mjs`. */
export async function bundle(name: string, entry: string | { contents: string; resolveDir: string }, outDir: string): Promise<BundleSize> {
  const outfile = join(outDir, `${name}.mjs`);
  const source = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' as const, sourcefile: `${name}.ts` } };
  const { metafile } = await build({ ...BUNDLE_OPTIONS, ...source, outfile });
  const output = Object.entries(metafile!.outputs).find(([path]) => path.endsWith('.mjs'))![1];
  return { name, outfile, bytes: output.bytes, largest: largestSources(output, 8) };
}

function largestSources(output: Metafile['outputs'][string], count: number): { source: string; bytes: number }[] {
  const bySource = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    // The innermost package: npm nests some of @dapr/dapr's dependencies under it (express, iconv-lite, ...).
    const at = path.lastIndexOf('node_modules/');
    const source = at < 0 ? 'project' : (/^(?:@[^/]+\/)?[^/]+/.exec(path.slice(at + 'node_modules/'.length))?.[0] ?? path);
    bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, count);
}
