import { startSystem } from '#shared/runtime/start-system';
import { chatModule } from './chat-module';

await startSystem({ env: { SERVICE_NAME: 'chat', ...process.env }, modules: [chatModule] });
