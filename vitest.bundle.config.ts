import { defineConfig } from 'vitest/config';

/**
 * `npm run test:bundles`: the `*.bundle.test.ts` files, which run the built bundles (`dist/`, built when
 * missing) as their pods do, one process each, against the real Postgres server at DATABASE_URL (a
 * fresh database per run). One file at a time: each starts and stops many processes.
 */
export default defineConfig({
  test: {
    include: ['**/*.bundle.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    setupFiles: ['shared/src/testing/property-seed.ts'],
    globalSetup: ['shared/src/testing/global-setup.ts'],
  },
});
