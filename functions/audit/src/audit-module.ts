import type { FunctionModule } from '#shared/runtime/function-module';
import { createAuditFunction } from './audit-function';
import { auditMigrations } from './audit-schema';

export const auditModule: FunctionModule = {
  name: 'audit',
  schema: 'audit',
  migrations: auditMigrations,
  create: (deps) => createAuditFunction(deps),
};
