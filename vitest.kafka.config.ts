import { defineConfig } from 'vitest/config';

/**
 * `npm run test:kafka`: the `*.kafka.test.ts` files, over a real Kafka broker (a fresh one the setup
 * starts with scripts/kafka.sh on KAFKA_TEST_PORT, default 29192) and the real Postgres server at
 * DATABASE_URL (a fresh database per run). One file at a time: they share the broker's topics.
 */
export default defineConfig({
  test: {
    include: ['**/*.kafka.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    setupFiles: ['shared/src/testing/property-seed.ts'],
    globalSetup: ['shared/src/testing/global-setup.ts', 'shared/src/testing/kafka-global-setup.ts'],
  },
});
