import { defineConfig } from 'vitest/config';

/**
 * `npm run test:dapr` (after building the bundles, so they hold the code under test): the `*.dapr.test.ts` files, each adapter against a real daprd and Jobs scheduler
 * (built by scripts/dapr-sidecar.sh into .cache/), in self-hosted mode with the project's own Dapr
 * files (shared/src/testing/dapr/self-hosted-resources.ts), a fresh Kafka broker on KAFKA_TEST_PORT and
 * the real Postgres server at DATABASE_URL (a fresh database per run). One file at a time.
 */
export default defineConfig({
  test: {
    include: ['**/*.dapr.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    setupFiles: ['shared/src/testing/property-seed.ts'],
    globalSetup: ['shared/src/testing/global-setup.ts', 'shared/src/testing/kafka-global-setup.ts', 'shared/src/testing/dapr/dapr-global-setup.ts'],
  },
});
