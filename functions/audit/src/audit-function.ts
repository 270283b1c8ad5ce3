import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { createAuditConsumer } from './audit-consumer';
import type { AuditDeps } from './audit-deps';
import { AUDIT_API } from './audit-api';
import { auditRoutes } from './audit-routes';
import { functionRoutes } from '#shared/http/function-routes';

/** The audit function's parts, mounted by its own entry point or by the one-process system. */
export function createAuditFunction(deps: AuditDeps): { name: 'audit'; routes: Hono<never>; api: ApiContracts; consumer: Consumer } {
  return {
    name: 'audit',
    routes: functionRoutes(auditRoutes(deps)),
    api: AUDIT_API,
    consumer: createAuditConsumer(deps),
  };
}
