import { startSystem } from '#shared/runtime/start-system';
import { auditModule } from './audit-module';

await startSystem({ env: { SERVICE_NAME: 'audit', ...process.env }, modules: [auditModule] });
