import { startSystem } from '#shared/runtime/start-system';
import { recurrenceModule } from './recurrence-module';

await startSystem({ env: { SERVICE_NAME: 'recurrence', ...process.env }, modules: [recurrenceModule] });
