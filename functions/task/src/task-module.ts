import type { FunctionModule } from '#shared/runtime/function-module';
import { createTaskFunction } from './task-function';
import { taskMigrations } from './task-schema';

export const taskModule: FunctionModule = {
  name: 'task',
  schema: 'task',
  migrations: taskMigrations,
  create: (deps) => createTaskFunction(deps),
};
