// The esbuild options of every function bundle: scripts/build.mjs builds with them, and the Dapr SDK
// bench (bench/dapr-sdk/) measures its bundles with exactly the same.

// CommonJS dependencies (pino, prom-client) call require() and read __dirname, which ESM lacks.
const banner = [
  "import { createRequire as __bannerCreateRequire } from 'node:module';",
  'const require = __bannerCreateRequire(import.meta.url);',
  'const __filename = import.meta.filename;',
  'const __dirname = import.meta.dirname;',
].join('\n');

// The embedded Postgres is for the local system only: a function image always has DATABASE_URL, so
// PGlite (about 1 MiB of JS plus its wasm) stays out of the bundles and is loaded lazily in development.
const devOnly = ['@electric-sql/pglite', '@electric-sql/pglite-socket'];

/** @type {import('esbuild').BuildOptions} */
export const BUNDLE_OPTIONS = {
  bundle: true,
  packages: 'bundle',
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  banner: { js: banner },
  external: devOnly,
  logLevel: 'warning',
};
