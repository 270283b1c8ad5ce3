import { startSystem } from '#shared/runtime/start-system';
import { statsModule } from './stats-module';

await startSystem({ env: { SERVICE_NAME: 'stats', ...process.env }, modules: [statsModule] });
