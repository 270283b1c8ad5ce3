import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['functions/**/*.test.ts', 'shared/**/*.test.ts', 'local/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    // Over a real Kafka broker: `npm run test:kafka` (vitest.kafka.config.ts); the built bundles as
    // processes: `npm run test:bundles` (vitest.bundle.config.ts).
    exclude: [...configDefaults.exclude, '**/*.kafka.test.ts', '**/*.bundle.test.ts', '**/*.dapr.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['shared/src/testing/property-seed.ts'],
    globalSetup: ['shared/src/testing/global-setup.ts'],
  },
});
