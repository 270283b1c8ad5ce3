import { defineFunction } from '#shared/runtime/function-module';
import { ReminderConfig } from './reminder-config';
import { createReminderFunction } from './reminder-function';
import { reminderMigrations } from './reminder-schema';

export const reminderModule = defineFunction({
  name: 'reminder',
  schema: 'reminder',
  migrations: reminderMigrations,
  config: ReminderConfig,
  create: ({ bus: _bus, env: _env, ...deps }, config) => {
    const parts = createReminderFunction({ ...deps, config });
    return { routes: parts.routes, api: parts.api, consumer: parts.consumer, start: parts.start, stop: parts.stop };
  },
});
