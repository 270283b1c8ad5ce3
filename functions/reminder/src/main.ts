import { startSystem } from '#shared/runtime/start-system';
import { reminderModule } from './reminder-module';

await startSystem({ env: { SERVICE_NAME: 'reminder', ...process.env }, modules: [reminderModule] });
