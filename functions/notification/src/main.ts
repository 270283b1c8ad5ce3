import { startSystem } from '#shared/runtime/start-system';
import { notificationModule } from './notification-module';

await startSystem({ env: { SERVICE_NAME: 'notification', ...process.env }, modules: [notificationModule] });
