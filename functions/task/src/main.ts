import { startSystem } from '#shared/runtime/start-system';
import { taskModule } from './task-module';

await startSystem({ env: { SERVICE_NAME: 'task', ...process.env }, modules: [taskModule] });
