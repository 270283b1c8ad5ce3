import type { FunctionModule } from '#shared/runtime/function-module';
import { createRecurrenceFunction } from './recurrence-function';
import { recurrenceMigrations } from './recurrence-schema';

export const recurrenceModule: FunctionModule = {
  name: 'recurrence',
  schema: 'recurrence',
  migrations: recurrenceMigrations,
  create: (deps) => createRecurrenceFunction(deps),
};
