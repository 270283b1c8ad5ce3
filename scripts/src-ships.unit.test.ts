import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const FUNCTIONS = readdirSync(join(root, 'functions')).sort();

/** Every TypeScript file under `dir`, tests aside. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** A file with no code once its types are erased (interfaces, type aliases): it ships in no bundle by nature. */
async function typesOnly(file: string): Promise<boolean> {
  const { code } = await transform(readFileSync(join(root, file), 'utf8'), { loader: 'ts', format: 'esm' });
  return code.replace(/export\s*\{\s*\};?/g, '').trim() === '';
}

// `src/` is what ships: what only tests use (kits, fakes, fixtures, corpora, oracles) lives in the
// function's `test/` folder, so a reader of `src/` reads the function and nothing else.
describe('a function’s src/ holds only what its bundle runs', () => {
  it.each(FUNCTIONS)('%s', async (name) => {
    const { metafile } = await build({ ...BUNDLE_OPTIONS, entryPoints: [join(root, 'functions', name, 'src/main.ts')], write: false, outfile: join(root, 'dist', name, 'function.mjs'), sourcemap: false, minify: false, logLevel: 'silent' });
    const bundled = new Set(Object.keys(metafile?.inputs ?? {}));
    expect(bundled.size).toBeGreaterThan(0);
    const unshipped: string[] = [];
    for (const file of sourcesUnder(join(root, 'functions', name, 'src'))) {
      if (!bundled.has(file) && !(await typesOnly(file))) unshipped.push(file);
    }
    expect(unshipped, 'files in src/ that no bundle runs: move them to test/ (or delete them)').toEqual([]);
  }, 60_000);
});
