import { loadConfig } from '#shared/config/load-config';
import type { FunctionModule } from '#shared/runtime/function-module';
import { ReminderConfig } from './reminder-config';
import { createReminderFunction } from './reminder-function';
import { reminderMigrations } from './reminder-schema';

export const reminderModule: FunctionModule = {
  name: 'reminder',
  schema: 'reminder',
  migrations: reminderMigrations,
  create: ({ bus: _bus, ...deps }) => {
    const parts = createReminderFunction({ ...deps, config: loadConfig(ReminderConfig, deps.env) });
    return { routes: parts.routes, api: parts.api, consumer: parts.consumer, start: parts.start, stop: parts.stop };
  },
};
