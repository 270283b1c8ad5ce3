import type { FunctionModule } from '#shared/runtime/function-module';
import { createStatsFunction } from './stats-function';
import { statsMigrations } from './stats-schema';

export const statsModule: FunctionModule = {
  name: 'stats',
  schema: 'stats',
  migrations: statsMigrations,
  create: (deps) => createStatsFunction(deps),
};
