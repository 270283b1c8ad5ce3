// One self-contained ESM bundle per function: functions/<name>/src/main.ts → dist/<name>/function.mjs,
// started by dist/<name>/main.mjs (scripts/bundle-entry.mjs: the stop handlers, then the bundle).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const functionsDir = join(root, 'functions');
const distDir = join(root, 'dist');

function listFunctions() {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(functionsDir, entry.name, 'src/main.ts')))
    .map((entry) => entry.name)
    .sort();
}

function copyFiles(fromDir, toDir, names) {
  mkdirSync(toDir, { recursive: true });
  for (const name of names) copyFileSync(join(fromDir, name), join(toDir, name));
}

async function buildFunction(name) {
  const outDir = join(distDir, name);
  const { metafile } = await build({
    entryPoints: { function: join(functionsDir, name, 'src/main.ts') },
    outdir: outDir,
    // What is imported lazily (the OpenTelemetry SDK, loaded only when traces are exported) becomes
    // a chunk beside the bundle, read only by a process that needs it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    ...BUNDLE_OPTIONS,
  });
  writeFileSync(join(outDir, 'meta.json'), JSON.stringify(metafile));
  copyFileSync(join(root, 'scripts/bundle-entry.mjs'), join(outDir, 'main.mjs'));

  const migrations = join(functionsDir, name, 'src/migrations');
  if (existsSync(migrations)) {
    const sqlFiles = readdirSync(migrations).filter((file) => file.endsWith('.sql'));
    copyFiles(migrations, join(outDir, 'migrations'), sqlFiles);
  }
  // Static files a function serves (the chat page) sit beside the bundle, like its migrations.
  const publicDir = join(functionsDir, name, 'src/public');
  if (existsSync(publicDir)) {
    const files = readdirSync(publicDir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    copyFiles(publicDir, join(outDir, 'public'), files);
  }
  return { name, kib: statSync(join(outDir, 'function.mjs')).size / 1024 };
}

const names = listFunctions();
if (names.length === 0) {
  console.error('build: no functions/*/src/main.ts found');
  process.exit(1);
}

rmSync(distDir, { recursive: true, force: true });
const results = await Promise.allSettled(names.map(buildFunction));
const built = results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
const failed = results.filter((result) => result.status === 'rejected');

if (built.length > 0) {
  const width = Math.max('function'.length, ...built.map((result) => result.name.length));
  console.log(`${'function'.padEnd(width)}  ${'KiB'.padStart(8)}`);
  for (const { name, kib } of built) console.log(`${name.padEnd(width)}  ${kib.toFixed(1).padStart(8)}`);
}
// esbuild has already printed its own errors; anything else (file system) is printed here.
for (const { reason } of failed) if (!Array.isArray(reason?.errors)) console.error(reason);
if (failed.length > 0) {
  console.error(`build: ${failed.length} of ${names.length} functions failed`);
  process.exit(1);
}
